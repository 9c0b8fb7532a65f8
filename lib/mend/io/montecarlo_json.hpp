// SPDX-License-Identifier: Apache-2.0
//
// JSON rendering of `mend montecarlo` (docs/cli-contract.md): per state the probabilities of
// being an equilibrium, the default, a Pareto improvement of the default and the recommended
// alternative; per actor the distribution of the central ledger; the tornado and switching
// values. Keys keep a fixed order and numbers print the same way every run, so equal results
// give byte-identical output (the thread and process counts are deliberately not echoed).
//
// Example:
//   std::string json = MonteCarloJson(compiled, mc, sensitivity);
#pragma once

#include <string>
#include <vector>

#include "mend/uncertainty/monte_carlo.hpp"
#include "mend/uncertainty/sensitivity.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

/// `mend montecarlo --format json` for one case.
std::string MonteCarloJson(const CompiledCase& compiled, const MonteCarloResult& mc,
                           const std::vector<SensitivityEntry>& sensitivity);

}  // namespace mend
