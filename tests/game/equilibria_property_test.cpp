// SPDX-License-Identifier: Apache-2.0
//
// The game engine against the literal references on random games: pure equilibria of 2- to
// 5-player games, and the mixed equilibria of two-player games of shapes 2x2 ... 7x7.
#include <algorithm>
#include <random>

#include "reference_equilibria.hpp"
#include <gtest/gtest.h>

#include "mend/game/mixed_equilibria.hpp"
#include "mend/game/pure_equilibria.hpp"

namespace mend {
namespace {

NormalFormGame RandomGame(std::mt19937_64& random, const std::vector<std::size_t>& counts, int low,
                          int high, bool fractions) {
  std::uniform_int_distribution<int> numerator(low, high);
  std::uniform_int_distribution<int> denominator(1, 7);
  std::vector<std::string> players;
  std::vector<std::vector<std::string>> strategies;
  std::uint64_t profiles = 1;
  for (std::size_t p = 0; p < counts.size(); ++p) {
    players.push_back("P" + std::to_string(p + 1));
    strategies.emplace_back(counts[p], "");
    profiles *= counts[p];
  }
  std::vector<Rational> payoffs;
  for (std::uint64_t k = 0; k < profiles * counts.size(); ++k) {
    Rational value(numerator(random), fractions ? denominator(random) : 1);
    value.canonicalize();
    payoffs.push_back(value);
  }
  return NormalFormGame::Create("random", players, strategies, payoffs).value();
}

TEST(FindPureEquilibria, AgreesWithCheckingEveryDeviationOnRandomGames) {
  std::mt19937_64 random(20261130);
  std::uniform_int_distribution<int> player_count(2, 5);
  std::uniform_int_distribution<std::size_t> strategy_count(1, 4);
  int games_with_equilibria = 0;
  for (int game_number = 0; game_number < 240; ++game_number) {
    std::vector<std::size_t> counts(static_cast<std::size_t>(player_count(random)));
    for (auto& count : counts) count = strategy_count(random);
    const NormalFormGame game = RandomGame(random, counts, -2, 2, false);

    Result<std::vector<PureEquilibrium>> found = FindPureEquilibria(game);

    ASSERT_TRUE(found.has_value());
    std::vector<std::vector<std::size_t>> profiles;
    for (const PureEquilibrium& e : *found) {
      profiles.push_back(e.profile);
      const std::uint64_t index = game.ProfileIndex(e.profile);
      for (std::size_t p = 0; p < game.player_count(); ++p) {
        EXPECT_EQ(e.payoffs[p], game.payoff(index, p));
      }
    }
    EXPECT_EQ(profiles, testkit::ReferencePureEquilibria(game)) << "game " << game_number;
    games_with_equilibria += profiles.empty() ? 0 : 1;
  }
  EXPECT_GT(games_with_equilibria, 0);
}

std::vector<std::vector<std::vector<Rational>>> Sorted(
    std::vector<std::vector<std::vector<Rational>>> list) {
  std::sort(list.begin(), list.end());
  return list;
}

TEST(FindMixedEquilibria, AgreesWithSupportEnumerationOnRandomNondegenerateGames) {
  std::mt19937_64 random(42);
  int compared = 0;
  for (std::size_t m = 2; m <= 7; ++m) {
    for (std::size_t n = 2; n <= 7; ++n) {
      for (int repeat = 0; repeat < 6; ++repeat) {
        // Payoffs from a wide range of fractions: nondegenerate with high probability.
        const NormalFormGame game = RandomGame(random, {m, n}, -60, 60, true);

        Result<MixedEquilibria> found = FindMixedEquilibria(game);

        ASSERT_TRUE(found.has_value()) << found.error().message;
        std::vector<std::vector<std::vector<Rational>>> mine;
        for (const MixedEquilibrium& e : found->equilibria) mine.push_back(e.profile);
        for (const auto& profile : mine) {
          EXPECT_TRUE(testkit::IsMixedEquilibrium(game, profile[0], profile[1]));
        }
        if (found->degenerate) continue;  // support enumeration is complete only otherwise
        EXPECT_EQ(Sorted(mine), Sorted(testkit::ReferenceSupportEnumeration(game)))
            << m << "x" << n << " game " << repeat;
        ++compared;
      }
    }
  }
  EXPECT_GE(compared, 200);
}

TEST(FindMixedEquilibria, FindsEveryExtremeEquilibriumOfRandomDegenerateGames) {
  std::mt19937_64 random(7);
  int degenerate = 0;
  for (std::size_t m = 2; m <= 5; ++m) {
    for (std::size_t n = 2; n <= 5; ++n) {
      for (int repeat = 0; repeat < 4; ++repeat) {
        const NormalFormGame game = RandomGame(random, {m, n}, -1, 1, false);

        Result<MixedEquilibria> found = FindMixedEquilibria(game);

        ASSERT_TRUE(found.has_value()) << found.error().message;
        degenerate += found->degenerate ? 1 : 0;
        for (const MixedEquilibrium& e : found->equilibria) {
          EXPECT_TRUE(testkit::IsMixedEquilibrium(game, e.profile[0], e.profile[1]));
        }
        // Every pure equilibrium is extreme, so it must be listed.
        for (const auto& pure : testkit::ReferencePureEquilibria(game)) {
          std::vector<Rational> x(m, Rational(0));
          std::vector<Rational> y(n, Rational(0));
          x[pure[0]] = 1;
          y[pure[1]] = 1;
          const bool listed = std::any_of(
              found->equilibria.begin(), found->equilibria.end(),
              [&](const MixedEquilibrium& e) { return e.profile[0] == x && e.profile[1] == y; });
          EXPECT_TRUE(listed) << m << "x" << n << " pure (" << pure[0] << "," << pure[1] << ")";
        }
        std::vector<std::vector<std::vector<Rational>>> mine;
        for (const MixedEquilibrium& e : found->equilibria) mine.push_back(e.profile);
        EXPECT_EQ(Sorted(mine), Sorted(testkit::ReferenceExtremeEquilibria(game)))
            << m << "x" << n << " game " << repeat;
      }
    }
  }
  EXPECT_GT(degenerate, 0);
}

}  // namespace
}  // namespace mend
