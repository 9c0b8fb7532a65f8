// SPDX-License-Identifier: Apache-2.0
//
// Mixed Nash equilibria of a two-player normal-form game, exact: every extreme equilibrium,
// found as the completely labelled vertex pairs of the two best-response polytopes (Mangasarian
// 1964; Avis, Rosenberg, Savani & von Stengel, Economic Theory 42, 2010). In a nondegenerate
// game these are all its equilibria; in a degenerate one every equilibrium is a convex
// combination of extreme ones, and the result says the game is degenerate.
//
// Example:
//   MEND_TRY(MixedEquilibria found, FindMixedEquilibria(game));
//   for (const MixedEquilibrium& e : found.equilibria) use(e.profile[0], e.profile[1]);
//   if (found.degenerate) warn("extreme equilibria only");
#pragma once

#include <cstdint>
#include <stop_token>
#include <vector>

#include "mend/core/result.hpp"
#include "mend/game/normal_form_game.hpp"

namespace mend {

/// A mixed-strategy equilibrium: profile[player][strategy] is a probability; payoffs are the
/// expected payoffs of the two players.
struct MixedEquilibrium {
  std::vector<std::vector<Rational>> profile;
  std::vector<Rational> payoffs;

  friend bool operator==(const MixedEquilibrium&, const MixedEquilibrium&) = default;
};

struct MixedEquilibria {
  /// Every extreme equilibrium, pure ones included, sorted by the first player's probabilities
  /// and then the second's (lexicographically, as rationals).
  std::vector<MixedEquilibrium> equilibria;
  /// True when some mixed strategy with k strategies in its support has more than k pure best
  /// responses (von Stengel 2002, Definition 3.2); the equilibria are then the extreme ones.
  bool degenerate = false;
};

struct MixedOptions {
  /// Simplex bases a best-response polytope may have before the search gives up. A nondegenerate
  /// polytope has one basis per vertex; a very degenerate one (many tied payoffs) many more.
  std::uint64_t max_bases = 2'000'000;
};

/// Finds every extreme mixed Nash equilibrium of a two-player game in exact rationals.
/// Cost: proportional to the bases of the two best-response polytopes (at most exponential in
/// min(m, n); a random 10x10 game has 1,000 to 1,500) times m*n per pivot, plus one label test
/// per vertex pair. Deterministic. Fails with kInvalidArgument when the game does not have
/// exactly two players or exceeds options.max_bases, and with kCancelled if `stop` is requested.
[[nodiscard]] Result<MixedEquilibria> FindMixedEquilibria(const NormalFormGame& game,
                                                          const MixedOptions& options = {},
                                                          std::stop_token stop = {});

}  // namespace mend
