// SPDX-License-Identifier: Apache-2.0
//
// StateSpace: the feasible states of a case and each decider's unilateral moves between them.
// States are kept as their 64-bit option codes in ascending order (a StateId is the position,
// the state's number is StateId + 1); nothing grows with the square of the number of states.
// Moves are generated on demand from the option form, never stored.
//
// Example:
//   MEND_TRY(StateSpace space, StateSpace::Enumerate(definition));
//   space.ForEachMove(us, space.Find(code).value(), [&](StateId t) { ... });
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <vector>

#include "mend/core/assert.hpp"
#include "mend/core/ids.hpp"
#include "mend/core/result.hpp"
#include "mend/model/case.hpp"

namespace mend {

/// Who owns which option bits, and which options cannot be undone.
struct OptionLayout {
  int option_count = 0;
  std::vector<StateCode> owned;         // per actor: the bits of the options it controls
  StateCode forward_irreversible = 0;   // once Y, never back to N
  StateCode backward_irreversible = 0;  // once N, never back to Y

  static OptionLayout FromCase(const CaseDefinition& definition);

  /// Returns true if moving from `from` to `to` undoes no irreversible option.
  bool RespectsIrreversibility(StateCode from, StateCode to) const {
    return (from & forward_irreversible & ~to) == 0 && (~from & backward_irreversible & to) == 0;
  }
};

struct EnumerationLimits {
  /// Refuse cases with more feasible states than this (the case format's default is 2^26).
  std::uint64_t max_states = std::uint64_t{1} << 26;
  /// When requested, the enumeration stops at its next check and fails with kCancelled (a
  /// server's time limit covers loading as well as the analysis that follows).
  std::stop_token stop;
};

class StateSpace {
 public:
  /// Finds the feasible states of `definition` by a depth-first search over options that prunes
  /// a branch as soon as a constraint is violated, so cost follows the feasible states rather
  /// than 2^options. Fails with kInvalidArgument (located at the case's options) when there
  /// are no feasible states or more than `limits.max_states`, giving the count or an estimate.
  static Result<StateSpace> Enumerate(const CaseDefinition& definition,
                                      const EnumerationLimits& limits = {});

  /// The same from a layout and constraints alone (for tests and benchmarks).
  static Result<StateSpace> Enumerate(OptionLayout layout, std::vector<Constraint> constraints,
                                      const EnumerationLimits& limits = {});

  std::size_t size() const { return codes_.size(); }
  int option_count() const { return layout_.option_count; }
  const OptionLayout& layout() const { return layout_; }
  std::span<const StateCode> codes() const { return codes_; }

  StateCode code(StateId state) const {
    MEND_ASSERT(state.value < codes_.size(), "state id out of range");
    return codes_[state.value];
  }
  /// Returns the Y/N pattern of a state, option 0 first.
  std::string Pattern(StateId state) const { return FormatPattern(code(state), option_count()); }
  /// Returns the id of the feasible state with this code, or nullopt if it is infeasible.
  /// O(1): arithmetic when every code is feasible, else a table or a binary search.
  std::optional<StateId> Find(StateCode code) const;
  /// Returns the index of the first constraint that `code` violates, if any.
  std::optional<std::size_t> FirstViolatedConstraint(StateCode code) const;

  /// Calls `visit(StateId)` for every unilateral move of `actor` from `state`, in ascending
  /// order: the feasible states that differ only in the actor's options and undo no
  /// irreversible option. Cost: 2^(actor's options) lookups, or the size of the state's group
  /// when the actor has many options (see group_index_). Thread-safe.
  template <typename Visit>
  void ForEachMove(ActorIndex actor, StateId state, Visit&& visit) const;

  /// Returns the moves as a vector (convenient in tests; ForEachMove allocates nothing).
  std::vector<StateId> Moves(ActorIndex actor, StateId state) const;

 private:
  // Deciders with more options than this get a group index instead of subset enumeration.
  static constexpr int kSubsetEnumerationLimit = 12;

  // States sharing all options except one actor's, sorted; built for actors with many options.
  struct GroupIndex {
    std::vector<std::uint32_t> order;        // state ids sorted by (code & ~owned, code)
    std::vector<std::uint32_t> position;     // inverse of order
    std::vector<std::uint32_t> group_start;  // per position: where its group begins in order
  };

  StateSpace() = default;
  void BuildLookup();
  void BuildGroupIndexes();

  OptionLayout layout_;
  std::vector<Constraint> constraints_;
  std::vector<StateCode> codes_;      // ascending
  std::vector<std::uint32_t> dense_;  // code -> id + 1 (0 = infeasible), when affordable
  bool every_code_feasible_ = false;  // then id == code, without dense_
  std::vector<std::optional<GroupIndex>> group_index_;  // per actor
};

template <typename Visit>
void StateSpace::ForEachMove(ActorIndex actor, StateId state, Visit&& visit) const {
  const StateCode owned = layout_.owned[actor.value];
  const StateCode from = code(state);
  const auto& groups = group_index_[actor.value];
  if (!groups) {
    const StateCode rest = from & ~owned;
    // Enumerate the subsets of `owned` in ascending order; `to` then ascends too.
    StateCode subset = 0;
    do {
      const StateCode to = rest | subset;
      if (to != from && layout_.RespectsIrreversibility(from, to)) {
        if (std::optional<StateId> target = Find(to)) visit(*target);
      }
      subset = (subset - owned) & owned;
    } while (subset != 0);
    return;
  }
  const StateCode key = from & ~owned;
  const std::uint32_t position = groups->position[state.value];
  for (std::uint32_t p = groups->group_start[position]; p < groups->order.size(); ++p) {
    const StateCode to = codes_[groups->order[p]];
    if ((to & ~owned) != key) break;
    if (to != from && layout_.RespectsIrreversibility(from, to)) visit(StateId{groups->order[p]});
  }
}

}  // namespace mend
