// SPDX-License-Identifier: Apache-2.0
#include "mend/stability/status_quo_analysis.hpp"

#include <optional>

#include "mend/stability/internal/engine.hpp"
#include "mend/stability/internal/improvement_search.hpp"
#include "mend/stability/internal/move_groups.hpp"

namespace mend {
namespace {

using internal::MoveGroups;

// Every decider's MoveGroups: one sort of the states per decider.
Result<std::vector<std::optional<MoveGroups>>> BuildGroups(const StateSpace& space,
                                                           const UtilityTable& utilities,
                                                           std::span<const ActorIndex> deciders,
                                                           const std::stop_token& stop) {
  std::vector<std::optional<MoveGroups>> groups(deciders.size());
  for (std::size_t d = 0; d < deciders.size(); ++d) {
    if (stop.stop_requested()) return Error::Cancelled("status-quo analysis cancelled");
    groups[d].emplace(space, deciders[d], utilities.utility[deciders[d].value],
                      utilities.indifference[deciders[d].value]);
  }
  return groups;
}

std::vector<const MoveGroups*> Pointers(const std::vector<std::optional<MoveGroups>>& groups) {
  std::vector<const MoveGroups*> pointers;
  for (const std::optional<MoveGroups>& g : groups) pointers.push_back(&*g);
  return pointers;
}

// The status-quo analysis proper, given the deciders' MoveGroups (in decider order).
Result<StatusQuoAnalysis> AnalyzeWithGroups(const CompiledCase& compiled,
                                            const StabilityReport& report,
                                            std::span<const MoveGroups* const> groups,
                                            const std::stop_token& stop) {
  const CaseDefinition& definition = compiled.definition;
  const std::optional<StateId> status_quo = compiled.space.Find(definition.status_quo);
  if (!status_quo) {
    return Error::InvalidArgument("status quo " + definition.PatternOf(definition.status_quo) +
                                  " is not a feasible state")
        .At(definition.status_quo_where);
  }
  StatusQuoAnalysis analysis;
  analysis.status_quo = *status_quo;
  MEND_TRY(analysis.evolution,
           internal::ReachByImprovements(groups, compiled.space.size(), *status_quo, stop));
  for (StabilityConcept c : report.concepts()) {
    std::vector<StateId> reachable;
    for (StateId s : analysis.evolution) {
      if (report.IsEquilibrium(c, s)) reachable.push_back(s);
    }
    analysis.reachable_equilibria.emplace_back(c, std::move(reachable));
  }
  MEND_TRY(analysis.dynamics,
           internal::WalkBestResponses(
               groups.size(), *status_quo,
               [&](std::size_t turn, StateId x) { return groups[turn]->BestImprovement(x.value); },
               stop));
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

}  // namespace

Result<BestResponsePath> BestResponseDynamics(const StateSpace& space,
                                              const UtilityTable& utilities,
                                              std::span<const ActorIndex> deciders,
                                              StateId status_quo, std::stop_token stop) {
  if (deciders.empty()) return Error::InvalidArgument("best-response dynamics needs deciders");
  if (status_quo.value >= space.size()) return Error::InvalidArgument("status quo out of range");
  // A walk is short next to the states (and this runs once per Monte Carlo sample), so the
  // mover's moves are scanned at each step rather than sorted once for all states.
  return internal::WalkBestResponses(
      deciders.size(), status_quo,
      [&](std::size_t turn, StateId current) {
        const ActorIndex mover = deciders[turn];
        const std::vector<double>& u = utilities.utility[mover.value];
        const double bar = u[current.value] + utilities.indifference[mover.value];
        std::uint32_t best = MoveGroups::kNoMove;
        // Moves come in ascending state order, so keeping only strictly better ones breaks
        // ties towards the lowest state number.
        space.ForEachMove(mover, current, [&](StateId t) {
          if (u[t.value] > bar && (best == MoveGroups::kNoMove || u[t.value] > u[best])) {
            best = t.value;
          }
        });
        return best;
      },
      std::move(stop));
}

Result<std::vector<StateId>> ImprovementEvolution(const StateSpace& space,
                                                  const UtilityTable& utilities,
                                                  std::span<const ActorIndex> deciders,
                                                  StateId from, std::stop_token stop) {
  if (from.value >= space.size()) return Error::InvalidArgument("state out of range");
  MEND_TRY(std::vector<std::optional<MoveGroups>> groups,
           BuildGroups(space, utilities, deciders, stop));
  return internal::ReachByImprovements(Pointers(groups), space.size(), from, std::move(stop));
}

Result<StatusQuoAnalysis> AnalyzeStatusQuo(const CompiledCase& compiled,
                                           const StabilityReport& report, std::stop_token stop) {
  if (report.state_count() != compiled.space.size()) {
    return Error::InvalidArgument("stability report does not match the case's states");
  }
  const std::vector<ActorIndex> deciders = compiled.definition.Deciders();
  MEND_TRY(std::vector<std::optional<MoveGroups>> groups,
           BuildGroups(compiled.space, compiled.utilities, deciders, stop));
  return AnalyzeWithGroups(compiled, report, Pointers(groups), stop);
}

Result<StabilityWithStatusQuo> AnalyzeStabilityAndStatusQuo(const CompiledCase& compiled,
                                                            const StabilityOptions& options,
                                                            std::stop_token stop,
                                                            const ProgressCallback& progress) {
  const std::vector<ActorIndex> deciders = compiled.definition.Deciders();
  MEND_TRY(internal::EngineResult engine,
           internal::RunStabilityEngine(compiled.space, compiled.utilities, deciders, options, stop,
                                        progress));
  MEND_TRY(StatusQuoAnalysis status_quo,
           AnalyzeWithGroups(compiled, engine.report, Pointers(engine.groups), stop));
  return StabilityWithStatusQuo{std::move(engine.report), std::move(status_quo)};
}

}  // namespace mend
