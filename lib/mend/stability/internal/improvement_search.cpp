// SPDX-License-Identifier: Apache-2.0
#include "mend/stability/internal/improvement_search.hpp"

#include <bit>
#include <limits>

namespace mend::internal {

Result<std::vector<StateId>> ReachByImprovements(std::span<const MoveGroups* const> groups,
                                                 std::size_t state_count, StateId from,
                                                 std::stop_token stop) {
  if (from.value >= state_count) return Error::InvalidArgument("state out of range");
  std::vector<std::vector<std::uint32_t>> covered;
  covered.reserve(groups.size());
  for (const MoveGroups* g : groups) covered.push_back(g->SubgroupEnds());
  const std::size_t words = (state_count + 63) / 64;
  std::vector<std::uint64_t> reached(words, 0);
  std::vector<std::uint64_t> pending(words, 0);
  reached[from.value / 64] = pending[from.value / 64] = std::uint64_t{1} << (from.value % 64);
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::size_t sweep_start = from.value / 64;
  std::uint64_t processed = 0;
  // Each sweep takes the pending states in ascending order; one found behind the sweep waits
  // for the next sweep, one ahead of it (or in the current word) is taken in this one.
  while (sweep_start != kNone) {
    std::size_t next_start = kNone;
    for (std::size_t w = sweep_start; w < words; ++w) {
      while (pending[w] != 0) {
        const auto bit = static_cast<std::uint32_t>(std::countr_zero(pending[w]));
        pending[w] &= pending[w] - 1;
        const auto x = static_cast<std::uint32_t>(w * 64 + bit);
        if ((++processed & 4095u) == 0 && stop.stop_requested()) {
          return Error::Cancelled("status-quo analysis cancelled");
        }
        for (std::size_t d = 0; d < groups.size(); ++d) {
          groups[d]->ForEachNewImprovement(x, covered[d], [&](std::uint32_t y) {
            const std::size_t word = y / 64;
            const std::uint64_t mask = std::uint64_t{1} << (y % 64);
            if ((reached[word] & mask) != 0) return;
            reached[word] |= mask;
            pending[word] |= mask;
            if (word < w && word < next_start) next_start = word;
          });
        }
      }
    }
    sweep_start = next_start;
  }
  std::vector<StateId> states;
  for (std::size_t w = 0; w < words; ++w) {
    for (std::uint64_t bits = reached[w]; bits != 0; bits &= bits - 1) {
      states.push_back(StateId{static_cast<std::uint32_t>(w * 64 + std::countr_zero(bits))});
    }
  }
  return states;
}

}  // namespace mend::internal
