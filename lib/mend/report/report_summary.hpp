// SPDX-License-Identifier: Apache-2.0
//
// The report's executive summary: per issue, the answer in words before any tableau — what each
// side does in the default and in the better outcome, who gains what from the default to the
// alternative (central figure in units, 90 % range, probability of a net gain) and how likely
// that comparison is; for a portfolio, the linkage verdict. Every figure is read from the
// engine's central analysis (AnalyzeCase, AnalyzePortfolio); nothing is recomputed here. The
// summary is written in English or Russian (case strings by their `_ru` translations, numbers
// and units as a Russian reader writes them) and is short enough to print on one A4 page for a
// four-issue portfolio: sentences, not tables.
//
// Example:
//   ReportSummary summary{.title = "U.S.–Russia", .linkage = portfolio.linkage};
//   for (const CaseAnalysis& issue : portfolio.cases) {
//     summary.issues.push_back(SummarizeIssue(issue));
//   }
//   std::string html = SummaryHtml(summary);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mend/engine/case_analysis.hpp"
#include "mend/lenses/linkage.hpp"
#include "mend/report/number_format.hpp"

namespace mend {

/// One actor's gain from the default to the alternative.
struct SummaryGain {
  std::string actor;  // id
  std::string name;
  bool decider = true;
  /// False when the actor ranks the states without figures.
  bool cardinal = true;
  /// u(a*) − u(d) at the central values, in `unit` ("" means utility units), the unit in the
  /// summary's language; `currency` is the English unit without " equivalent" (figures with
  /// the same currency share a panel of the figure).
  double total = 0;
  std::string unit;
  std::string currency;
  /// The Monte Carlo's 5th and 95th percentiles of the same comparison and the share of samples
  /// in which a* leaves the actor no worse off; absent without sampling or when the sampled
  /// pair is not the central one.
  std::optional<double> p5;
  std::optional<double> p95;
  std::optional<double> p_gain;
  /// The unconditional ledger's mean: the gain when each sample moves from its own default to
  /// its own alternative (0 in a sample without one); absent without sampling.
  std::optional<double> expected;
};

/// How likely the comparison of the summary is, over the Monte Carlo samples: the one place the
/// Monte Carlo's likelihoods enter the summary (filled by `Likelihood` in report_summary.cpp,
/// shown by its `LikelihoodSentence`); each field is shown when present.
struct SummaryLikelihood {
  std::uint64_t samples = 0;
  std::uint64_t seed = 0;
  /// Share of samples whose default is the central default.
  std::optional<double> p_default;
  /// Share of samples whose recommended alternative is the central a*.
  std::optional<double> p_alternative;
  /// Share of samples in which nothing Pareto-improves the sample's own default.
  std::optional<double> p_no_alternative;
  /// Share of samples whose moves from the status quo cycle.
  std::optional<double> p_cycle;
  /// When the samples' most frequent default (MostFrequentDefault) is not the central default:
  /// what each side does there, in words, and its share of the samples.
  std::optional<double> p_most_frequent_default;
  std::string most_frequent_default_words;
};

struct IssueSummary {
  Language language = Language::kEnglish;
  std::string id;
  std::string title;
  Verdict verdict = Verdict::kNoDefault;
  /// What each side does in the default and in a* ("" when absent), and who changes what.
  std::string default_words;
  std::string alternative_words;
  std::string change_words;
  bool self_enforcing = false;
  std::string concept_name;  // "SEQ"
  /// With kImprovesOrdinal: who changes what in each improving state.
  std::vector<std::string> improvements;
  /// Deciders first, then the affected, in file order (empty unless kAlternative).
  std::vector<SummaryGain> gains;
  std::optional<SummaryLikelihood> likelihood;
};

struct ReportSummary {
  std::string title;
  Language language = Language::kEnglish;
  std::vector<IssueSummary> issues;
  /// Set for a portfolio: the no-linkage analysis of its issues.
  std::optional<LinkageAnalysis> linkage;
};

/// Reads the summary of one issue from its central analysis (the same default, a*, ledger and
/// Monte Carlo run as the briefs and `mend analyze`), its words in `language`.
IssueSummary SummarizeIssue(const CaseAnalysis& analysis, Language language = Language::kEnglish);

/// Writes the summary as an HTML fragment: the portfolio line, each issue's headline in words,
/// the linkage verdict and the figure of ledgers with ranges (LedgerFigureSvg), in
/// `summary.language`. Every case string is escaped.
std::string SummaryHtml(const ReportSummary& summary);

/// Draws every cardinal gain of `issues` as an inline SVG: one panel per issue and unit, a bar
/// for the 90 % range and a dot for the central figure, with a zero line; labels in `language`.
/// "" when there is nothing to draw.
std::string LedgerFigureSvg(const std::vector<IssueSummary>& issues,
                            Language language = Language::kEnglish);

}  // namespace mend
