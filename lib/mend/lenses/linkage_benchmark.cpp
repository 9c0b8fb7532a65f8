// SPDX-License-Identifier: Apache-2.0
//
// The linked-deal search on random portfolios: issues × frontier states per issue, two deciders
// with anti-correlated gains along each frontier (as on a real Pareto frontier).
#include <benchmark/benchmark.h>

#include <random>

#include "mend/lenses/linkage.hpp"

namespace mend {
namespace {

std::vector<std::vector<std::vector<double>>> RandomFrontiers(std::size_t issues,
                                                              std::size_t states,
                                                              std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<std::vector<std::vector<double>>> gains(issues);
  for (auto& issue : gains) {
    const double scale = 1 + 9 * unit(random);
    for (std::size_t k = 0; k < states; ++k) {
      const double t = unit(random);
      issue.push_back({scale * (t - 0.3), scale * (0.7 - t)});
    }
  }
  return gains;
}

void BM_SearchLinkedDeal_Issues(benchmark::State& state) {
  const auto issues = static_cast<std::size_t>(state.range(0));
  const auto gains = RandomFrontiers(issues, 16, 7);
  const std::vector<double> floor(2, 0.0);
  std::uint64_t nodes = 0;
  for (auto _ : state) {
    LinkedSearchResult result = SearchLinkedDeal(gains, floor);
    nodes = result.nodes;
    benchmark::DoNotOptimize(result);
  }
  state.counters["nodes"] = static_cast<double>(nodes);
}
BENCHMARK(BM_SearchLinkedDeal_Issues)->DenseRange(2, 12, 2);

}  // namespace
}  // namespace mend

BENCHMARK_MAIN();
