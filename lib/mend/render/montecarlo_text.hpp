// SPDX-License-Identifier: Apache-2.0
//
// `mend montecarlo --format text|markdown`: how likely each state is, the ledger under
// uncertainty with the comparison it describes, and the tornado with switching values.
//
// Example:
//   std::string text = MonteCarloText(analysis, /*markdown=*/false);
#pragma once

#include <string>

#include "mend/engine/case_analysis.hpp"
#include "mend/engine/portfolio_analysis.hpp"

namespace mend {

/// Precondition: `analysis.montecarlo` holds the run (AnalysisOptions::monte_carlo).
std::string MonteCarloText(const CaseAnalysis& analysis, bool markdown);

/// Every issue's run, then the portfolio's ledger summed sample by sample over the issues.
/// Precondition: `portfolio.ledger` holds the summed run.
std::string PortfolioMonteCarloText(const PortfolioAnalysis& portfolio, bool markdown);

}  // namespace mend
