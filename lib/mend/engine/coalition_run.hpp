// SPDX-License-Identifier: Apache-2.0
//
// `mend coalitions` as the engine runs it: coalitional stability (docs/stability.md) of the
// chosen coalitions at the case's central utilities, under the run's stop token.
//
// Example:
//   MEND_TRY(CoalitionReport report, RunCoalitions(compiled, AllCoalitions(deciders), {}, {}));
#pragma once

#include <span>

#include "mend/core/result.hpp"
#include "mend/engine/run_control.hpp"
#include "mend/stability/coalition.hpp"

namespace mend {

/// Runs the coalition analysis. Fails as AnalyzeCoalitions fails; kCancelled on `control.stop`.
[[nodiscard]] Result<CoalitionReport> RunCoalitions(const CompiledCase& compiled,
                                                    std::span<const CoalitionMembers> coalitions,
                                                    const CoalitionOptions& options,
                                                    const RunControl& control = {});

}  // namespace mend
