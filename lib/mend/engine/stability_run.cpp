// SPDX-License-Identifier: Apache-2.0
#include "mend/engine/stability_run.hpp"

namespace mend {

Result<StabilityRun> RunStability(const CompiledCase& compiled, const AnalysisOptions& options,
                                  const RunControl& control) {
  StabilityOptions stability;
  stability.concepts = options.concepts;
  stability.sanctions = options.sanctions;
  stability.threads = options.threads;
  // One pass for both: the status-quo analysis reuses the engine's sorted moves.
  MEND_TRY(StabilityWithStatusQuo both,
           AnalyzeStabilityAndStatusQuo(compiled, stability, control.stop,
                                        control.PhaseProgress("stability")));
  return StabilityRun{std::move(both.report), std::move(both.status_quo)};
}

}  // namespace mend
