// SPDX-License-Identifier: Apache-2.0
#include "mend/stability/status_quo_analysis.hpp"

#include <algorithm>
#include <bit>
#include <optional>
#include <unordered_map>

#include "mend/stability/internal/move_groups.hpp"

namespace mend {
namespace {

// Deciders with more options than this get MoveGroups in the improvement evolution.
constexpr int kEnumeratedOptions = 6;

}  // namespace

Result<BestResponsePath> BestResponseDynamics(const StateSpace& space,
                                              const UtilityTable& utilities,
                                              std::span<const ActorIndex> deciders,
                                              StateId status_quo, std::stop_token stop) {
  if (deciders.empty()) return Error::InvalidArgument("best-response dynamics needs deciders");
  if (status_quo.value >= space.size()) return Error::InvalidArgument("status quo out of range");
  BestResponsePath result;
  result.path.push_back(status_quo);
  const std::uint64_t n = deciders.size();
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
    const ActorIndex mover = deciders[turn];
    const std::vector<double>& u = utilities.utility[mover.value];
    const double bar = u[current.value] + utilities.indifference[mover.value];
    std::optional<StateId> best;
    // Moves come in ascending state order, so keeping only strictly better ones breaks ties
    // towards the lowest state number.
    space.ForEachMove(mover, current, [&](StateId t) {
      if (u[t.value] > bar && (!best || u[t.value] > u[best->value])) best = t;
    });
    if (best) {
      current = *best;
      result.path.push_back(current);
      result.movers.push_back(turn);
      passes = 0;
    } else {
      ++passes;
    }
    turn = (turn + 1) % n;
  }
}

Result<std::vector<StateId>> ImprovementEvolution(const StateSpace& space,
                                                  const UtilityTable& utilities,
                                                  std::span<const ActorIndex> deciders,
                                                  StateId from, std::stop_token stop) {
  if (from.value >= space.size()) return Error::InvalidArgument("state out of range");
  // Any sequence of improvements counts here; by the composition argument in stability.cpp
  // that reaches the same states as sequences where no decider moves twice in a row.
  // A decider with many options has 2^options moves per state to scan; for those the sparse
  // stand-in of MoveGroups, which reaches the same states, costs a sort once instead.
  std::vector<std::optional<internal::MoveGroups>> groups(deciders.size());
  for (std::size_t d = 0; d < deciders.size(); ++d) {
    const int options = std::popcount(space.layout().owned[deciders[d].value]);
    if (options > kEnumeratedOptions && space.size() > (std::size_t{1} << kEnumeratedOptions)) {
      if (stop.stop_requested()) return Error::Cancelled("status-quo analysis cancelled");
      groups[d].emplace(space, deciders[d], utilities.utility[deciders[d].value],
                        utilities.indifference[deciders[d].value]);
    }
  }
  std::vector<bool> reached(space.size(), false);
  std::vector<std::uint32_t> queue{from.value};
  reached[from.value] = true;
  auto visit = [&](std::uint32_t t) {
    if (!reached[t]) {
      reached[t] = true;
      queue.push_back(t);
    }
  };
  for (std::size_t head = 0; head < queue.size(); ++head) {
    if ((head & 4095u) == 0 && stop.stop_requested()) {
      return Error::Cancelled("status-quo analysis cancelled");
    }
    const StateId x{queue[head]};
    for (std::size_t d = 0; d < deciders.size(); ++d) {
      if (groups[d]) {
        groups[d]->ForEachImprovement(x.value, visit);
        continue;
      }
      const ActorIndex j = deciders[d];
      const std::vector<double>& u = utilities.utility[j.value];
      const double bar = u[x.value] + utilities.indifference[j.value];
      space.ForEachMove(j, x, [&](StateId t) {
        if (u[t.value] > bar) visit(t.value);
      });
    }
  }
  std::sort(queue.begin(), queue.end());
  std::vector<StateId> states;
  states.reserve(queue.size());
  for (std::uint32_t s : queue) states.push_back(StateId{s});
  return states;
}

Result<StatusQuoAnalysis> AnalyzeStatusQuo(const CompiledCase& compiled,
                                           const StabilityReport& report, std::stop_token stop) {
  const CaseDefinition& definition = compiled.definition;
  if (report.state_count() != compiled.space.size()) {
    return Error::InvalidArgument("stability report does not match the case's states");
  }
  const std::optional<StateId> status_quo = compiled.space.Find(definition.status_quo);
  if (!status_quo) {
    return Error::InvalidArgument("status quo " + definition.PatternOf(definition.status_quo) +
                                  " is not a feasible state")
        .At(definition.status_quo_where);
  }
  const std::vector<ActorIndex> deciders = definition.Deciders();
  StatusQuoAnalysis analysis;
  analysis.status_quo = *status_quo;
  MEND_TRY(analysis.evolution,
           ImprovementEvolution(compiled.space, compiled.utilities, deciders, *status_quo, stop));
  for (StabilityConcept c : report.concepts()) {
    std::vector<StateId> reachable;
    for (StateId s : analysis.evolution) {
      if (report.IsEquilibrium(c, s)) reachable.push_back(s);
    }
    analysis.reachable_equilibria.emplace_back(c, std::move(reachable));
  }
  MEND_TRY(analysis.dynamics,
           BestResponseDynamics(compiled.space, compiled.utilities, deciders, *status_quo, stop));
  if (definition.explicit_default) {
    const std::optional<StateId> fixed = compiled.space.Find(*definition.explicit_default);
    if (!fixed) {
      return Error::InvalidArgument("default " +
                                    definition.PatternOf(*definition.explicit_default) +
                                    " is not a feasible state")
          .At(definition.default_where);
    }
    analysis.explicit_default = true;
    analysis.default_state = *fixed;
  } else {
    analysis.default_state = analysis.dynamics.end;
  }
  return analysis;
}

}  // namespace mend
