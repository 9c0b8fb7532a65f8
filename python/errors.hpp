// SPDX-License-Identifier: Apache-2.0
//
// mend.MendError: how a mend::Error reaches Python — an exception whose text is the CLI's error
// line ("case.yaml:12:7: error: KEY: expected ...") and whose attributes carry its parts: code,
// message, file, line, column and key (None when unknown).
//
// Example:
//   Result<Document> document = ReadDocumentFile(path);
//   if (!document) RaiseError(document.error());
#pragma once

#include <string>
#include <utility>

#include <pybind11/pybind11.h>

#include "mend/core/error.hpp"
#include "mend/core/result.hpp"

namespace mend::python {

/// Adds the exception class MendError to `module`.
void AddErrors(pybind11::module_& module);

/// Raises `error` as MendError (KeyboardInterrupt when it is a cancellation by Ctrl-C is the
/// caller's business). `key`, when not empty, overrides the key read from the message.
/// Precondition: the GIL is held.
[[noreturn]] void RaiseError(const Error& error, const std::string& key = "");

/// Returns the value of `result`, or raises its error as MendError.
template <typename T>
T ValueOrRaise(Result<T> result) {
  if (!result) RaiseError(result.error());
  return std::move(result).value();
}

}  // namespace mend::python
