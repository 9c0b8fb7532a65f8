// SPDX-License-Identifier: Apache-2.0
#include "mend/model/state_space.hpp"

#include <bit>
#include <random>
#include <stop_token>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mend {
namespace {

using ::testing::ElementsAre;

// ---- A brute-force reference: test all 2^n codes against each constraint's plain meaning ----

bool SatisfiesPlainly(const Constraint& constraint, StateCode code, int n) {
  auto is_yes = [&](int k) { return ((code >> k) & 1U) != 0; };
  switch (constraint.kind) {
    case ConstraintKind::kExclusive: {
      int yes = 0;
      for (int k = 0; k < n; ++k) yes += ((constraint.options >> k) & 1U) && is_yes(k);
      return yes <= 1;
    }
    case ConstraintKind::kAtLeastOne:
      for (int k = 0; k < n; ++k) {
        if (((constraint.options >> k) & 1U) && is_yes(k)) return true;
      }
      return false;
    case ConstraintKind::kRequires: {
      for (int k = 0; k < n; ++k) {
        if (((constraint.condition >> k) & 1U) && !is_yes(k)) return true;  // condition fails
      }
      for (int k = 0; k < n; ++k) {
        if (((constraint.consequence >> k) & 1U) && !is_yes(k)) return false;
      }
      return true;
    }
    case ConstraintKind::kInfeasible:
      for (int k = 0; k < n; ++k) {
        if (((constraint.pattern.mask >> k) & 1U) &&
            is_yes(k) != (((constraint.pattern.values >> k) & 1U) != 0)) {
          return true;  // the state differs from the forbidden pattern somewhere
        }
      }
      return false;
  }
  return true;
}

std::vector<StateCode> BruteForceStates(const OptionLayout& layout,
                                        const std::vector<Constraint>& constraints) {
  std::vector<StateCode> states;
  const int n = layout.option_count;
  for (StateCode code = 0; code < (StateCode{1} << n); ++code) {
    bool feasible = true;
    for (const Constraint& c : constraints) feasible = feasible && SatisfiesPlainly(c, code, n);
    if (feasible) states.push_back(code);
  }
  return states;
}

// R_i(s) by the definition: feasible t != s, differing only in i's options, and no
// forward-irreversible option Y -> N, no backward-irreversible option N -> Y.
std::vector<StateCode> BruteForceMoves(const OptionLayout& layout,
                                       const std::vector<StateCode>& feasible, ActorIndex actor,
                                       StateCode from) {
  std::vector<StateCode> moves;
  for (StateCode to : feasible) {
    if (to == from) continue;
    if ((to ^ from) & ~layout.owned[actor.value]) continue;
    bool legal = true;
    for (int k = 0; k < layout.option_count; ++k) {
      const bool was = (from >> k) & 1U;
      const bool becomes = (to >> k) & 1U;
      if (((layout.forward_irreversible >> k) & 1U) && was && !becomes) legal = false;
      if (((layout.backward_irreversible >> k) & 1U) && !was && becomes) legal = false;
    }
    if (legal) moves.push_back(to);
  }
  return moves;
}

struct RandomCase {
  OptionLayout layout;
  std::vector<Constraint> constraints;
};

StateCode RandomSubset(std::mt19937_64& rng, int n, int min_size) {
  for (;;) {
    StateCode mask = rng() & AllOptionsMask(n);
    if (std::popcount(mask) >= min_size) return mask;
  }
}

RandomCase MakeRandomCase(std::mt19937_64& rng, int n, int deciders) {
  RandomCase c;
  c.layout.option_count = n;
  c.layout.owned.assign(static_cast<std::size_t>(deciders), 0);
  for (int k = 0; k < n; ++k) {
    // Every decider gets at least one option; the rest are dealt at random.
    const int owner = k < deciders ? k : static_cast<int>(rng() % deciders);
    c.layout.owned[static_cast<std::size_t>(owner)] |= StateCode{1} << k;
    const auto roll = rng() % 6;
    if (roll == 0) c.layout.forward_irreversible |= StateCode{1} << k;
    if (roll == 1) c.layout.backward_irreversible |= StateCode{1} << k;
  }
  const int constraint_count = static_cast<int>(rng() % 4);
  for (int i = 0; i < constraint_count && n >= 2; ++i) {
    Constraint constraint;
    switch (rng() % 4) {
      case 0:
        constraint.kind = ConstraintKind::kExclusive;
        constraint.options = RandomSubset(rng, n, 2);
        break;
      case 1:
        constraint.kind = ConstraintKind::kAtLeastOne;
        constraint.options = RandomSubset(rng, n, 1);
        break;
      case 2:
        constraint.kind = ConstraintKind::kRequires;
        constraint.condition = RandomSubset(rng, n, 1);
        constraint.consequence = RandomSubset(rng, n, 1) & ~constraint.condition;
        if (constraint.consequence == 0) constraint.consequence = constraint.condition;
        break;
      default:
        constraint.kind = ConstraintKind::kInfeasible;
        constraint.pattern.mask = RandomSubset(rng, n, 1);
        constraint.pattern.values = rng() & constraint.pattern.mask;
        break;
    }
    c.constraints.push_back(constraint);
  }
  return c;
}

TEST(StateSpace, EnumeratesInAscendingCodeOrder) {
  OptionLayout layout{.option_count = 3, .owned = {0b011, 0b100}};
  Constraint exclusive{.kind = ConstraintKind::kExclusive, .options = 0b011};
  Result<StateSpace> space = StateSpace::Enumerate(layout, {exclusive});
  ASSERT_TRUE(space.has_value()) << space.error().message;
  EXPECT_THAT(std::vector<StateCode>(space->codes().begin(), space->codes().end()),
              ElementsAre(0b000, 0b001, 0b010, 0b100, 0b101, 0b110));
  EXPECT_EQ(space->Pattern(StateId{4}), "YNY");
  EXPECT_EQ(space->Find(0b011), std::nullopt);
  EXPECT_EQ(space->Find(0b110), StateId{5});
  EXPECT_EQ(space->FirstViolatedConstraint(0b011), std::size_t{0});
}

TEST(StateSpace, MovesHonourIrreversibility) {
  // Option 0 forward-irreversible (once Y stays Y), option 1 backward (once N stays N).
  OptionLayout layout{.option_count = 3,
                      .owned = {0b011, 0b100},
                      .forward_irreversible = 0b001,
                      .backward_irreversible = 0b010};
  Result<StateSpace> space = StateSpace::Enumerate(layout, {});
  ASSERT_TRUE(space.has_value());
  // From YYN (code 0b011) actor 0 may only go to YNN: option 0 cannot go back to N.
  EXPECT_THAT(space->Moves(ActorIndex{0}, *space->Find(0b011)), ElementsAre(*space->Find(0b001)));
  // From NNN actor 0 may only switch option 0 on: option 1 cannot become Y again.
  EXPECT_THAT(space->Moves(ActorIndex{0}, *space->Find(0b000)), ElementsAre(*space->Find(0b001)));
  EXPECT_THAT(space->Moves(ActorIndex{1}, *space->Find(0b000)), ElementsAre(*space->Find(0b100)));
}

TEST(StateSpace, RefusesZeroFeasibleStates) {
  OptionLayout layout{.option_count = 2, .owned = {0b01, 0b10}};
  Constraint none{.kind = ConstraintKind::kAtLeastOne, .options = 0b01};
  Constraint never{.kind = ConstraintKind::kInfeasible, .pattern = {0b01, 0b01}};
  Result<StateSpace> space = StateSpace::Enumerate(layout, {none, never});
  ASSERT_FALSE(space.has_value());
  EXPECT_EQ(space.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(space.error().message, ::testing::HasSubstr("no state satisfies every constraint"));
}

TEST(StateSpace, RefusesMoreStatesThanTheLimitWithAnEstimate) {
  OptionLayout layout{.option_count = 40,
                      .owned = {AllOptionsMask(20), AllOptionsMask(40) ^ AllOptionsMask(20)}};
  Result<StateSpace> space = StateSpace::Enumerate(layout, {}, {.max_states = 1000});
  ASSERT_FALSE(space.has_value());
  EXPECT_THAT(space.error().message, ::testing::HasSubstr("more than 1000 feasible states"));
  EXPECT_THAT(space.error().message, ::testing::HasSubstr("about 1.1e+12"));
}

TEST(StateSpace, StopsEnumeratingWhenAStopIsRequested) {
  // Option 0 is refused both ways, which the search (highest option first) learns only at the
  // last option: 2^39 partial states before "no feasible state". A stop ends it early, from
  // another thread once the search is under way, or at once when already requested.
  OptionLayout layout{.option_count = 40,
                      .owned = {AllOptionsMask(20), AllOptionsMask(40) ^ AllOptionsMask(20)}};
  Constraint yes{.kind = ConstraintKind::kInfeasible, .pattern = {0b1, 0b1}};
  Constraint no{.kind = ConstraintKind::kInfeasible, .pattern = {0b1, 0b0}};
  std::stop_source requested;
  requested.request_stop();
  Result<StateSpace> at_once =
      StateSpace::Enumerate(layout, {yes, no}, {.stop = requested.get_token()});
  ASSERT_FALSE(at_once.has_value());
  EXPECT_EQ(at_once.error().code, ErrorCode::kCancelled);
  EXPECT_THAT(at_once.error().message, ::testing::HasSubstr("enumerating the feasible states"));

  std::stop_source later;
  std::jthread stopper([&later] { later.request_stop(); });
  Result<StateSpace> stopped =
      StateSpace::Enumerate(layout, {yes, no}, {.stop = later.get_token()});
  ASSERT_FALSE(stopped.has_value());
  EXPECT_EQ(stopped.error().code, ErrorCode::kCancelled);
}

TEST(StateSpace, PrunesOnConstraintsInsteadOfTestingEveryCombination) {
  // 64 options of which at most one may be Y: 65 feasible states among 2^64 combinations, found
  // only because the search abandons a branch as soon as a second Y appears.
  OptionLayout layout{.option_count = 64, .owned = {AllOptionsMask(32), ~AllOptionsMask(32)}};
  std::vector<Constraint> constraints;
  Constraint at_most_one{.kind = ConstraintKind::kExclusive, .options = ~StateCode{0}};
  constraints.push_back(at_most_one);
  Result<StateSpace> space = StateSpace::Enumerate(layout, constraints);
  ASSERT_TRUE(space.has_value()) << space.error().message;
  EXPECT_EQ(space->size(), 65U);
  EXPECT_EQ(space->code(StateId{64}), StateCode{1} << 63);
  EXPECT_EQ(space->Find(StateCode{1} << 40), StateId{41});
}

TEST(StateSpace, FindsByArithmeticWhenEveryCodeIsFeasible) {
  OptionLayout layout;
  layout.option_count = 5;
  layout.owned = {0b00011, 0b11100};
  Result<StateSpace> space = StateSpace::Enumerate(layout, {});
  ASSERT_TRUE(space.has_value());
  ASSERT_EQ(space->size(), 32u);
  for (StateCode code = 0; code < 32; ++code) {
    ASSERT_EQ(space->Find(code), StateId{static_cast<std::uint32_t>(code)});
  }
  EXPECT_FALSE(space->Find(32).has_value());
  EXPECT_FALSE(space->Find(~StateCode{0}).has_value());
}

TEST(StateSpaceProperty, MatchesBruteForceOnThousandsOfRandomCases) {
  std::mt19937_64 rng(20261129);
  int compared_states = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    const int n = 1 + static_cast<int>(rng() % 9);
    const int deciders = 1 + static_cast<int>(rng() % std::min(n, 4));
    RandomCase c = MakeRandomCase(rng, n, deciders);
    const std::vector<StateCode> expected = BruteForceStates(c.layout, c.constraints);
    Result<StateSpace> space = StateSpace::Enumerate(c.layout, c.constraints);
    if (expected.empty()) {
      EXPECT_FALSE(space.has_value()) << "trial " << trial;
      continue;
    }
    ASSERT_TRUE(space.has_value()) << "trial " << trial << ": " << space.error().message;
    ASSERT_EQ(std::vector<StateCode>(space->codes().begin(), space->codes().end()), expected)
        << "trial " << trial;
    for (std::uint32_t s = 0; s < space->size(); ++s) {
      for (int d = 0; d < deciders; ++d) {
        std::vector<StateCode> moves;
        for (StateId t : space->Moves(ActorIndex{static_cast<std::uint32_t>(d)}, StateId{s})) {
          moves.push_back(space->code(t));
        }
        ASSERT_EQ(moves, BruteForceMoves(c.layout, expected,
                                         ActorIndex{static_cast<std::uint32_t>(d)}, expected[s]))
            << "trial " << trial << " state " << s << " decider " << d;
      }
      ++compared_states;
    }
  }
  EXPECT_GT(compared_states, 10000);
}

TEST(StateSpaceProperty, GroupIndexForDecidersWithManyOptionsMatchesBruteForce) {
  // 16 options: decider 0 owns 14 (above the subset-enumeration limit), decider 1 owns 2.
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 5; ++trial) {
    RandomCase c = MakeRandomCase(rng, 16, 2);
    c.layout.owned = {AllOptionsMask(14), AllOptionsMask(16) ^ AllOptionsMask(14)};
    const std::vector<StateCode> expected = BruteForceStates(c.layout, c.constraints);
    Result<StateSpace> space = StateSpace::Enumerate(c.layout, c.constraints);
    if (expected.empty()) continue;
    ASSERT_TRUE(space.has_value());
    for (int sample = 0; sample < 100; ++sample) {
      const auto s = static_cast<std::uint32_t>(rng() % space->size());
      for (std::uint32_t d = 0; d < 2; ++d) {
        std::vector<StateCode> moves;
        for (StateId t : space->Moves(ActorIndex{d}, StateId{s})) moves.push_back(space->code(t));
        ASSERT_EQ(moves, BruteForceMoves(c.layout, expected, ActorIndex{d}, expected[s]));
      }
    }
  }
}

}  // namespace
}  // namespace mend
