// SPDX-License-Identifier: Apache-2.0
#include "mend/engine/stability_run.hpp"

namespace mend {

Result<StabilityRun> RunStability(const CompiledCase& compiled, const AnalysisOptions& options,
                                  const RunControl& control) {
  StabilityOptions stability;
  stability.concepts = options.concepts;
  stability.sanctions = options.sanctions;
  stability.threads = options.threads;
  StabilityRun run;
  MEND_TRY(run.report, AnalyzeStability(compiled, stability, control.stop,
                                        control.PhaseProgress("stability")));
  MEND_TRY(run.status_quo, AnalyzeStatusQuo(compiled, run.report, control.stop));
  return run;
}

}  // namespace mend
