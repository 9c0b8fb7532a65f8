// SPDX-License-Identifier: Apache-2.0
//
// A deliberately literal implementation of the stability definitions of docs/analyses.md, for
// checking the fast engine: moves are found by scanning every state, and coalition
// reachability is a breadth-first search over (state, last mover) — or, for the gmcr-plus
// rule, the single moves of single opponents. Quadratic and slow on purpose.
//
// Example:
//   testkit::BruteForceStability brute(space, utilities, deciders, SanctionRule::kTextbook);
//   bool gmr = brute.IsStable(StabilityConcept::kGmr, 0, StateId{3});
#pragma once

#include <map>
#include <span>
#include <tuple>
#include <vector>

#include "mend/stability/stability.hpp"

namespace mend::testkit {

class BruteForceStability {
 public:
  BruteForceStability(const StateSpace& space, const UtilityTable& utilities,
                      std::span<const ActorIndex> deciders, SanctionRule rule);

  /// R_i(s) by scanning every feasible state (computed once, in the constructor).
  const std::vector<StateId>& Moves(ActorIndex actor, StateId from) const {
    return moves_[actor.value][from.value];
  }
  /// R_H(s) or R_H⁺(s) for H = every decider but the one at `focal_position`.
  std::vector<bool> Sanctions(std::size_t focal_position, StateId from, bool improvements) const;
  bool IsStable(StabilityConcept concept_id, std::size_t focal_position, StateId state) const;

 private:
  std::vector<StateId> ScanMoves(ActorIndex actor, StateId from) const;
  bool Prefers(ActorIndex actor, StateId t, StateId s) const {
    return utilities_.Prefers(actor, t, s);
  }

  const StateSpace& space_;
  const UtilityTable& utilities_;
  std::vector<ActorIndex> deciders_;
  SanctionRule rule_;
  std::vector<std::vector<std::vector<StateId>>> moves_;  // [actor][state]
  mutable std::map<std::tuple<std::size_t, std::uint32_t, bool>, std::vector<bool>> memo_;
};

}  // namespace mend::testkit
