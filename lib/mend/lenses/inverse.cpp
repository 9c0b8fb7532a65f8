// SPDX-License-Identifier: Apache-2.0
//
// The inverse analysis (docs/analyses.md, "Bridge"): which preferences each decider must hold
// for a target state to be stable for it. It reads the stability definitions backwards: under
// Nash every unilateral move must be no better than the target; under GMR and SEQ a move may be
// better if some response of the others leaves the decider no better off than the target.
#include <deque>

#include "mend/lenses/bridge.hpp"

namespace mend {
namespace {

// The states the deciders other than `focal` reach from `from` by legal sequences of one or
// more moves (improvements when `improvements_only`), no decider moving twice in a row: a
// breadth-first search over (state, last mover), ascending.
std::vector<StateId> OthersReach(const CompiledCase& compiled, std::span<const ActorIndex> deciders,
                                 std::size_t focal, StateId from, bool improvements_only) {
  const std::size_t positions = deciders.size();
  const std::size_t none = positions;  // "nobody has moved yet"
  std::vector<std::uint8_t> seen(compiled.space.size() * (positions + 1), 0);
  std::vector<std::uint8_t> reached(compiled.space.size(), 0);
  std::deque<std::pair<StateId, std::size_t>> queue;
  queue.emplace_back(from, none);
  while (!queue.empty()) {
    const auto [state, last] = queue.front();
    queue.pop_front();
    for (std::size_t p = 0; p < positions; ++p) {
      if (p == focal || p == last) continue;
      for (StateId next : compiled.space.Moves(deciders[p], state)) {
        if (improvements_only && !compiled.utilities.Prefers(deciders[p], next, state)) continue;
        std::uint8_t& mark = seen[next.value * (positions + 1) + p];
        if (mark != 0) continue;
        mark = 1;
        reached[next.value] = 1;
        queue.emplace_back(next, p);
      }
    }
  }
  std::vector<StateId> out;
  for (std::uint32_t s = 0; s < reached.size(); ++s) {
    if (reached[s] != 0) out.push_back(StateId{s});
  }
  return out;
}

}  // namespace

InverseAnalysis AnalyzeInverse(const CompiledCase& compiled, std::span<const ActorIndex> deciders,
                               StateId target, StabilityConcept concept_id) {
  InverseAnalysis out;
  out.concept_id = concept_id;
  if (concept_id == StabilityConcept::kSmr) return out;
  out.computed = true;
  const UtilityTable& table = compiled.utilities;
  for (std::size_t i = 0; i < deciders.size(); ++i) {
    const ActorIndex actor = deciders[i];
    for (StateId move : compiled.space.Moves(actor, target)) {
      InverseCondition condition;
      condition.actor = actor;
      condition.move = move;
      condition.prefers_target = !table.Prefers(actor, move, target);
      if (concept_id != StabilityConcept::kNash) {
        condition.sanctions =
            OthersReach(compiled, deciders, i, move, concept_id == StabilityConcept::kSeq);
        for (StateId sanction : condition.sanctions) {
          if (!table.Prefers(actor, sanction, target)) condition.deterring.push_back(sanction);
        }
      }
      condition.met = condition.prefers_target || !condition.deterring.empty();
      out.conditions.push_back(std::move(condition));
    }
  }
  return out;
}

}  // namespace mend
