// SPDX-License-Identifier: Apache-2.0
//
// Golden tests of `mend states`: for each classic conflict, the JSON output must equal
// tests/golden/<case>/states.json byte for byte. MEND_UPDATE_GOLDEN=1 rewrites the files
// (then review the diff).
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "testkit/run_mend.hpp"
#include <gtest/gtest.h>

namespace {

using mend::testkit::CommandResult;
using mend::testkit::RunMend;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class StatesGolden : public ::testing::TestWithParam<const char*> {};

TEST_P(StatesGolden, JsonOutputMatchesTheGoldenFile) {
  const std::string name = GetParam();
  const std::string golden =
      std::string(MEND_SOURCE_DIR) + "/tests/golden/" + name + "/states.json";
  CommandResult result = RunMend("states " + std::string(MEND_SOURCE_DIR) + "/cases/classic/" +
                                 name + ".yaml --format json");
  ASSERT_EQ(result.exit_code, 0);
  if (std::getenv("MEND_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden, std::ios::binary) << result.out;
  }
  EXPECT_EQ(result.out, ReadFile(golden)) << "golden file " << golden;
}

INSTANTIATE_TEST_SUITE_P(ClassicConflicts, StatesGolden,
                         ::testing::Values("prisoners-dilemma", "chicken", "syria-iraq",
                                           "cuban-missile-crisis", "elmira"),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

TEST(StatesCommand, TextTableListsEveryStateWithItsNumberAndPattern) {
  CommandResult result =
      RunMend("states " + std::string(MEND_SOURCE_DIR) + "/cases/classic/syria-iraq.yaml");
  ASSERT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("6 feasible states; status quo NNN"), std::string::npos);
  EXPECT_NE(result.out.find("       6  NYY"), std::string::npos) << result.out;
}

TEST(StatesCommand, UsageErrorsExitWithTwo) {
  EXPECT_EQ(RunMend("states").exit_code, 2);
  EXPECT_EQ(RunMend("states x.yaml --format xml").exit_code, 2);
  EXPECT_EQ(RunMend("no-such-command").exit_code, 2);
}

TEST(StatesCommand, MissingFileExitsWithOne) {
  EXPECT_EQ(RunMend("states /nonexistent/case.yaml").exit_code, 1);
}

}  // namespace
