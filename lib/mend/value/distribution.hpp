// SPDX-License-Identifier: Apache-2.0
//
// Distribution: one uncertain parameter's law, with its median and quantile function (Boost.Math),
// so central analyses use medians and Monte Carlo samples by inverse CDF.
//
// Example:
//   Distribution d{DistributionKind::kTriangular, {60, 75, 90}};
//   MEND_TRY(d.Validate());              // names the offending field on failure
//   double central = d.Median();
//   double p95 = d.Quantile(0.95);
#pragma once

#include <array>
#include <string>

#include "mend/core/result.hpp"
#include "mend/model/case.hpp"

namespace mend {

struct Distribution {
  DistributionKind kind = DistributionKind::kFixed;
  /// Field values in the order DistributionFieldNames(kind) lists them.
  std::array<double, 3> fields{};

  /// Checks the fields: finite; min < max and min <= mode <= max for uniform, triangular and
  /// PERT; sd > 0 for normal; 0 < median < p95 for lognormal. Fails with kInvalidArgument and
  /// a message that starts with the field's name ("mode: expected ...").
  Status Validate() const;

  /// Returns the median (the central value of every analysis without sampling).
  double Median() const { return Quantile(0.5); }
  /// Returns the p-quantile, 0 < p < 1. Precondition: Validate() succeeded.
  double Quantile(double p) const;
  /// Returns the mean. Precondition: Validate() succeeded.
  double Mean() const;
  /// Returns true unless the distribution is fixed.
  bool uncertain() const { return kind != DistributionKind::kFixed; }
};

/// The standard normal quantile at 0.95, which ties a lognormal's p95 to its sigma.
inline constexpr double kNormalQuantile95 = 1.6448536269514722;

}  // namespace mend
