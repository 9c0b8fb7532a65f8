// SPDX-License-Identifier: Apache-2.0
//
// `mend stability --format json`: the keys of the CLI contract (docs/cli-contract.md) — case,
// stability.<concept>.<actor>, equilibria, status_quo, default {pattern, path, cycle},
// reachable_equilibria — plus default.explicit and sanctions. States are listed by pattern in
// ascending state number; output is byte-identical for equal results.
//
// Example:
//   std::string json = StabilityJson(compiled, report, status_quo, SanctionRule::kTextbook);
//   Status written = WriteStabilityJson(file, compiled, report, status_quo,
//                                       SanctionRule::kTextbook, stop.get_token());
#pragma once

#include <ostream>
#include <stop_token>
#include <string>

#include "mend/stability/stability.hpp"
#include "mend/stability/status_quo_analysis.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

/// Renders the stability report and status-quo analysis of `compiled` as JSON (1-space indent,
/// trailing newline). Preconditions: both were computed for `compiled`.
std::string StabilityJson(const CompiledCase& compiled, const StabilityReport& report,
                          const StatusQuoAnalysis& status_quo, SanctionRule sanctions);

/// Writes the same bytes as StabilityJson to `out` as they are produced, so memory stays that of
/// one concept's stable-state list instead of the whole document (docs/performance.md, "Output
/// at scale"). Fails with kCancelled if `stop` is requested (checked every 16,384 states; `out`
/// then holds a truncated document) and with kIo if the stream fails.
[[nodiscard]] Status WriteStabilityJson(std::ostream& out, const CompiledCase& compiled,
                                        const StabilityReport& report,
                                        const StatusQuoAnalysis& status_quo, SanctionRule sanctions,
                                        std::stop_token stop = {});

}  // namespace mend
