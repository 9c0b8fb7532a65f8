// SPDX-License-Identifier: Apache-2.0
//
// Checks on raw file bytes before YAML parsing: binary data and invalid UTF-8 are refused with
// the line and column of the first bad byte, instead of whatever the YAML layer would make of them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mend/core/result.hpp"

namespace mend::internal {

/// Fails with kInvalidArgument at the first NUL or control byte (other than tab, CR, LF) or
/// the first byte that is not valid UTF-8. `kind` names the expected text in the message.
Status CheckText(std::string_view text, const std::string& file,
                 std::string_view kind = "YAML text");

/// Where a tab character indents a line (among the spaces and tabs before its first other
/// character), on lines 1 to `last_line`; nullopt when none does. YAML indents with spaces
/// only, so a tab there is the likely cause of a YAML error reported on or after that line.
std::optional<SourceLocation> FindIndentingTab(std::string_view text, const std::string& file,
                                               int last_line);

/// Fails with kInvalidArgument "tab character at LINE:COLUMN; YAML indents with spaces" (at
/// that place) when a tab indents a line up to `error_line`; else returns `yaml_error`, with a
/// hint to check the indentation when its message is one a misaligned line causes.
Error ExplainYamlError(std::string_view text, const std::string& file, int error_line,
                       Error yaml_error);

}  // namespace mend::internal
