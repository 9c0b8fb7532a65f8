// SPDX-License-Identifier: Apache-2.0
//
// The report as a document, assembled the same way for `mend report` and the server: per case
// the central analysis (with its Monte Carlo when samples > 0), the JSON the charts draw, every
// decider's brief in its language and in English, and optionally the headline text per issue
// with, for a portfolio, the linkage section (what `make demo` prints).
//
// Example:
//   ReportRequest request{.title = "U.S.–Russia", .bundle = script, .version = "0.2.0"};
//   MEND_TRY(ReportDocument report, BuildReport(cases, &portfolio, options, request));
#pragma once

#include <string>
#include <vector>

#include "mend/core/result.hpp"
#include "mend/engine/analysis_options.hpp"
#include "mend/engine/run_control.hpp"
#include "mend/model/case.hpp"
#include "mend/report/number_format.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

struct ReportRequest {
  std::string title;
  /// The chart script (report.js) inlined into the page.
  std::string bundle;
  std::string version;
  /// Also write the headline per issue.
  bool headline = false;
  /// The language of the summary, the page's own words and the annex; every decider's brief is
  /// given in its own language and, when that differs, in this one too.
  Language language = Language::kEnglish;
};

struct ReportDocument {
  std::string html;
  /// The headline text (empty unless asked for).
  std::string headline;
};

/// Builds the report of `cases` (one case, or a portfolio's cases in order with `portfolio`).
/// The Monte Carlo runs when `options.samples` > 0. Fails with kInvalidArgument when there is
/// no case, and as AnalyzeCase, GatherEvidence, BriefMarkdown, AnalyzeLinkage and ReportHtml
/// fail; kCancelled on `control.stop`.
[[nodiscard]] Result<ReportDocument> BuildReport(const std::vector<const CompiledCase*>& cases,
                                                 const PortfolioDefinition* portfolio,
                                                 AnalysisOptions options,
                                                 const ReportRequest& request,
                                                 const RunControl& control = {});

}  // namespace mend
