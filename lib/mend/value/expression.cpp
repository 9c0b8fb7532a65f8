// SPDX-License-Identifier: Apache-2.0
#include "mend/value/expression.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>
#include <muParser.h>

#include "mend/value/economics/arms_limits.hpp"
#include "mend/value/economics/incident_risk.hpp"
#include "mend/value/economics/investment_under_legal_risk.hpp"

namespace mend {

struct ExpressionSet::Compiled {
  mu::Parser parser;
  std::vector<std::size_t> used;
};

namespace {

// muparser also knows assignment, comparison, logic, the ternary operator and strings; the
// case format allows arithmetic only, and an assignment would silently change a parameter.
constexpr std::string_view kForbiddenCharacters = "=<>!?:&|\"";

// The economic sub-models (docs/models/), callable from every expression. The names here and
// in FunctionNames() must agree; a test checks that each listed name compiles.
void DefineEconomicFunctions(mu::Parser& parser) {
  parser.DefineFun("accepted_payback", &economics::AcceptedPayback);
  parser.DefineFun("invest_share", &economics::InvestmentShare);
  parser.DefineFun("long_share", &economics::LongTermShare);
  parser.DefineFun("invest_volume", &economics::InvestmentVolume);
  parser.DefineFun("fdi_factor", &economics::FdiFactor);
  parser.DefineFun("calibrated_hazard", &economics::CalibratedHazard);
  parser.DefineFun("force_cost_change", &economics::ForceCostChange);
  parser.DefineFun("race_ratio", &economics::RaceRatio);
  parser.DefineFun("escalation_prob", &economics::EscalationProbability);
  parser.DefineFun("incident_cost", &economics::IncidentCost);
  parser.DefineFun("managed_incident_cost", &economics::ManagedIncidentCost);
}

}  // namespace

ExpressionSet::ExpressionSet(std::vector<std::string> parameter_names)
    : names_(std::move(parameter_names)),
      values_(std::make_unique<double[]>(std::max<std::size_t>(names_.size(), 1))) {}

ExpressionSet::~ExpressionSet() = default;
ExpressionSet::ExpressionSet(ExpressionSet&&) noexcept = default;
ExpressionSet& ExpressionSet::operator=(ExpressionSet&&) noexcept = default;

ExpressionSet::ExpressionSet(const ExpressionSet& other) : ExpressionSet(other.names_) {
  std::copy(other.values_.get(), other.values_.get() + names_.size(), values_.get());
  for (const std::string& text : other.texts_) {
    Result<std::size_t> handle = Add(text);
    MEND_ASSERT(handle.has_value(), "an expression that compiled once must compile again");
  }
}

ExpressionSet& ExpressionSet::operator=(const ExpressionSet& other) {
  if (this != &other) *this = ExpressionSet(other);
  return *this;
}

Result<std::size_t> ExpressionSet::Add(std::string_view text) {
  const std::size_t bad = text.find_first_of(kForbiddenCharacters);
  if (bad != std::string_view::npos) {
    return Error::InvalidArgument(fmt::format(
        "expected arithmetic (numbers, parameter ids, + - * / ^, parentheses, functions), "
        "found '{}' at position {} of \"{}\"",
        text[bad], bad + 1, text));
  }
  if (text.find_first_not_of(" \t") == std::string_view::npos) {
    return Error::InvalidArgument("expected an expression, found an empty string");
  }
  auto compiled = std::make_unique<Compiled>();
  try {
    DefineEconomicFunctions(compiled->parser);
    for (std::size_t i = 0; i < names_.size(); ++i) {
      compiled->parser.DefineVar(names_[i], &values_[i]);
    }
    compiled->parser.SetExpr(std::string(text));
    // Evaluating once makes muparser parse now, so syntax errors surface here, not later.
    compiled->parser.Eval();
    for (const auto& [name, address] : compiled->parser.GetUsedVar()) {
      compiled->used.push_back(static_cast<std::size_t>(address - values_.get()));
    }
    std::sort(compiled->used.begin(), compiled->used.end());
  } catch (const mu::Parser::exception_type& error) {
    const std::string token = error.GetToken();
    if (error.GetCode() == mu::ecUNASSIGNABLE_TOKEN) {
      return Error::InvalidArgument(fmt::format(
          "unknown name '{}' in \"{}\"; expected a parameter id, a number or one of the "
          "functions {}",
          token, text, fmt::join(FunctionNames(), ", ")));
    }
    if (error.GetCode() == mu::ecNAME_CONFLICT) {
      return Error::InvalidArgument(
          fmt::format("parameter id '{}' is taken by a built-in function or constant", token));
    }
    return Error::InvalidArgument(
        fmt::format("cannot read \"{}\": {}", text, std::string(error.GetMsg())));
  }
  texts_.emplace_back(text);
  compiled_.push_back(std::move(compiled));
  return texts_.size() - 1;
}

std::vector<std::size_t> ExpressionSet::UsedParameters(std::size_t handle) const {
  return compiled_[handle]->used;
}

void ExpressionSet::SetParameters(std::span<const double> values) {
  MEND_ASSERT(values.size() == names_.size(), "one value per parameter");
  std::copy(values.begin(), values.end(), values_.get());
}

void ExpressionSet::SetParameter(std::size_t index, double value) {
  MEND_ASSERT(index < names_.size(), "parameter index out of range");
  values_[index] = value;
}

double ExpressionSet::Evaluate(std::size_t handle) const {
  MEND_ASSERT(handle < compiled_.size(), "expression handle out of range");
  try {
    return compiled_[handle]->parser.Eval();
  } catch (const mu::Parser::exception_type&) {
    // Compilation already succeeded; a runtime failure means no meaningful number.
    return std::numeric_limits<double>::quiet_NaN();
  }
}

std::vector<std::string> ExpressionSet::FunctionNames() {
  return {"min",
          "max",
          "exp",
          "log",
          "sqrt",
          "abs",
          "accepted_payback",
          "invest_share",
          "long_share",
          "invest_volume",
          "fdi_factor",
          "calibrated_hazard",
          "force_cost_change",
          "race_ratio",
          "escalation_prob",
          "incident_cost",
          "managed_incident_cost"};
}

}  // namespace mend
