// SPDX-License-Identifier: Apache-2.0
#include "mend/stability/stability.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mend/io/case_reader.hpp"

namespace mend {
namespace {

using ::testing::ElementsAre;

// Three deciders: A owns a (bit 0); B owns b1 (bit 1) and b2 (bit 2); C owns c (bit 3).
// Feasible (b1, b2, c): NNN, YNN, YNY, NYY — b2 needs c, c needs b1 or b2, b1 and b2 exclude
// each other. From A's improvement s1 = YNNN (a = Y), the only state bad for A, YNYY, needs
// B, then C, then B again: B moves twice, not in a row. The textbook rule finds that sanction;
// gmcr-plus (one move of one opponent) cannot.
struct ThreeDeciders {
  StateSpace space;
  UtilityTable utilities;
  std::vector<ActorIndex> deciders{ActorIndex{0}, ActorIndex{1}, ActorIndex{2}};
};

ThreeDeciders MakeThreeDeciders() {
  OptionLayout layout;
  layout.option_count = 4;
  layout.owned = {0b0001, 0b0110, 0b1000};
  auto infeasible = [](StateCode mask, StateCode values) {
    Constraint c;
    c.kind = ConstraintKind::kInfeasible;
    c.pattern = {mask, values};
    c.label = "test";
    return c;
  };
  std::vector<Constraint> constraints = {infeasible(0b1100, 0b0100),   // b2 without c
                                         infeasible(0b1110, 0b1000),   // c without b1, b2
                                         infeasible(0b0110, 0b0110)};  // b1 and b2
  Result<StateSpace> space = StateSpace::Enumerate(layout, constraints);
  EXPECT_TRUE(space.has_value());
  ThreeDeciders conflict{std::move(space).value(), {}};
  EXPECT_EQ(conflict.space.size(), 8U);
  auto b_rank = [](StateCode code) {  // B likes NNN < YNN < YNY < NYY
    switch (code & 0b1110) {
      case 0b0000:
        return 0.0;
      case 0b0010:
        return 1.0;
      case 0b1010:
        return 2.0;
      default:
        return 3.0;
    }
  };
  std::vector<double> ua, ub, uc;
  for (StateCode code : conflict.space.codes()) {
    const bool a = (code & 1) != 0;
    const StateCode rest = code & 0b1110;
    double value = 1.0;  // A's states with a = N, except the status quo
    if (!a && rest == 0) value = 2.0;
    if (a) value = rest == 0b0000 ? 3.0 : rest == 0b0010 ? 4.0 : rest == 0b1010 ? 5.0 : 0.0;
    ua.push_back(value);
    ub.push_back(b_rank(code));
    uc.push_back((code & 0b1000) != 0 ? 1.0 : 0.0);
  }
  conflict.utilities.utility = {ua, ub, uc};
  conflict.utilities.indifference = {0, 0, 0};
  conflict.utilities.cardinal = {true, true, true};
  return conflict;
}

TEST(AnalyzeStability, TextbookSanctionMayNeedAnOpponentToMoveTwice) {
  const ThreeDeciders conflict = MakeThreeDeciders();
  const StateId s0 = *conflict.space.Find(0b0000);
  StabilityOptions textbook;
  StabilityOptions gmcr_plus;
  gmcr_plus.sanctions = SanctionRule::kGmcrPlus;
  Result<StabilityReport> a =
      AnalyzeStability(conflict.space, conflict.utilities, conflict.deciders, textbook);
  Result<StabilityReport> b =
      AnalyzeStability(conflict.space, conflict.utilities, conflict.deciders, gmcr_plus);
  ASSERT_TRUE(a && b);
  EXPECT_FALSE(a->IsStable(StabilityConcept::kNash, 0, s0));
  for (StabilityConcept c :
       {StabilityConcept::kGmr, StabilityConcept::kSmr, StabilityConcept::kSeq}) {
    EXPECT_TRUE(a->IsStable(c, 0, s0)) << StabilityConceptName(c);
    EXPECT_FALSE(b->IsStable(c, 0, s0)) << StabilityConceptName(c);
  }
}

TEST(AnalyzeStability, PrisonersDilemmaClassicResults) {
  Result<Document> document = ReadDocumentFile("cases/classic/prisoners-dilemma.yaml");
  ASSERT_TRUE(document.has_value()) << document.error().ToString();
  const CompiledCase& compiled = std::get<CompiledCase>(*document);
  Result<StabilityReport> report = AnalyzeStability(compiled, {});
  ASSERT_TRUE(report.has_value());
  auto patterns = [&](const std::vector<StateId>& states) {
    std::vector<std::string> out;
    for (StateId s : states) out.push_back(compiled.space.Pattern(s));
    return out;
  };
  EXPECT_THAT(patterns(report->Equilibria(StabilityConcept::kNash)), ElementsAre("NN"));
  EXPECT_THAT(patterns(report->Equilibria(StabilityConcept::kGmr)), ElementsAre("NN", "YY"));
  EXPECT_THAT(patterns(report->Equilibria(StabilityConcept::kSeq)), ElementsAre("NN", "YY"));
}

TEST(AnalyzeStability, AnalysesOnlyTheRequestedConcepts) {
  const ThreeDeciders conflict = MakeThreeDeciders();
  StabilityOptions options;
  options.concepts = {StabilityConcept::kSeq, StabilityConcept::kNash, StabilityConcept::kSeq};
  Result<StabilityReport> report =
      AnalyzeStability(conflict.space, conflict.utilities, conflict.deciders, options);
  ASSERT_TRUE(report.has_value());
  EXPECT_THAT(std::vector<StabilityConcept>(report->concepts().begin(), report->concepts().end()),
              ElementsAre(StabilityConcept::kNash, StabilityConcept::kSeq));
  EXPECT_FALSE(report->Has(StabilityConcept::kGmr));
}

TEST(AnalyzeStability, ReturnsCancelledWhenStopIsRequested) {
  const ThreeDeciders conflict = MakeThreeDeciders();
  std::stop_source stop;
  stop.request_stop();
  Result<StabilityReport> report =
      AnalyzeStability(conflict.space, conflict.utilities, conflict.deciders, {}, stop.get_token());
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::kCancelled);
}

TEST(AnalyzeStability, RefusesBadDeciders) {
  const ThreeDeciders conflict = MakeThreeDeciders();
  std::vector<ActorIndex> none;
  std::vector<ActorIndex> unknown{ActorIndex{0}, ActorIndex{7}};
  Result<StabilityReport> a = AnalyzeStability(conflict.space, conflict.utilities, none, {});
  Result<StabilityReport> b = AnalyzeStability(conflict.space, conflict.utilities, unknown, {});
  ASSERT_FALSE(a.has_value());
  ASSERT_FALSE(b.has_value());
  EXPECT_EQ(a.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(b.error().code, ErrorCode::kInvalidArgument);
}

// Three deciders with one option each, every state feasible. A gains by moving NNN -> YNN
// (2 -> 3); one move of B (YYN) or of C (YNY) leaves A at 4, and only both together (YYY, 0)
// punish A. B and C each gain by taking their option. The textbook rule counts B then C as a
// sanction, so NNN is GMR, SMR (A's only move from YYY, to NYY, is worth 1) and SEQ stable for
// A; gmcr-py's rule, one move of one opponent, finds no sanction, as gmcr-py reports for
// conflicts like this (docs/gmcr.md).
TEST(AnalyzeStability, GmcrPlusCountsOnlyOneMoveOfOneOpponent) {
  OptionLayout layout;
  layout.option_count = 3;
  layout.owned = {0b001, 0b010, 0b100};
  Result<StateSpace> space = StateSpace::Enumerate(layout, {});
  ASSERT_TRUE(space.has_value());
  ASSERT_EQ(space->size(), 8U);
  std::vector<double> ua, ub, uc;
  for (StateCode code : space->codes()) {
    double a = 1.0;  // A's value of the states with a = N other than NNN
    if (code == 0b000) a = 2.0;
    if (code == 0b001) a = 3.0;
    if (code == 0b011 || code == 0b101) a = 4.0;
    if (code == 0b111) a = 0.0;
    ua.push_back(a);
    ub.push_back((code & 0b010) != 0 ? 1.0 : 0.0);
    uc.push_back((code & 0b100) != 0 ? 1.0 : 0.0);
  }
  UtilityTable utilities;
  utilities.utility = {ua, ub, uc};
  utilities.indifference = {0, 0, 0};
  utilities.cardinal = {true, true, true};
  const std::vector<ActorIndex> deciders{ActorIndex{0}, ActorIndex{1}, ActorIndex{2}};
  StabilityOptions gmcr_plus;
  gmcr_plus.sanctions = SanctionRule::kGmcrPlus;
  Result<StabilityReport> textbook = AnalyzeStability(*space, utilities, deciders, {});
  Result<StabilityReport> single = AnalyzeStability(*space, utilities, deciders, gmcr_plus);
  ASSERT_TRUE(textbook && single);
  const StateId s0 = *space->Find(0b000);
  for (StabilityConcept c :
       {StabilityConcept::kGmr, StabilityConcept::kSmr, StabilityConcept::kSeq}) {
    EXPECT_TRUE(textbook->IsStable(c, 0, s0)) << StabilityConceptName(c);
    EXPECT_FALSE(single->IsStable(c, 0, s0)) << StabilityConceptName(c);
  }
}

TEST(StabilityNames, RoundTrip) {
  for (StabilityConcept c : kAllStabilityConcepts) {
    EXPECT_EQ(ParseStabilityConcept(StabilityConceptName(c)), c);
  }
  EXPECT_EQ(ParseStabilityConcept("nsh"), std::nullopt);
  EXPECT_EQ(ParseSanctionRule("gmcr-plus"), SanctionRule::kGmcrPlus);
  EXPECT_EQ(ParseSanctionRule(SanctionRuleName(SanctionRule::kTextbook)), SanctionRule::kTextbook);
  EXPECT_EQ(ParseSanctionRule("gmcr"), std::nullopt);
}

}  // namespace
}  // namespace mend
