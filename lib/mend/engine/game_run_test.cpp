// SPDX-License-Identifier: Apache-2.0
#include "mend/engine/game_run.hpp"

#include <gtest/gtest.h>

#include "mend/io/nfg_reader.hpp"

namespace mend {
namespace {

NormalFormGame Game(const std::string& text) {
  Result<NormalFormGame> game = ReadNfg(text, "game.nfg");
  EXPECT_TRUE(game.has_value()) << game.error().ToString();
  return std::move(game).value();
}

// Matching pennies: no pure equilibrium, one mixed (1/2, 1/2).
const char* const kPennies = R"(NFG 1 R "pennies" { "A" "B" } { 2 2 }
1 -1 -1 1 -1 1 1 -1
)";
const char* const kThreePlayers = R"(NFG 1 R "three" { "A" "B" "C" } { 1 2 1 }
0 0 0 1 1 1
)";

TEST(RunGame, GivesPureAndMixedEquilibriaOfATwoPlayerGame) {
  Result<GameRun> run = RunGame(Game(kPennies), GameEquilibria::kAll, "game.nfg");

  ASSERT_TRUE(run.has_value()) << run.error().ToString();
  ASSERT_TRUE(run->pure.has_value());
  EXPECT_TRUE(run->pure->empty());
  ASSERT_TRUE(run->mixed.has_value());
  ASSERT_EQ(run->mixed->equilibria.size(), 1U);
  EXPECT_EQ(run->mixed->equilibria[0].profile[0][0], Rational(1, 2));
}

TEST(RunGame, GivesOnlyWhatWasAskedFor) {
  Result<GameRun> pure = RunGame(Game(kPennies), GameEquilibria::kPure, "game.nfg");
  Result<GameRun> mixed = RunGame(Game(kPennies), GameEquilibria::kMixed, "game.nfg");

  ASSERT_TRUE(pure.has_value());
  EXPECT_TRUE(pure->pure.has_value());
  EXPECT_FALSE(pure->mixed.has_value());
  ASSERT_TRUE(mixed.has_value());
  EXPECT_FALSE(mixed->pure.has_value());
  EXPECT_TRUE(mixed->mixed.has_value());
}

TEST(RunGame, GivesOnlyPureEquilibriaOfAThreePlayerGameUnlessMixedAreAsked) {
  Result<GameRun> all = RunGame(Game(kThreePlayers), GameEquilibria::kAll, "three.nfg");
  Result<GameRun> mixed = RunGame(Game(kThreePlayers), GameEquilibria::kMixed, "three.nfg");

  ASSERT_TRUE(all.has_value()) << all.error().ToString();
  ASSERT_TRUE(all->pure.has_value());
  EXPECT_EQ(all->pure->size(), 1U);
  EXPECT_FALSE(all->mixed.has_value());
  ASSERT_FALSE(mixed.has_value());
  EXPECT_EQ(mixed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(mixed.error().where.file, "three.nfg");
}

TEST(RunGame, StopsWhenAStopIsRequested) {
  std::stop_source stop;
  stop.request_stop();

  Result<GameRun> run = RunGame(Game(kPennies), GameEquilibria::kAll, "game.nfg", stop.get_token());

  ASSERT_FALSE(run.has_value());
  EXPECT_EQ(run.error().code, ErrorCode::kCancelled);
}

}  // namespace
}  // namespace mend
