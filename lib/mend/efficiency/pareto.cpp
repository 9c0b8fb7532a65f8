// SPDX-License-Identifier: Apache-2.0
#include "mend/efficiency/pareto.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <utility>

#include "mend/core/assert.hpp"

namespace mend {
namespace {

using Columns = std::span<const std::span<const double>>;

std::vector<std::uint32_t> Identity(std::size_t n) {
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  return order;
}

std::vector<StateId> Sorted(std::vector<std::uint32_t> states) {
  std::sort(states.begin(), states.end());
  std::vector<StateId> out;
  out.reserve(states.size());
  for (std::uint32_t s : states) out.push_back(StateId{s});
  return out;
}

std::vector<StateId> FrontierOne(std::span<const double> x) {
  const double best = *std::max_element(x.begin(), x.end());
  std::vector<StateId> out;
  for (std::uint32_t s = 0; s < x.size(); ++s) {
    if (x[s] == best) out.push_back(StateId{s});
  }
  return out;
}

// Sorted by x descending then y descending, a point is dominated exactly when an earlier group
// (larger x) reached y at least as high, or its own group (equal x) has a larger y.
std::vector<StateId> FrontierTwo(std::span<const double> x, std::span<const double> y) {
  std::vector<std::uint32_t> order = Identity(x.size());
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (x[a] != x[b]) return x[a] > x[b];
    return y[a] > y[b];
  });
  std::vector<std::uint32_t> frontier;
  double best_y = -INFINITY;
  for (std::size_t begin = 0; begin < order.size();) {
    std::size_t end = begin;
    while (end < order.size() && x[order[end]] == x[order[begin]]) ++end;
    const double group_top = y[order[begin]];
    if (group_top > best_y) {
      for (std::size_t p = begin; p < end && y[order[p]] == group_top; ++p) {
        frontier.push_back(order[p]);
      }
      best_y = group_top;
    }
    begin = end;
  }
  return Sorted(std::move(frontier));
}

// A staircase of mutually non-dominated (y, z) points: keys ascending in y, values strictly
// descending in z. Covers(y, z) asks whether some stored point has y' ≥ y and z' ≥ z; the one
// with the smallest y' ≥ y has the largest such z'.
class Staircase {
 public:
  bool Covers(double y, double z) const {
    auto it = steps_.lower_bound(y);
    return it != steps_.end() && it->second >= z;
  }
  void Insert(double y, double z) {
    if (Covers(y, z)) return;
    // Remove the stored points (y', z') with y' ≤ y and z' ≤ z: they sit just below y.
    auto it = steps_.upper_bound(y);
    while (it != steps_.begin()) {
      auto previous = std::prev(it);
      if (previous->second > z) break;
      it = steps_.erase(previous);
    }
    steps_.emplace(y, z);
  }

 private:
  std::map<double, double> steps_;
};

// Sorted by (x, y, z) descending, groups of equal x are swept in turn: a point is dominated by
// a point of an earlier group when that point covers its (y, z), and by a point of its own
// group when that point dominates it on (y, z).
std::vector<StateId> FrontierThree(std::span<const double> x, std::span<const double> y,
                                   std::span<const double> z) {
  std::vector<std::uint32_t> order = Identity(x.size());
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (x[a] != x[b]) return x[a] > x[b];
    if (y[a] != y[b]) return y[a] > y[b];
    return z[a] > z[b];
  });
  std::vector<std::uint32_t> frontier;
  std::vector<std::uint32_t> group_frontier;
  Staircase earlier;
  for (std::size_t begin = 0; begin < order.size();) {
    std::size_t end = begin;
    while (end < order.size() && x[order[end]] == x[order[begin]]) ++end;
    // The (y, z) frontier of the group, by the two-column sweep over its (y desc, z desc) order.
    group_frontier.clear();
    double best_z = -INFINITY;
    for (std::size_t p = begin; p < end;) {
      std::size_t q = p;
      while (q < end && y[order[q]] == y[order[p]]) ++q;
      const double top = z[order[p]];
      if (top > best_z) {
        for (std::size_t r = p; r < q && z[order[r]] == top; ++r)
          group_frontier.push_back(order[r]);
        best_z = top;
      }
      p = q;
    }
    for (std::uint32_t s : group_frontier) {
      if (!earlier.Covers(y[s], z[s])) frontier.push_back(s);
    }
    for (std::uint32_t s : group_frontier) earlier.Insert(y[s], z[s]);
    begin = end;
  }
  return Sorted(std::move(frontier));
}

// Divide and conquer for four or more columns (the scheme of Kung, Luccio and Preparata): the
// cost stays O(N log^(k-1) N) however many states are on the frontier, where comparing each
// state with the frontier found so far costs O(N·F).
//
// Identical points neither dominate each other, so they are merged first; among distinct
// points, q dominates p exactly when q ≥ p in every column. Maxima(S, D) finds the points of S
// not dominated within S, for sets whose points are distinct on the columns D and equal on the
// columns left out. It splits S at the median m of one column c of D into hi (> m), eq (= m)
// and lo (< m): a point of hi can only be dominated within hi; a point of eq within eq (on D
// without c) or by a point of hi that is ≥ it on D without c; a point of lo within lo or by a
// point of eq or hi that is ≥ it on D without c — and it suffices to look at the maxima of eq
// and hi, since whatever dominates a point is itself dominated by, or is, a maximum.
// Filter(A, B, D) answers those cross questions: it marks every a in A for which some b in B is
// ≥ a on every column of D, splitting A ∪ B at a median in the same way.
//
// When the frontier is small, comparing each point with the frontier found so far (a sort-filter
// sweep, O(N·F)) is several times cheaper, so the sweep runs first and gives way to the divide
// and conquer once its comparisons pass 32·N.
class DivideAndConquer {
 public:
  // `sweep_first`: try the sweep before splitting (off only to test the split alone).
  DivideAndConquer(Columns columns, bool sweep_first)
      : columns_(columns), k_(columns.size()), sweep_first_(sweep_first) {}

  std::vector<StateId> Run() {
    const std::size_t n = columns_[0].size();
    // One sort serves both passes: descending sums (the sweep's order: whatever dominates a
    // point has at least its sum, rounded sums included, and comes first) and, among equal
    // sums, descending points, so that identical points are adjacent and merge into one
    // representative. Sums overflowing to ±∞ (or ∞ − ∞) cannot order the points: the sort is
    // then by points alone and the split does the work.
    std::vector<double> sum(n, 0.0);
    bool sums_finite = true;
    for (std::size_t s = 0; s < n; ++s) {
      for (std::span<const double> column : columns_) sum[s] += column[s];
      sums_finite = sums_finite && std::isfinite(sum[s]);
    }
    std::vector<std::uint32_t> order = Identity(n);
    auto before = [&](std::uint32_t a, std::uint32_t b) {
      if (sums_finite && sum[a] != sum[b]) return sum[a] > sum[b];
      for (std::span<const double> column : columns_) {
        if (column[a] != column[b]) return column[a] > column[b];
      }
      return a < b;
    };
    auto same = [&](std::uint32_t a, std::uint32_t b) {
      for (std::span<const double> column : columns_) {
        if (column[a] != column[b]) return false;
      }
      return true;
    };
    std::sort(order.begin(), order.end(), before);
    std::vector<std::uint32_t> representative(n);
    std::vector<std::uint32_t> points;
    for (std::size_t i = 0; i < n; ++i) {
      if (i == 0 || !same(order[i - 1], order[i])) {
        points.push_back(static_cast<std::uint32_t>(values_.size() / k_));
        for (std::span<const double> column : columns_) values_.push_back(column[order[i]]);
      }
      representative[order[i]] = points.back();
    }
    dominated_.assign(points.size(), 0);
    const std::uint64_t all = k_ >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << k_) - 1;
    const bool swept = sweep_first_ && sums_finite &&
                       Sweep(points, all, kSweepComparisonsPerPoint * points.size());
    if (!swept) {
      std::fill(dominated_.begin(), dominated_.end(), std::uint8_t{0});
      LayOutByPoints(representative);
      Maxima(points, all);
    }
    std::vector<std::uint32_t> frontier;
    for (std::uint32_t s = 0; s < n; ++s) {
      if (!dominated_[representative[s]]) frontier.push_back(s);
    }
    return Sorted(std::move(frontier));
  }

 private:
  // The sweep's comparisons per point before it gives way: small frontiers take a few per
  // point; where the frontier is large, this much wasted work is a few per cent of the split's.
  static constexpr std::size_t kSweepComparisonsPerPoint = 32;
  // Below these sizes the pairwise comparison is cheaper than splitting.
  static constexpr std::size_t kSmallSet = 24;
  static constexpr std::size_t kSmallProduct = 512;

  double Value(std::uint32_t point, std::size_t column) const {
    return values_[point * k_ + column];
  }
  // True when q ≥ p on every column of `mask`.
  bool AtLeast(std::uint32_t q, std::uint32_t p, std::uint64_t mask) const {
    for (std::size_t c = 0; c < k_; ++c) {
      if ((mask >> c & 1U) && Value(q, c) < Value(p, c)) return false;
    }
    return true;
  }
  static std::size_t Lowest(std::uint64_t mask) {
    return static_cast<std::size_t>(__builtin_ctzll(mask));
  }

  double Median(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b,
                std::size_t column) {
    scratch_.clear();
    for (std::uint32_t p : a) scratch_.push_back(Value(p, column));
    for (std::uint32_t p : b) scratch_.push_back(Value(p, column));
    auto middle = scratch_.begin() + static_cast<std::ptrdiff_t>(scratch_.size() / 2);
    std::nth_element(scratch_.begin(), middle, scratch_.end());
    return *middle;
  }

  // Reorders `set` into [< m | = m | > m] on `column`; returns the ends of the first two parts.
  std::pair<std::size_t, std::size_t> Split(std::span<std::uint32_t> set, std::size_t column,
                                            double m) const {
    auto lo_end = std::partition(set.begin(), set.end(),
                                 [&](std::uint32_t p) { return Value(p, column) < m; });
    auto eq_end =
        std::partition(lo_end, set.end(), [&](std::uint32_t p) { return Value(p, column) == m; });
    return {static_cast<std::size_t>(lo_end - set.begin()),
            static_cast<std::size_t>(eq_end - set.begin())};
  }

  // The points of `set` still undominated, moved to its front; returns how many.
  std::size_t Survivors(std::span<std::uint32_t> set) const {
    return static_cast<std::size_t>(
        std::partition(set.begin(), set.end(), [&](std::uint32_t p) { return !dominated_[p]; }) -
        set.begin());
  }

  // The sort-filter sweep over distinct points, in the order Run sorted them (descending sums,
  // so a point's dominators all come before it): each point is compared with the maxima kept so
  // far. Returns false, the marks incomplete, once the comparisons pass `budget`.
  bool Sweep(std::span<const std::uint32_t> points, std::uint64_t all, std::uint64_t budget) {
    std::vector<std::uint32_t> maxima;
    std::uint64_t comparisons = 0;
    for (std::uint32_t p : points) {
      for (std::uint32_t q : maxima) {
        ++comparisons;
        if (AtLeast(q, p, all)) {
          dominated_[p] = 1;
          break;
        }
      }
      if (comparisons > budget) return false;
      if (!dominated_[p]) maxima.push_back(p);
    }
    return true;
  }

  // Renumbers the distinct points in ascending order of their values, column by column, so
  // that the split, which cuts on the first columns first, reads neighbouring memory (at 10^6
  // points the sweep's order of sums cost the split a third more time); `representative`
  // follows the new numbers.
  void LayOutByPoints(std::vector<std::uint32_t>& representative) {
    const std::size_t count = dominated_.size();
    std::vector<std::uint32_t> order = Identity(count);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      for (std::size_t c = 0; c < k_; ++c) {
        if (Value(a, c) != Value(b, c)) return Value(a, c) < Value(b, c);
      }
      return a < b;
    });
    std::vector<double> laid(values_.size());
    std::vector<std::uint32_t> renumber(count);
    for (std::size_t i = 0; i < count; ++i) {
      renumber[order[i]] = static_cast<std::uint32_t>(i);
      std::copy_n(values_.begin() + static_cast<std::ptrdiff_t>(order[i] * k_), k_,
                  laid.begin() + static_cast<std::ptrdiff_t>(i * k_));
    }
    values_.swap(laid);
    for (std::uint32_t& r : representative) r = renumber[r];
  }

  void Maxima(std::span<std::uint32_t> set, std::uint64_t mask) {
    if (set.size() <= 1 || mask == 0) return;  // no mask: one distinct point at most
    if (set.size() <= kSmallSet) {
      // Points are distinct on `mask`, so q ≥ p there with q ≠ p is dominance.
      for (std::uint32_t p : set) {
        for (std::uint32_t q : set) {
          if (q != p && AtLeast(q, p, mask)) {
            dominated_[p] = 1;
            break;
          }
        }
      }
      return;
    }
    const std::size_t c = Lowest(mask);
    const std::uint64_t rest = mask & ~(std::uint64_t{1} << c);
    const double m = Median(set, {}, c);
    const auto [lo_end, eq_end] = Split(set, c, m);
    std::span<std::uint32_t> lo = set.subspan(0, lo_end);
    std::span<std::uint32_t> eq = set.subspan(lo_end, eq_end - lo_end);
    std::span<std::uint32_t> hi = set.subspan(eq_end);
    Maxima(hi, mask);
    std::vector<std::uint32_t> upper(hi.begin(), hi.begin() + Survivors(hi));
    Maxima(eq, rest);
    const std::size_t eq_kept = Survivors(eq);
    Filter(eq.subspan(0, eq_kept), upper, rest);
    for (std::uint32_t p : eq.subspan(0, eq_kept)) {
      if (!dominated_[p]) upper.push_back(p);
    }
    Maxima(lo, mask);
    Filter(lo.subspan(0, Survivors(lo)), upper, rest);
  }

  void Filter(std::span<std::uint32_t> a, std::span<std::uint32_t> b, std::uint64_t mask) {
    if (a.empty() || b.empty()) return;
    if (mask == 0) {
      for (std::uint32_t p : a) dominated_[p] = 1;
      return;
    }
    if (a.size() * b.size() <= kSmallProduct) {
      for (std::uint32_t p : a) {
        for (std::uint32_t q : b) {
          if (AtLeast(q, p, mask)) {
            dominated_[p] = 1;
            break;
          }
        }
      }
      return;
    }
    const std::size_t c = Lowest(mask);
    const std::uint64_t rest = mask & ~(std::uint64_t{1} << c);
    if (rest == 0) {
      double best = -INFINITY;
      for (std::uint32_t q : b) best = std::max(best, Value(q, c));
      for (std::uint32_t p : a) {
        if (Value(p, c) <= best) dominated_[p] = 1;
      }
      return;
    }
    const double m = Median(a, b, c);
    const auto [a_lo, a_eq] = Split(a, c, m);
    const auto [b_lo, b_eq] = Split(b, c, m);
    // b ≥ a on c: both below m (recurse on c), a at or below m and b at or above (c holds), or
    // both above m (recurse on c). The median is a value of A ∪ B, so both recursions on c
    // are smaller.
    Filter(a.subspan(0, a_lo), b.subspan(0, b_lo), mask);
    Filter(a.subspan(0, a_eq), b.subspan(b_lo), rest);
    Filter(a.subspan(a_eq), b.subspan(b_eq), mask);
  }

  Columns columns_;
  std::size_t k_;
  bool sweep_first_;
  std::vector<double> values_;  // distinct points, k values each
  std::vector<std::uint8_t> dominated_;
  std::vector<double> scratch_;
};

}  // namespace

std::vector<StateId> ParetoFrontier(Columns columns) {
  if (columns.empty()) return {};
  const std::size_t n = columns[0].size();
  for (std::span<const double> column : columns) {
    MEND_ASSERT(column.size() == n, "every column has one value per state");
    for (double value : column) MEND_ASSERT(std::isfinite(value), "finite utilities");
  }
  if (n == 0) return {};
  switch (columns.size()) {
    case 1:
      return FrontierOne(columns[0]);
    case 2:
      return FrontierTwo(columns[0], columns[1]);
    case 3:
      return FrontierThree(columns[0], columns[1], columns[2]);
    default:
      return DivideAndConquer(columns, true).Run();
  }
}

std::vector<StateId> internal::ParetoFrontierBySplitting(Columns columns) {
  MEND_ASSERT(columns.size() >= 4, "the split serves four or more columns");
  if (columns[0].empty()) return {};
  return DivideAndConquer(columns, false).Run();
}

std::vector<StateId> ParetoFrontier(const UtilityTable& table, std::span<const ActorIndex> actors) {
  std::vector<std::span<const double>> columns;
  for (ActorIndex a : actors) columns.emplace_back(table.utility[a.value]);
  return ParetoFrontier(columns);
}

bool ParetoImproves(const UtilityTable& table, std::span<const ActorIndex> actors, StateId a,
                    StateId d) {
  bool strictly = false;
  for (ActorIndex actor : actors) {
    if (table.Prefers(actor, d, a)) return false;
    if (table.Prefers(actor, a, d)) strictly = true;
  }
  return strictly;
}

std::vector<StateId> ParetoImprovements(const UtilityTable& table,
                                        std::span<const ActorIndex> actors, StateId d) {
  std::vector<StateId> out;
  if (actors.empty()) return out;
  const std::size_t n = table.utility[actors[0].value].size();
  for (std::uint32_t s = 0; s < n; ++s) {
    if (ParetoImproves(table, actors, StateId{s}, d)) out.push_back(StateId{s});
  }
  return out;
}

}  // namespace mend
