// SPDX-License-Identifier: Apache-2.0
//
// Savings from arms limits: the annual budget effect of holding, cutting or exceeding a
// strategic-force level, and the force level an unconstrained two-sided build-up settles at.
// Equations, calibration (CBO options for U.S. forces, ICAN estimates for Russia) and limits:
// docs/models/arms-limits.md.
//
// Example:
//   // U.S. forces cut from 1,550 to 1,000 deployed warheads, near-term elasticity 0.1:
//   double change = ForceCostChange(95.0, 0.1, 1000.0 / 1550.0);   // ≈ -3.4 USD bn/yr
//   double level = RaceRatio(0.2, 0.5);                            // 1.4 × the treaty level
//
// Every function is pure and thread-safe, and returns NaN outside its stated domain.
#pragma once

namespace mend::economics {

/// Returns the change in annual strategic-force spending (same unit as `annual_cost`, e.g. USD
/// bn/yr; positive = more spending) when the force moves from the reference level to `ratio`
/// times it: ΔB = C · ε · (ratio − 1). `elasticity` ε is the share of the annual cost C that
/// scales with the size of the force (ε ≈ 0.05–0.12 over ten years from CBO's triad-reduction
/// options, up to ≈ 0.3 over thirty). Holding the level is ratio = 1 (ΔB = 0); cutting is
/// ratio < 1; exceeding is ratio > 1. Domain: C >= 0, 0 <= ε <= 1, ratio >= 0.
double ForceCostChange(double annual_cost, double elasticity, double ratio);

/// Returns the force level, as a multiple of the treaty level, at which a symmetric two-sided
/// build-up settles when neither side is bound: each side adds `drive` (its own wish for
/// margin, as a fraction of the treaty level) plus `reaction` times the other's excess, so the
/// excess x solves x = d + r·x and the level is 1 + d / (1 − r) (the steady state of a
/// Richardson-type arms race). Domain: d >= 0, 0 <= r < 1 (r >= 1 has no steady state: the
/// race does not settle, and the result is NaN).
double RaceRatio(double drive, double reaction);

}  // namespace mend::economics
