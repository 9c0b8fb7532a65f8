// SPDX-License-Identifier: Apache-2.0
#include "mend/game/internal/vertex_enumeration.hpp"

#include <string>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

namespace mend::internal {
namespace {

// The dictionary of one feasible basis in integers (fraction-free pivoting, as in Edmonds 1967
// and lrs): rows x (columns + rows) coefficients and the right-hand side, scaled so that every
// basic variable has the same coefficient, the determinant D; a basic variable's value is its
// row's right-hand side divided by D. Every division in a pivot is exact, and no gcd is ever
// taken, which is what makes it several times faster than a tableau of rationals. Variables
// 0..columns-1 are the coordinates, then one slack per row.
class Tableau {
 public:
  Tableau(const std::vector<std::vector<Rational>>& matrix, std::size_t columns)
      : rows_(matrix.size()), variables_(columns + matrix.size()) {
    // M z <= 1 is scaled by the least common multiple L of M's denominators: (L M) z <= L.
    mpz_class scale = 1;
    for (const auto& row : matrix) {
      for (const Rational& value : row) scale = lcm(scale, value.get_den());
    }
    coefficients_.resize(rows_ * variables_);
    rhs_.assign(rows_, scale);
    basis_.resize(rows_);
    in_basis_.assign(variables_, 0);
    for (std::size_t r = 0; r < rows_; ++r) {
      for (std::size_t c = 0; c < columns; ++c) {
        at(r, c) = matrix[r][c].get_num() * (scale / matrix[r][c].get_den());
      }
      at(r, columns + r) = 1;
      basis_[r] = columns + r;
      in_basis_[columns + r] = 1;
    }
  }

  std::size_t rows() const { return rows_; }
  std::size_t variables() const { return variables_; }
  bool basic(std::size_t variable) const { return in_basis_[variable] != 0; }
  std::size_t basic_variable(std::size_t row) const { return basis_[row]; }
  const mpz_class& rhs(std::size_t row) const { return rhs_[row]; }
  const mpz_class& determinant() const { return determinant_; }
  const mpz_class& at(std::size_t row, std::size_t variable) const {
    return coefficients_[row * variables_ + variable];
  }

  // The rows whose basic variable may leave when `entering` enters: the minimum ratio
  // rhs / coefficient over positive coefficients; several rows on a tie (a degenerate vertex).
  void LeavingRows(std::size_t entering, std::vector<std::size_t>& rows) {
    rows.clear();
    for (std::size_t r = 0; r < rows_; ++r) {
      const mpz_class& a = at(r, entering);
      if (sgn(a) <= 0) continue;
      if (rows.empty()) {
        rows.push_back(r);
        continue;
      }
      // Compare rhs[r] / a with rhs[best] / a_best by cross-multiplying (all positive).
      const std::size_t best = rows.front();
      left_ = rhs_[r] * at(best, entering);
      right_ = rhs_[best] * a;
      const int order = cmp(left_, right_);
      if (order < 0) {
        rows.assign(1, r);
      } else if (order == 0) {
        rows.push_back(r);
      }
    }
  }

  // Integer pivot: the pivot row stays; every other row becomes
  // (row * pivot - row[entering] * pivot_row) / D, and the pivot becomes the new D.
  void Pivot(std::size_t row, std::size_t entering) {
    const mpz_class pivot = at(row, entering);
    const mpz_class* pivot_row = &coefficients_[row * variables_];
    for (std::size_t r = 0; r < rows_; ++r) {
      if (r == row) continue;
      mpz_class* target = &coefficients_[r * variables_];
      factor_ = target[entering];
      if (sgn(factor_) == 0) {
        // (row * pivot) / D: no subtraction needed.
        for (std::size_t v = 0; v < variables_; ++v) {
          if (sgn(target[v]) == 0) continue;
          target[v] *= pivot;
          mpz_divexact(target[v].get_mpz_t(), target[v].get_mpz_t(), determinant_.get_mpz_t());
        }
        rhs_[r] *= pivot;
        mpz_divexact(rhs_[r].get_mpz_t(), rhs_[r].get_mpz_t(), determinant_.get_mpz_t());
        continue;
      }
      for (std::size_t v = 0; v < variables_; ++v) {
        Combine(target[v], pivot, factor_, pivot_row[v]);
      }
      Combine(rhs_[r], pivot, factor_, rhs_[row]);
    }
    determinant_ = pivot;
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
  mpz_class& at(std::size_t row, std::size_t variable) {
    return coefficients_[row * variables_ + variable];
  }

  // value = (value * pivot - factor * other) / D, exactly.
  void Combine(mpz_class& value, const mpz_class& pivot, const mpz_class& factor,
               const mpz_class& other) {
    if (sgn(value) == 0 && sgn(other) == 0) return;
    value *= pivot;
    mpz_submul(value.get_mpz_t(), factor.get_mpz_t(), other.get_mpz_t());
    mpz_divexact(value.get_mpz_t(), value.get_mpz_t(), determinant_.get_mpz_t());
  }

  std::size_t rows_;
  std::size_t variables_;
  std::vector<mpz_class> coefficients_;
  std::vector<mpz_class> rhs_;
  mpz_class determinant_ = 1;
  std::vector<std::size_t> basis_;
  std::vector<char> in_basis_;
  mpz_class left_;  // scratch values, kept to reuse their memory
  mpz_class right_;
  mpz_class factor_;
};

void AddLabel(LabelSet& set, std::size_t label) {
  set[label / 64] |= std::uint64_t{1} << (label % 64);
}

// The labels of the current basis's vertex: the variables at zero (every nonbasic one, and
// basic ones whose right-hand side is zero at a degenerate vertex). A vertex is the only point
// of the polytope where exactly these constraints are tight, so the labels identify it.
LabelSet LabelsOf(const Tableau& tableau, std::size_t columns, const PolytopeLabels& labels,
                  std::size_t& label_count) {
  LabelSet set((labels.total + 63) / 64, 0);
  label_count = 0;
  std::vector<char> zero(tableau.variables(), 1);
  for (std::size_t r = 0; r < tableau.rows(); ++r) {
    zero[tableau.basic_variable(r)] = sgn(tableau.rhs(r)) == 0 ? 1 : 0;
  }
  for (std::size_t v = 0; v < tableau.variables(); ++v) {
    if (zero[v] == 0) continue;
    const std::size_t label =
        v < columns ? labels.coordinate_offset + v : labels.row_offset + (v - columns);
    AddLabel(set, label);
    ++label_count;
  }
  return set;
}

std::vector<Rational> CoordinatesOf(const Tableau& tableau, std::size_t columns) {
  std::vector<Rational> coordinates(columns, Rational(0));
  for (std::size_t r = 0; r < tableau.rows(); ++r) {
    const std::size_t variable = tableau.basic_variable(r);
    if (variable >= columns) continue;
    coordinates[variable] = Rational(tableau.rhs(r), tableau.determinant());
    coordinates[variable].canonicalize();
  }
  return coordinates;
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

std::vector<Move> MovesFrom(Tableau& tableau, std::vector<std::size_t>& scratch) {
  std::vector<Move> moves;
  for (std::size_t v = 0; v < tableau.variables(); ++v) {
    if (tableau.basic(v)) continue;
    tableau.LeavingRows(v, scratch);
    for (std::size_t row : scratch) moves.push_back({row, v});
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
  std::unordered_set<std::string> seen_vertices;
  std::vector<PolytopeVertex> vertices;
  std::vector<std::size_t> scratch;
  auto record = [&]() {
    std::size_t label_count = 0;
    LabelSet set = LabelsOf(tableau, columns, labels, label_count);
    std::string key(reinterpret_cast<const char*>(set.data()), set.size() * sizeof(std::uint64_t));
    if (!seen_vertices.insert(std::move(key)).second) return;
    PolytopeVertex vertex{CoordinatesOf(tableau, columns), std::move(set), label_count};
    bool origin = true;
    for (const Rational& value : vertex.coordinates) origin = origin && sgn(value) == 0;
    if (!origin) vertices.push_back(std::move(vertex));
  };
  record();
  std::vector<Frame> stack;
  stack.push_back(Frame{MovesFrom(tableau, scratch), 0, {0, 0}, false});
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
    stack.push_back(Frame{MovesFrom(tableau, scratch), 0, {move.row, leaving}, true});
  }
  return vertices;
}

}  // namespace mend::internal
