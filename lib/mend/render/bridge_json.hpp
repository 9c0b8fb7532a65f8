// SPDX-License-Identifier: Apache-2.0
//
// `mend bridge --format json`: what it would take to reach a blocked state (docs/lenses.md,
// "What it would take"), under the keys of the CLI contract.
//
// Example:
//   MEND_TRY(BridgeReport report, RunBridge(analysis, std::nullopt, 3));
//   std::string json = BridgeJson(*analysis.compiled, report);
#pragma once

#include <string>

#include "mend/lenses/bridge.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

/// `mend bridge --format json` (1-space indent, trailing newline; keys in a fixed order).
std::string BridgeJson(const CompiledCase& compiled, const BridgeReport& report);

}  // namespace mend
