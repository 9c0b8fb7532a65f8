// SPDX-License-Identifier: Apache-2.0
#include "mend/stability/mover_orders.hpp"

#include <algorithm>
#include <numeric>

#include "mend/stability/status_quo_analysis.hpp"

namespace mend {
namespace {

// The orders to try, as permutations of file positions; the file order comes first.
std::vector<std::vector<std::size_t>> OrdersToTry(std::size_t n, bool& exhaustive) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::vector<std::vector<std::size_t>> orders;
  exhaustive = n <= kMaxExhaustiveMovers;
  if (exhaustive) {
    do {
      orders.push_back(order);
    } while (std::next_permutation(order.begin(), order.end()));
    return orders;
  }
  for (int direction = 0; direction < 2; ++direction) {
    for (std::size_t first = 0; first < n; ++first) {
      std::vector<std::size_t> rotation(n);
      for (std::size_t k = 0; k < n; ++k) {
        rotation[k] = direction == 0 ? (first + k) % n : (first + n - k) % n;
      }
      orders.push_back(std::move(rotation));
    }
  }
  return orders;
}

}  // namespace

Result<MoverOrderAnalysis> AnalyzeMoverOrders(const StateSpace& space,
                                              const UtilityTable& utilities,
                                              std::span<const ActorIndex> deciders,
                                              StateId status_quo, std::stop_token stop) {
  if (deciders.empty()) return Error::InvalidArgument("the order of moves needs deciders");
  MoverOrderAnalysis analysis;
  const std::vector<std::vector<std::size_t>> orders =
      OrdersToTry(deciders.size(), analysis.exhaustive);
  std::vector<ActorIndex> movers(deciders.size());
  for (const std::vector<std::size_t>& order : orders) {
    for (std::size_t k = 0; k < order.size(); ++k) movers[k] = deciders[order[k]];
    MEND_TRY(BestResponsePath path,
             BestResponseDynamics(space, utilities, movers, status_quo, stop));
    auto same = [&](const MoverOrderOutcome& o) { return o.end == path.end; };
    auto found = std::find_if(analysis.outcomes.begin(), analysis.outcomes.end(), same);
    if (found == analysis.outcomes.end()) {
      analysis.outcomes.push_back({path.end, 0, 0, movers});
      found = std::prev(analysis.outcomes.end());
    }
    ++found->orders;
  }
  analysis.orders_tried = orders.size();
  analysis.order_dependent = analysis.outcomes.size() > 1;
  for (MoverOrderOutcome& outcome : analysis.outcomes) {
    outcome.p_orders =
        static_cast<double>(outcome.orders) / static_cast<double>(analysis.orders_tried);
  }
  // The file order's outcome was found first; keep it first among equals.
  std::stable_sort(analysis.outcomes.begin() + 1, analysis.outcomes.end(),
                   [](const MoverOrderOutcome& a, const MoverOrderOutcome& b) {
                     if (a.orders != b.orders) return a.orders > b.orders;
                     if (a.end.has_value() != b.end.has_value()) return a.end.has_value();
                     return a.end && a.end->value < b.end->value;
                   });
  std::stable_sort(
      analysis.outcomes.begin(), analysis.outcomes.end(),
      [](const MoverOrderOutcome& a, const MoverOrderOutcome& b) { return a.orders > b.orders; });
  return analysis;
}

}  // namespace mend
