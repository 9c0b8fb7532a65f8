// SPDX-License-Identifier: Apache-2.0
#include "mend/game/mixed_equilibria.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "mend/game/internal/vertex_enumeration.hpp"

namespace mend {
namespace {

// The payoff matrix of `player` as rows (player 0's strategies) x columns (player 1's), shifted
// so that every entry is at least 1: equilibria do not change, and the polytopes are bounded.
std::vector<std::vector<Rational>> ShiftedPayoffs(const NormalFormGame& game, std::size_t player) {
  const std::size_t m = game.strategy_count(0);
  const std::size_t n = game.strategy_count(1);
  Rational lowest = game.payoff(0, player);
  for (std::uint64_t profile = 1; profile < game.profile_count(); ++profile) {
    if (game.payoff(profile, player) < lowest) lowest = game.payoff(profile, player);
  }
  const Rational shift = Rational(1) - lowest;
  std::vector<std::vector<Rational>> matrix(m, std::vector<Rational>(n));
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      matrix[i][j] = game.payoff(i + j * m, player) + shift;
    }
  }
  return matrix;
}

std::vector<std::vector<Rational>> Transposed(const std::vector<std::vector<Rational>>& matrix) {
  std::vector<std::vector<Rational>> result(matrix.front().size(),
                                            std::vector<Rational>(matrix.size()));
  for (std::size_t i = 0; i < matrix.size(); ++i) {
    for (std::size_t j = 0; j < matrix[i].size(); ++j) result[j][i] = matrix[i][j];
  }
  return result;
}

std::vector<Rational> Normalised(const std::vector<Rational>& coordinates) {
  Rational total = 0;
  for (const Rational& value : coordinates) total += value;
  std::vector<Rational> result;
  result.reserve(coordinates.size());
  for (const Rational& value : coordinates) result.push_back(value / total);
  return result;
}

bool LexicographicallyLess(const std::vector<Rational>& a, const std::vector<Rational>& b) {
  for (std::size_t k = 0; k < a.size() && k < b.size(); ++k) {
    const int order = cmp(a[k], b[k]);
    if (order != 0) return order < 0;
  }
  return a.size() < b.size();
}

Rational ExpectedPayoff(const NormalFormGame& game, std::size_t player,
                        const std::vector<Rational>& x, const std::vector<Rational>& y) {
  const std::size_t m = x.size();
  Rational total = 0;
  for (std::size_t i = 0; i < m; ++i) {
    if (sgn(x[i]) == 0) continue;
    for (std::size_t j = 0; j < y.size(); ++j) {
      if (sgn(y[j]) == 0) continue;
      total += x[i] * y[j] * game.payoff(i + j * m, player);
    }
  }
  return total;
}

}  // namespace

Result<MixedEquilibria> FindMixedEquilibria(const NormalFormGame& game, const MixedOptions& options,
                                            std::stop_token stop) {
  if (game.player_count() != 2) {
    return Error::InvalidArgument(
        fmt::format("mixed equilibria are computed for two players; the game has {}; expected "
                    "a two-player game (use pure equilibria for more)",
                    game.player_count()));
  }
  if (stop.stop_requested()) return Error::Cancelled("mixed equilibria: cancelled");
  const std::size_t m = game.strategy_count(0);
  const std::size_t n = game.strategy_count(1);
  const std::vector<std::vector<Rational>> row_payoffs = ShiftedPayoffs(game, 0);     // A
  const std::vector<std::vector<Rational>> column_payoffs = ShiftedPayoffs(game, 1);  // B
  // P = {x >= 0 : B^T x <= 1}: label i when x_i = 0, label m + j when column j is a best
  // response. Q = {y >= 0 : A y <= 1}: label m + j when y_j = 0, label i when row i is one.
  const internal::PolytopeLabels p_labels{m + n, 0, m};
  const internal::PolytopeLabels q_labels{m + n, m, 0};
  MEND_TRY(
      std::vector<internal::PolytopeVertex> p_vertices,
      internal::EnumerateVertices(Transposed(column_payoffs), p_labels, options.max_bases, stop));
  MEND_TRY(std::vector<internal::PolytopeVertex> q_vertices,
           internal::EnumerateVertices(row_payoffs, q_labels, options.max_bases, stop));

  MixedEquilibria result;
  for (const auto& vertex : p_vertices) result.degenerate |= vertex.label_count > m;
  for (const auto& vertex : q_vertices) result.degenerate |= vertex.label_count > n;

  internal::LabelSet all((m + n + 63) / 64, 0);
  for (std::size_t label = 0; label < m + n; ++label) {
    all[label / 64] |= std::uint64_t{1} << (label % 64);
  }
  for (const auto& x : p_vertices) {
    if (stop.stop_requested()) return Error::Cancelled("mixed equilibria: cancelled");
    for (const auto& y : q_vertices) {
      bool complete = true;
      for (std::size_t w = 0; w < all.size() && complete; ++w) {
        complete = (x.labels[w] | y.labels[w]) == all[w];
      }
      if (!complete) continue;
      MixedEquilibrium equilibrium;
      equilibrium.profile = {Normalised(x.coordinates), Normalised(y.coordinates)};
      equilibrium.payoffs = {
          ExpectedPayoff(game, 0, equilibrium.profile[0], equilibrium.profile[1]),
          ExpectedPayoff(game, 1, equilibrium.profile[0], equilibrium.profile[1])};
      result.equilibria.push_back(std::move(equilibrium));
    }
  }
  std::sort(result.equilibria.begin(), result.equilibria.end(),
            [](const MixedEquilibrium& a, const MixedEquilibrium& b) {
              if (LexicographicallyLess(a.profile[0], b.profile[0])) return true;
              if (LexicographicallyLess(b.profile[0], a.profile[0])) return false;
              return LexicographicallyLess(a.profile[1], b.profile[1]);
            });
  return result;
}

}  // namespace mend
