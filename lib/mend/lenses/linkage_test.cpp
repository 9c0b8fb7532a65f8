// SPDX-License-Identifier: Apache-2.0
#include "mend/lenses/linkage.hpp"

#include <random>

#include <fmt/format.h>
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

// Each issue's central analysis (stability, status quo, efficiency), as `mend analyze` runs it.
std::vector<EfficiencyAnalysis> Efficiencies(const std::vector<CompiledCase>& cases) {
  std::vector<EfficiencyAnalysis> efficiency;
  for (const CompiledCase& compiled : cases) {
    Result<StabilityReport> report = AnalyzeStability(compiled, {});
    EXPECT_TRUE(report.has_value());
    Result<StatusQuoAnalysis> sq = AnalyzeStatusQuo(compiled, *report);
    EXPECT_TRUE(sq.has_value());
    Result<EfficiencyAnalysis> e = AnalyzeEfficiency(compiled, *report, *sq, {});
    EXPECT_TRUE(e.has_value());
    efficiency.push_back(std::move(*e));
  }
  return efficiency;
}

LinkageAnalysis Analyze(const PortfolioDefinition& definition,
                        const std::vector<CompiledCase>& cases) {
  const std::vector<EfficiencyAnalysis> efficiency = Efficiencies(cases);
  std::vector<LinkageIssue> issues;
  for (std::size_t c = 0; c < cases.size(); ++c) issues.push_back({&cases[c], &efficiency[c]});
  Result<LinkageAnalysis> linkage = AnalyzeLinkage(definition, issues);
  EXPECT_TRUE(linkage.has_value()) << linkage.error().message;
  return std::move(*linkage);
}

// The portfolios of tests/golden/lenses-linkage*/ (their summaries give the hand computation).
LinkageAnalysis AnalyzeFile(const std::string& path) {
  Result<Document> document = ReadDocumentFile(path);
  EXPECT_TRUE(document.has_value()) << document.error().message;
  const CompiledPortfolio& portfolio = std::get<CompiledPortfolio>(*document);
  return Analyze(portfolio.definition, portfolio.cases);
}

TEST(AnalyzeLinkage, OneIssueIsPositiveSumOnlyWithLinkage) {
  const LinkageAnalysis linkage = AnalyzeFile("tests/golden/lenses-linkage/portfolio.yaml");
  EXPECT_EQ(linkage.standalone_gains, (std::vector<double>{4, 2}));
  EXPECT_EQ(linkage.linked_gains,
            (std::vector<double>{5, 4}));  // arms NY (6, −1) + trade YY (−1, 5)
  EXPECT_EQ(linkage.premium, (std::vector<double>{1, 2}));
  EXPECT_EQ(linkage.issues[0].linked_pattern, "NY");
  EXPECT_EQ(linkage.issues[1].linked_pattern, "YY");
  EXPECT_FALSE(linkage.available);
  EXPECT_EQ(linkage.refused_by, (std::vector<std::string>{"us"}));
  EXPECT_EQ(linkage.positive_sum_alone, (std::vector<std::string>{"arms"}));
  EXPECT_EQ(linkage.needs_linkage, (std::vector<std::string>{"trade"}));
  // Trade has payoffs and no money: no transfer inside it, so (b) is (a), and refusing linkage
  // costs the whole premium.
  EXPECT_FALSE(linkage.issues[1].transfer.has_value());
  EXPECT_EQ(linkage.issues[1].no_transfer, NoTransferReason::kNoMoney);
  EXPECT_EQ(linkage.transfer_gains, (std::vector<double>{4, 2}));
  EXPECT_EQ(linkage.refusal_cost, (std::vector<double>{1, 2}));
}

TEST(AnalyzeLinkage, LinkageAddsWhatNoTransferInsideAnIssueReaches) {
  const LinkageAnalysis linkage = AnalyzeFile("tests/golden/lenses-linkage-adds/portfolio.yaml");
  // Neither issue improves on its own default for both, and neither has money to pay with.
  EXPECT_EQ(linkage.standalone_gains, (std::vector<double>{0, 0}));
  EXPECT_EQ(linkage.transfer_gains, (std::vector<double>{0, 0}));
  for (const LinkageIssueResult& issue : linkage.issues) {
    EXPECT_TRUE(issue.raises_total) << issue.case_id;  // grain YY +2, gas YY +1
    EXPECT_FALSE(issue.transfer.has_value()) << issue.case_id;
  }
  // Grain YY (3, −1) + gas YY (−1, 2) = (2, 1): the only combination better for both.
  EXPECT_EQ(linkage.linked_gains, (std::vector<double>{2, 1}));
  EXPECT_EQ(linkage.issues[0].linked_pattern, "YY");
  EXPECT_EQ(linkage.issues[1].linked_pattern, "YY");
  EXPECT_EQ(linkage.refusal_cost, (std::vector<double>{2, 1}));
  EXPECT_EQ(linkage.combinations, 4.0);
  EXPECT_FALSE(linkage.trivial_search);
}

TEST(AnalyzeLinkage, TransfersInsideEachIssueReachWhatLinkageWould) {
  const LinkageAnalysis linkage =
      AnalyzeFile("tests/golden/lenses-linkage-transfers/portfolio.yaml");
  EXPECT_EQ(linkage.standalone_gains, (std::vector<double>{0, 0}));
  // Arms YY: us +3, ru −1; 1 USD bn from us to ru leaves us +2, ru 0.
  const LinkageIssueResult& arms = linkage.issues[0];
  ASSERT_TRUE(arms.transfer.has_value());
  EXPECT_EQ(arms.transfer->pattern, "YY");
  EXPECT_EQ(arms.transfer->dimension, "budget");
  EXPECT_EQ(arms.transfer->unit, "USD bn");
  EXPECT_NEAR(arms.transfer->amount, 1, 1e-12);
  ASSERT_EQ(arms.transfer->from.size(), 1u);
  EXPECT_EQ(arms.transfer->from[0].first, "us");
  ASSERT_EQ(arms.transfer->to.size(), 1u);
  EXPECT_EQ(arms.transfer->to[0].first, "ru");
  EXPECT_NEAR(arms.transfer->gains[0], 2, 1e-12);
  EXPECT_NEAR(arms.transfer->gains[1], 0, 1e-12);
  // Trade YY: us −1, ru +3; 1 from ru to us leaves us 0, ru +2.
  const LinkageIssueResult& trade = linkage.issues[1];
  ASSERT_TRUE(trade.transfer.has_value());
  EXPECT_EQ(trade.transfer->from.at(0).first, "ru");
  EXPECT_NEAR(trade.transfer->gains[0], 0, 1e-12);
  EXPECT_NEAR(trade.transfer->gains[1], 2, 1e-12);
  EXPECT_NEAR(linkage.transfer_gains[0], 2, 1e-12);
  EXPECT_NEAR(linkage.transfer_gains[1], 2, 1e-12);
  // The linked deal, YY in both, gives (2, 2) too: (b) ≥ (c), and refusing linkage costs 0.
  EXPECT_EQ(linkage.linked_gains, (std::vector<double>{2, 2}));
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_GE(linkage.transfer_gains[i], linkage.linked_gains[i] - 1e-12);
    EXPECT_EQ(linkage.refusal_cost[i], 0.0);
  }
  EXPECT_FALSE(linkage.trivial_search);
}

TEST(AnalyzeLinkage, SaysTheSearchIsTrivialWhenEveryIssueHasOneFrontierState) {
  const LinkageAnalysis linkage = AnalyzeFile("tests/golden/lenses-linkage-trivial/portfolio.yaml");
  EXPECT_EQ(linkage.frontier_sizes, (std::vector<std::size_t>{1, 1}));
  EXPECT_EQ(linkage.combinations, 1.0);
  EXPECT_TRUE(linkage.trivial_search);
  EXPECT_EQ(linkage.standalone_gains, (std::vector<double>{3, 2}));
  EXPECT_EQ(linkage.linked_gains, (std::vector<double>{3, 2}));
  EXPECT_EQ(linkage.refusal_cost, (std::vector<double>{0, 0}));
}

TEST(AnalyzeLinkage, ADeciderOfOneIssueKeepsItsGainThere) {
  // Hand computation (tests/golden/lenses-linkage-own). Arms (us, ru): a* YY (1, 1); frontier
  // YN (−1, 4), NY (3, −1), YY. Swap (us, ru, ir): a* YYY (1, 1, 1), the only state better than
  // NNN for all three. Standalone totals (2, 2); ir's standalone gain in swap is 1. States of
  // swap that leave ir at least 1: YYY (1, 1), YNY (4, −1), NYY (−1, −1); their frontier for
  // us and ru is YYY and YNY. Combinations above (2, 2) for both: only YN + YNY = (3, 3),
  // product 1. Without ir's floor, YYN (2, 5; ir −1) would enter and NY + YYN = (5, 4),
  // product 6, would win at Tehran's expense.
  const LinkageAnalysis linkage = AnalyzeFile("tests/golden/lenses-linkage-own/portfolio.yaml");
  EXPECT_EQ(linkage.deciders, (std::vector<std::string>{"us", "ru"}));
  EXPECT_EQ(linkage.standalone_gains, (std::vector<double>{2, 2}));
  EXPECT_EQ(linkage.linked_gains, (std::vector<double>{3, 3}));
  EXPECT_EQ(linkage.premium, (std::vector<double>{1, 1}));
  EXPECT_EQ(linkage.nash_product, 1.0);
  EXPECT_EQ(linkage.issues[0].linked_pattern, "YN");
  EXPECT_EQ(linkage.issues[1].linked_pattern, "YNY");
  EXPECT_TRUE(linkage.issues[0].own_deciders.empty());
  EXPECT_EQ(linkage.issues[1].own_deciders, (std::vector<std::string>{"ir"}));
  EXPECT_EQ(linkage.issues[1].own_standalone_gains, (std::vector<double>{1}));
  EXPECT_EQ(linkage.issues[1].own_linked_gains, (std::vector<double>{1}));
  EXPECT_EQ(linkage.frontier_sizes, (std::vector<std::size_t>{3, 2}));
  EXPECT_EQ(linkage.positive_sum_alone, (std::vector<std::string>{"arms", "swap"}));
  EXPECT_EQ(linkage.refusal_cost, (std::vector<double>{1, 1}));
}

TEST(AnalyzeLinkage, RefusesIssuesThatShareFewerThanTwoDeciders) {
  Result<Document> document = ReadDocumentFile("tests/golden/lenses-linkage-own/portfolio.yaml");
  ASSERT_TRUE(document.has_value()) << document.error().message;
  CompiledPortfolio portfolio = std::move(std::get<CompiledPortfolio>(*document));
  // The loader refuses such a portfolio first; the analysis checks again for other callers.
  portfolio.cases[0].definition.actors[1].id = "cn";
  const std::vector<EfficiencyAnalysis> efficiency = Efficiencies(portfolio.cases);
  std::vector<LinkageIssue> issues;
  for (std::size_t c = 0; c < portfolio.cases.size(); ++c)
    issues.push_back({&portfolio.cases[c], &efficiency[c]});
  Result<LinkageAnalysis> linkage = AnalyzeLinkage(portfolio.definition, issues);
  ASSERT_FALSE(linkage.has_value());
  EXPECT_NE(linkage.error().message.find("at least two deciders common to every case"),
            std::string::npos)
      << linkage.error().message;
}

// A random two-decider issue of two options (four states), numbered `c`: payoffs (no money,
// so no transfer), or a money dimension both value at weight 1 (every state that raises the
// total has a transfer, and it is lossless).
std::string RandomIssue(std::mt19937_64& random, int c, bool money) {
  std::uniform_int_distribution<int> value(-4, 4);
  std::string text = fmt::format(
      "mend: 1\nid: issue{0}\ntitle: Issue {0}\nactors:\n"
      "  - {{id: us, name: US, role: decider}}\n  - {{id: ru, name: RU, role: decider}}\n"
      "options:\n  us: [{{id: us{0}, name: Act}}]\n  ru: [{{id: ru{0}, name: Act}}]\n"
      "status_quo: NN\ndefault: NN\n",
      c);
  const char* const states[] = {"YN", "NY", "YY"};
  if (!money) {
    text += "payoffs:\n  NN: {us: 0, ru: 0}\n";
    for (const char* s : states) {
      text += fmt::format("  {}: {{us: {}, ru: {}}}\n", s, value(random), value(random));
    }
    return text;
  }
  text += "dimensions:\n  - {id: cash, name: Cash, unit: USD bn}\neffects:\n";
  for (const char* s : states) {
    text += fmt::format(
        "  - when: {{us{0}: {1}, ru{0}: {2}}}\n    us: {{cash: {3}}}\n    ru: {{cash: {4}}}\n", c,
        s[0], s[1], value(random), value(random));
  }
  text += "valuation:\n  us: {weights: {cash: 1}}\n  ru: {weights: {cash: 1}}\n";
  return text;
}

TEST(AnalyzeLinkage, LinkedDealNeverFallsBelowTheIssuesAloneAndMatchesEnumeration) {
  std::mt19937_64 random(20);
  for (int trial = 0; trial < 150; ++trial) {
    const int count = 2 + trial % 2;
    std::vector<CompiledCase> cases;
    for (int c = 0; c < count; ++c) {
      const std::string text = RandomIssue(random, c, (trial + c) % 3 == 0);
      Result<CompiledCase> compiled = ReadCase(text, fmt::format("issue{}.yaml", c));
      ASSERT_TRUE(compiled.has_value()) << compiled.error().message << "\n" << text;
      cases.push_back(std::move(*compiled));
    }
    const std::vector<EfficiencyAnalysis> efficiency = Efficiencies(cases);
    const LinkageAnalysis linkage = Analyze(PortfolioDefinition{}, cases);
    const std::vector<ActorIndex> deciders = {ActorIndex{0}, ActorIndex{1}};

    // (a) from each issue's own a*, and every state of every issue (not only the frontiers).
    std::vector<double> alone(2, 0.0);
    Gains all(cases.size());
    for (std::size_t c = 0; c < cases.size(); ++c) {
      const UtilityTable& u = cases[c].utilities;
      const EfficiencyAgainst& block = efficiency[c].against.at(0);
      const StateId d = block.default_state;
      for (std::size_t i = 0; i < 2; ++i) {
        if (block.alternative)
          alone[i] += u.at(deciders[i], block.alternative->state) - u.at(deciders[i], d);
      }
      for (std::uint32_t s = 0; s < cases[c].space.size(); ++s) {
        all[c].push_back({u.at(deciders[0], StateId{s}) - u.at(deciders[0], d),
                          u.at(deciders[1], StateId{s}) - u.at(deciders[1], d)});
      }
      // (b) inside an issue without a*: with lossless money the transfer keeps the largest
      // total and leaves nobody below the default; without money nothing changes.
      const LinkageIssueResult& issue = linkage.issues[c];
      if (issue.transfer) {
        double best_total = 0;
        for (const auto& g : all[c]) best_total = std::max(best_total, g[0] + g[1]);
        EXPECT_NEAR(issue.transfer->gains[0] + issue.transfer->gains[1], best_total, 1e-9)
            << "trial " << trial;
        for (double g : issue.transfer->gains) EXPECT_GE(g, -1e-9) << "trial " << trial;
      }
    }
    const double expected = BruteForceProduct(all, alone);
    for (std::size_t i = 0; i < 2; ++i) {
      EXPECT_NEAR(linkage.standalone_gains[i], alone[i], 1e-12) << "trial " << trial;
      // c ≥ a for every decider's total.
      EXPECT_GE(linkage.linked_gains[i], linkage.standalone_gains[i] - 1e-12) << "trial " << trial;
      const double floor = std::max(linkage.standalone_gains[i], linkage.transfer_gains[i]);
      EXPECT_NEAR(linkage.refusal_cost[i], std::max(0.0, linkage.linked_gains[i] - floor), 1e-9)
          << "trial " << trial;
    }
    // The linked deal is the enumeration's best: the same Nash product over (a).
    double product = linkage.linked_beats_standalone ? 1.0 : 0.0;
    for (std::size_t i = 0; i < 2 && linkage.linked_beats_standalone; ++i) {
      product *= linkage.linked_gains[i] - linkage.standalone_gains[i];
    }
    EXPECT_NEAR(product, expected, 1e-9 * std::max(1.0, expected)) << "trial " << trial;
    EXPECT_EQ(linkage.linked_beats_standalone, expected > 0) << "trial " << trial;
  }
}

// A random issue of three deciders (us, ru and its own `ir`), one option each, payoffs.
std::string RandomIssueWithOwnDecider(std::mt19937_64& random, int c) {
  std::uniform_int_distribution<int> value(-4, 4);
  std::string text = fmt::format(
      "mend: 1\nid: own{0}\ntitle: Own {0}\nactors:\n"
      "  - {{id: us, name: US, role: decider}}\n  - {{id: ru, name: RU, role: decider}}\n"
      "  - {{id: ir, name: IR, role: decider}}\n"
      "options:\n  us: [{{id: us{0}, name: Act}}]\n  ru: [{{id: ru{0}, name: Act}}]\n"
      "  ir: [{{id: ir{0}, name: Act}}]\nstatus_quo: NNN\ndefault: NNN\n"
      "payoffs:\n  NNN: {{us: 0, ru: 0, ir: 0}}\n",
      c);
  for (const char* s : {"YNN", "NYN", "YYN", "NNY", "YNY", "NYY", "YYY"}) {
    text += fmt::format("  {}: {{us: {}, ru: {}, ir: {}}}\n", s, value(random), value(random),
                        value(random));
  }
  return text;
}

TEST(AnalyzeLinkage, ADeciderOfOneIssueMatchesEnumerationWithItsFloor) {
  std::mt19937_64 random(21);
  for (int trial = 0; trial < 150; ++trial) {
    std::vector<CompiledCase> cases;
    for (int c = 0; c < 2; ++c) {
      const std::string text = RandomIssue(random, c, false);
      cases.push_back(*ReadCase(text, fmt::format("issue{}.yaml", c)));
    }
    const std::string own = RandomIssueWithOwnDecider(random, 2);
    Result<CompiledCase> compiled = ReadCase(own, "own2.yaml");
    ASSERT_TRUE(compiled.has_value()) << compiled.error().message << "\n" << own;
    cases.push_back(std::move(*compiled));
    const std::vector<EfficiencyAnalysis> efficiency = Efficiencies(cases);
    const LinkageAnalysis linkage = Analyze(PortfolioDefinition{}, cases);
    ASSERT_EQ(linkage.deciders, (std::vector<std::string>{"us", "ru"}));

    // Every state of every issue; in the last, only those leaving ir its standalone gain.
    std::vector<double> alone(2, 0.0);
    double ir_floor = 0;
    Gains all(cases.size());
    for (std::size_t c = 0; c < cases.size(); ++c) {
      const UtilityTable& u = cases[c].utilities;
      const EfficiencyAgainst& block = efficiency[c].against.at(0);
      const StateId d = block.default_state;
      auto gain = [&](std::uint32_t actor, StateId s) {
        return u.at(ActorIndex{actor}, s) - u.at(ActorIndex{actor}, d);
      };
      if (block.alternative) {
        for (std::uint32_t i = 0; i < 2; ++i) alone[i] += gain(i, block.alternative->state);
        if (c == 2) ir_floor = gain(2, block.alternative->state);
      }
      for (std::uint32_t s = 0; s < cases[c].space.size(); ++s) {
        if (c == 2 && gain(2, StateId{s}) < ir_floor) continue;
        all[c].push_back({gain(0, StateId{s}), gain(1, StateId{s})});
      }
    }
    const LinkageIssueResult& last = linkage.issues[2];
    ASSERT_EQ(last.own_deciders, (std::vector<std::string>{"ir"}));
    EXPECT_EQ(last.own_standalone_gains[0], ir_floor) << "trial " << trial;
    EXPECT_GE(last.own_linked_gains[0], ir_floor) << "trial " << trial;
    const double expected = BruteForceProduct(all, alone);
    for (std::size_t i = 0; i < 2; ++i) {
      EXPECT_NEAR(linkage.standalone_gains[i], alone[i], 1e-12) << "trial " << trial;
      EXPECT_GE(linkage.linked_gains[i], linkage.standalone_gains[i] - 1e-12) << "trial " << trial;
    }
    double product = linkage.linked_beats_standalone ? 1.0 : 0.0;
    for (std::size_t i = 0; i < 2 && linkage.linked_beats_standalone; ++i) {
      product *= linkage.linked_gains[i] - linkage.standalone_gains[i];
    }
    EXPECT_NEAR(product, expected, 1e-9 * std::max(1.0, expected)) << "trial " << trial;
  }
}

}  // namespace
}  // namespace mend
