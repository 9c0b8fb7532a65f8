// SPDX-License-Identifier: Apache-2.0
#include "reference_status_quo.hpp"

#include <algorithm>
#include <bit>
#include <optional>

#include "mend/stability/internal/move_groups.hpp"

namespace mend::testkit {
namespace {

// Deciders with more options than this get MoveGroups in the improvement evolution.
constexpr int kEnumeratedOptions = 6;

}  // namespace

std::vector<StateId> ReferenceImprovementEvolution(const StateSpace& space,
                                                   const UtilityTable& utilities,
                                                   std::span<const ActorIndex> deciders,
                                                   StateId from) {
  std::vector<std::optional<internal::MoveGroups>> groups(deciders.size());
  for (std::size_t d = 0; d < deciders.size(); ++d) {
    const int options = std::popcount(space.layout().owned[deciders[d].value]);
    if (options > kEnumeratedOptions && space.size() > (std::size_t{1} << kEnumeratedOptions)) {
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

}  // namespace mend::testkit
