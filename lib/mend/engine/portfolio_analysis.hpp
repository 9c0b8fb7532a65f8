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

#include <optional>
#include <string>
#include <vector>

#include "mend/core/result.hpp"
#include "mend/engine/case_analysis.hpp"
#include "mend/lenses/linkage.hpp"
#include "mend/model/case.hpp"

namespace mend {

/// The portfolio's ledger under uncertainty: per actor, the sum over the issues of its gain in
/// each sample (the portfolio's shared parameters take one value per sample in every issue).
struct PortfolioLedger {
  /// Every actor of some issue, in order of first appearance; LedgerDistribution::actor indexes
  /// this list. An actor absent from an issue gains 0 there; one that ranks states without
  /// figures in some issue has no sum (cardinal false).
  std::vector<std::string> actors;
  /// Each issue's central a* against its central default (an issue without one adds 0).
  std::vector<LedgerDistribution> conditional;
  /// Each issue's own alternative against its own default in that sample.
  std::vector<LedgerDistribution> unconditional;
  /// The ids of the portfolio's shared parameters.
  std::vector<std::string> shared_parameters;
};

struct PortfolioAnalysis {
  PortfolioDefinition definition;
  /// One per issue, in the portfolio's order.
  std::vector<CaseAnalysis> cases;
  LinkageAnalysis linkage;
  /// With the Monte Carlo (AnalysisOptions::monte_carlo).
  std::optional<PortfolioLedger> ledger;
};

/// Analyses every case of `definition` (`cases` in the same order; they must outlive the result)
/// and the linkage between them; with the Monte Carlo, the portfolio's ledger summed sample by
/// sample over the issues (each issue's gains are kept for it). Fails with kInvalidArgument when
/// there is no case, and as AnalyzeCase and AnalyzeLinkage fail.
[[nodiscard]] Result<PortfolioAnalysis> AnalyzePortfolio(
    const PortfolioDefinition& definition, const std::vector<const CompiledCase*>& cases,
    AnalysisOptions options, const RunControl& control = {});

}  // namespace mend
