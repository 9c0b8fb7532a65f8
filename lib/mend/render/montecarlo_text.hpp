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
/// `top` limits the sensitivity rows (0: all).
std::string MonteCarloText(const CaseAnalysis& analysis, bool markdown, std::size_t top = 0);

/// Every issue's run, then the portfolio's ledger summed sample by sample over the issues.
/// Precondition: `portfolio.ledger` holds the summed run.
std::string PortfolioMonteCarloText(const PortfolioAnalysis& portfolio, bool markdown,
                                    std::size_t top = 0);

}  // namespace mend
