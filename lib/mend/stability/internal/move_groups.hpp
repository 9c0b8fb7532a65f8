// SPDX-License-Identifier: Apache-2.0
//
// MoveGroups: one decider's moves in a form whose size is linear in the states, for everything
// the stability engine asks of them. A decider's moves from s reach the feasible states that
// share s's other options ("group") and undo no irreversible option of the decider. States of a
// group that share also the decider's irreversible options ("subgroup") can all move to one
// another, and whether a member of subgroup q may move to a member of subgroup r depends only
// on q and r. So the moves from s are exactly the other members of every subgroup reachable
// from s's (its own included), and each subgroup, sorted by the decider's utility, answers
// "which moves improve on s" with a suffix.
//
// Uses: a sparse graph with the moves' reachability (ForEachEdge: a star per subgroup plus one
// edge per reachable subgroup; against 2^(options) - 1 moves), the same for improvements
// (ForEachImprovement), the best utility reachable in one move (SecureValues), and, for the
// focal decider's own tests, the improving suffixes of every state by a merge sweep
// (ForEachImprovementRanges) over position-indexed suffix maxima (SuffixMaxima). Memory:
// 16 bytes per state plus 32 per subgroup.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <stop_token>
#include <utility>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/model/state_space.hpp"

namespace mend::internal {

class MoveGroups {
 public:
  /// Positions [begin, end) in the sorted order of one subgroup.
  struct Range {
    std::uint32_t begin;
    std::uint32_t end;
  };

  /// Sorts the states by (group, irreversible options, utility, id): a radix sort by the first
  /// two (when they fit in 32 bits) and a sort inside each subgroup. `utility` must outlive
  /// this object.
  MoveGroups(const StateSpace& space, ActorIndex actor, const std::vector<double>& utility,
             double indifference);

  std::uint32_t subgroup_count() const { return static_cast<std::uint32_t>(subgroups_.size()); }
  std::uint32_t SubgroupOf(std::uint32_t x) const { return subgroup_of_[x]; }

  /// Calls visit(r) for every subgroup r whose members are moves from members of subgroup q
  /// (q itself included), in ascending order.
  template <typename Visit>
  void ForEachReachableSubgroup(std::uint32_t q, Visit&& visit) const {
    if (irreversible_ == 0) {  // the group is the subgroup
      visit(q);
      return;
    }
    const Subgroup& from = subgroups_[q];
    for (std::uint32_t r = from.group_first; r < from.group_end; ++r) {
      if (RespectsIrreversibility(from.irreversible, subgroups_[r].irreversible)) visit(r);
    }
  }

  /// Calls emit(y) for each edge x -> y (y != x) of a sparse graph with the reachability of the
  /// actor's move graph: within a subgroup, a star through its first member; across
  /// subgroups, one edge to the first member of each reachable one.
  template <typename Emit>
  void ForEachEdge(std::uint32_t x, Emit&& emit) const {
    const std::uint32_t q = subgroup_of_[x];
    const Subgroup& own = subgroups_[q];
    if (x != own.leader) {
      emit(own.leader);
    } else {
      for (std::uint32_t p = own.begin + 1; p < own.end; ++p) emit(order_[p]);
    }
    if (irreversible_ == 0) return;
    ForEachReachableSubgroup(q, [&](std::uint32_t r) {
      if (r != q) emit(subgroups_[r].leader);
    });
  }

  /// Calls emit(y) for the edges x -> y of a sparse graph with the same reachability as the
  /// actor's improvement graph. Within a subgroup sorted by utility, the improvements from x
  /// are the members above u(x) + ε; an edge to each member up to u(t1) + ε, t1 the first of
  /// them, suffices, because t1 improves to every member above that (induction on utility).
  template <typename Emit>
  void ForEachImprovement(std::uint32_t x, Emit&& emit) const {
    const double bar = utility_[x] + indifference_;
    ForEachReachableSubgroup(subgroup_of_[x], [&](std::uint32_t r) {
      const std::uint32_t end = subgroups_[r].end;
      const std::uint32_t first = FirstAbove(subgroups_[r].begin, end, bar);
      if (first == end) return;
      const double band = sorted_utility_[first] + indifference_;
      for (std::uint32_t p = first; p < end && sorted_utility_[p] <= band; ++p) emit(order_[p]);
    });
  }

  /// The improvement graph again, linear in the states even in long runs of ties, through one
  /// auxiliary node per sorted position standing for "this member and every member above it
  /// in its subgroup": ForEachImprovementStart emits, per subgroup reachable from x's, the
  /// position of x's first improvement there (x's improvements there are that suffix), and
  /// ForEachSuffixEdge(p, ...) the member at p (emit_state) and the next position of its
  /// subgroup (emit_position).
  template <typename EmitPosition>
  void ForEachImprovementStart(std::uint32_t x, EmitPosition&& emit_position) const {
    const double bar = utility_[x] + indifference_;
    ForEachReachableSubgroup(subgroup_of_[x], [&](std::uint32_t r) {
      const std::uint32_t end = subgroups_[r].end;
      const std::uint32_t first = FirstAbove(subgroups_[r].begin, end, bar);
      if (first < end) emit_position(first);
    });
  }
  template <typename EmitState, typename EmitPosition>
  void ForEachSuffixEdge(std::uint32_t p, EmitState&& emit_state,
                         EmitPosition&& emit_position) const {
    const std::uint32_t y = order_[p];
    emit_state(y);
    if (p + 1 < subgroups_[subgroup_of_[y]].end) emit_position(p + 1);
  }

  /// Calls emit(y) for the improvements y of x that no earlier call emitted through the same
  /// `covered` (one entry per subgroup, starting at SubgroupEnds()): per subgroup r reachable
  /// from x's, the members above u(x) + ε below position covered[r], which then becomes the
  /// first of them. A search that calls this for every state it reaches emits each state at
  /// most once, so reachability costs O(states + calls × reachable subgroups × log(subgroup)),
  /// without the quadratic edges of ForEachImprovement in bands of ties.
  template <typename Emit>
  void ForEachNewImprovement(std::uint32_t x, std::span<std::uint32_t> covered, Emit&& emit) const {
    const double bar = utility_[x] + indifference_;
    ForEachReachableSubgroup(subgroup_of_[x], [&](std::uint32_t r) {
      const std::uint32_t end = covered[r];
      const std::uint32_t first = FirstAbove(subgroups_[r].begin, end, bar);
      for (std::uint32_t p = first; p < end; ++p) emit(order_[p]);
      covered[r] = first;
    });
  }

  /// Returns each subgroup's end position (the starting `covered` of ForEachNewImprovement).
  std::vector<std::uint32_t> SubgroupEnds() const;

  /// Returns the actor's best response from x: the move of highest utility (lowest state id
  /// among equal utilities) when it is above u(x) + ε, else kNoMove. The moves of x are the other
  /// members of the subgroups reachable from x's, so it is the best top member of those
  /// subgroups. Cost: O(reachable subgroups × log(subgroup size)).
  std::uint32_t BestImprovement(std::uint32_t x) const {
    std::uint32_t best = kNoMove;
    double best_utility = 0;
    ForEachReachableSubgroup(subgroup_of_[x], [&](std::uint32_t r) {
      const Subgroup& subgroup = subgroups_[r];
      const double top = sorted_utility_[subgroup.end - 1];
      if (best != kNoMove && top < best_utility) return;
      // Sorted by (utility, id): the first member at the top utility has the lowest id.
      const std::uint32_t y = order_[FirstAtLeast(subgroup.begin, subgroup.end - 1, top)];
      if (best == kNoMove || top > best_utility || y < best) {
        best = y;
        best_utility = top;
      }
    });
    return best != kNoMove && best_utility > utility_[x] + indifference_ ? best : kNoMove;
  }

  static constexpr std::uint32_t kNoMove = std::numeric_limits<std::uint32_t>::max();

  /// Returns, per subgroup, the best utility a member can secure by staying or moving once:
  /// the maximum over the reachable subgroups (its own included) of their top member.
  std::vector<double> SecureValues() const;

  /// Returns w with w[p] = max of value(y) over the positions p..(end of p's subgroup), y the
  /// state at that position: the best value among the improvements of a range.
  template <typename Value>
  std::vector<double> SuffixMaxima(Value&& value) const {
    std::vector<double> suffix(order_.size());
    for (const Subgroup& subgroup : subgroups_) {
      double best = -std::numeric_limits<double>::infinity();
      for (std::uint32_t p = subgroup.end; p-- > subgroup.begin;) {
        best = std::max(best, static_cast<double>(value(order_[p])));
        suffix[p] = best;
      }
    }
    return suffix;
  }

  /// A group's key in the `dirty` flags of the sweeps below: the index of its first subgroup.
  std::uint32_t GroupOf(std::uint32_t x) const {
    return irreversible_ == 0 ? subgroup_of_[x] : subgroups_[subgroup_of_[x]].group_first;
  }
  /// The number of groups (of distinct GroupOf values).
  std::uint32_t group_count() const;

  /// One sweep of the closure by sweeps (internal/opponent_closure.hpp) over this actor's
  /// moves, in the groups flagged in `dirty` (one flag per subgroup, read at each group's first;
  /// cleared): replaces value[x] (K weights per state, indexed by state) by the minimum over x
  /// and its moves, i.e. over the members of the subgroups reachable from x's, and calls
  /// on_change(x) for every value that falls. The moves are transitive, so the result is
  /// closed under them. Returns the number of states visited (stops early, leaving values
  /// that are no answer, when `stop` is requested). Cost: O(states of the groups + sum over
  /// their subgroups of the reachable subgroups), walking the sorted order.
  template <std::size_t K, typename OnChange>
  std::uint64_t SweepMoves(std::span<std::array<double, K>> value, std::span<std::uint8_t> dirty,
                           OnChange&& on_change, std::stop_token stop) const {
    std::uint64_t visited = 0;
    std::vector<std::array<double, K>> own;  // per subgroup of the group: min over its members
    for (std::uint32_t first = 0, groups = 0; first < subgroup_count(); ++groups) {
      if (groups % kGroupsBetweenStopChecks == 0 && stop.stop_requested()) return visited;
      const std::uint32_t end = irreversible_ == 0 ? first + 1 : subgroups_[first].group_end;
      if (!std::exchange(dirty[first], 0)) {
        first = end;
        continue;
      }
      own.assign(end - first, MinIdentity<K>());
      for (std::uint32_t r = first; r < end; ++r) {
        std::array<double, K>& m = own[r - first];
        for (std::uint32_t p = subgroups_[r].begin; p < subgroups_[r].end; ++p) {
          MergeMin(m, value[order_[p]]);
        }
      }
      for (std::uint32_t q = first; q < end; ++q) {
        std::array<double, K> best = own[q - first];
        ForEachReachableSubgroup(q, [&](std::uint32_t r) { MergeMin(best, own[r - first]); });
        for (std::uint32_t p = subgroups_[q].begin; p < subgroups_[q].end; ++p) {
          std::array<double, K>& v = value[order_[p]];
          if (v != best) {
            v = best;
            on_change(order_[p]);
          }
        }
      }
      visited += subgroups_[end - 1].end - subgroups_[first].begin;
      first = end;
    }
    return visited;
  }

  /// The same over this actor's improvements: value[x] becomes the minimum over x and the
  /// members above u(x) + ε of the subgroups reachable from x's, read from suffix minima in
  /// utility order by a merge sweep (no edge per tied member). Improvements are transitive,
  /// so the result is closed under them. Cost: O(sum over the subgroups q of the flagged
  /// groups of sum over the r reachable from q of |q| + |r|).
  template <typename OnChange>
  std::uint64_t SweepImprovements(std::span<std::array<double, 1>> value,
                                  std::span<std::uint8_t> dirty, OnChange&& on_change,
                                  std::stop_token stop) const {
    std::uint64_t visited = 0;
    std::vector<double> suffix;  // per position of the group: min over the rest of its subgroup
    std::vector<Range> targets;
    for (std::uint32_t first = 0, groups = 0; first < subgroup_count(); ++groups) {
      if (groups % kGroupsBetweenStopChecks == 0 && stop.stop_requested()) return visited;
      const std::uint32_t end = irreversible_ == 0 ? first + 1 : subgroups_[first].group_end;
      if (!std::exchange(dirty[first], 0)) {
        first = end;
        continue;
      }
      const std::uint32_t base = subgroups_[first].begin;
      suffix.resize(subgroups_[end - 1].end - base);
      for (std::uint32_t r = first; r < end; ++r) {
        double best = std::numeric_limits<double>::infinity();
        for (std::uint32_t p = subgroups_[r].end; p-- > subgroups_[r].begin;) {
          best = std::min(best, value[order_[p]][0]);
          suffix[p - base] = best;
        }
      }
      for (std::uint32_t q = first; q < end; ++q) {
        targets.clear();
        ForEachReachableSubgroup(q, [&](std::uint32_t r) {
          targets.push_back({subgroups_[r].begin, subgroups_[r].end});
        });
        for (std::uint32_t p = subgroups_[q].begin; p < subgroups_[q].end; ++p) {
          const double bar = sorted_utility_[p] + indifference_;
          double& v = value[order_[p]][0];
          double best = v;
          for (Range& target : targets) {
            while (target.begin < target.end && sorted_utility_[target.begin] <= bar) {
              ++target.begin;
            }
            if (target.begin < target.end) best = std::min(best, suffix[target.begin - base]);
          }
          if (best < v) {
            v = best;
            on_change(order_[p]);
          }
        }
      }
      visited += subgroups_[end - 1].end - base;
      first = end;
    }
    return visited;
  }

  /// For every state x in subgroups [first_subgroup, last_subgroup), calls
  /// visit(x, ranges): the non-empty position ranges of x's improvements, one per subgroup
  /// that holds some (x never is among them, as ε >= 0). A merge sweep, as improvements
  /// shrink while u(x) grows: O(sum over the subgroups q of sum over the r reachable from q of
  /// |q| + |r|).
  template <typename Visit>
  void ForEachImprovementRanges(std::uint32_t first_subgroup, std::uint32_t last_subgroup,
                                Visit&& visit) const {
    std::vector<Range> targets;
    std::vector<Range> ranges;
    for (std::uint32_t q = first_subgroup; q < last_subgroup; ++q) {
      targets.clear();
      ForEachReachableSubgroup(q, [&](std::uint32_t r) {
        targets.push_back({subgroups_[r].begin, subgroups_[r].end});
      });
      for (std::uint32_t p = subgroups_[q].begin; p < subgroups_[q].end; ++p) {
        const std::uint32_t x = order_[p];
        const double bar = sorted_utility_[p] + indifference_;
        ranges.clear();
        for (Range& target : targets) {
          while (target.begin < target.end && sorted_utility_[target.begin] <= bar) {
            ++target.begin;
          }
          if (target.begin < target.end) ranges.push_back(target);
        }
        visit(x, std::span<const Range>(ranges));
      }
    }
  }

 private:
  static constexpr std::uint32_t kGroupsBetweenStopChecks = 4096;

  template <std::size_t K>
  static std::array<double, K> MinIdentity() {
    std::array<double, K> a;
    a.fill(std::numeric_limits<double>::infinity());
    return a;
  }
  template <std::size_t K>
  static void MergeMin(std::array<double, K>& into, const std::array<double, K>& from) {
    for (std::size_t k = 0; k < K; ++k) into[k] = std::min(into[k], from[k]);
  }

  bool RespectsIrreversibility(StateCode from, StateCode to) const {
    return (from & forward_ & ~to) == 0 && (~from & backward_ & to) == 0;
  }

  // Cuts the sorted positions into subgroups (equal keys) and groups (equal key >> shift).
  template <typename KeyAt>
  void BuildSubgroups(std::span<const StateCode> codes, int shift, KeyAt&& key_at);

  // First position in [begin, end) whose utility is at least `value` (end if none).
  std::uint32_t FirstAtLeast(std::uint32_t begin, std::uint32_t end, double value) const {
    while (begin < end) {
      const std::uint32_t mid = begin + (end - begin) / 2;
      if (sorted_utility_[mid] >= value) {
        end = mid;
      } else {
        begin = mid + 1;
      }
    }
    return begin;
  }

  // First position in [begin, end) whose utility is above `bar` (end if none).
  std::uint32_t FirstAbove(std::uint32_t begin, std::uint32_t end, double bar) const {
    while (begin < end) {
      const std::uint32_t mid = begin + (end - begin) / 2;
      if (sorted_utility_[mid] > bar) {
        end = mid;
      } else {
        begin = mid + 1;
      }
    }
    return begin;
  }

  // Positions [begin, end) of a subgroup, the first and one-past-last subgroup of its group,
  // its first member and its irreversible options: what a visit to a subgroup needs, in one
  // cache line.
  struct Subgroup {
    std::uint32_t begin;
    std::uint32_t end;
    std::uint32_t group_first;
    std::uint32_t group_end;
    std::uint32_t leader;
    StateCode irreversible;
  };

  std::span<const double> utility_;  // per state
  double indifference_ = 0;
  StateCode irreversible_ = 0;
  StateCode forward_ = 0;
  StateCode backward_ = 0;
  // Per position: the state there and its utility (sorted searches stay in one array); per
  // state: its subgroup.
  std::vector<std::uint32_t> order_;
  std::vector<double> sorted_utility_;
  std::vector<std::uint32_t> subgroup_of_;
  std::vector<Subgroup> subgroups_;
};

}  // namespace mend::internal
