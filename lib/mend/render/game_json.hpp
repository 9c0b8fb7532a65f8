// SPDX-License-Identifier: Apache-2.0
//
// `mend game --format json`: {title, players, strategies, pure, mixed, degenerate}. Strategies
// are named; equilibria give strategy indices (pure, 0-based) or probabilities (mixed), and
// every payoff and probability is an exact "p/q" string. Keys keep a fixed order.
//
// Example:
//   std::string json = GameJson(game, &pure, &mixed);   // either pointer may be null
#pragma once

#include <string>
#include <vector>

#include "mend/game/mixed_equilibria.hpp"
#include "mend/game/normal_form_game.hpp"
#include "mend/game/pure_equilibria.hpp"

namespace mend {

/// Renders the game's players and strategies and whichever equilibria are given (a null pointer
/// leaves out that key; `degenerate` comes with the mixed ones). 1-space indent, trailing newline.
std::string GameJson(const NormalFormGame& game, const std::vector<PureEquilibrium>* pure,
                     const MixedEquilibria* mixed);

}  // namespace mend
