// SPDX-License-Identifier: Apache-2.0
#include "mend/engine/portfolio_analysis.hpp"

namespace mend {

Result<PortfolioAnalysis> AnalyzePortfolio(const PortfolioDefinition& definition,
                                           const std::vector<const CompiledCase*>& cases,
                                           const AnalysisOptions& options,
                                           const RunControl& control) {
  if (cases.empty()) return Error::InvalidArgument("cases: expected at least one case");
  PortfolioAnalysis portfolio;
  portfolio.definition = definition;
  portfolio.cases.reserve(cases.size());
  for (const CompiledCase* one : cases) {
    MEND_TRY(CaseAnalysis analysis, AnalyzeCase(*one, options, control));
    portfolio.cases.push_back(std::move(analysis));
  }
  std::vector<LinkageIssue> issues;
  for (const CaseAnalysis& analysis : portfolio.cases) {
    issues.push_back({analysis.compiled, &analysis.efficiency});
  }
  MEND_TRY(portfolio.linkage, AnalyzeLinkage(definition, issues));
  return portfolio;
}

}  // namespace mend
