// SPDX-License-Identifier: Apache-2.0
//
// The default under every order of moves (docs/analyses.md, "Order of moves"). Best-response
// dynamics let the deciders move in file order, so a default can owe itself to who is listed
// first (Chicken's YN only because p1 comes first). This walks the same dynamics from the status
// quo with the deciders in every order — all n! orders up to kMaxExhaustiveMovers deciders, and
// beyond that the 2n rotations of the file order and of its reverse (each decider moves first
// once in each direction) — and reports how often each end state comes out.
//
// Example:
//   MEND_TRY(MoverOrderAnalysis orders, AnalyzeMoverOrders(compiled.space, utilities,
//                                                          compiled.definition.Deciders(), s0));
//   if (orders.order_dependent) { ... orders.outcomes[1].example_order ... }
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <stop_token>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/core/result.hpp"
#include "mend/model/state_space.hpp"
#include "mend/value/utility_table.hpp"

namespace mend {

/// All orders are tried up to this many deciders (6! = 720 walks).
inline constexpr std::size_t kMaxExhaustiveMovers = 6;

/// One end of the dynamics and the orders that lead to it.
struct MoverOrderOutcome {
  /// The state the dynamics stop at; nullopt when they cycle.
  std::optional<StateId> end;
  std::uint64_t orders = 0;
  /// The share of the orders tried.
  double p_orders = 0;
  /// The first order tried (in lexicographic order of file positions) that leads here.
  std::vector<ActorIndex> example_order;
};

struct MoverOrderAnalysis {
  std::uint64_t orders_tried = 0;
  /// True when every order was tried; false when the rotations stood in for them.
  bool exhaustive = true;
  /// Outcomes by number of orders, most first (ties: the file order's outcome first, then by
  /// state number, a cycle last).
  std::vector<MoverOrderOutcome> outcomes;
  /// True when some order ends elsewhere than the file order does.
  bool order_dependent = false;
};

/// Runs best-response dynamics (BestResponseDynamics) from `status_quo` for each order of
/// `deciders`. Cost: min(n!, 2n) × the cost of one walk (O(steps × moves)). Fails with
/// kInvalidArgument without deciders, kCancelled on `stop`.
[[nodiscard]] Result<MoverOrderAnalysis> AnalyzeMoverOrders(const StateSpace& space,
                                                            const UtilityTable& utilities,
                                                            std::span<const ActorIndex> deciders,
                                                            StateId status_quo,
                                                            std::stop_token stop = {});

}  // namespace mend
