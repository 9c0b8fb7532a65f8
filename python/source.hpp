// SPDX-License-Identifier: Apache-2.0
//
// What every binding takes as its first argument, and the one rule that reads it
// (docs/python.md): a mend.Case or mend.Portfolio from mend.load() is used as it is; a
// pathlib.Path (any os.PathLike) is a file; a str with a line break is the text of a case (YAML,
// or a gmcr-py save file), named "<string>" in error messages; any other str is a file path.
//
// Example:
//   const Loaded loaded = LoadSource(argument);             // raises MendError
//   const CompiledCase& one = loaded.Case("stability");     // raises for a portfolio
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <pybind11/pybind11.h>

#include "mend/io/case_reader.hpp"

namespace mend::python {

/// The name text sources have in error messages.
inline constexpr std::string_view kTextSourceName = "<string>";

/// A loaded case or portfolio, shared by the Python objects that point into it.
struct Loaded {
  std::shared_ptr<const Document> document;
  /// The case, when the document is a case or when this names one case of a portfolio.
  const CompiledCase* one = nullptr;

  bool is_portfolio() const { return one == nullptr; }
  const CompiledPortfolio& portfolio() const { return std::get<CompiledPortfolio>(*document); }
  /// The case; raises MendError "COMMAND takes a case, not a portfolio" for a portfolio.
  const CompiledCase& Case(std::string_view command) const;
};

/// The source's text, when it is text by the rule above.
bool IsText(pybind11::handle source);

/// The path of a path source (str or os.PathLike). Precondition: !IsText(source).
std::string PathOf(pybind11::handle source);

/// Reads `source` by the rule above, with the GIL released (Ctrl-C is honoured once reading
/// returns). Raises MendError with the reader's located error, TypeError for other objects.
Loaded LoadSource(pybind11::handle source);

}  // namespace mend::python
