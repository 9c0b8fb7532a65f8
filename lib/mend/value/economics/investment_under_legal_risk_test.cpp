// SPDX-License-Identifier: Apache-2.0
#include "mend/value/economics/investment_under_legal_risk.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace mend::economics {
namespace {

TEST(AcceptedPayback, IsTheExpectedTimeToTheAdverseChange) {
  EXPECT_DOUBLE_EQ(AcceptedPayback(0.2), 5.0);
  EXPECT_TRUE(std::isinf(AcceptedPayback(0.0)));
  EXPECT_TRUE(std::isnan(AcceptedPayback(-0.1)));
}

TEST(InvestmentShare, MatchesHandCalculation) {
  // h = 0.1: payback up to 10 years accepted; mean payback 5: 1 - e^-2 = 0.8646647.
  EXPECT_NEAR(InvestmentShare(0.1, 5.0), 0.8646647, 1e-7);
  // h = 0.25, mean payback 8: 1 - e^-0.5 = 0.3934693.
  EXPECT_NEAR(InvestmentShare(0.25, 8.0), 0.3934693, 1e-7);
  EXPECT_DOUBLE_EQ(InvestmentShare(0.0, 8.0), 1.0);
}

TEST(InvestmentShare, FallsAsHazardRises) {
  double previous = 1.0;
  for (double h = 0.01; h < 2.0; h += 0.01) {
    const double share = InvestmentShare(h, 6.0);
    EXPECT_LT(share, previous) << h;
    previous = share;
  }
}

TEST(InvestmentShare, RefusesArgumentsOutsideItsDomain) {
  EXPECT_TRUE(std::isnan(InvestmentShare(-0.1, 5.0)));
  EXPECT_TRUE(std::isnan(InvestmentShare(0.1, 0.0)));
  EXPECT_TRUE(std::isnan(InvestmentShare(NAN, 5.0)));
}

TEST(LongTermShare, MatchesHandCalculation) {
  // h = 0.1, T̄ = 5, T_L = 5: (e^-1 - e^-2) / (1 - e^-2) = 0.2689414.
  EXPECT_NEAR(LongTermShare(0.1, 5.0, 5.0), 0.2689414, 1e-7);
  // Without legal risk every project is financed: the long share is e^-(T_L/T̄) = e^-1.
  EXPECT_NEAR(LongTermShare(0.0, 5.0, 5.0), std::exp(-1.0), 1e-12);
}

TEST(LongTermShare, IsZeroWhenAcceptedPaybackIsShorterThanLongTerm) {
  // h = 0.5: payback up to 2 years accepted, nothing longer than 5 years is financed.
  EXPECT_DOUBLE_EQ(LongTermShare(0.5, 5.0, 5.0), 0.0);
}

TEST(InvestmentVolume, IsPotentialTimesShare) {
  EXPECT_NEAR(InvestmentVolume(20.0, 0.1, 5.0), 20.0 * 0.8646647, 1e-6);
}

TEST(FdiFactor, IsLogLinearInStandardDeviations) {
  EXPECT_DOUBLE_EQ(FdiFactor(0.72, 1.0), 1.72);
  EXPECT_NEAR(FdiFactor(0.72, 0.5), std::sqrt(1.72), 1e-12);
  EXPECT_NEAR(FdiFactor(0.72, -1.0), 1 / 1.72, 1e-12);
  EXPECT_TRUE(std::isnan(FdiFactor(-1.0, 1.0)));
}

TEST(CalibratedHazard, ReproducesTheLiteratureResponse) {
  // h0 = 0.5, T̄ = 5: share 1 - e^-0.4 = 0.3296800; one s.d. less risk: 0.5670496 = 1 - e^-x
  // with x = 0.8371, so h1 = 1 / (5 x) = 0.2389.
  const double h1 = CalibratedHazard(0.5, 5.0, 0.72, 1.0);
  EXPECT_NEAR(InvestmentShare(h1, 5.0) / InvestmentShare(0.5, 5.0), 1.72, 1e-9);
  EXPECT_NEAR(h1, 1.0 / (5.0 * -std::log(1 - 1.72 * (1 - std::exp(-0.4)))), 1e-9);
  EXPECT_NEAR(h1, 0.2389, 1e-4);
}

TEST(CalibratedHazard, ZeroStandardDeviationsLeavesTheHazard) {
  EXPECT_NEAR(CalibratedHazard(0.3, 6.0, 0.72, 0.0), 0.3, 1e-12);
}

TEST(CalibratedHazard, CapsTheTargetBelowTheWholePipeline) {
  // h0 = 0.05, T̄ = 5: share 0.98; 1.72 times that is capped at 0.999.
  const double h1 = CalibratedHazard(0.05, 5.0, 0.72, 1.0);
  EXPECT_NEAR(InvestmentShare(h1, 5.0), 0.999, 1e-9);
}

TEST(CalibratedHazard, RefusesZeroHazard) {
  EXPECT_TRUE(std::isnan(CalibratedHazard(0.0, 5.0, 0.72, 1.0)));
}

}  // namespace
}  // namespace mend::economics
