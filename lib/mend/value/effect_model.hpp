// SPDX-License-Identifier: Apache-2.0
//
// EffectModel: the case's effect rules compiled. Each term's expression is evaluated once per
// parameter sample; a state's dimension values are then sums of the evaluated terms of the
// rules whose `when` pattern (a bit mask) matches it — no expression runs per state.
//
// Example:
//   MEND_TRY(EffectModel effects, EffectModel::Compile(definition));
//   MEND_TRY(EffectValues terms, effects.Evaluate(parameters.central(), "central values"));
//   std::vector<double> values = effects.DimensionValues(terms, code);  // [actor * D + dim]
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "mend/core/result.hpp"
#include "mend/model/case.hpp"
#include "mend/value/expression.hpp"

namespace mend {

/// Every effect term evaluated at one parameter sample, in (effect, term) order.
struct EffectValues {
  std::vector<double> terms;
};

class EffectModel {
 public:
  /// Compiles every effect term. Fails with kInvalidArgument located at the term when its
  /// expression names something unknown or is not arithmetic.
  static Result<EffectModel> Compile(const CaseDefinition& definition);

  /// Evaluates every term at `parameters`. Fails with kInvalidArgument when a term is not a
  /// finite number (division by zero, overflow); the message names the case, the effect term
  /// and `sample` (e.g. "central values" or "sample 17"), located at the term.
  Result<EffectValues> Evaluate(std::span<const double> parameters, std::string_view sample) const;

  /// Returns the dimension values of the state `code` for every actor, flattened as
  /// [actor * dimension_count + dimension].
  std::vector<double> DimensionValues(const EffectValues& values, StateCode code) const;
  /// The same into a caller's buffer (no allocation), which must hold actors × dimensions.
  void AccumulateDimensionValues(const EffectValues& values, StateCode code,
                                 std::span<double> out) const;

  /// Returns the indices of the effects whose `when` matches `code` (for traces).
  std::vector<std::size_t> MatchingEffects(StateCode code) const;

  std::size_t dimension_count() const { return dimension_count_; }
  std::size_t actor_count() const { return actor_count_; }

 private:
  struct CompiledTerm {
    std::size_t slot;    // actor * dimension_count + dimension
    std::size_t handle;  // in expressions_
  };
  struct CompiledEffect {
    PartialPattern when;
    std::size_t first_term;
    std::size_t term_count;
  };

  explicit EffectModel(ExpressionSet expressions) : expressions_(std::move(expressions)) {}

  mutable ExpressionSet expressions_;
  std::vector<CompiledEffect> effects_;
  std::vector<CompiledTerm> terms_;
  std::vector<std::string> term_keys_;
  std::vector<SourceLocation> term_locations_;
  std::string case_id_;
  std::size_t dimension_count_ = 0;
  std::size_t actor_count_ = 0;
};

}  // namespace mend
