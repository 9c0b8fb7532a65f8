// SPDX-License-Identifier: Apache-2.0
//
// CompiledCase: a case ready for analysis — its definition, feasible states, compiled
// parameters and effects, and every actor's utility at the central parameter values.
//
// Example:
//   MEND_TRY(CompiledCase compiled, CompileCase(std::move(definition)));
//   for (std::size_t s = 0; s < compiled.space.size(); ++s) ...
#pragma once

#include <cstdint>
#include <vector>

#include "mend/core/result.hpp"
#include "mend/model/case.hpp"
#include "mend/model/state_space.hpp"
#include "mend/value/effect_model.hpp"
#include "mend/value/parameter_model.hpp"
#include "mend/value/utility_table.hpp"

namespace mend {

struct CompiledCase {
  CaseDefinition definition;
  StateSpace space;
  ParameterModel parameters;
  EffectModel effects;
  EffectValues central_terms;  // effect terms at the central parameter values
  UtilityTable utilities;      // at the central parameter values
  /// Per state, the means over the samples of every actor's values on the dimensions marked
  /// `expectation`, at [state * actors * dimensions + actor * dimensions + dimension] (the other
  /// dimensions' entries are unused), measured on `expected_samples` seeded samples
  /// (docs/analyses.md, "Expected-cost dimensions"). Empty as compiled: every dimension is then
  /// taken at the central parameter values. Set by UseExpectedValues.
  std::vector<double> expected_values;
  std::uint64_t expected_samples = 0;
};

/// Whether some dimension of the case is marked `expectation: true`.
bool HasExpectationDimensions(const CaseDefinition& definition);

/// Every actor's dimension values in `state` as the central analysis counts them, flattened as
/// [actor * dimensions + dimension]: at the central parameter values, except that the
/// dimensions marked `expectation` take their means over the samples once UseExpectedValues
/// has set them.
std::vector<double> CentralValuesAt(const CompiledCase& compiled, StateId state);

/// The same in the status quo.
std::vector<double> CentralStatusQuoValues(const CompiledCase& compiled);

/// Makes the expectation dimensions of `compiled` count at their means over the samples:
/// stores `means` (laid out as CompiledCase::expected_values) and recomputes the utilities of
/// the actors who value outcomes from them. Precondition: `means` has states × actors ×
/// dimensions entries.
void UseExpectedValues(CompiledCase& compiled, std::vector<double> means, std::uint64_t samples);

/// Enumerates the feasible states, checks that the status quo and an explicit default are
/// feasible, compiles parameters and effects, and computes utilities at the central values.
/// Fails with kInvalidArgument, located in the case file, on the first problem found.
Result<CompiledCase> CompileCase(CaseDefinition definition, const EnumerationLimits& limits = {});

}  // namespace mend
