// SPDX-License-Identifier: Apache-2.0
//
// Malformed .gmcr files are refused, each with FILE:LINE:COLUMN, the key path with indices and
// what was expected; nothing is silently dropped.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mend/io/case_reader.hpp"
#include "mend/io/gmcr_reader.hpp"

namespace mend {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// A valid two-decider file, one key per line, to be broken one way per test.
std::string Valid(const std::string& extra_root = "", const std::string& beta_preferences = "[]") {
  return "{\n"
         "  \"options\": [\n"
         "    {\"name\": \"a\", \"permittedDirection\": \"both\"},\n"
         "    {\"name\": \"b\", \"permittedDirection\": \"both\"}\n"
         "  ],\n"
         "  \"decisionMakers\": [\n"
         "    {\"name\": \"A\", \"options\": [0], \"preferences\": [[[0, \"Y\"]]]},\n"
         "    {\"name\": \"B\", \"options\": [1], \"preferences\": " +
         beta_preferences +
         "}\n"
         "  ],\n" +
         extra_root + "  \"infeasibles\": []\n}\n";
}

std::string Refusal(const std::string& text, const ReadOptions& options = {}) {
  Result<CaseDefinition> definition = ParseGmcrDefinition(text, "bad.gmcr", options);
  if (definition.has_value()) return "accepted";
  EXPECT_EQ(definition.error().code, ErrorCode::kInvalidArgument);
  return definition.error().ToString();
}

TEST(GmcrMalformed, ValidFileIsAccepted) {
  Result<CaseDefinition> definition = ParseGmcrDefinition(Valid(), "good.gmcr");
  ASSERT_TRUE(definition.has_value()) << definition.error().ToString();
  EXPECT_EQ(definition->actors.size(), 2u);
}

TEST(GmcrMalformed, UnknownRootKeyIsNamedWithItsPlace) {
  EXPECT_THAT(Refusal(Valid("  \"colour\": 1,\n")),
              StartsWith("bad.gmcr:10:3: error: colour: unknown key; expected one of"));
}

TEST(GmcrMalformed, UnknownDecisionMakerKeyIsNamedWithIndices) {
  std::string text = Valid();
  text.replace(text.find("\"name\": \"B\""), 11, "\"name\": \"B\", \"mood\": 2");
  EXPECT_THAT(Refusal(text),
              StartsWith("bad.gmcr:8:19: error: decisionMakers[1].mood: unknown key"));
}

TEST(GmcrMalformed, OptionNumberOutOfRangeInAPreference) {
  EXPECT_THAT(Refusal(Valid("", "[[[7, \"Y\"]]]")),
              StartsWith("bad.gmcr:8:53: error: decisionMakers[1].preferences[0][0][0]: 7 is out "
                         "of range; expected an option number from 0 to 1"));
}

TEST(GmcrMalformed, LetterOtherThanYOrN) {
  EXPECT_THAT(Refusal(Valid("", "[[[0, \"yes\"]]]")),
              StartsWith("bad.gmcr:8:56: error: decisionMakers[1].preferences[0][0][1]: expected "
                         "\"Y\" or \"N\", got \"yes\""));
}

TEST(GmcrMalformed, PermittedDirectionMustBeKnown) {
  std::string text = Valid();
  text.replace(text.find("\"both\""), 6, "\"up\"");
  EXPECT_THAT(Refusal(text), StartsWith("bad.gmcr:3:41: error: options[0].permittedDirection: "
                                        "expected \"both\", \"fwd\" or \"back\", got \"up\""));
}

TEST(GmcrMalformed, SyntaxErrorIsLocated) {
  std::string text = Valid();
  text.replace(text.find("\"options\": [0]"), 14, "\"options\": [0,]");
  EXPECT_THAT(Refusal(text), StartsWith("bad.gmcr:7:33: error: not valid JSON: unexpected "
                                        "character ']'; expected a value"));
}

TEST(GmcrMalformed, DuplicateKeyIsRefused) {
  EXPECT_THAT(Refusal(Valid("  \"options\": [],\n")),
              StartsWith("bad.gmcr:10:3: error: options: duplicate key"));
}

TEST(GmcrMalformed, RankingThatMissesStates) {
  std::string text = Valid("  \"useManualPreferenceRanking\": true,\n");
  text.replace(text.find("\"preferences\": [[[0, \"Y\"]]]"), 27,
               "\"preferences\": [], \"preferenceRanking\": [1, [2, 3]]");
  text.replace(text.find("\"preferences\": []}"), 18,
               "\"preferences\": [], \"preferenceRanking\": [4, 3, 2, 1]}");
  EXPECT_THAT(Refusal(text),
              StartsWith("bad.gmcr:7:75: error: decisionMakers[0].preferenceRanking: misses "
                         "feasible state 4; expected every feasible state (1 to 4) once"));
}

TEST(GmcrMalformed, RankingWithARepeatedState) {
  std::string text = Valid("  \"useManualPreferenceRanking\": true,\n");
  text.replace(text.find("\"preferences\": [[[0, \"Y\"]]]"), 27,
               "\"preferences\": [], \"preferenceRanking\": [1, 2, 3, 4]");
  text.replace(text.find("\"preferences\": []}"), 18,
               "\"preferences\": [], \"preferenceRanking\": [4, [3, 4], 1]}");
  EXPECT_THAT(Refusal(text), StartsWith("bad.gmcr:8:83: error: decisionMakers[1]."
                                        "preferenceRanking[1][1]: state 4 is ranked twice"));
}

TEST(GmcrMalformed, RankingWhileManualRankingIsOff) {
  std::string text = Valid();
  text.replace(text.find("\"preferences\": []}"), 18,
               "\"preferences\": [], \"preferenceRanking\": [1, 2, 3, 4]}");
  EXPECT_THAT(Refusal(text), StartsWith("bad.gmcr:8:54: error: decisionMakers[1]."
                                        "preferenceRanking: given while "
                                        "useManualPreferenceRanking is false"));
}

TEST(GmcrMalformed, PayoffsThatDisagreeWithThePreferences) {
  std::string text = Valid();
  // A prefers its option taken: states 2 and 4 score above 1 and 3, which tie; the payoffs
  // untie them.
  text.replace(text.find("[[[0, \"Y\"]]]}"), 13, "[[[0, \"Y\"]]], \"payoffs\": [2, 1, 1, 2]}");
  EXPECT_THAT(Refusal(text), HasSubstr("decisionMakers[0].payoffs[2]: disagrees with the "
                                       "preferences"));
}

TEST(GmcrMalformed, MisperceptionsAreRefusedAsUnmodelled) {
  std::string text = Valid();
  text.replace(text.find("\"preferences\": []}"), 18,
               "\"preferences\": [], \"misperceptions\": [[[0, \"Y\"]]]}");
  EXPECT_THAT(Refusal(text),
              StartsWith("bad.gmcr:8:73: error: decisionMakers[1].misperceptions[0]: misperceived "
                         "states"));
}

TEST(GmcrMalformed, OptionControlledTwice) {
  std::string text = Valid();
  text.replace(text.find("\"options\": [1]"), 14, "\"options\": [1, 0]");
  EXPECT_THAT(Refusal(text), StartsWith("bad.gmcr:8:34: error: decisionMakers[1].options[1]: "
                                        "option 0 ('a') is already controlled by "
                                        "decisionMakers[0]"));
}

TEST(GmcrMalformed, CoalitionsThatDoNotPartition) {
  EXPECT_THAT(Refusal(Valid("  \"coalitions\": [0, [0, 1]],\n")),
              StartsWith("bad.gmcr:10:22: error: coalitions[1][0]: decision maker 0 is already "
                         "in coalitions[0]"));
}

TEST(GmcrMalformed, TooLargeFileIsRefusedBeforeParsing) {
  ReadOptions options;
  options.max_file_bytes = 100;
  EXPECT_THAT(Refusal(Valid(), options), StartsWith("bad.gmcr:1:1: error: the file has"));
}

TEST(GmcrMalformed, TooManyValuesAreRefused) {
  ReadOptions options;
  options.max_values = 20;
  EXPECT_THAT(Refusal(Valid(), options), HasSubstr("the file holds more than 20 values"));
}

TEST(GmcrMalformed, DeepNestingIsRefused) {
  const std::string text =
      "{\"decisionMakers\": " + std::string(100, '[') + std::string(100, ']') + "}";
  EXPECT_THAT(Refusal(text), HasSubstr("nested more than 64 deep"));
}

TEST(GmcrMalformed, NotAnObject) {
  EXPECT_THAT(Refusal("[1, 2]"), StartsWith("bad.gmcr:1:1: error: expected a gmcr-py save file"));
}

TEST(GmcrMalformed, DetectedByContentWithoutTheExtension) {
  Result<CompiledCase> compiled = ReadCase(Valid(), "saved.json");
  ASSERT_TRUE(compiled.has_value()) << compiled.error().ToString();
  EXPECT_EQ(compiled->space.size(), 4u);
}

}  // namespace
}  // namespace mend
