// SPDX-License-Identifier: Apache-2.0
//
// Where a command's output goes (stdout, or a file given with -o written only on success), and
// the exit codes of the CLI contract: 0 success, 1 input or analysis error, 2 usage error.
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "mend/core/error.hpp"
#include "mend/core/result.hpp"

namespace mend::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInputError = 1;
inline constexpr int kExitUsageError = 2;

/// Writes `text` to stdout when `path` is empty or "-", else to the file (atomically: a
/// temporary file renamed into place; a device or pipe such as /dev/null is written in place).
/// Returns the exit code.
int Emit(const std::string& text, const std::string& path);

/// Like Emit, but `write` produces the output straight into stdout or the temporary file, so a
/// large output is never held in memory. On failure of `write` (cancelled, I/O) the temporary
/// file is removed and the error reported; stdout may then hold a truncated output.
int EmitStreamed(const std::string& path, const std::function<Status(std::ostream&)>& write);

/// Prints the error on stderr and returns exit status 1 (the one place errors map to exits;
/// "report" in mend means the HTML report, so the error printer is named for what it does).
int Fail(const Error& error);

/// Prints a usage error (an option refused by the command table) and returns exit status 2.
int FailUsage(const Error& error);

}  // namespace mend::cli
