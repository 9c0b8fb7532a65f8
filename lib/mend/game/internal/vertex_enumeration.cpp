// SPDX-License-Identifier: Apache-2.0
#include "mend/game/internal/vertex_enumeration.hpp"

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

namespace mend::internal {
namespace {

// The dictionary of one feasible basis: rows x (columns + rows) coefficients and the right-hand
// side, B^-1 [M | I] and B^-1 1. Variables 0..columns-1 are the coordinates, then one slack per
// row.
class Tableau {
 public:
  Tableau(const std::vector<std::vector<Rational>>& matrix, std::size_t columns)
      : rows_(matrix.size()), variables_(columns + matrix.size()) {
    coefficients_.resize(rows_ * variables_);
    rhs_.assign(rows_, Rational(1));
    basis_.resize(rows_);
    in_basis_.assign(variables_, 0);
    for (std::size_t r = 0; r < rows_; ++r) {
      for (std::size_t c = 0; c < columns; ++c) at(r, c) = matrix[r][c];
      at(r, columns + r) = 1;
      basis_[r] = columns + r;
      in_basis_[columns + r] = 1;
    }
  }

  std::size_t rows() const { return rows_; }
  std::size_t variables() const { return variables_; }
  bool basic(std::size_t variable) const { return in_basis_[variable] != 0; }
  std::size_t basic_variable(std::size_t row) const { return basis_[row]; }
  const Rational& rhs(std::size_t row) const { return rhs_[row]; }
  const Rational& at(std::size_t row, std::size_t variable) const {
    return coefficients_[row * variables_ + variable];
  }

  // The rows whose basic variable may leave when `entering` enters: the minimum ratio
  // rhs / coefficient over positive coefficients; several rows on a tie (a degenerate vertex).
  std::vector<std::size_t> LeavingRows(std::size_t entering) const {
    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < rows_; ++r) {
      const Rational& a = at(r, entering);
      if (sgn(a) <= 0) continue;
      if (rows.empty()) {
        rows.push_back(r);
        continue;
      }
      // Compare rhs[r] / a with rhs[best] / a_best by cross-multiplying (all positive).
      const std::size_t best = rows.front();
      const int order = cmp(rhs_[r] * at(best, entering), rhs_[best] * a);
      if (order < 0) {
        rows.assign(1, r);
      } else if (order == 0) {
        rows.push_back(r);
      }
    }
    return rows;
  }

  void Pivot(std::size_t row, std::size_t entering) {
    const Rational pivot = at(row, entering);
    Rational* pivot_row = &coefficients_[row * variables_];
    for (std::size_t v = 0; v < variables_; ++v) {
      if (sgn(pivot_row[v]) != 0) pivot_row[v] /= pivot;
    }
    rhs_[row] /= pivot;
    for (std::size_t r = 0; r < rows_; ++r) {
      if (r == row) continue;
      const Rational factor = at(r, entering);
      if (sgn(factor) == 0) continue;
      Rational* target = &coefficients_[r * variables_];
      for (std::size_t v = 0; v < variables_; ++v) {
        if (sgn(pivot_row[v]) != 0) target[v] -= factor * pivot_row[v];
      }
      rhs_[r] -= factor * rhs_[row];
    }
    in_basis_[basis_[row]] = 0;
    basis_[row] = entering;
    in_basis_[entering] = 1;
  }

  // The basis as a set of variables, one byte per variable, as a hash key.
  std::string BasisKey() const { return std::string(in_basis_.begin(), in_basis_.end()); }
  std::string BasisKeyAfter(std::size_t row, std::size_t entering) const {
    std::string key = BasisKey();
    key[basis_[row]] = 0;
    key[entering] = 1;
    return key;
  }

 private:
  Rational& at(std::size_t row, std::size_t variable) {
    return coefficients_[row * variables_ + variable];
  }

  std::size_t rows_;
  std::size_t variables_;
  std::vector<Rational> coefficients_;
  std::vector<Rational> rhs_;
  std::vector<std::size_t> basis_;
  std::vector<char> in_basis_;
};

void AddLabel(LabelSet& set, std::size_t label) {
  set[label / 64] |= std::uint64_t{1} << (label % 64);
}

PolytopeVertex VertexOf(const Tableau& tableau, std::size_t columns, const PolytopeLabels& labels) {
  PolytopeVertex vertex;
  vertex.coordinates.assign(columns, Rational(0));
  vertex.labels.assign((labels.total + 63) / 64, 0);
  std::vector<char> zero(tableau.variables(), 1);  // nonbasic variables are zero
  for (std::size_t r = 0; r < tableau.rows(); ++r) {
    const std::size_t variable = tableau.basic_variable(r);
    zero[variable] = sgn(tableau.rhs(r)) == 0 ? 1 : 0;
    if (variable < columns) vertex.coordinates[variable] = tableau.rhs(r);
  }
  for (std::size_t v = 0; v < tableau.variables(); ++v) {
    if (zero[v] == 0) continue;
    const std::size_t label =
        v < columns ? labels.coordinate_offset + v : labels.row_offset + (v - columns);
    AddLabel(vertex.labels, label);
    ++vertex.label_count;
  }
  return vertex;
}

std::string CoordinatesKey(const std::vector<Rational>& coordinates) {
  std::string key;
  for (const Rational& value : coordinates) {
    key += value.get_str();
    key += ' ';
  }
  return key;
}

struct Move {
  std::size_t row;
  std::size_t entering;
};

struct Frame {
  std::vector<Move> moves;
  std::size_t next = 0;
  // How to return to the parent basis: pivot `undo.entering` back in at `undo.row`.
  Move undo{0, 0};
  bool has_parent = false;
};

std::vector<Move> MovesFrom(const Tableau& tableau) {
  std::vector<Move> moves;
  for (std::size_t v = 0; v < tableau.variables(); ++v) {
    if (tableau.basic(v)) continue;
    for (std::size_t row : tableau.LeavingRows(v)) moves.push_back({row, v});
  }
  return moves;
}

}  // namespace

Result<std::vector<PolytopeVertex>> EnumerateVertices(
    const std::vector<std::vector<Rational>>& matrix, const PolytopeLabels& labels,
    std::uint64_t max_bases, std::stop_token stop) {
  const std::size_t columns = matrix.empty() ? 0 : matrix.front().size();
  Tableau tableau(matrix, columns);
  std::unordered_set<std::string> seen_bases{tableau.BasisKey()};
  std::unordered_map<std::string, std::size_t> seen_vertices;
  std::vector<PolytopeVertex> vertices;
  auto record = [&]() {
    PolytopeVertex vertex = VertexOf(tableau, columns, labels);
    bool origin = true;
    for (const Rational& value : vertex.coordinates) origin = origin && sgn(value) == 0;
    if (origin) return;
    if (seen_vertices.emplace(CoordinatesKey(vertex.coordinates), vertices.size()).second) {
      vertices.push_back(std::move(vertex));
    }
  };
  record();
  std::vector<Frame> stack;
  stack.push_back(Frame{MovesFrom(tableau), 0, {0, 0}, false});
  while (!stack.empty()) {
    Frame& frame = stack.back();
    if (frame.next == frame.moves.size()) {
      if (frame.has_parent) tableau.Pivot(frame.undo.row, frame.undo.entering);
      stack.pop_back();
      continue;
    }
    const Move move = frame.moves[frame.next++];
    std::string key = tableau.BasisKeyAfter(move.row, move.entering);
    if (!seen_bases.insert(std::move(key)).second) continue;
    if (seen_bases.size() > max_bases) {
      return Error::InvalidArgument(fmt::format(
          "the game is so degenerate that its best-response polytope has more than {} feasible "
          "bases; expected a game mend can enumerate within that limit",
          max_bases));
    }
    if ((seen_bases.size() & 1023U) == 0 && stop.stop_requested()) {
      return Error::Cancelled("mixed equilibria: cancelled");
    }
    const std::size_t leaving = tableau.basic_variable(move.row);
    tableau.Pivot(move.row, move.entering);
    record();
    stack.push_back(Frame{MovesFrom(tableau), 0, {move.row, leaving}, true});
  }
  return vertices;
}

}  // namespace mend::internal
