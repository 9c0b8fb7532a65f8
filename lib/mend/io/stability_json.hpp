// SPDX-License-Identifier: Apache-2.0
//
// `mend stability --format json`: the keys of the CLI contract (docs/cli-contract.md) — case,
// stability.<concept>.<actor>, equilibria, status_quo, default {pattern, path, cycle},
// reachable_equilibria — plus default.explicit and sanctions. States are listed by pattern in
// ascending state number; output is byte-identical for equal results.
//
// Example:
//   std::string json = StabilityJson(compiled, report, status_quo, SanctionRule::kTextbook);
#pragma once

#include <string>

#include "mend/stability/stability.hpp"
#include "mend/stability/status_quo_analysis.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

/// Renders the stability report and status-quo analysis of `compiled` as JSON (1-space indent,
/// trailing newline). Preconditions: both were computed for `compiled`.
std::string StabilityJson(const CompiledCase& compiled, const StabilityReport& report,
                          const StatusQuoAnalysis& status_quo, SanctionRule sanctions);

}  // namespace mend
