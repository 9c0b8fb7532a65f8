// SPDX-License-Identifier: Apache-2.0
#include "mend/value/distribution.hpp"

#include <cmath>
#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mend {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

Distribution Make(DistributionKind kind, double a, double b = 0, double c = 0) {
  return Distribution{kind, {a, b, c}};
}

TEST(Distribution, FixedIsItsValueEverywhere) {
  const Distribution d = Make(DistributionKind::kFixed, 3.5);
  ASSERT_TRUE(d.Validate().has_value());
  EXPECT_EQ(d.Median(), 3.5);
  EXPECT_EQ(d.Quantile(0.01), 3.5);
  EXPECT_EQ(d.Mean(), 3.5);
  EXPECT_FALSE(d.uncertain());
}

TEST(Distribution, UniformQuantilesAreLinear) {
  const Distribution d = Make(DistributionKind::kUniform, 0.1, 0.2);
  ASSERT_TRUE(d.Validate().has_value());
  EXPECT_NEAR(d.Median(), 0.15, 1e-15);
  EXPECT_NEAR(d.Quantile(0.25), 0.125, 1e-15);
  EXPECT_NEAR(d.Mean(), 0.15, 1e-15);
  EXPECT_TRUE(d.uncertain());
}

TEST(Distribution, TriangularQuantilesMatchTheClosedForm) {
  const double a = 60, m = 70, b = 90;
  const Distribution d = Make(DistributionKind::kTriangular, a, m, b);
  ASSERT_TRUE(d.Validate().has_value());
  const double split = (m - a) / (b - a);  // F(mode)
  for (double p : {0.05, 0.2, split, 0.5, 0.8, 0.95}) {
    const double expected = p < split ? a + std::sqrt(p * (b - a) * (m - a))
                                      : b - std::sqrt((1 - p) * (b - a) * (b - m));
    EXPECT_NEAR(d.Quantile(p), expected, 1e-9) << p;
  }
  EXPECT_NEAR(d.Median(), b - std::sqrt(0.5 * 30 * 20), 1e-9);
  EXPECT_NEAR(d.Mean(), (a + m + b) / 3, 1e-12);
}

TEST(Distribution, NormalQuantilesMatchTheClosedForm) {
  const Distribution d = Make(DistributionKind::kNormal, 0.01, 0.005);
  ASSERT_TRUE(d.Validate().has_value());
  EXPECT_NEAR(d.Median(), 0.01, 1e-15);
  EXPECT_NEAR(d.Quantile(0.95), 0.01 + kNormalQuantile95 * 0.005, 1e-12);
  EXPECT_NEAR(d.Quantile(0.05), 0.01 - kNormalQuantile95 * 0.005, 1e-12);
  EXPECT_NEAR(d.Mean(), 0.01, 1e-15);
}

TEST(Distribution, LognormalIsGivenByMedianAndP95) {
  const Distribution d = Make(DistributionKind::kLognormal, 0.002, 0.01);
  ASSERT_TRUE(d.Validate().has_value());
  EXPECT_NEAR(d.Median(), 0.002, 1e-15);
  EXPECT_NEAR(d.Quantile(0.95), 0.01, 1e-12);
  const double sigma = std::log(0.01 / 0.002) / kNormalQuantile95;
  EXPECT_NEAR(d.Quantile(0.05), 0.002 * std::exp(-sigma * kNormalQuantile95), 1e-12);
  EXPECT_NEAR(d.Mean(), 0.002 * std::exp(sigma * sigma / 2), 1e-12);
}

TEST(Distribution, PertIsABetaWithTheClassicMean) {
  const double a = 5, m = 10, b = 30;
  const Distribution d = Make(DistributionKind::kPert, a, m, b);
  ASSERT_TRUE(d.Validate().has_value());
  EXPECT_NEAR(d.Mean(), (a + 4 * m + b) / 6, 1e-12);
  // Shape parameters 1.8 and 4.2; check F(median) = 1/2 by integrating the density.
  const double alpha = 1 + 4 * (m - a) / (b - a);
  const double beta = 1 + 4 * (b - m) / (b - a);
  auto cdf = [&](double x) {
    const double z = (x - a) / (b - a);
    const int steps = 200000;
    double sum = 0;
    for (int i = 0; i < steps; ++i) {
      const double t = z * (i + 0.5) / steps;
      sum += std::pow(t, alpha - 1) * std::pow(1 - t, beta - 1);
    }
    return sum * z / steps /
           std::exp(std::lgamma(alpha) + std::lgamma(beta) - std::lgamma(alpha + beta));
  };
  EXPECT_NEAR(cdf(d.Median()), 0.5, 1e-6);
  EXPECT_NEAR(cdf(d.Quantile(0.9)), 0.9, 1e-6);
  EXPECT_GT(d.Median(), m);
  EXPECT_LT(d.Median(), d.Mean());
  // A symmetric PERT has its mode as median.
  EXPECT_NEAR(Make(DistributionKind::kPert, 0, 5, 10).Median(), 5, 1e-9);
}

TEST(Distribution, DegenerateModesAtTheEdgesAreValid) {
  EXPECT_TRUE(Make(DistributionKind::kTriangular, 0, 0, 1).Validate().has_value());
  EXPECT_TRUE(Make(DistributionKind::kPert, 0, 1, 1).Validate().has_value());
  EXPECT_NEAR(Make(DistributionKind::kTriangular, 0, 0, 1).Median(), 1 - std::sqrt(0.5), 1e-12);
}

TEST(Distribution, ValidationNamesTheOffendingField) {
  struct Case {
    Distribution d;
    std::string message;
  };
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<Case> cases = {
      {Make(DistributionKind::kUniform, 2, 1), "max: expected a value above min (2), got 1"},
      {Make(DistributionKind::kUniform, 1, 1), "max: expected a value above min (1), got 1"},
      {Make(DistributionKind::kTriangular, 1, 0, 2),
       "mode: expected a value between min (1) and max (2), got 0"},
      {Make(DistributionKind::kTriangular, 1, 1, 1), "max: expected a value above min (1)"},
      {Make(DistributionKind::kPert, 0, 3, 2),
       "mode: expected a value between min (0) and max (2)"},
      {Make(DistributionKind::kNormal, 0, 0), "sd: expected a positive number, got 0"},
      {Make(DistributionKind::kNormal, 0, -1), "sd: expected a positive number, got -1"},
      {Make(DistributionKind::kLognormal, -1, 1), "median: expected a positive number, got -1"},
      {Make(DistributionKind::kLognormal, 2, 2), "p95: expected a value above the median (2)"},
      {Make(DistributionKind::kFixed, inf), "value: expected a finite number"},
      {Make(DistributionKind::kNormal, std::nan(""), 1), "mean: expected a finite number"},
      {Make(DistributionKind::kUniform, 0, inf), "max: expected a finite number"},
  };
  for (const Case& c : cases) {
    Status status = c.d.Validate();
    ASSERT_FALSE(status.has_value()) << c.message;
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(status.error().message, StartsWith(c.message));
  }
}

TEST(Distribution, FieldNamesFollowTheFormat) {
  EXPECT_EQ(DistributionFieldNames(DistributionKind::kLognormal),
            (std::vector<std::string>{"median", "p95"}));
  EXPECT_EQ(DistributionFieldNames(DistributionKind::kPert),
            (std::vector<std::string>{"min", "mode", "max"}));
  EXPECT_STREQ(DistributionName(DistributionKind::kPert), "pert");
}

}  // namespace
}  // namespace mend
