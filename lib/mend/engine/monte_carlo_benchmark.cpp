// SPDX-License-Identifier: Apache-2.0
//
// Monte Carlo throughput (samples per second, the full pipeline) on generated two-decider cases
// of 4, 16, 256 and 4,096 states and a three-decider case of 48 states (with the sensitivity
// analysis, per-sample path and general engine), on 1 and 2 threads, next to a trivially
// parallel loop of the same kind of work (counter-based draws and arithmetic) that shows what
// this machine gives for perfect parallelism. Figures: docs/performance.md, "Monte Carlo".
#include <cmath>
#include <thread>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "mend/engine/case_analysis.hpp"
#include "mend/io/case_reader.hpp"
#include "mend/uncertainty/monte_carlo.hpp"
#include "mend/uncertainty/random_stream.hpp"
#include "mend/uncertainty/sensitivity.hpp"

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

// Three deciders with two options each; each option costs its owner a triangular amount and
// gives each other decider a uniform one, neighbouring deciders' first options interact through
// a normal parameter, and a0 excludes b0: 64 − 16 = 48 states.
std::string ThreeDeciderCase() {
  const char* names[3] = {"a", "b", "c"};
  std::string parameters;
  std::string options;
  std::string effects;
  int p = 0;
  for (int side = 0; side < 3; ++side) {
    options += fmt::format("  {0}: [{{id: {0}0}}, {{id: {0}1}}]\n", names[side]);
    for (int o = 0; o < 2; ++o) {
      parameters += fmt::format("  p{}: {{dist: triangular, min: 0.5, mode: 1, max: 2}}\n", p);
      effects += fmt::format("  - when: {{{}{}: Y}}\n    {}: {{gain: -p{}}}\n", names[side], o,
                             names[side], p++);
      for (int other = 0; other < 3; ++other) {
        if (other == side) continue;
        parameters += fmt::format("  p{}: {{dist: uniform, min: 0.2, max: 2}}\n", p);
        effects += fmt::format("    {}: {{gain: p{}}}\n", names[other], p++);
      }
    }
    const char* next = names[(side + 1) % 3];
    parameters += fmt::format("  p{}: {{dist: normal, mean: 0, sd: 0.5}}\n", p);
    effects +=
        fmt::format("  - when: {{{}0: Y, {}0: Y}}\n    {}: {{gain: p{}}}\n    {}: {{gain: p{}}}\n",
                    names[side], next, names[side], p, next, p);
    ++p;
  }
  return fmt::format(R"(mend: 1
id: generated-three
actors:
  - {{id: a, role: decider}}
  - {{id: b, role: decider}}
  - {{id: c, role: decider}}
  - {{id: x, role: affected}}
dimensions:
  - {{id: gain}}
parameters:
{}options:
{}constraints:
  - exclusive: [a0, b0]
status_quo: NNNNNN
effects:
{}valuation:
  a: {{weights: {{gain: 1}}}}
  b: {{weights: {{gain: 1}}}}
  c: {{weights: {{gain: 1}}}}
  x: {{weights: {{gain: 1}}}}
)",
                     parameters, options, effects);
}

// Args: threads, samples, general engine (0/1). The run and the sensitivity analysis, as
// `mend montecarlo` does them after the central analysis.
void BM_ThreeDeciders(benchmark::State& state) {
  static const CompiledCase compiled = [] {
    Result<CompiledCase> read = ReadCase(ThreeDeciderCase(), "three.yaml");
    if (!read) {
      fmt::print(stderr, "{}\n", read.error().message);
      std::abort();
    }
    return std::move(*read);
  }();
  MonteCarloOptions options;
  options.threads = static_cast<unsigned>(state.range(0));
  options.samples = static_cast<std::uint64_t>(state.range(1));
  options.force_general = state.range(2) != 0;
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
    if (!mc) {
      state.SkipWithError(mc.error().message.c_str());
      break;
    }
    Result<std::vector<SensitivityEntry>> sensitivity =
        AnalyzeSensitivity(*analysis->compiled, *mc, SensitivityOptions{});
    if (!sensitivity) state.SkipWithError(sensitivity.error().message.c_str());
    benchmark::DoNotOptimize(sensitivity);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(options.samples));
  state.counters["states"] = static_cast<double>(compiled.space.size());
}
BENCHMARK(BM_ThreeDeciders)
    ->ArgNames({"threads", "samples", "general"})
    ->Args({1, 1 << 16, 0})
    ->Args({2, 1 << 16, 0})
    ->Args({1, 1 << 13, 1})
    ->Args({2, 1 << 13, 1})
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
