// SPDX-License-Identifier: Apache-2.0
#include <random>

#include <benchmark/benchmark.h>

#include "mend/efficiency/pareto.hpp"

namespace mend {
namespace {

// Random utility columns for `states` states: independent uniform values, or anti-correlated
// ones (near the plane Σ u = 1), where a large share of the states is on the frontier.
std::vector<std::vector<double>> Columns(std::size_t actors, std::size_t states, bool anti) {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<std::vector<double>> columns(actors, std::vector<double>(states));
  for (std::size_t s = 0; s < states; ++s) {
    double total = 0;
    for (std::size_t a = 0; a < actors; ++a) total += columns[a][s] = unit(rng);
    if (!anti) continue;
    const double jitter = 1 + 0.01 * unit(rng);
    for (std::size_t a = 0; a < actors; ++a) columns[a][s] /= total * jitter;
  }
  return columns;
}

void Run(benchmark::State& state, bool anti) {
  const auto actors = static_cast<std::size_t>(state.range(0));
  const auto states = static_cast<std::size_t>(state.range(1));
  const auto columns = Columns(actors, states, anti);
  const std::vector<std::span<const double>> spans(columns.begin(), columns.end());
  std::size_t frontier = 0;
  for (auto _ : state) {
    std::vector<StateId> result = ParetoFrontier(spans);
    frontier = result.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["frontier"] = static_cast<double>(frontier);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * states));
}

void BM_ParetoFrontier_Independent(benchmark::State& state) { Run(state, false); }
void BM_ParetoFrontier_AntiCorrelated(benchmark::State& state) { Run(state, true); }

BENCHMARK(BM_ParetoFrontier_Independent)
    ->ArgsProduct({{2, 3, 4, 5}, {1 << 14, 1'000'000}})
    ->Unit(benchmark::kMillisecond);
// Most anti-correlated states are on the frontier; four and five actors go through the divide
// and conquer, whose cost does not grow with the frontier.
BENCHMARK(BM_ParetoFrontier_AntiCorrelated)
    ->ArgsProduct({{2, 3, 4, 5}, {1 << 14, 1 << 17, 1'000'000}})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace mend

BENCHMARK_MAIN();
