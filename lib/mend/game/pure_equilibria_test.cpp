// SPDX-License-Identifier: Apache-2.0
#include "mend/game/pure_equilibria.hpp"

#include <gtest/gtest.h>

namespace mend {
namespace {

TEST(FindPureEquilibria, PrisonersDilemmaHasMutualDefectionOnly) {
  // Strategies: cooperate, defect. Payoffs (row, column) profile by profile.
  const NormalFormGame game =
      NormalFormGame::Create("PD", {"Row", "Column"}, {{"C", "D"}, {"C", "D"}},
                             {3, 3, 5, 0, 0, 5, 1, 1})
          .value();

  Result<std::vector<PureEquilibrium>> found = FindPureEquilibria(game);

  ASSERT_TRUE(found.has_value());
  ASSERT_EQ(found->size(), 1U);
  EXPECT_EQ(found->front().profile, (std::vector<std::size_t>{1, 1}));
  EXPECT_EQ(found->front().payoffs, (std::vector<Rational>{1, 1}));
}

TEST(FindPureEquilibria, ThreePlayerUnanimityGameHasBothUnanimousProfiles) {
  // Each of three players earns 1 when all three choose alike, else 0.
  std::vector<Rational> payoffs;
  for (int profile = 0; profile < 8; ++profile) {
    const bool unanimous = profile == 0 || profile == 7;
    for (int player = 0; player < 3; ++player) payoffs.push_back(unanimous ? 1 : 0);
  }
  const NormalFormGame game = NormalFormGame::Create("unanimity", {"A", "B", "C"},
                                                     {{"x", "y"}, {"x", "y"}, {"x", "y"}}, payoffs)
                                  .value();

  Result<std::vector<PureEquilibrium>> found = FindPureEquilibria(game);

  ASSERT_TRUE(found.has_value());
  ASSERT_EQ(found->size(), 2U);
  EXPECT_EQ((*found)[0].profile, (std::vector<std::size_t>{0, 0, 0}));
  EXPECT_EQ((*found)[1].profile, (std::vector<std::size_t>{1, 1, 1}));
}

TEST(FindPureEquilibria, ReturnsCancelledWhenStopIsRequested) {
  const NormalFormGame game =
      NormalFormGame::Create("g", {"A", "B"}, {{"a"}, {"b"}}, {0, 0}).value();
  std::stop_source stop;
  stop.request_stop();

  Result<std::vector<PureEquilibrium>> found = FindPureEquilibria(game, stop.get_token());

  ASSERT_FALSE(found.has_value());
  EXPECT_EQ(found.error().code, ErrorCode::kCancelled);
}

}  // namespace
}  // namespace mend
