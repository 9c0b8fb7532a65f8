// SPDX-License-Identifier: Apache-2.0
#include "random_conflict.hpp"

#include <algorithm>
#include <random>

namespace mend::testkit {

RandomConflict MakeRandomConflict(std::uint64_t seed, RandomConflictShape shape) {
  std::mt19937_64 rng(seed);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (;;) {
    const bool lopsided = shape == RandomConflictShape::kLopsided;
    const bool tied = shape == RandomConflictShape::kTiedBands;
    const int deciders = lopsided ? pick(2, 3) : (tied ? pick(4, 6) : pick(2, 5));
    const int options =
        lopsided ? pick(8, 9) : (tied ? pick(std::max(deciders, 6), 8) : pick(deciders, 8));
    // The decider that owns every option not needed to give the others one each.
    const int heavy = lopsided ? pick(0, deciders - 1) : -1;
    OptionLayout layout;
    layout.option_count = options;
    layout.owned.assign(static_cast<std::size_t>(deciders), 0);
    for (int k = 0; k < options; ++k) {
      // Every decider owns at least one option: the first `deciders` options go round-robin.
      const int owner = k < deciders ? k : (lopsided ? heavy : pick(0, deciders - 1));
      layout.owned[static_cast<std::size_t>(owner)] |= StateCode{1} << k;
      // Lopsided conflicts get more irreversible options, so a decider's moves split into
      // several subgroups (internal/move_groups.hpp) more often.
      const int kind = pick(0, lopsided ? 5 : 9);
      if (kind == 0) layout.forward_irreversible |= StateCode{1} << k;
      if (kind == 1) layout.backward_irreversible |= StateCode{1} << k;
    }
    std::vector<Constraint> constraints;
    const int infeasible = tied && pick(0, 1) == 0 ? 0 : pick(0, 4);
    for (int c = 0; c < infeasible; ++c) {
      Constraint constraint;
      constraint.kind = ConstraintKind::kInfeasible;
      const StateCode all = AllOptionsMask(options);
      StateCode mask = 0;
      while (mask == 0) mask = static_cast<StateCode>(rng()) & all;
      // Short patterns remove many states; keep most patterns at 2+ options.
      constraint.pattern.mask = mask;
      constraint.pattern.values = static_cast<StateCode>(rng()) & mask;
      constraint.label = "random";
      constraints.push_back(constraint);
    }
    Result<StateSpace> space = StateSpace::Enumerate(layout, constraints);
    if (!space) continue;
    RandomConflict conflict{std::move(space).value(), {}, {}};
    const std::size_t states = conflict.space.size();
    const int levels = tied ? pick(1, 2) : pick(2, 6);  // few levels: many ties
    for (int a = 0; a < deciders; ++a) {
      std::vector<double> u(states);
      for (double& value : u) value = pick(0, levels);
      conflict.utilities.utility.push_back(std::move(u));
      const int e = pick(0, 5);
      conflict.utilities.indifference.push_back(e <= 2 ? 0.0 : (e == 3 ? 0.5 : 1.0));
      conflict.utilities.cardinal.push_back(true);
      conflict.deciders.push_back(ActorIndex{static_cast<std::uint32_t>(a)});
    }
    return conflict;
  }
}

}  // namespace mend::testkit
