// SPDX-License-Identifier: Apache-2.0
//
// Keyword options of the analysis bindings, validated by the engine's command table exactly as
// the CLI's flags and the server's JSON are: the same names (`crisis_length`), defaults and
// rules. An int or float is a number, a str is read as the CLI would read it ("2000", "nash,gmr"),
// a list or tuple is a list; anything else is refused with the option's name.
//
// Example:
//   const AnalysisOptions options = AnalysisOptionsOf("analyze", kwargs);   // raises MendError
#pragma once

#include <string_view>

#include <pybind11/pybind11.h>

#include "mend/engine/analysis_options.hpp"
#include "mend/engine/command_table.hpp"

namespace mend::python {

/// Validates `kwargs` against the table's command `command` and fills in the defaults. Raises
/// MendError (code invalid-argument, key the option's name) for an unknown option or a bad value.
CommandOptions CommandOptionsOf(std::string_view command, const pybind11::kwargs& kwargs);

/// CommandOptionsOf, then ToAnalysisOptions.
AnalysisOptions AnalysisOptionsOf(std::string_view command, const pybind11::kwargs& kwargs);

}  // namespace mend::python
