// SPDX-License-Identifier: Apache-2.0
#include "mend/engine/portfolio_analysis.hpp"

#include <algorithm>

namespace mend {
namespace {

// Sums each actor's per-sample gains over the issues (kept by each issue's Monte Carlo run).
PortfolioLedger SumLedgers(const PortfolioDefinition& definition,
                           const std::vector<CaseAnalysis>& cases, std::uint64_t samples) {
  PortfolioLedger ledger;
  for (const Parameter& parameter : definition.parameters)
    ledger.shared_parameters.push_back(parameter.id);
  std::vector<bool> cardinal;
  for (const CaseAnalysis& issue : cases) {
    const CaseDefinition& one = issue.source->definition;
    for (std::size_t a = 0; a < one.actors.size(); ++a) {
      auto found = std::find(ledger.actors.begin(), ledger.actors.end(), one.actors[a].id);
      if (found == ledger.actors.end()) {
        ledger.actors.push_back(one.actors[a].id);
        cardinal.push_back(true);
        found = std::prev(ledger.actors.end());
      }
      const auto at = static_cast<std::size_t>(found - ledger.actors.begin());
      cardinal[at] = cardinal[at] && issue.montecarlo->central_utilities.cardinal[a];
    }
  }
  const std::size_t actors = ledger.actors.size();
  std::vector<double> conditional(samples * actors, 0.0);
  std::vector<double> unconditional(samples * actors, 0.0);
  for (const CaseAnalysis& issue : cases) {
    const MonteCarloResult& mc = *issue.montecarlo;
    const CaseDefinition& one = issue.source->definition;
    const std::size_t width = one.actors.size();
    for (std::size_t a = 0; a < width; ++a) {
      const auto at = static_cast<std::size_t>(
          std::find(ledger.actors.begin(), ledger.actors.end(), one.actors[a].id) -
          ledger.actors.begin());
      for (std::uint64_t k = 0; k < samples; ++k) {
        if (!mc.sample_gains.empty())
          conditional[k * actors + at] += mc.sample_gains[k * width + a];
        unconditional[k * actors + at] += mc.sample_unconditional_gains[k * width + a];
      }
    }
  }
  std::vector<double> column(samples);
  for (std::size_t a = 0; a < actors; ++a) {
    const ActorIndex actor{static_cast<std::uint32_t>(a)};
    for (std::uint64_t k = 0; k < samples; ++k) column[k] = conditional[k * actors + a];
    ledger.conditional.push_back(SummarizeGains(column, actor, cardinal[a], 0.0, false));
    for (std::uint64_t k = 0; k < samples; ++k) column[k] = unconditional[k * actors + a];
    ledger.unconditional.push_back(SummarizeGains(column, actor, cardinal[a], 0.0, false));
  }
  return ledger;
}

}  // namespace

Result<PortfolioAnalysis> AnalyzePortfolio(const PortfolioDefinition& definition,
                                           const std::vector<const CompiledCase*>& cases,
                                           AnalysisOptions options, const RunControl& control) {
  if (cases.empty()) return Error::InvalidArgument("cases: expected at least one case");
  PortfolioAnalysis portfolio;
  portfolio.definition = definition;
  portfolio.cases.reserve(cases.size());
  options.keep_sample_gains = options.keep_sample_gains || options.monte_carlo;
  for (const CompiledCase* one : cases) {
    MEND_TRY(CaseAnalysis analysis, AnalyzeCase(*one, options, control));
    portfolio.cases.push_back(std::move(analysis));
  }
  std::vector<LinkageIssue> issues;
  for (const CaseAnalysis& analysis : portfolio.cases) {
    issues.push_back({analysis.compiled, &analysis.efficiency});
  }
  MEND_TRY(portfolio.linkage, AnalyzeLinkage(definition, issues));
  if (options.monte_carlo)
    portfolio.ledger = SumLedgers(definition, portfolio.cases, options.samples);
  return portfolio;
}

}  // namespace mend
