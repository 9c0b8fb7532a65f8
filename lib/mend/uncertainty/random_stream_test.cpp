// SPDX-License-Identifier: Apache-2.0
#include "mend/uncertainty/random_stream.hpp"

#include <cmath>
#include <set>

#include <gtest/gtest.h>

namespace mend {
namespace {

TEST(UniformOpen, IsAPureFunctionOfSeedStreamSampleAndSlot) {
  EXPECT_EQ(UniformOpen({7, 3}, 100, 0), UniformOpen({7, 3}, 100, 0));
  EXPECT_NE(UniformOpen({7, 3}, 100, 0), UniformOpen({8, 3}, 100, 0));
  EXPECT_NE(UniformOpen({7, 3}, 100, 0), UniformOpen({7, 4}, 100, 0));
  EXPECT_NE(UniformOpen({7, 3}, 100, 0), UniformOpen({7, 3}, 101, 0));
  EXPECT_NE(UniformOpen({7, 3}, 100, 0), UniformOpen({7, 3}, 100, 1));
}

TEST(UniformOpen, StaysInsideTheOpenIntervalWithUniformMoments) {
  const int n = 200000;
  double sum = 0;
  double sum_squares = 0;
  int below_tenth = 0;
  for (int k = 0; k < n; ++k) {
    const double u = UniformOpen({42, 0}, static_cast<std::uint64_t>(k), 0);
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    sum_squares += u * u;
    below_tenth += u < 0.1;
  }
  // Mean 1/2 with standard error sqrt(1/12 / n); 3.5 standard errors either way.
  EXPECT_NEAR(sum / n, 0.5, 3.5 * std::sqrt(1.0 / 12 / n));
  EXPECT_NEAR(sum_squares / n, 1.0 / 3, 0.005);
  EXPECT_NEAR(below_tenth / static_cast<double>(n), 0.1, 3.5 * std::sqrt(0.09 / n));
}

TEST(RandomBits, SlotsOfOneBlockDiffer) {
  std::set<std::uint64_t> words;
  for (std::uint64_t slot = 0; slot < 8; ++slot) words.insert(RandomBits({1, 2}, 3, slot));
  EXPECT_EQ(words.size(), 8U);
}

}  // namespace
}  // namespace mend
