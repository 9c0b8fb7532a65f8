// SPDX-License-Identifier: Apache-2.0
//
// A portfolio's analysis: each issue's central analysis on its own (AnalyzeCase, the same
// options for every issue), then the no-linkage analysis over them (docs/analyses.md,
// "Efficiency and the loss ledger": linked deals, the linkage premium, who refuses linkage).
//
// Example:
//   MEND_TRY(PortfolioAnalysis portfolio, AnalyzePortfolio(definition, cases, options, control));
//   for (const CaseAnalysis& issue : portfolio.cases) { ... }
#pragma once

#include <vector>

#include "mend/core/result.hpp"
#include "mend/engine/case_analysis.hpp"
#include "mend/lenses/linkage.hpp"
#include "mend/model/case.hpp"

namespace mend {

struct PortfolioAnalysis {
  PortfolioDefinition definition;
  /// One per issue, in the portfolio's order.
  std::vector<CaseAnalysis> cases;
  LinkageAnalysis linkage;
};

/// Analyses every case of `definition` (`cases` in the same order; they must outlive the result)
/// and the linkage between them. Fails with kInvalidArgument when there is no case, and as
/// AnalyzeCase and AnalyzeLinkage fail.
[[nodiscard]] Result<PortfolioAnalysis> AnalyzePortfolio(
    const PortfolioDefinition& definition, const std::vector<const CompiledCase*>& cases,
    const AnalysisOptions& options, const RunControl& control = {});

}  // namespace mend
