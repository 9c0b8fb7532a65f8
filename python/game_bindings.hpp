// SPDX-License-Identifier: Apache-2.0
//
// mend.game: the equilibria of a normal-form game — a Gambit .nfg file or text, or the one-shot
// normal form of a case — as the dict of `mend game --format json` (exact "p/q" strings).
//
// Example (Python):
//   mend.game("tests/nfg/good/pennies.nfg")["mixed"]
#pragma once

#include <pybind11/pybind11.h>

namespace mend::python {

/// Adds game to `module`.
void AddGameBindings(pybind11::module_& module);

}  // namespace mend::python
