// SPDX-License-Identifier: Apache-2.0
//
// ExpressionSet: arithmetic expressions over a case's parameters, compiled once with muparser
// and evaluated as often as there are parameter samples (never once per state).
//
// Example:
//   ExpressionSet set({"nuc_cost", "share"});
//   MEND_TRY(std::size_t saving, set.Add("0.3 * nuc_cost * share"));
//   set.SetParameters(values);             // one value per parameter, in the same order
//   double x = set.Evaluate(saving);        // may be non-finite: callers check and report
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mend/core/result.hpp"

namespace mend {

class ExpressionSet {
 public:
  /// Creates a set whose expressions may name the given parameters.
  explicit ExpressionSet(std::vector<std::string> parameter_names);
  ~ExpressionSet();
  ExpressionSet(ExpressionSet&&) noexcept;
  ExpressionSet& operator=(ExpressionSet&&) noexcept;
  /// Copies recompile every expression against the copy's own parameter buffer.
  ExpressionSet(const ExpressionSet& other);
  ExpressionSet& operator=(const ExpressionSet& other);

  /// Compiles `text` and returns its handle. Fails with kInvalidArgument when the text is not
  /// arithmetic (assignments, comparisons and strings are refused), names an unknown
  /// parameter or function, or does not parse; the message says which token and why.
  Result<std::size_t> Add(std::string_view text);

  /// Returns the parameters (indices into the constructor's list) that expression `handle` uses.
  std::vector<std::size_t> UsedParameters(std::size_t handle) const;

  /// Sets the value of every parameter; `values.size()` must equal the number of names.
  void SetParameters(std::span<const double> values);
  /// Sets one parameter.
  void SetParameter(std::size_t index, double value);

  /// Evaluates expression `handle` at the current parameter values. Not thread-safe: give each
  /// thread its own copy of the set.
  double Evaluate(std::size_t handle) const;

  std::size_t size() const { return texts_.size(); }
  const std::string& text(std::size_t handle) const { return texts_[handle]; }

  /// Returns the names of the functions expressions may call, for documentation and messages.
  static std::vector<std::string> FunctionNames();

 private:
  struct Compiled;
  std::vector<std::string> names_;
  std::unique_ptr<double[]> values_;  // stable addresses: muparser binds variables by pointer
  std::vector<std::string> texts_;
  std::vector<std::unique_ptr<Compiled>> compiled_;
};

}  // namespace mend
