// SPDX-License-Identifier: Apache-2.0
//
// UtilityTable: every actor's utility in every feasible state, from whichever preference
// source the actor has — valuation of effects (cardinal), option prioritisation or a direct
// ranking (ordinal), or payoffs (cardinal) — plus its indifference threshold.
//
// Example:
//   MEND_TRY(UtilityTable table, ComputeUtilities(definition, space, effects, terms));
//   double u = table.at(ActorIndex{0}, StateId{3});
#pragma once

#include <vector>

#include "mend/core/result.hpp"
#include "mend/model/case.hpp"
#include "mend/model/state_space.hpp"
#include "mend/value/effect_model.hpp"

namespace mend {

struct UtilityTable {
  std::vector<std::vector<double>> utility;  // [actor][state]
  std::vector<double> indifference;          // per actor (ε_i)
  std::vector<bool> cardinal;                // per actor: valuation or payoffs

  double at(ActorIndex actor, StateId state) const { return utility[actor.value][state.value]; }
  /// t ≻_i s: u_i(t) > u_i(s) + ε_i.
  bool Prefers(ActorIndex actor, StateId t, StateId s) const {
    return at(actor, t) > at(actor, s) + indifference[actor.value];
  }
};

/// Computes every actor's utility in every state of `space`. Valuation actors use the dimension
/// values from `terms`, with reference dependence on the status quo (loss aversion) when their
/// valuation sets it (analyses.md). Fails with kInvalidArgument, located at the offending entry,
/// when a ranking lists an infeasible state, repeats a state or misses one, when payoffs miss a
/// state or name an infeasible one, or when a prioritisation statement does not parse.
/// Cost: O(states × (effects + actors × dimensions)).
Result<UtilityTable> ComputeUtilities(const CaseDefinition& definition, const StateSpace& space,
                                      const EffectModel& effects, const EffectValues& terms);

/// Folds one actor's dimension values into a utility: Σ_d w_d v_d, or with reference dependence
/// Σ_d w_d φ(v_d − v0_d) where φ(x) = x for x ≥ 0 and λx below (sd = 0 without sampling).
double FoldValuation(const Valuation& valuation, std::span<const double> values,
                     std::span<const double> status_quo_values);

}  // namespace mend
