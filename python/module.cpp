// SPDX-License-Identifier: Apache-2.0
//
// The Python module `mend` (docs/python.md): the engine behind the CLI, called from Python. Every
// analysis binding returns the dict of the CLI's JSON for the same case and options, because it
// runs the same engine call and the same JSON writer.
#include "analysis_bindings.hpp"
#include "case_bindings.hpp"
#include "errors.hpp"
#include "game_bindings.hpp"
#include <pybind11/pybind11.h>

PYBIND11_MODULE(mend, module) {
  module.doc() =
      "mend: stability analysis of conflicts, the positive-sum alternative and the loss ledger.\n"
      "Each analysis takes a path, the text of a case or a mend.Case from mend.load(), and\n"
      "returns the dict of `mend COMMAND --format json`; errors raise mend.MendError.";
  module.attr("__version__") = MEND_VERSION;
  mend::python::AddErrors(module);
  mend::python::AddCaseBindings(module);
  mend::python::AddAnalysisBindings(module);
  mend::python::AddGameBindings(module);
}
