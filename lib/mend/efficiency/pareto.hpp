// SPDX-License-Identifier: Apache-2.0
//
// Pareto frontiers and Pareto improvements over utility columns (docs/analyses.md, "Efficiency
// and the loss ledger"). A state is on the frontier when no other state gives every actor at
// least as much and one actor more. The frontier never compares all pairs: two actors take a
// sort and one sweep, three a sort and a staircase sweep, more a divide and conquer on the
// median of one column at a time (Kung, Luccio and Preparata's scheme), whose cost does not grow
// with the size of the frontier.
//
// Example:
//   std::vector<std::span<const double>> columns = {table.utility[0], table.utility[1]};
//   std::vector<StateId> frontier = ParetoFrontier(columns);
//   std::vector<StateId> better = ParetoImprovements(table, deciders, default_state);
#pragma once

#include <span>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/value/utility_table.hpp"

namespace mend {

/// Returns the states (ascending) that no other state Pareto-dominates on `columns`, where
/// columns[k][s] is objective k of state s and every column has the same length. Dominance is
/// strict on exact values (indifference thresholds are not applied: with them dominance is not
/// transitive and the frontier would depend on the order of comparison). Equal points do not
/// dominate each other, so duplicates of a frontier point are all on it.
/// Cost: O(N log N) for up to three columns; for k > 3 columns a sort-filter sweep while it
/// costs at most 32 comparisons a state (small frontiers), then O(N log^(k-1) N) whatever the
/// size of the frontier. Deterministic. Precondition: values are finite (asserted).
std::vector<StateId> ParetoFrontier(std::span<const std::span<const double>> columns);

/// The same over the utilities of `actors` in `table`.
std::vector<StateId> ParetoFrontier(const UtilityTable& table, std::span<const ActorIndex> actors);

namespace internal {
/// For four or more columns, the divide and conquer alone, without the sweep that runs first:
/// the property tests hold both against the definition.
std::vector<StateId> ParetoFrontierBySplitting(std::span<const std::span<const double>> columns);
}  // namespace internal

/// Returns true when `a` Pareto-improves `d` for `actors`: a ⪰_i d (not d ≻_i a) for every actor
/// and a ≻_j d for at least one, with each actor's indifference threshold.
bool ParetoImproves(const UtilityTable& table, std::span<const ActorIndex> actors, StateId a,
                    StateId d);

/// Returns every state that Pareto-improves `d` for `actors`, ascending. Cost: O(N·actors).
std::vector<StateId> ParetoImprovements(const UtilityTable& table,
                                        std::span<const ActorIndex> actors, StateId d);

}  // namespace mend
