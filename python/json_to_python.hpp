// SPDX-License-Identifier: Apache-2.0
//
// The CLI's JSON as Python values: a renderer's text (lib/mend/render) is parsed once and turned
// into dicts (keys in the CLI's order), lists, str, int, float, bool and None, so a binding's
// result is by construction what `mend COMMAND --format json` prints.
//
// Example:
//   return JsonToPython(AnalysisJson(analysis));
#pragma once

#include <string_view>

#include <pybind11/pybind11.h>

namespace mend::python {

/// Parses `json` (the output of a renderer) into Python values. Precondition: the GIL is held.
pybind11::object JsonToPython(std::string_view json);

}  // namespace mend::python
