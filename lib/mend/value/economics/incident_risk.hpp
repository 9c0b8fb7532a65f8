// SPDX-License-Identifier: Apache-2.0
//
// Incident risk: the expected annual cost of dangerous military incidents, from the number of
// serious incidents a year, the probability that one escalates (a wide range, stated as
// judgement) and an order-of-magnitude cost of escalation; and the same cost when an
// incidents agreement makes incidents rarer and a hotline makes escalation less likely.
// Equations, figures and limits: docs/models/incident-risk.md.
//
// Example:
//   double p = EscalationProbability(20.0, 0.001);        // ≈ 0.0198 a year
//   double cost = IncidentCost(20.0, 0.001, 1000.0);      // ≈ 19.8 USD bn/yr
//   double managed = ManagedIncidentCost(20.0, 0.001, 1000.0, 0.5, 0.5);   // ≈ 5.0
//
// Every function is pure and thread-safe, and returns NaN outside its stated domain.
#pragma once

namespace mend::economics {

/// Returns the probability that at least one of `incidents` serious incidents in a year
/// escalates, each independently with probability p: 1 − (1 − p)^n. A fractional n is an
/// expected count. Domain: n >= 0, 0 <= p <= 1.
double EscalationProbability(double incidents, double escalation_probability);

/// Returns the expected annual cost of incidents: EscalationProbability(n, p) · C, with C the
/// cost of one escalation (any unit, e.g. USD bn). The first escalation is what counts: a year
/// with two is not twice as costly in this model. Domain: as above, C >= 0.
double IncidentCost(double incidents, double escalation_probability, double escalation_cost);

/// Returns IncidentCost with incidents reduced by the share `fewer` (rules of conduct, notice
/// of hazardous manoeuvres: an incidents-at-sea-style agreement) and escalation probability
/// reduced by the share `defuse` (a hotline and agreed signals):
/// IncidentCost(n (1 − f), p (1 − k), C). Domain: as above, 0 <= f, k <= 1.
double ManagedIncidentCost(double incidents, double escalation_probability, double escalation_cost,
                           double fewer, double defuse);

}  // namespace mend::economics
