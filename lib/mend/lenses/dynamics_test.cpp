// SPDX-License-Identifier: Apache-2.0
#include "mend/lenses/dynamics.hpp"

#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "mend/io/case_reader.hpp"

namespace mend {
namespace {

CompiledCase LoadFile(const std::string& path) {
  Result<Document> document = ReadDocumentFile(path);
  EXPECT_TRUE(document.has_value()) << document.error().message;
  return std::get<CompiledCase>(std::move(*document));
}

// Engagement gains 10 ± a uniform shock of width 12 for each side.
constexpr const char* kNoisyCase = R"(mend: 1
id: noisy
title: Noisy engagement
actors:
  - {id: us, name: US, role: decider}
  - {id: ru, name: RU, role: decider}
dimensions:
  - {id: trade, name: Trade, unit: bn}
parameters:
  a: {dist: uniform, min: 4, max: 16}
  b: {dist: uniform, min: 4, max: 16}
options:
  us:
    - {id: us_engage, name: Engage}
  ru:
    - {id: ru_engage, name: Engage}
status_quo: NN
effects:
  - when: {us_engage: Y, ru_engage: Y}
    us: {trade: a}
    ru: {trade: b}
  - when: {us_engage: Y, ru_engage: N}
    us: {trade: -1}
  - when: {us_engage: N, ru_engage: Y}
    ru: {trade: -1}
valuation:
  us: {weights: {trade: 1}}
  ru: {weights: {trade: 1}}
)";

TEST(SimulateExpectations, FixedGainsMatchTheHandCount) {
  const CompiledCase compiled = LoadFile("tests/golden/lenses-dynamics/input.yaml");
  DynamicsOptions options;
  options.rounds = 40;
  options.runs = 3;
  options.kappas = {1, 1.5, 2, 3};
  options.alpha = 0.3;
  Result<DynamicsReport> report = SimulateExpectations(compiled, options);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  // With a fixed gain μ the low quantile is μ, and a round disappoints while s − 1 > θ = 0.1.
  // Two such rounds in a row (rounds 0 and 1) start a crisis of 3 rounds, so crises start at
  // rounds 1, 6, 11, ...; after the k-th, s − 1 = (κ − 1)·0.7^k (the realised mean is μ).
  // 0, 5 and 7 crises at κ = 1, 1.5, 2; at κ = 3 the 9 due do not fit in 40 rounds: 8.
  const double crises[] = {0, 5, 7, 8};
  for (std::size_t k = 0; k < 4; ++k) {
    const KappaResult& r = report->by_kappa[k];
    EXPECT_DOUBLE_EQ(r.crisis_frequency, crises[k] / 40) << "kappa " << r.kappa;
    EXPECT_DOUBLE_EQ(r.time_in_crisis, 3 * crises[k] / 40);
    EXPECT_DOUBLE_EQ(r.mean_gain[0], 4 * (40 - 3 * crises[k]) / 40);
    EXPECT_DOUBLE_EQ(r.mean_gain[1], 2 * (40 - 3 * crises[k]) / 40);
  }
  EXPECT_EQ(report->best_kappa, 1);
  EXPECT_DOUBLE_EQ(report->low_quantile[0], 4);
  EXPECT_DOUBLE_EQ(report->by_kappa[3].total_gain, 6 * (40 - 3 * 8) / 40.0);
}

TEST(SimulateExpectations, OneDisappointingRoundIsNoCrisis) {
  const CompiledCase compiled = LoadFile("tests/golden/lenses-dynamics/input.yaml");
  DynamicsOptions options;
  options.runs = 1;
  options.kappas = {3};
  options.rounds = 1;  // round 0 disappoints; patience 2 waits for a second one
  Result<DynamicsReport> one = SimulateExpectations(compiled, options);
  ASSERT_TRUE(one.has_value()) << one.error().message;
  EXPECT_EQ(one->by_kappa[0].crisis_frequency, 0);
  options.rounds = 2;
  Result<DynamicsReport> two = SimulateExpectations(compiled, options);
  ASSERT_TRUE(two.has_value()) << two.error().message;
  EXPECT_DOUBLE_EQ(two->by_kappa[0].crisis_frequency, 0.5);
  options.patience = 1;
  options.rounds = 1;
  Result<DynamicsReport> impatient = SimulateExpectations(compiled, options);
  ASSERT_TRUE(impatient.has_value()) << impatient.error().message;
  EXPECT_EQ(impatient->by_kappa[0].crisis_frequency, 1);
}

TEST(SimulateExpectations, HeavyTailedGainRarelyEndsInCrisisUnlessExpectationsAreInflated) {
  // Each side's gain is lognormal with p95 = 10 × median (σ = ln 10 / 1.645): the mean is
  // e^(σ²/2) ≈ 2.66 times the median, above about 76 % of the rounds. The first release, which
  // measured disappointment against the mean, put 67–69 % of rounds in crisis at κ = 1 and 3.
  const CompiledCase compiled = LoadFile("tests/cases/dynamics/lognormal.yaml");
  DynamicsOptions options;  // the defaults: 1000 runs of 100 rounds
  Result<DynamicsReport> report = SimulateExpectations(compiled, options);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  const double sigma = std::log(10.0) / 1.6448536269514722;
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_NEAR(report->mean_gain[i], std::exp(sigma * sigma / 2), 0.1);
    // The 15 % quantile of the lognormal: median × e^(−1.0364 σ).
    EXPECT_NEAR(report->low_quantile[i], std::exp(-1.0364333894937898 * sigma), 0.01);
  }
  ASSERT_EQ(report->by_kappa.size(), 4U);
  const KappaResult& realistic = report->by_kappa[0];
  const KappaResult& tripled = report->by_kappa[3];
  EXPECT_LE(realistic.time_in_crisis, 0.30);
  EXPECT_GE(tripled.time_in_crisis, realistic.time_in_crisis + 0.20);
  for (std::size_t k = 1; k < 4; ++k) {
    EXPECT_GT(report->by_kappa[k].time_in_crisis, report->by_kappa[k - 1].time_in_crisis);
    EXPECT_LT(report->by_kappa[k].total_gain, report->by_kappa[k - 1].total_gain);
  }
  EXPECT_EQ(report->best_kappa, 1);
}

TEST(SimulateExpectations, CrisesFallAsKappaApproachesOneAndThreadsChangeNothing) {
  Result<CompiledCase> compiled = ReadCase(kNoisyCase, "noisy.yaml");
  ASSERT_TRUE(compiled.has_value()) << compiled.error().message;
  DynamicsOptions options;
  options.rounds = 50;
  options.runs = 200;
  options.kappas = {3, 2, 1.5, 1};
  options.threads = 1;
  Result<DynamicsReport> one = SimulateExpectations(*compiled, options);
  options.threads = 4;
  Result<DynamicsReport> four = SimulateExpectations(*compiled, options);
  ASSERT_TRUE(one.has_value() && four.has_value());
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_EQ(one->by_kappa[k].crisis_frequency, four->by_kappa[k].crisis_frequency);
    EXPECT_EQ(one->by_kappa[k].mean_gain, four->by_kappa[k].mean_gain);
    if (k > 0) {
      EXPECT_LT(one->by_kappa[k].crisis_frequency, one->by_kappa[k - 1].crisis_frequency);
    }
  }
  EXPECT_EQ(one->best_kappa, 1);
  EXPECT_NEAR(one->mean_gain[0], 10, 0.2);
}

TEST(SimulateExpectations, ExpressionFieldsGiveTheSameResultsOnAnyThreadCount) {
  // b's range is an expression over a: each sample evaluates compiled fields, which must not be
  // shared between threads (a data race there once made results vary from run to run).
  std::string text = kNoisyCase;
  const std::string plain = "  b: {dist: uniform, min: 4, max: 16}";
  text.replace(text.find(plain), plain.size(), "  b: {dist: uniform, min: a / 2, max: a + 6}");
  Result<CompiledCase> compiled = ReadCase(text, "noisy-expressions.yaml");
  ASSERT_TRUE(compiled.has_value()) << compiled.error().message;
  DynamicsOptions options;
  options.rounds = 40;
  options.runs = 300;
  options.kappas = {1, 2};
  options.threads = 1;
  Result<DynamicsReport> reference = SimulateExpectations(*compiled, options);
  ASSERT_TRUE(reference.has_value());
  for (unsigned threads : {2U, 3U, 8U}) {
    for (int repeat = 0; repeat < 3; ++repeat) {
      options.threads = threads;
      Result<DynamicsReport> again = SimulateExpectations(*compiled, options);
      ASSERT_TRUE(again.has_value());
      EXPECT_EQ(again->mean_gain, reference->mean_gain) << threads << " threads";
      for (std::size_t k = 0; k < 2; ++k) {
        EXPECT_EQ(again->by_kappa[k].crisis_frequency, reference->by_kappa[k].crisis_frequency);
        EXPECT_EQ(again->by_kappa[k].mean_gain, reference->by_kappa[k].mean_gain);
      }
    }
  }
}

TEST(SimulateExpectations, RefusesBadOptions) {
  Result<CompiledCase> compiled = ReadCase(kNoisyCase, "noisy.yaml");
  ASSERT_TRUE(compiled.has_value());
  DynamicsOptions options;
  options.alpha = 0;
  Result<DynamicsReport> report = SimulateExpectations(*compiled, options);
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::kInvalidArgument);
  options.alpha = 0.1;
  options.quantile = 1;
  EXPECT_FALSE(SimulateExpectations(*compiled, options).has_value());
  options.quantile = 0.1;
  options.patience = 0;
  EXPECT_FALSE(SimulateExpectations(*compiled, options).has_value());
}

}  // namespace
}  // namespace mend
