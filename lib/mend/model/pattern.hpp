// SPDX-License-Identifier: Apache-2.0
//
// Patterns: full states as Y/N strings, and partial patterns (a mask of the options they fix and
// the values they fix them to) as used by `when`, `infeasible`, `status_quo` and `default`.
//
// Example:
//   PartialPattern p{.mask = 0b0101, .values = 0b0001};
//   p.Matches(0b0011);                 // true: option 0 is Y, option 2 is N
//   FormatPattern(0b0011, 4);          // "YYNN" (option 0 first)
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mend/core/ids.hpp"

namespace mend {

struct PartialPattern {
  StateCode mask = 0;    // options the pattern fixes
  StateCode values = 0;  // their values (subset of mask)

  /// Returns true when the full state `code` agrees with every option the pattern fixes.
  bool Matches(StateCode code) const { return (code & mask) == values; }
};

/// Returns the Y/N letters of `code` over `option_count` options, option 0 first.
std::string FormatPattern(StateCode code, int option_count);

/// Parses a full Y/N pattern string of exactly `option_count` letters; nullopt otherwise.
std::optional<StateCode> ParsePattern(std::string_view letters, int option_count);

/// Returns the mask with the lowest `option_count` bits set.
constexpr StateCode AllOptionsMask(int option_count) {
  return option_count >= 64 ? ~StateCode{0} : ((StateCode{1} << option_count) - 1);
}

}  // namespace mend
