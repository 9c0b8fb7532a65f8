// SPDX-License-Identifier: Apache-2.0
//
// Workspace: the analyst's store of cases and analysis runs, one SQLite file. Every save of a
// case appends a version (nothing is overwritten or deleted); analysis runs are keyed by (case
// version, command, canonical options, seed, mend version) and stored with their result, so a
// run is computed once and can be cited by its id. The schema evolves by numbered migrations;
// a file written by a newer mend is refused. The file is in WAL mode with synchronous=FULL, and
// each save is one transaction: once SaveVersion returns, the version survives a crash.
//
// Example:
//   MEND_TRY(auto workspace, Workspace::Open("mend-workspace.sqlite", {}));
//   MEND_TRY(SavedVersion saved, workspace->SaveVersion({"chicken", "Chicken", text, "", "api"}));
//   MEND_TRY(CaseVersion latest, workspace->GetVersion("chicken", std::nullopt));
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "mend/core/result.hpp"

namespace mend {

/// The schema this build writes; numbered migrations 1..kWorkspaceSchemaVersion.
inline constexpr int kWorkspaceSchemaVersion = 5;

/// A version to append. The caller has checked that `source` is a valid case with this id.
struct NewVersion {
  std::string case_id;
  std::string title;
  std::string source;
  std::string message;
  /// Where it came from: "api", "import:NAME", "builtin:PATH".
  std::string origin;
  /// When non-empty, a later save of the same case with the same key stores nothing and
  /// returns this save's version (an `Idempotency-Key` of the API).
  std::string idempotency_key;
  /// When true, the save only creates the case: if a case with this id exists, nothing is
  /// stored and SaveVersion fails with kFailedPrecondition (decided inside its transaction, so
  /// two concurrent creations of one id cannot both succeed).
  bool create_only = false;
};

struct VersionInfo {
  std::string case_id;
  int version = 0;
  std::string title;
  std::string message;
  std::string origin;
  std::string created_at;  // UTC, ISO 8601 with milliseconds
  std::string checksum;    // "fnv1a64:<16 hex digits>" of source
  std::int64_t bytes = 0;
};

struct CaseVersion {
  VersionInfo info;
  std::string source;
};

struct SavedVersion {
  VersionInfo info;
  /// True when this save created the case (for a replay: when the first save did).
  bool created = false;
  /// True when the idempotency key was used before: nothing was stored, `info` is the version
  /// the first save stored.
  bool replayed = false;
};

struct CaseSummary {
  std::string id;
  std::string title;  // of the latest version
  int latest_version = 0;
  int versions = 0;
  std::string created_at;
  std::string updated_at;
};

/// What identifies a run. `options` is canonical JSON text: equal options, equal text.
struct RunKey {
  std::string case_id;
  int version = 0;
  std::string command;
  std::string options;
  std::int64_t seed = 0;
  std::string mend_version;
};

struct StoredRun {
  std::int64_t id = 0;
  RunKey key;
  std::string result;  // the command's JSON output, byte for byte
  std::string created_at;
  double elapsed_ms = 0;
};

/// A run that was removed: what it was (its result is gone) and when.
struct RemovedRun {
  std::int64_t id = 0;
  RunKey key;
  std::uint64_t bytes = 0;  // of the result it held
  std::string removed_at;
};

/// What a run may take of the workspace: the bytes of its result, and the bytes of all stored
/// results together once it is stored. 0 means no limit.
struct RunStorageLimits {
  std::uint64_t max_result_bytes = 0;
  std::uint64_t quota_bytes = 0;
};

/// Why a run was not stored (RunStorageLimits), with the numbers.
struct RunRefusal {
  enum class Reason { kResultTooLarge, kOverQuota };
  Reason reason = Reason::kResultTooLarge;
  std::uint64_t result_bytes = 0;
  /// The limit it broke: max_result_bytes or quota_bytes.
  std::uint64_t limit_bytes = 0;
  /// The bytes all stored runs held when it was refused.
  std::uint64_t stored_bytes = 0;
};

/// A run stored (or found stored under its key), or refused with nothing stored.
struct RunStoreOutcome {
  std::optional<StoredRun> run;
  std::optional<RunRefusal> refusal;
};

struct WorkspaceOptions {
  /// Versions stored when the file is created (the built-in cases); ignored afterwards.
  std::vector<NewVersion> seed;
  /// Migrate up to this schema version only (tests of migrations use it).
  int target_schema_version = kWorkspaceSchemaVersion;
};

/// Thread-safe: calls are serialised on one connection. Errors: kIo when SQLite or the file
/// system fails (the message carries SQLite's text), kFailedPrecondition for a file that is not
/// a mend workspace or was written by a newer mend, kNotFound for missing cases/versions/runs.
class Workspace {
 public:
  /// Opens or creates the workspace at `path`, applies pending migrations (each in its own
  /// transaction) and seeds a new file. Fails with kFailedPrecondition when the file's schema is
  /// newer than kWorkspaceSchemaVersion or it is not a mend workspace, kIo otherwise.
  static Result<std::unique_ptr<Workspace>> Open(const std::string& path,
                                                 const WorkspaceOptions& options);
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  /// The schema version of the file (after migration).
  int schema_version() const { return schema_version_; }

  /// Every case, sorted by id.
  Result<std::vector<CaseSummary>> ListCases();
  /// One version, or the latest when `version` is empty. kNotFound when absent; kIo when the
  /// stored text no longer matches its checksum.
  Result<CaseVersion> GetVersion(const std::string& case_id, std::optional<int> version);
  /// The history of a case, newest first. kNotFound for an unknown case.
  Result<std::vector<VersionInfo>> ListVersions(const std::string& case_id);
  /// Appends a version in one transaction (creating the case when new) and returns it once
  /// committed. With an idempotency key already used for this case, stores nothing and returns
  /// the first save's version (replayed); kFailedPrecondition when that version's text differs
  /// from `source`. The key is stored in the version's transaction. kInvalidArgument for an
  /// empty id or source.
  Result<SavedVersion> SaveVersion(const NewVersion& version);

  /// The stored run with this key, if any.
  Result<std::optional<StoredRun>> FindRun(const RunKey& key);
  /// Stores a run; when an equal key was stored meanwhile, returns that one instead.
  /// kNotFound when the case version does not exist.
  Result<StoredRun> StoreRun(const RunKey& key, const std::string& result, double elapsed_ms);
  /// Stores a run within `limits`, checked in the transaction that stores it (so concurrent
  /// stores cannot together pass the quota): a result above max_result_bytes, or one that would
  /// take all stored results above quota_bytes, is refused and nothing is stored. A run already
  /// stored under an equal key is returned as it is, whatever the limits.
  Result<RunStoreOutcome> StoreRunWithin(const RunKey& key, const std::string& result,
                                         double elapsed_ms, const RunStorageLimits& limits);
  /// One run by id. kNotFound when absent.
  Result<StoredRun> GetRun(std::int64_t id);
  /// The runs of a case, newest first, without their results. kNotFound for an unknown case.
  Result<std::vector<StoredRun>> ListRuns(const std::string& case_id);
  /// Removes a stored run in one transaction, freeing its bytes for the quota, and records
  /// what it was (the id is never reused). kNotFound for an unknown id, or one removed before
  /// (the message says when). Needs schema 5.
  Result<RemovedRun> RemoveRun(std::int64_t id);
  /// The record of a removed run, if `id` is one.
  Result<std::optional<RemovedRun>> FindRemovedRun(std::int64_t id);
  /// The bytes of all stored run results together (what the quota counts). kIo when SQLite
  /// fails.
  Result<std::uint64_t> StoredRunBytes();

  /// Writes one version's text to `path` (a temporary file renamed into place).
  Status ExportVersion(const std::string& case_id, std::optional<int> version,
                       const std::string& path);

  /// Runs SQLite's integrity check, verifies every version's checksum and that the count of
  /// stored run bytes matches the runs; returns the number of versions checked. kIo describing
  /// the first problem found.
  Result<std::int64_t> CheckIntegrity();

 private:
  struct Impl;
  explicit Workspace(std::unique_ptr<Impl> impl, int schema_version);

  std::unique_ptr<Impl> impl_;
  int schema_version_ = 0;
  std::mutex mutex_;
};

/// "fnv1a64:<16 hex digits>" of `text` (FNV-1a, 64 bit): the checksum stored with versions.
std::string VersionChecksum(const std::string& text);

}  // namespace mend
