// SPDX-License-Identifier: Apache-2.0
#include "mend/value/compiled_case.hpp"

#include <fmt/format.h>

namespace mend {
namespace {

Status CheckFeasible(const CaseDefinition& definition, const StateSpace& space, StateCode code,
                     std::string_view key, const SourceLocation& where) {
  if (space.Find(code)) return Ok();
  std::string reason = "it is not feasible";
  if (std::optional<std::size_t> c = space.FirstViolatedConstraint(code)) {
    reason = fmt::format("it violates {}", definition.constraints[*c].label);
  }
  return Error::InvalidArgument(fmt::format("{}: the state {} is infeasible ({}); expected a "
                                            "feasible state",
                                            key, definition.PatternOf(code), reason))
      .At(where);
}

}  // namespace

Result<CompiledCase> CompileCase(CaseDefinition definition, const EnumerationLimits& limits) {
  MEND_TRY(StateSpace space, StateSpace::Enumerate(definition, limits));
  MEND_TRY(CheckFeasible(definition, space, definition.status_quo, "status_quo",
                         definition.status_quo_where));
  if (definition.explicit_default) {
    MEND_TRY(CheckFeasible(definition, space, *definition.explicit_default, "default",
                           definition.default_where));
  }
  MEND_TRY(ParameterModel parameters, ParameterModel::Compile(definition));
  MEND_TRY(EffectModel effects, EffectModel::Compile(definition));
  MEND_TRY(EffectValues terms, effects.Evaluate(parameters.central(), "the central values"));
  MEND_TRY(UtilityTable utilities, ComputeUtilities(definition, space, effects, terms));
  return CompiledCase{std::move(definition), std::move(space), std::move(parameters),
                      std::move(effects),    std::move(terms), std::move(utilities)};
}

}  // namespace mend
