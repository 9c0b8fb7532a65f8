// SPDX-License-Identifier: Apache-2.0
#include "mend/stability/coalition.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mend/io/case_reader.hpp"

namespace mend {
namespace {

using ::testing::ElementsAre;

CompiledCase Elmira() {
  Result<Document> document =
      ReadDocumentFile(std::string(MEND_SOURCE_DIR) + "/cases/classic/elmira.yaml");
  EXPECT_TRUE(document.has_value()) << document.error().ToString();
  return std::get<CompiledCase>(std::move(document).value());
}

std::vector<std::string> Patterns(const CompiledCase& compiled,
                                  const std::vector<StateId>& states) {
  std::vector<std::string> patterns;
  for (StateId s : states) patterns.push_back(compiled.space.Pattern(s));
  return patterns;
}

// The Elmira groundwater conflict, the example of the coalition papers (Kilgour, Hipel, Fang &
// Peng, Group Decision and Negotiation 10(2), 2001; Inohara & Hipel, Systems Engineering 11(4),
// 2008), whose state tables were not checked here. The case's rankings equal those of the
// Elmira example file distributed with gmcr-py (docs/gmcr.md). Under them NYNNY (Uniroyal
// delays, the local government insists) is an individual Nash equilibrium; the Ministry
// (NYNNY 5th in its ranking, YNYNY 4th) and Uniroyal (4th, 3rd) both gain by moving together to
// YNYNY (the Ministry modifies the order, Uniroyal accepts), so NYNNY is not coalitionally
// stable. No other group can upset it, and the other five equilibria stay stable.
TEST(AnalyzeCoalitions, ElmiraMinistryAndUniroyalUpsetTheDelayEquilibrium) {
  const CompiledCase compiled = Elmira();
  Result<StabilityReport> individual = AnalyzeStability(compiled, {});
  ASSERT_TRUE(individual.has_value());
  EXPECT_THAT(Patterns(compiled, individual->Equilibria(StabilityConcept::kNash)),
              ElementsAre("NNNYN", "YNNYN", "NYNNY", "YNYNY", "NNNYY", "YNNYY"));

  const std::vector<ActorIndex> deciders = compiled.definition.Deciders();
  const std::vector<CoalitionMembers> coalitions = AllCoalitions(deciders);
  Result<CoalitionReport> report = AnalyzeCoalitions(compiled, coalitions, {});
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_THAT(Patterns(compiled, report->Equilibria(StabilityConcept::kNash)),
              ElementsAre("NNNYN", "YNNYN", "YNYNY", "NNNYY", "YNNYY"));

  // The coalition that does it: the Ministry and Uniroyal (positions in AllCoalitions order:
  // the three singletons, then moe+uniroyal).
  ASSERT_THAT(coalitions[3], ElementsAre(deciders[0], deciders[1]));
  const StateId delay_insist = *compiled.space.Find(0b10010);  // NYNNY, option 0 lowest
  EXPECT_FALSE(report->IsStable(StabilityConcept::kNash, 3, delay_insist));
  for (std::size_t h = 0; h < coalitions.size(); ++h) {
    if (h != 3) {
      EXPECT_TRUE(report->IsStable(StabilityConcept::kNash, h, delay_insist)) << h;
    }
  }
}

TEST(AllCoalitions, ListsSingletonsFirstAndTheGrandCoalitionLast) {
  const std::vector<ActorIndex> deciders = {ActorIndex{0}, ActorIndex{1}, ActorIndex{2}};
  const std::vector<CoalitionMembers> all = AllCoalitions(deciders);
  ASSERT_EQ(all.size(), 7u);
  EXPECT_THAT(all[0], ElementsAre(ActorIndex{0}));
  EXPECT_THAT(all[3], ElementsAre(ActorIndex{0}, ActorIndex{1}));
  EXPECT_THAT(all[5], ElementsAre(ActorIndex{1}, ActorIndex{2}));
  EXPECT_THAT(all[6], ElementsAre(ActorIndex{0}, ActorIndex{1}, ActorIndex{2}));
}

TEST(AnalyzeCoalitions, RefusesEmptyUnknownAndRepeatedMembers) {
  const CompiledCase compiled = Elmira();
  const std::vector<std::vector<CoalitionMembers>> bad = {
      {{}}, {{ActorIndex{7}}}, {{ActorIndex{0}, ActorIndex{0}}}};
  for (const std::vector<CoalitionMembers>& coalitions : bad) {
    Result<CoalitionReport> report = AnalyzeCoalitions(compiled, coalitions, {});
    ASSERT_FALSE(report.has_value());
    EXPECT_EQ(report.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(AnalyzeCoalitions, RefusesMoreStatesThanTheLimit) {
  const CompiledCase compiled = Elmira();
  CoalitionOptions options;
  options.max_states = 4;
  Result<CoalitionReport> report =
      AnalyzeCoalitions(compiled, AllCoalitions(compiled.definition.Deciders()), options);
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::kInvalidArgument);
}

TEST(AnalyzeCoalitions, ReturnsCancelledWhenStopIsRequested) {
  const CompiledCase compiled = Elmira();
  std::stop_source stop;
  stop.request_stop();
  Result<CoalitionReport> report = AnalyzeCoalitions(
      compiled, AllCoalitions(compiled.definition.Deciders()), {}, stop.get_token());
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::kCancelled);
}

}  // namespace
}  // namespace mend
