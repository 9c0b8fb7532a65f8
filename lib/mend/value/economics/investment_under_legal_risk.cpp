// SPDX-License-Identifier: Apache-2.0
#include "mend/value/economics/investment_under_legal_risk.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mend::economics {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();
// The calibration never asks for more than this share of the pipeline: the exponential
// pipeline reaches 1 only at zero hazard, which no finite risk reduction can deliver.
constexpr double kMaxCalibratedShare = 0.999;

bool ValidRisk(double hazard, double mean_payback) {
  return std::isfinite(hazard) && hazard >= 0 && std::isfinite(mean_payback) && mean_payback > 0;
}

}  // namespace

double AcceptedPayback(double hazard) {
  if (!std::isfinite(hazard) || hazard < 0) return kNaN;
  return hazard == 0 ? kInfinity : 1.0 / hazard;
}

double InvestmentShare(double hazard, double mean_payback) {
  if (!ValidRisk(hazard, mean_payback)) return kNaN;
  if (hazard == 0) return 1.0;
  // -expm1(-x) = 1 - exp(-x), accurate when x is small (very high hazard).
  return -std::expm1(-1.0 / (hazard * mean_payback));
}

double LongTermShare(double hazard, double mean_payback, double long_payback) {
  if (!ValidRisk(hazard, mean_payback) || !std::isfinite(long_payback) || long_payback < 0) {
    return kNaN;
  }
  const double financed = InvestmentShare(hazard, mean_payback);
  const double above_long = std::exp(-long_payback / mean_payback);
  const double above_accepted = hazard == 0 ? 0.0 : std::exp(-1.0 / (hazard * mean_payback));
  if (financed <= 0) return 0.0;
  return std::max(0.0, above_long - above_accepted) / financed;
}

double InvestmentVolume(double potential, double hazard, double mean_payback) {
  if (!std::isfinite(potential)) return kNaN;
  return potential * InvestmentShare(hazard, mean_payback);
}

double FdiFactor(double gain_per_sd, double sd) {
  if (!std::isfinite(gain_per_sd) || gain_per_sd <= -1 || !std::isfinite(sd)) return kNaN;
  return std::pow(1.0 + gain_per_sd, sd);
}

double CalibratedHazard(double hazard, double mean_payback, double gain_per_sd, double sd) {
  if (!ValidRisk(hazard, mean_payback) || hazard == 0) return kNaN;
  const double factor = FdiFactor(gain_per_sd, sd);
  if (!std::isfinite(factor)) return kNaN;
  const double target =
      std::min(kMaxCalibratedShare, InvestmentShare(hazard, mean_payback) * factor);
  // InvestmentShare falls strictly as h rises, so bisect on log h between bounds that bracket
  // every reachable target: the share is about 1/(h T̄) for large h and 1 for tiny h.
  double low = std::log(hazard) - 40.0;   // share ≈ 1 here
  double high = std::log(hazard) + 40.0;  // share ≈ 0 here
  for (int i = 0; i < 200; ++i) {
    const double middle = 0.5 * (low + high);
    if (InvestmentShare(std::exp(middle), mean_payback) > target) {
      low = middle;
    } else {
      high = middle;
    }
  }
  return std::exp(0.5 * (low + high));
}

}  // namespace mend::economics
