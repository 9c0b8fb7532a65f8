// SPDX-License-Identifier: Apache-2.0
#include "mend/efficiency/pareto.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>

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

// Sort-filter sweep: in order of decreasing coordinate sum (ties: lexicographically
// decreasing), a state can only be dominated by states before it, and dominance is transitive,
// so comparing it with the frontier found so far suffices; no frontier state is ever removed.
std::vector<StateId> FrontierMany(Columns columns) {
  const std::size_t k = columns.size();
  const std::size_t n = columns[0].size();
  std::vector<double> sum(n, 0.0);
  for (std::span<const double> column : columns) {
    for (std::size_t s = 0; s < n; ++s) sum[s] += column[s];
  }
  std::vector<std::uint32_t> order = Identity(n);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (sum[a] != sum[b]) return sum[a] > sum[b];
    for (std::span<const double> column : columns) {
      if (column[a] != column[b]) return column[a] > column[b];
    }
    return a < b;
  });
  std::vector<double> kept;  // frontier points, k values each, contiguous for the inner loop
  std::vector<std::uint32_t> frontier;
  std::vector<double> point(k);
  for (std::uint32_t s : order) {
    for (std::size_t c = 0; c < k; ++c) point[c] = columns[c][s];
    bool dominated = false;
    for (std::size_t f = 0; f < frontier.size() && !dominated; ++f) {
      const double* other = kept.data() + f * k;
      bool at_least = true;
      bool more = false;
      for (std::size_t c = 0; c < k; ++c) {
        if (other[c] < point[c]) {
          at_least = false;
          break;
        }
        if (other[c] > point[c]) more = true;
      }
      dominated = at_least && more;
    }
    if (dominated) continue;
    frontier.push_back(s);
    kept.insert(kept.end(), point.begin(), point.end());
  }
  return Sorted(std::move(frontier));
}

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
      return FrontierMany(columns);
  }
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
