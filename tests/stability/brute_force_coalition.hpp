// SPDX-License-Identifier: Apache-2.0
//
// A deliberately literal implementation of coalitional stability (docs/stability.md), for
// checking lib/mend/stability/coalition.cpp: every decider's moves are listed explicitly by
// comparing every pair of feasible states, legal sequences are found by iterating to a fixed
// point over (state, last mover) pairs, and each concept is its definition written out with
// all_of / any_of over those sets. Slow on purpose.
//
// Example:
//   testkit::BruteForceCoalitions brute(space, utilities, deciders);
//   bool gmr = brute.IsStable(StabilityConcept::kGmr, {ActorIndex{0}, ActorIndex{2}}, StateId{3});
#pragma once

#include <map>
#include <set>
#include <span>
#include <vector>

#include "mend/stability/coalition.hpp"

namespace mend::testkit {

class BruteForceCoalitions {
 public:
  BruteForceCoalitions(const StateSpace& space, const UtilityTable& utilities,
                       std::span<const ActorIndex> deciders);

  /// Coalitional stability of `state` for `coalition` under the concept, from the definitions.
  bool IsStable(StabilityConcept concept_id, const CoalitionMembers& coalition,
                StateId state) const;

  /// R_H(s) (or, with `improvements`, sequences of unilateral improvements) for the movers.
  std::set<std::uint32_t> Reach(const std::vector<ActorIndex>& movers, std::uint32_t start,
                                bool improvements) const;

 private:
  bool Prefers(ActorIndex actor, std::uint32_t t, std::uint32_t s) const {
    return utilities_.utility[actor.value][t] >
           utilities_.utility[actor.value][s] + utilities_.indifference[actor.value];
  }

  const StateSpace& space_;
  const UtilityTable& utilities_;
  std::vector<ActorIndex> deciders_;
  // Explicit move lists: for each actor, every (from, to) pair of a unilateral move.
  std::map<std::uint32_t, std::vector<std::pair<std::uint32_t, std::uint32_t>>> move_list_;
};

}  // namespace mend::testkit
