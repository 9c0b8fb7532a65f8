// SPDX-License-Identifier: Apache-2.0
//
// Minimum of per-state weights over everything reachable in the union of several relations,
// each transitive (one decider's moves, or one decider's improvements), by repeated sweeps:
// a sweep of relation j replaces every value by the minimum over the state and its j-successors
// (MoveGroups::SweepMoves / SweepImprovements), in the sorted order of j's MoveGroups rather
// than along random edges.
//
// Why the fixpoint is the answer: values start at the weights and only fall, and a value is
// always the weight of some state reachable from its own state, so it never drops below the
// true minimum. A sweep of j leaves the values closed under j (value(x) <= value(y) for every
// j-successor y: j's successors of y are j's successors of x, by transitivity). When the last
// sweep of every relation changed nothing after it, the values are closed under all of them,
// so value(x) <= value(z) <= weight(z) for every z reachable from x: the true minimum.
//
// When the relations commute (every state feasible and moves of different deciders: a path can
// be reordered to take all of one decider's moves, then all of the next one's ...), one sweep
// per relation is the closure already, in any order.
#pragma once

#include <cstddef>
#include <stop_token>

namespace mend::internal {

enum class SweepOutcome { kFixpoint, kCancelled, kGaveUp };

/// Sweeps relations 0..relations-1 in turn (`sweep(j)` returns whether a value fell) until the
/// last `relations` sweeps changed nothing after the last change, or once each when
/// `commuting`. Gives up after `max_sweeps` sweeps (a caller then uses the general closure of
/// internal/closure.hpp): the number of rounds grows with how often the best path alternates
/// between relations, which is small on real and random conflicts but has no useful bound.
template <typename Sweep>
SweepOutcome SweepToFixpoint(std::size_t relations, bool commuting, std::size_t max_sweeps,
                             Sweep&& sweep, std::stop_token stop) {
  if (relations == 0) return SweepOutcome::kFixpoint;
  if (commuting) {
    for (std::size_t j = 0; j < relations; ++j) {
      if (stop.stop_requested()) return SweepOutcome::kCancelled;
      sweep(j);
    }
    return SweepOutcome::kFixpoint;
  }
  // `closed`: how many relations, the latest one included, the values are known closed under.
  std::size_t closed = 0;
  for (std::size_t done = 0, j = 0; closed < relations; j = (j + 1) % relations) {
    if (done++ == max_sweeps) return SweepOutcome::kGaveUp;
    if (stop.stop_requested()) return SweepOutcome::kCancelled;
    closed = sweep(j) ? 1 : closed + 1;
  }
  return SweepOutcome::kFixpoint;
}

}  // namespace mend::internal
