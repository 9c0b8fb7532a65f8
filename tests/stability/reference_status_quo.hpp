// SPDX-License-Identifier: Apache-2.0
//
// The status-quo analysis's first, straightforward search, kept as a test-only reference for
// the near-linear one: a breadth-first search that visits every move of every decider from each
// reached state (the sparse improvement edges of MoveGroups for deciders with many options).
//
// Example:
//   std::vector<StateId> reached =
//       testkit::ReferenceImprovementEvolution(space, utilities, deciders, StateId{0});
#pragma once

#include <span>
#include <vector>

#include "mend/stability/stability.hpp"

namespace mend::testkit {

/// Every state reachable from `from` through unilateral improvements (from included),
/// ascending. O(reached × moves).
std::vector<StateId> ReferenceImprovementEvolution(const StateSpace& space,
                                                   const UtilityTable& utilities,
                                                   std::span<const ActorIndex> deciders,
                                                   StateId from);

}  // namespace mend::testkit
