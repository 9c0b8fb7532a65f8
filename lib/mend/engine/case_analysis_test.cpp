// SPDX-License-Identifier: Apache-2.0
#include "mend/engine/case_analysis.hpp"

#include <cmath>
#include <cstring>

#include <gtest/gtest.h>

#include "mend/engine/lens_runs.hpp"
#include "mend/io/case_reader.hpp"

namespace mend {
namespace {

// x ~ uniform(0, 1). Actor a gains x in the status quo NN and 2x in YN: the change from the
// status quo at YN is x (sd 1/sqrt(12)), while the level there would have sd 2/sqrt(12); at NN
// the change is 0 by construction. a dislikes uncertainty with rho = 3: enough to make YN, a's
// best move at the central values (+0.5), worse than staying (0.5 - 3 * 0.2887 < 0).
constexpr const char* kAverseCase = R"(mend: 1
id: averse
actors:
  - {id: a, role: decider}
  - {id: b, role: decider}
dimensions:
  - {id: gain}
parameters:
  x: {dist: uniform, min: 0, max: 1}
  fixed: 4
options:
  a: [{id: oa}]
  b: [{id: ob}]
status_quo: NN
effects:
  - when: {oa: N, ob: N}
    a: {gain: x}
  - when: {oa: Y, ob: N}
    a: {gain: 2 * x}
    b: {gain: fixed}
  - when: {oa: Y, ob: Y}
    a: {gain: 2 * x}
    b: {gain: fixed + 1}
valuation:
  a: {weights: {gain: 1}, uncertainty_aversion: RHO}
  b: {weights: {gain: 1}}
)";

CompiledCase Load(double rho) {
  std::string text = kAverseCase;
  text.replace(text.find("RHO"), 3, std::to_string(rho));
  Result<CompiledCase> compiled = ReadCase(text, "averse.yaml");
  EXPECT_TRUE(compiled.has_value()) << compiled.error().ToString();
  return std::move(*compiled);
}

StateId State(const CompiledCase& compiled, const char* pattern) {
  StateCode code = 0;
  for (std::size_t k = 0; k < std::strlen(pattern); ++k) {
    if (pattern[k] == 'Y') code |= StateCode{1} << k;
  }
  return *compiled.space.Find(code);
}

TEST(AnalyzeCase, MeasuresTheSpreadOfTheChangeFromTheStatusQuo) {
  const CompiledCase compiled = Load(3);
  AnalysisOptions options;
  options.samples = 20000;
  Result<CaseAnalysis> analysis = AnalyzeCase(compiled, options);
  ASSERT_TRUE(analysis.has_value()) << analysis.error().message;
  ASSERT_TRUE(analysis->uncertainty_averse);
  const StateId nn = State(compiled, "NN");
  const StateId yn = State(compiled, "YN");
  EXPECT_EQ(analysis->spread.sd[0][nn.value], 0.0);
  EXPECT_NEAR(analysis->spread.sd[0][yn.value], 1 / std::sqrt(12.0), 0.005);
  EXPECT_NEAR(analysis->spread.StandardError(ActorIndex{0}, yn),
              analysis->spread.sd[0][yn.value] / std::sqrt(2.0 * 19999), 1e-12);
  // The reported utilities are the central ones less rho * sd; the case as read is untouched.
  EXPECT_NE(analysis->compiled, analysis->source);
  EXPECT_DOUBLE_EQ(analysis->compiled->utilities.at(ActorIndex{0}, yn),
                   compiled.utilities.at(ActorIndex{0}, yn) - 3 * analysis->spread.sd[0][yn.value]);
  EXPECT_DOUBLE_EQ(analysis->compiled->utilities.at(ActorIndex{0}, nn),
                   compiled.utilities.at(ActorIndex{0}, nn));
}

TEST(AnalyzeCase, UncertaintyAversionMovesTheDefaultAndEveryOutputFollows) {
  const CompiledCase neutral = Load(0);
  const CompiledCase averse = Load(3);
  AnalysisOptions options;
  options.monte_carlo = true;
  options.samples = 3000;
  Result<CaseAnalysis> calm = AnalyzeCase(neutral, options);
  Result<CaseAnalysis> fearful = AnalyzeCase(averse, options);
  ASSERT_TRUE(calm.has_value()) << calm.error().message;
  ASSERT_TRUE(fearful.has_value()) << fearful.error().message;
  // Without rho, a moves to YN at once; fearing the change it stays in NN.
  ASSERT_TRUE(calm->central_default.has_value());
  ASSERT_TRUE(fearful->central_default.has_value());
  EXPECT_NE(*calm->central_default, State(neutral, "NN"));
  EXPECT_EQ(*fearful->central_default, State(averse, "NN"));
  for (const CaseAnalysis* analysis : {&*calm, &*fearful}) {
    ASSERT_TRUE(analysis->montecarlo.has_value());
    EXPECT_EQ(analysis->montecarlo->central_default, analysis->central_default);
    EXPECT_EQ(analysis->montecarlo->central_alternative, analysis->central_alternative);
  }
  EXPECT_EQ(calm->spread.samples, 0U);  // nothing to measure without rho
  EXPECT_EQ(calm->compiled, calm->source);
}

TEST(AnalyzeCase, GivesTheSameCentralAnswerWithOrWithoutTheMonteCarlo) {
  const CompiledCase compiled = Load(1.5);
  AnalysisOptions central;
  central.samples = 2500;
  central.seed = 7;
  AnalysisOptions sampled = central;
  sampled.monte_carlo = true;
  sampled.threads = 1;
  Result<CaseAnalysis> a = AnalyzeCase(compiled, central);
  Result<CaseAnalysis> b = AnalyzeCase(compiled, sampled);
  ASSERT_TRUE(a.has_value()) << a.error().message;
  ASSERT_TRUE(b.has_value()) << b.error().message;
  EXPECT_EQ(a->central_default, b->central_default);
  EXPECT_EQ(a->central_alternative, b->central_alternative);
  EXPECT_EQ(a->compiled->utilities.utility, b->compiled->utilities.utility);
}

TEST(AnalyzeCase, RefusesTooFewSamplesToMeasureTheSpread) {
  const CompiledCase compiled = Load(1);
  AnalysisOptions options;
  options.samples = 1;
  Result<CaseAnalysis> analysis = AnalyzeCase(compiled, options);
  ASSERT_FALSE(analysis.has_value());
  EXPECT_EQ(analysis.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(analysis.error().message.find("samples: 1 cannot measure"), std::string::npos);
}

TEST(AnalyzeCase, StopsWhenAskedTo) {
  const CompiledCase compiled = Load(1);
  std::stop_source stop;
  stop.request_stop();
  RunControl control;
  control.stop = stop.get_token();
  Result<CaseAnalysis> analysis = AnalyzeCase(compiled, {}, control);
  ASSERT_FALSE(analysis.has_value());
  EXPECT_EQ(analysis.error().code, ErrorCode::kCancelled);
}

TEST(AnalyzeCase, ReportsProgressByPhase) {
  const CompiledCase compiled = Load(1);
  std::vector<std::string> phases;
  RunControl control;
  control.progress = [&](std::string_view phase, std::uint64_t, std::uint64_t) {
    if (phases.empty() || phases.back() != phase) phases.emplace_back(phase);
  };
  AnalysisOptions options;
  options.monte_carlo = true;
  options.threads = 1;
  Result<CaseAnalysis> analysis = AnalyzeCase(compiled, options, control);
  ASSERT_TRUE(analysis.has_value()) << analysis.error().message;
  ASSERT_FALSE(phases.empty());
  EXPECT_EQ(phases.front(), "spread");
  EXPECT_EQ(phases.back(), "monte carlo");
}

// The one verdict every output states, on three shipped cases: an alternative with its ledger,
// nothing that improves the default, and an improvement that ordinal preferences leave without
// a recommendation.
TEST(CentralVerdict, FollowsTheCentralDefaultsBlock) {
  const std::pair<const char*, Verdict> cases[] = {
      {"cases/us-russia/incidents.yaml", Verdict::kAlternative},
      {"cases/us-russia/investment.yaml", Verdict::kNotUnnecessary},
      {"cases/classic/prisoners-dilemma.yaml", Verdict::kImprovesOrdinal}};
  for (const auto& [file, verdict] : cases) {
    Result<Document> document = ReadDocumentFile(file);
    ASSERT_TRUE(document.has_value()) << document.error().ToString();
    Result<CaseAnalysis> analysis = AnalyzeCase(std::get<CompiledCase>(*document), {});
    ASSERT_TRUE(analysis.has_value()) << analysis.error().message;
    EXPECT_EQ(analysis->CentralVerdict(), verdict) << file;
    const EfficiencyAgainst* block = analysis->DefaultBlock();
    ASSERT_NE(block, nullptr) << file;
    EXPECT_EQ(block->default_state, *analysis->central_default) << file;
    EXPECT_EQ(VerdictAgainst(*block), verdict) << file;
    EXPECT_EQ(analysis->CentralBlock() != nullptr, verdict == Verdict::kAlternative) << file;
    EXPECT_EQ(block->improvements.empty(), verdict == Verdict::kNotUnnecessary) << file;
  }
}

TEST(RunDynamics, RefusesACaseWithNothingToEngageOn) {
  // Without rho the default is YY, which nothing Pareto-improves.
  const CompiledCase compiled = Load(0);
  Result<CaseAnalysis> analysis = AnalyzeCase(compiled, {});
  ASSERT_TRUE(analysis.has_value()) << analysis.error().message;
  ASSERT_FALSE(analysis->central_alternative.has_value());
  Result<DynamicsReport> report = RunDynamics(*analysis, DynamicsOptions{});
  ASSERT_FALSE(report.has_value());
  EXPECT_NE(report.error().message.find("nothing Pareto-improves the default YY"),
            std::string::npos)
      << report.error().message;
}

TEST(RunDynamics, EngagesFromTheCentralDefaultToTheCentralAlternative) {
  // Tests run from the source tree; the golden dynamics case has a default and an a*.
  Result<Document> document = ReadDocumentFile("tests/golden/lenses-dynamics/input.yaml");
  ASSERT_TRUE(document.has_value()) << document.error().ToString();
  const CompiledCase& compiled = std::get<CompiledCase>(*document);
  Result<CaseAnalysis> analysis = AnalyzeCase(compiled, {});
  ASSERT_TRUE(analysis.has_value()) << analysis.error().message;
  ASSERT_TRUE(analysis->central_alternative.has_value());
  DynamicsOptions options;
  options.runs = 20;
  options.rounds = 10;
  Result<DynamicsReport> report = RunDynamics(*analysis, options);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->default_state, *analysis->central_default);
  EXPECT_EQ(report->alternative, *analysis->central_alternative);
}

}  // namespace
}  // namespace mend
