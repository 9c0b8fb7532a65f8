// SPDX-License-Identifier: Apache-2.0
#include "mend/uncertainty/parameter_sampler.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <gtest/gtest.h>

#include "mend/io/case_reader.hpp"

namespace mend {
namespace {

constexpr const char* kCase = R"(mend: 1
id: sampling
actors:
  - {id: a, role: decider}
  - {id: b, role: decider}
dimensions:
  - {id: x}
parameters:
  fixed_one: 3.5
  uni: {dist: uniform, min: 2, max: 6}
  tri: {dist: triangular, min: 60, mode: 75, max: 90}
  nor: {dist: normal, mean: 1, sd: 0.5}
  logn: {dist: lognormal, median: 2, p95: 8}
  per: {dist: pert, min: 5, mode: 10, max: 30}
  twice: {dist: uniform, min: uni, max: 2 * uni}
options:
  a: [{id: oa}]
  b: [{id: ob}]
status_quo: NN
effects:
  - when: {}
    a: {x: uni}
    b: {x: tri}
valuation:
  a: {weights: {x: 1}}
  b: {weights: {x: 1}}
)";

CompiledCase Load(const std::string& text) {
  Result<CompiledCase> compiled = ReadCase(text, "sampling.yaml");
  EXPECT_TRUE(compiled.has_value()) << compiled.error().ToString();
  return std::move(*compiled);
}

std::vector<std::vector<double>> Draw(const ParameterSampler& sampler, std::uint64_t n) {
  std::vector<std::vector<double>> columns;
  for (std::uint64_t k = 0; k < n; ++k) {
    Result<std::vector<double>> values = sampler.Sample(k);
    EXPECT_TRUE(values.has_value());
    if (columns.empty()) columns.assign(values->size(), {});
    for (std::size_t p = 0; p < values->size(); ++p) columns[p].push_back((*values)[p]);
  }
  return columns;
}

double Mean(const std::vector<double>& xs) {
  return std::accumulate(xs.begin(), xs.end(), 0.0) / static_cast<double>(xs.size());
}

double StandardDeviation(const std::vector<double>& xs) {
  const double mean = Mean(xs);
  double sum = 0;
  for (double x : xs) sum += (x - mean) * (x - mean);
  return std::sqrt(sum / static_cast<double>(xs.size() - 1));
}

double EmpiricalQuantile(std::vector<double> xs, double p) {
  std::sort(xs.begin(), xs.end());
  return xs[static_cast<std::size_t>(p * static_cast<double>(xs.size() - 1))];
}

std::vector<double> Ranks(const std::vector<double>& xs) {
  std::vector<std::size_t> order(xs.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return xs[a] < xs[b]; });
  std::vector<double> ranks(xs.size());
  for (std::size_t r = 0; r < order.size(); ++r) ranks[order[r]] = static_cast<double>(r);
  return ranks;
}

double SpearmanCorrelation(const std::vector<double>& x, const std::vector<double>& y) {
  const std::vector<double> rx = Ranks(x);
  const std::vector<double> ry = Ranks(y);
  const double mean = Mean(rx);
  double cov = 0;
  double var = 0;
  for (std::size_t i = 0; i < rx.size(); ++i) {
    cov += (rx[i] - mean) * (ry[i] - mean);
    var += (rx[i] - mean) * (rx[i] - mean);
  }
  return cov / var;
}

TEST(ParameterSampler, SampleMeansAndQuantilesMatchEachDistribution) {
  const CompiledCase compiled = Load(kCase);
  const std::uint64_t n = 40000;
  Result<ParameterSampler> sampler = ParameterSampler::Create(
      compiled.definition, compiled.parameters, {.seed = 11, .samples = n});
  ASSERT_TRUE(sampler.has_value());
  const auto columns = Draw(*sampler, n);
  for (std::size_t p = 0; p < 6; ++p) {  // the six independent parameters
    const Distribution& d = compiled.parameters.central_distribution(p);
    const double sd = StandardDeviation(columns[p]);
    SCOPED_TRACE(compiled.definition.parameters[p].id);
    if (!d.uncertain()) {
      EXPECT_EQ(sd, 0.0);
      EXPECT_EQ(columns[p].front(), 3.5);
      continue;
    }
    // Sample mean within 3.5 standard errors of the distribution's mean.
    EXPECT_NEAR(Mean(columns[p]), d.Mean(), 3.5 * sd / std::sqrt(static_cast<double>(n)));
    // Empirical quantiles near the inverse CDF (by probability: the CDF gap stays small).
    for (double level : {0.05, 0.5, 0.95}) {
      const double empirical = EmpiricalQuantile(columns[p], level);
      const double low = d.Quantile(std::max(0.001, level - 0.01));
      const double high = d.Quantile(std::min(0.999, level + 0.01));
      EXPECT_GE(empirical, low) << "level " << level;
      EXPECT_LE(empirical, high) << "level " << level;
    }
  }
  // A parameter whose fields are expressions follows its sampled dependency: uni <= twice <= 2 uni.
  for (std::uint64_t k = 0; k < n; ++k) {
    EXPECT_GE(columns[6][k], columns[1][k]);
    EXPECT_LE(columns[6][k], 2 * columns[1][k]);
  }
}

TEST(ParameterSampler, SampleKDependsOnlyOnSeedCountAndK) {
  const CompiledCase compiled = Load(kCase);
  for (SamplingMethod method : {SamplingMethod::kMonteCarlo, SamplingMethod::kLatinHypercube}) {
    Result<ParameterSampler> a = ParameterSampler::Create(
        compiled.definition, compiled.parameters, {.seed = 5, .samples = 1000, .method = method});
    Result<ParameterSampler> b = ParameterSampler::Create(
        compiled.definition, compiled.parameters, {.seed = 5, .samples = 1000, .method = method});
    ASSERT_TRUE(a.has_value() && b.has_value());
    // Backwards through one sampler, forwards through the other: the same numbers.
    std::vector<std::vector<double>> backwards(1000);
    for (std::uint64_t k = 1000; k-- > 0;) backwards[k] = *a->Sample(k);
    for (std::uint64_t k = 0; k < 1000; ++k) EXPECT_EQ(backwards[k], *b->Sample(k));
    Result<ParameterSampler> other = ParameterSampler::Create(
        compiled.definition, compiled.parameters, {.seed = 6, .samples = 1000, .method = method});
    EXPECT_NE(*a->Sample(3), *other->Sample(3));
  }
}

TEST(ParameterSampler, LatinHypercubePutsExactlyOneSampleInEachStratum) {
  const CompiledCase compiled = Load(kCase);
  const std::uint64_t n = 997;
  Result<ParameterSampler> sampler = ParameterSampler::Create(
      compiled.definition, compiled.parameters,
      {.seed = 3, .samples = n, .method = SamplingMethod::kLatinHypercube});
  ASSERT_TRUE(sampler.has_value());
  for (std::size_t p = 1; p < 6; ++p) {
    std::vector<int> hits(n, 0);
    for (std::uint64_t k = 0; k < n; ++k) {
      const double probability = sampler->Probabilities(k)[p];
      hits[static_cast<std::size_t>(probability * static_cast<double>(n))] += 1;
    }
    EXPECT_TRUE(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }))
        << "parameter " << p;
  }
}

TEST(ParameterSampler, ImposesTheDeclaredRankCorrelations) {
  std::string text = kCase;
  text +=
      "correlations:\n  - {between: [uni, tri], rank: 0.6}\n  - {between: [nor, per], rank: "
      "-0.4}\n";
  const CompiledCase compiled = Load(text);
  const std::uint64_t n = 20000;
  for (SamplingMethod method : {SamplingMethod::kMonteCarlo, SamplingMethod::kLatinHypercube}) {
    Result<ParameterSampler> sampler = ParameterSampler::Create(
        compiled.definition, compiled.parameters, {.seed = 9, .samples = n, .method = method});
    ASSERT_TRUE(sampler.has_value()) << sampler.error().message;
    const auto columns = Draw(*sampler, n);
    EXPECT_NEAR(SpearmanCorrelation(columns[1], columns[2]), 0.6, 0.03);
    EXPECT_NEAR(SpearmanCorrelation(columns[3], columns[5]), -0.4, 0.03);
    EXPECT_NEAR(SpearmanCorrelation(columns[1], columns[3]), 0.0, 0.03);
    // The marginals are untouched: the mean of uni stays at 4.
    EXPECT_NEAR(Mean(columns[1]), 4.0, 3.5 * StandardDeviation(columns[1]) / std::sqrt(n * 1.0));
  }
}

TEST(ParameterSampler, RefusesZeroSamples) {
  const CompiledCase compiled = Load(kCase);
  Result<ParameterSampler> sampler =
      ParameterSampler::Create(compiled.definition, compiled.parameters, {.seed = 1, .samples = 0});
  ASSERT_FALSE(sampler.has_value());
  EXPECT_EQ(sampler.error().code, ErrorCode::kInvalidArgument);
}

TEST(ParameterSampler, TabulatedQuantilesStayWithinTheirStatedError) {
  const CompiledCase compiled = Load(R"(mend: 1
id: tables
actors:
  - {id: a, role: decider}
  - {id: b, role: decider}
dimensions:
  - {id: gain}
parameters:
  p1: {dist: pert, min: 0, mode: 0.4, max: 1}
  p2: {dist: pert, min: 1, mode: 1, max: 8}
  p3: {dist: pert, min: 0.1, mode: 0.7, max: 0.7}
  p4: {dist: normal, mean: 1, sd: 0.5}
  p5: {dist: lognormal, median: 1000, p95: 10000}
options:
  a: [{id: o}]
  b: [{id: q}]
status_quo: NN
valuation:
  a: {weights: {gain: 1}}
  b: {weights: {gain: 1}}
)");
  Result<ParameterSampler> sampler = ParameterSampler::Create(
      compiled.definition, compiled.parameters, {.seed = 1, .samples = 10});
  ASSERT_TRUE(sampler.has_value());
  ASSERT_TRUE(sampler->constant_fields());
  const std::size_t count = compiled.parameters.size();
  std::vector<double> probabilities(count);
  std::vector<double> values(count);
  for (std::size_t p = 0; p < count; ++p) {
    const Distribution& d = compiled.parameters.central_distribution(p);
    const double width = d.Quantile(0.999) - d.Quantile(0.001);
    double worst = 0;
    // Levels inside and between the table's nodes, and in the exact outer intervals.
    for (int j = 1; j < 4000; ++j) {
      const double u = (j + 0.37) / 4001.0;
      std::fill(probabilities.begin(), probabilities.end(), 0.5);
      probabilities[p] = u;
      sampler->ValuesInto(probabilities, values);
      worst = std::max(worst, std::abs(values[p] - d.Quantile(u)));
    }
    EXPECT_LT(worst / width, 1e-6) << "parameter " << p;
  }
}

TEST(SampleDraws, GiveTheSameValuesAsSampleWithExpressionFields) {
  const CompiledCase compiled = Load(R"(mend: 1
id: draws
actors:
  - {id: a, role: decider}
  - {id: b, role: decider}
dimensions:
  - {id: gain}
parameters:
  base: {dist: uniform, min: 0, max: 1}
  shifted: {dist: triangular, min: base, mode: base + 1, max: base + 2}
  product: {value: base * shifted}
  spare: {dist: triangular, min: 1, mode: 2, max: 4}
options:
  a: [{id: o}]
  b: [{id: q}]
status_quo: NN
valuation:
  a: {weights: {gain: 1}}
  b: {weights: {gain: 1}}
)");
  Result<ParameterSampler> sampler = ParameterSampler::Create(
      compiled.definition, compiled.parameters, {.seed = 2, .samples = 500});
  ASSERT_TRUE(sampler.has_value());
  EXPECT_FALSE(sampler->constant_fields());
  SampleDraws draws(*sampler);
  for (std::uint64_t k = 0; k < 500; ++k) {
    Result<std::vector<double>> expected = sampler->Sample(k);
    Result<std::span<const double>> actual = draws.Values(k);
    ASSERT_TRUE(expected.has_value() && actual.has_value());
    ASSERT_EQ(std::vector<double>(actual->begin(), actual->end()), *expected) << "sample " << k;
  }
}

}  // namespace
}  // namespace mend
