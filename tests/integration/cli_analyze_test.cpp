// SPDX-License-Identifier: Apache-2.0
//
// Golden tests of `mend analyze`: for each hand-computed case under tests/golden/analyze-*, the
// JSON output must hold every key of expected.json in the same order, numbers within 1e-9 (every
// ledger figure is asserted there); keys the golden file lacks are not compared. Also the
// contract's key order, the absence of a ledger without an alternative, the readable formats,
// portfolios and `mend explain`.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

#include "testkit/run_mend.hpp"
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using Json = nlohmann::ordered_json;

using mend::testkit::CommandResult;
using mend::testkit::RunMend;

std::string GoldenDir(const std::string& name) {
  return std::string(MEND_SOURCE_DIR) + "/tests/golden/" + name;
}

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
  if (expected.is_number() && actual.is_number()) {
    if (std::abs(expected.get<double>() - actual.get<double>()) <= 1e-9) {
      return ::testing::AssertionSuccess();
    }
  } else if (expected.is_array() && actual.is_array() && expected.size() == actual.size()) {
    for (std::size_t k = 0; k < expected.size(); ++k) {
      auto result = Contains(expected[k], actual[k], at + "[" + std::to_string(k) + "]");
      if (!result) return result;
    }
    return ::testing::AssertionSuccess();
  } else if (expected == actual) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << at << ": expected " << expected.dump() << ", got " << actual.dump();
}

class AnalyzeGolden : public ::testing::TestWithParam<const char*> {};

TEST_P(AnalyzeGolden, JsonOutputHoldsTheHandComputedResults) {
  const std::string dir = GoldenDir(GetParam());
  std::ifstream in(dir + "/expected.json");
  ASSERT_TRUE(in.good());
  const Json expected = Json::parse(in);
  CommandResult result = RunMend("analyze " + dir + "/input.yaml --format json");
  ASSERT_EQ(result.exit_code, 0);
  const Json actual = Json::parse(result.out);
  EXPECT_TRUE(Contains(expected, actual, GetParam()));
  // Without an alternative there is no ledger (cli-contract.md).
  EXPECT_EQ(actual.contains("ledger"), !actual["alternative"].is_null());
}

INSTANTIATE_TEST_SUITE_P(HandComputed, AnalyzeGolden,
                         ::testing::Values("analyze-third-party", "analyze-arms-dilemma",
                                           "analyze-constant-sum", "analyze-status",
                                           "analyze-loss-aversion"),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

TEST(AnalyzeCommand, JsonHasTheContractKeysInOrder) {
  CommandResult result =
      RunMend("analyze " + GoldenDir("analyze-third-party") + "/input.yaml --format json");
  ASSERT_EQ(result.exit_code, 0);
  const Json json = Json::parse(result.out);
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  auto position = [&](const std::string& key) {
    return std::find(keys.begin(), keys.end(), key) - keys.begin();
  };
  const std::vector<std::string> contract = {"case",
                                             "stability",
                                             "equilibria",
                                             "status_quo",
                                             "default",
                                             "reachable_equilibria",
                                             "alternative",
                                             "pareto_frontier",
                                             "ledger",
                                             "unnecessary_loss",
                                             "status_neutral_ledger"};
  for (std::size_t k = 0; k < contract.size(); ++k) {
    ASSERT_LT(position(contract[k]), static_cast<long>(keys.size())) << contract[k];
    if (k > 0) {
      EXPECT_LT(position(contract[k - 1]), position(contract[k])) << contract[k];
    }
  }
}

TEST(AnalyzeCommand, ConceptOptionChangesWhetherTheAlternativeIsSelfEnforcing) {
  CommandResult result = RunMend("analyze " + GoldenDir("analyze-arms-dilemma") +
                                 "/input.yaml --format json --concept nash");
  ASSERT_EQ(result.exit_code, 0);
  const Json json = Json::parse(result.out);
  EXPECT_EQ(json["alternative"]["pattern"], "YY");
  EXPECT_EQ(json["alternative"]["self_enforcing"], false);
  EXPECT_EQ(json["alternative"]["rule"], "nash-product");
}

TEST(AnalyzeCommand, TextAndMarkdownShowTheDefaultTheAlternativeAndTheLedger) {
  const std::string input = GoldenDir("analyze-third-party") + "/input.yaml";
  CommandResult text = RunMend("analyze " + input);
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("Default outcome: NN"), std::string::npos);
  EXPECT_NE(text.out.find("Recommended alternative a*: YY"), std::string::npos);
  EXPECT_NE(text.out.find("budget [USD bn/yr]"), std::string::npos);
  EXPECT_NE(text.out.find("eu (affected)"), std::string::npos);
  CommandResult markdown = RunMend("analyze " + input + " --format markdown");
  ASSERT_EQ(markdown.exit_code, 0);
  EXPECT_NE(markdown.out.find("## Positive-sum alternative and the loss ledger"),
            std::string::npos);
  EXPECT_NE(markdown.out.find("| actor"), std::string::npos);
}

TEST(AnalyzeCommand, SaysPlainlyWhenNothingParetoImprovesTheDefault) {
  CommandResult result = RunMend("analyze " + GoldenDir("analyze-constant-sum") + "/input.yaml");
  ASSERT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("Nothing Pareto-improves the default YY"), std::string::npos);
}

TEST(AnalyzeCommand, PortfolioAnalysesEachCase) {
  CommandResult result =
      RunMend("analyze " + GoldenDir("analyze-portfolio") + "/portfolio.yaml --format json");
  ASSERT_EQ(result.exit_code, 0);
  const Json json = Json::parse(result.out);
  EXPECT_EQ(json["portfolio"], "analyze-portfolio");
  ASSERT_EQ(json["cases"].size(), 2u);
  EXPECT_EQ(json["cases"][0]["case"], "analyze-arms-dilemma");
  EXPECT_EQ(json["cases"][1]["alternative"]["pattern"], "YY");
}

// The shipped U.S.-Russia portfolio must put the no-linkage rule to a real test: at least two
// issues offer more than one frontier state, so that one issue can be traded against another
// and the cost of refusing linkage is a finding, not 0 by construction (docs/lenses.md).
TEST(AnalyzeCommand, ShippedPortfolioCanTradeOneIssueAgainstAnother) {
  CommandResult result = RunMend("analyze " + std::string(MEND_SOURCE_DIR) +
                                 "/cases/us-russia/portfolio.yaml --format json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const Json search = Json::parse(result.out)["linkage"]["search"];
  int with_choice = 0;
  for (const auto& [issue, states] : search["frontier_states"].items()) {
    with_choice += states.get<int>() > 1 ? 1 : 0;
  }
  EXPECT_GE(with_choice, 2) << search.dump();
  EXPECT_EQ(search["trivial"], false) << search.dump();
  EXPECT_GE(search["combinations"].get<double>(), 4.0) << search.dump();
}

TEST(AnalyzeCommand, RefusesAnUnknownConceptAsUsageError) {
  CommandResult result =
      RunMend("analyze " + GoldenDir("analyze-status") + "/input.yaml --concept best");
  EXPECT_EQ(result.exit_code, 2);
}

TEST(ExplainCommand, TracesTheUtilityToTheEffectRules) {
  CommandResult result = RunMend("explain " + GoldenDir("analyze-loss-aversion") +
                                 "/input.yaml --state YN --actor us");
  ASSERT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("utility 9"), std::string::npos);
  EXPECT_NE(result.out.find("x3"), std::string::npos);  // loss aversion
  EXPECT_NE(result.out.find("effects[0].us.security"), std::string::npos);
}

TEST(ExplainCommand, RefusesAStateOfTheWrongLength) {
  CommandResult result = RunMend("explain " + GoldenDir("analyze-loss-aversion") +
                                 "/input.yaml --state YNY --actor us");
  EXPECT_EQ(result.exit_code, 2);
}

}  // namespace
