// SPDX-License-Identifier: Apache-2.0
//
// The options of the central analysis (docs/analyses.md, "The central analysis"): the concept
// a* prefers, the sanction rule, and the seeded sample run that measures the spread ρ·sd of
// deciders averse to uncertainty (and, when asked, runs the Monte Carlo). One set of defaults
// for every command and front end: 2,000 samples, seed 1.
//
// Example:
//   MEND_TRY(CommandOptions given, ParseCommandOptions(*FindCommand("analyze"), inputs));
//   MEND_TRY(AnalysisOptions options, ToAnalysisOptions(given));
#pragma once

#include <cstdint>

#include "mend/core/result.hpp"
#include "mend/engine/command_table.hpp"
#include "mend/lenses/dynamics.hpp"
#include "mend/stability/stability.hpp"
#include "mend/uncertainty/parameter_sampler.hpp"

namespace mend {

/// The defaults of every command that samples: enough for stable 90 % ranges in a second or two
/// per case, and a fixed seed so that every output is reproducible.
inline constexpr std::uint64_t kDefaultSamples = 2000;
inline constexpr std::uint64_t kDefaultSeed = 1;

struct AnalysisOptions {
  /// a* prefers equilibria under this concept.
  StabilityConcept concept_id = StabilityConcept::kSeq;
  /// The concepts whose stability is reported (every one by default; a* needs `concept_id`).
  std::vector<StabilityConcept> concepts = {kAllStabilityConcepts.begin(),
                                            kAllStabilityConcepts.end()};
  SanctionRule sanctions = SanctionRule::kTextbook;
  /// The seeded sample run: the spread ρ·sd and, with `monte_carlo`, the Monte Carlo.
  std::uint64_t samples = kDefaultSamples;
  std::uint64_t seed = kDefaultSeed;
  SamplingMethod method = SamplingMethod::kMonteCarlo;
  /// Worker threads (0: one per hardware thread). No result depends on it.
  unsigned threads = 0;
  /// Also run the Monte Carlo and its sensitivity analysis on the samples.
  bool monte_carlo = false;
  /// Keep every sample's gains in the Monte Carlo result (a portfolio sums them across issues).
  bool keep_sample_gains = false;
};

/// Checks `options` beyond what the command table checks: `concepts` includes `concept_id`,
/// samples >= 1 with `monte_carlo`. Fails with kInvalidArgument naming the option.
[[nodiscard]] Status ValidateAnalysisOptions(const AnalysisOptions& options);

/// The analysis options of a validated command (concept, concepts, sanctions, samples, seed,
/// method, threads, whichever the command has; the rest keep their defaults).
[[nodiscard]] Result<AnalysisOptions> ToAnalysisOptions(const CommandOptions& options);

/// The dynamics options of a validated `dynamics` command, checked by ValidateDynamicsOptions.
[[nodiscard]] Result<DynamicsOptions> ToDynamicsOptions(const CommandOptions& options);

}  // namespace mend
