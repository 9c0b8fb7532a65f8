// SPDX-License-Identifier: Apache-2.0
//
// `mend explain` as the engine answers it: the trace of one actor's utility in one state — its
// dimensions, effect terms, parameters and sources — and, for an actor averse to uncertainty,
// the ρ·sd term that the central analysis subtracts, so the utility explained is the one every
// other output reports.
//
// Example:
//   MEND_TRY(CaseAnalysis analysis, AnalyzeCase(compiled, options));
//   MEND_TRY(UtilityExplanation why, ExplainUtility(analysis, state, actor));
//   std::cout << ExplanationText(analysis, why, options.seed);
#pragma once

#include <cstdint>
#include <string>

#include "mend/core/result.hpp"
#include "mend/efficiency/trace.hpp"
#include "mend/engine/case_analysis.hpp"

namespace mend {

struct UtilityExplanation {
  /// The trace at the central parameter values (its `utility` is before ρ·sd).
  StateTrace trace;
  /// ρ_i, sd_i(s) with its standard error, and the utility every output reports (trace.utility
  /// less ρ_i·sd_i(s)); ρ is 0 for actors not averse to uncertainty.
  double uncertainty_aversion = 0;
  double spread = 0;
  double spread_standard_error = 0;
  double central_utility = 0;
};

/// Explains `actor`'s utility in `state` within `analysis`. Fails with kInvalidArgument when the
/// actor or the state is out of range.
[[nodiscard]] Result<UtilityExplanation> ExplainUtility(const CaseAnalysis& analysis, StateId state,
                                                        ActorIndex actor);

/// The explanation as `mend explain` prints it: dimensions and effect terms with units, the
/// parameters (central values, distributions, units, sources) and the sources cited with their
/// URLs, then the ρ·sd line for an actor averse to uncertainty (`seed` is the spread's). Every
/// front end shows this one text (the CLI, the server's POST /api/explain, the workbench).
[[nodiscard]] std::string ExplanationText(const CaseAnalysis& analysis,
                                          const UtilityExplanation& explanation,
                                          std::uint64_t seed);

}  // namespace mend
