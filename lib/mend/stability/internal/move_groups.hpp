// SPDX-License-Identifier: Apache-2.0
//
// MoveGroups: a sparse stand-in for one decider's move graph with the same reachability, for
// closures that ignore preferences (GMR, SMR). A decider's moves from s reach the feasible
// states that share s's other options and do not undo an irreversible option of the decider.
// States sharing also the decider's irreversible options ("subgroups") can all move to one
// another, so a cycle through each subgroup replaces its clique; and a subgroup can move to
// another of the same group exactly when the irreversible options allow it, so one edge to any
// member of each such subgroup suffices. Edges per state: 1 + (subgroups of its group), against
// 2^(options) - 1 moves. Memory: O(states).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/model/state_space.hpp"

namespace mend::internal {

class MoveGroups {
 public:
  /// Orders each subgroup by the actor's utility (ties by id) for ForEachImprovement.
  MoveGroups(const StateSpace& space, ActorIndex actor, const std::vector<double>& utility,
             double indifference);

  /// Calls emit(y) for the edges x -> y of a sparse graph with the same reachability as the
  /// actor's improvement graph. Within a subgroup sorted by utility, the improvements from x
  /// are the members above u(x) + ε; an edge to each member up to u(t1) + ε, t1 the first of
  /// them, suffices, because t1 improves to every member above that (induction on utility).
  template <typename Emit>
  void ForEachImprovement(std::uint32_t x, Emit&& emit) const {
    const double bar = utility_[x] + indifference_;
    const StateCode own = codes_[x] & irreversible_;
    const std::uint32_t p = position_[x];
    const std::uint32_t end = group_end_[p];
    for (std::uint32_t q = group_start_[p]; q < end; q = subgroup_end_[q]) {
      const StateCode other = codes_[order_[q]] & irreversible_;
      if (other != own && !RespectsIrreversibility(own, other)) continue;
      // First member of the subgroup with utility above the bar.
      std::uint32_t lo = q;
      std::uint32_t hi = subgroup_end_[q];
      while (lo < hi) {
        const std::uint32_t mid = lo + (hi - lo) / 2;
        if (utility_[order_[mid]] > bar) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      if (lo == subgroup_end_[q]) continue;
      const double band = utility_[order_[lo]] + indifference_;
      for (std::uint32_t r = lo; r < subgroup_end_[q] && utility_[order_[r]] <= band; ++r) {
        emit(order_[r]);
      }
    }
  }

  /// Calls emit(y) for each edge x -> y of the stand-in graph (y != x).
  template <typename Emit>
  void ForEachEdge(std::uint32_t x, Emit&& emit) const {
    const std::uint32_t next = next_[x];
    if (next != x) emit(next);
    if (irreversible_ == 0) return;  // the group is the subgroup
    const StateCode own = codes_[x] & irreversible_;
    const std::uint32_t p = position_[x];
    const std::uint32_t end = group_end_[p];
    for (std::uint32_t q = group_start_[p]; q < end; q = subgroup_end_[q]) {
      const std::uint32_t y = order_[q];
      const StateCode other = codes_[y] & irreversible_;
      if (other != own && RespectsIrreversibility(own, other)) emit(y);
    }
  }

 private:
  bool RespectsIrreversibility(StateCode from, StateCode to) const {
    return (from & forward_ & ~to) == 0 && (~from & backward_ & to) == 0;
  }

  std::span<const StateCode> codes_;
  std::span<const double> utility_;
  double indifference_ = 0;
  StateCode irreversible_ = 0;
  StateCode forward_ = 0;
  StateCode backward_ = 0;
  std::vector<std::uint32_t> next_;  // per state: the next member of its subgroup, cyclically
  // States sorted by (group, irreversible options, utility, id), each state's position, and
  // per position its subgroup's and group's bounds.
  std::vector<std::uint32_t> order_;
  std::vector<std::uint32_t> position_;
  std::vector<std::uint32_t> subgroup_end_;
  std::vector<std::uint32_t> group_start_;
  std::vector<std::uint32_t> group_end_;
};

}  // namespace mend::internal
