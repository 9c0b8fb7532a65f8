// SPDX-License-Identifier: Apache-2.0
//
// Coalition analysis in the graph model: whether a group of deciders acting together can leave
// a state to one that every member prefers, and whether the deciders outside the group can
// deter it. Coalitional Nash, GMR, SMR and SEQ after Inohara & Hipel, "Coalition analysis in the
// graph model for conflict resolution", Systems Engineering 11(4), 2008, and Kilgour, Hipel, Fang
// & Peng, "Coalition analysis in group decision support", Group Decision and Negotiation 10(2),
// 2001; the definitions mend uses are stated in docs/stability.md. A coalition of one decider
// gives exactly that decider's individual stability (docs/analyses.md).
//
// Example:
//   const auto coalitions = AllCoalitions(compiled.definition.Deciders());
//   MEND_TRY(CoalitionReport report, AnalyzeCoalitions(compiled, coalitions, {}));
//   for (StateId s : report.Equilibria(StabilityConcept::kSeq)) { ... }
#pragma once

#include <cstdint>
#include <span>
#include <stop_token>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/core/result.hpp"
#include "mend/model/state_space.hpp"
#include "mend/stability/stability.hpp"
#include "mend/value/compiled_case.hpp"
#include "mend/value/utility_table.hpp"

namespace mend {

/// The deciders of one coalition, in the order given.
using CoalitionMembers = std::vector<ActorIndex>;

struct CoalitionOptions {
  std::vector<StabilityConcept> concepts = {kAllStabilityConcepts.begin(),
                                            kAllStabilityConcepts.end()};
  /// The analysis keeps every state's coalitional moves; refuse conflicts with more states.
  std::size_t max_states = 4096;
};

/// Per coalition and concept, which states are stable. Coalition positions index `coalitions`.
class CoalitionReport {
 public:
  CoalitionReport() = default;
  CoalitionReport(std::vector<CoalitionMembers> coalitions, std::vector<StabilityConcept> concepts,
                  std::size_t state_count);

  std::span<const CoalitionMembers> coalitions() const { return coalitions_; }
  /// The concepts analysed, in canonical order (Nash, GMR, SMR, SEQ), without repeats.
  std::span<const StabilityConcept> concepts() const { return concepts_; }
  bool Has(StabilityConcept concept_id) const;
  std::size_t state_count() const { return state_count_; }

  /// Returns true when `state` is stable for the coalition at `position` under the concept.
  /// Precondition: the concept was analysed (asserted).
  bool IsStable(StabilityConcept concept_id, std::size_t position, StateId state) const;
  /// Returns the states stable for that coalition, ascending.
  std::vector<StateId> StableStates(StabilityConcept concept_id, std::size_t position) const;
  /// Returns true when `state` is stable for every coalition under the concept.
  bool IsEquilibrium(StabilityConcept concept_id, StateId state) const;
  /// Returns the coalitional equilibria under the concept, ascending.
  std::vector<StateId> Equilibria(StabilityConcept concept_id) const;

  /// Sets a mark (used by the analysis).
  void SetStable(StabilityConcept concept_id, std::size_t position, StateId state);

 private:
  std::vector<CoalitionMembers> coalitions_;
  std::vector<StabilityConcept> concepts_;
  std::size_t state_count_ = 0;
  std::vector<std::vector<std::uint8_t>> marks_;  // [coalition][state], bit k = concept k
};

/// Returns every non-empty subset of `deciders`: by size, then in the deciders' order
/// (singletons first, the grand coalition last). Precondition: at most 16 deciders (asserted);
/// there are 2^n − 1 of them.
std::vector<CoalitionMembers> AllCoalitions(std::span<const ActorIndex> deciders);

/// Computes, for every coalition in `coalitions` and every feasible state, coalitional Nash,
/// GMR, SMR and SEQ stability (docs/stability.md): the coalition H moves by legal sequences of
/// its members' unilateral moves (no member twice in a row) to a state every member strictly
/// prefers; the other deciders N∖H sanction by legal sequences of their unilateral moves (GMR,
/// SMR) or unilateral improvements (SEQ); a sanction deters when some member of H is not better
/// off than at the starting state.
///
/// Complexity: O(states × |H| × moves) per state and coalition for the reachable sets, so about
/// states² × coalitions overall; memory O(states²) per coalition in the worst case. Refused
/// beyond `options.max_states` states. Deterministic.
/// Fails with kInvalidArgument when a coalition is empty, names an actor that is not in
/// `deciders` or names one twice, when `deciders` is empty, or when the space has more states than
/// `options.max_states`; with kCancelled when `stop` is requested (partial results discarded).
[[nodiscard]] Result<CoalitionReport> AnalyzeCoalitions(
    const StateSpace& space, const UtilityTable& utilities, std::span<const ActorIndex> deciders,
    std::span<const CoalitionMembers> coalitions, const CoalitionOptions& options,
    std::stop_token stop = {});

/// The same for a compiled case: its deciders at its central utilities.
[[nodiscard]] Result<CoalitionReport> AnalyzeCoalitions(
    const CompiledCase& compiled, std::span<const CoalitionMembers> coalitions,
    const CoalitionOptions& options, std::stop_token stop = {});

}  // namespace mend
