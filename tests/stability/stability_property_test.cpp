// SPDX-License-Identifier: Apache-2.0
//
// Property tests: the fast stability engine against the literal definitions
// (brute_force_stability.hpp) on thousands of random conflicts — 2 to 5 deciders, up to 8
// options, random infeasible patterns, forward and backward irreversibility, tied utilities
// and indifference thresholds — under both sanction rules.
#include <algorithm>
#include <deque>
#include <random>
#include <set>

#include "brute_force_stability.hpp"
#include "random_conflict.hpp"
#include "reference_status_quo.hpp"
#include <gtest/gtest.h>

#include "mend/stability/internal/closure.hpp"
#include "mend/stability/internal/improvement_search.hpp"
#include "mend/stability/internal/move_groups.hpp"
#include "mend/stability/internal/opponent_closure.hpp"
#include "mend/stability/stability.hpp"
#include "mend/stability/status_quo_analysis.hpp"

namespace mend {
namespace {

using testkit::MakeRandomConflict;
using testkit::RandomConflict;
using Shape = testkit::RandomConflictShape;

void ExpectSameAsBruteForce(const RandomConflict& conflict, SanctionRule rule, unsigned threads,
                            std::uint64_t seed) {
  StabilityOptions options;
  options.sanctions = rule;
  options.threads = threads;
  Result<StabilityReport> report =
      AnalyzeStability(conflict.space, conflict.utilities, conflict.deciders, options);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  testkit::BruteForceStability brute(conflict.space, conflict.utilities, conflict.deciders, rule);
  for (StabilityConcept c : kAllStabilityConcepts) {
    for (std::size_t d = 0; d < conflict.deciders.size(); ++d) {
      for (std::uint32_t s = 0; s < conflict.space.size(); ++s) {
        ASSERT_EQ(report->IsStable(c, d, StateId{s}), brute.IsStable(c, d, StateId{s}))
            << "seed " << seed << " rule " << SanctionRuleName(rule) << " concept "
            << StabilityConceptName(c) << " decider " << d << " state "
            << conflict.space.Pattern(StateId{s});
      }
    }
  }
}

TEST(StabilityProperty, TextbookRuleMatchesLiteralDefinitionsOnRandomConflicts) {
  for (std::uint64_t seed = 1; seed <= 2000; ++seed) {
    const RandomConflict conflict = MakeRandomConflict(seed);
    ExpectSameAsBruteForce(conflict, SanctionRule::kTextbook, static_cast<unsigned>(1 + seed % 3),
                           seed);
    if (HasFatalFailure()) return;
  }
}

TEST(StabilityProperty, GmcrPlusRuleMatchesLiteralDefinitionsOnRandomConflicts) {
  for (std::uint64_t seed = 5001; seed <= 7000; ++seed) {
    const RandomConflict conflict = MakeRandomConflict(seed);
    ExpectSameAsBruteForce(conflict, SanctionRule::kGmcrPlus, static_cast<unsigned>(1 + seed % 3),
                           seed);
    if (HasFatalFailure()) return;
  }
}

// A decider with many options: its moves come in large groups, which the engine handles by
// sorted subgroups rather than by enumerating them (the focal tests and SMR's values).
TEST(StabilityProperty, TextbookRuleMatchesLiteralDefinitionsWhenOneDeciderHasManyOptions) {
  for (std::uint64_t seed = 30001; seed <= 30300; ++seed) {
    const RandomConflict conflict = MakeRandomConflict(seed, Shape::kLopsided);
    ExpectSameAsBruteForce(conflict, SanctionRule::kTextbook, static_cast<unsigned>(1 + seed % 3),
                           seed);
    if (HasFatalFailure()) return;
  }
}

TEST(StabilityProperty, GmcrPlusRuleMatchesLiteralDefinitionsWhenOneDeciderHasManyOptions) {
  for (std::uint64_t seed = 40001; seed <= 40300; ++seed) {
    const RandomConflict conflict = MakeRandomConflict(seed, Shape::kLopsided);
    ExpectSameAsBruteForce(conflict, SanctionRule::kGmcrPlus, static_cast<unsigned>(1 + seed % 3),
                           seed);
    if (HasFatalFailure()) return;
  }
}

// Many deciders and long runs of tied utilities: the closures by sweeps read improvements from
// suffix minima (no edge per tied member) and take the commuting shortcut when every code is
// feasible (half of these conflicts).
TEST(StabilityProperty, TextbookRuleMatchesLiteralDefinitionsOnTiedBandsAndManyDeciders) {
  for (std::uint64_t seed = 70001; seed <= 70400; ++seed) {
    const RandomConflict conflict = MakeRandomConflict(seed, Shape::kTiedBands);
    ExpectSameAsBruteForce(conflict, SanctionRule::kTextbook, static_cast<unsigned>(1 + seed % 3),
                           seed);
    if (HasFatalFailure()) return;
  }
}

// The closures by sweeps, and the general closure they fall back to when they do not settle
// (forced here by allowing no sweep), against Tarjan's closure over the sparse edges.
TEST(StabilityProperty, SweptClosuresMatchTarjansClosure) {
  for (std::uint64_t seed = 80001; seed <= 80600; ++seed) {
    const Shape shape =
        seed % 3 == 0 ? Shape::kTiedBands : (seed % 3 == 1 ? Shape::kMixed : Shape::kLopsided);
    const RandomConflict conflict = MakeRandomConflict(seed, shape);
    const std::size_t n = conflict.deciders.size();
    std::vector<internal::MoveGroups> groups;
    for (ActorIndex d : conflict.deciders) {
      groups.emplace_back(conflict.space, d, conflict.utilities.utility[d.value],
                          conflict.utilities.indifference[d.value]);
    }
    const auto count = static_cast<std::uint32_t>(conflict.space.size());
    for (std::size_t focal = 0; focal < n; ++focal) {
      std::vector<const internal::MoveGroups*> opponents;
      for (std::size_t d = 0; d < n; ++d) {
        if (d != focal) opponents.push_back(&groups[d]);
      }
      const std::vector<double>& u = conflict.utilities.utility[conflict.deciders[focal].value];
      auto weight = [&](std::uint32_t x) { return std::array<double, 1>{u[x]}; };
      for (bool improvements : {false, true}) {
        std::vector<internal::ClosureNode<1>> tarjan;
        ASSERT_TRUE(internal::MinOverClosure<1>(count,
                                                [&](std::uint32_t x, auto&& emit) {
                                                  for (const internal::MoveGroups* g : opponents) {
                                                    if (improvements) {
                                                      g->ForEachImprovement(x, emit);
                                                    } else {
                                                      g->ForEachEdge(x, emit);
                                                    }
                                                  }
                                                },
                                                weight, tarjan, {}));
        for (std::size_t rounds : {internal::kSweepRoundsBeforeGivingUp, std::size_t{0}}) {
          std::vector<std::array<double, 1>> values;
          ASSERT_TRUE(internal::MinOverOpponentClosure<1>(opponents, conflict.space, improvements,
                                                          weight, values, rounds, {}));
          for (std::uint32_t x = 0; x < count; ++x) {
            ASSERT_EQ(values[x][0], tarjan[x].value[0])
                << "seed " << seed << " focal " << focal << " improvements " << improvements
                << " rounds " << rounds << " state " << conflict.space.Pattern(StateId{x});
          }
        }
      }
    }
  }
}

// The engine relies on plain closures of the opponents' move (and improvement) graphs reaching
// the same states, other than the start, as legal sequences (proof in stability.cpp). Check
// that claim itself against the literal search.
TEST(StabilityProperty, PlainClosureReachesTheSameStatesAsLegalSequences) {
  for (std::uint64_t seed = 9001; seed <= 9600; ++seed) {
    const RandomConflict conflict = MakeRandomConflict(seed);
    testkit::BruteForceStability brute(conflict.space, conflict.utilities, conflict.deciders,
                                       SanctionRule::kTextbook);
    const std::size_t n = conflict.deciders.size();
    for (std::size_t focal = 0; focal < n; ++focal) {
      for (bool improvements : {false, true}) {
        for (std::uint32_t start = 0; start < conflict.space.size(); ++start) {
          std::vector<bool> plain(conflict.space.size(), false);
          std::deque<std::uint32_t> queue{start};
          std::vector<bool> queued(conflict.space.size(), false);
          queued[start] = true;
          while (!queue.empty()) {
            const std::uint32_t x = queue.front();
            queue.pop_front();
            for (std::size_t j = 0; j < n; ++j) {
              if (j == focal) continue;
              const ActorIndex mover = conflict.deciders[j];
              for (StateId t : brute.Moves(mover, StateId{x})) {
                if (improvements && !conflict.utilities.Prefers(mover, t, StateId{x})) continue;
                plain[t.value] = true;
                if (!queued[t.value]) {
                  queued[t.value] = true;
                  queue.push_back(t.value);
                }
              }
            }
          }
          std::vector<bool> legal = brute.Sanctions(focal, StateId{start}, improvements);
          plain[start] = legal[start] = false;
          ASSERT_EQ(plain, legal) << "seed " << seed << " focal " << focal << " start " << start;
        }
      }
    }
  }
}

TEST(StabilityProperty, ResultsDoNotDependOnTheThreadCount) {
  for (std::uint64_t seed = 100; seed <= 140; ++seed) {
    const RandomConflict conflict = MakeRandomConflict(seed);
    StabilityOptions one;
    one.threads = 1;
    StabilityOptions four;
    four.threads = 4;
    Result<StabilityReport> a =
        AnalyzeStability(conflict.space, conflict.utilities, conflict.deciders, one);
    Result<StabilityReport> b =
        AnalyzeStability(conflict.space, conflict.utilities, conflict.deciders, four);
    ASSERT_TRUE(a && b);
    for (StabilityConcept c : kAllStabilityConcepts) {
      for (std::size_t d = 0; d < conflict.deciders.size(); ++d) {
        EXPECT_EQ(a->StableStates(c, d), b->StableStates(c, d));
      }
    }
  }
}

// Conflicts of 4096 states and more run on worker threads (smaller ones stay on the calling
// thread, as do single-threaded runs without a progress callback): same results either way.
TEST(StabilityProperty, ThreadedRunsMatchTheSingleThreadedRunOnLargerConflicts) {
  for (std::uint64_t seed = 50001; seed <= 50006; ++seed) {
    std::mt19937_64 rng(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const int deciders = pick(2, 4);
    const int option_count = pick(12, 14);
    OptionLayout layout;
    layout.option_count = option_count;
    layout.owned.assign(static_cast<std::size_t>(deciders), 0);
    for (int k = 0; k < option_count; ++k) {
      layout.owned[static_cast<std::size_t>(k < deciders ? k : pick(0, deciders - 1))] |=
          StateCode{1} << k;
      const int kind = pick(0, 5);
      if (kind == 0) layout.forward_irreversible |= StateCode{1} << k;
      if (kind == 1) layout.backward_irreversible |= StateCode{1} << k;
    }
    Result<StateSpace> space = StateSpace::Enumerate(layout, {});
    ASSERT_TRUE(space.has_value());
    UtilityTable utilities;
    std::vector<ActorIndex> ids;
    for (int a = 0; a < deciders; ++a) {
      std::vector<double> u(space->size());
      for (double& value : u) value = pick(0, 20);
      utilities.utility.push_back(std::move(u));
      utilities.indifference.push_back(a % 2 == 0 ? 0.0 : 1.0);
      utilities.cardinal.push_back(true);
      ids.push_back(ActorIndex{static_cast<std::uint32_t>(a)});
    }
    StabilityOptions inline_run;
    inline_run.threads = 1;
    Result<StabilityReport> expected = AnalyzeStability(*space, utilities, ids, inline_run);
    ASSERT_TRUE(expected.has_value());
    for (unsigned threads : {1u, 2u, 3u}) {
      StabilityOptions options;
      options.threads = threads;
      std::uint64_t last_done = 0;
      std::uint64_t last_total = 0;
      Result<StabilityReport> report = AnalyzeStability(
          *space, utilities, ids, options, {}, [&](std::uint64_t done, std::uint64_t total) {
            last_done = done;
            last_total = total;
          });
      ASSERT_TRUE(report.has_value());
      EXPECT_GT(last_total, 0u);
      EXPECT_EQ(last_done, last_total);
      for (StabilityConcept c : kAllStabilityConcepts) {
        for (std::size_t d = 0; d < ids.size(); ++d) {
          ASSERT_EQ(report->StableStates(c, d), expected->StableStates(c, d))
              << "seed " << seed << " threads " << threads;
        }
      }
    }
  }
}

// The improvement evolution against a literal search over every improvement, on conflicts where
// one decider has many options (those use the sparse stand-in of MoveGroups) and mixed ones.
TEST(StabilityProperty, ImprovementEvolutionReachesWhatSingleImprovementsReach) {
  for (std::uint64_t seed = 60001; seed <= 60400; ++seed) {
    const RandomConflict conflict =
        MakeRandomConflict(seed, seed % 2 == 0 ? Shape::kLopsided : Shape::kMixed);
    testkit::BruteForceStability brute(conflict.space, conflict.utilities, conflict.deciders,
                                       SanctionRule::kTextbook);
    const StateId start{static_cast<std::uint32_t>(seed % conflict.space.size())};
    Result<std::vector<StateId>> fast =
        ImprovementEvolution(conflict.space, conflict.utilities, conflict.deciders, start);
    ASSERT_TRUE(fast.has_value());
    std::vector<bool> reached(conflict.space.size(), false);
    std::deque<StateId> queue{start};
    reached[start.value] = true;
    while (!queue.empty()) {
      const StateId x = queue.front();
      queue.pop_front();
      for (ActorIndex mover : conflict.deciders) {
        for (StateId t : brute.Moves(mover, x)) {
          if (!conflict.utilities.Prefers(mover, t, x) || reached[t.value]) continue;
          reached[t.value] = true;
          queue.push_back(t);
        }
      }
    }
    std::vector<StateId> literal;
    for (std::uint32_t s = 0; s < conflict.space.size(); ++s) {
      if (reached[s]) literal.push_back(StateId{s});
    }
    ASSERT_EQ(*fast, literal) << "seed " << seed;
  }
}

// Best-response dynamics against a direct transcription of the rule in analyses.md.
TEST(StabilityProperty, BestResponseDynamicsFollowTheLiteralRule) {
  for (std::uint64_t seed = 20001; seed <= 21000; ++seed) {
    const RandomConflict conflict = MakeRandomConflict(seed);
    testkit::BruteForceStability brute(conflict.space, conflict.utilities, conflict.deciders,
                                       SanctionRule::kTextbook);
    const StateId start{static_cast<std::uint32_t>(seed % conflict.space.size())};
    Result<BestResponsePath> fast =
        BestResponseDynamics(conflict.space, conflict.utilities, conflict.deciders, start);
    ASSERT_TRUE(fast.has_value());
    // Literal: remember every (state, turn) with the path so far; stop on a full round of passes.
    const std::size_t n = conflict.deciders.size();
    std::vector<StateId> path{start};
    std::set<std::pair<std::uint32_t, std::size_t>> seen;
    StateId current = start;
    std::size_t turn = 0;
    std::size_t passes = 0;
    bool cycle = false;
    while (passes < n) {
      if (!seen.insert({current.value, turn}).second) {
        cycle = true;
        break;
      }
      const ActorIndex mover = conflict.deciders[turn];
      std::vector<StateId> best;
      double best_utility = 0;
      for (StateId t : brute.Moves(mover, current)) {
        if (!conflict.utilities.Prefers(mover, t, current)) continue;
        const double u = conflict.utilities.at(mover, t);
        if (best.empty() || u > best_utility) {
          best = {t};
          best_utility = u;
        } else if (u == best_utility) {
          best.push_back(t);
        }
      }
      if (best.empty()) {
        ++passes;
      } else {
        current = *std::min_element(best.begin(), best.end());
        path.push_back(current);
        passes = 0;
      }
      turn = (turn + 1) % n;
    }
    EXPECT_EQ(fast->cycle, cycle) << "seed " << seed;
    EXPECT_EQ(fast->path, path) << "seed " << seed;
    if (!cycle) {
      ASSERT_TRUE(fast->end.has_value());
      EXPECT_EQ(*fast->end, current);
    }
  }
}

// The near-linear evolution (each state emitted once per decider, sweeps in id order) against
// the first, straightforward search it replaced, from several starts per conflict.
TEST(StabilityProperty, ImprovementEvolutionMatchesTheStraightforwardSearch) {
  for (std::uint64_t seed = 70001; seed <= 70600; ++seed) {
    const RandomConflict conflict =
        MakeRandomConflict(seed, seed % 3 == 0 ? Shape::kLopsided : Shape::kMixed);
    for (std::uint32_t k = 0; k < 4; ++k) {
      const StateId start{static_cast<std::uint32_t>((seed + 7 * k) % conflict.space.size())};
      Result<std::vector<StateId>> fast =
          ImprovementEvolution(conflict.space, conflict.utilities, conflict.deciders, start);
      ASSERT_TRUE(fast.has_value());
      ASSERT_EQ(*fast, testkit::ReferenceImprovementEvolution(conflict.space, conflict.utilities,
                                                              conflict.deciders, start))
          << "seed " << seed << " start " << start.value;
    }
  }
}

// Best responses from the deciders' sorted moves (what AnalyzeStatusQuo walks) against the
// scan of every move at each step (BestResponseDynamics), from every state.
TEST(StabilityProperty, BestResponsesFromSortedMovesMatchTheScan) {
  for (std::uint64_t seed = 80001; seed <= 80500; ++seed) {
    const RandomConflict conflict =
        MakeRandomConflict(seed, seed % 3 == 0 ? Shape::kLopsided : Shape::kMixed);
    std::vector<internal::MoveGroups> groups;
    for (ActorIndex d : conflict.deciders) {
      groups.emplace_back(conflict.space, d, conflict.utilities.utility[d.value],
                          conflict.utilities.indifference[d.value]);
    }
    for (std::uint32_t s = 0; s < conflict.space.size(); ++s) {
      Result<BestResponsePath> scan =
          BestResponseDynamics(conflict.space, conflict.utilities, conflict.deciders, StateId{s});
      Result<BestResponsePath> sorted = internal::WalkBestResponses(
          groups.size(), StateId{s},
          [&](std::size_t turn, StateId x) { return groups[turn].BestImprovement(x.value); }, {});
      ASSERT_TRUE(scan.has_value() && sorted.has_value());
      ASSERT_EQ(sorted->path, scan->path) << "seed " << seed << " start " << s;
      ASSERT_EQ(sorted->movers, scan->movers) << "seed " << seed << " start " << s;
      ASSERT_EQ(sorted->cycle, scan->cycle) << "seed " << seed << " start " << s;
      ASSERT_EQ(sorted->cycle_states, scan->cycle_states) << "seed " << seed << " start " << s;
      ASSERT_EQ(sorted->end, scan->end) << "seed " << seed << " start " << s;
    }
  }
}

}  // namespace
}  // namespace mend
