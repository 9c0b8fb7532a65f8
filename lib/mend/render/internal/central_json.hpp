// SPDX-License-Identifier: Apache-2.0
//
// The "central" block every JSON output of an analysis carries (docs/cli-contract.md): the
// central default and a*, the sample run they rest on (samples, seed, method), and, for actors
// averse to uncertainty, the spread ρ·sd at both states with its standard error; and the label
// of what a ledger compares.
#pragma once

#include <nlohmann/json.hpp>

#include "mend/engine/case_analysis.hpp"

namespace mend::internal {

/// {"default", "alternative", "samples", "seed", "method", "mover_orders",
/// "uncertainty_aversion"}.
nlohmann::ordered_json CentralJson(const CaseAnalysis& analysis);

/// {"kind": "conditional", "from": d, "to": a, "text": ...}: what the central ledger compares;
/// null when there is no central alternative.
nlohmann::ordered_json LedgerComparisonJson(const CaseAnalysis& analysis);

/// {"kind": "unconditional", "text": ...}: what the unconditional ledger compares.
nlohmann::ordered_json UnconditionalComparisonJson();

}  // namespace mend::internal
