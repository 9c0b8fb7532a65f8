// SPDX-License-Identifier: Apache-2.0
//
// Loading and state enumeration at 2^16, 2^20 and 2^24 feasible states: the YAML text of a
// synthetic case (three deciders, one affected actor, effects with expressions, a
// reference-dependent valuation) is read, its states enumerated and every utility computed.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "mend/io/case_reader.hpp"

namespace mend {
namespace {

// A case with `options` unconstrained options dealt round-robin to three deciders, so it has
// exactly 2^options feasible states; `exclusive_pairs` adds that many exclusive constraints.
std::string SyntheticCase(int options, int exclusive_pairs) {
  std::string text = R"(mend: 1
id: synthetic
title: Synthetic case for benchmarks
actors:
  - {id: a, role: decider}
  - {id: b, role: decider}
  - {id: c, role: decider}
  - {id: third, role: affected}
dimensions:
  - {id: budget, unit: USD bn/yr}
  - {id: risk, unit: USD bn/yr}
  - {id: status, unit: index, tags: [status]}
parameters:
  cost: {dist: triangular, min: 60, mode: 75, max: 90}
  p: {dist: lognormal, median: 0.002, p95: 0.01}
  share: {dist: uniform, min: 0.1, max: 0.2}
options:
)";
  for (const char* owner : {"a", "b", "c"}) {
    text += fmt::format("  {}:\n", owner);
    for (int k = 0; k < options; ++k) {
      const char* owners[] = {"a", "b", "c"};
      if (std::string_view(owners[k % 3]) != owner) continue;
      text +=
          fmt::format("    - {{id: o{}, irreversible: {}}}\n", k, k % 5 == 0 ? "true" : "false");
    }
  }
  if (exclusive_pairs > 0) {
    text += "constraints:\n";
    for (int i = 0; i < exclusive_pairs; ++i) {
      text += fmt::format("  - exclusive: [o{}, o{}]\n", 2 * i, 2 * i + 1);
    }
  }
  text += "status_quo: " + std::string(static_cast<std::size_t>(options), 'N') + "\neffects:\n";
  for (int k = 0; k < options; ++k) {
    text += fmt::format(
        "  - when: {{o{}: Y}}\n    a: {{budget: -{} * share * cost, risk: p * {}}}\n"
        "    b: {{budget: share * {}, status: {}}}\n    third: {{risk: -p * 100}}\n",
        k, 1 + k % 3, 50 + k, k, k % 2);
  }
  text += R"(valuation:
  a: {weights: {budget: 1, risk: 1}}
  b: {weights: {budget: 1, status: 2}, loss_aversion: 2.25}
  c: {weights: {budget: 1, risk: 1.5}}
  third: {weights: {risk: 1}}
)";
  return text;
}

void BM_ReadCase(benchmark::State& state) {
  const int options = static_cast<int>(state.range(0));
  const std::string text = SyntheticCase(options, 0);
  ReadOptions read_options;
  for (auto _ : state) {
    Result<CompiledCase> compiled = ReadCase(text, "synthetic.yaml", read_options);
    if (!compiled) {
      state.SkipWithError(compiled.error().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(compiled->utilities.utility.data());
    state.counters["states"] = static_cast<double>(compiled->space.size());
  }
  state.SetItemsProcessed(state.iterations() * (std::int64_t{1} << options));
}
BENCHMARK(BM_ReadCase)->Arg(16)->Arg(20)->Arg(24)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_EnumerateStates(benchmark::State& state) {
  const int options = static_cast<int>(state.range(0));
  const int pairs = static_cast<int>(state.range(1));
  Result<CaseDefinition> definition =
      ParseCaseDefinition(SyntheticCase(options, pairs), "synthetic.yaml");
  if (!definition) {
    state.SkipWithError(definition.error().ToString().c_str());
    return;
  }
  for (auto _ : state) {
    Result<StateSpace> space = StateSpace::Enumerate(*definition);
    benchmark::DoNotOptimize(space->codes().data());
    state.counters["states"] = static_cast<double>(space->size());
  }
}
// 2^16, 2^20 and 2^24 feasible states without constraints; then 26 options with four
// exclusive pairs ((3/4)^4 * 2^26, about 2.1e7 states) to exercise pruning.
BENCHMARK(BM_EnumerateStates)
    ->Args({16, 0})
    ->Args({20, 0})
    ->Args({24, 0})
    ->Args({26, 4})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_EnumerateMoves(benchmark::State& state) {
  const int options = static_cast<int>(state.range(0));
  Result<CaseDefinition> definition =
      ParseCaseDefinition(SyntheticCase(options, 0), "synthetic.yaml");
  Result<StateSpace> space = StateSpace::Enumerate(*definition);
  std::uint64_t moves = 0;
  for (auto _ : state) {
    moves = 0;
    for (std::uint32_t s = 0; s < space->size(); ++s) {
      for (std::uint32_t a = 0; a < 3; ++a) {
        space->ForEachMove(ActorIndex{a}, StateId{s}, [&](StateId) { ++moves; });
      }
    }
    benchmark::DoNotOptimize(moves);
  }
  state.counters["moves"] = static_cast<double>(moves);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(moves));
}
BENCHMARK(BM_EnumerateMoves)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace mend

BENCHMARK_MAIN();
