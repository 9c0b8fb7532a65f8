// SPDX-License-Identifier: Apache-2.0
//
// The .gmcr test files of this folder load, and mend finds the equilibria derived by hand below
// under both sanction rules. gmcr-py itself could not be run where these tests were written; the
// derivations follow gmcr-py's loader and solver as docs/gmcr.md describes them, and that reading
// was checked against gmcr-py's recorded results there. They are gmcr-py's answers too: with two
// deciders a sanction is one opponent move under every rule, and in the ranking and compound
// files the Nash equilibria already equal the textbook GMR equilibria (in the bystander file, the
// one state GMR adds is stable through a single opponent move), so gmcr-py's rule (one move of
// one opponent) and the textbook's legal sequences give the same sets for GMR, SMR and SEQ.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mend/io/case_reader.hpp"
#include "mend/stability/stability.hpp"

namespace mend {
namespace {

using ::testing::ElementsAreArray;

std::string TestFile(const char* name) {
  return std::string(MEND_SOURCE_DIR) + "/tests/gmcr/" + name;
}

CompiledCase Load(const char* name) {
  Result<Document> document = ReadDocumentFile(TestFile(name));
  EXPECT_TRUE(document.has_value()) << document.error().ToString();
  return std::get<CompiledCase>(std::move(document).value());
}

std::vector<std::string> Equilibria(const CompiledCase& compiled, StabilityConcept concept_id,
                                    SanctionRule rule) {
  StabilityOptions options;
  options.sanctions = rule;
  options.threads = 1;
  Result<StabilityReport> report = AnalyzeStability(compiled, options);
  EXPECT_TRUE(report.has_value()) << report.error().message;
  std::vector<std::string> patterns;
  for (StateId s : report->Equilibria(concept_id)) patterns.push_back(compiled.space.Pattern(s));
  return patterns;
}

void ExpectEquilibria(const CompiledCase& compiled, StabilityConcept concept_id,
                      const std::vector<std::string>& expected) {
  for (SanctionRule rule : {SanctionRule::kTextbook, SanctionRule::kGmcrPlus}) {
    EXPECT_THAT(Equilibria(compiled, concept_id, rule), ElementsAreArray(expected))
        << StabilityConceptName(concept_id) << " under " << SanctionRuleName(rule);
  }
}

// Prisoners' dilemma by prioritisation. States (Alpha defects, Beta defects): 1 NN, 2 YN, 3 NY,
// 4 YY. Alpha's statements "Beta does not defect" (worth 2), "Alpha defects" (1) score NN 2,
// YN 3, NY 0, YY 1; Beta's mirror them. Nash: only YY (from NN, YN and NY someone gains by
// defecting). GMR and SMR add NN: Alpha's gain NN→YN is punished by Beta's move to YY, which
// Alpha ranks below NN, and from YY Alpha's only move (to NY) is worse still. SEQ adds NN too:
// Beta's move YN→YY is an improvement for Beta (0 → 1).
TEST(GmcrFiles, TwoDecidersPrioritisedGiveTheTextbookDilemma) {
  const CompiledCase compiled = Load("two-deciders-prioritised.gmcr");
  ASSERT_EQ(compiled.space.size(), 4u);
  ExpectEquilibria(compiled, StabilityConcept::kNash, {"YY"});
  for (StabilityConcept c :
       {StabilityConcept::kGmr, StabilityConcept::kSmr, StabilityConcept::kSeq})
    ExpectEquilibria(compiled, c, {"NN", "YY"});
}

// The dilemma with a bystander who would rather not intervene. Nash: only YYN (Gamma always
// leaves an intervention, Alpha and Beta leave NNN, YNN and NYN). GMR adds NNN: Alpha's gain
// NNN→YNN is punished by Beta's single move to YYN (Alpha's score 1 < 2), and symmetrically.
// SMR keeps it (from YYN Alpha's only move, to NYN, scores 0) and so does SEQ (Beta's move is an
// improvement for Beta). Every other state is unstable already under textbook GMR: Gamma's gain
// from an intervention can only meet states without one, which Gamma still prefers. NNN is
// stable through one opponent move, so every sanction rule agrees.
TEST(GmcrFiles, ThreeDecidersWhereGmrAddsAStateByOneSanction) {
  const CompiledCase compiled = Load("three-deciders-bystander.gmcr");
  ASSERT_EQ(compiled.space.size(), 8u);
  ExpectEquilibria(compiled, StabilityConcept::kNash, {"YYN"});
  for (StabilityConcept c :
       {StabilityConcept::kGmr, StabilityConcept::kSmr, StabilityConcept::kSeq})
    ExpectEquilibria(compiled, c, {"NNN", "YYN"});
}

// Options regrouped by decider: P (Alpha pays), Q (Beta pays), X (Charlie closes, forward
// irreversible). P&Q is infeasible, so the states are 1 NNN, 2 YNN, 3 NYN, 4 NNY, 5 YNY, 6 NYY.
// Nash: Alpha leaves 1 (for 2) and 4 (for 5); Beta leaves 1 (for 3) and 4 (for 6); Charlie can
// only close (N→Y), which it ranks lower, so it never moves. Equilibria 2, 3, 5, 6. GMR adds
// nothing: at 1 Beta's gain (→3) meets only Charlie's move to 6, which Beta still prefers to 1;
// at 4 Alpha's gain (→5) cannot be answered at all. SMR and SEQ lie between Nash and GMR.
TEST(GmcrFiles, ThreeDecidersWithRankingsTiesAndIrreversibility) {
  const CompiledCase compiled = Load("three-deciders-ranking.gmcr");
  std::vector<std::string> ids;
  for (const Option& option : compiled.definition.options) ids.push_back(option.id);
  EXPECT_THAT(ids, ElementsAreArray({"alpha_pays", "beta_pays", "charlie_closes_the_border"}));
  EXPECT_EQ(compiled.definition.options[2].irreversibility, Irreversibility::kForward);
  ASSERT_EQ(compiled.space.size(), 6u);
  for (StabilityConcept c : kAllStabilityConcepts)
    ExpectEquilibria(compiled, c, {"YNN", "NYN", "YNY", "NYY"});
}

// a&b and c&d are infeasible (one compound condition): 9 states, numbered 1 NNNN, 2 YNNN,
// 3 NYNN, 4 NNYN, 5 YNYN, 6 NYYN, 7 NNNY, 8 YNNY, 9 NYNY. Scores (weights 2, 1):
//   A: (c or d), a            → 0 1 0 2 3 2 2 3 2
//   B: (b and not a), (not c and not d) or a → 1 1 3 0 1 2 0 1 2
//   C: not d, c               → 2 2 2 3 3 3 0 0 0
//   D: (not a and not b), d   → 2 0 0 2 0 0 3 1 1
// d may only go from Y to N. Nash: A leaves 1, 4, 7; B leaves 1, 4, 7; C leaves 1, 2, 3; D never
// gains. Equilibria 5, 6, 8, 9. GMR adds none: at 2 and 3 every answer to C's move leaves C
// better off; at 1, 4 and 7 B's gain cannot be punished below B's start.
TEST(GmcrFiles, FourDecidersWithCompoundConditions) {
  const CompiledCase compiled = Load("four-deciders-compound.gmcr");
  ASSERT_EQ(compiled.space.size(), 9u);
  EXPECT_EQ(compiled.definition.options[3].irreversibility, Irreversibility::kBackward);
  const std::vector<double> expected_a = {0, 1, 0, 2, 3, 2, 2, 3, 2};
  const std::vector<double> expected_b = {1, 1, 3, 0, 1, 2, 0, 1, 2};
  EXPECT_THAT(compiled.utilities.utility[0], ElementsAreArray(expected_a));
  EXPECT_THAT(compiled.utilities.utility[1], ElementsAreArray(expected_b));
  for (StabilityConcept c : kAllStabilityConcepts)
    ExpectEquilibria(compiled, c, {"YNYN", "NYYN", "YNNY", "NYNY"});
}

// Chicken with the old keys. Alpha ranks YN > NN > NY > YY; Beta NY > {NN, YN} > YY and may only
// stop daring (Y→N). Nash: Alpha leaves NN (for YN) and YY (for NY); Beta leaves YY (for YN).
// GMR: Alpha's gain from NN cannot be answered (Beta cannot dare), and from YY Beta's answer
// (NY→NN) leaves Alpha better off. All concepts: YN and NY.
TEST(GmcrFiles, LegacyPreferenceVectorKeys) {
  const CompiledCase compiled = Load("two-deciders-legacy-vector.gmcr");
  EXPECT_EQ(compiled.definition.preference_kind[0], PreferenceKind::kRanking);
  for (StabilityConcept c : kAllStabilityConcepts) ExpectEquilibria(compiled, c, {"YN", "NY"});
}

// gmcr-py ignores a preference condition it already has before weighting the others: the same
// terms in another order, a compound condition with that one member, or an option repeated with
// the same letter. Alpha's and Beta's statements are then those of the prioritised dilemma above,
// with weights 2 and 1, so Alpha scores NN 2, YN 3, NY 0, YY 1 (counting the repeats, with
// weights 8, 4, 2, 1, would give 10, 15, 0, 5: the same order, other numbers).
TEST(GmcrFiles, RepeatedPreferenceConditionsCountOnce) {
  const CompiledCase compiled = Load("two-deciders-repeated-condition.gmcr");
  ASSERT_TRUE(compiled.definition.ordinal[0].has_value());
  EXPECT_EQ(compiled.definition.ordinal[0]->statements.size(), 2u);
  EXPECT_EQ(compiled.definition.ordinal[1]->statements.size(), 2u);
  EXPECT_THAT(compiled.utilities.utility[0], ElementsAreArray({2.0, 3.0, 0.0, 1.0}));
  EXPECT_THAT(compiled.utilities.utility[1], ElementsAreArray({2.0, 0.0, 3.0, 1.0}));
  ExpectEquilibria(compiled, StabilityConcept::kNash, {"YY"});
}

TEST(GmcrFiles, SingletonCoalitionsMeanNoCoalitions) {
  EXPECT_TRUE(Load("three-deciders-ranking.gmcr").definition.coalitions.empty());
}

}  // namespace
}  // namespace mend
