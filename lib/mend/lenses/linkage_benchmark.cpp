// SPDX-License-Identifier: Apache-2.0
//
// The linked-deal search on random portfolios: issues × frontier states per issue, two deciders
// whose gains pull apart along a concave frontier (as on a real Pareto frontier), with a
// standalone total near the middle of each frontier. docs/lenses.md quotes these figures.
#include <cmath>
#include <random>

#include <benchmark/benchmark.h>

#include "mend/lenses/linkage.hpp"

namespace mend {
namespace {

struct Portfolio {
  std::vector<std::vector<std::vector<double>>> gains;
  std::vector<double> floor = {0, 0};
};

Portfolio RandomPortfolio(std::size_t issues, std::size_t states, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  Portfolio out;
  out.gains.resize(issues);
  for (auto& issue : out.gains) {
    const double scale = 1 + 9 * unit(random);
    for (std::size_t k = 0; k < states; ++k) {
      const double t = unit(random);
      issue.push_back({scale * (t - 0.3), scale * (std::sqrt(1 - t * t) - 0.3)});
    }
    out.floor[0] += 0.4 * scale;
    out.floor[1] += 0.4 * scale;
  }
  return out;
}

void BM_SearchLinkedDeal_Issues(benchmark::State& state) {
  const auto issues = static_cast<std::size_t>(state.range(0));
  const Portfolio portfolio =
      RandomPortfolio(issues, static_cast<std::size_t>(state.range(1)), 7 + issues);
  std::uint64_t nodes = 0;
  for (auto _ : state) {
    LinkedSearchResult result = SearchLinkedDeal(portfolio.gains, portfolio.floor);
    nodes = result.nodes;
    benchmark::DoNotOptimize(result);
  }
  state.counters["nodes"] = static_cast<double>(nodes);
}
BENCHMARK(BM_SearchLinkedDeal_Issues)->ArgsProduct({{4, 8, 12, 16}, {16, 64}});

}  // namespace
}  // namespace mend

BENCHMARK_MAIN();
