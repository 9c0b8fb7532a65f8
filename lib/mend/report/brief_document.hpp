// SPDX-License-Identifier: Apache-2.0
//
// One actor's brief as a document, assembled the same way for `mend brief` and the server: the
// central analysis of each case that involves the actor (with the Monte Carlo behind its ranges
// when samples > 0), the evidence of the lenses, the Markdown brief per case, and, for HTML, the
// page around it.
//
// Example:
//   BriefRequest request{.actor = "ru", .html = true, .version = "0.2.0"};
//   MEND_TRY(std::string page, WriteBrief(cases, nullptr, options, request));
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mend/core/result.hpp"
#include "mend/engine/analysis_options.hpp"
#include "mend/engine/run_control.hpp"
#include "mend/model/case.hpp"
#include "mend/report/brief.hpp"

namespace mend {

struct BriefRequest {
  /// The actor's id.
  std::string actor;
  /// The language; absent: the actor's own language when it is Russian, else English.
  std::optional<Language> language;
  /// An HTML page instead of Markdown.
  bool html = false;
  /// The mend version printed in the brief's footer.
  std::string version;
};

/// Writes the brief of `request.actor` for every case of `cases` that involves it (one case, or
/// a portfolio's cases in order; `portfolio` names the portfolio, or null). The Monte Carlo
/// runs when `options.samples` > 0. Fails with kInvalidArgument when the first case has no
/// such actor, and as AnalyzeCase, GatherEvidence and BriefMarkdown fail.
[[nodiscard]] Result<std::string> WriteBrief(const std::vector<const CompiledCase*>& cases,
                                             const PortfolioDefinition* portfolio,
                                             AnalysisOptions options, const BriefRequest& request,
                                             const RunControl& control = {});

}  // namespace mend
