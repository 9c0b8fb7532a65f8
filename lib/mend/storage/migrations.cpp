// SPDX-License-Identifier: Apache-2.0
#include "mend/storage/migrations.hpp"

#include <array>

namespace mend {
namespace {

// 1: cases and their immutable versions. The triggers make "nothing is overwritten" a property
// of the file, not only of this code.
constexpr const char* kCasesAndVersions = R"sql(
CREATE TABLE cases (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE case_versions (
  case_id TEXT NOT NULL REFERENCES cases(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  title TEXT NOT NULL,
  source TEXT NOT NULL,
  message TEXT NOT NULL,
  origin TEXT NOT NULL,
  checksum TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (case_id, version)
) WITHOUT ROWID;
CREATE TRIGGER case_versions_no_update BEFORE UPDATE ON case_versions
BEGIN SELECT RAISE(ABORT, 'case versions are immutable'); END;
CREATE TRIGGER case_versions_no_delete BEFORE DELETE ON case_versions
BEGIN SELECT RAISE(ABORT, 'case versions are immutable'); END;
)sql";

// 2: analysis runs, keyed by what determines their result.
constexpr const char* kRuns = R"sql(
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  command TEXT NOT NULL,
  options TEXT NOT NULL,
  seed INTEGER NOT NULL,
  mend_version TEXT NOT NULL,
  result TEXT NOT NULL,
  elapsed_ms REAL NOT NULL,
  created_at TEXT NOT NULL,
  FOREIGN KEY (case_id, version) REFERENCES case_versions(case_id, version),
  UNIQUE (case_id, version, command, options, seed, mend_version)
);
CREATE INDEX runs_by_case ON runs(case_id, id);
CREATE TRIGGER runs_no_update BEFORE UPDATE ON runs
BEGIN SELECT RAISE(ABORT, 'runs are immutable'); END;
)sql";

// 3: idempotency keys of saves: a save retried with the same key (per case) answers the
// version the first one stored. Written in the transaction that appends the version.
constexpr const char* kIdempotencyKeys = R"sql(
CREATE TABLE save_keys (
  case_id TEXT NOT NULL,
  key TEXT NOT NULL,
  version INTEGER NOT NULL,
  created INTEGER NOT NULL CHECK (created IN (0, 1)),
  created_at TEXT NOT NULL,
  PRIMARY KEY (case_id, key),
  FOREIGN KEY (case_id, version) REFERENCES case_versions(case_id, version)
) WITHOUT ROWID;
CREATE TRIGGER save_keys_no_update BEFORE UPDATE ON save_keys
BEGIN SELECT RAISE(ABORT, 'save keys are immutable'); END;
)sql";

// 4: the bytes all stored run results hold together, kept by triggers in the transaction that
// stores (or removes) a run, so a quota is checked against one row rather than every result.
constexpr const char* kRunBytes = R"sql(
CREATE TABLE run_bytes (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  bytes INTEGER NOT NULL CHECK (bytes >= 0)
);
INSERT INTO run_bytes (id, bytes)
  SELECT 1, COALESCE(SUM(LENGTH(CAST(result AS BLOB))), 0) FROM runs;
CREATE TRIGGER runs_add_bytes AFTER INSERT ON runs
BEGIN UPDATE run_bytes SET bytes = bytes + LENGTH(CAST(NEW.result AS BLOB)) WHERE id = 1; END;
CREATE TRIGGER runs_remove_bytes AFTER DELETE ON runs
BEGIN UPDATE run_bytes SET bytes = bytes - LENGTH(CAST(OLD.result AS BLOB)) WHERE id = 1; END;
CREATE TRIGGER run_bytes_no_delete BEFORE DELETE ON run_bytes
BEGIN SELECT RAISE(ABORT, 'the run byte count is kept by triggers'); END;
)sql";

// 5: a record of each removed run, so that its id (never reused: runs.id is AUTOINCREMENT) still
// says what it was and when it went; a citation of a removed run is answered, not silent.
constexpr const char* kRemovedRuns = R"sql(
CREATE TABLE removed_runs (
  id INTEGER PRIMARY KEY,
  case_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  command TEXT NOT NULL,
  options TEXT NOT NULL,
  seed INTEGER NOT NULL,
  mend_version TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  removed_at TEXT NOT NULL
);
CREATE TRIGGER removed_runs_no_update BEFORE UPDATE ON removed_runs
BEGIN SELECT RAISE(ABORT, 'removed runs are immutable'); END;
)sql";

constexpr std::array<Migration, 5> kMigrations = {{
    {1, "cases and versions", kCasesAndVersions},
    {2, "analysis runs", kRuns},
    {3, "idempotency keys of saves", kIdempotencyKeys},
    {4, "bytes of stored runs", kRunBytes},
    {5, "removed runs", kRemovedRuns},
}};

}  // namespace

std::span<const Migration> WorkspaceMigrations() { return kMigrations; }

}  // namespace mend
