// SPDX-License-Identifier: Apache-2.0
#include "mend/value/compiled_case.hpp"

#include <fmt/format.h>

#include "mend/core/assert.hpp"

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
  if (limits.stop.stop_requested()) {
    return Error::Cancelled("loading: stopped before the utilities of the states were computed");
  }
  MEND_TRY(UtilityTable utilities, ComputeUtilities(definition, space, effects, terms));
  return CompiledCase{std::move(definition), std::move(space), std::move(parameters),
                      std::move(effects),    std::move(terms), std::move(utilities)};
}

bool HasExpectationDimensions(const CaseDefinition& definition) {
  for (const Dimension& dimension : definition.dimensions) {
    if (dimension.expectation) return true;
  }
  return false;
}

std::vector<double> CentralValuesAt(const CompiledCase& compiled, StateId state) {
  std::vector<double> values =
      compiled.effects.DimensionValues(compiled.central_terms, compiled.space.code(state));
  if (compiled.expected_values.empty()) return values;
  const CaseDefinition& definition = compiled.definition;
  const std::size_t dimensions = definition.dimensions.size();
  const std::size_t width = definition.actors.size() * dimensions;
  const double* means = compiled.expected_values.data() + state.value * width;
  for (std::size_t d = 0; d < dimensions; ++d) {
    if (!definition.dimensions[d].expectation) continue;
    for (std::size_t slot = d; slot < width; slot += dimensions) values[slot] = means[slot];
  }
  return values;
}

std::vector<double> CentralStatusQuoValues(const CompiledCase& compiled) {
  const std::optional<StateId> status_quo = compiled.space.Find(compiled.definition.status_quo);
  MEND_ASSERT(status_quo.has_value(), "a compiled case has a feasible status quo");
  return CentralValuesAt(compiled, *status_quo);
}

void UseExpectedValues(CompiledCase& compiled, std::vector<double> means, std::uint64_t samples) {
  const CaseDefinition& definition = compiled.definition;
  const std::size_t actors = definition.actors.size();
  const std::size_t dimensions = definition.dimensions.size();
  MEND_ASSERT(means.size() == compiled.space.size() * actors * dimensions,
              "expected values of every state, actor and dimension");
  compiled.expected_values = std::move(means);
  compiled.expected_samples = samples;
  const std::vector<double> reference = CentralStatusQuoValues(compiled);
  for (std::uint32_t s = 0; s < compiled.space.size(); ++s) {
    const std::vector<double> values = CentralValuesAt(compiled, StateId{s});
    for (std::size_t a = 0; a < actors; ++a) {
      if (definition.preference_kind[a] != PreferenceKind::kValuation) continue;
      compiled.utilities.utility[a][s] =
          FoldValuation(*definition.valuations[a],
                        std::span<const double>(values).subspan(a * dimensions, dimensions),
                        std::span<const double>(reference).subspan(a * dimensions, dimensions));
    }
  }
}

}  // namespace mend
