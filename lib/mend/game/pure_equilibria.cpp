// SPDX-License-Identifier: Apache-2.0
#include "mend/game/pure_equilibria.hpp"

#include <cstdint>

namespace mend {

Result<std::vector<PureEquilibrium>> FindPureEquilibria(const NormalFormGame& game,
                                                        std::stop_token stop) {
  const std::uint64_t profiles = game.profile_count();
  const std::size_t players = game.player_count();
  // candidate[profile]: 1 while every player examined so far best-responds in the profile.
  std::vector<std::uint8_t> candidate(profiles, 1);
  for (std::size_t player = 0; player < players; ++player) {
    if (stop.stop_requested()) return Error::Cancelled("pure equilibria: cancelled");
    const std::uint64_t stride = game.stride(player);
    const std::uint64_t count = game.strategy_count(player);
    const std::uint64_t block = stride * count;
    // Each opponent profile is one (outer, inner) pair; its profiles are base + k * stride.
    for (std::uint64_t outer = 0; outer < profiles; outer += block) {
      for (std::uint64_t inner = 0; inner < stride; ++inner) {
        const std::uint64_t base = outer + inner;
        const Rational* best = &game.payoff(base, player);
        for (std::uint64_t k = 1; k < count; ++k) {
          const Rational& value = game.payoff(base + k * stride, player);
          if (cmp(value, *best) > 0) best = &value;
        }
        for (std::uint64_t k = 0; k < count; ++k) {
          const std::uint64_t profile = base + k * stride;
          if (cmp(game.payoff(profile, player), *best) != 0) candidate[profile] = 0;
        }
      }
    }
  }
  std::vector<PureEquilibrium> equilibria;
  for (std::uint64_t profile = 0; profile < profiles; ++profile) {
    if (candidate[profile] == 0) continue;
    PureEquilibrium equilibrium;
    equilibrium.profile = game.ProfileStrategies(profile);
    for (std::size_t player = 0; player < players; ++player) {
      equilibrium.payoffs.push_back(game.payoff(profile, player));
    }
    equilibria.push_back(std::move(equilibrium));
  }
  return equilibria;
}

}  // namespace mend
