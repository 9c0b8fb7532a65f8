// SPDX-License-Identifier: Apache-2.0
//
// `mend analyze --format text|markdown`: the default in words, the equilibria, the positive-sum
// alternative and the loss ledger of each case, then, for a portfolio, the linkage section.
//
// Example:
//   std::string text = AnalysisText({analysis}, nullptr, nullptr, /*markdown=*/false);
#pragma once

#include <string>
#include <vector>

#include "mend/engine/case_analysis.hpp"
#include "mend/lenses/linkage.hpp"
#include "mend/model/case.hpp"

namespace mend {

/// Renders the analyses (one case, or a portfolio's cases with `portfolio` and `linkage` set).
std::string AnalysisText(const std::vector<CaseAnalysis>& analyses,
                         const PortfolioDefinition* portfolio, const LinkageAnalysis* linkage,
                         bool markdown);

}  // namespace mend
