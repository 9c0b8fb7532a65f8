// SPDX-License-Identifier: Apache-2.0
//
// mend.states, mend.stability, mend.analyze and mend.montecarlo: the engine's analyses (the
// central analysis, RunStability) rendered by the CLI's JSON writers and returned as dicts, with
// the GIL released while they run and Ctrl-C honoured.
//
// Example (Python):
//   result = mend.analyze("cases/us-russia/incidents.yaml", samples=500, seed=3)
//   result["alternative"]["pattern"]
#pragma once

#include <pybind11/pybind11.h>

namespace mend::python {

/// Adds states, stability, analyze and montecarlo to `module`.
void AddAnalysisBindings(pybind11::module_& module);

}  // namespace mend::python
