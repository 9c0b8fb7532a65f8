// SPDX-License-Identifier: Apache-2.0
#include "mend/value/economics/arms_limits.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace mend::economics {
namespace {

TEST(ForceCostChange, HoldingTheLevelCostsNothing) {
  EXPECT_DOUBLE_EQ(ForceCostChange(95.0, 0.1, 1.0), 0.0);
}

TEST(ForceCostChange, CuttingMatchesHandCalculation) {
  // 95 USD bn/yr (CBO 2025-2034 average), ε = 0.1, 1,550 -> 1,000 warheads:
  // 95 · 0.1 · (1000/1550 − 1) = −3.3710 USD bn/yr.
  EXPECT_NEAR(ForceCostChange(95.0, 0.1, 1000.0 / 1550.0), -3.3710, 1e-4);
}

TEST(ForceCostChange, ExceedingCosts) {
  // Russia ≈ 9 USD bn/yr (ICAN), ε = 0.3, 40 % above the limit: 9 · 0.3 · 0.4 = 1.08.
  EXPECT_NEAR(ForceCostChange(9.0, 0.3, 1.4), 1.08, 1e-12);
}

TEST(ForceCostChange, RefusesArgumentsOutsideItsDomain) {
  EXPECT_TRUE(std::isnan(ForceCostChange(-1.0, 0.1, 1.0)));
  EXPECT_TRUE(std::isnan(ForceCostChange(95.0, 1.5, 1.0)));
  EXPECT_TRUE(std::isnan(ForceCostChange(95.0, 0.1, -0.2)));
}

TEST(RaceRatio, MatchesHandCalculation) {
  // x = 0.2 + 0.5 x -> x = 0.4.
  EXPECT_NEAR(RaceRatio(0.2, 0.5), 1.4, 1e-12);
  EXPECT_DOUBLE_EQ(RaceRatio(0.1, 0.0), 1.1);
  EXPECT_DOUBLE_EQ(RaceRatio(0.0, 0.9), 1.0);
}

TEST(RaceRatio, HasNoSteadyStateWhenReactionReachesOne) {
  EXPECT_TRUE(std::isnan(RaceRatio(0.2, 1.0)));
  EXPECT_TRUE(std::isnan(RaceRatio(0.2, 1.3)));
  EXPECT_TRUE(std::isnan(RaceRatio(-0.1, 0.5)));
}

}  // namespace
}  // namespace mend::economics
