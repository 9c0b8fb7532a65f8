// SPDX-License-Identifier: Apache-2.0
#include "mend/lenses/perception.hpp"

#include <string>

#include <gtest/gtest.h>

#include "mend/io/case_reader.hpp"

namespace mend {
namespace {

CompiledCase LoadFile(const std::string& path) {
  Result<Document> document = ReadDocumentFile(path);
  EXPECT_TRUE(document.has_value()) << document.error().message;
  return std::get<CompiledCase>(std::move(*document));
}

StateId Named(const CompiledCase& compiled, const char* pattern) {
  return *compiled.space.Find(*ParsePattern(pattern, compiled.space.option_count()));
}

class EmptyPerceptions : public ::testing::TestWithParam<const char*> {};

TEST_P(EmptyPerceptions, HypergameEqualsTheGame) {
  const CompiledCase compiled = LoadFile(std::string("cases/classic/") + GetParam() + ".yaml");
  ASSERT_TRUE(compiled.definition.perceptions.empty());
  Result<PerceptionAnalysis> analysis = AnalyzePerceptions(compiled);
  ASSERT_TRUE(analysis.has_value()) << analysis.error().message;
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_EQ(analysis->hypergame_equilibria[k], analysis->true_equilibria[k]) << "concept " << k;
  }
  EXPECT_TRUE(analysis->proposals.empty());
  EXPECT_TRUE(analysis->gaps.empty());
}

INSTANTIATE_TEST_SUITE_P(ClassicConflicts, EmptyPerceptions,
                         ::testing::Values("chicken", "prisoners-dilemma", "cuban-missile-crisis",
                                           "elmira", "syria-iraq"));

TEST(AnalyzePerceptions, MisperceptionAloneTurnsTheDealIntoConfrontation) {
  const CompiledCase compiled = LoadFile("tests/golden/lenses-misperception/input.yaml");
  Result<PerceptionAnalysis> analysis = AnalyzePerceptions(compiled);
  ASSERT_TRUE(analysis.has_value()) << analysis.error().message;
  EXPECT_EQ(*analysis->default_state, Named(compiled, "NYN"));
  EXPECT_EQ(*analysis->true_alternative, Named(compiled, "YNY"));
  const auto seq = static_cast<std::size_t>(StabilityConcept::kSeq);
  const auto gmr = static_cast<std::size_t>(StabilityConcept::kGmr);
  const StateId deal = Named(compiled, "YNY");
  auto has = [](const std::vector<StateId>& v, StateId s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  EXPECT_TRUE(has(analysis->true_equilibria[seq], deal));
  EXPECT_FALSE(has(analysis->hypergame_equilibria[seq], deal));  // SEQ is where it bites
  EXPECT_EQ(analysis->hypergame_equilibria[gmr], analysis->true_equilibria[gmr]);
  ASSERT_EQ(analysis->proposals.size(), 1u);
  const HolderProposal& us = analysis->proposals[0];
  EXPECT_EQ(*us.proposal, Named(compiled, "YYY"));
  EXPECT_FALSE(us.truly_pareto_improving);
  EXPECT_FALSE(us.self_enforcing);
  ASSERT_EQ(us.losers.size(), 1u);
  EXPECT_EQ(us.losers[0].second, -10);     // Moscow: trade +10, status −1 × 20
  EXPECT_EQ(us.cost_of_misperception, 7);  // u_us(YNY) − u_us(NYN) = 10 − 3
}

TEST(PerceivedGame, WithoutPerceptionsIsTheTrueTable) {
  const CompiledCase compiled = LoadFile("cases/classic/chicken.yaml");
  const UtilityTable table = PerceivedGame(compiled, ActorIndex{0});
  EXPECT_EQ(table.utility, compiled.utilities.utility);
}

}  // namespace
}  // namespace mend
