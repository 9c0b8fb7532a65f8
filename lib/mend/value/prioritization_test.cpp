// SPDX-License-Identifier: Apache-2.0
#include "mend/value/prioritization.hpp"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mend {
namespace {

using ::testing::HasSubstr;

// Options a, b, c are bits 0, 1, 2.
const OptionLookup kLookup = [](std::string_view id) -> std::optional<int> {
  if (id == "a") return 0;
  if (id == "b") return 1;
  if (id == "c") return 2;
  return std::nullopt;
};

// Returns the states (of 3 options) where `text` holds, as a bit mask over the 8 codes.
unsigned TruthTable(std::string_view text) {
  Result<PriorityStatementFormula> formula = ParsePriorityStatement(text, kLookup);
  EXPECT_TRUE(formula.has_value()) << text << ": " << formula.error().message;
  if (!formula) return 0;
  unsigned table = 0;
  for (StateCode code = 0; code < 8; ++code) {
    if (formula->Holds(code)) table |= 1U << code;
  }
  return table;
}

// Truth tables of the single options over codes 0..7.
constexpr unsigned kA = 0b10101010;
constexpr unsigned kB = 0b11001100;
constexpr unsigned kC = 0b11110000;
constexpr unsigned kAll = 0xFF;

std::string Refusal(std::string_view text) {
  Result<PriorityStatementFormula> formula = ParsePriorityStatement(text, kLookup);
  EXPECT_FALSE(formula.has_value()) << text;
  if (formula) return {};
  EXPECT_EQ(formula.error().code, ErrorCode::kInvalidArgument);
  return formula.error().message;
}

TEST(ParsePriorityStatement, EachOperator) {
  EXPECT_EQ(TruthTable("a"), kA);
  EXPECT_EQ(TruthTable("-a"), kAll & ~kA);
  EXPECT_EQ(TruthTable("a & b"), kA & kB);
  EXPECT_EQ(TruthTable("a | b"), kA | kB);
  EXPECT_EQ(TruthTable("a if b"), kA | (kAll & ~kB));  // b implies a
  EXPECT_EQ(TruthTable("a iff b"), kAll & ~(kA ^ kB));
  EXPECT_EQ(TruthTable("--a"), kA);
  EXPECT_EQ(TruthTable("(a)"), kA);
}

TEST(ParsePriorityStatement, Precedence) {
  // Unary minus binds tightest, then &, |, if, iff.
  EXPECT_EQ(TruthTable("-a & b"), (kAll & ~kA) & kB);
  EXPECT_EQ(TruthTable("-(a & b)"), kAll & ~(kA & kB));
  EXPECT_EQ(TruthTable("a | b & c"), kA | (kB & kC));
  EXPECT_EQ(TruthTable("(a | b) & c"), (kA | kB) & kC);
  EXPECT_EQ(TruthTable("a | b if c"), (kA | kB) | (kAll & ~kC));
  EXPECT_EQ(TruthTable("a if b iff c"), kAll & ~((kA | (kAll & ~kB)) ^ kC));
  EXPECT_EQ(TruthTable("a & b | c & -a"), (kA & kB) | (kC & ~kA & kAll));
  EXPECT_EQ(TruthTable("a if (b iff c)"), kA | (kAll & ~(kAll & ~(kB ^ kC))));
}

TEST(ParsePriorityStatement, AndOrAreLeftAssociativeAndKeywordsIgnoreCase) {
  EXPECT_EQ(TruthTable("a & b & c"), kA & kB & kC);
  EXPECT_EQ(TruthTable("a | b | c"), kA | kB | kC);
  EXPECT_EQ(TruthTable("a IF b"), TruthTable("a if b"));
  EXPECT_EQ(TruthTable("  a   iff   b  "), TruthTable("a iff b"));
}

TEST(ParsePriorityStatement, Errors) {
  EXPECT_THAT(Refusal("a & zz"),
              HasSubstr("unknown option 'zz' in \"a & zz\"; expected an option id of this case"));
  EXPECT_THAT(
      Refusal("a &"),
      HasSubstr("expected an option id, '-' or '(' at position 4 of \"a &\", found the end"));
  EXPECT_THAT(Refusal(""), HasSubstr("expected an option id, '-' or '(' at position 1"));
  EXPECT_THAT(Refusal("(a"), HasSubstr("expected ')' at position 3 of \"(a\", found the end"));
  EXPECT_THAT(Refusal("a b"),
              HasSubstr("expected the end of the statement at position 3 of \"a b\", found 'b'"));
  EXPECT_THAT(Refusal("a iff b iff c"), HasSubstr("expected the end of the statement"));
  EXPECT_THAT(Refusal("if a"), HasSubstr("found 'if'"));
  EXPECT_THAT(Refusal("a + b"), HasSubstr("found '+'"));
  EXPECT_THAT(Refusal(std::string(5000, 'a')), HasSubstr("longer than 4096 characters"));
  EXPECT_THAT(Refusal(std::string(1000, '(') + "a" + std::string(1000, ')')),
              HasSubstr("nested too deeply"));
  EXPECT_THAT(Refusal(std::string(1000, '-') + "a"), HasSubstr("nested too deeply"));
}

TEST(ParsePriorityStatement, DeepButReasonableNestingWorks) {
  EXPECT_EQ(TruthTable(std::string(100, '(') + "a" + std::string(100, ')')), kA);
}

}  // namespace
}  // namespace mend
