// SPDX-License-Identifier: Apache-2.0
//
// The robustness figures of the central analysis against their closed forms: the unconditional
// ledger and P(no alternative), the two-sided interval on which a conclusion holds, the default
// under every order of moves, and the convergence check.
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "mend/engine/case_analysis.hpp"
#include "mend/engine/engine_test_cases.hpp"
#include "mend/engine/portfolio_analysis.hpp"
#include "mend/io/case_reader.hpp"

namespace mend {
namespace {

// x ~ uniform(0, 10). The United States restrains at a cost of 3 and gains x from Russia's
// restraint; Russia restrains at a cost of 1 and gains 2 from the United States'. The default is
// NN for every x (each restraint alone costs its author); YY gives the United States x − 3 and
// Russia +1, so it is the alternative exactly when x > 3 (YN and NY each leave one side worse).
// Unconditional U.S. gain: x − 3 above 3, else 0: mean ∫₃¹⁰ (x − 3) dx / 10 = 2.45, P(0) = 0.3,
// so p5 = 0, median 2 (0.3 + v/10 = 0.5), p95 6.5; Russia's: 1 above 3, else 0: mean 0.7.
// The central x = 5 gives a* = YY; the conditional U.S. gain x − 3 has mean 2, P(loss) 0.3.
constexpr const char* kAlternativeAboveThreshold = R"(mend: 1
id: above-threshold
actors:
  - {id: us, role: decider}
  - {id: ru, role: decider}
dimensions:
  - {id: gain}
parameters:
  x: {dist: uniform, min: 0, max: 10}
options:
  us: [{id: us_restrain}]
  ru: [{id: ru_restrain}]
status_quo: NN
effects:
  - when: {us_restrain: Y}
    us: {gain: -3}
    ru: {gain: 2}
  - when: {ru_restrain: Y}
    ru: {gain: -1}
    us: {gain: x}
valuation:
  us: {weights: {gain: 1}}
  ru: {weights: {gain: 1}}
)";

// x ~ uniform(0, 10). YY gives the United States x − 3 and Russia 7 − x against the default NN,
// so the default is Pareto-dominated exactly for 3 < x < 7: quantiles 0.3 to 0.7.
constexpr const char* kMiddleInterval = R"(mend: 1
id: middle-interval
actors:
  - {id: us, role: decider}
  - {id: ru, role: decider}
dimensions:
  - {id: gain}
parameters:
  x: {dist: uniform, min: 0, max: 10}
options:
  us: [{id: us_restrain}]
  ru: [{id: ru_restrain}]
status_quo: NN
effects:
  - when: {us_restrain: Y}
    us: {gain: -3}
    ru: {gain: 7}
  - when: {ru_restrain: Y}
    ru: {gain: 0 - x}
    us: {gain: x}
valuation:
  us: {weights: {gain: 1}}
  ru: {weights: {gain: 1}}
)";

CompiledCase Load(const char* text) { return testing::LoadCaseText(text); }

StateId State(const CompiledCase& compiled, const char* pattern) {
  return testing::StateNamed(compiled, pattern);
}

CaseAnalysis Analyze(const CompiledCase& compiled, std::uint64_t samples) {
  AnalysisOptions options;
  options.samples = samples;
  options.seed = 3;
  options.method = SamplingMethod::kLatinHypercube;
  options.monte_carlo = true;
  Result<CaseAnalysis> analysis = AnalyzeCase(compiled, options);
  EXPECT_TRUE(analysis.has_value()) << analysis.error().message;
  return std::move(*analysis);
}

const SensitivityEntry& Entry(const CaseAnalysis& analysis, const std::string& figure) {
  for (const SensitivityEntry& entry : analysis.sensitivity) {
    if (SensitivityFigureName(analysis.source->definition, entry) == figure) return entry;
  }
  ADD_FAILURE() << "no sensitivity entry " << figure;
  return analysis.sensitivity.front();
}

TEST(Robustness, UnconditionalLedgerMatchesItsIntegrals) {
  const CompiledCase compiled = Load(kAlternativeAboveThreshold);
  const CaseAnalysis analysis = Analyze(compiled, 20000);
  ASSERT_TRUE(analysis.montecarlo.has_value());
  const MonteCarloResult& mc = *analysis.montecarlo;
  EXPECT_EQ(analysis.central_default, State(compiled, "NN"));
  EXPECT_EQ(analysis.central_alternative, State(compiled, "YY"));
  // Latin hypercube on one parameter: the samples sit one per stratum of width 1/n.
  const double tolerance = 2e-3;
  EXPECT_NEAR(mc.no_alternative.p, 0.3, tolerance);
  EXPECT_NEAR(mc.central_alternative_likelihood.p, 0.7, tolerance);
  EXPECT_EQ(mc.central_default_likelihood.p, 1.0);
  ASSERT_EQ(mc.unconditional_ledger.size(), 2U);
  const LedgerDistribution& us = mc.unconditional_ledger[0];
  EXPECT_NEAR(us.mean, 2.45, 5e-3);
  EXPECT_NEAR(us.median, 2.0, 5e-3);
  EXPECT_EQ(us.p5, 0.0);
  EXPECT_NEAR(us.p95, 6.5, 5e-3);
  EXPECT_EQ(us.p_loss, 0.0);
  const LedgerDistribution& ru = mc.unconditional_ledger[1];
  EXPECT_NEAR(ru.mean, 0.7, tolerance);
  EXPECT_EQ(ru.median, 1.0);
  EXPECT_EQ(ru.p5, 0.0);
  EXPECT_EQ(ru.p95, 1.0);
  // The conditional ledger of the central pair: x − 3 in every sample.
  ASSERT_EQ(mc.ledger.size(), 2U);
  EXPECT_NEAR(mc.ledger[0].mean, 2.0, 5e-3);
  EXPECT_NEAR(mc.ledger[0].p5, -2.5, 5e-3);
  EXPECT_NEAR(mc.ledger[0].p_loss, 0.3, tolerance);
  // The standard errors: sd/√n of the mean, √(p(1−p)/n) of a share.
  EXPECT_NEAR(mc.ledger[0].sd, 10 / std::sqrt(12.0), 1e-2);
  EXPECT_NEAR(mc.ledger[0].mean_standard_error, mc.ledger[0].sd / std::sqrt(20000.0), 1e-12);
  EXPECT_NEAR(mc.no_alternative.standard_error, std::sqrt(0.3 * 0.7 / 20000), 1e-4);
}

TEST(Robustness, ConclusionHoldsOnAMiddleIntervalWithBothEnds) {
  const CompiledCase compiled = Load(kMiddleInterval);
  const CaseAnalysis analysis = Analyze(compiled, 200);
  ASSERT_EQ(analysis.central_alternative, State(compiled, "YY"));
  for (const char* figure : {"default_pareto_dominated", "alternative"}) {
    const SensitivityEntry& entry = Entry(analysis, figure);
    SCOPED_TRACE(figure);
    EXPECT_NEAR(entry.median, 5.0, 1e-9);
    ASSERT_TRUE(entry.holds_from.has_value());
    ASSERT_TRUE(entry.holds_to.has_value());
    EXPECT_NEAR(*entry.holds_from, 3.0, 1e-6);
    EXPECT_NEAR(*entry.holds_from_quantile, 0.3, 1e-7);
    EXPECT_NEAR(*entry.holds_to, 7.0, 1e-6);
    EXPECT_NEAR(*entry.holds_to_quantile, 0.7, 1e-7);
    // Both ends are equally near the median; the switching value is one of them.
    ASSERT_TRUE(entry.switching_value.has_value());
    EXPECT_TRUE(std::abs(*entry.switching_value - 3.0) < 1e-6 ||
                std::abs(*entry.switching_value - 7.0) < 1e-6);
  }
  // The U.S. ledger x − 3 turns negative below 3 and never above; Russia's 7 − x above 7 only.
  const SensitivityEntry& us = Entry(analysis, "ledger.us.total");
  ASSERT_TRUE(us.holds_from.has_value());
  EXPECT_NEAR(*us.holds_from, 3.0, 1e-6);
  EXPECT_FALSE(us.holds_to.has_value());
  EXPECT_NEAR(*us.switching_value, 3.0, 1e-6);
  const SensitivityEntry& ru = Entry(analysis, "ledger.ru.total");
  EXPECT_FALSE(ru.holds_from.has_value());
  ASSERT_TRUE(ru.holds_to.has_value());
  EXPECT_NEAR(*ru.holds_to, 7.0, 1e-6);
  EXPECT_NEAR(*ru.holds_to_quantile, 0.7, 1e-7);
}

TEST(Robustness, ChickensDefaultDependsOnWhoMovesFirst) {
  // Tests run in the source folder.
  Result<Document> document = ReadDocumentFile("cases/classic/chicken.yaml");
  ASSERT_TRUE(document.has_value()) << document.error().message;
  const CompiledCase* compiled = &std::get<CompiledCase>(*document);
  Result<CaseAnalysis> analysis = AnalyzeCase(*compiled, {});
  ASSERT_TRUE(analysis.has_value()) << analysis.error().message;
  ASSERT_TRUE(analysis->mover_orders.has_value());
  const MoverOrderAnalysis& orders = *analysis->mover_orders;
  EXPECT_TRUE(orders.exhaustive);
  EXPECT_EQ(orders.orders_tried, 2U);
  EXPECT_TRUE(orders.order_dependent);
  ASSERT_EQ(orders.outcomes.size(), 2U);
  // File order (p1 first) gives YN, the default; p2 first gives NY.
  EXPECT_EQ(orders.outcomes[0].end, State(*compiled, "YN"));
  EXPECT_EQ(orders.outcomes[0].example_order.front().value, 0U);
  EXPECT_EQ(orders.outcomes[1].end, State(*compiled, "NY"));
  EXPECT_EQ(orders.outcomes[1].example_order.front().value, 1U);
  EXPECT_DOUBLE_EQ(orders.outcomes[1].p_orders, 0.5);
  EXPECT_EQ(analysis->central_default, orders.outcomes[0].end);
}

TEST(Robustness, ADefaultEveryOrderReachesIsNotOrderDependent) {
  const CompiledCase compiled = Load(kAlternativeAboveThreshold);
  Result<CaseAnalysis> analysis = AnalyzeCase(compiled, {});
  ASSERT_TRUE(analysis.has_value()) << analysis.error().message;
  ASSERT_TRUE(analysis->mover_orders.has_value());
  EXPECT_FALSE(analysis->mover_orders->order_dependent);
  ASSERT_EQ(analysis->mover_orders->outcomes.size(), 1U);
  EXPECT_EQ(analysis->mover_orders->outcomes[0].end, State(compiled, "NN"));
  EXPECT_EQ(analysis->mover_orders->outcomes[0].p_orders, 1.0);
}

TEST(Robustness, SevenDecidersTryTheRotationsOfBothDirections) {
  std::string text = "mend: 1\nid: seven\nactors:\n";
  for (int a = 0; a < 7; ++a) text += "  - {id: a" + std::to_string(a) + ", role: decider}\n";
  text += "options:\n";
  for (int a = 0; a < 7; ++a) {
    text += "  a" + std::to_string(a) + ": [{id: o" + std::to_string(a) + "}]\n";
  }
  text += "status_quo: NNNNNNN\npreferences:\n";
  // Each decider prefers its own option taken and nothing else matters to it.
  for (int a = 0; a < 7; ++a) {
    text += "  a" + std::to_string(a) + ": [o" + std::to_string(a) + "]\n";
  }
  const CompiledCase compiled = Load(text.c_str());
  Result<CaseAnalysis> analysis = AnalyzeCase(compiled, {});
  ASSERT_TRUE(analysis.has_value()) << analysis.error().message;
  ASSERT_TRUE(analysis->mover_orders.has_value());
  EXPECT_FALSE(analysis->mover_orders->exhaustive);
  EXPECT_EQ(analysis->mover_orders->orders_tried, 14U);
  EXPECT_FALSE(analysis->mover_orders->order_dependent);
  EXPECT_EQ(analysis->mover_orders->outcomes[0].end, State(compiled, "YYYYYYY"));
}

TEST(Robustness, AHeavyTailedMeanIsFlaggedAndASettledOneIsNot) {
  const CompiledCase settled = Load(kAlternativeAboveThreshold);
  const CaseAnalysis calm = Analyze(settled, 20000);
  EXPECT_TRUE(calm.convergence.empty())
      << calm.convergence.front().figure << ": " << calm.convergence.front().reason;
  // A heavy-tailed gain (lognormal, p95 a hundred times the median): its mean does not settle at
  // 500 samples.
  std::string text = kAlternativeAboveThreshold;
  text.replace(text.find("{dist: uniform, min: 0, max: 10}"),
               std::string("{dist: uniform, min: 0, max: 10}").size(),
               "{dist: lognormal, median: 5, p95: 500}");
  const CompiledCase heavy = Load(text.c_str());
  const CaseAnalysis wild = Analyze(heavy, 500);
  bool flagged = false;
  for (const ConvergenceWarning& warning : wild.convergence) {
    if (warning.figure == "ledger.us.mean") {
      flagged = true;
      EXPECT_GT(warning.suggested_samples, 500U);
      EXPECT_FALSE(warning.reason.empty());
    }
  }
  EXPECT_TRUE(flagged);
}

}  // namespace
}  // namespace mend

namespace mend {
namespace {

// Two issues whose U.S. gain is risk − 3 each, with risk ~ uniform(0, 10) shared by the
// portfolio: the summed gain is 2·risk − 6 (p5 −5, median 4, p95 13), not the sum of two
// independent draws (whose p5 would be √0.1·10 − 6 ≈ −2.84).
TEST(Robustness, APortfolioDrawsItsSharedParameterOnceForEveryIssue) {
  Result<Document> document = ReadDocumentFile("tests/cases/shared-risk/portfolio.yaml");
  ASSERT_TRUE(document.has_value()) << document.error().message;
  const auto& portfolio = std::get<CompiledPortfolio>(*document);
  std::vector<const CompiledCase*> cases;
  for (const CompiledCase& one : portfolio.cases) cases.push_back(&one);
  AnalysisOptions options;
  options.samples = 20000;
  options.seed = 9;
  options.method = SamplingMethod::kLatinHypercube;
  options.monte_carlo = true;
  Result<PortfolioAnalysis> analysis = AnalyzePortfolio(portfolio.definition, cases, options);
  ASSERT_TRUE(analysis.has_value()) << analysis.error().message;
  ASSERT_TRUE(analysis->ledger.has_value());
  const PortfolioLedger& ledger = *analysis->ledger;
  EXPECT_EQ(ledger.shared_parameters, std::vector<std::string>{"risk"});
  ASSERT_EQ(ledger.actors, (std::vector<std::string>{"us", "ru"}));
  const LedgerDistribution& us = ledger.conditional[0];
  EXPECT_NEAR(us.mean, 4.0, 1e-2);
  EXPECT_NEAR(us.median, 4.0, 1e-2);
  EXPECT_NEAR(us.p5, -5.0, 1e-2);
  EXPECT_NEAR(us.p95, 13.0, 1e-2);
  EXPECT_NEAR(us.p_loss, 0.3, 1e-3);
  EXPECT_NEAR(ledger.conditional[1].mean, 2.0, 1e-12);
  // Unconditional: 2·max(risk − 3, 0), mean 2 · 2.45.
  EXPECT_NEAR(ledger.unconditional[0].mean, 4.9, 1e-2);
  EXPECT_NEAR(ledger.unconditional[0].p95, 13.0, 1e-2);
  EXPECT_EQ(ledger.unconditional[0].p5, 0.0);
  // Each issue on its own: risk − 3 with the portfolio's range, not the case's own (0 to 5).
  for (const CaseAnalysis& issue : analysis->cases) {
    ASSERT_TRUE(issue.montecarlo.has_value());
    EXPECT_NEAR(issue.montecarlo->ledger[0].p95, 6.5, 1e-2);
  }
}

// Each side restrains at a cost of 3; unless both do, each bears an expected escalation cost of
// 0.1 · C with C lognormal (median 100, p95 518: σ = ln 5.18 / 1.645 ≈ 1). Restraint alone
// costs without lowering the risk, so the default is NN; the alternative is YY, and the U.S. gain
// 0.1 · C − 3: 7 at the median of C, but E[0.1 · C] − 3 = 10 · exp(σ²/2) − 3 ≈ 13.5 in expectation.
// MARKING is where the dimension's marking goes.
std::string ExpectedCostCase(const std::string& marking) {
  std::string text = R"(mend: 1
id: expected-cost
actors:
  - {id: us, role: decider}
  - {id: ru, role: decider}
dimensions:
  - {id: budget}
  - {id: risk, unit: USD bn/yr MARKING}
parameters:
  war_cost: {dist: lognormal, median: 100, p95: 518}
options:
  us: [{id: us_restrain}]
  ru: [{id: ru_restrain}]
status_quo: NN
effects:
  - when: {us_restrain: Y}
    us: {budget: -3}
  - when: {ru_restrain: Y}
    ru: {budget: -3}
  - when: {us_restrain: N}
    us: {risk: -0.1 * war_cost}
    ru: {risk: -0.1 * war_cost}
  - when: {us_restrain: Y, ru_restrain: N}
    us: {risk: -0.1 * war_cost}
    ru: {risk: -0.1 * war_cost}
valuation:
  us: {weights: {budget: 1, risk: 1}}
  ru: {weights: {budget: 1, risk: 1}}
)";
  text.replace(text.find("MARKING"), 7, marking);
  return text;
}

CaseAnalysis AnalyzeExpectedCost(const CompiledCase& compiled) {
  AnalysisOptions options;
  options.samples = 20000;
  options.seed = 5;
  options.monte_carlo = true;
  Result<CaseAnalysis> analysis = AnalyzeCase(compiled, options);
  EXPECT_TRUE(analysis.has_value()) << analysis.error().message;
  return std::move(*analysis);
}

double CentralGain(const CaseAnalysis& analysis, std::size_t actor) {
  const EfficiencyAgainst* block = analysis.CentralBlock();
  EXPECT_NE(block, nullptr);
  return block == nullptr ? 0.0 : block->ledger[actor].total;
}

TEST(Robustness, AnExpectationDimensionCountsAtItsMeanOverTheSamples) {
  const CompiledCase marked = testing::LoadCaseText(ExpectedCostCase(", expectation: true"));
  ASSERT_TRUE(marked.definition.dimensions[1].expectation);
  const CaseAnalysis analysis = AnalyzeExpectedCost(marked);
  ASSERT_TRUE(analysis.montecarlo.has_value());
  EXPECT_EQ(analysis.central_default, State(marked, "NN"));
  EXPECT_EQ(analysis.central_alternative, State(marked, "YY"));
  ASSERT_EQ(analysis.montecarlo->ledger.size(), 2U);
  const LedgerDistribution& sampled = analysis.montecarlo->ledger[0];
  const double gain = CentralGain(analysis, 0);
  // The utility is linear in the risk and the budget is fixed: the central gain is the mean of
  // the sampled gains (the same samples), well within its standard error.
  EXPECT_NEAR(gain, sampled.mean, sampled.mean_standard_error);
  // ... and the closed form E[0.1 · C] − 3, within four standard errors of the estimate.
  const double sigma = std::log(518.0 / 100.0) / 1.6448536269514722;
  EXPECT_NEAR(gain, 10 * std::exp(sigma * sigma / 2) - 3, 4 * sampled.mean_standard_error);
  // Not the value at the median (7): the mean of a lognormal is far above its median.
  EXPECT_GT(gain - 7.0, 10 * sampled.mean_standard_error);
  // The per-dimension entry of the ledger is the mean too, and the standard error of the
  // dimension's mean is reported beside it (sd/√n of 0.1 · C at NN).
  const EfficiencyAgainst* block = analysis.CentralBlock();
  ASSERT_NE(block, nullptr);
  ASSERT_EQ(block->ledger[0].dimensions.size(), 2U);
  EXPECT_NEAR(block->ledger[0].dimensions[1].natural, gain + 3, 1e-9);
  const std::size_t width = 2 * 2;  // actors × dimensions
  const std::size_t at = State(marked, "NN").value * width + 0 * 2 + 1;
  ASSERT_EQ(analysis.expected_standard_errors.size(), marked.space.size() * width);
  EXPECT_NEAR(analysis.expected_standard_errors[at], sampled.mean_standard_error,
              1e-6 * sampled.mean_standard_error);
  // The sensitivity analysis moves the mean with C: the U.S. gain at C's p5 and p95 brackets
  // the central one.
  const SensitivityEntry& us = Entry(analysis, "ledger.us.total");
  EXPECT_LT(us.low, gain);
  EXPECT_GT(us.high, gain);
}

TEST(Robustness, WithoutAnExpectationDimensionTheCentralAnalysisIsUnchanged) {
  const CompiledCase unmarked = testing::LoadCaseText(ExpectedCostCase(""));
  const CompiledCase marked_false = testing::LoadCaseText(ExpectedCostCase(", expectation: false"));
  const CompiledCase marked = testing::LoadCaseText(ExpectedCostCase(", expectation: true"));
  for (const CompiledCase* compiled : {&unmarked, &marked_false}) {
    const CaseAnalysis analysis = AnalyzeExpectedCost(*compiled);
    // No copy of the case, no means: the central utilities are those at the medians.
    EXPECT_EQ(analysis.compiled, compiled);
    EXPECT_TRUE(analysis.compiled->expected_values.empty());
    EXPECT_TRUE(analysis.expected_standard_errors.empty());
    EXPECT_NEAR(CentralGain(analysis, 0), 0.1 * 100 - 3, 1e-9);
    // The Monte Carlo is the same run with or without the marking: only the central figures
    // move.
    const CaseAnalysis with_mean = AnalyzeExpectedCost(marked);
    ASSERT_TRUE(analysis.montecarlo.has_value() && with_mean.montecarlo.has_value());
    EXPECT_EQ(analysis.montecarlo->ledger[0].mean, with_mean.montecarlo->ledger[0].mean);
    EXPECT_EQ(analysis.montecarlo->ledger[0].p95, with_mean.montecarlo->ledger[0].p95);
    EXPECT_NE(CentralGain(analysis, 0), CentralGain(with_mean, 0));
  }
}

}  // namespace
}  // namespace mend
