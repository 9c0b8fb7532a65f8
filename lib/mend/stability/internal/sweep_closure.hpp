// SPDX-License-Identifier: Apache-2.0
//
// Minimum of per-state weights over everything reachable in the union of several relations,
// each transitive (one decider's moves, or one decider's improvements), by repeated sweeps of
// the groups whose values changed:
// a sweep of relation j replaces every value by the minimum over the state and its j-successors
// (MoveGroups::SweepMoves / SweepImprovements), in the sorted order of j's MoveGroups rather
// than along random edges.
//
// Why the fixpoint is the answer: values start at the weights and only fall, and a value is
// always the weight of some state reachable from its own state, so it never drops below the
// true minimum. A sweep of j leaves the values closed under j (value(x) <= value(y) for every
// j-successor y: j's successors of y are j's successors of x, by transitivity), and j's
// successors stay in x's group of j, so a group stays closed under j until one of its values
// falls. When no group of any relation is flagged, the values are closed under all of them, so
// value(x) <= value(z) <= weight(z) for every z reachable from x: the true minimum.
//
// When the relations commute (every state feasible and moves of different deciders: a path can
// be reordered to take all of one decider's moves, then all of the next one's ...), one sweep
// per relation is the closure already, in any order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <stop_token>
#include <vector>

namespace mend::internal {

enum class SweepOutcome { kFixpoint, kCancelled, kGaveUp };

/// Sweeps relations 0..relations-1 (`sweep(j, dirty, on_change)` sweeps the groups of relation
/// j flagged in dirty[j], calls on_change(x) for every value that falls and returns the states
/// it visited) until no group is flagged, or once each when `commuting`. A value that falls
/// flags its group in every other relation (`group_of(j, x)`): a sweep of j leaves j's groups
/// closed, and a group stays closed while none of its members' values changes. Gives up when
/// the sweeps have visited `max_visits` states (a caller then uses the general closure of
/// internal/closure.hpp): how often a group is swept again grows with how often the best
/// paths alternate between relations, which is small on random conflicts but has no useful
/// bound.
template <typename Sweep, typename GroupOf>
SweepOutcome SweepToFixpoint(std::span<const std::uint32_t> flags_per_relation,
                             std::span<const std::uint32_t> groups_per_relation, bool commuting,
                             std::uint64_t max_visits, Sweep&& sweep, GroupOf&& group_of,
                             std::stop_token stop) {
  const std::size_t relations = flags_per_relation.size();
  std::vector<std::vector<std::uint8_t>> dirty(relations);
  std::vector<std::uint64_t> flagged(relations);
  for (std::size_t j = 0; j < relations; ++j) {
    dirty[j].assign(flags_per_relation[j], 1);
    flagged[j] = groups_per_relation[j];
  }
  if (commuting) {
    for (std::size_t j = 0; j < relations; ++j) {
      if (stop.stop_requested()) return SweepOutcome::kCancelled;
      sweep(j, std::span<std::uint8_t>(dirty[j]), [](std::uint32_t) {});
    }
    return stop.stop_requested() ? SweepOutcome::kCancelled : SweepOutcome::kFixpoint;
  }
  std::uint64_t visits = 0;
  for (std::size_t j = 0, idle = 0; idle < relations; j = (j + 1) % relations) {
    if (flagged[j] == 0) {
      ++idle;
      continue;
    }
    idle = 0;
    if (visits > max_visits) return SweepOutcome::kGaveUp;
    if (stop.stop_requested()) return SweepOutcome::kCancelled;
    flagged[j] = 0;
    visits += sweep(j, std::span<std::uint8_t>(dirty[j]), [&](std::uint32_t x) {
      for (std::size_t k = 0; k < relations; ++k) {
        if (k == j) continue;
        std::uint8_t& flag = dirty[k][group_of(k, x)];
        if (flag == 0) {
          flag = 1;
          ++flagged[k];
        }
      }
    });
  }
  // A sweep cut short by `stop` may look settled.
  return stop.stop_requested() ? SweepOutcome::kCancelled : SweepOutcome::kFixpoint;
}

}  // namespace mend::internal
