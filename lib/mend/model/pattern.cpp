// SPDX-License-Identifier: Apache-2.0
#include "mend/model/pattern.hpp"

namespace mend {

std::string FormatPattern(StateCode code, int option_count) {
  std::string letters(static_cast<std::size_t>(option_count), 'N');
  for (int k = 0; k < option_count; ++k) {
    if ((code >> k) & 1U) letters[static_cast<std::size_t>(k)] = 'Y';
  }
  return letters;
}

std::optional<StateCode> ParsePattern(std::string_view letters, int option_count) {
  if (static_cast<int>(letters.size()) != option_count) return std::nullopt;
  StateCode code = 0;
  for (int k = 0; k < option_count; ++k) {
    const char letter = letters[static_cast<std::size_t>(k)];
    if (letter == 'Y') {
      code |= StateCode{1} << k;
    } else if (letter != 'N') {
      return std::nullopt;
    }
  }
  return code;
}

}  // namespace mend
