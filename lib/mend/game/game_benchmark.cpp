// SPDX-License-Identifier: Apache-2.0
//
// Equilibria of random games: pure equilibria of n-player games with six strategies each
// (6^players profiles), and every extreme mixed equilibrium of random n x n two-player games.
// Payoffs are random integers from a wide range, as in the whole-command figures of
// docs/performance.md ("Normal-form games").
#include <random>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "mend/game/mixed_equilibria.hpp"
#include "mend/game/pure_equilibria.hpp"

namespace mend {
namespace {

NormalFormGame RandomGame(std::size_t players, std::size_t strategies, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<int> payoff(-1000, 1000);
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> lists;
  std::uint64_t profiles = 1;
  for (std::size_t p = 0; p < players; ++p) {
    names.push_back(fmt::format("P{}", p + 1));
    lists.emplace_back(strategies, "s");
    profiles *= strategies;
  }
  std::vector<Rational> payoffs;
  payoffs.reserve(profiles * players);
  for (std::uint64_t k = 0; k < profiles * players; ++k) payoffs.emplace_back(payoff(random));
  return NormalFormGame::Create("random", names, lists, payoffs).value();
}

void BM_FindPureEquilibria_SixStrategies(benchmark::State& state) {
  const NormalFormGame game = RandomGame(static_cast<std::size_t>(state.range(0)), 6, 42);
  for (auto _ : state) benchmark::DoNotOptimize(FindPureEquilibria(game));
  state.counters["profiles"] = static_cast<double>(game.profile_count());
}
BENCHMARK(BM_FindPureEquilibria_SixStrategies)->DenseRange(2, 6)->Unit(benchmark::kMillisecond);

void BM_FindMixedEquilibria_Square(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  const NormalFormGame game = RandomGame(2, size, 42);
  std::size_t found = 0;
  for (auto _ : state) {
    Result<MixedEquilibria> equilibria = FindMixedEquilibria(game);
    found = equilibria ? equilibria->equilibria.size() : 0;
    benchmark::DoNotOptimize(found);
  }
  state.counters["equilibria"] = static_cast<double>(found);
}
BENCHMARK(BM_FindMixedEquilibria_Square)->DenseRange(4, 12, 2)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace mend

BENCHMARK_MAIN();
