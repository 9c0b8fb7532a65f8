// SPDX-License-Identifier: Apache-2.0
//
// SummarizeGains against the definitions: quantiles equal SortedQuantile on the sorted values
// (the histogram's span too), the mean and split-half means sums in sample order, histogram
// counts by direct binning; on many random sample sets with and without ties.
#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "mend/uncertainty/monte_carlo.hpp"

namespace mend {
namespace {

std::vector<double> RandomValues(std::mt19937_64& random, std::size_t n, bool ties) {
  std::uniform_real_distribution<double> real(-3.0, 5.0);
  std::uniform_int_distribution<int> small(-2, 3);
  std::vector<double> values(n);
  for (double& v : values) v = ties ? 0.5 * small(random) : real(random);
  return values;
}

void ExpectMatchesDefinitions(const std::vector<double>& values, bool histogram) {
  std::vector<double> work = values;
  const double epsilon = 0.25;
  const LedgerDistribution d = SummarizeGains(work, ActorIndex{0}, true, epsilon, histogram);
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  const std::size_t n = values.size();
  EXPECT_EQ(d.median, SortedQuantile(sorted, 0.5)) << n;
  EXPECT_EQ(d.p5, SortedQuantile(sorted, 0.05)) << n;
  EXPECT_EQ(d.p95, SortedQuantile(sorted, 0.95)) << n;
  double sum = 0;
  double first = 0;
  std::uint64_t losses = 0;
  for (std::size_t k = 0; k < n; ++k) {
    sum += values[k];
    if (k + 1 == n / 2) first = sum;
    if (-values[k] > epsilon) ++losses;
  }
  EXPECT_EQ(d.mean, sum / static_cast<double>(n));
  if (n >= 2) {
    EXPECT_EQ(d.first_half_mean, first / static_cast<double>(n / 2));
    EXPECT_EQ(d.second_half_mean, (sum - first) / static_cast<double>(n - n / 2));
  }
  EXPECT_EQ(d.p_loss, static_cast<double>(losses) / static_cast<double>(n));
  // The reordered values are the same multiset.
  std::sort(work.begin(), work.end());
  EXPECT_EQ(work, sorted);
  if (!histogram) {
    EXPECT_TRUE(d.histogram.counts.empty());
    return;
  }
  const LedgerHistogram& h = d.histogram;
  EXPECT_EQ(h.low, SortedQuantile(sorted, 0.01)) << n;
  EXPECT_EQ(h.high, SortedQuantile(sorted, 0.99)) << n;
  std::vector<std::uint64_t> counts(kLedgerHistogramBins, 0);
  std::uint64_t below = 0;
  std::uint64_t above = 0;
  const double width = (h.high - h.low) / static_cast<double>(kLedgerHistogramBins);
  for (double v : values) {
    if (v < h.low) {
      ++below;
    } else if (v > h.high) {
      ++above;
    } else {
      const std::size_t bin = width <= 0 ? 0 : static_cast<std::size_t>((v - h.low) / width);
      ++counts[std::min(bin, kLedgerHistogramBins - 1)];
    }
  }
  EXPECT_EQ(h.counts, counts) << n;
  EXPECT_EQ(h.below, below) << n;
  EXPECT_EQ(h.above, above) << n;
}

TEST(SummarizeGains, QuantilesAndSumsMatchTheDefinitionsOnRandomSamples) {
  std::mt19937_64 random(20261130);
  for (std::size_t n = 1; n <= 120; ++n) {
    for (int round = 0; round < 4; ++round) {
      const bool ties = round % 2 == 1;
      ExpectMatchesDefinitions(RandomValues(random, n, ties), round < 2);
    }
  }
  for (std::size_t n : {999U, 1000U, 1001U, 4096U, 65537U}) {
    ExpectMatchesDefinitions(RandomValues(random, n, false), true);
    ExpectMatchesDefinitions(RandomValues(random, n, true), true);
    // Already sorted, and reversed: the selection's worst inputs for a naive pivot.
    std::vector<double> values = RandomValues(random, n, false);
    std::sort(values.begin(), values.end());
    ExpectMatchesDefinitions(values, true);
    std::reverse(values.begin(), values.end());
    ExpectMatchesDefinitions(values, false);
  }
}

// The most frequent sampled default: the state with the largest share, the lowest id among
// equals, none when no sample has a default (every sample cycles).
TEST(MostFrequentDefault, TakesTheLargestShareAndTheLowestStateAmongEquals) {
  MonteCarloResult result;
  for (std::uint32_t s = 0; s < 4; ++s) result.states.push_back({StateId{s}, {}, 0, 0, 0});
  EXPECT_FALSE(MostFrequentDefault(result).has_value());
  result.states[0].p_default = 0.2;
  result.states[1].p_default = 0.4;
  result.states[3].p_default = 0.4;
  const std::optional<SampledDefault> frequent = MostFrequentDefault(result);
  ASSERT_TRUE(frequent.has_value());
  EXPECT_EQ(frequent->state, StateId{1});
  EXPECT_EQ(frequent->p, 0.4);
}

}  // namespace
}  // namespace mend
