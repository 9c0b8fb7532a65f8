// SPDX-License-Identifier: Apache-2.0
//
// The evidence behind a brief's ranges and caveats, for one case: the Monte Carlo ledger (the
// 90 % range and P(net gain) of section 1), the switching values of the sensitivity analysis
// (section 4), the perception lens when the case has perceptions (section 5) and the viability
// lens applied to the recommended alternative a* (section 6). Gathered once per case and shared
// by every actor's brief and by the report; deterministic for a given seed and sample count,
// whatever the thread count.
//
// Example:
//   MEND_TRY(CaseEvidence evidence, GatherEvidence(analysis, {.samples = 2000, .seed = 1}));
//   BriefOptions options = WithEvidence(base, analysis, evidence, actor);
//   MEND_TRY(std::string markdown, BriefMarkdown(analysis, actor, options));
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "mend/core/result.hpp"
#include "mend/io/analysis_json.hpp"
#include "mend/lenses/attachment.hpp"
#include "mend/lenses/perception.hpp"
#include "mend/report/brief.hpp"
#include "mend/uncertainty/monte_carlo.hpp"
#include "mend/uncertainty/sensitivity.hpp"

namespace mend {

/// The defaults of `mend brief` and `mend report`: enough samples for stable 90 % ranges in a
/// second or two per case, and a fixed seed so that a brief is reproducible.
inline constexpr std::uint64_t kBriefSamples = 2000;
inline constexpr std::uint64_t kBriefSeed = 1;

struct EvidenceOptions {
  /// Monte Carlo samples; 0 runs no sampling (the brief then gives central figures only).
  std::uint64_t samples = kBriefSamples;
  std::uint64_t seed = kBriefSeed;
  /// Worker threads (0 = one per hardware thread). The evidence does not depend on it.
  unsigned threads = 0;
};

struct CaseEvidence {
  /// Absent when no sampling was asked for.
  std::optional<MonteCarloResult> montecarlo;
  std::vector<SensitivityEntry> sensitivity;
  /// Present when the case has a `perceptions` block.
  std::optional<PerceptionAnalysis> perception;
  /// The viability of the analysis' a*; absent when there is no a*.
  std::optional<ViabilityReport> viability;
};

/// Runs the Monte Carlo (as `mend montecarlo --samples N --seed S`), the sensitivity analysis,
/// the perception lens (when the case has perceptions) and the viability lens on a* (as
/// `mend viability --proposal a* --samples N --seed S`) with the concept of `analysis`.
/// Fails as RunMonteCarlo, AnalyzeSensitivity, AnalyzePerceptions and AnalyzeViability fail.
[[nodiscard]] Result<CaseEvidence> GatherEvidence(const CaseAnalysis& analysis,
                                                  const EvidenceOptions& options);

/// Returns `base` with the uncertainty, perception and viability parts of the brief of `actor`
/// filled from `evidence`. The Monte Carlo ledger is used only when its central default and a*
/// are the brief's (uncertainty aversion can move them); switching values are those of the
/// actor's own ledger total and of "the default is Pareto-dominated".
BriefOptions WithEvidence(BriefOptions base, const CaseAnalysis& analysis,
                          const CaseEvidence& evidence, ActorIndex actor);

}  // namespace mend
