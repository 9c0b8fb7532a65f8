// SPDX-License-Identifier: Apache-2.0
#include "mend/game/normal_form_game.hpp"

#include <gtest/gtest.h>

#include "mend/game/rational.hpp"

namespace mend {
namespace {

TEST(NormalFormGame, NumbersProfilesWithTheFirstPlayerFastest) {
  Result<NormalFormGame> game = NormalFormGame::Create(
      "g", {"A", "B"}, {{"a1", "a2", "a3"}, {"b1", "b2"}}, {0, 0, 1, 0, 2, 0, 0, 1, 1, 1, 2, 1});

  ASSERT_TRUE(game.has_value()) << game.error().message;
  EXPECT_EQ(game->profile_count(), 6U);
  const std::vector<std::size_t> a3_b2{2, 1};
  EXPECT_EQ(game->ProfileIndex(a3_b2), 5U);
  EXPECT_EQ(game->payoff(5, 0), 2);
  EXPECT_EQ(game->payoff(5, 1), 1);
  EXPECT_EQ(game->ProfileStrategies(3), (std::vector<std::size_t>{0, 1}));
}

TEST(NormalFormGame, RefusesPayoffsOfTheWrongLength) {
  Result<NormalFormGame> game =
      NormalFormGame::Create("g", {"A", "B"}, {{"a1", "a2"}, {"b1", "b2"}}, {1, 2, 3});

  ASSERT_FALSE(game.has_value());
  EXPECT_EQ(game.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(game.error().message.find("3 payoffs for 4 profiles"), std::string::npos);
}

TEST(NormalFormGame, RefusesAPlayerWithoutStrategies) {
  Result<NormalFormGame> game = NormalFormGame::Create("g", {"A", "B"}, {{"a1"}, {}}, {});

  ASSERT_FALSE(game.has_value());
  EXPECT_EQ(game.error().code, ErrorCode::kInvalidArgument);
}

TEST(CountProfiles, RefusesAProductBeyondTheLimitWithoutOverflowing) {
  const std::vector<std::uint64_t> counts{1'000'000'000, 1'000'000'000, 1'000'000'000};

  Result<std::uint64_t> profiles = CountProfiles(counts);

  ASSERT_FALSE(profiles.has_value());
  EXPECT_EQ(profiles.error().code, ErrorCode::kInvalidArgument);
}

TEST(Rational, PrintsLowestTermsAndConvertsDoublesExactly) {
  EXPECT_EQ(RationalText(Rational(6, 8)), "3/4");
  EXPECT_EQ(RationalText(Rational(-4, 2)), "-2");
  EXPECT_EQ(RationalText(ExactRational(0.375)), "3/8");
  EXPECT_EQ(RationalText(ExactRational(0.1)), "3602879701896397/36028797018963968");
}

}  // namespace
}  // namespace mend
