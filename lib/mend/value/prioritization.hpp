// SPDX-License-Identifier: Apache-2.0
//
// Option prioritisation (GMCR II / GMCR+): preference statements over options, most important
// first. A statement is an option id, `-x` (x is N), `a & b`, `a | b`, `a if b` (material
// implication: satisfied unless b holds and a does not), `a iff b`, with parentheses. Statement
// i of k is worth 2^(k-1-i); a state's score is the sum over the statements it satisfies.
//
// Example:
//   MEND_TRY(PriorityStatementFormula f, ParsePriorityStatement("ru_limit if us_limit", lookup));
//   bool holds = f.Holds(code);
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/core/result.hpp"

namespace mend {

/// A compiled statement: a postfix program over option bits.
class PriorityStatementFormula {
 public:
  enum class Op { kOption, kNot, kAnd, kOr, kIf, kIff };
  struct Step {
    Op op;
    int option = 0;  // for kOption
  };

  explicit PriorityStatementFormula(std::vector<Step> program) : program_(std::move(program)) {}
  /// Returns true when the full state `code` satisfies the statement.
  bool Holds(StateCode code) const;

 private:
  std::vector<Step> program_;
};

/// Returns the option index of an id, or nullopt when the case has no such option.
using OptionLookup = std::function<std::optional<int>(std::string_view)>;

/// Compiles one statement. Fails with kInvalidArgument naming the unexpected token or the
/// unknown option id.
Result<PriorityStatementFormula> ParsePriorityStatement(std::string_view text,
                                                        const OptionLookup& lookup);

/// At most this many statements per decider, so that scores stay exact in a double.
inline constexpr int kMaxPriorityStatements = 52;

}  // namespace mend
