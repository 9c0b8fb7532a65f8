// SPDX-License-Identifier: Apache-2.0
#include "mend/stability/status_quo_analysis.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mend/io/case_reader.hpp"

namespace mend {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Patterns(const CompiledCase& compiled,
                                  const std::vector<StateId>& states) {
  std::vector<std::string> out;
  for (StateId s : states) out.push_back(compiled.space.Pattern(s));
  return out;
}

CompiledCase LoadClassic(const std::string& name) {
  Result<Document> document = ReadDocumentFile("cases/classic/" + name + ".yaml");
  EXPECT_TRUE(document.has_value()) << document.error().ToString();
  if (!document) std::abort();
  return std::get<CompiledCase>(std::move(document).value());
}

TEST(AnalyzeStatusQuo, CubanMissileCrisisDynamicsCycle) {
  const CompiledCase compiled = LoadClassic("cuban-missile-crisis");
  Result<StabilityReport> report = AnalyzeStability(compiled, {});
  ASSERT_TRUE(report.has_value());
  Result<StatusQuoAnalysis> sq = AnalyzeStatusQuo(compiled, *report);
  ASSERT_TRUE(sq.has_value()) << sq.error().message;
  EXPECT_TRUE(sq->dynamics.cycle);
  EXPECT_FALSE(sq->default_state.has_value());
  EXPECT_THAT(Patterns(compiled, sq->dynamics.path),
              ElementsAre("NNNN", "NYNN", "NYYN", "NNYN", "NNNN"));
  EXPECT_THAT(Patterns(compiled, sq->dynamics.cycle_states),
              ElementsAre("NNNN", "NYNN", "NYYN", "NNYN"));
  EXPECT_THAT(sq->dynamics.movers, ElementsAre(0, 1, 0, 1));
}

TEST(AnalyzeStatusQuo, SyriaIraqReachesItsNashEquilibrium) {
  const CompiledCase compiled = LoadClassic("syria-iraq");
  Result<StabilityReport> report = AnalyzeStability(compiled, {});
  ASSERT_TRUE(report.has_value());
  Result<StatusQuoAnalysis> sq = AnalyzeStatusQuo(compiled, *report);
  ASSERT_TRUE(sq.has_value());
  EXPECT_FALSE(sq->dynamics.cycle);
  ASSERT_TRUE(sq->default_state.has_value());
  EXPECT_EQ(compiled.space.Pattern(*sq->default_state), "NYY");
  EXPECT_THAT(Patterns(compiled, sq->dynamics.path), ElementsAre("NNN", "NNY", "NYY"));
  ASSERT_FALSE(sq->reachable_equilibria.empty());
  EXPECT_EQ(sq->reachable_equilibria.front().first, StabilityConcept::kNash);
  EXPECT_THAT(Patterns(compiled, sq->reachable_equilibria.front().second), ElementsAre("NYY"));
  // The evolution starts at the status quo and contains the path.
  EXPECT_EQ(sq->evolution.front(), sq->status_quo);
}

TEST(AnalyzeStatusQuo, ExplicitDefaultOverridesTheDynamics) {
  const std::string text =
      "mend: 1\nid: t\nactors: [{id: a}, {id: b}]\noptions: {a: [{id: x}], b: [{id: y}]}\n"
      "status_quo: {x: N, y: N}\ndefault: {x: Y, y: Y}\n"
      "preferences:\n  a: {ranking: [YN, YY, NN, NY]}\n  b: {ranking: [NY, YY, NN, YN]}\n";
  Result<CompiledCase> compiled = ReadCase(text, "case.yaml");
  ASSERT_TRUE(compiled.has_value()) << compiled.error().ToString();
  Result<StabilityReport> report = AnalyzeStability(*compiled, {});
  ASSERT_TRUE(report.has_value());
  Result<StatusQuoAnalysis> sq = AnalyzeStatusQuo(*compiled, *report);
  ASSERT_TRUE(sq.has_value());
  EXPECT_TRUE(sq->explicit_default);
  ASSERT_TRUE(sq->default_state.has_value());
  EXPECT_EQ(compiled->space.Pattern(*sq->default_state), "YY");
  // The dynamics are still reported: both defect.
  ASSERT_TRUE(sq->dynamics.end.has_value());
  EXPECT_EQ(compiled->space.Pattern(*sq->dynamics.end), "YY");
}

TEST(AnalyzeStatusQuo, ReturnsCancelledWhenStopIsRequested) {
  const CompiledCase compiled = LoadClassic("elmira");
  Result<StabilityReport> report = AnalyzeStability(compiled, {});
  ASSERT_TRUE(report.has_value());
  std::stop_source stop;
  stop.request_stop();
  Result<BestResponsePath> path =
      BestResponseDynamics(compiled.space, compiled.utilities, compiled.definition.Deciders(),
                           StateId{0}, stop.get_token());
  ASSERT_FALSE(path.has_value());
  EXPECT_EQ(path.error().code, ErrorCode::kCancelled);
  Result<std::vector<StateId>> evolution =
      ImprovementEvolution(compiled.space, compiled.utilities, compiled.definition.Deciders(),
                           StateId{0}, stop.get_token());
  ASSERT_FALSE(evolution.has_value());
  EXPECT_EQ(evolution.error().code, ErrorCode::kCancelled);
  Result<StatusQuoAnalysis> sq = AnalyzeStatusQuo(compiled, *report, stop.get_token());
  ASSERT_FALSE(sq.has_value());
  EXPECT_EQ(sq.error().code, ErrorCode::kCancelled);
}

TEST(AnalyzeStatusQuo, RefusesAReportForAnotherCase) {
  const CompiledCase compiled = LoadClassic("chicken");
  const CompiledCase other = LoadClassic("elmira");
  Result<StabilityReport> report = AnalyzeStability(other, {});
  ASSERT_TRUE(report.has_value());
  Result<StatusQuoAnalysis> sq = AnalyzeStatusQuo(compiled, *report);
  ASSERT_FALSE(sq.has_value());
  EXPECT_EQ(sq.error().code, ErrorCode::kInvalidArgument);
}

TEST(AnalyzeStabilityAndStatusQuo, MatchesTheTwoAnalysesRunSeparately) {
  for (const char* name :
       {"chicken", "cuban-missile-crisis", "elmira", "prisoners-dilemma", "syria-iraq"}) {
    const CompiledCase compiled = LoadClassic(name);
    Result<StabilityReport> report = AnalyzeStability(compiled, {});
    ASSERT_TRUE(report.has_value());
    Result<StatusQuoAnalysis> sq = AnalyzeStatusQuo(compiled, *report);
    ASSERT_TRUE(sq.has_value());
    Result<StabilityWithStatusQuo> both = AnalyzeStabilityAndStatusQuo(compiled, {});
    ASSERT_TRUE(both.has_value()) << both.error().message;
    for (StabilityConcept c : kAllStabilityConcepts) {
      for (std::size_t d = 0; d < report->deciders().size(); ++d) {
        EXPECT_EQ(both->report.StableStates(c, d), report->StableStates(c, d)) << name;
      }
    }
    EXPECT_EQ(both->status_quo.status_quo, sq->status_quo) << name;
    EXPECT_EQ(both->status_quo.evolution, sq->evolution) << name;
    EXPECT_EQ(both->status_quo.reachable_equilibria, sq->reachable_equilibria) << name;
    EXPECT_EQ(both->status_quo.dynamics.path, sq->dynamics.path) << name;
    EXPECT_EQ(both->status_quo.dynamics.movers, sq->dynamics.movers) << name;
    EXPECT_EQ(both->status_quo.dynamics.cycle_states, sq->dynamics.cycle_states) << name;
    EXPECT_EQ(both->status_quo.default_state, sq->default_state) << name;
  }
}

TEST(AnalyzeStabilityAndStatusQuo, ReturnsCancelledWhenStopIsRequested) {
  std::stop_source stop;
  stop.request_stop();
  Result<StabilityWithStatusQuo> both =
      AnalyzeStabilityAndStatusQuo(LoadClassic("elmira"), {}, stop.get_token());
  ASSERT_FALSE(both.has_value());
  EXPECT_EQ(both.error().code, ErrorCode::kCancelled);
}

}  // namespace
}  // namespace mend
