// SPDX-License-Identifier: Apache-2.0
//
// The evidence behind a brief's ranges and caveats, for one case: the Monte Carlo ledger (the
// 90 % range and P(net gain) of section 1) and the switching values of the sensitivity analysis
// (section 4), both from the engine's run against the central default and a* (AnalyzeCase with
// `monte_carlo`), the perception lens when the case has perceptions (section 5) and the
// viability lens applied to a* (section 6). Gathered once per case and shared by every actor's
// brief and by the report; deterministic for a given seed and sample count, whatever the thread
// count.
//
// Example:
//   MEND_TRY(CaseAnalysis analysis, AnalyzeCase(compiled, {.monte_carlo = true}));
//   MEND_TRY(CaseEvidence evidence, GatherEvidence(analysis));
//   BriefOptions options = WithEvidence(base, analysis, evidence, actor);
//   MEND_TRY(std::string markdown, BriefMarkdown(analysis, actor, options));
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "mend/core/result.hpp"
#include "mend/engine/case_analysis.hpp"
#include "mend/engine/lens_runs.hpp"
#include "mend/report/brief.hpp"

namespace mend {

struct CaseEvidence {
  /// Absent when no sampling was asked for.
  std::optional<MonteCarloResult> montecarlo;
  std::vector<SensitivityEntry> sensitivity;
  /// Present when the case has a `perceptions` block.
  std::optional<PerceptionAnalysis> perception;
  /// The viability of the analysis' a*; absent when there is no a*.
  std::optional<ViabilityReport> viability;
};

/// Takes the Monte Carlo run and sensitivity analysis of `analysis` (when it has them), and runs
/// the perception lens (when the case has perceptions) and the viability lens on a* (as
/// `mend viability --proposal a*` with the analysis' samples and seed).
/// Fails as RunPerceptions and RunViability fail.
[[nodiscard]] Result<CaseEvidence> GatherEvidence(const CaseAnalysis& analysis);

/// Returns `base` with the uncertainty, perception and viability parts of the brief of `actor`
/// filled from `evidence`. The Monte Carlo ledger is used only when its central default and a*
/// are the brief's (uncertainty aversion can move them); switching values are those of the
/// actor's own ledger total and of "the default is Pareto-dominated".
BriefOptions WithEvidence(BriefOptions base, const CaseAnalysis& analysis,
                          const CaseEvidence& evidence, ActorIndex actor);

}  // namespace mend
