// SPDX-License-Identifier: Apache-2.0
//
// Golden tests of `mend stability`: for each classic conflict, the JSON output must hold every
// key of tests/golden/<case>/stability.json (the reference results of the graph-model
// literature), in the same order and with the same values; keys the golden file lacks (such as
// reachable_equilibria) are extensions and are not compared here.
#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "testkit/run_mend.hpp"
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using Json = nlohmann::ordered_json;

using mend::testkit::CommandResult;
using mend::testkit::RunMend;

std::string Classic(const std::string& name) {
  return std::string(MEND_SOURCE_DIR) + "/cases/classic/" + name + ".yaml";
}

// Compares `expected` with `actual` on the keys `expected` has; reports the first difference.
::testing::AssertionResult Contains(const Json& expected, const Json& actual,
                                    const std::string& at) {
  if (expected.is_object()) {
    if (!actual.is_object()) return ::testing::AssertionFailure() << at << ": expected an object";
    std::vector<std::string> expected_keys;
    std::vector<std::string> actual_keys;
    for (const auto& [key, value] : expected.items()) expected_keys.push_back(key);
    for (const auto& [key, value] : actual.items()) {
      if (expected.contains(key)) actual_keys.push_back(key);
    }
    if (expected_keys != actual_keys) {
      return ::testing::AssertionFailure() << at << ": keys missing or out of order";
    }
    for (const auto& [key, value] : expected.items()) {
      auto result = Contains(value, actual.at(key), at + "." + key);
      if (!result) return result;
    }
    return ::testing::AssertionSuccess();
  }
  if (expected != actual) {
    return ::testing::AssertionFailure()
           << at << ": expected " << expected.dump() << ", got " << actual.dump();
  }
  return ::testing::AssertionSuccess();
}

class StabilityGolden : public ::testing::TestWithParam<const char*> {};

TEST_P(StabilityGolden, JsonOutputHoldsTheReferenceResults) {
  const std::string name = GetParam();
  std::ifstream in(std::string(MEND_SOURCE_DIR) + "/tests/golden/" + name + "/stability.json");
  ASSERT_TRUE(in.good());
  const Json expected = Json::parse(in);
  for (const char* rule : {"textbook", "gmcr-plus"}) {
    CommandResult result =
        RunMend("stability " + Classic(name) + " --format json --sanctions " + rule);
    ASSERT_EQ(result.exit_code, 0) << rule;
    const Json actual = Json::parse(result.out);
    // The reference conflicts have at most three deciders and agree under both rules.
    EXPECT_TRUE(Contains(expected, actual, rule));
    EXPECT_TRUE(actual.contains("reachable_equilibria"));
  }
}

INSTANTIATE_TEST_SUITE_P(ClassicConflicts, StabilityGolden,
                         ::testing::Values("prisoners-dilemma", "chicken", "syria-iraq",
                                           "cuban-missile-crisis", "elmira"),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

TEST(StabilityCommand, JsonHasTheContractKeysInOrder) {
  CommandResult result = RunMend("stability " + Classic("chicken") + " --format json");
  ASSERT_EQ(result.exit_code, 0);
  const Json json = Json::parse(result.out);
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  const std::vector<std::string> contract = {"case",       "stability", "equilibria",
                                             "status_quo", "default",   "reachable_equilibria"};
  ASSERT_GE(keys.size(), contract.size());
  EXPECT_EQ(std::vector<std::string>(keys.begin(), keys.begin() + 6), contract);
  EXPECT_EQ(json["reachable_equilibria"]["nash"], Json::array({"YN", "NY"}));
}

TEST(StabilityCommand, ConceptsOptionSelectsConcepts) {
  CommandResult result =
      RunMend("stability " + Classic("chicken") + " --format json --concepts seq,nash");
  ASSERT_EQ(result.exit_code, 0);
  const Json json = Json::parse(result.out);
  std::vector<std::string> concepts;
  for (const auto& [key, value] : json["equilibria"].items()) concepts.push_back(key);
  EXPECT_EQ(concepts, (std::vector<std::string>{"nash", "seq"}));
}

TEST(StabilityCommand, TextShowsTheTableauAndTheDefaultPath) {
  CommandResult result = RunMend("stability " + Classic("cuban-missile-crisis"));
  ASSERT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("strike"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("equilibrium"), std::string::npos);
  EXPECT_NE(result.out.find("NNNN -us-> NYNN -ussr-> NYYN -us-> NNYN -ussr-> NNNN"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("no single default outcome"), std::string::npos);
}

TEST(StabilityCommand, UsageErrorsExitWithTwo) {
  EXPECT_EQ(RunMend("stability").exit_code, 2);
  EXPECT_EQ(RunMend("stability " + Classic("chicken") + " --concepts nsh").exit_code, 2);
  EXPECT_EQ(RunMend("stability " + Classic("chicken") + " --sanctions other").exit_code, 2);
  EXPECT_EQ(RunMend("stability no-such-file.yaml").exit_code, 1);
}

}  // namespace
