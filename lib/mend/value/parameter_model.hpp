// SPDX-License-Identifier: Apache-2.0
//
// ParameterModel: a case's parameters compiled — their distributions, whose fields may be
// expressions over other parameters (evaluated in dependency order), and their rank
// correlations. Gives the central values (every parameter at its median) and, for sampling,
// values from one probability per parameter.
//
// Example:
//   MEND_TRY(ParameterModel parameters, ParameterModel::Compile(definition));
//   std::span<const double> central = parameters.central();
#pragma once

#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "mend/core/result.hpp"
#include "mend/model/case.hpp"
#include "mend/value/distribution.hpp"
#include "mend/value/expression.hpp"

namespace mend {

class ParameterModel {
 public:
  /// Compiles every distribution field, orders parameters so that each comes after those its
  /// fields name, validates each distribution at the central values and checks that the
  /// correlation matrix is positive definite. Fails with kInvalidArgument located at the
  /// offending field: unknown name, dependency cycle, invalid distribution, bad correlation.
  static Result<ParameterModel> Compile(const CaseDefinition& definition);

  std::size_t size() const { return distributions_.size(); }
  /// Every parameter at its median, its fields evaluated at the medians of what they name.
  std::span<const double> central() const { return central_; }
  /// The distribution of parameter `index` with fields evaluated at the central values.
  const Distribution& central_distribution(std::size_t index) const {
    return distributions_[index];
  }
  /// Parameters in an order where each follows those its fields depend on.
  std::span<const std::size_t> evaluation_order() const { return order_; }

  /// Returns every parameter's value when parameter i sits at quantile probabilities[i]
  /// (ignored for fixed parameters). Fails with kInvalidArgument when a field evaluated on
  /// these values makes a distribution invalid; the message names the parameter and field.
  /// Thread-safe (callers are serialised; per-thread SampleDraws avoid the wait).
  Result<std::vector<double>> ValuesAt(std::span<const double> probabilities) const;

 private:
  ParameterModel(ExpressionSet fields) : fields_(std::move(fields)) {}

  mutable ExpressionSet fields_;  // every field of every parameter
  // ValuesAt evaluates fields_ in place (muparser binds variables by address), so concurrent
  // callers take turns; shared by copies, which merely serialises them.
  std::shared_ptr<std::mutex> fields_mutex_ = std::make_shared<std::mutex>();
  std::vector<DistributionKind> kinds_;
  std::vector<std::vector<std::size_t>> field_handles_;  // per parameter, per field
  std::vector<std::string> ids_;
  std::vector<std::size_t> order_;
  std::vector<Distribution> distributions_;  // at central values
  std::vector<double> central_;
};

}  // namespace mend
