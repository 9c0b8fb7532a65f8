// SPDX-License-Identifier: Apache-2.0
#include "brute_force_stability.hpp"

#include <deque>
#include <set>
#include <utility>

namespace mend::testkit {

BruteForceStability::BruteForceStability(const StateSpace& space, const UtilityTable& utilities,
                                         std::span<const ActorIndex> deciders, SanctionRule rule)
    : space_(space),
      utilities_(utilities),
      deciders_(deciders.begin(), deciders.end()),
      rule_(rule) {
  moves_.resize(space.layout().owned.size());
  for (std::uint32_t a = 0; a < moves_.size(); ++a) {
    for (std::uint32_t s = 0; s < space.size(); ++s)
      moves_[a].push_back(ScanMoves(ActorIndex{a}, StateId{s}));
  }
}

std::vector<StateId> BruteForceStability::ScanMoves(ActorIndex actor, StateId from) const {
  const OptionLayout& layout = space_.layout();
  const StateCode owned = layout.owned[actor.value];
  const StateCode s = space_.code(from);
  std::vector<StateId> moves;
  for (std::uint32_t k = 0; k < space_.size(); ++k) {
    const StateCode t = space_.code(StateId{k});
    if (t == s || ((t ^ s) & ~owned) != 0) continue;
    const bool undoes_forward = (s & layout.forward_irreversible & ~t) != 0;
    const bool undoes_backward = (~s & layout.backward_irreversible & t) != 0;
    if (!undoes_forward && !undoes_backward) moves.push_back(StateId{k});
  }
  return moves;
}

std::vector<bool> BruteForceStability::Sanctions(std::size_t focal_position, StateId from,
                                                 bool improvements) const {
  const auto key = std::make_tuple(focal_position, from.value, improvements);
  if (auto it = memo_.find(key); it != memo_.end()) return it->second;
  // Search nodes: (state, tag). Textbook: tag = position of the last mover (n = nobody yet).
  // gmcr-plus: one move of one opponent, so nothing is searched beyond the first move.
  const std::size_t n = deciders_.size();
  std::vector<bool> reached(space_.size(), false);
  std::set<std::pair<std::uint32_t, std::size_t>> seen;
  const std::size_t start_tag = rule_ == SanctionRule::kTextbook ? n : 0;
  std::deque<std::pair<std::uint32_t, std::size_t>> queue{{from.value, start_tag}};
  seen.insert(queue.front());
  while (!queue.empty()) {
    const auto [x, tag] = queue.front();
    queue.pop_front();
    for (std::size_t j = 0; j < n; ++j) {
      if (j == focal_position) continue;
      if (rule_ == SanctionRule::kTextbook && j == tag) continue;
      if (rule_ == SanctionRule::kGmcrPlus && tag != 0) continue;
      const ActorIndex mover = deciders_[j];
      for (StateId t : Moves(mover, StateId{x})) {
        if (improvements && !Prefers(mover, t, StateId{x})) continue;
        reached[t.value] = true;
        const std::size_t next_tag = rule_ == SanctionRule::kTextbook ? j : 1;
        if (seen.insert({t.value, next_tag}).second) queue.emplace_back(t.value, next_tag);
      }
    }
  }
  memo_.emplace(key, reached);
  return reached;
}

bool BruteForceStability::IsStable(StabilityConcept concept_id, std::size_t focal_position,
                                   StateId s) const {
  const ActorIndex i = deciders_[focal_position];
  auto not_preferred = [&](StateId t) { return !Prefers(i, t, s); };
  for (StateId s1 : Moves(i, s)) {
    if (!Prefers(i, s1, s)) continue;
    if (concept_id == StabilityConcept::kNash) return false;
    const std::vector<bool> reach =
        Sanctions(focal_position, s1, concept_id == StabilityConcept::kSeq);
    bool sanctioned = false;
    for (std::uint32_t k = 0; k < space_.size() && !sanctioned; ++k) {
      const StateId s2{k};
      if (!reach[k] || !not_preferred(s2)) continue;
      if (concept_id == StabilityConcept::kSmr) {
        bool all = true;
        for (StateId s3 : Moves(i, s2)) all = all && not_preferred(s3);
        if (!all) continue;
      }
      sanctioned = true;
    }
    if (!sanctioned) return false;
  }
  return true;
}

}  // namespace mend::testkit
