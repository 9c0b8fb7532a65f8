// SPDX-License-Identifier: Apache-2.0
#include "mend/io/case_game.hpp"

#include <gtest/gtest.h>

#include "mend/game/pure_equilibria.hpp"
#include "mend/io/case_reader.hpp"
#include "mend/io/nfg_reader.hpp"
#include "mend/io/nfg_writer.hpp"

namespace mend {
namespace {

CompiledCase Load(const std::string& path) {
  Result<Document> document = ReadDocumentFile(path);
  EXPECT_TRUE(document.has_value()) << document.error().ToString();
  return std::get<CompiledCase>(std::move(document).value());
}

TEST(CaseNormalForm, ChickenHasTheTwoProfilesWhereExactlyOneDriverDares) {
  Result<NormalFormGame> game = CaseNormalForm(Load("cases/classic/chicken.yaml"));

  ASSERT_TRUE(game.has_value()) << game.error().ToString();
  EXPECT_EQ(game->players(), (std::vector<std::string>{"p1", "p2"}));
  EXPECT_EQ(game->strategies(0), (std::vector<std::string>{"none", "d1"}));
  Result<std::vector<PureEquilibrium>> equilibria = FindPureEquilibria(*game);
  ASSERT_TRUE(equilibria.has_value());
  ASSERT_EQ(equilibria->size(), 2U);
  EXPECT_EQ((*equilibria)[0].profile, (std::vector<std::size_t>{1, 0}));
  EXPECT_EQ((*equilibria)[1].profile, (std::vector<std::size_t>{0, 1}));
}

TEST(CaseNormalForm, TakesEachDecidersUtilityExactlyAndSurvivesTheNfgRoundTrip) {
  const std::string text = R"(mend: 1
id: exact
title: Exact payoffs
actors:
  - {id: a, name: A, role: decider}
  - {id: b, name: B, role: decider}
  - {id: c, name: C, role: affected}
options:
  a:
    - {id: x, name: X}
    - {id: z, name: Z}
  b:
    - {id: y, name: Y}
constraints:
  - exclusive: [x, z]
status_quo: {x: N, z: N, y: N}
payoffs:
  NNN: {a: 0.1, b: 0, c: 0}
  YNN: {a: 1, b: -2.5, c: 0}
  NYN: {a: 2, b: 1, c: 0}
  NNY: {a: 0, b: 1, c: 0}
  YNY: {a: 3, b: 0.75, c: 0}
  NYY: {a: -1, b: 4, c: 0}
)";
  Result<CompiledCase> compiled = ReadCase(text, "exact.yaml");
  ASSERT_TRUE(compiled.has_value()) << compiled.error().ToString();

  Result<NormalFormGame> game = CaseNormalForm(*compiled);

  ASSERT_TRUE(game.has_value()) << game.error().ToString();
  EXPECT_EQ(game->player_count(), 2U);  // the affected actor is not a player
  EXPECT_EQ(game->strategies(0), (std::vector<std::string>{"none", "x", "z"}));
  EXPECT_EQ(game->strategies(1), (std::vector<std::string>{"none", "y"}));
  EXPECT_EQ(game->payoff(0, 0), ExactRational(0.1));
  EXPECT_EQ(game->payoff(1, 1), Rational(-5, 2));
  EXPECT_EQ(game->payoff(4, 1), Rational(3, 4));  // x with y
  for (NfgForm form : {NfgForm::kPayoffs, NfgForm::kOutcomes}) {
    Result<NormalFormGame> back = ReadNfg(NfgText(*game, form), "exact.nfg");
    ASSERT_TRUE(back.has_value()) << back.error().ToString();
    EXPECT_EQ(*back, *game);
  }
}

TEST(CaseNormalForm, RefusesACaseWhoseConstraintsLinkTwoDecidersNamingTheProfile) {
  const std::string text = R"(mend: 1
id: linked
title: Linked
actors:
  - {id: a, name: A, role: decider}
  - {id: b, name: B, role: decider}
options:
  a:
    - {id: x, name: X}
  b:
    - {id: y, name: Y}
constraints:
  - exclusive: [x, y]
status_quo: {x: N, y: N}
payoffs:
  NN: {a: 0, b: 0}
  YN: {a: 1, b: 0}
  NY: {a: 0, b: 1}
)";
  Result<CompiledCase> compiled = ReadCase(text, "linked.yaml");
  ASSERT_TRUE(compiled.has_value()) << compiled.error().ToString();

  Result<NormalFormGame> game = CaseNormalForm(*compiled);

  ASSERT_FALSE(game.has_value());
  EXPECT_EQ(game.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(game.error().where.line, 13);
  EXPECT_NE(game.error().message.find("(a=x, b=y) is the state YY"), std::string::npos)
      << game.error().message;
}

TEST(ReadGameFile, ReadsACaseFileAsItsNormalFormAndAnyOtherFileAsGambitFormat) {
  Result<NormalFormGame> from_case = ReadGameFile("cases/classic/chicken.yaml");
  Result<NormalFormGame> from_nfg = ReadGameFile("tests/nfg/good/pennies-payoffs.nfg");

  ASSERT_TRUE(from_case.has_value()) << from_case.error().ToString();
  EXPECT_EQ(from_case->players(), CaseNormalForm(Load("cases/classic/chicken.yaml"))->players());
  ASSERT_TRUE(from_nfg.has_value()) << from_nfg.error().ToString();
  EXPECT_EQ(from_nfg->profile_count(), 4U);
}

TEST(ReadGameFile, RefusesAPortfolioAtItsFile) {
  Result<NormalFormGame> game = ReadGameFile("cases/us-russia/portfolio.yaml");

  ASSERT_FALSE(game.has_value());
  EXPECT_EQ(game.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(game.error().where.file, "cases/us-russia/portfolio.yaml");
  EXPECT_NE(game.error().message.find("portfolio"), std::string::npos);
}

TEST(ReadGameText, ReadsNfgTextByItsFirstWordAndOtherTextAsACase) {
  const std::string nfg = "  NFG 1 R \"one\" { \"A\" \"B\" } { 1 2 }\n1 2 3 4\n";
  Result<NormalFormGame> game = ReadGameText(nfg, "<text>");
  ASSERT_TRUE(game.has_value()) << game.error().ToString();
  EXPECT_EQ(game->profile_count(), 2U);

  Result<NormalFormGame> not_a_case = ReadGameText("mend: 1\nid: [\n", "<text>");
  ASSERT_FALSE(not_a_case.has_value());
  EXPECT_EQ(not_a_case.error().where.file, "<text>");
}

}  // namespace
}  // namespace mend
