// SPDX-License-Identifier: Apache-2.0
//
// Exact vertex enumeration of a best-response polytope {z >= 0 : M z <= 1} (M with positive
// entries, so the polytope is bounded), by a depth-first walk over its feasible simplex bases
// that pivots in place and pivots back, in exact integer (fraction-free) arithmetic with GMP.
// Each vertex carries its labels: the coordinates that are zero and the rows that are tight
// (von Stengel, "Computing equilibria for two-person games", Handbook of Game Theory 3, ch. 45,
// section 3).
#pragma once

#include <cstddef>
#include <cstdint>
#include <stop_token>
#include <vector>

#include "mend/core/result.hpp"
#include "mend/game/rational.hpp"

namespace mend::internal {

/// A set of labels 0..63 per word; labels beyond 63 continue in the next word.
using LabelSet = std::vector<std::uint64_t>;

struct PolytopeVertex {
  std::vector<Rational> coordinates;  // unnormalised
  LabelSet labels;
  std::size_t label_count = 0;
};

struct PolytopeLabels {
  std::size_t total = 0;              // labels of the game: players' strategy counts summed
  std::size_t coordinate_offset = 0;  // label of coordinate k is coordinate_offset + k
  std::size_t row_offset = 0;         // label of row r is row_offset + r
};

/// Enumerates every vertex of {z >= 0 : matrix z <= 1} except the origin. `matrix` is
/// rows x columns, row-major, every entry positive. Fails with kInvalidArgument when more than
/// `max_bases` feasible bases would have to be visited (a very degenerate polytope) and with
/// kCancelled when `stop` is requested. Deterministic order.
Result<std::vector<PolytopeVertex>> EnumerateVertices(
    const std::vector<std::vector<Rational>>& matrix, const PolytopeLabels& labels,
    std::uint64_t max_bases, std::stop_token stop);

}  // namespace mend::internal
