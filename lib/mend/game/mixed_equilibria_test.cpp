// SPDX-License-Identifier: Apache-2.0
//
// Classic games whose equilibria are known from the literature.
#include "mend/game/mixed_equilibria.hpp"

#include <gtest/gtest.h>

namespace mend {
namespace {

// A two-player game from row-major tables: a[i][j], b[i][j] for row i, column j.
NormalFormGame Bimatrix(const std::vector<std::vector<Rational>>& a,
                        const std::vector<std::vector<Rational>>& b) {
  const std::size_t m = a.size();
  const std::size_t n = a.front().size();
  std::vector<Rational> payoffs;
  for (std::size_t j = 0; j < n; ++j) {
    for (std::size_t i = 0; i < m; ++i) {
      payoffs.push_back(a[i][j]);
      payoffs.push_back(b[i][j]);
    }
  }
  return NormalFormGame::Create("", {"Row", "Column"},
                                {std::vector<std::string>(m), std::vector<std::string>(n)}, payoffs)
      .value();
}

Rational Q(long p, long q = 1) { return Rational(p, static_cast<unsigned long>(q)); }

MixedEquilibrium Equilibrium(std::vector<Rational> x, std::vector<Rational> y,
                             std::vector<Rational> payoffs) {
  return MixedEquilibrium{{std::move(x), std::move(y)}, std::move(payoffs)};
}

TEST(FindMixedEquilibria, MatchingPenniesHasOnlyTheHalfHalfEquilibrium) {
  const NormalFormGame game = Bimatrix({{1, -1}, {-1, 1}}, {{-1, 1}, {1, -1}});

  Result<MixedEquilibria> found = FindMixedEquilibria(game);

  ASSERT_TRUE(found.has_value()) << found.error().message;
  EXPECT_FALSE(found->degenerate);
  ASSERT_EQ(found->equilibria.size(), 1U);
  EXPECT_EQ(found->equilibria[0], Equilibrium({Q(1, 2), Q(1, 2)}, {Q(1, 2), Q(1, 2)}, {0, 0}));
}

TEST(FindMixedEquilibria, BattleOfTheSexesHasTwoPureAndOneMixedEquilibrium) {
  const NormalFormGame game = Bimatrix({{2, 0}, {0, 1}}, {{1, 0}, {0, 2}});

  Result<MixedEquilibria> found = FindMixedEquilibria(game);

  ASSERT_TRUE(found.has_value()) << found.error().message;
  EXPECT_FALSE(found->degenerate);
  const std::vector<MixedEquilibrium> expected{
      Equilibrium({0, 1}, {0, 1}, {1, 2}),
      Equilibrium({Q(2, 3), Q(1, 3)}, {Q(1, 3), Q(2, 3)}, {Q(2, 3), Q(2, 3)}),
      Equilibrium({1, 0}, {1, 0}, {2, 1}),
  };
  EXPECT_EQ(found->equilibria, expected);
}

TEST(FindMixedEquilibria, ThreeByThreeGameHasItsThreeEquilibria) {
  // von Stengel (Handbook of Game Theory 3, ch. 45, Figure 2) with a third column that the
  // column player never plays (strictly dominated): equilibria as in the 3x2 original.
  const NormalFormGame game =
      Bimatrix({{3, 3, 1}, {2, 5, 4}, {0, 6, 2}}, {{3, 2, 0}, {2, 6, 0}, {3, 1, 0}});

  Result<MixedEquilibria> found = FindMixedEquilibria(game);

  ASSERT_TRUE(found.has_value()) << found.error().message;
  EXPECT_FALSE(found->degenerate);
  const std::vector<MixedEquilibrium> expected{
      Equilibrium({0, Q(1, 3), Q(2, 3)}, {Q(1, 3), Q(2, 3), 0}, {4, Q(8, 3)}),
      Equilibrium({Q(4, 5), Q(1, 5), 0}, {Q(2, 3), Q(1, 3), 0}, {3, Q(14, 5)}),
      Equilibrium({1, 0, 0}, {1, 0, 0}, {3, 3}),
  };
  EXPECT_EQ(found->equilibria, expected);
}

TEST(FindMixedEquilibria, DegenerateGameListsEveryExtremeEquilibriumAndSaysSo) {
  // von Stengel's degenerate variant: against the first row both columns are best responses.
  const NormalFormGame game = Bimatrix({{3, 3}, {2, 5}, {0, 6}}, {{3, 3}, {2, 6}, {3, 1}});

  Result<MixedEquilibria> found = FindMixedEquilibria(game);

  ASSERT_TRUE(found.has_value()) << found.error().message;
  EXPECT_TRUE(found->degenerate);
  const std::vector<MixedEquilibrium> expected{
      Equilibrium({0, Q(1, 3), Q(2, 3)}, {Q(1, 3), Q(2, 3)}, {4, Q(8, 3)}),
      Equilibrium({1, 0, 0}, {Q(2, 3), Q(1, 3)}, {3, 3}),
      Equilibrium({1, 0, 0}, {1, 0}, {3, 3}),
  };
  EXPECT_EQ(found->equilibria, expected);
}

TEST(FindMixedEquilibria, RefusesAThreePlayerGame) {
  const NormalFormGame game =
      NormalFormGame::Create("g", {"A", "B", "C"}, {{"a"}, {"b"}, {"c"}}, {0, 0, 0}).value();

  Result<MixedEquilibria> found = FindMixedEquilibria(game);

  ASSERT_FALSE(found.has_value());
  EXPECT_EQ(found.error().code, ErrorCode::kInvalidArgument);
}

TEST(FindMixedEquilibria, RefusesAGameBeyondTheBasisLimit) {
  // Constant payoffs: every vertex ties every best response, so it has one basis per row.
  const NormalFormGame game =
      Bimatrix(std::vector<std::vector<Rational>>(6, std::vector<Rational>(6, 1)),
               std::vector<std::vector<Rational>>(6, std::vector<Rational>(6, 1)));

  Result<MixedEquilibria> found = FindMixedEquilibria(game, MixedOptions{.max_bases = 10});

  ASSERT_FALSE(found.has_value());
  EXPECT_EQ(found.error().code, ErrorCode::kInvalidArgument);
}

TEST(FindMixedEquilibria, ReturnsCancelledWhenStopIsRequested) {
  const NormalFormGame game = Bimatrix({{1, -1}, {-1, 1}}, {{-1, 1}, {1, -1}});
  std::stop_source stop;
  stop.request_stop();

  Result<MixedEquilibria> found = FindMixedEquilibria(game, {}, stop.get_token());

  ASSERT_FALSE(found.has_value());
  EXPECT_EQ(found.error().code, ErrorCode::kCancelled);
}

}  // namespace
}  // namespace mend
