// SPDX-License-Identifier: Apache-2.0
//
// mend.load, mend.validate and mend.utilities, and the classes mend.Case and mend.Portfolio
// that load returns: a case read once and handed to every analysis, with its actors, options,
// state patterns and per-state utilities as a numpy array (actors × states, at the parameters'
// central values: the figures of `mend states`).
//
// Example (Python):
//   case = mend.load("cases/classic/chicken.yaml")
//   case.utilities[case.actors.index("row")]     # that actor's utility in every state
#pragma once

#include <optional>

#include "source.hpp"
#include <pybind11/pybind11.h>

namespace mend::python {

/// Adds load, validate, utilities, Case and Portfolio to `module`.
void AddCaseBindings(pybind11::module_& module);

/// The loaded document behind a mend.Case or mend.Portfolio; nullopt for any other object.
std::optional<Loaded> LoadedOf(pybind11::handle source);

}  // namespace mend::python
