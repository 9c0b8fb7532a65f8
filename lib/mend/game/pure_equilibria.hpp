// SPDX-License-Identifier: Apache-2.0
//
// Pure-strategy Nash equilibria of an n-player normal-form game: the profiles where no player
// gains by switching to another of its strategies while the others keep theirs.
//
// Example:
//   MEND_TRY(std::vector<PureEquilibrium> equilibria, FindPureEquilibria(game));
//   for (const PureEquilibrium& e : equilibria) use(e.profile, e.payoffs);
#pragma once

#include <cstddef>
#include <stop_token>
#include <vector>

#include "mend/core/result.hpp"
#include "mend/game/normal_form_game.hpp"

namespace mend {

/// A pure-strategy equilibrium: each player's strategy (0-based) and each player's payoff.
struct PureEquilibrium {
  std::vector<std::size_t> profile;
  std::vector<Rational> payoffs;

  friend bool operator==(const PureEquilibrium&, const PureEquilibrium&) = default;
};

/// Finds every pure-strategy Nash equilibrium (Nash 1951; a profile where each strategy is a
/// best response to the others), in ascending profile number (first player fastest).
/// Cost: O(profiles × players) exact comparisons — for each player, one pass over the profiles
/// finds the best responses to every profile of the others — and one byte per profile.
/// Deterministic. Fails with kCancelled if `stop` is requested (checked between players).
[[nodiscard]] Result<std::vector<PureEquilibrium>> FindPureEquilibria(const NormalFormGame& game,
                                                                      std::stop_token stop = {});

}  // namespace mend
