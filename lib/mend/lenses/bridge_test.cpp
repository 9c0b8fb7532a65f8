// SPDX-License-Identifier: Apache-2.0
#include "mend/lenses/bridge.hpp"

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "mend/io/case_reader.hpp"
#include "mend/model/pattern.hpp"
#include "mend/uncertainty/monte_carlo.hpp"

namespace mend {
namespace {

// Tests run from the source tree; the cases' summaries give the hand computation.
CompiledCase LoadFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  Result<CompiledCase> compiled = ReadCase(text.str(), path);
  EXPECT_TRUE(compiled.has_value()) << compiled.error().message;
  return std::move(*compiled);
}

StateId State(const CompiledCase& compiled, const std::string& pattern) {
  const std::optional<StateCode> code = ParsePattern(pattern, compiled.space.option_count());
  return *compiled.space.Find(*code);
}

ActorIndex Actor(const CompiledCase& compiled, const std::string& id) {
  for (std::uint32_t a = 0; a < compiled.definition.actors.size(); ++a) {
    if (compiled.definition.actors[a].id == id) return ActorIndex{a};
  }
  ADD_FAILURE() << "no actor " << id;
  return ActorIndex{0};
}

BridgeReport Bridge(const CompiledCase& compiled, const std::string& default_pattern,
                    BridgeOptions options = {}) {
  Result<StabilityReport> stability = AnalyzeStability(compiled, {});
  EXPECT_TRUE(stability.has_value()) << stability.error().message;
  Result<BridgeReport> report =
      AnalyzeBridge(compiled, *stability, State(compiled, default_pattern), {}, options, {});
  EXPECT_TRUE(report.has_value()) << report.error().message;
  return std::move(*report);
}

TEST(AnalyzeBridge, FindsTheBlockerItsShortfallAndTheTransferThatClosesIt) {
  const CompiledCase compiled = LoadFile("tests/cases/bridge/transfer.yaml");
  const BridgeReport report = Bridge(compiled, "NN");

  ASSERT_EQ(report.candidate_count, 1u);  // YY alone raises the total (YN: -2, NY: -1.2)
  const BridgeTarget& yy = report.targets.at(0);
  EXPECT_EQ(yy.state, State(compiled, "YY"));
  EXPECT_NEAR(yy.total_gain, 2.04, 1e-12);
  ASSERT_EQ(yy.blockers.size(), 1u);
  EXPECT_EQ(yy.blockers[0].actor, Actor(compiled, "a"));
  EXPECT_NEAR(yy.blockers[0].shortfall, 0.40, 1e-12);
  EXPECT_NEAR(yy.blockers[0].money_shortfall, 0.40, 1e-12);
  ASSERT_TRUE(yy.transfer.has_value()) << NoTransferReasonText(yy.no_transfer);
  EXPECT_NEAR(yy.transfer->amount, 0.40, 1e-12);
  ASSERT_EQ(yy.transfer->from.size(), 1u);
  EXPECT_EQ(yy.transfer->from[0].actor, Actor(compiled, "b"));
  EXPECT_NEAR(yy.transfer->from[0].amount, 0.40, 1e-12);
  ASSERT_EQ(yy.transfer->to.size(), 1u);
  EXPECT_EQ(yy.transfer->to[0].actor, Actor(compiled, "a"));
  // a leaves YY for NY (-0.2 > -0.4) now; with the transfer it has 0 there and stays.
  EXPECT_TRUE(yy.stable_now.empty());
  EXPECT_EQ(yy.stable_with_transfer.size(), 4u);
}

TEST(AnalyzeBridge, PaysALossAverseBlockerAtItsLossRateAndFindsItsSwitches) {
  const CompiledCase compiled = LoadFile("tests/cases/bridge/attitudes.yaml");
  const BridgeReport report = Bridge(compiled, "NN");

  const BridgeTarget& yy = report.targets.at(0);
  EXPECT_EQ(yy.state, State(compiled, "YY"));
  EXPECT_NEAR(yy.total_gain, 2.04, 1e-12);
  ASSERT_EQ(yy.blockers.size(), 1u);
  EXPECT_NEAR(yy.blockers[0].shortfall, 0.4, 1e-12);
  // a is still 0.5 in loss on money at YY: each unit received is worth λ = 2 to it.
  EXPECT_NEAR(yy.blockers[0].money_shortfall, 0.2, 1e-12);
  ASSERT_TRUE(yy.transfer.has_value());
  EXPECT_NEAR(yy.transfer->amount, 0.2, 1e-12);
  EXPECT_EQ(yy.transfer->from.at(0).actor, Actor(compiled, "b"));
  ASSERT_EQ(yy.switches.size(), 1u);
  EXPECT_EQ(yy.switches[0].kind, SwitchKind::kLossAversion);
  EXPECT_NEAR(yy.switches[0].current, 2.0, 1e-12);
  EXPECT_NEAR(yy.switches[0].value, 1.2, 1e-12);
  EXPECT_TRUE(yy.switches[0].sufficient);
  ASSERT_EQ(yy.parameter_switches.size(), 1u);
  EXPECT_NEAR(yy.parameter_switches[0].central, 0.6, 1e-12);
  EXPECT_NEAR(yy.parameter_switches[0].value, 1.0, 1e-6);
  EXPECT_NEAR(yy.parameter_switches[0].quantile, 1.0 / 1.2, 1e-6);
}

TEST(AnalyzeBridge, FindsTheAlternativeThatStatusAloneBlocks) {
  const CompiledCase compiled = LoadFile("tests/cases/bridge/status.yaml");
  const BridgeReport report = Bridge(compiled, "NN");
  EXPECT_TRUE(report.status_dimensions);
  EXPECT_FALSE(report.alternative.has_value());  // none given: nothing Pareto-improves NN
  ASSERT_TRUE(report.status_neutral_alternative.has_value());
  EXPECT_EQ(*report.status_neutral_alternative, State(compiled, "YY"));
  // Without status tags the case has no status-neutral alternative to report.
  const BridgeReport plain = Bridge(LoadFile("tests/cases/bridge/transfer.yaml"), "NN");
  EXPECT_FALSE(plain.status_dimensions);
  EXPECT_FALSE(plain.status_neutral_alternative.has_value());
}

TEST(StatusNeutralAlternative, MeasuresTheSpreadWithoutStatus) {
  const CompiledCase compiled = LoadFile("tests/cases/bridge/status-spread.yaml");
  SamplerOptions sampling;
  sampling.samples = 2000;
  sampling.seed = 1;
  Result<ParameterSampler> sampler =
      ParameterSampler::Create(compiled.definition, compiled.parameters, sampling);
  ASSERT_TRUE(sampler.has_value()) << sampler.error().message;
  Result<UtilitySpread> spread = ComputeUtilitySpread(compiled, *sampler, 1);
  ASSERT_TRUE(spread.has_value()) << spread.error().message;
  const ActorIndex a = Actor(compiled, "a");
  const StateId yy = State(compiled, "YY");
  // Prestige is a's only uncertain dimension: its spread at YY is the uniform's, 0.577, with
  // status counted, and nothing without it (money is certain).
  EXPECT_NEAR(spread->sd[a.value][yy.value], 2 / std::sqrt(12.0), 0.02);
  ASSERT_FALSE(spread->sd_without_status.empty());
  EXPECT_NEAR(spread->sd_without_status[a.value][yy.value], 0.0, 1e-12);

  // With the spread measured without status, YY (a +0.1, b +2.44) is the status-neutral a*.
  const StateId nn = State(compiled, "NN");
  Result<std::optional<StateId>> neutral = StatusNeutralAlternative(compiled, nn, {}, *spread);
  ASSERT_TRUE(neutral.has_value()) << neutral.error().message;
  ASSERT_TRUE(neutral->has_value());
  EXPECT_EQ(**neutral, yy);
  // Reusing the spread measured with status (0.1 − 0.5 × 0.577 < 0 for a) would find none.
  UtilitySpread with_status = *spread;
  with_status.sd_without_status.clear();
  Result<std::optional<StateId>> old = StatusNeutralAlternative(compiled, nn, {}, with_status);
  ASSERT_TRUE(old.has_value()) << old.error().message;
  EXPECT_FALSE(old->has_value());
}

TEST(ComputeUtilitySpread, MeasuresNoSeparateSpreadWhenNobodyWeighsStatus) {
  const CompiledCase compiled = LoadFile("tests/cases/bridge/attitudes.yaml");
  SamplerOptions sampling;
  sampling.samples = 100;
  Result<ParameterSampler> sampler =
      ParameterSampler::Create(compiled.definition, compiled.parameters, sampling);
  ASSERT_TRUE(sampler.has_value()) << sampler.error().message;
  Result<UtilitySpread> spread = ComputeUtilitySpread(compiled, *sampler, 1);
  ASSERT_TRUE(spread.has_value()) << spread.error().message;
  EXPECT_GT(spread->sd[Actor(compiled, "a").value][State(compiled, "YY").value], 0.0);
  EXPECT_TRUE(spread->sd_without_status.empty());
}

TEST(AnalyzeBridge, SaysWhyNoTransferClosesTheGap) {
  const CompiledCase compiled = LoadFile("tests/cases/bridge/transfer.yaml");
  BridgeOptions options;
  options.target = State(compiled, "NN");
  // From YY as the default, NN leaves b worse off (2.44 -> 0) and a better off.
  const BridgeReport report = Bridge(compiled, "YY", options);
  ASSERT_EQ(report.targets.size(), 1u);
  ASSERT_EQ(report.targets[0].blockers.size(), 1u);
  EXPECT_EQ(report.targets[0].blockers[0].actor, Actor(compiled, "b"));
  EXPECT_FALSE(report.targets[0].transfer.has_value());  // a's 0.40 cannot pay b's 2.44
  EXPECT_EQ(report.targets[0].no_transfer, NoTransferReason::kShort);
}

TEST(AnalyzeBridge, RefusesTheDefaultAsTarget) {
  const CompiledCase compiled = LoadFile("tests/cases/bridge/transfer.yaml");
  Result<StabilityReport> stability = AnalyzeStability(compiled, {});
  ASSERT_TRUE(stability.has_value());
  BridgeOptions options;
  options.target = State(compiled, "NN");
  Result<BridgeReport> report =
      AnalyzeBridge(compiled, *stability, State(compiled, "NN"), {}, options, {});
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::kInvalidArgument);
}

TEST(AnalyzeInverse, PrisonersDilemmaNeedsEachToLikeCooperationOverDefectingAlone) {
  const CompiledCase compiled = LoadFile("tests/cases/bridge/prisoners-dilemma.yaml");
  const std::vector<ActorIndex> deciders = {Actor(compiled, "p1"), Actor(compiled, "p2")};
  const StateId yy = State(compiled, "YY");

  const InverseAnalysis nash = AnalyzeInverse(compiled, deciders, yy, StabilityConcept::kNash);

  ASSERT_TRUE(nash.computed);
  ASSERT_EQ(nash.conditions.size(), 2u);
  EXPECT_EQ(nash.conditions[0].actor, deciders[0]);
  EXPECT_EQ(nash.conditions[0].move, State(compiled, "NY"));  // p1 defects alone
  EXPECT_FALSE(nash.conditions[0].met);
  EXPECT_TRUE(nash.conditions[0].sanctions.empty());
  EXPECT_EQ(nash.conditions[1].actor, deciders[1]);
  EXPECT_EQ(nash.conditions[1].move, State(compiled, "YN"));
  EXPECT_FALSE(nash.conditions[1].met);
}

TEST(AnalyzeInverse, UnderGmrAndSeqTheOthersDefectionDeters) {
  const CompiledCase compiled = LoadFile("tests/cases/bridge/prisoners-dilemma.yaml");
  const std::vector<ActorIndex> deciders = {Actor(compiled, "p1"), Actor(compiled, "p2")};
  const StateId yy = State(compiled, "YY");
  for (StabilityConcept c : {StabilityConcept::kGmr, StabilityConcept::kSeq}) {
    const InverseAnalysis inverse = AnalyzeInverse(compiled, deciders, yy, c);
    ASSERT_EQ(inverse.conditions.size(), 2u);
    for (const InverseCondition& condition : inverse.conditions) {
      EXPECT_FALSE(condition.prefers_target);
      ASSERT_EQ(condition.deterring.size(), 1u);
      EXPECT_EQ(condition.deterring[0], State(compiled, "NN"));
      EXPECT_TRUE(condition.met);
    }
  }
  EXPECT_FALSE(AnalyzeInverse(compiled, deciders, yy, StabilityConcept::kSmr).computed);
}

// The conditions are the stability definitions read backwards: all met exactly when the
// stability engine finds the state stable for that decider.
TEST(AnalyzeInverse, AgreesWithTheStabilityEngineOnEveryStateOfTheShippedCases) {
  for (const std::string path :
       {"cases/classic/chicken.yaml", "cases/classic/prisoners-dilemma.yaml",
        "cases/classic/cuban-missile-crisis.yaml", "cases/classic/elmira.yaml",
        "cases/us-russia/investment.yaml", "tests/cases/bridge/transfer.yaml"}) {
    const CompiledCase compiled = LoadFile(path);
    Result<StabilityReport> stability = AnalyzeStability(compiled, {});
    ASSERT_TRUE(stability.has_value()) << stability.error().message;
    const std::span<const ActorIndex> deciders = stability->deciders();
    for (StabilityConcept c :
         {StabilityConcept::kNash, StabilityConcept::kGmr, StabilityConcept::kSeq}) {
      for (std::uint32_t s = 0; s < compiled.space.size(); ++s) {
        const InverseAnalysis inverse = AnalyzeInverse(compiled, deciders, StateId{s}, c);
        for (std::size_t p = 0; p < deciders.size(); ++p) {
          bool all_met = true;
          for (const InverseCondition& condition : inverse.conditions) {
            if (condition.actor == deciders[p]) all_met = all_met && condition.met;
          }
          EXPECT_EQ(all_met, stability->IsStable(c, p, StateId{s}))
              << path << " " << StabilityConceptName(c) << " state " << s << " decider " << p;
        }
      }
    }
  }
}

TEST(IsMonetary, ReadsCurrenciesButNotEquivalentsOrIndices) {
  EXPECT_TRUE(IsMonetary(Dimension{.id = "d", .unit = "USD bn/yr"}));
  EXPECT_TRUE(IsMonetary(Dimension{.id = "d", .unit = "$m"}));
  EXPECT_TRUE(IsMonetary(Dimension{.id = "d", .unit = "index", .tags = {"money"}}));
  EXPECT_FALSE(IsMonetary(Dimension{.id = "d", .unit = "USD bn/yr equivalent"}));
  EXPECT_FALSE(IsMonetary(Dimension{.id = "d", .unit = "index"}));
  EXPECT_FALSE(IsMonetary(Dimension{.id = "d", .unit = "USDA tonnes"}));
}

}  // namespace
}  // namespace mend
