// SPDX-License-Identifier: Apache-2.0
//
// The central analysis of a case, defined once (docs/analyses.md, "The central analysis"):
// utilities at the parameters' central values — except that dimensions marked `expectation`
// count at their means over the seeded sample run — less ρ_i·sd_i(s) for deciders averse to
// uncertainty (sd of the change from the status quo, measured on the same pass);
// stability under every concept; the status-quo analysis and the default; the Pareto frontier,
// a* and the loss ledger; and, when asked, the Monte Carlo and its sensitivity analysis measured
// against that same default and a*. Every front end — `mend analyze`, `montecarlo`, `brief`,
// `report`, the lenses and every server route — takes its answer from here, so for the same
// case, options, samples and seed they report the same central default and alternative.
//
// Example:
//   MEND_TRY(CaseAnalysis analysis, AnalyzeCase(compiled, options, control));
//   if (analysis.central_alternative) { ... analysis.compiled->utilities ... }
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "mend/core/result.hpp"
#include "mend/efficiency/efficiency.hpp"
#include "mend/engine/analysis_options.hpp"
#include "mend/engine/run_control.hpp"
#include "mend/stability/mover_orders.hpp"
#include "mend/stability/stability.hpp"
#include "mend/stability/status_quo_analysis.hpp"
#include "mend/uncertainty/convergence.hpp"
#include "mend/uncertainty/monte_carlo.hpp"
#include "mend/uncertainty/sensitivity.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

/// What the analysis concludes about one default: the one verdict that the ledger, every brief
/// and the report's summary state, so they cannot disagree.
enum class Verdict {
  /// The moves from the status quo cycle and no default is reachable: nothing to count against.
  kNoDefault,
  /// Nothing Pareto-improves the default: the conflict is not unnecessary under the assumptions.
  kNotUnnecessary,
  /// Some states Pareto-improve the default, but a decider's preferences are ordinal: there is
  /// no recommended alternative, no ledger and no figure, only the improving states.
  kImprovesOrdinal,
  /// The recommended alternative a* Pareto-improves the default, with its ledger.
  kAlternative,
};

/// Returns the verdict of `block` (one default of `efficiency`).
Verdict VerdictAgainst(const EfficiencyAgainst& block);

struct CaseAnalysis {
  /// The case as read, utilities at the central parameter values. Must outlive the analysis.
  const CompiledCase* source = nullptr;
  /// The case every figure is reported on: `source` itself when no actor has ρ > 0 and no
  /// dimension is marked `expectation`, otherwise a copy (owned by `adjusted`) whose utilities
  /// count the expectation dimensions at their means and have ρ_i·sd_i(s) subtracted.
  const CompiledCase* compiled = nullptr;
  std::shared_ptr<const CompiledCase> adjusted;
  AnalysisOptions options;
  SanctionRule sanctions = SanctionRule::kTextbook;
  /// Some actor has uncertainty aversion ρ > 0: `spread` was measured on the sample run.
  bool uncertainty_averse = false;
  UtilitySpread spread;
  /// When some dimension is marked `expectation`: `compiled` counts those dimensions at their
  /// means over the same seeded samples (CompiledCase::expected_values), and these are the
  /// standard errors of those means, in the same layout. Empty otherwise.
  std::vector<double> expected_standard_errors;
  StabilityReport report;
  StatusQuoAnalysis status_quo;
  EfficiencyAnalysis efficiency;
  /// The default and a* every output reports: the first default with an alternative (in the
  /// order of `efficiency.against`), else the single default; nullopt when there is none.
  std::optional<StateId> central_default;
  std::optional<StateId> central_alternative;
  /// The default under every order of moves (nullopt when the case fixes its default).
  std::optional<MoverOrderAnalysis> mover_orders;
  /// With AnalysisOptions::monte_carlo: the run measured against the central pair, and the
  /// sensitivity analysis of its figures.
  std::optional<MonteCarloResult> montecarlo;
  std::vector<SensitivityEntry> sensitivity;
  /// The run's figures that have not converged at its sample count (with the Monte Carlo).
  std::vector<ConvergenceWarning> convergence;

  /// The efficiency block of the central pair (with the ledger), or null when there is none.
  const EfficiencyAgainst* CentralBlock() const;
  /// The efficiency block of the central default (with or without an alternative), or null
  /// when there is no default.
  const EfficiencyAgainst* DefaultBlock() const;
  /// The verdict on the central default (kNoDefault when there is none).
  Verdict CentralVerdict() const;
};

/// Runs the central analysis of `source` (which must outlive the result).
/// Fails with kInvalidArgument for invalid options (ValidateAnalysisOptions), for samples < 2
/// when some actor has ρ > 0 (the spread cannot be measured), for samples 0 when a dimension is
/// marked `expectation` (its mean cannot be measured), or when a sample makes an effect
/// non-finite; kCancelled when `control.stop` is requested; otherwise as AnalyzeStability,
/// AnalyzeStatusQuo, AnalyzeEfficiency, RunMonteCarlo and AnalyzeSensitivity fail.
/// Deterministic: the same case, options, samples and seed give the same result for any
/// thread or process count.
/// Cost: stability (see AnalyzeStability) plus, with ρ > 0 or an expectation dimension, one pass
/// of samples × states × effects for the spread and the means, and a copy of the case; with
/// `monte_carlo`, the Monte Carlo run.
[[nodiscard]] Result<CaseAnalysis> AnalyzeCase(const CompiledCase& source,
                                               const AnalysisOptions& options,
                                               const RunControl& control = {});

/// Whether some actor of the case values outcomes with uncertainty aversion ρ > 0.
bool HasUncertaintyAversion(const CaseDefinition& definition);

}  // namespace mend
