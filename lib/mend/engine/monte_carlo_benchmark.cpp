// SPDX-License-Identifier: Apache-2.0
//
// Monte Carlo throughput (samples per second, the full pipeline) on generated two-decider cases
// of 4, 16, 256 and 4,096 states, on 1 and 2 threads, next to a trivially parallel loop of the
// same kind of work (counter-based draws and arithmetic) that shows what this machine gives
// for perfect parallelism. Figures: docs/performance.md, "Monte Carlo".
#include <cmath>
#include <thread>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "mend/engine/case_analysis.hpp"
#include "mend/io/case_reader.hpp"
#include "mend/uncertainty/monte_carlo.hpp"
#include "mend/uncertainty/random_stream.hpp"

namespace mend {
namespace {

// Two deciders with `options` options each (4^options states): each option costs its owner a
// triangular amount and gives the other a uniform one, each pair of opposite options has a
// normal interaction, and the status quo is everything N.
std::string GeneratedCase(int options) {
  std::string parameters;
  std::string option_list[2];
  std::string effects;
  int p = 0;
  for (int side = 0; side < 2; ++side) {
    const char* owner = side == 0 ? "a" : "b";
    const char* other = side == 0 ? "b" : "a";
    for (int o = 0; o < options; ++o) {
      option_list[side] += fmt::format("{}{{id: {}{}}}", o == 0 ? "" : ", ", owner, o);
      parameters += fmt::format("  p{}: {{dist: triangular, min: 0.5, mode: 1, max: 2}}\n", p);
      parameters += fmt::format("  p{}: {{dist: uniform, min: 0.5, max: 3}}\n", p + 1);
      effects +=
          fmt::format("  - when: {{{}{}: Y}}\n    {}: {{gain: -p{}}}\n    {}: {{gain: p{}}}\n",
                      owner, o, owner, p, other, p + 1);
      p += 2;
    }
  }
  for (int o = 0; o < options; ++o) {
    parameters += fmt::format("  p{}: {{dist: normal, mean: 0, sd: 0.5}}\n", p);
    effects += fmt::format(
        "  - when: {{a{}: Y, b{}: Y}}\n    a: {{gain: p{}}}\n    b: {{gain: p{}}}\n", o, o, p, p);
    ++p;
  }
  return fmt::format(R"(mend: 1
id: generated-{}
actors:
  - {{id: a, role: decider}}
  - {{id: b, role: decider}}
  - {{id: c, role: affected}}
dimensions:
  - {{id: gain}}
parameters:
{}options:
  a: [{}]
  b: [{}]
status_quo: {}
effects:
{}valuation:
  a: {{weights: {{gain: 1}}}}
  b: {{weights: {{gain: 1}}}}
  c: {{weights: {{gain: 1}}}}
)",
                     options, parameters, option_list[0], option_list[1],
                     std::string(static_cast<std::size_t>(2 * options), 'N'), effects);
}

const CompiledCase& Case(int options) {
  static std::vector<std::unique_ptr<CompiledCase>> cache(8);
  auto& slot = cache[static_cast<std::size_t>(options)];
  if (!slot) {
    Result<CompiledCase> compiled = ReadCase(GeneratedCase(options), "generated.yaml");
    if (!compiled) {
      fmt::print(stderr, "{}\n", compiled.error().message);
      std::abort();
    }
    slot = std::make_unique<CompiledCase>(std::move(*compiled));
  }
  return *slot;
}

// Args: options per decider, threads, samples.
void BM_RunMonteCarlo(benchmark::State& state) {
  const CompiledCase& compiled = Case(static_cast<int>(state.range(0)));
  MonteCarloOptions options;
  options.threads = static_cast<unsigned>(state.range(1));
  options.samples = static_cast<std::uint64_t>(state.range(2));
  // The central analysis fixes the pair the run is measured against; it is not part of the run.
  Result<CaseAnalysis> analysis = AnalyzeCase(compiled, AnalysisOptions{});
  if (!analysis) {
    state.SkipWithError(analysis.error().message.c_str());
    return;
  }
  MonteCarloCentral central;
  central.utilities = analysis->compiled->utilities;
  central.default_state = analysis->central_default;
  central.alternative = analysis->central_alternative;
  for (auto _ : state) {
    Result<MonteCarloResult> mc = RunMonteCarlo(compiled, options, central);
    if (!mc) state.SkipWithError(mc.error().message.c_str());
    benchmark::DoNotOptimize(mc);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(options.samples));
  state.counters["states"] = static_cast<double>(compiled.space.size());
}
BENCHMARK(BM_RunMonteCarlo)
    ->ArgNames({"options", "threads", "samples"})
    ->Args({1, 1, 1 << 20})
    ->Args({1, 2, 1 << 20})
    ->Args({2, 1, 1 << 18})
    ->Args({2, 2, 1 << 18})
    ->Args({4, 1, 1 << 14})
    ->Args({4, 2, 1 << 14})
    ->Args({6, 1, 1 << 10})
    ->Args({6, 2, 1 << 10})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Perfect parallelism for comparison: independent counter-based draws and some arithmetic per
// "sample", split in halves over the threads, nothing shared.
void BM_TriviallyParallel(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  const std::uint64_t samples = 1 << 22;
  for (auto _ : state) {
    std::vector<double> sums(threads, 0.0);
    {
      std::vector<std::jthread> pool;
      for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
          double sum = 0;
          for (std::uint64_t k = t; k < samples; k += threads) {
            const double u = UniformOpen({7, 1}, k, 0);
            sum += std::sqrt(u) * std::log(u);
          }
          sums[t] = sum;
        });
      }
    }
    benchmark::DoNotOptimize(sums);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(samples));
}
BENCHMARK(BM_TriviallyParallel)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace mend

BENCHMARK_MAIN();
