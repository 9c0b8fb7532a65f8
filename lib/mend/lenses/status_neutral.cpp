// SPDX-License-Identifier: Apache-2.0
//
// The status-neutral alternative (docs/analyses.md, "Bridge"): a* recomputed with the dimensions
// tagged `status` weighed 0 by every actor, against the same default.
#include "mend/efficiency/efficiency.hpp"
#include "mend/lenses/bridge.hpp"

namespace mend {

Result<std::optional<StateId>> StatusNeutralAlternative(const CompiledCase& compiled, StateId d,
                                                        const BridgeOptions& options,
                                                        const UtilitySpread& spread) {
  CompiledCase neutral = compiled;
  for (std::optional<Valuation>& valuation : neutral.definition.valuations) {
    if (!valuation) continue;
    for (std::size_t k = 0; k < valuation->weights.size(); ++k) {
      if (neutral.definition.dimensions[k].is_status()) valuation->weights[k] = 0;
    }
  }
  MEND_TRY(neutral.utilities, ComputeUtilities(neutral.definition, neutral.space, neutral.effects,
                                               neutral.central_terms));
  // Expectation dimensions count at their means, as in the central analysis.
  if (!neutral.expected_values.empty()) {
    UseExpectedValues(neutral, neutral.expected_values, neutral.expected_samples);
  }
  // ρ·sd with the spread measured without status (in the same sampling pass as the central
  // one): a status dimension's uncertainty must not weigh on an a* that leaves status out.
  if (spread.samples > 0) {
    UtilitySpread without_status;
    without_status.samples = spread.samples;
    without_status.sd = spread.sd_without_status.empty() ? spread.sd : spread.sd_without_status;
    ApplyUncertaintyAversion(neutral.definition, without_status, neutral.utilities);
  }
  StabilityOptions stability;
  stability.sanctions = options.sanctions;
  stability.threads = options.threads;
  MEND_TRY(StabilityReport report, AnalyzeStability(neutral, stability));
  const EfficiencyAgainst against = AnalyzeAgainst(neutral, report, options.concept_id, d);
  if (!against.alternative) return std::optional<StateId>();
  return std::optional<StateId>(against.alternative->state);
}

}  // namespace mend
