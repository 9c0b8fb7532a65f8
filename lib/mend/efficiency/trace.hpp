// SPDX-License-Identifier: Apache-2.0
//
// The trace behind one utility figure: state → the effect rules that fired → each term's
// expression and value → the parameters it names (central values and distributions) → their
// sources, and how the actor's valuation folds the dimension values into its utility.
//
// Example:
//   MEND_TRY(StateTrace trace, ExplainState(compiled, state, actor));
//   for (const DimensionTrace& d : trace.dimensions) for (const TermTrace& t : d.terms) ...
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/core/result.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

/// One term of a fired effect rule that adds to the actor's value on a dimension.
struct TermTrace {
  std::size_t effect = 0;  // index into definition.effects
  std::string key;         // "effects[3].us.budget"
  std::string expression;
  double value = 0;  // at the central parameter values
  /// Parameters the expression names, directly or through other parameters' fields, ascending.
  std::vector<ParameterIndex> parameters;
};

struct DimensionTrace {
  DimensionIndex dimension;
  double value = 0;             // the actor's value in the state
  double status_quo_value = 0;  // the same in the status quo (the reference point)
  double weight = 0;
  double contribution = 0;  // w·v, or w·φ(v − v0) with reference dependence
  std::vector<TermTrace> terms;
};

struct StateTrace {
  StateId state;
  ActorIndex actor;
  PreferenceKind preference = PreferenceKind::kNone;
  double utility = 0;
  /// Per dimension in file order (valuation actors list every dimension with a weight or a term).
  std::vector<DimensionTrace> dimensions;
  /// Every parameter named by a listed term, ascending, and every source cited on the way.
  std::vector<ParameterIndex> parameters;
  std::vector<std::size_t> sources;
};

/// Traces actor `actor`'s utility in `state`. Fails with kInvalidArgument when the actor or
/// the state is out of range.
[[nodiscard]] Result<StateTrace> ExplainState(const CompiledCase& compiled, StateId state,
                                              ActorIndex actor);

}  // namespace mend
