// SPDX-License-Identifier: Apache-2.0
//
// Error: what an expected failure carries back to the caller — a code saying what kind of failure
// it is, a one-line message, and, for bad input, where in which file the problem sits.
//
// Example:
//   return Error::InvalidArgument("options.us[0].id: expected an identifier").At(where);
//   std::cerr << error.ToString() << '\n';   // "case.yaml:12:7: error: options.us[0].id: ..."
#pragma once

#include <string>
#include <utility>

namespace mend {

/// Canonical error codes. Pick the most specific one that tells the caller what to do:
///   kInvalidArgument    the input itself is wrong; retrying unchanged will fail again.
///   kFailedPrecondition the input is fine but the system state is not.
///   kNotFound           a named record or file does not exist.
///   kCancelled          the caller's stop_token was triggered.
///   kIo                 the operating system failed; the message carries its text.
///   kInternal           a bug.
enum class ErrorCode {
  kInvalidArgument,
  kFailedPrecondition,
  kNotFound,
  kCancelled,
  kIo,
  kInternal
};

/// A place in an input file; line and column count from 1. An empty file name means "no place".
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  bool known() const { return !file.empty(); }
};

/// An expected failure: code, single-line message (no trailing period), optional location.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  SourceLocation where;

  static Error InvalidArgument(std::string message) {
    return {ErrorCode::kInvalidArgument, std::move(message), {}};
  }
  static Error NotFound(std::string message) {
    return {ErrorCode::kNotFound, std::move(message), {}};
  }
  static Error Io(std::string message) { return {ErrorCode::kIo, std::move(message), {}}; }
  static Error Cancelled(std::string message) {
    return {ErrorCode::kCancelled, std::move(message), {}};
  }
  static Error Internal(std::string message) {
    return {ErrorCode::kInternal, std::move(message), {}};
  }

  /// Returns a copy placed at `location`.
  Error At(SourceLocation location) const& {
    Error placed = *this;
    placed.where = std::move(location);
    return placed;
  }
  Error At(SourceLocation location) && {
    where = std::move(location);
    return std::move(*this);
  }

  /// Formats as "FILE:LINE:COLUMN: error: MESSAGE" (or "FILE: error: ..." / "error: ...").
  std::string ToString() const;

  /// The key a located message names: located messages read "KEY: what was expected", and the
  /// key is a path without spaces ("options.us[0].id"). Empty when the error has no place or
  /// its message names no key.
  std::string Key() const;
};

/// A short lower-case name of the code, e.g. "invalid-argument".
const char* ErrorCodeName(ErrorCode code);

}  // namespace mend
