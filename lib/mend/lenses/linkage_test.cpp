// SPDX-License-Identifier: Apache-2.0
#include "mend/lenses/linkage.hpp"

#include <random>

#include <gtest/gtest.h>

#include "mend/io/case_reader.hpp"
#include "mend/stability/status_quo_analysis.hpp"

namespace mend {
namespace {

using Gains = std::vector<std::vector<std::vector<double>>>;

// The literal definition: every combination, the largest Nash product over the floor.
double BruteForceProduct(const Gains& gains, const std::vector<double>& floor) {
  double best = 0;
  std::vector<std::size_t> pick(gains.size(), 0);
  for (;;) {
    double product = 1;
    for (std::size_t i = 0; i < floor.size(); ++i) {
      double sum = 0;
      for (std::size_t c = 0; c < gains.size(); ++c) sum += gains[c][pick[c]][i];
      const double surplus = sum - floor[i];
      product = surplus > 1e-9 * std::max(1.0, std::abs(floor[i])) ? product * surplus : 0;
    }
    best = std::max(best, product);
    std::size_t c = 0;
    while (c < gains.size() && ++pick[c] == gains[c].size()) pick[c++] = 0;
    if (c == gains.size()) return best;
  }
}

TEST(SearchLinkedDeal, AgreesWithBruteForceOnRandomPortfolios) {
  std::mt19937_64 random(42);
  std::uniform_real_distribution<double> value(-5, 5);
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t issues = 1 + trial % 4;
    const std::size_t deciders = 2 + trial % 2;
    Gains gains(issues);
    for (auto& issue : gains) {
      issue.resize(1 + random() % 5);
      for (auto& g : issue) {
        g.resize(deciders);
        for (double& x : g) x = value(random);
      }
    }
    std::vector<double> floor(deciders);
    for (double& f : floor) f = value(random) / 2;
    const LinkedSearchResult result = SearchLinkedDeal(gains, floor);
    const double expected = BruteForceProduct(gains, floor);
    EXPECT_NEAR(result.nash_product, expected, 1e-9 * std::max(1.0, expected)) << "trial " << trial;
    EXPECT_EQ(result.choice.has_value(), expected > 0) << "trial " << trial;
  }
}

TEST(AnalyzeLinkage, OneIssueIsPositiveSumOnlyWithLinkage) {
  Result<Document> document = ReadDocumentFile("tests/golden/lenses-linkage/portfolio.yaml");
  ASSERT_TRUE(document.has_value()) << document.error().message;
  const CompiledPortfolio& portfolio = std::get<CompiledPortfolio>(*document);
  std::vector<EfficiencyAnalysis> efficiency;
  for (const CompiledCase& compiled : portfolio.cases) {
    Result<StabilityReport> report = AnalyzeStability(compiled, {});
    ASSERT_TRUE(report.has_value());
    Result<StatusQuoAnalysis> sq = AnalyzeStatusQuo(compiled, *report);
    ASSERT_TRUE(sq.has_value());
    Result<EfficiencyAnalysis> e = AnalyzeEfficiency(compiled, *report, *sq, {});
    ASSERT_TRUE(e.has_value());
    efficiency.push_back(std::move(*e));
  }
  std::vector<LinkageIssue> issues;
  for (std::size_t c = 0; c < portfolio.cases.size(); ++c) {
    issues.push_back({&portfolio.cases[c], &efficiency[c]});
  }
  Result<LinkageAnalysis> linkage = AnalyzeLinkage(portfolio.definition, issues);
  ASSERT_TRUE(linkage.has_value()) << linkage.error().message;
  EXPECT_EQ(linkage->standalone_gains, (std::vector<double>{4, 2}));
  EXPECT_EQ(linkage->linked_gains,
            (std::vector<double>{5, 4}));  // arms NY (6, −1) + trade YY (−1, 5)
  EXPECT_EQ(linkage->premium, (std::vector<double>{1, 2}));
  EXPECT_EQ(linkage->issues[0].linked_pattern, "NY");
  EXPECT_EQ(linkage->issues[1].linked_pattern, "YY");
  EXPECT_FALSE(linkage->available);
  EXPECT_EQ(linkage->refused_by, (std::vector<std::string>{"us"}));
  EXPECT_EQ(linkage->positive_sum_alone, (std::vector<std::string>{"arms"}));
  EXPECT_EQ(linkage->needs_linkage, (std::vector<std::string>{"trade"}));
}

}  // namespace
}  // namespace mend
