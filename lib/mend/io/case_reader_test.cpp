// SPDX-License-Identifier: Apache-2.0
#include "mend/io/case_reader.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

namespace mend {
namespace {

using ::testing::HasSubstr;

// Raw string literals in this file start with a newline so that the text lines up with the
// line numbers the tests assert; Doc() drops it.
std::string Doc(std::string_view text) {
  if (!text.empty() && text.front() == '\n') text.remove_prefix(1);
  return std::string(text);
}

// Returns the 1-based column of the first `token` on 1-based line `line` of `text`. A '|' in
// the token marks the expected column inside it ("mode: |95" points at 95).
int ColumnOf(std::string_view text, int line, std::string_view token) {
  std::size_t start = 0;
  for (int l = 1; l < line; ++l) start = text.find('\n', start) + 1;
  const std::size_t end = std::min(text.find('\n', start), text.size());
  std::string plain(token);
  std::size_t offset = 0;
  if (const std::size_t bar = plain.find('|'); bar != std::string::npos) {
    plain.erase(bar, 1);
    offset = bar;
  }
  const std::size_t at = text.substr(start, end - start).find(plain);
  if (at == std::string_view::npos) return -1;
  int column = 1;  // columns count characters, not UTF-8 bytes
  for (std::size_t i = start; i < start + at + offset; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) ++column;
  }
  return column;
}

// Checks that `text` is refused at (line, column of `token` on that line) and that the formatted
// message "case.yaml:LINE:COLUMN: error: ..." contains every fragment.
::testing::AssertionResult RefusedAt(const std::string& text, int line, std::string_view token,
                                     std::vector<std::string_view> fragments,
                                     const ReadOptions& options = {}) {
  Result<CompiledCase> result = ReadCase(text, "case.yaml", options);
  if (result) return ::testing::AssertionFailure() << "the case loaded";
  const Error& error = result.error();
  const std::string message = error.ToString();
  const int column = ColumnOf(text, line, token);
  if (column < 0) {
    return ::testing::AssertionFailure() << "test bug: no '" << token << "' on line " << line;
  }
  const std::string prefix =
      "case.yaml:" + std::to_string(line) + ":" + std::to_string(column) + ": error: ";
  if (message.rfind(prefix, 0) != 0) {
    return ::testing::AssertionFailure()
           << "expected the prefix \"" << prefix << "\", got \"" << message << "\"";
  }
  if (error.code != ErrorCode::kInvalidArgument) {
    return ::testing::AssertionFailure() << "expected invalid-argument: " << message;
  }
  for (std::string_view fragment : fragments) {
    if (message.find(fragment) == std::string::npos) {
      return ::testing::AssertionFailure() << "\"" << message << "\" lacks \"" << fragment << "\"";
    }
  }
  return ::testing::AssertionSuccess() << message;
}

CompiledCase Load(const std::string& text) {
  Result<CompiledCase> result = ReadCase(text, "case.yaml");
  EXPECT_TRUE(result.has_value()) << result.error().ToString();
  if (!result) std::abort();
  return std::move(result).value();
}

double UtilityOf(const CompiledCase& compiled, std::string_view actor, std::string_view pattern) {
  const auto a = compiled.definition.FindActor(actor);
  const auto code = ParsePattern(pattern, compiled.definition.option_count());
  EXPECT_TRUE(a && code) << actor << " " << pattern;
  const auto state = compiled.space.Find(*code);
  EXPECT_TRUE(state.has_value()) << pattern << " is infeasible";
  return compiled.utilities.at(*a, *state);
}

std::vector<std::string> Patterns(const CompiledCase& compiled) {
  std::vector<std::string> patterns;
  for (std::uint32_t s = 0; s < compiled.space.size(); ++s) {
    patterns.push_back(compiled.space.Pattern(StateId{s}));
  }
  return patterns;
}

// Every key of the format at once (each actor with one source of preference).
const std::string kFullCase = Doc(R"(
mend: 1
id: strategic-arms
title: Strategic arms limits
title_ru: Ограничение стратегических вооружений
summary: >
  One paragraph on the issue.
summary_ru: Один абзац.
sources:
  - id: cbo2023
    cite: "Congressional Budget Office, 2023"
    cite_ru: "Бюджетное управление Конгресса, 2023"
    url: https://example.org/cbo
    accessed: 2026-11-30
    kind: primary
    note: a note
actors:
  - {id: us, name: United States, role: decider, language: en}
  - {id: ru, name: Russia, name_ru: Россия, role: decider, language: ru}
  - {id: eu, name: European allies, role: affected}
dimensions:
  - {id: budget, name: Defence budget, unit: USD bn/yr}
  - {id: risk, name: Expected cost of incidents, unit: USD bn/yr, expectation: true}
  - {id: status, name: International status, name_ru: Статус, unit: index, unit_ru: усл. ед., tags: [status, soft]}
parameters:
  nuc_cost:  {dist: triangular, min: 60, mode: 75, max: 90, unit: USD bn/yr, source: cbo2023}
  share:     {dist: uniform, min: 0.1, max: 0.2}
  p_inc:     {dist: lognormal, median: 0.002, p95: 0.01}
  growth:    {dist: normal, mean: 0.01, sd: 0.005}
  savings:   {dist: pert, min: 5, mode: 10, max: 30, note: skewed, note_ru: скошено}
  fixed_one: 3.5
  fixed_two: {value: 1550, unit: warheads, unit_ru: боезарядов, name: treaty limit, name_ru: договорный предел, source: cbo2023}
  derived:   {dist: uniform, min: fixed_one * 2, max: "max(fixed_one, 4) * 4"}
correlations:
  - {between: [nuc_cost, savings], rank: 0.6}
options:
  us:
    - {id: us_limit, name: Keep forces at treaty limits, name_ru: Соблюдать лимиты}
    - {id: us_bmd, name: Expand missile defence, irreversible: false}
  ru:
    - {id: ru_limit, name: Keep forces at treaty limits, irreversible: backward}
    - {id: ru_novel, name: Deploy novel strategic systems, irreversible: true}
constraints:
  - exclusive: [ru_limit, ru_novel]
  - at_least_one: [us_limit, us_bmd]
  - requires: {if: us_bmd, then: us_limit}
  - infeasible: {us_bmd: Y, ru_novel: Y}
status_quo: {us_limit: Y, us_bmd: N, ru_limit: Y, ru_novel: N}
default: auto
effects:
  - when: {us_bmd: Y}
    us: {budget: -0.3 * nuc_cost}
    eu: {risk: -p_inc * 500}
    source: cbo2023
    note: interaction terms are more specific rules
    note_ru: примечание
  - when: {}
    us: {status: 1, risk: sqrt(16) + abs(-1) - exp(0) + log(1)}
valuation:
  us: {weights: {budget: 1, risk: 1, status: 2}}
  eu: {weights: {risk: 1}, indifference: 0.25}
perceptions:
  - holder: ru
    about: us
    weights: {status: 1}
    loss_aversion: 1.0
    uncertainty_aversion: 0.5
    indifference: 0.1
    note: Moscow reads Washington as caring little about status
linkage: {us: false, ru: true}
preferences:
  ru: [ru_limit, "-ru_novel", "ru_limit if us_limit", "us_bmd iff ru_novel"]
)");

TEST(ReadCase, LoadsEveryKeyOfTheFormat) {
  const CompiledCase compiled = Load(kFullCase);
  const CaseDefinition& c = compiled.definition;
  EXPECT_EQ(c.file, "case.yaml");
  EXPECT_EQ(c.id, "strategic-arms");
  EXPECT_EQ(c.title.text, "Strategic arms limits");
  EXPECT_EQ(c.title.ru, "Ограничение стратегических вооружений");
  EXPECT_EQ(c.summary.text, "One paragraph on the issue.\n");
  EXPECT_EQ(c.summary.ru, "Один абзац.");

  ASSERT_EQ(c.sources.size(), 1U);
  EXPECT_EQ(c.sources[0].id, "cbo2023");
  EXPECT_EQ(c.sources[0].cite.text, "Congressional Budget Office, 2023");
  EXPECT_EQ(c.sources[0].cite.ru, "Бюджетное управление Конгресса, 2023");
  EXPECT_EQ(c.sources[0].url, "https://example.org/cbo");
  EXPECT_EQ(c.sources[0].accessed, "2026-11-30");
  EXPECT_EQ(c.sources[0].kind, SourceKind::kPrimary);
  EXPECT_EQ(c.sources[0].url_where.line, 12);

  ASSERT_EQ(c.actors.size(), 3U);
  EXPECT_EQ(c.actors[0].id, "us");
  EXPECT_EQ(c.actors[0].name.text, "United States");
  EXPECT_EQ(c.actors[0].language, "en");
  EXPECT_EQ(c.actors[1].name.ru, "Россия");
  EXPECT_EQ(c.actors[1].language, "ru");
  EXPECT_TRUE(c.actors[0].is_decider());
  EXPECT_TRUE(c.actors[1].is_decider());
  EXPECT_EQ(c.actors[2].role, ActorRole::kAffected);
  EXPECT_EQ(c.Deciders().size(), 2U);
  EXPECT_EQ(c.actors[0].where.line, 17);

  ASSERT_EQ(c.dimensions.size(), 3U);
  EXPECT_EQ(c.dimensions[0].unit, "USD bn/yr");
  EXPECT_EQ(c.dimensions[2].name.ru, "Статус");
  EXPECT_EQ(c.dimensions[2].unit_ru, "усл. ед.");
  EXPECT_TRUE(c.dimensions[0].unit_ru.empty());
  EXPECT_THAT(c.dimensions[2].tags, ::testing::ElementsAre("status", "soft"));
  EXPECT_TRUE(c.dimensions[2].is_status());
  EXPECT_FALSE(c.dimensions[0].is_status());
  EXPECT_TRUE(c.dimensions[1].expectation);
  EXPECT_FALSE(c.dimensions[0].expectation);

  ASSERT_EQ(c.parameters.size(), 8U);
  EXPECT_EQ(c.parameters[0].kind, DistributionKind::kTriangular);
  EXPECT_EQ(c.parameters[0].unit, "USD bn/yr");
  EXPECT_EQ(c.parameters[0].source, std::optional<std::size_t>(0));
  EXPECT_EQ(c.parameters[1].kind, DistributionKind::kUniform);
  EXPECT_EQ(c.parameters[2].kind, DistributionKind::kLognormal);
  EXPECT_EQ(c.parameters[3].kind, DistributionKind::kNormal);
  EXPECT_EQ(c.parameters[4].kind, DistributionKind::kPert);
  EXPECT_EQ(c.parameters[4].note.text, "skewed");
  EXPECT_EQ(c.parameters[4].note.ru, "скошено");
  EXPECT_EQ(c.parameters[5].kind, DistributionKind::kFixed);
  EXPECT_EQ(c.parameters[6].kind, DistributionKind::kFixed);
  EXPECT_EQ(c.parameters[6].unit, "warheads");
  EXPECT_EQ(c.parameters[6].unit_ru, "боезарядов");
  EXPECT_EQ(c.parameters[6].name.text, "treaty limit");
  EXPECT_EQ(c.parameters[6].name.ru, "договорный предел");
  EXPECT_TRUE(c.parameters[0].name.text.empty());
  EXPECT_EQ(c.parameters[7].fields[0].expression, "fixed_one * 2");

  ASSERT_EQ(c.correlations.size(), 1U);
  EXPECT_EQ(c.correlations[0].first.value, 0U);
  EXPECT_EQ(c.correlations[0].second.value, 4U);
  EXPECT_DOUBLE_EQ(c.correlations[0].rank, 0.6);

  ASSERT_EQ(c.options.size(), 4U);
  EXPECT_EQ(c.options[0].owner.value, 0U);
  EXPECT_EQ(c.options[2].owner.value, 1U);
  EXPECT_EQ(c.options[0].name.ru, "Соблюдать лимиты");
  EXPECT_EQ(c.options[0].irreversibility, Irreversibility::kNone);
  EXPECT_EQ(c.options[1].irreversibility, Irreversibility::kNone);
  EXPECT_EQ(c.options[2].irreversibility, Irreversibility::kBackward);
  EXPECT_EQ(c.options[3].irreversibility, Irreversibility::kForward);

  ASSERT_EQ(c.constraints.size(), 4U);
  EXPECT_EQ(c.constraints[0].kind, ConstraintKind::kExclusive);
  EXPECT_EQ(c.constraints[0].options, 0b1100U);
  EXPECT_EQ(c.constraints[1].kind, ConstraintKind::kAtLeastOne);
  EXPECT_EQ(c.constraints[1].options, 0b0011U);
  EXPECT_EQ(c.constraints[2].kind, ConstraintKind::kRequires);
  EXPECT_EQ(c.constraints[2].condition, 0b0010U);
  EXPECT_EQ(c.constraints[2].consequence, 0b0001U);
  EXPECT_EQ(c.constraints[3].kind, ConstraintKind::kInfeasible);
  EXPECT_EQ(c.constraints[3].pattern.mask, 0b1010U);
  EXPECT_EQ(c.constraints[3].pattern.values, 0b1010U);
  EXPECT_THAT(c.constraints[0].label, HasSubstr("exclusive: ru_limit, ru_novel"));

  EXPECT_EQ(c.PatternOf(c.status_quo), "YNYN");
  EXPECT_FALSE(c.explicit_default.has_value());

  ASSERT_EQ(c.effects.size(), 2U);
  EXPECT_EQ(c.effects[0].source, std::optional<std::size_t>(0));
  EXPECT_EQ(c.effects[0].note.ru, "примечание");
  EXPECT_EQ(c.effects[0].terms.size(), 2U);
  EXPECT_EQ(c.effects[0].terms[0].key, "effects[0].us.budget");
  EXPECT_EQ(c.effects[1].when.mask, 0U);

  EXPECT_EQ(c.preference_kind[0], PreferenceKind::kValuation);
  EXPECT_EQ(c.preference_kind[1], PreferenceKind::kPrioritization);
  EXPECT_EQ(c.preference_kind[2], PreferenceKind::kValuation);
  EXPECT_DOUBLE_EQ(c.valuations[2]->indifference, 0.25);
  ASSERT_EQ(c.ordinal[1]->statements.size(), 4U);
  EXPECT_EQ(c.ordinal[1]->statements[3].text, "us_bmd iff ru_novel");

  ASSERT_EQ(c.perceptions.size(), 1U);
  EXPECT_EQ(c.perceptions[0].holder.value, 1U);
  EXPECT_EQ(c.perceptions[0].about.value, 0U);
  ASSERT_EQ(c.perceptions[0].weights.size(), 1U);
  EXPECT_EQ(c.perceptions[0].weights[0].first.value, 2U);
  EXPECT_EQ(c.perceptions[0].loss_aversion, std::optional<double>(1.0));
  EXPECT_EQ(c.perceptions[0].uncertainty_aversion, std::optional<double>(0.5));
  EXPECT_EQ(c.perceptions[0].indifference, std::optional<double>(0.1));
  EXPECT_THAT(c.perceptions[0].note.text, HasSubstr("Moscow"));

  EXPECT_EQ(c.accepts_linkage, (std::vector<bool>{false, true, true}));
}

TEST(ReadCase, FullCaseHasTheFeasibleStatesOfItsConstraints) {
  const CompiledCase compiled = Load(kFullCase);
  // us_limit must be Y; us_bmd=Y excludes ru_novel=Y; ru_limit and ru_novel exclusive.
  EXPECT_THAT(Patterns(compiled), ::testing::ElementsAre("YNNN", "YYNN", "YNYN", "YYYN", "YNNY"));
}

TEST(ReadCase, ParametersSitAtTheirMedians) {
  const CompiledCase compiled = Load(kFullCase);
  const auto central = compiled.parameters.central();
  ASSERT_EQ(central.size(), 8U);
  EXPECT_NEAR(central[0], 75.0, 1e-9);    // symmetric triangular
  EXPECT_NEAR(central[1], 0.15, 1e-12);   // uniform
  EXPECT_NEAR(central[2], 0.002, 1e-12);  // lognormal by its median
  EXPECT_NEAR(central[3], 0.01, 1e-12);   // normal
  EXPECT_GT(central[4], 10.0);            // PERT skewed right: median between mode and mean
  EXPECT_LT(central[4], (5 + 4 * 10 + 30) / 6.0);
  EXPECT_DOUBLE_EQ(central[5], 3.5);
  EXPECT_DOUBLE_EQ(central[6], 1550);
  // derived: uniform(3.5 * 2, max(3.5, 4) * 4) = uniform(7, 16).
  EXPECT_NEAR(central[7], 11.5, 1e-12);
  // The lognormal's p95 comes back from its sigma.
  EXPECT_NEAR(compiled.parameters.central_distribution(2).Quantile(0.95), 0.01, 1e-12);
}

TEST(ReadCase, UtilitiesFollowValuationAndPrioritization) {
  const CompiledCase compiled = Load(kFullCase);
  // us: status 1 (weight 2), risk 4 + 1 - 1 + 0 = 4 always; budget -0.3 * 75 with us_bmd.
  EXPECT_NEAR(UtilityOf(compiled, "us", "YNYN"), 2 + 4, 1e-9);
  EXPECT_NEAR(UtilityOf(compiled, "us", "YYYN"), 2 + 4 - 22.5, 1e-9);
  EXPECT_NEAR(UtilityOf(compiled, "eu", "YYYN"), -0.002 * 500, 1e-12);
  EXPECT_NEAR(UtilityOf(compiled, "eu", "YNYN"), 0, 1e-12);
  // ru: statements worth 8, 4, 2, 1.
  EXPECT_EQ(UtilityOf(compiled, "ru", "YNYN"), 8 + 4 + 2 + 1);
  EXPECT_EQ(UtilityOf(compiled, "ru", "YYYN"), 8 + 4 + 2);
  EXPECT_EQ(UtilityOf(compiled, "ru", "YNNY"), 0 + 0 + 0 + 0);
  EXPECT_EQ(UtilityOf(compiled, "ru", "YNNN"), 4 + 0 + 1);
  EXPECT_TRUE(compiled.utilities.cardinal[0]);
  EXPECT_FALSE(compiled.utilities.cardinal[1]);
  EXPECT_DOUBLE_EQ(compiled.utilities.indifference[2], 0.25);
}

const std::string kTwoByTwo = Doc(R"(
mend: 1
id: t
actors:
  - {id: a, role: decider}
  - {id: b, role: decider}
options:
  a: [{id: x}]
  b: [{id: y}]
status_quo: {x: N, y: N}
preferences:
  a: [x]
  b: [y]
)");

TEST(ReadCase, LoadsAMinimalCase) {
  const CompiledCase compiled = Load(kTwoByTwo);
  EXPECT_EQ(compiled.definition.title.text, "t");  // the title defaults to the id
  EXPECT_THAT(Patterns(compiled), ::testing::ElementsAre("NN", "YN", "NY", "YY"));
  EXPECT_EQ(compiled.definition.accepts_linkage, (std::vector<bool>{true, true}));
}

TEST(ReadCase, PatternsMayBeStrings) {
  const CompiledCase compiled = Load(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options:
  a: [{id: x}, {id: z}]
  b: [{id: y}]
constraints:
  - infeasible: NYN
status_quo: YNY
default: YNN
preferences:
  a: [x]
  b: [y]
)"));
  EXPECT_EQ(compiled.definition.PatternOf(compiled.definition.status_quo), "YNY");
  ASSERT_TRUE(compiled.definition.explicit_default.has_value());
  EXPECT_EQ(compiled.definition.PatternOf(*compiled.definition.explicit_default), "YNN");
  EXPECT_FALSE(compiled.space.Find(*ParsePattern("NYN", 3)).has_value());
  EXPECT_EQ(compiled.space.size(), 7U);
}

TEST(ReadCase, DefaultMayBeAFullMap) {
  const CompiledCase compiled = Load(kTwoByTwo + "default: {x: Y, y: N}\n");
  EXPECT_EQ(compiled.definition.explicit_default, std::optional<StateCode>(0b01));
}

TEST(ReadCase, RankingWithTiesSharesUtility) {
  const CompiledCase compiled = Load(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options:
  a: [{id: x}]
  b: [{id: y}]
status_quo: NN
preferences:
  a:
    ranking: [YN, [NN, YY], NY]
  b:
    ranking:
      - NY
      - NN
      - YY
      - YN
)"));
  EXPECT_EQ(UtilityOf(compiled, "a", "YN"), 3);
  EXPECT_EQ(UtilityOf(compiled, "a", "NN"), 2);
  EXPECT_EQ(UtilityOf(compiled, "a", "YY"), 2);
  EXPECT_EQ(UtilityOf(compiled, "a", "NY"), 1);
  EXPECT_GT(UtilityOf(compiled, "b", "NY"), UtilityOf(compiled, "b", "NN"));
  EXPECT_GT(UtilityOf(compiled, "b", "NN"), UtilityOf(compiled, "b", "YY"));
  EXPECT_GT(UtilityOf(compiled, "b", "YY"), UtilityOf(compiled, "b", "YN"));
}

TEST(ReadCase, PayoffsGiveCardinalUtilities) {
  const CompiledCase compiled = Load(Doc(R"(
mend: 1
id: pd
actors: [{id: a}, {id: b}]
options:
  a: [{id: x}]
  b: [{id: y}]
status_quo: NN
payoffs:
  NN: {a: 3, b: 3}
  YN: {a: 5, b: 0}
  NY: {a: 0, b: 5}
  YY: {a: 1, b: 1}
)"));
  EXPECT_EQ(UtilityOf(compiled, "a", "YN"), 5);
  EXPECT_EQ(UtilityOf(compiled, "b", "YN"), 0);
  EXPECT_EQ(UtilityOf(compiled, "b", "YY"), 1);
  EXPECT_TRUE(compiled.utilities.cardinal[0]);
}

TEST(ReadCase, PrioritizationOperatorsAndPrecedence) {
  const CompiledCase compiled = Load(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options:
  a: [{id: x}, {id: z}]
  b: [{id: y}]
status_quo: NNN
preferences:
  a: ["x & z", "x | y", "-x", "(z if x) iff y"]
  b: [y]
)"));
  // Weights 8, 4, 2, 1.
  EXPECT_EQ(UtilityOf(compiled, "a", "NNN"), 0 + 0 + 2 + 0);  // z if x holds, y false: iff false
  EXPECT_EQ(UtilityOf(compiled, "a", "YYN"), 8 + 4 + 0 + 0);
  EXPECT_EQ(UtilityOf(compiled, "a", "YNY"), 0 + 4 + 0 + 0);  // z if x fails, y: iff false
  EXPECT_EQ(UtilityOf(compiled, "a", "NNY"), 0 + 4 + 2 + 1);
  EXPECT_EQ(UtilityOf(compiled, "a", "YYY"), 8 + 4 + 0 + 1);
}

TEST(ReadCase, LossAversionWeighsLossesAgainstTheStatusQuo) {
  const CompiledCase compiled = Load(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
dimensions: [{id: money}]
options:
  a: [{id: x}]
  b: [{id: y}]
status_quo: NN
effects:
  - when: {x: Y}
    a: {money: 10}
  - when: {y: Y}
    a: {money: -4}
valuation:
  a: {weights: {money: 2}, loss_aversion: 2.5, uncertainty_aversion: 0}
preferences:
  b: [y]
)"));
  EXPECT_TRUE(compiled.definition.valuations[0]->reference_dependent);
  EXPECT_DOUBLE_EQ(UtilityOf(compiled, "a", "NN"), 0);
  EXPECT_DOUBLE_EQ(UtilityOf(compiled, "a", "YN"), 2 * 10);
  EXPECT_DOUBLE_EQ(UtilityOf(compiled, "a", "NY"), 2 * 2.5 * -4);
  EXPECT_DOUBLE_EQ(UtilityOf(compiled, "a", "YY"), 2 * 6);
}

TEST(ReadCase, WithoutLossAversionUtilityIsLinear) {
  const CompiledCase compiled = Load(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
dimensions: [{id: money}]
options:
  a: [{id: x}]
  b: [{id: y}]
status_quo: YN
effects:
  - {when: {y: Y}, a: {money: -4}}
valuation:
  a: {weights: {money: 2}}
preferences:
  b: [y]
)"));
  EXPECT_FALSE(compiled.definition.valuations[0]->reference_dependent);
  EXPECT_DOUBLE_EQ(UtilityOf(compiled, "a", "NY"), -8);
}

// ---- portfolios -------------------------------------------------------------------------------

class PortfolioTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("mend_portfolio_" + std::to_string(::getpid()) + "_" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }
  std::string Write(const std::string& name, const std::string& text) {
    const std::filesystem::path path = folder_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }
  static std::string CaseWithId(std::string_view id) {
    std::string text = kTwoByTwo;
    text.replace(text.find("id: t\n"), 6, "id: " + std::string(id) + "\n");
    return text;
  }
  // A case with its own parameter `risk` (and one derived from it), for the shared parameters.
  static std::string CaseWithRisk(std::string_view id, std::string_view extra = "") {
    std::string text = CaseWithId(id);
    text += "sources:\n  - {id: own, cite: The case's own source}\n";
    text += "parameters:\n  risk: {dist: uniform, min: 0, max: 5, unit: per year, source: own}\n";
    text += "  twice: {dist: uniform, min: 0, max: 2 * risk}\n";
    text += std::string(extra);
    return text;
  }
  std::filesystem::path folder_;
};

TEST_F(PortfolioTest, ReadsItsCasesRelativeToItsFolder) {
  Write("one.yaml", CaseWithId("one"));
  std::filesystem::create_directories(folder_ / "sub");
  Write("sub/two.yaml", CaseWithId("two"));
  const std::string path = Write("portfolio.yaml", Doc(R"(
mend: 1
portfolio: pair
title: A pair
title_ru: Пара
summary: Two cases.
cases: [one.yaml, sub/two.yaml]
linkage: {a: false}
)"));
  Result<Document> document = ReadDocumentFile(path);
  ASSERT_TRUE(document.has_value()) << document.error().ToString();
  const auto* portfolio = std::get_if<CompiledPortfolio>(&*document);
  ASSERT_NE(portfolio, nullptr);
  EXPECT_EQ(portfolio->definition.id, "pair");
  EXPECT_EQ(portfolio->definition.title.ru, "Пара");
  ASSERT_EQ(portfolio->cases.size(), 2U);
  EXPECT_EQ(portfolio->cases[0].definition.id, "one");
  EXPECT_EQ(portfolio->cases[1].definition.id, "two");
  ASSERT_EQ(portfolio->definition.linkage.size(), 1U);
  EXPECT_EQ(portfolio->definition.linkage[0], (std::pair<std::string, bool>{"a", false}));
}

TEST_F(PortfolioTest, ASharedParameterReplacesTheCasesOwnInEveryIssue) {
  Write("one.yaml", CaseWithRisk("one"));
  Write("two.yaml", CaseWithRisk("two"));
  const std::string path = Write("portfolio.yaml", Doc(R"(
mend: 1
portfolio: pair
cases: [one.yaml, two.yaml]
sources:
  - {id: pool, cite: The portfolio's source, url: "https://example.org/pool"}
parameters:
  risk: {dist: uniform, min: 0, max: 10, unit: per year, unit_ru: в год, source: pool,
         name: escalation risk, name_ru: риск эскалации}
)"));
  Result<Document> document = ReadDocumentFile(path);
  ASSERT_TRUE(document.has_value()) << document.error().ToString();
  const auto& portfolio = std::get<CompiledPortfolio>(*document);
  ASSERT_EQ(portfolio.definition.parameters.size(), 1U);
  EXPECT_EQ(portfolio.definition.parameters[0].id, "risk");
  for (const CompiledCase& one : portfolio.cases) {
    const Parameter& risk = one.definition.parameters[0];
    EXPECT_EQ(risk.id, "risk");
    EXPECT_EQ(risk.shared, std::optional<std::size_t>(0));
    ASSERT_EQ(risk.fields.size(), 2U);
    EXPECT_EQ(risk.fields[1].expression, "10");
    EXPECT_EQ(risk.where.file, path);
    EXPECT_EQ(risk.name.ru, "риск эскалации");
    EXPECT_EQ(risk.unit_ru, "в год");
    ASSERT_TRUE(risk.source.has_value());
    EXPECT_EQ(one.definition.sources[*risk.source].id, "pool");
    // The case's derived parameter now rests on the portfolio's draw.
    EXPECT_FALSE(one.definition.parameters[1].shared.has_value());
    EXPECT_DOUBLE_EQ(one.parameters.central()[0], 5.0);
  }
}

TEST_F(PortfolioTest, RefusesASharedParameterWithAnotherUnit) {
  Write("one.yaml", CaseWithRisk("one"));
  const std::string path = Write("portfolio.yaml", Doc(R"(
mend: 1
portfolio: pair
cases: [one.yaml]
parameters:
  risk: {dist: uniform, min: 0, max: 10, unit: per decade}
)"));
  Result<Document> document = ReadDocumentFile(path);
  ASSERT_FALSE(document.has_value());
  EXPECT_THAT(document.error().ToString(),
              HasSubstr("one.yaml:16:9: error: parameters.risk: unit 'per year' differs from the "
                        "portfolio's 'per decade'"));
}

TEST_F(PortfolioTest, RefusesAnExpressionInASharedParameter) {
  Write("one.yaml", CaseWithRisk("one"));
  const std::string path = Write("portfolio.yaml", Doc(R"(
mend: 1
portfolio: pair
cases: [one.yaml]
parameters:
  base: 4
  risk: {dist: uniform, min: 0, max: 2 * base}
)"));
  Result<Document> document = ReadDocumentFile(path);
  ASSERT_FALSE(document.has_value());
  EXPECT_THAT(document.error().ToString(),
              HasSubstr("portfolio.yaml:6:38: error: parameters.risk.max: expected a number"));
}

TEST_F(PortfolioTest, RefusesACorrelationWithASharedParameter) {
  Write("one.yaml",
        CaseWithRisk("one", "correlations:\n  - {between: [risk, twice], rank: 0.5}\n"));
  const std::string path = Write("portfolio.yaml", Doc(R"(
mend: 1
portfolio: pair
cases: [one.yaml]
parameters:
  risk: {dist: uniform, min: 0, max: 10}
)"));
  Result<Document> document = ReadDocumentFile(path);
  ASSERT_FALSE(document.has_value());
  EXPECT_THAT(document.error().ToString(),
              HasSubstr("one.yaml:19:5: error: correlations: 'risk' is a parameter of the "
                        "portfolio"));
}

TEST_F(PortfolioTest, ReadsASingleCaseFile) {
  const std::string path = Write("one.yaml", CaseWithId("one"));
  Result<Document> document = ReadDocumentFile(path);
  ASSERT_TRUE(document.has_value()) << document.error().ToString();
  EXPECT_TRUE(std::holds_alternative<CompiledCase>(*document));
}

TEST_F(PortfolioTest, RefusesAMissingCaseAtItsEntry) {
  Write("one.yaml", CaseWithId("one"));
  const std::string path = Write("portfolio.yaml", Doc(R"(
mend: 1
portfolio: pair
cases:
  - one.yaml
  - missing.yaml
)"));
  Result<Document> document = ReadDocumentFile(path);
  ASSERT_FALSE(document.has_value());
  EXPECT_THAT(document.error().ToString(), HasSubstr(path + ":5:5: error: cases: cannot read"));
  EXPECT_THAT(document.error().message, HasSubstr("missing.yaml"));
}

TEST_F(PortfolioTest, RefusesCasesWithDifferentDeciders) {
  Write("one.yaml", CaseWithId("one"));
  std::string other = CaseWithId("two");
  for (std::string_view from : {"{id: b,", "  b: [{id: y}]", "  b: [y]"}) {
    const std::size_t at = other.find(from);
    ASSERT_NE(at, std::string::npos);
    std::string to(from);
    to.replace(to.find('b'), 1, "c");
    other.replace(at, from.size(), to);
  }
  Write("two.yaml", other);
  const std::string path =
      Write("portfolio.yaml", "mend: 1\nportfolio: p\ncases: [one.yaml, two.yaml]\n");
  Result<Document> document = ReadDocumentFile(path);
  ASSERT_FALSE(document.has_value());
  EXPECT_THAT(document.error().ToString(),
              HasSubstr(path + ":3:19: error: cases: 'two' has deciders a, c"));
}

TEST_F(PortfolioTest, ACaseMayAddDecidersOfItsOwnButMustKeepTwoCommonOnes) {
  auto golden = [](const std::string& name) {
    std::ifstream in("tests/golden/lenses-linkage-own/" + name, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  Write("arms.yaml", golden("arms.yaml"));
  const std::string swap = golden("swap.yaml");  // us, ru and its own decider ir
  ASSERT_NE(swap.find("id: ir"), std::string::npos);
  Write("swap.yaml", swap);
  for (const char* cases : {"[arms.yaml, swap.yaml]", "[swap.yaml, arms.yaml]"}) {
    const std::string path =
        Write("portfolio.yaml", std::string("mend: 1\nportfolio: p\ncases: ") + cases + "\n");
    Result<Document> document = ReadDocumentFile(path);
    ASSERT_TRUE(document.has_value()) << document.error().ToString();
  }
  // A third case with us and ir but not ru: us alone would be common to all three.
  std::string trio = swap;
  for (std::size_t at = trio.find("ru"); at != std::string::npos; at = trio.find("ru", at))
    trio.replace(at, 2, "cn");
  trio.replace(trio.find("id: swap"), 8, "id: trio");
  Write("trio.yaml", trio);
  const std::string path =
      Write("portfolio.yaml", "mend: 1\nportfolio: p\ncases: [arms.yaml, swap.yaml, trio.yaml]\n");
  Result<Document> document = ReadDocumentFile(path);
  ASSERT_FALSE(document.has_value());
  EXPECT_THAT(document.error().ToString(),
              HasSubstr(path + ":3:31: error: cases: 'trio' has deciders cn, ir, us but the cases "
                               "before it share ru, us; expected every case to have at least two "
                               "common deciders"));
}

TEST_F(PortfolioTest, RefusesDuplicateCaseIds) {
  Write("one.yaml", CaseWithId("same"));
  Write("two.yaml", CaseWithId("same"));
  const std::string path =
      Write("portfolio.yaml", "mend: 1\nportfolio: p\ncases: [one.yaml, two.yaml]\n");
  Result<Document> document = ReadDocumentFile(path);
  ASSERT_FALSE(document.has_value());
  EXPECT_THAT(document.error().ToString(),
              HasSubstr(":3:19: error: cases: two cases have the id 'same'"));
}

TEST_F(PortfolioTest, RefusesUnknownKeysAndActors) {
  Write("one.yaml", CaseWithId("one"));
  std::string path = Write("p1.yaml", "mend: 1\nportfolio: p\ncases: [one.yaml]\nlinks: {}\n");
  Result<Document> document = ReadDocumentFile(path);
  ASSERT_FALSE(document.has_value());
  EXPECT_THAT(document.error().ToString(), HasSubstr(":4:1: error: links: unknown key"));

  path = Write("p2.yaml", "mend: 1\nportfolio: p\ncases: [one.yaml]\nlinkage: {zz: false}\n");
  document = ReadDocumentFile(path);
  ASSERT_FALSE(document.has_value());
  EXPECT_THAT(document.error().ToString(), HasSubstr(":4:11: error: linkage.zz: unknown actor"));
}

TEST_F(PortfolioTest, ReportsErrorsInsideACaseAgainstThatCase) {
  const std::string one = Write("one.yaml", CaseWithId("one") + "bogus: 1\n");
  const std::string path = Write("portfolio.yaml", "mend: 1\nportfolio: p\ncases: [one.yaml]\n");
  Result<Document> document = ReadDocumentFile(path);
  ASSERT_FALSE(document.has_value());
  EXPECT_THAT(document.error().ToString(), HasSubstr(one + ":13:1: error: bogus: unknown key"));
}

TEST(ReadDocumentFile, RefusesAMissingFile) {
  Result<Document> document = ReadDocumentFile("/nonexistent/mend/case.yaml");
  ASSERT_FALSE(document.has_value());
  EXPECT_EQ(document.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(document.error().ToString(), HasSubstr("/nonexistent/mend/case.yaml: error: "));
}

// ---- errors ------------------------------------------------------------------------------------

TEST(ReadCaseErrors, UnknownTopLevelKey) {
  EXPECT_TRUE(RefusedAt(kTwoByTwo + "titel: T\n", 13, "titel",
                        {"titel: unknown key; expected one of mend, id, title"}));
}

TEST(ReadCaseErrors, UnknownKeysInEverySection) {
  struct Case {
    std::string from, to, token, key;
  };
  const std::vector<Case> cases = {
      {"{id: a, role: decider}", "{id: a, role: decider, colour: red}", "colour",
       "actors[0].colour: unknown key"},
      {"[{id: x}]", "[{id: x, irreversable: true}]", "irreversable",
       "options.a[0].irreversable: unknown key"},
      {"{x: N, y: N}", "{x: N, y: N}\nlinkage: {a: true}\nsources: [{id: s, cite: c, link: u}]",
       "link: u", "sources[0].link: unknown key"},
  };
  for (const Case& c : cases) {
    std::string text = kTwoByTwo;
    text.replace(text.find(c.from), c.from.size(), c.to);
    int line = 1;
    for (std::size_t i = 0; i < text.find(c.token); ++i) line += text[i] == '\n';
    EXPECT_TRUE(RefusedAt(text, line, c.token, {c.key})) << c.token;
  }
}

TEST(ReadCaseErrors, ASourceWithoutKindOrDateStillLoads) {
  std::string text = kFullCase;
  for (const std::string line : {"    accessed: 2026-11-30\n", "    kind: primary\n"}) {
    text.erase(text.find(line), line.size());
  }
  const CompiledCase compiled = Load(text);
  EXPECT_EQ(compiled.definition.sources[0].accessed, "");
  EXPECT_FALSE(compiled.definition.sources[0].kind.has_value());
}

TEST(ReadCaseErrors, ABadAccessDateOrKindIsRefusedAtItsValue) {
  struct Case {
    std::string to, token, key, expected;
  };
  const std::vector<Case> cases = {
      {"accessed: 30/11/2026", "30/11/2026", "sources[0].accessed",
       "expected the date the source was read, as an ISO date YYYY-MM-DD"},
      {"accessed: 2026-02-30", "2026-02-30", "sources[0].accessed", "got \"2026-02-30\""},
      {"accessed: [2026]", "[2026]", "sources[0].accessed", "expected"},
      {"kind: tertiary", "tertiary", "sources[0].kind",
       "expected primary (the publisher's own page or document), secondary (someone else's "
       "report of it) or judgement, got \"tertiary\""},
      {"kind: Primary", "Primary", "sources[0].kind", "got \"Primary\""},
  };
  for (const Case& c : cases) {
    std::string text = kFullCase;
    const std::string from =
        c.to.rfind("accessed", 0) == 0 ? "accessed: 2026-11-30" : "kind: primary";
    text.replace(text.find(from), from.size(), c.to);
    int line = 1;
    for (std::size_t i = 0; i < text.find(c.to); ++i) line += text[i] == '\n';
    EXPECT_TRUE(RefusedAt(text, line, c.token, {c.key + ": ", c.expected})) << c.to;
  }
}

TEST(ReadCaseErrors, ParametersAndDimensionsTranslateOnlyNameNoteAndUnit) {
  struct Case {
    std::string from, to, token, key;
  };
  const std::vector<Case> cases = {
      {"unit: warheads,", "unit: warheads, unit_fr: ogives,", "unit_fr",
       "parameters.fixed_two.unit_fr: unknown key"},
      {"unit: warheads,", "unit: warheads, source_ru: cbo2023,", "source_ru",
       "parameters.fixed_two.source_ru: unknown key"},
      {"unit: index,", "unit: index, tags_ru: [x],", "tags_ru",
       "dimensions[2].tags_ru: unknown key"},
  };
  for (const Case& c : cases) {
    std::string text = kFullCase;
    text.replace(text.find(c.from), c.from.size(), c.to);
    int line = 1;
    for (std::size_t i = 0; i < text.find(c.token); ++i) line += text[i] == '\n';
    EXPECT_TRUE(RefusedAt(text, line, c.token, {c.key})) << c.token;
  }
}

TEST(ReadCaseErrors, ExpectationIsTrueOrFalse) {
  std::string text = kFullCase;
  const std::string from = "expectation: true";
  text.replace(text.find(from), from.size(), "expectation: often");
  int line = 1;
  for (std::size_t i = 0; i < text.find("often"); ++i) line += text[i] == '\n';
  EXPECT_TRUE(RefusedAt(text, line, "often", {"dimensions[1].expectation"}));
}

TEST(ReadCaseErrors, UnknownKeyInAnEffectNamesTheChoices) {
  EXPECT_TRUE(RefusedAt(
      Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
dimensions: [{id: d}]
options: {a: [{id: x}], b: [{id: y}]}
status_quo: NN
effects:
  - when: {}
    whom: {d: 1}
valuation: {a: {weights: {d: 1}}, b: {weights: {d: 1}}}
)"),
      9, "whom",
      {"effects[0].whom: unknown key; expected when, source, note or an actor id (a, b)"}));
}

TEST(ReadCaseErrors, ColumnsCountCharactersNotBytes) {
  const std::string text = "mend: 1\nid: t\nactors: [{id: a, name: Россия, colour: x}]\n";
  EXPECT_EQ(ColumnOf(text, 3, "colour"), 32);
  EXPECT_TRUE(RefusedAt(text, 3, "colour", {"actors[0].colour: unknown key"}));
  EXPECT_TRUE(RefusedAt("mend: 1\nid: t\ntitle: Россия\x01\n", 3, "\x01", {"control byte 0x01"}));
}

TEST(ReadCaseErrors, UnknownIds) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options:
  a: [{id: x}]
  c: [{id: y}]
status_quo: NN
)"),
                        6, "c:", {"options.c: unknown actor 'c'; expected one of a, b"}));
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options: {a: [{id: x}], b: [{id: y}]}
constraints:
  - exclusive: [x, w]
status_quo: NN
)"),
                        6, "w]", {"constraints[0].exclusive[1]: unknown option 'w'"}));
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options: {a: [{id: x}], b: [{id: y}]}
status_quo: {x: N, w: N}
)"),
                        5, "w:", {"status_quo.w: unknown option 'w'"}));
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
dimensions: [{id: d}]
options: {a: [{id: x}], b: [{id: y}]}
status_quo: NN
valuation: {a: {weights: {d: 1}}, b: {weights: {e: 1}}}
)"),
                        7, "e:", {"valuation.b.weights.e: unknown dimension 'e'"}));
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
parameters:
  p: {value: 1, source: nowhere}
options: {a: [{id: x}], b: [{id: y}]}
status_quo: NN
)"),
                        5, "nowhere", {"parameters.p.source: unknown source 'nowhere'"}));
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
parameters: {p: {dist: uniform, min: 0, max: 1}}
correlations: [{between: [p, q], rank: 0.5}]
options: {a: [{id: x}], b: [{id: y}]}
status_quo: NN
)"),
                        5, "q]", {"correlations[0].between[1]: unknown parameter 'q'"}));
  EXPECT_TRUE(RefusedAt(kTwoByTwo + "payoffs: {NN: {z: 2}}\n", 13,
                        "z:", {"payoffs.NN.z: unknown actor 'z'"}));
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options: {a: [{id: x}], b: [{id: y}]}
status_quo: NN
preferences: {a: [x], b: ["y & nope"]}
)"),
                        6, "\"y & nope\"", {"preferences.b[0]: unknown option 'nope'"}));
}

TEST(ReadCaseErrors, DuplicateIds) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors:
  - {id: a}
  - {id: a}
)"),
                        5, "a}", {"actors[1].id: duplicate id 'a' (first at line 4)"}));
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options:
  a: [{id: x}]
  b: [{id: x}]
status_quo: NN
)"),
                        6, "x}", {"options.b[0].id: duplicate id 'x' (first at line 5)"}));
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
dimensions:
  - {id: d}
  - {id: d}
)"),
                        6, "d}", {"dimensions[1].id: duplicate id 'd'"}));
}

TEST(ReadCaseErrors, DuplicateYamlKeys) {
  EXPECT_TRUE(RefusedAt(kTwoByTwo + "status_quo: {x: Y, y: N}\n", 13, "status_quo",
                        {"status_quo: duplicate key (first at line 9); expected each key once"}));
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options: {a: [{id: x}], b: [{id: y}]}
status_quo: {x: N, y: N, x: Y}
)"),
                        5, "x: Y", {"status_quo.x: duplicate key"}));
}

TEST(ReadCaseErrors, YamlBooleansInPatternsAreRefusedWithAnExplanation) {
  for (std::string_view word : {"yes", "no", "true", "false", "y", "n", "Yes", "NO", "on", "off"}) {
    const std::string text = Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options: {a: [{id: x}], b: [{id: y}]}
status_quo: {x: N, y: WORD}
)");
    std::string with_word = text;
    with_word.replace(with_word.find("WORD"), 4, word);
    EXPECT_TRUE(RefusedAt(with_word, 5, std::string(word) + "}",
                          {"status_quo.y: expected Y or N, got \"" + std::string(word) + "\"",
                           "YAML 1.1 reads words like yes/no/true/false/y/n as booleans"}))
        << word;
  }
}

TEST(ReadCaseErrors, YamlBooleansInWhenPatterns) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
dimensions: [{id: d}]
options: {a: [{id: x}], b: [{id: y}]}
status_quo: NN
effects:
  - when: {x: yes}
    a: {d: 1}
)"),
                        8, "yes", {"effects[0].when.x: expected Y or N, got \"yes\"", "booleans"}));
}

TEST(ReadCaseErrors, PatternStringOfTheWrongLength) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options: {a: [{id: x}], b: [{id: y}]}
status_quo: NNY
)"),
                        5, "NNY",
                        {"status_quo: expected a map of option ids to Y/N, or a pattern "
                         "string of 2 letters Y/N"}));
}

TEST(ReadCaseErrors, PartialStatusQuo) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options: {a: [{id: x}], b: [{id: y}]}
status_quo: {x: N}
)"),
                        5, "{x", {"status_quo: expected a full state", "missing y"}));
}

TEST(ReadCaseErrors, MissingStatusQuo) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options: {a: [{id: x}], b: [{id: y}]}
)"),
                        1, "mend", {"missing key 'status_quo'"}));
}

TEST(ReadCaseErrors, InfeasibleStatusQuo) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options: {a: [{id: x}], b: [{id: y}]}
constraints:
  - at_least_one: [x, y]
status_quo: {x: N, y: N}
preferences: {a: [x], b: [y]}
)"),
                        7, "{x",
                        {"status_quo: the state NN is infeasible", "at_least_one: x, y",
                         "expected a feasible state"}));
}

TEST(ReadCaseErrors, InfeasibleDefault) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options: {a: [{id: x}], b: [{id: y}]}
constraints:
  - requires: {if: x, then: y}
status_quo: NN
default: YN
preferences: {a: [x], b: [y]}
)"),
                        8, "YN", {"default: the state YN is infeasible", "requires: if x then y"}));
}

TEST(ReadCaseErrors, ZeroFeasibleStates) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options: {a: [{id: x}], b: [{id: y}]}
constraints:
  - infeasible: {x: Y}
  - infeasible: {x: N}
status_quo: NN
preferences: {a: [x], b: [y]}
)"),
                        6, "infeasible: {x: Y}",
                        {"constraints: no state satisfies every constraint"}));
}

TEST(ReadCaseErrors, RankingThatMissesAState) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options: {a: [{id: x}], b: [{id: y}]}
status_quo: NN
preferences:
  a: {ranking: [YN, [NN, NY]]}
  b: [y]
)"),
                        7, "{ranking",
                        {"preferences.a.ranking: misses 1 feasible state (YY)",
                         "expected each feasible state exactly once"}));
}

TEST(ReadCaseErrors, RankingThatRepeatsAState) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options: {a: [{id: x}], b: [{id: y}]}
status_quo: NN
preferences:
  a:
    ranking:
      - YN
      - [NN, YY]
      - NY
      - YY
  b: [y]
)"),
                        12, "YY",
                        {"preferences.a.ranking: YY is listed twice (first at line 10)"}));
}

TEST(ReadCaseErrors, RankingOfAnInfeasibleState) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options: {a: [{id: x}], b: [{id: y}]}
constraints: [{exclusive: [x, y]}]
status_quo: NN
preferences:
  a: {ranking: [YN, NN, NY, YY]}
  b: [y]
)"),
                        8, "YY", {"preferences.a.ranking: YY is not a feasible state"}));
}

TEST(ReadCaseErrors, ActorWithNoSourceOfPreference) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors:
  - {id: a}
  - {id: b}
options: {a: [{id: x}], b: [{id: y}]}
status_quo: NN
preferences: {a: [x]}
)"),
                        5, "{id: b", {"actors[1]: actor 'b' has no source of preference"}));
}

TEST(ReadCaseErrors, ActorWithTwoSourcesOfPreference) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
dimensions: [{id: d}]
options: {a: [{id: x}], b: [{id: y}]}
status_quo: NN
valuation:
  a: {weights: {d: 1}}
preferences:
  a: [x]
  b: [y]
)"),
                        10, "a:",
                        {"preferences.a: actor 'a' already has a source of preference "
                         "(line 8)",
                         "expected exactly one of valuation, preferences or payoffs"}));
  EXPECT_TRUE(RefusedAt(kTwoByTwo + "payoffs:\n  NN: {a: 1}\n", 14, "a:",
                        {"payoffs.NN.a: actor 'a' already has a source of preference (line 11)"}));
}

TEST(ReadCaseErrors, PayoffsThatMissAState) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options: {a: [{id: x}], b: [{id: y}]}
status_quo: NN
payoffs:
  NN: {a: 1, b: 1}
  YN: {a: 1, b: 1}
  NY: {a: 1}
  YY: {a: 1, b: 1}
)"),
                        9, "{a", {"payoffs: no value for actor 'b' in state NY"}));
}

TEST(ReadCaseErrors, AffectedActorOwningOptions) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}, {id: c, role: affected}]
options:
  a: [{id: x}]
  b: [{id: y}]
  c: [{id: z}]
)"),
                        7, "c:",
                        {"options.c: actor 'c' is affected, and affected actors own no "
                         "options"}));
}

TEST(ReadCaseErrors, FewerThanTwoDeciders) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors:
  - {id: a}
  - {id: b, role: affected}
)"),
                        4, "- {id: a}",
                        {"actors: 1 decider; expected at least two actors with role "
                         "decider"}));
  EXPECT_TRUE(RefusedAt("mend: 1\nid: t\nactors: []\n", 3, "[]", {"actors: 0 deciders"}));
}

TEST(ReadCaseErrors, DeciderWithoutOptions) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options:
  a: [{id: x}]
)"),
                        5, "a:", {"options: decider 'b' has no options"}));
}

TEST(ReadCaseErrors, MoreThanSixtyFourOptions) {
  std::string text = "mend: 1\nid: t\nactors: [{id: a}, {id: b}]\noptions:\n  b: [{id: y}]\n  a:\n";
  for (int k = 0; k < 64; ++k) text += "    - {id: o" + std::to_string(k) + "}\n";
  // Line 6 + 64 = 70 holds o63, the 65th option.
  EXPECT_TRUE(RefusedAt(text, 70, "{id: o63}",
                        {"options.a[63]: more than 64 options; expected at "
                         "most 64 per case"}));
}

TEST(ReadCaseErrors, InvalidDistributionParameters) {
  struct Case {
    std::string parameter, token, message;
  };
  const std::vector<Case> cases = {
      {"{dist: triangular, min: 60, mode: 95, max: 90}", "mode: |95",
       "parameters.p.mode: expected a value between min (60) and max (90), got 95 (triangular"},
      {"{dist: pert, min: 5, mode: 1, max: 30}", "mode: |1",
       "parameters.p.mode: expected a value between min (5) and max (30), got 1 (pert"},
      {"{dist: uniform, min: 2, max: 1}", "max: |1",
       "parameters.p.max: expected a value above min (2)"},
      {"{dist: triangular, min: 2, mode: 2, max: 2}", "max: |2",
       "parameters.p.max: expected a value above min (2)"},
      {"{dist: normal, mean: 1, sd: 0}", "sd: |0", "parameters.p.sd: expected a positive number"},
      {"{dist: lognormal, median: 0, p95: 1}", "median: |0",
       "parameters.p.median: expected a positive number"},
      {"{dist: lognormal, median: 2, p95: 1}", "p95: |1",
       "parameters.p.p95: expected a value above the median (2), got 1"},
      {"{dist: gamma, min: 1}", "gamma", "parameters.p.dist: expected one of fixed, uniform"},
      {"{dist: uniform, min: 1, mode: 2, max: 3}", "mode: |2",
       "parameters.p.mode: a uniform distribution takes min, max, not mode"},
      {"{dist: normal, mean: 1}", "{dist", "parameters.p: missing key 'sd'"},
      {"{dist: uniform, min: 1, max: 1e999}", "1e999",
       "parameters.p.max: expected a finite number"},
      {"{value: [1]}", "[1]", "parameters.p.value: expected a number or an expression, got a list"},
      {"{}", "{}", "parameters.p: missing key 'value'"},
  };
  for (const Case& c : cases) {
    const std::string text =
        "mend: 1\nid: t\nactors: [{id: a}, {id: b}]\nparameters:\n  p: " + c.parameter +
        "\noptions: {a: [{id: x}], b: [{id: y}]}\n"
        "status_quo: NN\npreferences: {a: [x], b: [y]}\n";
    EXPECT_TRUE(RefusedAt(text, 5, c.token, {c.message})) << c.parameter;
  }
}

TEST(ReadCaseErrors, BareParameterMustBeANumber) {
  EXPECT_TRUE(RefusedAt("mend: 1\nid: t\nactors: [{id: a}, {id: b}]\nparameters:\n  p: lots\n", 5,
                        "lots", {"parameters.p: expected a number, got \"lots\""}));
}

TEST(ReadCaseErrors, DistributionFieldsInvalidThroughAnExpression) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
parameters:
  low: 5
  p: {dist: uniform, min: low, max: low - 1}
options: {a: [{id: x}], b: [{id: y}]}
status_quo: NN
preferences: {a: [x], b: [y]}
)"),
                        6, "low - 1", {"parameters.p.max: expected a value above min (5), got 4"}));
}

TEST(ReadCaseErrors, ParameterCycles) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
parameters:
  p: {dist: uniform, min: 0, max: q + 1}
  q: {value: p * 2}
options: {a: [{id: x}], b: [{id: y}]}
status_quo: NN
preferences: {a: [x], b: [y]}
)"),
                        6, "{value",
                        {"parameters.q: its fields depend on themselves (p -> q -> p)"}));
}

TEST(ReadCaseErrors, BadCorrelations) {
  const std::string head =
      "mend: 1\nid: t\nactors: [{id: a}, {id: b}]\nparameters:\n"
      "  p: {dist: uniform, min: 0, max: 1}\n  q: {dist: uniform, min: 0, max: 1}\n"
      "  r: {dist: uniform, min: 0, max: 1}\n  f: 2\ncorrelations:\n";
  const std::string tail =
      "options: {a: [{id: x}], b: [{id: y}]}\nstatus_quo: NN\npreferences: {a: [x], b: [y]}\n";
  EXPECT_TRUE(RefusedAt(head + "  - {between: [p, q], rank: 1}\n" + tail, 10, "1}",
                        {"correlations[0].rank: expected a rank correlation strictly between -1 "
                         "and 1, got 1"}));
  EXPECT_TRUE(RefusedAt(head + "  - {between: [p, p], rank: 0.5}\n" + tail, 10, "[p, p]",
                        {"expected two different parameters"}));
  EXPECT_TRUE(RefusedAt(head + "  - {between: [p, f], rank: 0.5}\n" + tail, 10, "{between",
                        {"correlations: parameter 'f' is fixed"}));
  EXPECT_TRUE(RefusedAt(head +
                            "  - {between: [p, q], rank: 0.9}\n  - {between: [q, r], rank: 0.9}\n"
                            "  - {between: [p, r], rank: -0.9}\n" +
                            tail,
                        10, "{between", {"not positive definite"}));
}

TEST(ReadCaseErrors, UnknownNameInAnExpression) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
dimensions: [{id: d}]
parameters: {cost: 2}
options: {a: [{id: x}], b: [{id: y}]}
status_quo: NN
effects:
  - when: {x: Y}
    a: {d: cost * growth}
valuation: {a: {weights: {d: 1}}}
preferences: {b: [y]}
)"),
                        10, "cost * growth",
                        {"effects[0].a.d: unknown name 'growth'",
                         "expected a parameter id, a number or one of the "
                         "functions min, max, exp, log, sqrt, abs"}));
}

TEST(ReadCaseErrors, UnknownNameInAParameterField) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
parameters:
  p: {dist: uniform, min: 0, max: top}
options: {a: [{id: x}], b: [{id: y}]}
status_quo: NN
preferences: {a: [x], b: [y]}
)"),
                        5, "top", {"parameters.p.max: unknown name 'top'"}));
}

TEST(ReadCaseErrors, DivisionByZeroInAnEffect) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
dimensions: [{id: d}]
parameters: {zero: 0}
options: {a: [{id: x}], b: [{id: y}]}
status_quo: NN
effects:
  - when: {}
    a: {d: 1 / zero}
valuation: {a: {weights: {d: 1}}}
preferences: {b: [y]}
)"),
                        10, "1 / zero",
                        {"effects[0].a.d: case 't' evaluates \"1 / zero\" to "
                         "infinity at the central values; expected a finite number"}));
}

TEST(ReadCaseErrors, NonFiniteResultInAnEffect) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
dimensions: [{id: d}]
options: {a: [{id: x}], b: [{id: y}]}
status_quo: NN
effects:
  - when: {}
    a: {d: sqrt(-1)}
valuation: {a: {weights: {d: 1}}}
preferences: {b: [y]}
)"),
                        9, "sqrt",
                        {"effects[0].a.d: case 't' evaluates \"sqrt(-1)\" to NaN (not a number)"}));
}

TEST(ReadCaseErrors, AssignmentInAnExpression) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
dimensions: [{id: d}]
parameters: {p: 1}
options: {a: [{id: x}], b: [{id: y}]}
status_quo: NN
effects:
  - {when: {}, a: {d: "p = 3"}}
valuation: {a: {weights: {d: 1}}}
preferences: {b: [y]}
)"),
                        9, "\"p = 3\"", {"effects[0].a.d: expected arithmetic", "found '='"}));
}

TEST(ReadCaseErrors, FutureFormatVersion) {
  EXPECT_TRUE(
      RefusedAt("mend: 2\nid: t\nnew_key: 1\n", 1, "2",
                {"mend: format version 2 is newer than this mend reads; expected version 1"}));
  EXPECT_TRUE(RefusedAt("mend: 0\nid: t\n", 1, "0", {"mend: expected format version 1, got 0"}));
  EXPECT_TRUE(RefusedAt("mend: one\nid: t\n", 1, "one", {"mend: expected a number"}));
  EXPECT_TRUE(RefusedAt("id: t\n", 1, "id", {"missing key 'mend'"}));
}

TEST(ReadCaseErrors, TooManyFeasibleStatesGivesTheEstimate) {
  std::string text = "mend: 1\nid: t\nactors: [{id: a}, {id: b}]\noptions:\n  b: [{id: y}]\n  a:\n";
  for (int k = 0; k < 19; ++k) text += "    - {id: o" + std::to_string(k) + "}\n";
  text += "status_quo: " + std::string(20, 'N') + "\npreferences: {a: [o0], b: [y]}\n";
  ReadOptions options;
  options.limits.max_states = 1000;
  // 2^20 = 1048576 states, all feasible; the estimate extrapolates from the share searched.
  EXPECT_TRUE(
      RefusedAt(text, 4, "options", {"more than 1000 feasible states", "about 1.05e+06"}, options));
}

TEST(ReadCaseErrors, TooManyFeasibleStatesPointsAtConstraints) {
  std::string text = "mend: 1\nid: t\nactors: [{id: a}, {id: b}]\noptions:\n  b: [{id: y}]\n  a:\n";
  for (int k = 0; k < 19; ++k) text += "    - {id: o" + std::to_string(k) + "}\n";
  text += "constraints: [{exclusive: [o0, o1]}]\nstatus_quo: " + std::string(20, 'N') +
          "\npreferences: {a: [o0], b: [y]}\n";
  ReadOptions options;
  options.limits.max_states = 1000;
  EXPECT_TRUE(RefusedAt(text, 26, "{exclusive",
                        {"more than 1000 feasible states", "about 7.87e+05"}, options));
}

TEST(ReadCaseErrors, BadIdsAndRoles) {
  EXPECT_TRUE(RefusedAt("mend: 1\nid: Big Case\n", 2, "Big", {"id: expected lower-case letters"}));
  EXPECT_TRUE(RefusedAt("mend: 1\nid: t\nactors: [{id: 1a}]\n", 3, "1a",
                        {"actors[0].id: expected an identifier"}));
  EXPECT_TRUE(RefusedAt("mend: 1\nid: t\nactors: [{id: a, role: boss}]\n", 3, "boss",
                        {"actors[0].role: expected decider or affected, got \"boss\""}));
  EXPECT_TRUE(RefusedAt("mend: 1\nid: t\nactors: [{id: a, language: de}]\n", 3, "de",
                        {"actors[0].language: expected en or ru"}));
  EXPECT_TRUE(RefusedAt("mend: 1\nid: t\nactors: {a: 1}\n", 3, "{a",
                        {"actors: expected a list, got a map"}));
}

TEST(ReadCaseErrors, BadIrreversibility) {
  std::string text = kTwoByTwo;
  text.replace(text.find("[{id: x}]"), 9, "[{id: x, irreversible: sideways}]");
  EXPECT_TRUE(RefusedAt(text, 7, "sideways",
                        {"options.a[0].irreversible: expected true (= forward), forward, backward "
                         "or false"}));
}

TEST(ReadCase, IrreversibleTakesEveryYaml12SpellingOfTheBooleans) {
  for (const char* spelling : {"True", "TRUE", "true", "forward"}) {
    std::string text = kTwoByTwo;
    text.replace(text.find("[{id: x}]"), 9,
                 std::string("[{id: x, irreversible: ") + spelling + "}]");
    Result<CompiledCase> compiled = ReadCase(text, "case.yaml");
    ASSERT_TRUE(compiled.has_value()) << spelling << ": " << compiled.error().ToString();
    EXPECT_EQ(compiled->definition.options[0].irreversibility, Irreversibility::kForward);
  }
  for (const char* spelling : {"False", "FALSE", "false"}) {
    std::string text = kTwoByTwo;
    text.replace(text.find("[{id: x}]"), 9,
                 std::string("[{id: x, irreversible: ") + spelling + "}]");
    Result<CompiledCase> compiled = ReadCase(text, "case.yaml");
    ASSERT_TRUE(compiled.has_value()) << spelling << ": " << compiled.error().ToString();
    EXPECT_EQ(compiled->definition.options[0].irreversibility, Irreversibility::kNone);
  }
}

TEST(ReadCaseErrors, BadConstraints) {
  const std::string head =
      "mend: 1\nid: t\nactors: [{id: a}, {id: b}]\noptions: {a: [{id: x}], b: [{id: "
      "y}]}\nconstraints:\n";
  EXPECT_TRUE(RefusedAt(head + "  - {exclusive: [x]}\n", 6, "[x]",
                        {"constraints[0].exclusive: expected at least 2 option ids, got 1"}));
  EXPECT_TRUE(RefusedAt(head + "  - {exclusive: [x, x]}\n", 6, "x]",
                        {"constraints[0].exclusive[1]: option 'x' listed twice"}));
  EXPECT_TRUE(RefusedAt(head + "  - {exclusive: [x, y], at_least_one: [x, y]}\n", 6, "{excl",
                        {"constraints[0]: expected exactly one of exclusive"}));
  EXPECT_TRUE(RefusedAt(head + "  - {requires: {if: x}}\n", 6, "{if",
                        {"constraints[0].requires: missing key 'then'"}));
  EXPECT_TRUE(RefusedAt(head + "  - {infeasible: {}}\n", 6, "{}}",
                        {"constraints[0].infeasible: an empty pattern matches every state"}));
  EXPECT_TRUE(RefusedAt(head + "  - {forbidden: [x]}\n", 6, "forbidden",
                        {"constraints[0].forbidden: unknown key"}));
}

TEST(ReadCaseErrors, BadValuationNumbers) {
  const std::string head =
      "mend: 1\nid: t\nactors: [{id: a}, {id: b}]\ndimensions: [{id: d}]\n"
      "options: {a: [{id: x}], b: [{id: y}]}\nstatus_quo: NN\npreferences: {b: [y]}\nvaluation:\n";
  EXPECT_TRUE(RefusedAt(head + "  a: {weights: {d: 1}, loss_aversion: 0.5}\n", 9, "0.5",
                        {"valuation.a.loss_aversion: expected a number >= 1, got 0.5"}));
  EXPECT_TRUE(RefusedAt(head + "  a: {weights: {d: 1}, indifference: -1}\n", 9, "-1",
                        {"valuation.a.indifference: expected a number >= 0"}));
  EXPECT_TRUE(RefusedAt(head + "  a: {weights: {d: heavy}}\n", 9, "heavy",
                        {"valuation.a.weights.d: expected a number, got \"heavy\""}));
  EXPECT_TRUE(RefusedAt(head + "  a: {loss_aversion: 2}\n", 9, "{loss",
                        {"valuation.a: missing key 'weights'"}));
}

TEST(ReadCaseErrors, BadPerceptions) {
  const std::string head =
      "mend: 1\nid: t\nactors: [{id: a}, {id: b}]\ndimensions: [{id: d}]\n"
      "options: {a: [{id: x}], b: [{id: y}]}\nstatus_quo: NN\npreferences: {b: [y]}\n"
      "valuation: {a: {weights: {d: 1}}}\nperceptions:\n";
  EXPECT_TRUE(RefusedAt(head + "  - {holder: a, about: b}\n", 10, "b}",
                        {"perceptions[0].about: actor 'b' has no valuation to misperceive"}));
  EXPECT_TRUE(RefusedAt(head + "  - {holder: a, about: a}\n", 10, "a}",
                        {"perceptions[0].about: expected another actor than the holder"}));
  EXPECT_TRUE(RefusedAt(head + "  - {holder: z, about: a}\n", 10, "z,",
                        {"perceptions[0].holder: unknown actor 'z'"}));
  EXPECT_TRUE(RefusedAt(head + "  - {holder: b, about: a}\n  - {holder: b, about: a}\n", 11, "{",
                        {"perceptions[1]: a second perception of 'a' by 'b' (first at line 10)"}));
  EXPECT_TRUE(RefusedAt(head + "  - {holder: b, about: a, weights: {q: 1}}\n", 10,
                        "q:", {"perceptions[0].weights.q: unknown dimension 'q'"}));
}

TEST(ReadCaseErrors, LinkageMustBeABoolean) {
  EXPECT_TRUE(RefusedAt(kTwoByTwo + "linkage: {a: maybe}\n", 13, "maybe",
                        {"linkage.a: expected true or false, got \"maybe\""}));
}

TEST(ReadCaseErrors, BadPriorityStatement) {
  EXPECT_TRUE(RefusedAt(Doc(R"(
mend: 1
id: t
actors: [{id: a}, {id: b}]
options: {a: [{id: x}], b: [{id: y}]}
status_quo: NN
preferences:
  a: [x, "x &"]
  b: [y]
)"),
                        7, "\"x &\"",
                        {"preferences.a[1]: expected an option id, '-' or '(' at "
                         "position 4 of \"x &\", found the end"}));
}

TEST(ReadCaseErrors, OptionsNamedLikeStatementKeywords) {
  std::string text = kTwoByTwo;
  text.replace(text.find("[{id: x}]"), 9, "[{id: iff}]");
  EXPECT_TRUE(RefusedAt(text, 7, "iff", {"options.a[0].id: 'if' and 'iff' are words"}));
}

TEST(ReadCaseErrors, PortfolioWhereACaseIsExpected) {
  EXPECT_TRUE(RefusedAt("mend: 1\nportfolio: p\ncases: [a.yaml]\n", 1, "mend",
                        {"this is a portfolio file; expected a single case here"}));
}

TEST(ParseCaseDefinition, DoesNotEnumerateStates) {
  // Infeasible status quo is a compile-time check; the definition alone parses.
  Result<CaseDefinition> definition = ParseCaseDefinition(
      "mend: 1\nid: t\nactors: [{id: a}, {id: b}]\noptions: {a: [{id: x}], b: [{id: y}]}\n"
      "constraints: [{at_least_one: [x, y]}]\nstatus_quo: NN\npreferences: {a: [x], b: [y]}\n",
      "case.yaml");
  ASSERT_TRUE(definition.has_value()) << definition.error().ToString();
  EXPECT_EQ(definition->options.size(), 2U);
}

TEST(ReadCase, LoadsEveryShippedClassicCase) {
  for (const auto& entry : std::filesystem::directory_iterator("cases/classic")) {
    if (entry.path().extension() != ".yaml") continue;
    Result<Document> document = ReadDocumentFile(entry.path().string());
    EXPECT_TRUE(document.has_value()) << document.error().ToString();
  }
}

}  // namespace
}  // namespace mend
