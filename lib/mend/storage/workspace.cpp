// SPDX-License-Identifier: Apache-2.0
#include "mend/storage/workspace.hpp"

#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include "mend/storage/migrations.hpp"

namespace mend {

// Every public method catches SQLite's exceptions here, at the adapter's edge.
#define MEND_STORAGE_EDGE(context)                                               \
  catch (const SQLite::Exception& e) {                                           \
    return Error::Io(fmt::format("workspace: {}: {}", context, e.what()));       \
  }                                                                              \
  catch (const std::bad_alloc&) {                                                \
    throw;                                                                       \
  }                                                                              \
  catch (const std::exception& e) {                                              \
    return Error::Internal(fmt::format("workspace: {}: {}", context, e.what())); \
  }

namespace {

constexpr const char* kNow = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

Error FailedPrecondition(std::string message) {
  return {ErrorCode::kFailedPrecondition, std::move(message), {}};
}

bool TableExists(SQLite::Database& db, const char* name) {
  SQLite::Statement query(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  query.bind(1, name);
  return query.executeStep();
}

int CountTables(SQLite::Database& db) {
  SQLite::Statement query(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'");
  query.executeStep();
  return query.getColumn(0).getInt();
}

VersionInfo ReadInfo(SQLite::Statement& row) {
  // Columns: case_id, version, title, message, origin, created_at, checksum, bytes.
  VersionInfo info;
  info.case_id = row.getColumn(0).getString();
  info.version = row.getColumn(1).getInt();
  info.title = row.getColumn(2).getString();
  info.message = row.getColumn(3).getString();
  info.origin = row.getColumn(4).getString();
  info.created_at = row.getColumn(5).getString();
  info.checksum = row.getColumn(6).getString();
  info.bytes = row.getColumn(7).getInt64();
  return info;
}

constexpr const char* kInfoColumns =
    "case_id, version, title, message, origin, created_at, checksum, length(CAST(source AS BLOB))";

constexpr const char* kRunColumns =
    "id, case_id, version, command, options, seed, mend_version, created_at, elapsed_ms";

StoredRun ReadRun(SQLite::Statement& row, bool with_result) {
  StoredRun run;
  run.id = row.getColumn(0).getInt64();
  run.key.case_id = row.getColumn(1).getString();
  run.key.version = row.getColumn(2).getInt();
  run.key.command = row.getColumn(3).getString();
  run.key.options = row.getColumn(4).getString();
  run.key.seed = row.getColumn(5).getInt64();
  run.key.mend_version = row.getColumn(6).getString();
  run.created_at = row.getColumn(7).getString();
  run.elapsed_ms = row.getColumn(8).getDouble();
  if (with_result) run.result = row.getColumn(9).getString();
  return run;
}

void InsertVersion(SQLite::Database& db, const NewVersion& version, int number) {
  SQLite::Statement insert(
      db, fmt::format("INSERT INTO case_versions (case_id, version, title, source, message, "
                      "origin, checksum, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, {})",
                      kNow));
  insert.bind(1, version.case_id);
  insert.bind(2, number);
  insert.bind(3, version.title);
  insert.bind(4, version.source);
  insert.bind(5, version.message);
  insert.bind(6, version.origin);
  insert.bind(7, VersionChecksum(version.source));
  insert.exec();
}

// Appends `version` inside the caller's transaction; returns (number, created).
std::pair<int, bool> AppendVersion(SQLite::Database& db, const NewVersion& version) {
  SQLite::Statement create(db, fmt::format("INSERT OR IGNORE INTO cases (id, created_at) "
                                           "VALUES (?, {})",
                                           kNow));
  create.bind(1, version.case_id);
  const bool created = create.exec() == 1;
  SQLite::Statement next(
      db, "SELECT COALESCE(MAX(version), 0) + 1 FROM case_versions WHERE case_id = ?");
  next.bind(1, version.case_id);
  next.executeStep();
  const int number = next.getColumn(0).getInt();
  InsertVersion(db, version, number);
  return {number, created};
}

// The bytes all stored run results hold: the count migration 4 keeps, or (for a file opened at
// an older schema, as tests of migrations do) the sum itself.
std::uint64_t StoredBytes(SQLite::Database& db, int schema_version) {
  const char* query = schema_version >= 4
                          ? "SELECT bytes FROM run_bytes WHERE id = 1"
                          : "SELECT COALESCE(SUM(LENGTH(CAST(result AS BLOB))), 0) FROM runs";
  return static_cast<std::uint64_t>(db.execAndGet(query).getInt64());
}

}  // namespace

struct Workspace::Impl {
  explicit Impl(const std::string& path)
      : db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX) {}
  SQLite::Database db;
};

Workspace::Workspace(std::unique_ptr<Impl> impl, int schema_version)
    : impl_(std::move(impl)), schema_version_(schema_version) {}

Workspace::~Workspace() = default;

std::string VersionChecksum(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return fmt::format("fnv1a64:{:016x}", hash);
}

Result<std::unique_ptr<Workspace>> Workspace::Open(const std::string& path,
                                                   const WorkspaceOptions& options) {
  try {
    auto impl = std::make_unique<Impl>(path);
    SQLite::Database& db = impl->db;
    db.exec("PRAGMA busy_timeout = 10000");
    // Reading the journal mode also makes SQLite read the header: a file that is not a
    // database fails here rather than later.
    if (db.execAndGet("PRAGMA journal_mode = WAL").getString() != "wal") {
      return Error::Io(fmt::format("workspace {}: cannot switch to WAL mode", path));
    }
    db.exec("PRAGMA synchronous = FULL");
    db.exec("PRAGMA foreign_keys = ON");

    const bool fresh = CountTables(db) == 0;
    if (!fresh && !TableExists(db, "schema_migrations")) {
      return FailedPrecondition(
          fmt::format("workspace {}: not a mend workspace (no schema_migrations table)", path));
    }
    int current = 0;
    {
      SQLite::Transaction begin(db, SQLite::TransactionBehavior::IMMEDIATE);
      db.exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
          "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
      SQLite::Statement query(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
      query.executeStep();
      current = query.getColumn(0).getInt();
      query.reset();
      begin.commit();
    }
    if (current > kWorkspaceSchemaVersion) {
      return FailedPrecondition(
          fmt::format("workspace {}: schema version {} is newer than this mend understands ({}); "
                      "use a newer mend",
                      path, current, kWorkspaceSchemaVersion));
    }
    const int target = std::min(options.target_schema_version, kWorkspaceSchemaVersion);
    for (const Migration& migration : WorkspaceMigrations()) {
      if (migration.number <= current || migration.number > target) continue;
      SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
      // Another process may have migrated meanwhile; the IMMEDIATE lock makes this check safe.
      SQLite::Statement done(db, "SELECT 1 FROM schema_migrations WHERE version = ?");
      done.bind(1, migration.number);
      const bool already = done.executeStep();
      done.reset();
      if (!already) {
        db.exec(migration.sql);
        SQLite::Statement record(
            db, fmt::format("INSERT INTO schema_migrations (version, name, applied_at) "
                            "VALUES (?, ?, {})",
                            kNow));
        record.bind(1, migration.number);
        record.bind(2, migration.name);
        record.exec();
      }
      transaction.commit();
      current = migration.number;
    }
    if (fresh && !options.seed.empty()) {
      SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
      for (const NewVersion& version : options.seed) AppendVersion(db, version);
      transaction.commit();
    }
    return std::unique_ptr<Workspace>(new Workspace(std::move(impl), current));
  } catch (const SQLite::Exception& e) {
    const int code = e.getErrorCode();
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) {
      return FailedPrecondition(fmt::format("workspace {}: {}", path, e.what()));
    }
    return Error::Io(fmt::format("workspace {}: {}", path, e.what()));
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    return Error::Internal(fmt::format("workspace {}: {}", path, e.what()));
  }
}

Result<std::vector<CaseSummary>> Workspace::ListCases() {
  std::lock_guard lock(mutex_);
  try {
    SQLite::Statement query(impl_->db, R"sql(
      SELECT c.id, v.title, v.version, c.created_at, v.created_at
      FROM cases c JOIN case_versions v ON v.case_id = c.id
      WHERE v.version = (SELECT MAX(version) FROM case_versions WHERE case_id = c.id)
      ORDER BY c.id)sql");
    std::vector<CaseSummary> cases;
    while (query.executeStep()) {
      CaseSummary summary;
      summary.id = query.getColumn(0).getString();
      summary.title = query.getColumn(1).getString();
      summary.latest_version = query.getColumn(2).getInt();
      summary.versions = summary.latest_version;
      summary.created_at = query.getColumn(3).getString();
      summary.updated_at = query.getColumn(4).getString();
      cases.push_back(std::move(summary));
    }
    return cases;
  }
  MEND_STORAGE_EDGE("list cases")
}

Result<CaseVersion> Workspace::GetVersion(const std::string& case_id, std::optional<int> version) {
  std::lock_guard lock(mutex_);
  try {
    const std::string sql = version
                                ? fmt::format(
                                      "SELECT {}, source FROM case_versions WHERE case_id = ? AND "
                                      "version = ?",
                                      kInfoColumns)
                                : fmt::format(
                                      "SELECT {}, source FROM case_versions WHERE case_id = ? "
                                      "ORDER BY version DESC LIMIT 1",
                                      kInfoColumns);
    SQLite::Statement query(impl_->db, sql);
    query.bind(1, case_id);
    if (version) query.bind(2, *version);
    if (!query.executeStep()) {
      return version
                 ? Error::NotFound(fmt::format("case '{}' has no version {}", case_id, *version))
                 : Error::NotFound(fmt::format("no case '{}'", case_id));
    }
    CaseVersion found{ReadInfo(query), query.getColumn(8).getString()};
    if (VersionChecksum(found.source) != found.info.checksum) {
      return Error::Io(fmt::format("case '{}' version {}: stored text does not match its checksum",
                                   case_id, found.info.version));
    }
    return found;
  }
  MEND_STORAGE_EDGE("read version")
}

Result<std::vector<VersionInfo>> Workspace::ListVersions(const std::string& case_id) {
  std::lock_guard lock(mutex_);
  try {
    SQLite::Statement query(impl_->db, fmt::format("SELECT {} FROM case_versions WHERE case_id = ? "
                                                   "ORDER BY version DESC",
                                                   kInfoColumns));
    query.bind(1, case_id);
    std::vector<VersionInfo> versions;
    while (query.executeStep()) versions.push_back(ReadInfo(query));
    if (versions.empty()) return Error::NotFound(fmt::format("no case '{}'", case_id));
    return versions;
  }
  MEND_STORAGE_EDGE("list versions")
}

Result<SavedVersion> Workspace::SaveVersion(const NewVersion& version) {
  if (version.case_id.empty()) return Error::InvalidArgument("a saved case needs an id");
  if (version.source.empty()) return Error::InvalidArgument("a saved case needs its text");
  std::lock_guard lock(mutex_);
  try {
    SQLite::Database& db = impl_->db;
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    const auto read_info = [&db, &version](int number) {
      SQLite::Statement query(db, fmt::format("SELECT {} FROM case_versions WHERE case_id = ? "
                                              "AND version = ?",
                                              kInfoColumns));
      query.bind(1, version.case_id);
      query.bind(2, number);
      query.executeStep();
      return ReadInfo(query);
    };
    if (!version.idempotency_key.empty()) {
      SQLite::Statement used(db,
                             "SELECT version, created FROM save_keys WHERE case_id = ? AND "
                             "key = ?");
      used.bind(1, version.case_id);
      used.bind(2, version.idempotency_key);
      if (used.executeStep()) {
        SavedVersion first{read_info(used.getColumn(0).getInt()), used.getColumn(1).getInt() != 0,
                           true};
        if (first.info.checksum != VersionChecksum(version.source)) {
          return FailedPrecondition(fmt::format(
              "Idempotency-Key '{}' was used for case '{}' version {}, whose text differs from "
              "this save's; use a new key for a new save",
              version.idempotency_key, version.case_id, first.info.version));
        }
        return first;  // nothing written: the transaction rolls back
      }
    }
    if (version.create_only) {
      SQLite::Statement exists(db, "SELECT 1 FROM cases WHERE id = ?");
      exists.bind(1, version.case_id);
      if (exists.executeStep()) {
        return FailedPrecondition(fmt::format(
            "a case with id '{}' already exists; nothing was saved (choose another id, or save "
            "a new version of '{}')",
            version.case_id, version.case_id));
      }
    }
    auto [number, created] = AppendVersion(db, version);
    if (!version.idempotency_key.empty()) {
      SQLite::Statement key(db, fmt::format("INSERT INTO save_keys (case_id, key, version, "
                                            "created, created_at) VALUES (?, ?, ?, ?, {})",
                                            kNow));
      key.bind(1, version.case_id);
      key.bind(2, version.idempotency_key);
      key.bind(3, number);
      key.bind(4, created ? 1 : 0);
      key.exec();
    }
    SavedVersion saved{read_info(number), created, false};
    transaction.commit();  // synchronous=FULL: durable when this returns, with its key
    return saved;
  }
  MEND_STORAGE_EDGE("save version")
}

Result<std::optional<StoredRun>> Workspace::FindRun(const RunKey& key) {
  std::lock_guard lock(mutex_);
  try {
    SQLite::Statement query(
        impl_->db, fmt::format("SELECT {}, result FROM runs WHERE case_id = ? AND version = ? "
                               "AND command = ? AND options = ? AND seed = ? AND mend_version = ?",
                               kRunColumns));
    query.bind(1, key.case_id);
    query.bind(2, key.version);
    query.bind(3, key.command);
    query.bind(4, key.options);
    query.bind(5, static_cast<std::int64_t>(key.seed));
    query.bind(6, key.mend_version);
    if (!query.executeStep()) return std::optional<StoredRun>();
    return std::optional<StoredRun>(ReadRun(query, true));
  }
  MEND_STORAGE_EDGE("find run")
}

Result<StoredRun> Workspace::StoreRun(const RunKey& key, const std::string& result,
                                      double elapsed_ms) {
  MEND_TRY(RunStoreOutcome outcome, StoreRunWithin(key, result, elapsed_ms, {}));
  if (!outcome.run) return Error::Internal("a run without limits was refused");
  return std::move(*outcome.run);
}

Result<RunStoreOutcome> Workspace::StoreRunWithin(const RunKey& key, const std::string& result,
                                                  double elapsed_ms,
                                                  const RunStorageLimits& limits) {
  {
    std::lock_guard lock(mutex_);
    try {
      SQLite::Database& db = impl_->db;
      SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
      SQLite::Statement exists(db, "SELECT 1 FROM case_versions WHERE case_id = ? AND version = ?");
      exists.bind(1, key.case_id);
      exists.bind(2, key.version);
      if (!exists.executeStep()) {
        return Error::NotFound(
            fmt::format("case '{}' has no version {}", key.case_id, key.version));
      }
      exists.reset();
      SQLite::Statement stored_key(
          db,
          "SELECT 1 FROM runs WHERE case_id = ? AND version = ? AND command = ? AND "
          "options = ? AND seed = ? AND mend_version = ?");
      stored_key.bind(1, key.case_id);
      stored_key.bind(2, key.version);
      stored_key.bind(3, key.command);
      stored_key.bind(4, key.options);
      stored_key.bind(5, static_cast<std::int64_t>(key.seed));
      stored_key.bind(6, key.mend_version);
      const bool already_stored = stored_key.executeStep();
      stored_key.reset();
      if (!already_stored) {
        const std::uint64_t bytes = result.size();
        // Read inside this IMMEDIATE transaction: no other store can change it before commit.
        const std::uint64_t stored = StoredBytes(db, schema_version_);
        if (limits.max_result_bytes != 0 && bytes > limits.max_result_bytes) {
          return RunStoreOutcome{std::nullopt, RunRefusal{RunRefusal::Reason::kResultTooLarge,
                                                          bytes, limits.max_result_bytes, stored}};
        }
        if (limits.quota_bytes != 0 &&
            (bytes > limits.quota_bytes || stored > limits.quota_bytes - bytes)) {
          return RunStoreOutcome{std::nullopt, RunRefusal{RunRefusal::Reason::kOverQuota, bytes,
                                                          limits.quota_bytes, stored}};
        }
        SQLite::Statement insert(
            db, fmt::format("INSERT INTO runs (case_id, version, command, options, seed, "
                            "mend_version, result, elapsed_ms, created_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, {})",
                            kNow));
        insert.bind(1, key.case_id);
        insert.bind(2, key.version);
        insert.bind(3, key.command);
        insert.bind(4, key.options);
        insert.bind(5, static_cast<std::int64_t>(key.seed));
        insert.bind(6, key.mend_version);
        insert.bind(7, result);
        insert.bind(8, elapsed_ms);
        insert.exec();
        transaction.commit();
      }
    }
    MEND_STORAGE_EDGE("store run")
  }
  MEND_TRY(std::optional<StoredRun> stored, FindRun(key));
  if (!stored) return Error::Internal("a stored run vanished");
  return RunStoreOutcome{std::move(*stored), std::nullopt};
}

namespace {

constexpr const char* kRemovedColumns =
    "id, case_id, version, command, options, seed, mend_version, bytes, removed_at";

RemovedRun ReadRemoved(SQLite::Statement& row) {
  RemovedRun removed;
  removed.id = row.getColumn(0).getInt64();
  removed.key.case_id = row.getColumn(1).getString();
  removed.key.version = row.getColumn(2).getInt();
  removed.key.command = row.getColumn(3).getString();
  removed.key.options = row.getColumn(4).getString();
  removed.key.seed = static_cast<std::uint64_t>(row.getColumn(5).getInt64());
  removed.key.mend_version = row.getColumn(6).getString();
  removed.bytes = static_cast<std::uint64_t>(row.getColumn(7).getInt64());
  removed.removed_at = row.getColumn(8).getString();
  return removed;
}

std::optional<RemovedRun> FindRemoved(SQLite::Database& db, std::int64_t id) {
  SQLite::Statement query(db,
                          fmt::format("SELECT {} FROM removed_runs WHERE id = ?", kRemovedColumns));
  query.bind(1, id);
  if (!query.executeStep()) return std::nullopt;
  return ReadRemoved(query);
}

}  // namespace

Result<StoredRun> Workspace::GetRun(std::int64_t id) {
  std::lock_guard lock(mutex_);
  try {
    SQLite::Statement query(impl_->db,
                            fmt::format("SELECT {}, result FROM runs WHERE id = ?", kRunColumns));
    query.bind(1, static_cast<std::int64_t>(id));
    if (!query.executeStep()) {
      if (schema_version_ >= 5) {
        if (std::optional<RemovedRun> removed = FindRemoved(impl_->db, id)) {
          return Error::NotFound(fmt::format("run {} was removed at {}", id, removed->removed_at));
        }
      }
      return Error::NotFound(fmt::format("no run {}", id));
    }
    return ReadRun(query, true);
  }
  MEND_STORAGE_EDGE("read run")
}

Result<std::optional<RemovedRun>> Workspace::FindRemovedRun(std::int64_t id) {
  std::lock_guard lock(mutex_);
  if (schema_version_ < 5) return std::optional<RemovedRun>();
  try {
    return FindRemoved(impl_->db, id);
  }
  MEND_STORAGE_EDGE("find removed run")
}

Result<RemovedRun> Workspace::RemoveRun(std::int64_t id) {
  std::lock_guard lock(mutex_);
  if (schema_version_ < 5) {
    return FailedPrecondition("removing runs needs workspace schema 5; open it with this mend");
  }
  try {
    SQLite::Database& db = impl_->db;
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    if (std::optional<RemovedRun> before = FindRemoved(db, id)) {
      return Error::NotFound(fmt::format("run {} was removed at {}", id, before->removed_at));
    }
    SQLite::Statement exists(db, "SELECT 1 FROM runs WHERE id = ?");
    exists.bind(1, id);
    if (!exists.executeStep()) return Error::NotFound(fmt::format("no run {}", id));
    exists.reset();
    // The record and the removal commit together; the byte count follows by trigger.
    SQLite::Statement record(
        db, fmt::format("INSERT INTO removed_runs ({}) SELECT id, case_id, version, command, "
                        "options, seed, mend_version, LENGTH(CAST(result AS BLOB)), {} "
                        "FROM runs WHERE id = ?",
                        kRemovedColumns, kNow));
    record.bind(1, id);
    record.exec();
    SQLite::Statement remove(db, "DELETE FROM runs WHERE id = ?");
    remove.bind(1, id);
    remove.exec();
    std::optional<RemovedRun> removed = FindRemoved(db, id);
    if (!removed) return Error::Internal(fmt::format("run {}: its removal left no record", id));
    transaction.commit();
    return std::move(*removed);
  }
  MEND_STORAGE_EDGE("remove run")
}

Result<std::vector<StoredRun>> Workspace::ListRuns(const std::string& case_id) {
  std::lock_guard lock(mutex_);
  try {
    SQLite::Statement known(impl_->db, "SELECT 1 FROM cases WHERE id = ?");
    known.bind(1, case_id);
    if (!known.executeStep()) return Error::NotFound(fmt::format("no case '{}'", case_id));
    SQLite::Statement query(
        impl_->db,
        fmt::format("SELECT {} FROM runs WHERE case_id = ? ORDER BY id DESC", kRunColumns));
    query.bind(1, case_id);
    std::vector<StoredRun> runs;
    while (query.executeStep()) runs.push_back(ReadRun(query, false));
    return runs;
  }
  MEND_STORAGE_EDGE("list runs")
}

Status Workspace::ExportVersion(const std::string& case_id, std::optional<int> version,
                                const std::string& path) {
  MEND_TRY(CaseVersion found, GetVersion(case_id, version));
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << found.source;
    out.flush();
    if (!out) return Error::Io(fmt::format("{}: cannot write", temporary));
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    return Error::Io(fmt::format("{}: cannot write: {}", path, error.message()));
  }
  return Ok();
}

Result<std::uint64_t> Workspace::StoredRunBytes() {
  std::lock_guard lock(mutex_);
  try {
    return StoredBytes(impl_->db, schema_version_);
  }
  MEND_STORAGE_EDGE("stored run size")
}

Result<std::int64_t> Workspace::CheckIntegrity() {
  std::lock_guard lock(mutex_);
  try {
    SQLite::Statement check(impl_->db, "PRAGMA integrity_check");
    check.executeStep();
    const std::string verdict = check.getColumn(0).getString();
    if (verdict != "ok") return Error::Io(fmt::format("workspace integrity check: {}", verdict));
    SQLite::Statement query(impl_->db,
                            "SELECT case_id, version, source, checksum FROM case_versions");
    std::int64_t checked = 0;
    while (query.executeStep()) {
      if (VersionChecksum(query.getColumn(2).getString()) != query.getColumn(3).getString()) {
        return Error::Io(fmt::format("case '{}' version {}: text does not match its checksum",
                                     query.getColumn(0).getString(), query.getColumn(1).getInt()));
      }
      ++checked;
    }
    const std::uint64_t counted = StoredBytes(impl_->db, schema_version_);
    const std::uint64_t summed = StoredBytes(impl_->db, 0);
    if (counted != summed) {
      return Error::Io(fmt::format(
          "workspace integrity check: the runs hold {} bytes but {} are counted", summed, counted));
    }
    return checked;
  }
  MEND_STORAGE_EDGE("integrity check")
}

}  // namespace mend
