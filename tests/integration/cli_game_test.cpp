// SPDX-License-Identifier: Apache-2.0
//
// `mend game` end to end: JSON and text output for Gambit files, a case's normal form written as
// .nfg and read back, the flags, and exit status 1 with a located error for bad input.
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "testkit/run_mend.hpp"
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using mend::testkit::CommandResult;
using mend::testkit::ReadFile;
namespace testkit = mend::testkit;

using ::testing::HasSubstr;
using ::testing::StartsWith;

class CliGame : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("mend_cli_game_" + std::to_string(::getpid()) + "_" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  static std::string Source(const std::string& relative) {
    return std::string(MEND_SOURCE_DIR) + "/" + relative;
  }

  static CommandResult Run(const std::string& arguments) { return testkit::RunMend(arguments); }

  std::filesystem::path folder_;
};

TEST_F(CliGame, MatchingPenniesInJsonHasOneMixedAndNoPureEquilibrium) {
  CommandResult result =
      Run("game " + Source("tests/nfg/good/pennies-payoffs.nfg") + " --format json");

  ASSERT_EQ(result.exit_code, 0) << result.err;
  const nlohmann::json json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["players"], nlohmann::json({"Row", "Column"}));
  EXPECT_EQ(json["strategies"][0], nlohmann::json({"Heads", "Tails"}));
  EXPECT_EQ(json["pure"], nlohmann::json::array());
  ASSERT_EQ(json["mixed"].size(), 1U);
  EXPECT_EQ(json["mixed"][0]["profile"],
            nlohmann::json::parse(R"([["1/2", "1/2"], ["1/2", "1/2"]])"));
  EXPECT_EQ(json["mixed"][0]["payoffs"], nlohmann::json({"0", "0"}));
  EXPECT_EQ(json["degenerate"], false);
}

TEST_F(CliGame, TextNamesTheStrategiesOfEachEquilibrium) {
  CommandResult result = Run("game " + Source("tests/nfg/good/selten-outcomes.nfg"));

  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("Pure-strategy Nash equilibria:"));
  EXPECT_THAT(result.out, HasSubstr("Mixed Nash equilibria:"));
  EXPECT_THAT(result.out, HasSubstr("Player 1"));
}

TEST_F(CliGame, ThreePlayersGetPureEquilibriaOnlyAndMixedIsRefused) {
  CommandResult pure = Run("game " + Source("tests/nfg/good/null-outcome.nfg") + " --format json");
  CommandResult mixed = Run("game " + Source("tests/nfg/good/null-outcome.nfg") + " --mixed");

  ASSERT_EQ(pure.exit_code, 0) << pure.err;
  const nlohmann::json json = nlohmann::json::parse(pure.out);
  EXPECT_TRUE(json.contains("pure"));
  EXPECT_FALSE(json.contains("mixed"));
  EXPECT_EQ(mixed.exit_code, 1);
  EXPECT_THAT(mixed.err, HasSubstr("two players"));
}

TEST_F(CliGame, PureFlagLeavesOutTheMixedEquilibria) {
  CommandResult result =
      Run("game " + Source("tests/nfg/good/pennies-outcomes.nfg") + " --pure --format json");

  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_FALSE(nlohmann::json::parse(result.out).contains("mixed"));
}

TEST_F(CliGame, CaseNormalFormWrittenAsNfgGivesTheSameEquilibria) {
  const std::string written = (folder_ / "chicken.nfg").string();
  CommandResult from_case =
      Run("game " + Source("cases/classic/chicken.yaml") + " --format json --write-nfg " + written);
  ASSERT_EQ(from_case.exit_code, 0) << from_case.err;
  CommandResult from_nfg = Run("game " + written + " --format json");

  ASSERT_EQ(from_nfg.exit_code, 0) << from_nfg.err;
  EXPECT_EQ(from_nfg.out, from_case.out);
  EXPECT_THAT(ReadFile(written), StartsWith("NFG 1 R "));
  EXPECT_EQ(nlohmann::json::parse(from_case.out)["pure"].size(), 2U);
}

TEST_F(CliGame, MalformedFileExitsOneWithTheLocatedError) {
  const std::string path = Source("tests/nfg/bad/not-a-number.nfg");

  CommandResult result = Run("game " + path);

  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_THAT(result.err, StartsWith(path + ":3:5: error: payoffs: profile 4, player 1"));
}

TEST_F(CliGame, ConflictingFlagsAreAUsageError) {
  CommandResult result =
      Run("game " + Source("tests/nfg/good/pennies-payoffs.nfg") + " --pure --mixed");

  EXPECT_EQ(result.exit_code, 2);
}

}  // namespace
