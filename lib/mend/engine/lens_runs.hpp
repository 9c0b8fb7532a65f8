// SPDX-License-Identifier: Apache-2.0
//
// The lenses run on a case's central analysis, so that they speak of the same default and a*
// as every other output: viability with the analysis' samples and seed, perceptions at its
// central utilities, the expectation dynamics engaging from its central default to its a*, and
// what it would take to reach a blocked state from that default (the bridge).
//
// Example:
//   MEND_TRY(CaseAnalysis analysis, AnalyzeCase(compiled, options));
//   MEND_TRY(DynamicsReport report, RunDynamics(analysis, dynamics_options, control));
#pragma once

#include <optional>

#include "mend/core/result.hpp"
#include "mend/engine/case_analysis.hpp"
#include "mend/lenses/attachment.hpp"
#include "mend/lenses/bridge.hpp"
#include "mend/lenses/dynamics.hpp"
#include "mend/lenses/perception.hpp"

namespace mend {

/// The persuasion gaps of `proposal` (AnalyzeViability with the analysis' samples and seed).
/// Fails as AnalyzeViability fails.
[[nodiscard]] Result<ViabilityReport> RunViability(const CaseAnalysis& analysis, StateId proposal);

/// The hypergame at the analysis' central utilities, concept and sanctions.
/// Fails as AnalyzePerceptions fails.
[[nodiscard]] Result<PerceptionAnalysis> RunPerceptions(const CaseAnalysis& analysis);

/// The expectation dynamics from the central default to the central a*. Fails with
/// kInvalidArgument when there is no single default or no a* (nothing to engage on), and as
/// SimulateExpectations fails; kCancelled on `control.stop`.
[[nodiscard]] Result<DynamicsReport> RunDynamics(const CaseAnalysis& analysis,
                                                 const DynamicsOptions& options,
                                                 const RunControl& control = {});

/// The feasible state a command's pattern option names (a viability proposal, a bridge target).
/// Fails with kInvalidArgument "`key`: PATTERN is not a feasible state of CASE; expected N Y/N
/// letters" otherwise.
[[nodiscard]] Result<StateId> FeasibleStateOf(const CompiledCase& compiled,
                                              const std::string& pattern, std::string_view key);

/// What it would take to reach `target` (or the best candidates, at most `limit`) from the
/// central default, at the central utilities, concept and sanctions (AnalyzeBridge). Fails with
/// kInvalidArgument when there is no single default or the target is the default, and as
/// AnalyzeBridge fails.
[[nodiscard]] Result<BridgeReport> RunBridge(const CaseAnalysis& analysis,
                                             std::optional<StateId> target, std::size_t limit);

}  // namespace mend
