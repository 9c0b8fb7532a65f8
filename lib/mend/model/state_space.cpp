// SPDX-License-Identifier: Apache-2.0
#include "mend/model/state_space.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include <fmt/format.h>

namespace mend {
namespace {

// Returns true when the partial assignment (`assigned` bits fixed to `values`) already
// violates `constraint`, whatever the unassigned options become. Violation is monotone:
// fixing more options never repairs it, which is what makes pruning sound.
bool Violates(const Constraint& constraint, StateCode assigned, StateCode values) {
  switch (constraint.kind) {
    case ConstraintKind::kExclusive:
      return std::popcount(values & constraint.options) >= 2;
    case ConstraintKind::kAtLeastOne:
      return (constraint.options & ~assigned) == 0 && (values & constraint.options) == 0;
    case ConstraintKind::kRequires:
      return (constraint.condition & ~assigned) == 0 &&
             (values & constraint.condition) == constraint.condition &&
             (constraint.consequence & assigned & ~values) != 0;
    case ConstraintKind::kInfeasible:
      return (constraint.pattern.mask & ~assigned) == 0 &&
             (values & constraint.pattern.mask) == constraint.pattern.values;
  }
  return false;
}

StateCode InvolvedOptions(const Constraint& constraint) {
  return constraint.options | constraint.condition | constraint.consequence |
         constraint.pattern.mask;
}

struct Search {
  int option_count;
  const std::vector<Constraint>& constraints;
  std::vector<std::vector<std::size_t>> checks_at;  // per option: constraints involving it
  int lowest_constrained = 64;                      // options below are free of constraints
  std::uint64_t max_states;
  std::vector<StateCode>& out;
  bool overflow = false;
  StateCode overflow_code = 0;
  std::stop_token stop{};
  bool cancelled = false;
  std::uint64_t steps = 0;

  // True when a stop was requested; looked at once every 2^16 steps, so the check costs nothing.
  bool Stopped() {
    if ((++steps & 0xFFFFU) == 0 && stop.stop_requested()) cancelled = true;
    return cancelled;
  }

  // Assigns option k (options above are fixed in `values`), N before Y, so leaves ascend.
  void Visit(int k, StateCode values) {
    if (overflow || Stopped()) return;
    if (k < 0) {
      if (out.size() >= max_states) {
        overflow = true;
        overflow_code = values;
        return;
      }
      out.push_back(values);
      return;
    }
    if (k < lowest_constrained && k < 62) {
      // Nothing constrains options 0..k: every completion is feasible, in ascending order.
      const StateCode completions = StateCode{1} << (k + 1);
      for (StateCode low = 0; low < completions; ++low) {
        if (Stopped()) return;
        if (out.size() >= max_states) {
          overflow = true;
          overflow_code = values | low;
          return;
        }
        out.push_back(values | low);
      }
      return;
    }
    const StateCode assigned = AllOptionsMask(option_count) & ~AllOptionsMask(k);
    for (StateCode bit : {StateCode{0}, StateCode{1}}) {
      const StateCode next = values | (bit << k);
      bool violated = false;
      for (std::size_t c : checks_at[static_cast<std::size_t>(k)]) {
        if (Violates(constraints[c], assigned, next)) {
          violated = true;
          break;
        }
      }
      if (!violated) Visit(k - 1, next);
    }
  }
};

}  // namespace

OptionLayout OptionLayout::FromCase(const CaseDefinition& definition) {
  OptionLayout layout;
  layout.option_count = definition.option_count();
  layout.owned.assign(definition.actors.size(), 0);
  for (std::size_t k = 0; k < definition.options.size(); ++k) {
    const Option& option = definition.options[k];
    const StateCode bit = StateCode{1} << k;
    layout.owned[option.owner.value] |= bit;
    if (option.irreversibility == Irreversibility::kForward) layout.forward_irreversible |= bit;
    if (option.irreversibility == Irreversibility::kBackward) layout.backward_irreversible |= bit;
  }
  return layout;
}

Result<StateSpace> StateSpace::Enumerate(const CaseDefinition& definition,
                                         const EnumerationLimits& limits) {
  Result<StateSpace> space =
      Enumerate(OptionLayout::FromCase(definition), definition.constraints, limits);
  if (!space && space.error().code != ErrorCode::kCancelled) {
    SourceLocation where = definition.constraints.empty() ? SourceLocation{definition.file, 1, 1}
                                                          : definition.constraints.front().where;
    return Error(space.error()).At(where);
  }
  return space;
}

Result<StateSpace> StateSpace::Enumerate(OptionLayout layout, std::vector<Constraint> constraints,
                                         const EnumerationLimits& limits) {
  MEND_ASSERT(layout.option_count >= 0 && layout.option_count <= kMaxOptions,
              "option count out of range");
  StateSpace space;
  space.layout_ = std::move(layout);
  space.constraints_ = std::move(constraints);
  const int n = space.layout_.option_count;

  Search search{n,  space.constraints_, std::vector<std::vector<std::size_t>>(n),
                64, limits.max_states,  space.codes_};
  int lowest = n;  // lowest option any constraint involves
  for (std::size_t c = 0; c < space.constraints_.size(); ++c) {
    const StateCode involved = InvolvedOptions(space.constraints_[c]);
    for (int k = 0; k < n; ++k) {
      if ((involved >> k) & 1U) search.checks_at[static_cast<std::size_t>(k)].push_back(c);
    }
    if (involved != 0) lowest = std::min(lowest, std::countr_zero(involved));
  }
  search.lowest_constrained = lowest;
  search.stop = limits.stop;
  search.Visit(n - 1, 0);

  if (search.cancelled) {
    return Error::Cancelled(
        fmt::format("loading: stopped while enumerating the feasible states ({} found so far)",
                    space.codes_.size()));
  }

  if (search.overflow) {
    // The search ran in ascending code order, so the share of the code space it covered is
    // (last code + 1) / 2^n; extrapolating from it estimates the full count.
    const double covered = (static_cast<double>(search.overflow_code) + 1.0) / std::ldexp(1.0, n);
    const double estimate = static_cast<double>(limits.max_states) / covered;
    return Error::InvalidArgument(fmt::format(
        "constraints: the case has more than {} feasible states (about {:.3g} by extrapolation), "
        "above the limit; add constraints or raise the limit (--max-states)",
        limits.max_states, estimate));
  }
  if (space.codes_.empty()) {
    return Error::InvalidArgument(
        "constraints: no state satisfies every constraint; expected at least one feasible state");
  }
  space.codes_.shrink_to_fit();
  space.BuildLookup();
  space.BuildGroupIndexes();
  return space;
}

void StateSpace::BuildLookup() {
  const int n = layout_.option_count;
  // Every code feasible (ascending, distinct, 2^n of them): the id is the code itself, so
  // lookups are arithmetic and need no table.
  if (n < 64 && codes_.size() == (std::uint64_t{1} << n)) {
    every_code_feasible_ = true;
    return;
  }
  // A dense code -> id table costs 4 bytes per code; take it when small in absolute terms or
  // relative to the feasible states themselves (8 bytes each).
  const bool small = n <= 20;
  const bool affordable = n <= 27 && (std::uint64_t{1} << n) <= 16 * codes_.size();
  if (!small && !affordable) return;
  dense_.assign(std::size_t{1} << n, 0);
  for (std::size_t i = 0; i < codes_.size(); ++i) {
    dense_[codes_[i]] = static_cast<std::uint32_t>(i + 1);
  }
}

void StateSpace::BuildGroupIndexes() {
  group_index_.assign(layout_.owned.size(), std::nullopt);
  for (std::size_t actor = 0; actor < layout_.owned.size(); ++actor) {
    const StateCode owned = layout_.owned[actor];
    if (std::popcount(owned) <= kSubsetEnumerationLimit) continue;
    GroupIndex index;
    index.order.resize(codes_.size());
    for (std::uint32_t i = 0; i < codes_.size(); ++i) index.order[i] = i;
    // Ids ascend with codes, so a stable sort by the other actors' bits keeps codes ascending
    // inside each group.
    std::stable_sort(index.order.begin(), index.order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return (codes_[a] & ~owned) < (codes_[b] & ~owned);
    });
    index.position.resize(codes_.size());
    index.group_start.resize(codes_.size());
    for (std::uint32_t p = 0; p < index.order.size(); ++p) {
      index.position[index.order[p]] = p;
      const bool same_group =
          p > 0 && (codes_[index.order[p]] & ~owned) == (codes_[index.order[p - 1]] & ~owned);
      index.group_start[p] = same_group ? index.group_start[p - 1] : p;
    }
    group_index_[actor] = std::move(index);
  }
}

std::optional<StateId> StateSpace::Find(StateCode code) const {
  if (every_code_feasible_) {
    if (code >= codes_.size()) return std::nullopt;
    return StateId{static_cast<std::uint32_t>(code)};
  }
  if (!dense_.empty()) {
    if (code >= dense_.size()) return std::nullopt;
    const std::uint32_t entry = dense_[code];
    if (entry == 0) return std::nullopt;
    return StateId{entry - 1};
  }
  auto it = std::lower_bound(codes_.begin(), codes_.end(), code);
  if (it == codes_.end() || *it != code) return std::nullopt;
  return StateId{static_cast<std::uint32_t>(it - codes_.begin())};
}

std::optional<std::size_t> StateSpace::FirstViolatedConstraint(StateCode code) const {
  const StateCode all = AllOptionsMask(layout_.option_count);
  for (std::size_t c = 0; c < constraints_.size(); ++c) {
    if (Violates(constraints_[c], all, code & all)) return c;
  }
  return std::nullopt;
}

std::vector<StateId> StateSpace::Moves(ActorIndex actor, StateId state) const {
  std::vector<StateId> moves;
  ForEachMove(actor, state, [&](StateId t) { moves.push_back(t); });
  return moves;
}

}  // namespace mend
