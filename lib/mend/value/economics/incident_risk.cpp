// SPDX-License-Identifier: Apache-2.0
#include "mend/value/economics/incident_risk.hpp"

#include <cmath>
#include <limits>

namespace mend::economics {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool IsShare(double x) { return std::isfinite(x) && x >= 0 && x <= 1; }

}  // namespace

double EscalationProbability(double incidents, double escalation_probability) {
  if (!std::isfinite(incidents) || incidents < 0 || !IsShare(escalation_probability)) {
    return kNaN;
  }
  if (escalation_probability == 1) return incidents > 0 ? 1.0 : 0.0;
  // 1 − (1 − p)^n = −expm1(n · log1p(−p)), exact for the small p the cases use.
  return -std::expm1(incidents * std::log1p(-escalation_probability));
}

double IncidentCost(double incidents, double escalation_probability, double escalation_cost) {
  if (!std::isfinite(escalation_cost) || escalation_cost < 0) return kNaN;
  return EscalationProbability(incidents, escalation_probability) * escalation_cost;
}

double ManagedIncidentCost(double incidents, double escalation_probability, double escalation_cost,
                           double fewer, double defuse) {
  if (!IsShare(fewer) || !IsShare(defuse)) return kNaN;
  return IncidentCost(incidents * (1 - fewer), escalation_probability * (1 - defuse),
                      escalation_cost);
}

}  // namespace mend::economics
