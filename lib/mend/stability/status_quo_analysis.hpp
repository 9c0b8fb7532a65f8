// SPDX-License-Identifier: Apache-2.0
//
// Status-quo analysis (docs/analyses.md): where a conflict goes from its status quo s0 when
// deciders pursue unilateral improvements. It finds the evolution (every state reachable from
// s0 through unilateral improvements), the equilibria among those states, and the default
// outcome by best-response dynamics — deciders take turns in file order, each moving to its
// most preferred unilateral improvement (ties: lowest state number) or passing, until a full
// round passes — or the case's explicit `default:`. A cycle is reported with its states.
//
// Example:
//   MEND_TRY(StabilityReport report, AnalyzeStability(compiled, {}));
//   MEND_TRY(StatusQuoAnalysis sq, AnalyzeStatusQuo(compiled, report));
//   if (sq.default_state) { ... } else { /* sq.cycle lists the states of the cycle */ }
//   // Both at once, the status-quo analysis reusing the engine's sorted moves:
//   MEND_TRY(StabilityWithStatusQuo both, AnalyzeStabilityAndStatusQuo(compiled, {}));
#pragma once

#include <optional>
#include <span>
#include <stop_token>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/core/result.hpp"
#include "mend/model/state_space.hpp"
#include "mend/stability/stability.hpp"
#include "mend/value/compiled_case.hpp"
#include "mend/value/utility_table.hpp"

namespace mend {

/// The outcome of best-response dynamics from the status quo.
struct BestResponsePath {
  /// s0 followed by the state after each move; on a cycle it ends with the repeated state.
  std::vector<StateId> path;
  /// Who made each move: movers[k] moved from path[k] to path[k + 1] (a decider position).
  std::vector<std::size_t> movers;
  bool cycle = false;
  /// The states of the cycle in visiting order (empty without a cycle).
  std::vector<StateId> cycle_states;
  /// Where the dynamics stop; nullopt on a cycle.
  std::optional<StateId> end;
};

struct StatusQuoAnalysis {
  StateId status_quo;
  /// Every state reachable from s0 through unilateral improvements, s0 included, ascending.
  std::vector<StateId> evolution;
  /// Per concept in the report (report order): the equilibria within the evolution, ascending.
  std::vector<std::pair<StabilityConcept, std::vector<StateId>>> reachable_equilibria;
  BestResponsePath dynamics;
  /// True when the case fixes the default with `default:` (which then overrides the dynamics).
  bool explicit_default = false;
  /// The default outcome: the explicit default, else the end of the dynamics; nullopt when the
  /// dynamics cycle and no default is given.
  std::optional<StateId> default_state;
};

/// Runs best-response dynamics from `status_quo` (analyses.md): deciders in the order given
/// take turns; each moves to the unilateral improvement it likes most (ties: lowest state
/// number) or passes; it ends after a full round of passes or when a (state, turn) repeats.
/// Cost: O(steps × moves), scanning the mover's moves at each step (no set-up, for short walks
/// and Monte Carlo samples); steps ≤ states × deciders. AnalyzeStatusQuo walks the same rule in
/// O(steps × log) from per-decider sorted moves. Fails with kCancelled on `stop`.
[[nodiscard]] Result<BestResponsePath> BestResponseDynamics(const StateSpace& space,
                                                            const UtilityTable& utilities,
                                                            std::span<const ActorIndex> deciders,
                                                            StateId status_quo,
                                                            std::stop_token stop = {});

/// Returns every state reachable from `from` through unilateral improvements of the deciders
/// (from included), ascending. Cost: one sort of the states per decider (internal/move_groups.hpp),
/// then O(states + reached × deciders × log) time; O(states) memory.
[[nodiscard]] Result<std::vector<StateId>> ImprovementEvolution(
    const StateSpace& space, const UtilityTable& utilities, std::span<const ActorIndex> deciders,
    StateId from, std::stop_token stop = {});

/// Status-quo analysis of a compiled case, using `report` (from AnalyzeStability over the same
/// case) for the reachable equilibria. Cost: one sort of the states per decider, then
/// near-linear (see ImprovementEvolution). Fails with kInvalidArgument when the status quo or the
/// explicit default is not a feasible state, or `report` does not match the case's states;
/// with kCancelled on `stop`.
[[nodiscard]] Result<StatusQuoAnalysis> AnalyzeStatusQuo(const CompiledCase& compiled,
                                                         const StabilityReport& report,
                                                         std::stop_token stop = {});

/// The results of AnalyzeStabilityAndStatusQuo.
struct StabilityWithStatusQuo {
  StabilityReport report;
  StatusQuoAnalysis status_quo;
};

/// AnalyzeStability followed by AnalyzeStatusQuo, with the same results, errors and options;
/// the status-quo analysis reuses the stability engine's sorted moves instead of sorting the
/// states again, so it adds O(states + reached × deciders × log) to the engine's cost.
[[nodiscard]] Result<StabilityWithStatusQuo> AnalyzeStabilityAndStatusQuo(
    const CompiledCase& compiled, const StabilityOptions& options, std::stop_token stop = {},
    const ProgressCallback& progress = {});

}  // namespace mend
