// SPDX-License-Identifier: Apache-2.0
//
// `mend analyze --format json`: everything `mend stability` gives, then the efficiency analysis
// under the keys of the CLI contract (docs/cli-contract.md) — alternative, pareto_frontier,
// ledger, unnecessary_loss, status_neutral_ledger — plus concept, cardinal, pareto_improvements,
// pareto_frontier_all_actors, kalai_smorodinsky, largest_total_gain and a plain-words note.
// When the default cycles (and the case sets no default), the top-level alternative is null
// and `against_reachable_equilibria` holds the same keys per reachable equilibrium.
//
// Example:
//   std::string json = AnalysisJson(compiled, report, sq, efficiency, SanctionRule::kTextbook);
#pragma once

#include <string>
#include <vector>

#include "mend/engine/case_analysis.hpp"

namespace mend {

/// Renders one case's analysis as JSON (1-space indent, trailing newline).
std::string AnalysisJson(const CaseAnalysis& analysis);

/// Renders a portfolio: {"portfolio": id, "cases": [...], "linkage": ...}; `linkage_json` is
/// the rendered linkage block (LinkageJson in lenses_json.hpp), null when empty.
std::string PortfolioAnalysisJson(const std::string& portfolio_id,
                                  const std::vector<CaseAnalysis>& cases,
                                  const std::string& linkage_json = {});

/// The plain-words verdict of one block, shared by every output format: whether something
/// Pareto-improves the default, and what a* is.
std::string EfficiencyVerdict(const CompiledCase& compiled, const EfficiencyAnalysis& efficiency,
                              const EfficiencyAgainst& block);

}  // namespace mend
