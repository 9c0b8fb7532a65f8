// SPDX-License-Identifier: Apache-2.0
//
// Checks on raw file bytes before YAML parsing: binary data and invalid UTF-8 are refused with
// the line and column of the first bad byte, instead of whatever the YAML layer would make of them.
#pragma once

#include <string>
#include <string_view>

#include "mend/core/result.hpp"

namespace mend::internal {

/// Fails with kInvalidArgument at the first NUL or control byte (other than tab, CR, LF) or
/// the first byte that is not valid UTF-8. `kind` names the expected text in the message.
Status CheckText(std::string_view text, const std::string& file,
                 std::string_view kind = "YAML text");

}  // namespace mend::internal
