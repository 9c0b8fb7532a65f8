// SPDX-License-Identifier: Apache-2.0
//
// The closures the textbook sanction rule needs: for every state, the minimum of a weight over
// the states reached from it by the opponents' moves (GMR, SMR) or improvements (SEQ), the
// state itself included (why a plain closure suffices: stability.cpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <stop_token>
#include <vector>

#include "mend/core/assert.hpp"
#include "mend/model/state_space.hpp"
#include "mend/stability/internal/closure.hpp"
#include "mend/stability/internal/move_groups.hpp"
#include "mend/stability/internal/sweep_closure.hpp"

namespace mend::internal {

/// Sweeps (in states visited, per opponent and state) before the general closure takes over:
/// random conflicts settle within a few; the cap keeps a pathological case at a small multiple
/// of the general closure.
constexpr std::size_t kSweepRoundsBeforeGivingUp = 12;

/// Every code feasible: moves of different deciders commute (internal/sweep_closure.hpp).
inline bool EveryCodeFeasible(const StateSpace& space) {
  return space.option_count() < 64 && space.size() == (std::uint64_t{1} << space.option_count());
}

/// values[x] = min over y reached from x (x included) by the moves (or improvements) of the
/// deciders of `opponents` of weight(y): sweeps to a fixpoint (at most `max_rounds` × opponents ×
/// states visited), else Tarjan's closure over sparse graphs with the same reachability
/// (MoveGroups::ForEachEdge; for improvements ForEachImprovementStart and ForEachSuffixEdge),
/// linear in the states. False when `stop` was requested.
template <std::size_t K, typename Weight>
bool MinOverOpponentClosure(std::span<const MoveGroups* const> opponents, const StateSpace& space,
                            bool improvements, Weight&& weight,
                            std::vector<std::array<double, K>>& values, std::size_t max_rounds,
                            std::stop_token stop) {
  MEND_ASSERT(K == 1 || !improvements, "the improvement closure carries one weight");
  const auto count = static_cast<std::uint32_t>(space.size());
  values.resize(count);
  for (std::uint32_t x = 0; x < count; ++x) values[x] = weight(x);
  std::vector<std::uint32_t> flags;
  std::vector<std::uint32_t> group_counts;
  for (const MoveGroups* g : opponents) {
    flags.push_back(g->subgroup_count());
    group_counts.push_back(g->group_count());
  }
  const SweepOutcome outcome = SweepToFixpoint(
      flags, group_counts, !improvements && EveryCodeFeasible(space),
      std::uint64_t{max_rounds} * opponents.size() * count,
      [&](std::size_t j, std::span<std::uint8_t> dirty, auto&& on_change) -> std::uint64_t {
        if constexpr (K == 1) {
          if (improvements) {
            return opponents[j]->SweepImprovements(std::span<std::array<double, 1>>(values), dirty,
                                                   on_change, stop);
          }
        }
        return opponents[j]->SweepMoves(std::span<std::array<double, K>>(values), dirty, on_change,
                                        stop);
      },
      [&](std::size_t j, std::uint32_t x) { return opponents[j]->GroupOf(x); }, stop);
  if (outcome == SweepOutcome::kCancelled) return false;
  if (outcome == SweepOutcome::kFixpoint) return true;
  std::vector<ClosureNode<K>> nodes;
  if (!improvements) {
    auto successors = [&](std::uint32_t x, auto&& emit) {
      for (const MoveGroups* g : opponents) g->ForEachEdge(x, emit);
    };
    if (!MinOverClosure<K>(count, successors, weight, nodes, stop)) return false;
  } else {
    // Nodes: the states, then per opponent j one auxiliary node per sorted position of j's
    // MoveGroups (MoveGroups::ForEachImprovementStart), weighing nothing.
    const std::uint64_t total = std::uint64_t{count} * (opponents.size() + 1);
    MEND_ASSERT(total < std::numeric_limits<std::uint32_t>::max(), "too many closure nodes");
    auto successors = [&](std::uint32_t node, auto&& emit) {
      if (node < count) {
        for (std::uint32_t j = 0; j < opponents.size(); ++j) {
          const std::uint32_t offset = count * (j + 1);
          opponents[j]->ForEachImprovementStart(node, [&](std::uint32_t p) { emit(offset + p); });
        }
        return;
      }
      const std::uint32_t offset = node / count * count;
      opponents[node / count - 1]->ForEachSuffixEdge(node - offset, emit,
                                                     [&](std::uint32_t p) { emit(offset + p); });
    };
    auto weights = [&](std::uint32_t node) {
      if (node < count) return weight(node);
      std::array<double, K> none;
      none.fill(std::numeric_limits<double>::infinity());
      return none;
    };
    if (!MinOverClosure<K>(static_cast<std::uint32_t>(total), successors, weights, nodes, stop)) {
      return false;
    }
  }
  for (std::uint32_t x = 0; x < count; ++x) values[x] = nodes[x].value;
  return true;
}

}  // namespace mend::internal
