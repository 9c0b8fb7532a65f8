// SPDX-License-Identifier: Apache-2.0
#include "mend/value/economics/arms_limits.hpp"

#include <cmath>
#include <limits>

namespace mend::economics {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

double ForceCostChange(double annual_cost, double elasticity, double ratio) {
  if (!std::isfinite(annual_cost) || annual_cost < 0 || !std::isfinite(elasticity) ||
      elasticity < 0 || elasticity > 1 || !std::isfinite(ratio) || ratio < 0) {
    return kNaN;
  }
  return annual_cost * elasticity * (ratio - 1.0);
}

double RaceRatio(double drive, double reaction) {
  if (!std::isfinite(drive) || drive < 0 || !std::isfinite(reaction) || reaction < 0 ||
      reaction >= 1) {
    return kNaN;
  }
  return 1.0 + drive / (1.0 - reaction);
}

}  // namespace mend::economics
