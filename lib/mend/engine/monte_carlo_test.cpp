// SPDX-License-Identifier: Apache-2.0
#include "mend/uncertainty/monte_carlo.hpp"

#include <algorithm>
#include <barrier>
#include <cmath>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "mend/engine/case_analysis.hpp"
#include "mend/engine/engine_test_cases.hpp"
#include "mend/io/case_reader.hpp"
#include "mend/uncertainty/sensitivity.hpp"

namespace mend {
namespace {

// The Monte Carlo as every command runs it: the engine's central analysis fixes the default and
// a* (and measures the spread ρ·sd on the same samples), then the run is measured against them.
Result<MonteCarloResult> RunThroughEngine(const CompiledCase& compiled, const MonteCarloOptions& mc,
                                          const Collective* collective = nullptr,
                                          std::stop_token stop = {}) {
  AnalysisOptions options;
  options.samples = mc.samples;
  options.seed = mc.seed;
  options.method = mc.method;
  options.threads = mc.threads;
  options.concept_id = mc.concept_id;
  options.sanctions = mc.sanctions;
  RunControl control;
  control.stop = stop;
  control.collective = collective;
  MEND_TRY(CaseAnalysis analysis, AnalyzeCase(compiled, options, control));
  MonteCarloCentral central;
  central.spread = analysis.uncertainty_averse ? &analysis.spread : nullptr;
  central.utilities = analysis.compiled->utilities;
  central.default_state = analysis.central_default;
  central.alternative = analysis.central_alternative;
  return RunMonteCarlo(compiled, mc, central, collective, stop);
}

// Restraint costs the side that restrains 1; the United States gains 4x from Russia's restraint
// and Russia 2 from the United States', with x ~ uniform(0, 1). The default is NN; mutual
// restraint YY Pareto-improves it exactly when 4x > 1, so P(a* = YY) = 0.75, and then YY is
// GMR-, SMR- and SEQ-stable (each side's defection is sanctioned by the other's return to N)
// but never Nash. The U.S. ledger of YY against NN is 4x − 1: mean 1, median 1, p5 −0.8,
// p95 2.8, P(loss) 0.25; Russia's is 1 in every sample.
constexpr const char* kThreshold = R"(mend: 1
id: threshold
actors:
  - {id: us, role: decider}
  - {id: ru, role: decider}
dimensions:
  - {id: gain}
parameters:
  x: {dist: uniform, min: 0, max: 1}
options:
  us: [{id: us_restrain}]
  ru: [{id: ru_restrain}]
status_quo: NN
effects:
  - when: {us_restrain: Y}
    us: {gain: -1}
    ru: {gain: 2}
  - when: {ru_restrain: Y}
    ru: {gain: -1}
    us: {gain: 4 * x}
valuation:
  us: {weights: {gain: 1}}
  ru: {weights: {gain: 1}}
)";

CompiledCase Load(const char* text) { return testing::LoadCaseText(text); }

StateId State(const CompiledCase& compiled, const char* pattern) {
  return testing::StateNamed(compiled, pattern);
}

void ExpectSame(const MonteCarloResult& a, const MonteCarloResult& b) {
  ASSERT_EQ(a.states.size(), b.states.size());
  for (std::size_t s = 0; s < a.states.size(); ++s) {
    EXPECT_EQ(a.states[s].p_equilibrium, b.states[s].p_equilibrium);
    EXPECT_EQ(a.states[s].p_default, b.states[s].p_default);
    EXPECT_EQ(a.states[s].p_pareto_improves_default, b.states[s].p_pareto_improves_default);
    EXPECT_EQ(a.states[s].p_alternative, b.states[s].p_alternative);
  }
  ASSERT_EQ(a.ledger.size(), b.ledger.size());
  for (std::size_t i = 0; i < a.ledger.size(); ++i) {
    // Bitwise equality, not a tolerance: the run must not depend on how it was split.
    EXPECT_EQ(a.ledger[i].mean, b.ledger[i].mean);
    EXPECT_EQ(a.ledger[i].median, b.ledger[i].median);
    EXPECT_EQ(a.ledger[i].p5, b.ledger[i].p5);
    EXPECT_EQ(a.ledger[i].p95, b.ledger[i].p95);
    EXPECT_EQ(a.ledger[i].p_loss, b.ledger[i].p_loss);
    EXPECT_EQ(a.ledger[i].histogram.counts, b.ledger[i].histogram.counts);
    EXPECT_EQ(a.ledger[i].histogram.low, b.ledger[i].histogram.low);
    EXPECT_EQ(a.ledger[i].histogram.high, b.ledger[i].histogram.high);
    EXPECT_EQ(a.ledger[i].sd, b.ledger[i].sd);
    EXPECT_EQ(a.ledger[i].first_half_mean, b.ledger[i].first_half_mean);
  }
  ASSERT_EQ(a.unconditional_ledger.size(), b.unconditional_ledger.size());
  for (std::size_t i = 0; i < a.unconditional_ledger.size(); ++i) {
    EXPECT_EQ(a.unconditional_ledger[i].mean, b.unconditional_ledger[i].mean);
    EXPECT_EQ(a.unconditional_ledger[i].median, b.unconditional_ledger[i].median);
    EXPECT_EQ(a.unconditional_ledger[i].p5, b.unconditional_ledger[i].p5);
    EXPECT_EQ(a.unconditional_ledger[i].p95, b.unconditional_ledger[i].p95);
    EXPECT_EQ(a.unconditional_ledger[i].second_half_mean,
              b.unconditional_ledger[i].second_half_mean);
  }
  EXPECT_EQ(a.no_alternative.p, b.no_alternative.p);
  EXPECT_EQ(a.no_alternative.first_half, b.no_alternative.first_half);
  EXPECT_EQ(a.central_default_likelihood.p, b.central_default_likelihood.p);
  EXPECT_EQ(a.central_alternative_likelihood.second_half,
            b.central_alternative_likelihood.second_half);
  EXPECT_EQ(a.spread.sd, b.spread.sd);
  EXPECT_EQ(a.spread.first_half_sd, b.spread.first_half_sd);
  EXPECT_EQ(a.spread.second_half_sd, b.spread.second_half_sd);
}

TEST(RunMonteCarlo, ThresholdProbabilitiesMatchTheirClosedForm) {
  const CompiledCase compiled = Load(kThreshold);
  const std::uint64_t n = 40000;
  Result<MonteCarloResult> mc = RunThroughEngine(compiled, {.seed = 11, .samples = n});
  ASSERT_TRUE(mc.has_value()) << mc.error().message;
  EXPECT_TRUE(mc->specialised);
  const double se = std::sqrt(0.75 * 0.25 / static_cast<double>(n));
  const StateProbabilities& yy = mc->states[State(compiled, "YY").value];
  const StateProbabilities& nn = mc->states[State(compiled, "NN").value];
  EXPECT_NEAR(yy.p_alternative, 0.75, 3.5 * se);
  EXPECT_NEAR(yy.p_pareto_improves_default, 0.75, 3.5 * se);
  EXPECT_EQ(yy.p_alternative, yy.p_pareto_improves_default);
  EXPECT_EQ(yy.p_equilibrium[0], 0.0);
  for (int c = 1; c < 4; ++c) EXPECT_EQ(yy.p_equilibrium[c], yy.p_alternative) << c;
  EXPECT_EQ(nn.p_default, 1.0);
  EXPECT_EQ(nn.p_equilibrium[0], 1.0);
  ASSERT_EQ(mc->central_alternative, State(compiled, "YY"));
  ASSERT_EQ(mc->central_default, State(compiled, "NN"));
  ASSERT_EQ(mc->ledger.size(), 2U);
  const LedgerDistribution& us = mc->ledger[0];
  const double sd = 4.0 / std::sqrt(12.0);
  EXPECT_NEAR(us.mean, 1.0, 3.5 * sd / std::sqrt(static_cast<double>(n)));
  EXPECT_NEAR(us.median, 1.0, 0.03);
  EXPECT_NEAR(us.p5, -0.8, 0.03);
  EXPECT_NEAR(us.p95, 2.8, 0.03);
  // The quantiles are exact: those of the sorted per-sample values u_us(YY) − u_us(NN) = 4x − 1.
  Result<ParameterSampler> sampler = ParameterSampler::Create(
      compiled.definition, compiled.parameters, {.seed = 11, .samples = n});
  ASSERT_TRUE(sampler.has_value());
  std::vector<double> ledger;
  for (std::uint64_t k = 0; k < n; ++k) ledger.push_back(4 * (*sampler->Sample(k))[0] + -1);
  std::sort(ledger.begin(), ledger.end());
  EXPECT_EQ(us.median, SortedQuantile(ledger, 0.5));
  EXPECT_EQ(us.p5, SortedQuantile(ledger, 0.05));
  EXPECT_EQ(us.p95, SortedQuantile(ledger, 0.95));
  EXPECT_NEAR(us.p_loss, 0.25, 3.5 * se);
  // The histogram: fixed bins over [p1, p99] that, with the tails, count every sample once; the
  // ledger is uniform there, so every bin holds about the same share.
  const LedgerHistogram& histogram = us.histogram;
  EXPECT_EQ(histogram.low, SortedQuantile(ledger, 0.01));
  EXPECT_EQ(histogram.high, SortedQuantile(ledger, 0.99));
  ASSERT_EQ(histogram.counts.size(), kLedgerHistogramBins);
  std::uint64_t counted = histogram.below + histogram.above;
  for (std::uint64_t c : histogram.counts) counted += c;
  EXPECT_EQ(counted, n);
  const double per_bin = 0.98 * static_cast<double>(n) / static_cast<double>(kLedgerHistogramBins);
  for (std::uint64_t c : histogram.counts)
    EXPECT_NEAR(static_cast<double>(c), per_bin, 5 * std::sqrt(per_bin));
  EXPECT_EQ(mc->ledger[1].mean, 1.0);
  EXPECT_EQ(mc->ledger[1].p_loss, 0.0);
}

TEST(RunMonteCarlo, LatinHypercubeIsCloserThanItsStandardError) {
  const CompiledCase compiled = Load(kThreshold);
  // Stratified draws of x put exactly a quarter of the strata below 0.25.
  Result<MonteCarloResult> mc = RunThroughEngine(
      compiled, {.seed = 5, .samples = 4000, .method = SamplingMethod::kLatinHypercube});
  ASSERT_TRUE(mc.has_value());
  EXPECT_NEAR(mc->states[State(compiled, "YY").value].p_alternative, 0.75, 1.0 / 4000);
}

TEST(RunMonteCarlo, ResultDoesNotDependOnThreadsOrEngine) {
  const CompiledCase compiled = Load(kThreshold);
  Result<MonteCarloResult> one =
      RunThroughEngine(compiled, {.seed = 9, .samples = 5000, .threads = 1});
  Result<MonteCarloResult> three =
      RunThroughEngine(compiled, {.seed = 9, .samples = 5000, .threads = 3});
  Result<MonteCarloResult> general =
      RunThroughEngine(compiled, {.seed = 9, .samples = 5000, .threads = 2, .force_general = true});
  ASSERT_TRUE(one.has_value() && three.has_value() && general.has_value());
  ExpectSame(*one, *three);
  ExpectSame(*one, *general);
  EXPECT_FALSE(general->specialised);
}

// K in-process "ranks" on threads, exchanging through shared memory with a barrier: the same
// protocol as the MPI adapter, to test the block split and the reduction without MPI.
class ThreadCollective : public Collective {
 public:
  struct Shared {
    explicit Shared(int processes)
        : size(processes), barrier(processes), parts(static_cast<std::size_t>(processes)) {}
    int size;
    std::barrier<> barrier;
    std::vector<std::vector<double>> parts;
  };
  ThreadCollective(Shared& shared, int rank) : shared_(&shared), rank_(rank) {}
  int rank() const override { return rank_; }
  int size() const override { return shared_->size; }
  std::vector<double> AllGather(std::span<const double> local) const override {
    shared_->parts[static_cast<std::size_t>(rank_)].assign(local.begin(), local.end());
    shared_->barrier.arrive_and_wait();
    std::vector<double> all;
    for (const auto& part : shared_->parts) all.insert(all.end(), part.begin(), part.end());
    shared_->barrier.arrive_and_wait();
    return all;
  }

 private:
  Shared* shared_;
  int rank_;
};

TEST(RunMonteCarlo, ResultDoesNotDependOnTheNumberOfProcesses) {
  constexpr const char* kAverse = R"(mend: 1
id: averse
actors:
  - {id: us, role: decider}
  - {id: ru, role: decider}
dimensions:
  - {id: gain}
parameters:
  x: {dist: pert, min: 0, mode: 0.4, max: 1}
  y: {dist: normal, mean: 1, sd: 0.5}
options:
  us: [{id: us_restrain}]
  ru: [{id: ru_restrain}]
status_quo: NN
effects:
  - when: {us_restrain: Y}
    us: {gain: -1}
    ru: {gain: 2 * y}
  - when: {ru_restrain: Y}
    ru: {gain: -1}
    us: {gain: 4 * x}
valuation:
  us: {weights: {gain: 1}, uncertainty_aversion: 0.3}
  ru: {weights: {gain: 1}}
)";
  const CompiledCase compiled = Load(kAverse);
  const MonteCarloOptions options{.seed = 4, .samples = 30000, .threads = 2};
  Result<MonteCarloResult> single = RunThroughEngine(compiled, options);
  ASSERT_TRUE(single.has_value()) << single.error().message;
  EXPECT_GT(single->spread.sd[0][State(compiled, "YY").value], 0.0);
  for (int processes : {2, 3, 8}) {
    ThreadCollective::Shared shared(processes);
    std::vector<std::optional<Result<MonteCarloResult>>> results(
        static_cast<std::size_t>(processes));
    {
      std::vector<std::jthread> ranks;
      for (int r = 0; r < processes; ++r) {
        ranks.emplace_back([&, r] {
          ThreadCollective collective(shared, r);
          MonteCarloOptions mine = options;
          mine.threads = 1;
          results[static_cast<std::size_t>(r)] = RunThroughEngine(compiled, mine, &collective);
        });
      }
    }
    for (const auto& result : results) {
      ASSERT_TRUE(result && result->has_value());
      ExpectSame(*single, **result);
    }
  }
}

// Three deciders take the per-sample path for three and more; under either sanction rule its
// result is the general engine's, bit for bit, whatever the threads and processes.
TEST(RunMonteCarlo, ThreeDecidersDoNotDependOnThreadsProcessesOrEngine) {
  constexpr const char* kThree = R"(mend: 1
id: three
actors:
  - {id: a, role: decider}
  - {id: b, role: decider}
  - {id: c, role: decider}
  - {id: x, role: affected}
dimensions:
  - {id: gain}
parameters:
  p: {dist: uniform, min: -1, max: 1}
  q: {dist: normal, mean: 0.5, sd: 1}
  r: {dist: triangular, min: 0, mode: 1, max: 2}
options:
  a: [{id: a1}, {id: a2, irreversible: true}]
  b: [{id: b1}]
  c: [{id: c1}, {id: c2}]
constraints:
  - exclusive: [a2, c2]
status_quo: NNNNN
effects:
  - when: {a1: Y}
    a: {gain: -0.5}
    b: {gain: r}
    c: {gain: p}
  - when: {a2: Y}
    a: {gain: q}
    x: {gain: -1}
  - when: {b1: Y}
    b: {gain: -r / 2}
    a: {gain: 1 + p}
    c: {gain: q}
  - when: {c1: Y}
    c: {gain: -0.4}
    a: {gain: r / 2}
    b: {gain: 1}
  - when: {c2: Y, b1: Y}
    c: {gain: p}
    b: {gain: -q}
valuation:
  a: {weights: {gain: 1}}
  b: {weights: {gain: 1}, indifference: 0.1}
  c: {weights: {gain: 1}, loss_aversion: 1.5}
  x: {weights: {gain: 1}}
)";
  const CompiledCase compiled = Load(kThree);
  for (SanctionRule rule : {SanctionRule::kTextbook, SanctionRule::kGmcrPlus}) {
    const MonteCarloOptions options{.seed = 6, .samples = 6000, .threads = 1, .sanctions = rule};
    Result<MonteCarloResult> one = RunThroughEngine(compiled, options);
    MonteCarloOptions threads = options;
    threads.threads = 3;
    Result<MonteCarloResult> three = RunThroughEngine(compiled, threads);
    MonteCarloOptions forced = options;
    forced.force_general = true;
    Result<MonteCarloResult> general = RunThroughEngine(compiled, forced);
    ASSERT_TRUE(one.has_value() && three.has_value() && general.has_value());
    EXPECT_TRUE(one->specialised);
    EXPECT_FALSE(general->specialised);
    ExpectSame(*one, *three);
    ExpectSame(*one, *general);
    ThreadCollective::Shared shared(2);
    std::vector<std::optional<Result<MonteCarloResult>>> results(2);
    {
      std::vector<std::jthread> ranks;
      for (int r = 0; r < 2; ++r) {
        ranks.emplace_back([&, r] {
          ThreadCollective collective(shared, r);
          results[static_cast<std::size_t>(r)] = RunThroughEngine(compiled, options, &collective);
        });
      }
    }
    for (const auto& result : results) {
      ASSERT_TRUE(result && result->has_value());
      ExpectSame(*one, **result);
    }
  }
}

TEST(RunMonteCarlo, SameSeedSameResultOtherSeedOtherResult) {
  const CompiledCase compiled = Load(kThreshold);
  Result<MonteCarloResult> a = RunThroughEngine(compiled, {.seed = 1, .samples = 3000});
  Result<MonteCarloResult> b = RunThroughEngine(compiled, {.seed = 1, .samples = 3000});
  Result<MonteCarloResult> c = RunThroughEngine(compiled, {.seed = 2, .samples = 3000});
  ASSERT_TRUE(a.has_value() && b.has_value() && c.has_value());
  ExpectSame(*a, *b);
  EXPECT_NE(a->ledger[0].mean, c->ledger[0].mean);
}

TEST(RunMonteCarlo, RefusesZeroSamples) {
  const CompiledCase compiled = Load(kThreshold);
  Result<MonteCarloResult> mc = RunThroughEngine(compiled, {.seed = 1, .samples = 0});
  ASSERT_FALSE(mc.has_value());
  EXPECT_EQ(mc.error().code, ErrorCode::kInvalidArgument);
}

TEST(RunMonteCarlo, ReturnsCancelledWhenStopIsRequested) {
  const CompiledCase compiled = Load(kThreshold);
  std::stop_source stop;
  stop.request_stop();
  Result<MonteCarloResult> mc =
      RunThroughEngine(compiled, {.seed = 1, .samples = 1000}, nullptr, stop.get_token());
  ASSERT_FALSE(mc.has_value());
  EXPECT_EQ(mc.error().code, ErrorCode::kCancelled);
}

TEST(RunMonteCarlo, NamesTheLowestSampleWhoseEffectIsNotFinite) {
  constexpr const char* kBad = R"(mend: 1
id: bad
actors:
  - {id: us, role: decider}
  - {id: ru, role: decider}
dimensions:
  - {id: gain}
parameters:
  x: {dist: uniform, min: 0, max: 2}
options:
  us: [{id: a}]
  ru: [{id: b}]
status_quo: NN
effects:
  - when: {a: Y}
    us: {gain: log(x - 0.6)}
valuation:
  us: {weights: {gain: 1}}
  ru: {weights: {gain: 1}}
)";
  // x = 1 at the median, so the case compiles; 30 % of the samples have x < 0.6.
  Result<CompiledCase> compiled = ReadCase(kBad, "bad.yaml");
  ASSERT_TRUE(compiled.has_value()) << compiled.error().message;
  Result<MonteCarloResult> one =
      RunThroughEngine(*compiled, {.seed = 1, .samples = 20000, .threads = 1});
  Result<MonteCarloResult> two =
      RunThroughEngine(*compiled, {.seed = 1, .samples = 20000, .threads = 2});
  ASSERT_FALSE(one.has_value());
  ASSERT_FALSE(two.has_value());
  EXPECT_EQ(one.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(one.error().message, two.error().message);
  EXPECT_NE(one.error().message.find("sample "), std::string::npos) << one.error().message;
}

TEST(SortedQuantile, InterpolatesBetweenOrderStatistics) {
  const std::vector<double> values = {1, 2, 3, 4, 5};
  EXPECT_EQ(SortedQuantile(values, 0.5), 3);
  EXPECT_EQ(SortedQuantile(values, 0.0), 1);
  EXPECT_EQ(SortedQuantile(values, 1.0), 5);
  EXPECT_DOUBLE_EQ(SortedQuantile(values, 0.05), 1.2);
}

TEST(AnalyzeSensitivity, ThresholdSwitchesWhereTheClosedFormSays) {
  const CompiledCase compiled = Load(kThreshold);
  Result<MonteCarloResult> mc = RunThroughEngine(compiled, {.seed = 1, .samples = 1000});
  ASSERT_TRUE(mc.has_value());
  Result<std::vector<SensitivityEntry>> entries = AnalyzeSensitivity(compiled, *mc, {});
  ASSERT_TRUE(entries.has_value()) << entries.error().message;
  // us ledger, ru ledger, dominated, alternative for the one parameter.
  ASSERT_EQ(entries->size(), 4U);
  const SensitivityEntry& us = (*entries)[0];
  EXPECT_EQ(SensitivityFigureName(compiled.definition, us), "ledger.us.total");
  EXPECT_NEAR(us.low, -0.8, 1e-9);
  EXPECT_NEAR(us.high, 2.8, 1e-9);
  ASSERT_TRUE(us.switching_value.has_value());
  EXPECT_NEAR(*us.switching_value, 0.25, 1e-6);
  const SensitivityEntry& ru = (*entries)[1];
  EXPECT_EQ(ru.low, 1.0);
  EXPECT_FALSE(ru.switching_value.has_value());  // no switch within the range
  const SensitivityEntry& dominated = (*entries)[2];
  EXPECT_EQ(SensitivityFigureName(compiled.definition, dominated), "default_pareto_dominated");
  EXPECT_EQ(dominated.low, 0.0);
  EXPECT_EQ(dominated.high, 1.0);
  ASSERT_TRUE(dominated.switching_value.has_value());
  EXPECT_NEAR(*dominated.switching_value, 0.25, 1e-6);
  const SensitivityEntry& alternative = (*entries)[3];
  EXPECT_FALSE(alternative.low_state.has_value());
  EXPECT_EQ(alternative.high_state, State(compiled, "YY"));
  ASSERT_TRUE(alternative.switching_value.has_value());
  EXPECT_NEAR(*alternative.switching_value, 0.25, 1e-6);
}

}  // namespace
}  // namespace mend

namespace mend {
namespace {

// SummarizeGains selects p5, the median and p95 within the median's partition; it must give the
// very values of the sorted definition (Hyndman & Fan type 7), ties and tiny samples included.
TEST(SummarizeGains, QuantilesEqualThoseOfTheSortedValues) {
  std::uint64_t state = 12345;
  auto next = [&]() {  // a fixed linear congruential sequence: test data, not a sampler
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 40) / static_cast<double>(1ULL << 24);
  };
  for (std::size_t n : {1, 2, 3, 4, 5, 7, 10, 19, 20, 21, 100, 1001, 4096}) {
    for (int ties = 0; ties < 2; ++ties) {
      std::vector<double> values(n);
      for (double& v : values) v = ties ? std::floor(4 * next()) : next() - 0.3;
      std::vector<double> sorted = values;
      std::sort(sorted.begin(), sorted.end());
      const LedgerDistribution d = SummarizeGains(values, ActorIndex{0}, true, 0.0, false);
      EXPECT_EQ(d.p5, SortedQuantile(sorted, 0.05)) << n;
      EXPECT_EQ(d.median, SortedQuantile(sorted, 0.5)) << n;
      EXPECT_EQ(d.p95, SortedQuantile(sorted, 0.95)) << n;
    }
  }
}

}  // namespace
}  // namespace mend
