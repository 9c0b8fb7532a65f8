// SPDX-License-Identifier: Apache-2.0
//
// CompiledCase: a case ready for analysis — its definition, feasible states, compiled
// parameters and effects, and every actor's utility at the central parameter values.
//
// Example:
//   MEND_TRY(CompiledCase compiled, CompileCase(std::move(definition)));
//   for (std::size_t s = 0; s < compiled.space.size(); ++s) ...
#pragma once

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
};

/// Enumerates the feasible states, checks that the status quo and an explicit default are
/// feasible, compiles parameters and effects, and computes utilities at the central values.
/// Fails with kInvalidArgument, located in the case file, on the first problem found.
Result<CompiledCase> CompileCase(CaseDefinition definition, const EnumerationLimits& limits = {});

}  // namespace mend
