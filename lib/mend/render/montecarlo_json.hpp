// SPDX-License-Identifier: Apache-2.0
//
// JSON rendering of `mend montecarlo` (docs/cli-contract.md): per state the probabilities of
// being an equilibrium, the default, a Pareto improvement of the default and the recommended
// alternative; per actor the distribution of the central ledger; the tornado and switching
// values. Keys keep a fixed order and numbers print the same way every run, so equal results
// give byte-identical output (the thread and process counts are deliberately not echoed).
//
// Example:
//   MEND_TRY(CaseAnalysis analysis, AnalyzeCase(compiled, {.monte_carlo = true}));
//   std::string json = MonteCarloJson(analysis);
#pragma once

#include <string>
#include <vector>

#include "mend/engine/case_analysis.hpp"
#include "mend/engine/portfolio_analysis.hpp"

namespace mend {

/// `mend montecarlo --format json` for one case analysed with AnalysisOptions::monte_carlo.
/// Precondition: `analysis.montecarlo` holds the run.
std::string MonteCarloJson(const CaseAnalysis& analysis);

/// `mend montecarlo PORTFOLIO --format json`: {"portfolio": {id, title, samples, seed, method,
/// shared_parameters, ledger_comparison, ledger, unconditional_ledger_comparison,
/// unconditional_ledger}, "issues": [one MonteCarloJson object per issue]}.
/// Precondition: `portfolio.ledger` holds the summed run.
std::string PortfolioMonteCarloJson(const PortfolioAnalysis& portfolio);

}  // namespace mend
