// SPDX-License-Identifier: Apache-2.0
#include "brute_force_coalition.hpp"

#include <algorithm>

namespace mend::testkit {

BruteForceCoalitions::BruteForceCoalitions(const StateSpace& space, const UtilityTable& utilities,
                                           std::span<const ActorIndex> deciders)
    : space_(space), utilities_(utilities), deciders_(deciders.begin(), deciders.end()) {
  const OptionLayout& layout = space.layout();
  for (ActorIndex actor : deciders_) {
    auto& list = move_list_[actor.value];
    const StateCode owned = layout.owned[actor.value];
    for (std::uint32_t s = 0; s < space.size(); ++s) {
      for (std::uint32_t t = 0; t < space.size(); ++t) {
        if (s == t) continue;
        const StateCode from = space.code(StateId{s});
        const StateCode to = space.code(StateId{t});
        if (((from ^ to) & ~owned) != 0) continue;  // someone else's option changed
        bool legal = true;
        for (int k = 0; k < layout.option_count; ++k) {
          const StateCode bit = StateCode{1} << k;
          const bool was = (from & bit) != 0;
          const bool is = (to & bit) != 0;
          if ((layout.forward_irreversible & bit) && was && !is) legal = false;
          if ((layout.backward_irreversible & bit) && !was && is) legal = false;
        }
        if (legal) list.emplace_back(s, t);
      }
    }
  }
}

std::set<std::uint32_t> BruteForceCoalitions::Reach(const std::vector<ActorIndex>& movers,
                                                    std::uint32_t start, bool improvements) const {
  // (state, index of the last mover); iterate "extend every known sequence by one move of a
  // different mover" until nothing new appears.
  std::set<std::pair<std::uint32_t, std::size_t>> known;
  const std::size_t nobody = movers.size();
  std::set<std::pair<std::uint32_t, std::size_t>> frontier = {{start, nobody}};
  while (!frontier.empty()) {
    std::set<std::pair<std::uint32_t, std::size_t>> next;
    for (const auto& [state, last] : frontier) {
      for (std::size_t m = 0; m < movers.size(); ++m) {
        if (m == last) continue;
        const ActorIndex actor = movers[m];
        for (const auto& [from, to] : move_list_.at(actor.value)) {
          if (from != state) continue;
          if (improvements && !Prefers(actor, to, from)) continue;
          if (known.insert({to, m}).second) next.insert({to, m});
        }
      }
    }
    frontier = std::move(next);
  }
  std::set<std::uint32_t> states;
  for (const auto& [state, last] : known) states.insert(state);
  return states;
}

bool BruteForceCoalitions::IsStable(StabilityConcept concept_id, const CoalitionMembers& coalition,
                                    StateId state) const {
  const std::uint32_t s = state.value;
  std::vector<ActorIndex> others;
  for (ActorIndex d : deciders_) {
    if (std::find(coalition.begin(), coalition.end(), d) == coalition.end()) others.push_back(d);
  }
  // x ≻_H s: every member strictly prefers x.
  auto all_prefer = [&](std::uint32_t x) {
    return std::all_of(coalition.begin(), coalition.end(),
                       [&](ActorIndex i) { return Prefers(i, x, s); });
  };
  std::set<std::uint32_t> coalitional_improvements;
  for (std::uint32_t t : Reach(coalition, s, false)) {
    if (all_prefer(t)) coalitional_improvements.insert(t);
  }
  for (std::uint32_t s1 : coalitional_improvements) {
    bool sanctioned = false;
    switch (concept_id) {
      case StabilityConcept::kNash:
        sanctioned = false;
        break;
      case StabilityConcept::kGmr:
        for (std::uint32_t s2 : Reach(others, s1, false)) {
          if (!all_prefer(s2)) sanctioned = true;
        }
        break;
      case StabilityConcept::kSmr:
        for (std::uint32_t s2 : Reach(others, s1, false)) {
          if (all_prefer(s2)) continue;
          bool no_escape = true;
          for (std::uint32_t s3 : Reach(coalition, s2, false)) {
            if (all_prefer(s3)) no_escape = false;
          }
          if (no_escape) sanctioned = true;
        }
        break;
      case StabilityConcept::kSeq:
        for (std::uint32_t s2 : Reach(others, s1, true)) {
          if (!all_prefer(s2)) sanctioned = true;
        }
        break;
    }
    if (!sanctioned) return false;
  }
  return true;
}

}  // namespace mend::testkit
