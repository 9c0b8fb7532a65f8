// SPDX-License-Identifier: Apache-2.0
//
// Property tests of coalition analysis (lib/mend/stability/coalition.hpp): against the literal
// definitions (brute_force_coalition.hpp) for every coalition of 1,000 random small conflicts,
// and against the individual stability engine for coalitions of one decider.
#include "brute_force_coalition.hpp"
#include "random_conflict.hpp"
#include <gtest/gtest.h>

#include "mend/stability/coalition.hpp"
#include "mend/stability/stability.hpp"

namespace mend {
namespace {

// Conflicts small enough for the brute force to visit every coalition and state.
constexpr std::size_t kMaxStatesForBruteForce = 32;

TEST(CoalitionProperty, EveryCoalitionMatchesLiteralDefinitionsOnRandomConflicts) {
  int checked = 0;
  for (std::uint64_t seed = 1; checked < 1000; ++seed) {
    const testkit::RandomConflict conflict = testkit::MakeRandomConflict(seed);
    if (conflict.space.size() > kMaxStatesForBruteForce) continue;
    ++checked;
    const std::vector<CoalitionMembers> coalitions = AllCoalitions(conflict.deciders);
    Result<CoalitionReport> report =
        AnalyzeCoalitions(conflict.space, conflict.utilities, conflict.deciders, coalitions, {});
    ASSERT_TRUE(report.has_value()) << report.error().message;
    testkit::BruteForceCoalitions brute(conflict.space, conflict.utilities, conflict.deciders);
    for (StabilityConcept c : kAllStabilityConcepts) {
      for (std::size_t h = 0; h < coalitions.size(); ++h) {
        for (std::uint32_t s = 0; s < conflict.space.size(); ++s) {
          ASSERT_EQ(report->IsStable(c, h, StateId{s}),
                    brute.IsStable(c, coalitions[h], StateId{s}))
              << "seed " << seed << " concept " << StabilityConceptName(c) << " coalition " << h
              << " state " << conflict.space.Pattern(StateId{s});
        }
      }
    }
  }
}

TEST(CoalitionProperty, CoalitionsOfOneDeciderGiveIndividualStability) {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    const testkit::RandomConflict conflict = testkit::MakeRandomConflict(seed);
    std::vector<CoalitionMembers> singletons;
    for (ActorIndex d : conflict.deciders) singletons.push_back({d});
    Result<CoalitionReport> coalitional =
        AnalyzeCoalitions(conflict.space, conflict.utilities, conflict.deciders, singletons, {});
    ASSERT_TRUE(coalitional.has_value()) << coalitional.error().message;
    StabilityOptions options;
    options.threads = 1;
    Result<StabilityReport> individual =
        AnalyzeStability(conflict.space, conflict.utilities, conflict.deciders, options);
    ASSERT_TRUE(individual.has_value()) << individual.error().message;
    for (StabilityConcept c : kAllStabilityConcepts) {
      for (std::size_t d = 0; d < conflict.deciders.size(); ++d) {
        for (std::uint32_t s = 0; s < conflict.space.size(); ++s) {
          ASSERT_EQ(coalitional->IsStable(c, d, StateId{s}), individual->IsStable(c, d, StateId{s}))
              << "seed " << seed << " concept " << StabilityConceptName(c) << " decider " << d
              << " state " << conflict.space.Pattern(StateId{s});
        }
      }
    }
  }
}

TEST(CoalitionProperty, GrandCoalitionIsStableOnlyWhereNoStateIsBetterForAll) {
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    const testkit::RandomConflict conflict = testkit::MakeRandomConflict(seed);
    const std::vector<CoalitionMembers> grand = {conflict.deciders};
    Result<CoalitionReport> report =
        AnalyzeCoalitions(conflict.space, conflict.utilities, conflict.deciders, grand, {});
    ASSERT_TRUE(report.has_value()) << report.error().message;
    // With nobody outside the coalition there is no sanction: every concept is Nash.
    for (std::uint32_t s = 0; s < conflict.space.size(); ++s) {
      const bool nash = report->IsStable(StabilityConcept::kNash, 0, StateId{s});
      for (StabilityConcept c : kAllStabilityConcepts) {
        EXPECT_EQ(report->IsStable(c, 0, StateId{s}), nash) << "seed " << seed;
      }
    }
  }
}

}  // namespace
}  // namespace mend
