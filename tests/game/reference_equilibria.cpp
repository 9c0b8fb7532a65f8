// SPDX-License-Identifier: Apache-2.0
#include "reference_equilibria.hpp"

#include <algorithm>
#include <optional>

namespace mend::testkit {
namespace {

// Payoff of `player` when the row player plays i and the column player j.
const Rational& Payoff(const NormalFormGame& game, std::size_t player, std::size_t i,
                       std::size_t j) {
  const std::vector<std::size_t> profile{i, j};
  return game.payoff(game.ProfileIndex(profile), player);
}

// Solves the square system a z = b by Gauss-Jordan elimination; nullopt when singular.
std::optional<std::vector<Rational>> Solve(std::vector<std::vector<Rational>> a,
                                           std::vector<Rational> b) {
  const std::size_t size = b.size();
  for (std::size_t column = 0; column < size; ++column) {
    std::size_t pivot = column;
    while (pivot < size && a[pivot][column] == 0) ++pivot;
    if (pivot == size) return std::nullopt;
    std::swap(a[pivot], a[column]);
    std::swap(b[pivot], b[column]);
    for (std::size_t row = 0; row < size; ++row) {
      if (row == column || a[row][column] == 0) continue;
      const Rational factor = a[row][column] / a[column][column];
      for (std::size_t k = column; k < size; ++k) a[row][k] -= factor * a[column][k];
      b[row] -= factor * b[column];
    }
  }
  std::vector<Rational> z(size);
  for (std::size_t k = 0; k < size; ++k) z[k] = b[k] / a[k][k];
  return z;
}

std::vector<std::vector<std::size_t>> Subsets(std::size_t count, std::size_t size) {
  std::vector<std::vector<std::size_t>> result;
  for (unsigned mask = 0; mask < (1U << count); ++mask) {
    if (static_cast<std::size_t>(__builtin_popcount(mask)) != size) continue;
    std::vector<std::size_t> subset;
    for (std::size_t k = 0; k < count; ++k) {
      if ((mask >> k) & 1U) subset.push_back(k);
    }
    result.push_back(subset);
  }
  return result;
}

// The strategy of `mover` (over `own` strategies, support `own_support`) that makes the other
// player indifferent among `other_support`: unknowns p_s (s in own_support) and the value v.
std::optional<std::vector<Rational>> IndifferenceStrategy(
    const NormalFormGame& game, std::size_t mover, const std::vector<std::size_t>& own_support,
    const std::vector<std::size_t>& other_support) {
  const std::size_t k = own_support.size();
  const std::size_t other = 1 - mover;
  std::vector<std::vector<Rational>> a(k + 1, std::vector<Rational>(k + 1));
  std::vector<Rational> b(k + 1);
  for (std::size_t e = 0; e < k; ++e) {
    for (std::size_t s = 0; s < k; ++s) {
      const std::size_t own = own_support[s];
      const std::size_t theirs = other_support[e];
      a[e][s] = mover == 0 ? Payoff(game, other, own, theirs) : Payoff(game, other, theirs, own);
    }
    a[e][k] = -1;  // ... - v = 0
  }
  for (std::size_t s = 0; s < k; ++s) a[k][s] = 1;
  b[k] = 1;
  std::optional<std::vector<Rational>> solution = Solve(a, b);
  if (!solution) return std::nullopt;
  std::vector<Rational> strategy(game.strategy_count(mover), Rational(0));
  for (std::size_t s = 0; s < k; ++s) {
    if ((*solution)[s] < 0) return std::nullopt;
    strategy[own_support[s]] = (*solution)[s];
  }
  return strategy;
}

Rational Expected(const NormalFormGame& game, std::size_t player, const std::vector<Rational>& x,
                  const std::vector<Rational>& y) {
  Rational total = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    for (std::size_t j = 0; j < y.size(); ++j) total += x[i] * y[j] * Payoff(game, player, i, j);
  }
  return total;
}

// The vertices (except 0) of {z >= 0 : M z <= 1} with their label sets: coordinate k zero gives
// label coordinate_labels[k], row r tight gives row_labels[r].
struct BruteVertex {
  std::vector<Rational> z;
  std::vector<std::size_t> labels;
};

std::vector<BruteVertex> BruteForceVertices(const std::vector<std::vector<Rational>>& matrix,
                                            const std::vector<std::size_t>& coordinate_labels,
                                            const std::vector<std::size_t>& row_labels) {
  const std::size_t dimension = coordinate_labels.size();
  const std::size_t constraints = dimension + matrix.size();
  std::vector<BruteVertex> result;
  for (const auto& tight : Subsets(constraints, dimension)) {
    std::vector<std::vector<Rational>> a;
    std::vector<Rational> b;
    for (std::size_t c : tight) {
      std::vector<Rational> row(dimension, Rational(0));
      if (c < dimension) {
        row[c] = 1;
        b.push_back(0);
      } else {
        row = matrix[c - dimension];
        b.push_back(1);
      }
      a.push_back(row);
    }
    std::optional<std::vector<Rational>> z = Solve(a, b);
    if (!z) continue;
    bool feasible = true;
    bool origin = true;
    for (const Rational& value : *z) {
      feasible = feasible && value >= 0;
      origin = origin && value == 0;
    }
    BruteVertex vertex{*z, {}};
    for (std::size_t k = 0; k < dimension; ++k) {
      if ((*z)[k] == 0) vertex.labels.push_back(coordinate_labels[k]);
    }
    for (std::size_t r = 0; r < matrix.size(); ++r) {
      Rational total = 0;
      for (std::size_t k = 0; k < dimension; ++k) total += matrix[r][k] * (*z)[k];
      feasible = feasible && total <= 1;
      if (total == 1) vertex.labels.push_back(row_labels[r]);
    }
    if (!feasible || origin) continue;
    const bool known = std::any_of(result.begin(), result.end(),
                                   [&](const BruteVertex& v) { return v.z == vertex.z; });
    if (!known) result.push_back(vertex);
  }
  return result;
}

std::vector<Rational> Normalise(std::vector<Rational> z) {
  Rational total = 0;
  for (const Rational& value : z) total += value;
  for (Rational& value : z) value /= total;
  return z;
}

}  // namespace

std::vector<std::vector<std::vector<Rational>>> ReferenceExtremeEquilibria(
    const NormalFormGame& game) {
  const std::size_t m = game.strategy_count(0);
  const std::size_t n = game.strategy_count(1);
  // Shift both payoff tables to at least 1, as equilibria do not change.
  Rational low_a = Payoff(game, 0, 0, 0);
  Rational low_b = Payoff(game, 1, 0, 0);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      low_a = std::min(low_a, Payoff(game, 0, i, j));
      low_b = std::min(low_b, Payoff(game, 1, i, j));
    }
  }
  std::vector<std::vector<Rational>> a(m, std::vector<Rational>(n));   // A, m x n
  std::vector<std::vector<Rational>> bt(n, std::vector<Rational>(m));  // B transposed, n x m
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      a[i][j] = Payoff(game, 0, i, j) - low_a + 1;
      bt[j][i] = Payoff(game, 1, i, j) - low_b + 1;
    }
  }
  std::vector<std::size_t> row_strategies(m);
  std::vector<std::size_t> column_strategies(n);
  for (std::size_t i = 0; i < m; ++i) row_strategies[i] = i;
  for (std::size_t j = 0; j < n; ++j) column_strategies[j] = m + j;
  const auto xs = BruteForceVertices(bt, row_strategies, column_strategies);
  const auto ys = BruteForceVertices(a, column_strategies, row_strategies);
  std::vector<std::vector<std::vector<Rational>>> result;
  for (const auto& x : xs) {
    for (const auto& y : ys) {
      std::vector<bool> has(m + n, false);
      for (std::size_t label : x.labels) has[label] = true;
      for (std::size_t label : y.labels) has[label] = true;
      if (std::find(has.begin(), has.end(), false) != has.end()) continue;
      result.push_back({Normalise(x.z), Normalise(y.z)});
    }
  }
  return result;
}

std::vector<std::vector<std::size_t>> ReferencePureEquilibria(const NormalFormGame& game) {
  std::vector<std::vector<std::size_t>> result;
  for (std::uint64_t profile = 0; profile < game.profile_count(); ++profile) {
    const std::vector<std::size_t> strategies = game.ProfileStrategies(profile);
    bool stable = true;
    for (std::size_t player = 0; player < game.player_count() && stable; ++player) {
      for (std::size_t other = 0; other < game.strategy_count(player) && stable; ++other) {
        std::vector<std::size_t> deviation = strategies;
        deviation[player] = other;
        if (game.payoff(game.ProfileIndex(deviation), player) > game.payoff(profile, player)) {
          stable = false;
        }
      }
    }
    if (stable) result.push_back(strategies);
  }
  return result;
}

bool IsMixedEquilibrium(const NormalFormGame& game, const std::vector<Rational>& x,
                        const std::vector<Rational>& y) {
  const Rational row_value = Expected(game, 0, x, y);
  const Rational column_value = Expected(game, 1, x, y);
  for (std::size_t i = 0; i < x.size(); ++i) {
    std::vector<Rational> pure(x.size(), Rational(0));
    pure[i] = 1;
    if (Expected(game, 0, pure, y) > row_value) return false;
  }
  for (std::size_t j = 0; j < y.size(); ++j) {
    std::vector<Rational> pure(y.size(), Rational(0));
    pure[j] = 1;
    if (Expected(game, 1, x, pure) > column_value) return false;
  }
  return true;
}

std::vector<std::vector<std::vector<Rational>>> ReferenceSupportEnumeration(
    const NormalFormGame& game) {
  const std::size_t m = game.strategy_count(0);
  const std::size_t n = game.strategy_count(1);
  std::vector<std::vector<std::vector<Rational>>> result;
  for (std::size_t k = 1; k <= std::min(m, n); ++k) {
    for (const auto& rows : Subsets(m, k)) {
      for (const auto& columns : Subsets(n, k)) {
        // x makes the column player indifferent on `columns`; y the row player on `rows`.
        std::optional<std::vector<Rational>> x = IndifferenceStrategy(game, 0, rows, columns);
        if (!x) continue;
        std::optional<std::vector<Rational>> y = IndifferenceStrategy(game, 1, columns, rows);
        if (!y) continue;
        if (!IsMixedEquilibrium(game, *x, *y)) continue;
        std::vector<std::vector<Rational>> equilibrium{*x, *y};
        if (std::find(result.begin(), result.end(), equilibrium) == result.end()) {
          result.push_back(equilibrium);
        }
      }
    }
  }
  return result;
}

}  // namespace mend::testkit
