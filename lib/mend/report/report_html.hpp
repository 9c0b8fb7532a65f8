// SPDX-License-Identifier: Apache-2.0
//
// The self-contained HTML report: one file that opens without network access, in the order a
// reader needs it — the executive summary (the answer in words, the linkage verdict and the
// figure of ledgers with ranges; ReportSummary), then every brief, open, as HTML rendered by
// cmark-gfm, then the annex. The annex is drawn by the chart bundle (web/src/report, built by
// Vite with Observable Plot and Cytoscape into one script) from the analysis carried as JSON:
// the state tableau, the evolution graph, the ledger bars and, when Monte Carlo results are
// present, the histograms and the tornado. A small layout script then splits wide tableaux so
// nothing is clipped, and a print stylesheet puts each issue on its own pages.
//
// Example:
//   ReportCase one{.id = "arms", .title = "…", .states_json = StatesJson(compiled),
//                  .analysis_json = AnalysisJson(analysis)};
//   MEND_TRY(std::string html, ReportHtml("…", {one}, SummaryHtml(summary), bundle, "0.1.0"));
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mend/core/result.hpp"
#include "mend/report/number_format.hpp"

namespace mend {

struct ReportBrief {
  std::string actor;     // actor id
  std::string name;      // the actor's name in the brief's language
  std::string language;  // "en" or "ru"
  std::string html;      // MarkdownToHtml of the brief (case strings already escaped)
};

struct ReportCase {
  std::string id;
  std::string title;
  std::string states_json;    // `mend states --format json`
  std::string analysis_json;  // `mend analyze --format json`
  /// `mend montecarlo --format json`; empty when no sampling was run.
  std::string montecarlo_json;
  /// {"option_id": "name", ...} and {"actor_id": "name", ...} as JSON objects.
  std::string option_names_json = "{}";
  std::string option_owners_json = "{}";  // {"option_id": "actor_id", ...}
  std::string actor_names_json = "{}";
  /// The ledger's note in the report's language; empty: the analysis JSON's own (English).
  std::string ledger_note;
  std::vector<ReportBrief> briefs;
};

/// Returns `text` as a JSON string literal, quotes included.
std::string JsonString(std::string_view text);

/// Assembles the report page: `summary` (an HTML fragment, SummaryHtml) first, then the briefs
/// of `cases`, then the annex that `bundle` (the chart script, report.js) draws; the page's own
/// words (headings, notes) and the annex's in `language`. Fails with
/// kInternal when the page template does not render.
[[nodiscard]] Result<std::string> ReportHtml(const std::string& title,
                                             const std::vector<ReportCase>& cases,
                                             const std::string& summary, std::string_view bundle,
                                             const std::string& version,
                                             Language language = Language::kEnglish);

}  // namespace mend
