// SPDX-License-Identifier: Apache-2.0
#include "mend/storage/workspace.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "mend/storage/migrations.hpp"

namespace mend {
namespace {

using ::testing::HasSubstr;

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("mend-storage-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

NewVersion Version(const std::string& id, const std::string& text) {
  return {id, "Title of " + id, text, "note", "api"};
}

TEST(Workspace, CreatesAndSeedsOnFirstOpenOnly) {
  TempDir dir;
  WorkspaceOptions options;
  options.seed = {Version("alpha", "a: 1\n"), Version("beta", "b: 1\n")};
  {
    auto workspace = Workspace::Open(dir.File("w.sqlite"), options);
    ASSERT_TRUE(workspace) << workspace.error().ToString();
    EXPECT_EQ((*workspace)->schema_version(), kWorkspaceSchemaVersion);
    auto cases = (*workspace)->ListCases();
    ASSERT_TRUE(cases);
    ASSERT_EQ(cases->size(), 2u);
    EXPECT_EQ((*cases)[0].id, "alpha");
    EXPECT_EQ((*cases)[1].latest_version, 1);
  }
  // Reopening does not seed again.
  auto workspace = Workspace::Open(dir.File("w.sqlite"), options);
  ASSERT_TRUE(workspace);
  auto versions = (*workspace)->ListVersions("alpha");
  ASSERT_TRUE(versions);
  EXPECT_EQ(versions->size(), 1u);
}

TEST(Workspace, UsesWalMode) {
  TempDir dir;
  auto workspace = Workspace::Open(dir.File("w.sqlite"), {});
  ASSERT_TRUE(workspace);
  SQLite::Database db(dir.File("w.sqlite"), SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("PRAGMA journal_mode").getString(), "wal");
}

TEST(Workspace, EverySaveIsANewVersionAndNothingIsOverwritten) {
  TempDir dir;
  auto workspace = Workspace::Open(dir.File("w.sqlite"), {});
  ASSERT_TRUE(workspace);
  Workspace& w = **workspace;
  auto first = w.SaveVersion(Version("c", "one\n"));
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->info.version, 1);
  auto second = w.SaveVersion(Version("c", "two\n"));
  ASSERT_TRUE(second);
  EXPECT_FALSE(second->created);
  EXPECT_EQ(second->info.version, 2);
  auto same = w.SaveVersion(Version("c", "two\n"));
  ASSERT_TRUE(same);
  EXPECT_EQ(same->info.version, 3);

  EXPECT_EQ(w.GetVersion("c", 1)->source, "one\n");
  EXPECT_EQ(w.GetVersion("c", std::nullopt)->info.version, 3);
  auto history = w.ListVersions("c");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].version, 3);
  EXPECT_EQ((*history)[2].bytes, 4);
  EXPECT_EQ((*history)[2].checksum, VersionChecksum("one\n"));

  // The file itself refuses to rewrite history.
  SQLite::Database db(dir.File("w.sqlite"), SQLite::OPEN_READWRITE);
  EXPECT_THROW(db.exec("UPDATE case_versions SET source = 'x'"), SQLite::Exception);
  EXPECT_THROW(db.exec("DELETE FROM case_versions"), SQLite::Exception);
}

TEST(Workspace, ReportsMissingCasesVersionsAndRuns) {
  TempDir dir;
  auto workspace = Workspace::Open(dir.File("w.sqlite"), {});
  ASSERT_TRUE(workspace);
  Workspace& w = **workspace;
  EXPECT_EQ(w.GetVersion("none", std::nullopt).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(w.ListVersions("none").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(w.ListRuns("none").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(w.GetRun(42).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(w.SaveVersion(Version("c", "x")));
  EXPECT_EQ(w.GetVersion("c", 2).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(w.StoreRun({"c", 9, "states", "{}", 0, "0"}, "{}", 1).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(w.SaveVersion(Version("", "x")).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(w.SaveVersion(Version("c", "")).error().code, ErrorCode::kInvalidArgument);
}

TEST(Workspace, RunsAreStoredOnceByKey) {
  TempDir dir;
  auto workspace = Workspace::Open(dir.File("w.sqlite"), {});
  ASSERT_TRUE(workspace);
  Workspace& w = **workspace;
  ASSERT_TRUE(w.SaveVersion(Version("c", "x")));
  const RunKey key{"c", 1, "stability", R"({"concepts":["nash"]})", 7, "0.1.0"};
  EXPECT_FALSE(w.FindRun(key)->has_value());
  auto stored = w.StoreRun(key, R"({"case":"c"})", 2.5);
  ASSERT_TRUE(stored) << stored.error().ToString();
  // A second store of the same key keeps the first result.
  auto again = w.StoreRun(key, R"({"case":"other"})", 9);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->id, stored->id);
  EXPECT_EQ(again->result, R"({"case":"c"})");
  RunKey other_seed = key;
  other_seed.seed = 8;
  auto different = w.StoreRun(other_seed, "{}", 1);
  ASSERT_TRUE(different);
  EXPECT_NE(different->id, stored->id);
  auto found = w.FindRun(key);
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->key.options, key.options);
  EXPECT_EQ(w.GetRun(stored->id)->result, R"({"case":"c"})");
  auto runs = w.ListRuns("c");
  ASSERT_TRUE(runs);
  ASSERT_EQ(runs->size(), 2u);
  EXPECT_EQ((*runs)[0].id, different->id);
  EXPECT_TRUE((*runs)[0].result.empty());
}

TEST(Workspace, RefusesRunsBeyondTheirLimitsAndStoresNothingOfThem) {
  TempDir dir;
  auto workspace = Workspace::Open(dir.File("w.sqlite"), {});
  ASSERT_TRUE(workspace);
  Workspace& w = **workspace;
  ASSERT_TRUE(w.SaveVersion(Version("c", "x")));
  const RunKey key{"c", 1, "montecarlo", "{}", 1, "0.1.0"};
  // A result above the largest a run may hold.
  auto large = w.StoreRunWithin(key, std::string(101, 'r'), 1, {100, 0});
  ASSERT_TRUE(large) << large.error().ToString();
  EXPECT_FALSE(large->run);
  ASSERT_TRUE(large->refusal);
  EXPECT_EQ(large->refusal->reason, RunRefusal::Reason::kResultTooLarge);
  EXPECT_EQ(large->refusal->result_bytes, 101U);
  EXPECT_EQ(large->refusal->limit_bytes, 100U);
  EXPECT_FALSE(w.FindRun(key)->has_value());
  EXPECT_EQ(*w.StoredRunBytes(), 0U);
  // Within it, stored; the quota counts bytes (a UTF-8 "é" is two), not characters.
  auto fits = w.StoreRunWithin(key, std::string(98, 'r') + "\xc3\xa9", 1, {100, 100});
  ASSERT_TRUE(fits && fits->run) << (fits ? "refused" : fits.error().ToString());
  EXPECT_EQ(*w.StoredRunBytes(), 100U);
  // Any further byte is over the quota: refused with the numbers, nothing stored.
  RunKey next = key;
  next.seed = 2;
  auto over = w.StoreRunWithin(next, "{}", 1, {100, 101});
  ASSERT_TRUE(over);
  ASSERT_TRUE(over->refusal);
  EXPECT_EQ(over->refusal->reason, RunRefusal::Reason::kOverQuota);
  EXPECT_EQ(over->refusal->stored_bytes, 100U);
  EXPECT_EQ(over->refusal->limit_bytes, 101U);
  EXPECT_FALSE(w.FindRun(next)->has_value());
  EXPECT_EQ(*w.StoredRunBytes(), 100U);
  // A run already stored under the key is answered whatever the limits.
  auto again = w.StoreRunWithin(key, "{}", 1, {1, 1});
  ASSERT_TRUE(again && again->run);
  EXPECT_EQ(again->run->id, fits->run->id);
  // Without limits everything is stored.
  ASSERT_TRUE(w.StoreRunWithin(next, "{}", 1, {}));
  EXPECT_EQ(*w.StoredRunBytes(), 102U);
  EXPECT_TRUE(w.CheckIntegrity());
}

TEST(Workspace, RemovingARunFreesTheQuotaAndKeepsARecordOfIt) {
  TempDir dir;
  auto workspace = Workspace::Open(dir.File("w.sqlite"), {});
  ASSERT_TRUE(workspace);
  Workspace& w = **workspace;
  ASSERT_TRUE(w.SaveVersion(Version("c", "x")));
  const RunKey key{"c", 1, "montecarlo", "{\"samples\":10}", 1, "0.1.0"};
  RunKey next = key;
  next.seed = 2;
  auto first = w.StoreRunWithin(key, std::string(100, 'r'), 1, {0, 100});
  ASSERT_TRUE(first && first->run);
  // The quota is full: the next run is refused until the first is removed.
  ASSERT_TRUE(w.StoreRunWithin(next, "{}", 1, {0, 100})->refusal);
  Result<RemovedRun> removed = w.RemoveRun(first->run->id);
  ASSERT_TRUE(removed) << removed.error().ToString();
  EXPECT_EQ(removed->id, first->run->id);
  EXPECT_EQ(removed->key.options, key.options);
  EXPECT_EQ(removed->key.seed, 1U);
  EXPECT_EQ(removed->bytes, 100U);
  EXPECT_FALSE(removed->removed_at.empty());
  EXPECT_EQ(*w.StoredRunBytes(), 0U);
  auto stored = w.StoreRunWithin(next, "{}", 1, {0, 100});
  ASSERT_TRUE(stored && stored->run);
  // Ids are never reused; a read or a second removal of the old id says when it went.
  EXPECT_GT(stored->run->id, first->run->id);
  Result<StoredRun> gone = w.GetRun(first->run->id);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(gone.error().message, HasSubstr("was removed at " + removed->removed_at));
  Result<RemovedRun> twice = w.RemoveRun(first->run->id);
  ASSERT_FALSE(twice);
  EXPECT_THAT(twice.error().message, HasSubstr("was removed at"));
  EXPECT_EQ(w.RemoveRun(999).error().message, "no run 999");
  EXPECT_TRUE(w.FindRemovedRun(first->run->id)->has_value());
  EXPECT_FALSE(w.FindRemovedRun(stored->run->id)->has_value());
  // The same request may store the run again, under a new id; the versions are untouched.
  auto recomputed = w.StoreRunWithin(key, std::string(100, 'r'), 1, {});
  ASSERT_TRUE(recomputed && recomputed->run);
  EXPECT_GT(recomputed->run->id, stored->run->id);
  EXPECT_EQ(w.GetVersion("c", 1)->source, "x");
  EXPECT_TRUE(w.CheckIntegrity());
}

TEST(Workspace, ConcurrentRunsNeverPassTheQuotaTogether) {
  TempDir dir;
  auto workspace = Workspace::Open(dir.File("w.sqlite"), {});
  ASSERT_TRUE(workspace);
  Workspace& w = **workspace;
  ASSERT_TRUE(w.SaveVersion(Version("c", "x")));
  // Eight runs of 100 bytes at once against a quota of 350: three fit, whatever the order.
  std::vector<int> outcomes(8, 0);  // 1 stored, 2 refused, -1 failed
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    threads.emplace_back([&w, &outcomes, i] {
      const RunKey key{"c", 1, "montecarlo", "{}", static_cast<std::int64_t>(i), "0.1.0"};
      auto outcome = w.StoreRunWithin(key, std::string(100, 'r'), 1, {0, 350});
      outcomes[i] = !outcome ? -1 : outcome->run ? 1 : 2;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), 1), 3);
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), 2), 5);
  EXPECT_EQ(*w.StoredRunBytes(), 300U);
  EXPECT_EQ(w.ListRuns("c")->size(), 3U);
}

TEST(Workspace, CountsTheBytesOfRunsStoredBeforeTheCountExisted) {
  TempDir dir;
  {
    WorkspaceOptions old;
    old.target_schema_version = 3;
    old.seed = {Version("c", "x")};
    auto workspace = Workspace::Open(dir.File("w.sqlite"), old);
    ASSERT_TRUE(workspace);
    ASSERT_TRUE((*workspace)->StoreRun({"c", 1, "states", "{}", 0, "0.1.0"}, "12345", 1));
    ASSERT_TRUE((*workspace)->StoreRun({"c", 1, "states", "{}", 1, "0.1.0"}, "123", 1));
    EXPECT_EQ(*(*workspace)->StoredRunBytes(), 8U);
  }
  auto workspace = Workspace::Open(dir.File("w.sqlite"), {});
  ASSERT_TRUE(workspace) << workspace.error().ToString();
  Workspace& w = **workspace;
  EXPECT_EQ(*w.StoredRunBytes(), 8U);
  ASSERT_TRUE(w.StoreRun({"c", 1, "states", "{}", 2, "0.1.0"}, "12", 1));
  EXPECT_EQ(*w.StoredRunBytes(), 10U);
  EXPECT_TRUE(w.CheckIntegrity());
  // The count is the file's, not this process's: a count that disagrees with the runs is found.
  {
    SQLite::Database db(dir.File("w.sqlite"), SQLite::OPEN_READWRITE);
    db.exec("UPDATE run_bytes SET bytes = 3 WHERE id = 1");
  }
  auto checked = w.CheckIntegrity();
  ASSERT_FALSE(checked);
  EXPECT_THAT(checked.error().message, HasSubstr("10 bytes but 3 are counted"));
}

TEST(Workspace, MigratesAnOlderFileKeepingItsData) {
  TempDir dir;
  {
    WorkspaceOptions old;
    old.target_schema_version = 1;
    old.seed = {Version("kept", "text\n")};
    auto workspace = Workspace::Open(dir.File("w.sqlite"), old);
    ASSERT_TRUE(workspace);
    EXPECT_EQ((*workspace)->schema_version(), 1);
  }
  {
    SQLite::Database db(dir.File("w.sqlite"), SQLite::OPEN_READONLY);
    EXPECT_EQ(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'runs'").getInt(), 0);
  }
  auto workspace = Workspace::Open(dir.File("w.sqlite"), {});
  ASSERT_TRUE(workspace) << workspace.error().ToString();
  EXPECT_EQ((*workspace)->schema_version(), kWorkspaceSchemaVersion);
  EXPECT_EQ((*workspace)->GetVersion("kept", 1)->source, "text\n");
  EXPECT_TRUE((*workspace)->StoreRun({"kept", 1, "states", "{}", 0, "0.1.0"}, "{}", 1));
  SQLite::Database db(dir.File("w.sqlite"), SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("SELECT group_concat(version) FROM schema_migrations").getString(),
            "1,2,3,4,5");
}

NewVersion Keyed(const std::string& id, const std::string& text, const std::string& key) {
  NewVersion version = Version(id, text);
  version.idempotency_key = key;
  return version;
}

TEST(Workspace, ASaveRetriedWithItsIdempotencyKeyStoresOneVersion) {
  TempDir dir;
  {
    // A file of the previous schema gains the keys' table by migration 3.
    WorkspaceOptions old;
    old.target_schema_version = 2;
    old.seed = {Version("c", "zero\n")};
    ASSERT_TRUE(Workspace::Open(dir.File("w.sqlite"), old));
  }
  {
    auto workspace = Workspace::Open(dir.File("w.sqlite"), {});
    ASSERT_TRUE(workspace) << workspace.error().ToString();
    Workspace& w = **workspace;
    auto first = w.SaveVersion(Keyed("c", "one\n", "key-1"));
    ASSERT_TRUE(first) << first.error().ToString();
    EXPECT_FALSE(first->replayed);
    EXPECT_EQ(first->info.version, 2);
    auto retried = w.SaveVersion(Keyed("c", "one\n", "key-1"));
    ASSERT_TRUE(retried) << retried.error().ToString();
    EXPECT_TRUE(retried->replayed);
    EXPECT_EQ(retried->info.version, 2);
    EXPECT_EQ(retried->info.created_at, first->info.created_at);
    EXPECT_EQ(retried->created, first->created);
    // The same key for another text is a mistake of the client, not a retry.
    auto other_text = w.SaveVersion(Keyed("c", "two\n", "key-1"));
    ASSERT_FALSE(other_text);
    EXPECT_EQ(other_text.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_THAT(other_text.error().message, HasSubstr("key-1"));
    // Keys are per case, and a save without a key is always new.
    auto new_case = w.SaveVersion(Keyed("d", "one\n", "key-1"));
    ASSERT_TRUE(new_case);
    EXPECT_TRUE(new_case->created);
    EXPECT_FALSE(new_case->replayed);
    EXPECT_EQ(w.SaveVersion(Version("c", "one\n"))->info.version, 3);
    EXPECT_EQ(w.ListVersions("c")->size(), 3U);
  }
  // The key was committed with its version: a retry after a restart still finds it.
  auto reopened = Workspace::Open(dir.File("w.sqlite"), {});
  ASSERT_TRUE(reopened);
  auto after_restart = (*reopened)->SaveVersion(Keyed("d", "one\n", "key-1"));
  ASSERT_TRUE(after_restart);
  EXPECT_TRUE(after_restart->replayed);
  EXPECT_TRUE(after_restart->created);  // as the first save answered
  EXPECT_EQ((*reopened)->ListVersions("d")->size(), 1U);
}

TEST(Workspace, ConcurrentRetriesWithOneKeyStoreOneVersion) {
  TempDir dir;
  auto workspace = Workspace::Open(dir.File("w.sqlite"), {});
  ASSERT_TRUE(workspace);
  Workspace& w = **workspace;
  std::vector<int> versions(8, 0);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < versions.size(); ++i) {
    threads.emplace_back([&w, &versions, i] {
      auto saved = w.SaveVersion(Keyed("c", "text\n", "retry"));
      versions[i] = saved ? saved->info.version : -1;
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int version : versions) EXPECT_EQ(version, 1);
  EXPECT_EQ(w.ListVersions("c")->size(), 1U);
}

NewVersion CreateOnly(const std::string& id, const std::string& text) {
  NewVersion version = Version(id, text);
  version.create_only = true;
  return version;
}

TEST(Workspace, ACreateOnlySaveNeverAddsAVersionToAnExistingCase) {
  TempDir dir;
  WorkspaceOptions options;
  options.seed = {Version("seeded", "zero\n")};
  auto workspace = Workspace::Open(dir.File("w.sqlite"), options);
  ASSERT_TRUE(workspace);
  Workspace& w = **workspace;
  auto created = w.SaveVersion(CreateOnly("fresh", "one\n"));
  ASSERT_TRUE(created) << created.error().ToString();
  EXPECT_TRUE(created->created);
  EXPECT_EQ(created->info.version, 1);
  for (const char* id : {"fresh", "seeded"}) {
    auto refused = w.SaveVersion(CreateOnly(id, "two\n"));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_THAT(refused.error().message, HasSubstr("'" + std::string(id) + "' already exists"));
    EXPECT_EQ(w.ListVersions(id)->size(), 1U);
    EXPECT_EQ(w.GetVersion(id, std::nullopt)->info.version, 1);
  }
  // A plain save of the same id still appends.
  EXPECT_EQ(w.SaveVersion(Version("fresh", "two\n"))->info.version, 2);
}

TEST(Workspace, ConcurrentCreateOnlySavesOfOneIdCreateItOnce) {
  // Two handles on one file, as two servers would have: only the transaction decides.
  TempDir dir;
  auto first = Workspace::Open(dir.File("w.sqlite"), {});
  ASSERT_TRUE(first);
  auto second = Workspace::Open(dir.File("w.sqlite"), {});
  ASSERT_TRUE(second);
  std::vector<int> outcomes(8, 0);  // 1 created, 2 refused as existing, -1 anything else
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    Workspace& w = i % 2 == 0 ? **first : **second;
    threads.emplace_back([&w, &outcomes, i] {
      auto saved = w.SaveVersion(CreateOnly("race", "text " + std::to_string(i) + "\n"));
      if (saved) {
        outcomes[i] = saved->created ? 1 : -1;
      } else {
        outcomes[i] = saved.error().code == ErrorCode::kFailedPrecondition ? 2 : -1;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), 1), 1);
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), 2), 7);
  EXPECT_EQ((*first)->ListVersions("race")->size(), 1U);
}

TEST(Workspace, MigrationsAreNumberedWithoutGaps) {
  int expected = 1;
  for (const Migration& migration : WorkspaceMigrations()) EXPECT_EQ(migration.number, expected++);
  EXPECT_EQ(expected - 1, kWorkspaceSchemaVersion);
}

TEST(Workspace, RefusesAFileFromANewerMend) {
  TempDir dir;
  ASSERT_TRUE(Workspace::Open(dir.File("w.sqlite"), {}));
  {
    SQLite::Database db(dir.File("w.sqlite"), SQLite::OPEN_READWRITE);
    db.exec("INSERT INTO schema_migrations VALUES (99, 'from the future', 'now')");
  }
  auto workspace = Workspace::Open(dir.File("w.sqlite"), {});
  ASSERT_FALSE(workspace);
  EXPECT_EQ(workspace.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(workspace.error().message, HasSubstr("newer"));
}

TEST(Workspace, RefusesFilesThatAreNotWorkspaces) {
  TempDir dir;
  { std::ofstream(dir.File("text.sqlite")) << std::string(4096, 'x'); }
  auto text = Workspace::Open(dir.File("text.sqlite"), {});
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, ErrorCode::kFailedPrecondition);
  {
    SQLite::Database db(dir.File("other.sqlite"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE unrelated (x)");
  }
  auto other = Workspace::Open(dir.File("other.sqlite"), {});
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kFailedPrecondition);
  auto unreachable = Workspace::Open(dir.File("no/such/dir/w.sqlite"), {});
  ASSERT_FALSE(unreachable);
  EXPECT_EQ(unreachable.error().code, ErrorCode::kIo);
}

TEST(Workspace, DetectsTamperedText) {
  TempDir dir;
  {
    auto workspace = Workspace::Open(dir.File("w.sqlite"), {});
    ASSERT_TRUE(workspace);
    ASSERT_TRUE((*workspace)->SaveVersion(Version("c", "original")));
    EXPECT_EQ(*(*workspace)->CheckIntegrity(), 1);
  }
  {
    SQLite::Database db(dir.File("w.sqlite"), SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER case_versions_no_update");
    db.exec("UPDATE case_versions SET source = 'tampered'");
  }
  auto workspace = Workspace::Open(dir.File("w.sqlite"), {});
  ASSERT_TRUE(workspace);
  EXPECT_EQ((*workspace)->GetVersion("c", 1).error().code, ErrorCode::kIo);
  EXPECT_EQ((*workspace)->CheckIntegrity().error().code, ErrorCode::kIo);
}

TEST(Workspace, ExportsTheStoredTextByteForByte) {
  TempDir dir;
  auto workspace = Workspace::Open(dir.File("w.sqlite"), {});
  ASSERT_TRUE(workspace);
  const std::string text = "mend: 1\nid: c\n# ünïcode\r\n";
  ASSERT_TRUE((*workspace)->SaveVersion(Version("c", text)));
  ASSERT_TRUE((*workspace)->ExportVersion("c", 1, dir.File("c.yaml")));
  std::ifstream in(dir.File("c.yaml"), std::ios::binary);
  std::stringstream read;
  read << in.rdbuf();
  EXPECT_EQ(read.str(), text);
  EXPECT_EQ((*workspace)->ExportVersion("c", 5, dir.File("x.yaml")).error().code,
            ErrorCode::kNotFound);
}

TEST(Workspace, ConcurrentSavesGetDistinctConsecutiveVersions) {
  TempDir dir;
  auto workspace = Workspace::Open(dir.File("w.sqlite"), {});
  ASSERT_TRUE(workspace);
  Workspace& w = **workspace;
  constexpr int kThreads = 4;
  constexpr int kSaves = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&w, t] {
      for (int i = 0; i < kSaves; ++i) {
        ASSERT_TRUE(w.SaveVersion(Version("c", std::to_string(t) + ":" + std::to_string(i))));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  auto history = w.ListVersions("c");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), static_cast<std::size_t>(kThreads * kSaves));
  for (std::size_t i = 0; i < history->size(); ++i) {
    EXPECT_EQ((*history)[i].version, static_cast<int>(history->size() - i));
  }
}

TEST(Workspace, TwoProcessesShareOneFile) {
  TempDir dir;
  auto first = Workspace::Open(dir.File("w.sqlite"), {});
  auto second = Workspace::Open(dir.File("w.sqlite"), {});
  ASSERT_TRUE(first && second);
  ASSERT_TRUE((*first)->SaveVersion(Version("c", "1")));
  auto saved = (*second)->SaveVersion(Version("c", "2"));
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->info.version, 2);
}

}  // namespace
}  // namespace mend
