// SPDX-License-Identifier: Apache-2.0
//
// The two searches of the status-quo analysis over the deciders' MoveGroups: the states
// reachable by unilateral improvements (the evolution), and best-response dynamics (the
// default). Both stay near-linear in the states at any number of options: each state is emitted
// once per decider, and a best response is the best top member of the reachable subgroups.
#pragma once

#include <cstdint>
#include <span>
#include <stop_token>
#include <unordered_map>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/core/result.hpp"
#include "mend/stability/internal/move_groups.hpp"
#include "mend/stability/status_quo_analysis.hpp"

namespace mend::internal {

/// Returns every state reachable from `from` through unilateral improvements of the deciders
/// whose moves `groups` describe (from included), ascending. Plain sequences suffice here (the
/// composition argument in stability.cpp). Pending states are swept in ascending id order,
/// which walks every decider's sorted arrays nearly in order (their groups follow the codes).
/// Cost: O(states / 64 per sweep + reached × deciders × reachable subgroups × log) time,
/// O(states / 8 + subgroups) memory. Fails with kCancelled on `stop`.
Result<std::vector<StateId>> ReachByImprovements(std::span<const MoveGroups* const> groups,
                                                 std::size_t state_count, StateId from,
                                                 std::stop_token stop);

/// Runs best-response dynamics from `status_quo` (analyses.md) for `deciders` deciders taking
/// turns in order; best_move(turn, state) returns the mover's best unilateral improvement
/// (ties: lowest state id) as a state id, or MoveGroups::kNoMove to pass. Ends after a full
/// round of passes or when a (state, turn) repeats. Cost: O(steps) calls of best_move.
template <typename BestMove>
Result<BestResponsePath> WalkBestResponses(std::size_t deciders, StateId status_quo,
                                           BestMove&& best_move, std::stop_token stop) {
  BestResponsePath result;
  result.path.push_back(status_quo);
  const std::uint64_t n = deciders;
  // (state, whose turn) -> length of the path when that turn began.
  std::unordered_map<std::uint64_t, std::size_t> seen;
  StateId current = status_quo;
  std::size_t turn = 0;
  std::size_t passes = 0;
  std::uint64_t steps = 0;
  for (;;) {
    if (passes == n) {
      result.end = current;
      return result;
    }
    const std::uint64_t key = std::uint64_t{current.value} * n + turn;
    const auto [it, inserted] = seen.emplace(key, result.path.size());
    if (!inserted) {
      result.cycle = true;
      result.cycle_states.assign(result.path.begin() + static_cast<std::ptrdiff_t>(it->second) - 1,
                                 result.path.end() - 1);
      return result;
    }
    if ((steps++ & 1023u) == 0 && stop.stop_requested()) {
      return Error::Cancelled("best-response dynamics cancelled");
    }
    const std::uint32_t best = best_move(turn, current);
    if (best != MoveGroups::kNoMove) {
      current = StateId{best};
      result.path.push_back(current);
      result.movers.push_back(turn);
      passes = 0;
    } else {
      ++passes;
    }
    turn = (turn + 1) % n;
  }
}

}  // namespace mend::internal
