// SPDX-License-Identifier: Apache-2.0
//
// Literal reference implementations of equilibria, written separately from lib/mend/game and
// as plainly as possible, to check the library against: pure equilibria by testing every
// deviation of every profile, and mixed equilibria of two-player games by support enumeration
// over supports of equal size, solving the indifference equations in exact rationals.
#pragma once

#include <cstddef>
#include <vector>

#include "mend/game/normal_form_game.hpp"

namespace mend::testkit {

/// Every pure profile where no player has a strictly better unilateral deviation, in profile
/// order; each entry holds one strategy index per player.
std::vector<std::vector<std::size_t>> ReferencePureEquilibria(const NormalFormGame& game);

/// Every equilibrium (x, y) of a two-player game whose supports have equal size, found by
/// solving the indifference equations for each pair of supports. For a nondegenerate game this
/// is every equilibrium. Returned as {x, y}, deduplicated, in no particular order.
std::vector<std::vector<std::vector<Rational>>> ReferenceSupportEnumeration(
    const NormalFormGame& game);

/// Every extreme equilibrium of a two-player game, by brute force: each vertex of each
/// best-response polytope is found by solving every choice of tight constraints, and the
/// completely labelled vertex pairs are normalised. Returned as {x, y}, deduplicated.
std::vector<std::vector<std::vector<Rational>>> ReferenceExtremeEquilibria(
    const NormalFormGame& game);

/// Returns true if (x, y) is a Nash equilibrium: no pure strategy earns either player more.
bool IsMixedEquilibrium(const NormalFormGame& game, const std::vector<Rational>& x,
                        const std::vector<Rational>& y);

}  // namespace mend::testkit
