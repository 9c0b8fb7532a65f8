// SPDX-License-Identifier: Apache-2.0
//
// Stability engine benchmarks: all four concepts over random conflicts with `deciders` deciders
// of `options` options each (2^(deciders × options) states, all feasible, random utilities with
// ties). Built only with -DMEND_BUILD_BENCHMARKS=ON; figures in docs/performance.md.
#include <algorithm>
#include <random>
#include <thread>

#include <benchmark/benchmark.h>

#include "mend/stability/stability.hpp"
#include "mend/stability/status_quo_analysis.hpp"

namespace mend {
namespace {

struct Conflict {
  StateSpace space;
  UtilityTable utilities;
  std::vector<ActorIndex> deciders;
};

Conflict MakeConflict(int deciders, int options, std::uint64_t seed) {
  OptionLayout layout;
  layout.option_count = deciders * options;
  for (int d = 0; d < deciders; ++d) {
    layout.owned.push_back(AllOptionsMask(options) << (d * options));
  }
  // One forward-irreversible option per decider, so move graphs are not symmetric.
  for (int d = 0; d < deciders; ++d) layout.forward_irreversible |= StateCode{1} << (d * options);
  Result<StateSpace> space = StateSpace::Enumerate(layout, {}, {std::uint64_t{1} << 30});
  if (!space) std::abort();
  Conflict conflict{std::move(space).value(), {}, {}};
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> level(0, 999);
  for (int d = 0; d < deciders; ++d) {
    std::vector<double> u(conflict.space.size());
    for (double& value : u) value = level(rng);
    conflict.utilities.utility.push_back(std::move(u));
    conflict.utilities.indifference.push_back(d % 2 == 0 ? 0.0 : 5.0);
    conflict.utilities.cardinal.push_back(true);
    conflict.deciders.push_back(ActorIndex{static_cast<std::uint32_t>(d)});
  }
  return conflict;
}

void BM_AnalyzeStability_AllConcepts(benchmark::State& state) {
  const int deciders = static_cast<int>(state.range(0));
  const int options = static_cast<int>(state.range(1));
  const Conflict conflict = MakeConflict(deciders, options, 42);
  StabilityOptions stability_options;
  stability_options.threads = static_cast<unsigned>(state.range(2));
  for (auto _ : state) {
    Result<StabilityReport> report =
        AnalyzeStability(conflict.space, conflict.utilities, conflict.deciders, stability_options);
    if (!report) state.SkipWithError(report.error().message.c_str());
    benchmark::DoNotOptimize(report);
  }
  state.counters["states"] = static_cast<double>(conflict.space.size());
}
// {deciders, options per decider, threads}
BENCHMARK(BM_AnalyzeStability_AllConcepts)
    ->ArgNames({"deciders", "options", "threads"})
    ->Args({2, 4, 2})   // 2^8
    ->Args({4, 2, 2})   // 2^8
    ->Args({2, 6, 2})   // 2^12
    ->Args({4, 3, 2})   // 2^12
    ->Args({6, 2, 2})   // 2^12
    ->Args({4, 3, 1})   // 2^12, one thread
    ->Args({4, 4, 2})   // 2^16
    ->Args({2, 8, 2})   // 2^16
    ->Args({6, 3, 2})   // 2^18
    ->Args({4, 5, 2})   // 2^20
    ->Args({4, 5, 1})   // 2^20, one thread
    ->Args({2, 10, 2})  // 2^20
    ->Args({5, 4, 2})   // 2^20
    ->Args({4, 6, 2})   // 2^24 (minutes, several GiB: filter for it)
    ->Args({4, 6, 1})   // 2^24, one thread
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_AnalyzeStability_GmcrPlus(benchmark::State& state) {
  const Conflict conflict =
      MakeConflict(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)), 7);
  StabilityOptions stability_options;
  stability_options.sanctions = SanctionRule::kGmcrPlus;
  for (auto _ : state) {
    Result<StabilityReport> report =
        AnalyzeStability(conflict.space, conflict.utilities, conflict.deciders, stability_options);
    if (!report) state.SkipWithError(report.error().message.c_str());
    benchmark::DoNotOptimize(report);
  }
  state.counters["states"] = static_cast<double>(conflict.space.size());
}
BENCHMARK(BM_AnalyzeStability_GmcrPlus)
    ->ArgNames({"deciders", "options"})
    ->Args({4, 3})  // 2^12
    ->Args({4, 4})  // 2^16
    ->Args({6, 2})  // 2^12
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_BestResponseDynamics(benchmark::State& state) {
  const Conflict conflict =
      MakeConflict(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)), 3);
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        BestResponseDynamics(conflict.space, conflict.utilities, conflict.deciders, StateId{0}));
    benchmark::DoNotOptimize(
        ImprovementEvolution(conflict.space, conflict.utilities, conflict.deciders, StateId{0}));
  }
}
BENCHMARK(BM_BestResponseDynamics)
    ->Args({4, 3})
    ->Args({4, 5})
    ->Args({2, 10})  // many options: large groups of moves
    ->Unit(benchmark::kMillisecond);

// What two threads can gain on this machine at all: a trivially parallel loop with the
// engine's access pattern (random reads over arrays of 2^24 doubles), split in halves with no
// shared state. The engine's speed-up is judged against this, not against 2x.
void BM_ParallelReference(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  constexpr std::size_t kCount = std::size_t{1} << 24;
  std::vector<double> values(kCount);
  std::vector<std::uint32_t> next(kCount);
  std::mt19937_64 rng(11);
  for (std::size_t k = 0; k < kCount; ++k) {
    values[k] = static_cast<double>(rng() % 1000);
    next[k] = static_cast<std::uint32_t>(rng() % kCount);
  }
  std::vector<double> out(kCount);
  for (auto _ : state) {
    auto work = [&](std::size_t begin, std::size_t end) {
      for (std::size_t k = begin; k < end; ++k) {
        const std::uint32_t a = next[k];
        out[k] = std::min(values[a], values[next[a]]);
      }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
      pool.emplace_back(work, kCount * t / threads, kCount * (t + 1) / threads);
    }
    for (std::thread& t : pool) t.join();
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_ParallelReference)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace mend

BENCHMARK_MAIN();
