// SPDX-License-Identifier: Apache-2.0
#include "mend/value/expression.hpp"

#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mend {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

double Eval(std::string_view text, std::vector<double> values = {2, 3}) {
  ExpressionSet set({"a", "b"});
  Result<std::size_t> handle = set.Add(text);
  EXPECT_TRUE(handle.has_value()) << handle.error().message;
  if (!handle) return std::nan("");
  set.SetParameters(values);
  return set.Evaluate(*handle);
}

std::string Refusal(std::string_view text) {
  ExpressionSet set({"a", "b"});
  Result<std::size_t> handle = set.Add(text);
  EXPECT_FALSE(handle.has_value()) << text;
  if (handle) return {};
  EXPECT_EQ(handle.error().code, ErrorCode::kInvalidArgument);
  return handle.error().message;
}

TEST(ExpressionSet, Arithmetic) {
  EXPECT_DOUBLE_EQ(Eval("1 + 2 * 3"), 7);
  EXPECT_DOUBLE_EQ(Eval("(1 + 2) * 3"), 9);
  EXPECT_DOUBLE_EQ(Eval("a ^ b"), 8);
  EXPECT_DOUBLE_EQ(Eval("-a * b + 10 / 4"), -3.5);
  EXPECT_DOUBLE_EQ(Eval("-0.3 * a"), -0.6);
  EXPECT_DOUBLE_EQ(Eval("1.5e3"), 1500);
  EXPECT_DOUBLE_EQ(Eval("42"), 42);
}

TEST(ExpressionSet, Functions) {
  EXPECT_DOUBLE_EQ(Eval("min(a, b)"), 2);
  EXPECT_DOUBLE_EQ(Eval("max(a, b, 7)"), 7);
  EXPECT_DOUBLE_EQ(Eval("exp(0)"), 1);
  EXPECT_DOUBLE_EQ(Eval("log(exp(a))"), 2);  // natural logarithm
  EXPECT_DOUBLE_EQ(Eval("sqrt(16)"), 4);
  EXPECT_DOUBLE_EQ(Eval("abs(a - b)"), 1);
}

TEST(ExpressionSet, EconomicSubModelsAreFunctions) {
  // Hand values: docs/models/*.md and the sub-models' own tests.
  EXPECT_NEAR(Eval("invest_share(0.1, 5)"), 1 - std::exp(-2.0), 1e-12);
  EXPECT_NEAR(Eval("long_share(0.1, 5, 5)"),
              (std::exp(-1.0) - std::exp(-2.0)) / (1 - std::exp(-2.0)), 1e-12);
  EXPECT_NEAR(Eval("invest_volume(10, 0.1, 5)"), 10 * (1 - std::exp(-2.0)), 1e-12);
  EXPECT_NEAR(Eval("fdi_factor(0.72, a)"), 1.72 * 1.72, 1e-12);
  EXPECT_DOUBLE_EQ(Eval("accepted_payback(0.25)"), 4);
  EXPECT_NEAR(Eval("force_cost_change(100, 0.1, 0.5)"), -5, 1e-12);
  EXPECT_NEAR(Eval("race_ratio(0.2, 0.5)"), 1.4, 1e-12);
  EXPECT_NEAR(Eval("escalation_prob(2, 0.5)"), 0.75, 1e-12);
  EXPECT_NEAR(Eval("incident_cost(2, 0.5, 100)"), 75, 1e-12);
  EXPECT_NEAR(Eval("managed_incident_cost(4, 0.5, 100, 0.5, 0)"), 75, 1e-12);
  EXPECT_GT(Eval("calibrated_hazard(0.2, 5, 0.72, 1)"), 0);
  EXPECT_LT(Eval("calibrated_hazard(0.2, 5, 0.72, 1)"), 0.2);
}

TEST(ExpressionSet, EveryListedFunctionCompiles) {
  EXPECT_THAT(ExpressionSet::FunctionNames(),
              ::testing::IsSupersetOf({"min", "max", "exp", "log", "sqrt", "abs"}));
  for (const std::string& name : ExpressionSet::FunctionNames()) {
    ExpressionSet set({"x"});
    // Each function takes one to five arguments; some count compiles.
    bool compiled = false;
    std::string arguments = "x";
    for (int count = 1; count <= 5 && !compiled; ++count) {
      compiled = set.Add(name + "(" + arguments + ")").has_value();
      arguments += ", x";
    }
    EXPECT_TRUE(compiled) << name;
  }
}

TEST(ExpressionSet, EconomicFunctionsGiveNaNOutsideTheirDomain) {
  EXPECT_TRUE(std::isnan(Eval("invest_share(-0.1, 5)")));
  EXPECT_TRUE(std::isnan(Eval("race_ratio(0.2, 1)")));
  EXPECT_TRUE(std::isnan(Eval("incident_cost(10, 1.5, 100)")));
}

TEST(ExpressionSet, NonFiniteResultsAreReturnedForTheCallerToReport) {
  EXPECT_TRUE(std::isinf(Eval("1 / (a - 2)")));
  EXPECT_TRUE(std::isnan(Eval("sqrt(-a)")));
  EXPECT_TRUE(std::isinf(Eval("exp(1000)")));
}

TEST(ExpressionSet, UnknownNamesAreRefused) {
  EXPECT_THAT(
      Refusal("a * growth"),
      HasSubstr("unknown name 'growth' in \"a * growth\"; expected a parameter id, a number "
                "or one of the functions min, max, exp, log, sqrt, abs"));
  EXPECT_THAT(Refusal("nosuch(a)"), HasSubstr("nosuch"));
}

TEST(ExpressionSet, NonArithmeticIsRefused) {
  for (std::string_view text :
       {"a = 3", "a == b", "a < b", "a > b", "!a", "a ? 1 : 2", "a && b", "a || b", "\"text\""}) {
    EXPECT_THAT(Refusal(text), HasSubstr("expected arithmetic")) << text;
  }
  EXPECT_THAT(Refusal("a = 3"), HasSubstr("found '=' at position 3 of \"a = 3\""));
  EXPECT_THAT(Refusal(""), HasSubstr("expected an expression, found an empty string"));
  EXPECT_THAT(Refusal("   "), HasSubstr("expected an expression"));
  EXPECT_THAT(Refusal("1 +"), HasSubstr("cannot read \"1 +\""));
  EXPECT_THAT(Refusal("(a"), HasSubstr("cannot read"));
}

TEST(ExpressionSet, ReportsTheParametersItUses) {
  ExpressionSet set({"a", "b", "c"});
  Result<std::size_t> first = set.Add("c * a + a");
  Result<std::size_t> second = set.Add("7");
  ASSERT_TRUE(first && second);
  EXPECT_THAT(set.UsedParameters(*first), ElementsAre(0, 2));
  EXPECT_TRUE(set.UsedParameters(*second).empty());
  EXPECT_EQ(set.size(), 2U);
  EXPECT_EQ(set.text(*first), "c * a + a");
}

TEST(ExpressionSet, SetParameterChangesOneValue) {
  ExpressionSet set({"a", "b"});
  Result<std::size_t> handle = set.Add("a - b");
  ASSERT_TRUE(handle.has_value());
  set.SetParameters(std::vector<double>{5, 1});
  EXPECT_DOUBLE_EQ(set.Evaluate(*handle), 4);
  set.SetParameter(1, 3);
  EXPECT_DOUBLE_EQ(set.Evaluate(*handle), 2);
}

TEST(ExpressionSet, CopiesAreIndependent) {
  ExpressionSet original({"a"});
  Result<std::size_t> handle = original.Add("a * 10");
  ASSERT_TRUE(handle.has_value());
  original.SetParameter(0, 1);
  ExpressionSet copy = original;
  EXPECT_DOUBLE_EQ(copy.Evaluate(*handle), 10);  // values are copied too
  copy.SetParameter(0, 2);
  EXPECT_DOUBLE_EQ(copy.Evaluate(*handle), 20);
  EXPECT_DOUBLE_EQ(original.Evaluate(*handle), 10);
  original.SetParameter(0, 3);
  EXPECT_DOUBLE_EQ(copy.Evaluate(*handle), 20);

  ExpressionSet assigned({"a"});
  assigned = original;
  assigned.SetParameter(0, 4);
  EXPECT_DOUBLE_EQ(assigned.Evaluate(*handle), 40);
  EXPECT_DOUBLE_EQ(original.Evaluate(*handle), 30);

  ExpressionSet moved = std::move(assigned);
  EXPECT_DOUBLE_EQ(moved.Evaluate(*handle), 40);
}

TEST(ExpressionSet, WorksWithoutParameters) {
  ExpressionSet set({});
  Result<std::size_t> handle = set.Add("max(1, 2) + 1");
  ASSERT_TRUE(handle.has_value());
  EXPECT_DOUBLE_EQ(set.Evaluate(*handle), 3);
}

}  // namespace
}  // namespace mend
