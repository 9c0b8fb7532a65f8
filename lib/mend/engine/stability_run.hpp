// SPDX-License-Identifier: Apache-2.0
//
// `mend stability` as the engine runs it: stability under the chosen concepts and sanction
// rule, then the status-quo analysis and the default, at the central utilities without ρ·sd
// (the command draws no samples, so it scales to millions of states).
//
// Example:
//   MEND_TRY(StabilityRun run, RunStability(compiled, options, control));
//   WriteStabilityJson(out, compiled, run.report, run.status_quo, options.sanctions, stop);
#pragma once

#include "mend/core/result.hpp"
#include "mend/engine/analysis_options.hpp"
#include "mend/engine/run_control.hpp"
#include "mend/stability/stability.hpp"
#include "mend/stability/status_quo_analysis.hpp"

namespace mend {

struct StabilityRun {
  StabilityReport report;
  StatusQuoAnalysis status_quo;
};

/// Runs stability (`options.concepts`, `options.sanctions`, `options.threads`) and the status-quo
/// analysis. Fails as AnalyzeStability and AnalyzeStatusQuo fail; kCancelled on `control.stop`.
[[nodiscard]] Result<StabilityRun> RunStability(const CompiledCase& compiled,
                                                const AnalysisOptions& options,
                                                const RunControl& control = {});

}  // namespace mend
