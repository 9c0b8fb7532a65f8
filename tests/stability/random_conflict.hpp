// SPDX-License-Identifier: Apache-2.0
//
// Random small conflicts for property tests: 2 to 5 deciders, up to 9 options, random
// infeasible patterns, forward and backward irreversibility, tied utilities and indifference
// thresholds. Deterministic in the seed.
//
// Example:
//   const testkit::RandomConflict conflict = testkit::MakeRandomConflict(seed);
//   AnalyzeStability(conflict.space, conflict.utilities, conflict.deciders, {});
#pragma once

#include <cstdint>
#include <vector>

#include "mend/model/state_space.hpp"
#include "mend/value/utility_table.hpp"

namespace mend::testkit {

struct RandomConflict {
  StateSpace space;
  UtilityTable utilities;
  std::vector<ActorIndex> deciders;
};

enum class RandomConflictShape {
  kMixed,      // 2-5 deciders, up to 8 options spread at random
  kLopsided,   // 2-3 deciders, one of them owning all options but one per other decider (6-8)
  kTiedBands,  // 4-6 deciders, 6-8 options, two or three utility levels (long runs of ties),
               // every code feasible in half of them
};

/// Returns a random conflict with a non-empty state space; deterministic in `seed`.
RandomConflict MakeRandomConflict(std::uint64_t seed,
                                  RandomConflictShape shape = RandomConflictShape::kMixed);

}  // namespace mend::testkit
