// SPDX-License-Identifier: Apache-2.0
#include "mend/engine/explain.hpp"

namespace mend {

Result<UtilityExplanation> ExplainUtility(const CaseAnalysis& analysis, StateId state,
                                          ActorIndex actor) {
  UtilityExplanation out;
  // The central case's values (expectation dimensions at their means), before ρ·sd.
  MEND_TRY(out.trace, ExplainState(*analysis.compiled, state, actor));
  const CaseDefinition& definition = analysis.source->definition;
  out.central_utility = analysis.compiled->utilities.at(actor, state);
  if (analysis.uncertainty_averse &&
      definition.preference_kind[actor.value] == PreferenceKind::kValuation) {
    out.uncertainty_aversion = definition.valuations[actor.value]->uncertainty_aversion;
    out.spread = analysis.spread.sd[actor.value][state.value];
    out.spread_standard_error = analysis.spread.StandardError(actor, state);
    out.trace.utility += out.uncertainty_aversion * out.spread;
  }
  return out;
}

}  // namespace mend
