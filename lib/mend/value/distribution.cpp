// SPDX-License-Identifier: Apache-2.0
#include "mend/value/distribution.hpp"

#include <cmath>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>
#include <fmt/format.h>

namespace mend {
namespace {

// The fields are validated before any Boost.Math call; this policy turns any residual domain
// problem into a NaN instead of an exception crossing the library boundary.
using NoThrow = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>>;

// PERT is a beta distribution on [min, max] whose shape puts the mean at (min + 4 mode + max)/6.
boost::math::beta_distribution<double, NoThrow> PertBeta(double min, double mode, double max) {
  const double range = max - min;
  return {1.0 + 4.0 * (mode - min) / range, 1.0 + 4.0 * (max - mode) / range};
}

double LognormalSigma(double median, double p95) {
  return (std::log(p95) - std::log(median)) / kNormalQuantile95;
}

}  // namespace

Status Distribution::Validate() const {
  const auto names = DistributionFieldNames(kind);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!std::isfinite(fields[i])) {
      return Error::InvalidArgument(fmt::format("{}: expected a finite number", names[i]));
    }
  }
  const double a = fields[0];
  const double b = fields[1];
  const double c = fields[2];
  switch (kind) {
    case DistributionKind::kFixed:
      return Ok();
    case DistributionKind::kUniform:
      if (!(a < b)) {
        return Error::InvalidArgument(
            fmt::format("max: expected a value above min ({}), got {}", a, b));
      }
      return Ok();
    case DistributionKind::kTriangular:
    case DistributionKind::kPert:
      if (!(a < c)) {
        return Error::InvalidArgument(
            fmt::format("max: expected a value above min ({}), got {}", a, c));
      }
      if (b < a || b > c) {
        return Error::InvalidArgument(
            fmt::format("mode: expected a value between min ({}) and max ({}), got {}", a, c, b));
      }
      return Ok();
    case DistributionKind::kNormal:
      if (!(b > 0)) {
        return Error::InvalidArgument(fmt::format("sd: expected a positive number, got {}", b));
      }
      return Ok();
    case DistributionKind::kLognormal:
      if (!(a > 0)) {
        return Error::InvalidArgument(fmt::format("median: expected a positive number, got {}", a));
      }
      if (!(b > a)) {
        return Error::InvalidArgument(
            fmt::format("p95: expected a value above the median ({}), got {}", a, b));
      }
      return Ok();
  }
  return Ok();
}

double Distribution::Quantile(double p) const {
  const double a = fields[0];
  const double b = fields[1];
  const double c = fields[2];
  switch (kind) {
    case DistributionKind::kFixed:
      return a;
    case DistributionKind::kUniform:
      return a + p * (b - a);
    case DistributionKind::kTriangular:
      return boost::math::quantile(boost::math::triangular_distribution<double, NoThrow>(a, b, c),
                                   p);
    case DistributionKind::kNormal:
      return boost::math::quantile(boost::math::normal_distribution<double, NoThrow>(a, b), p);
    case DistributionKind::kLognormal:
      return boost::math::quantile(
          boost::math::lognormal_distribution<double, NoThrow>(std::log(a), LognormalSigma(a, b)),
          p);
    case DistributionKind::kPert:
      return a + (c - a) * boost::math::quantile(PertBeta(a, b, c), p);
  }
  return a;
}

double Distribution::Mean() const {
  const double a = fields[0];
  const double b = fields[1];
  const double c = fields[2];
  switch (kind) {
    case DistributionKind::kFixed:
    case DistributionKind::kNormal:
      return a;
    case DistributionKind::kUniform:
      return (a + b) / 2;
    case DistributionKind::kTriangular:
      return (a + b + c) / 3;
    case DistributionKind::kLognormal: {
      const double sigma = LognormalSigma(a, b);
      return a * std::exp(sigma * sigma / 2);
    }
    case DistributionKind::kPert:
      return (a + 4 * b + c) / 6;
  }
  return a;
}

}  // namespace mend
