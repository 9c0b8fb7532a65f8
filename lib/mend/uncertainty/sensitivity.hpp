// SPDX-License-Identifier: Apache-2.0
//
// Sensitivity of a case's conclusions to each uncertain parameter (docs/analyses.md,
// "Uncertainty"): a tornado — each headline figure (every actor's ledger total of the central a*
// against the central default) with one parameter at its 5th and at its 95th percentile and the
// others at their medians — and, for every conclusion (the default is, or is not, Pareto-dominated;
// a*; the sign of an actor's ledger), the interval of the parameter around its median on which
// it holds: on each side, the first value, found by scanning the parameter's quantiles outwards
// from the median and bisecting, at which it flips. A side on which it holds to the end of the
// scanned range (quantiles scan_low_quantile .. scan_high_quantile) has no end. The switching
// value is the nearer of the two ends.
//
// Example:
//   MEND_TRY(CaseAnalysis analysis, AnalyzeCase(compiled, {.monte_carlo = true}));
//   MEND_TRY(std::vector<SensitivityEntry> tornado,
//            AnalyzeSensitivity(compiled, *analysis.montecarlo, {}));
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/core/result.hpp"
#include "mend/uncertainty/monte_carlo.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

enum class SensitivityFigure {
  /// An actor's ledger total u_i(a*) − u_i(d), central a* and d; flips when its sign changes.
  kLedgerTotal,
  /// Whether some state Pareto-improves the default (recomputed at the parameter's value).
  kDefaultDominated,
  /// The recommended alternative (recomputed); flips when it is another state or none.
  kAlternative,
};

struct SensitivityEntry {
  std::size_t parameter = 0;
  SensitivityFigure figure = SensitivityFigure::kLedgerTotal;
  /// The actor of a ledger figure.
  std::optional<ActorIndex> actor;
  /// The figure with the parameter at its low and high quantile: the ledger total, or 1/0 for
  /// "dominated".
  double low = 0;
  double high = 0;
  /// The alternative at the low and high quantile (kAlternative only; nullopt = none).
  std::optional<StateId> low_state;
  std::optional<StateId> high_state;
  /// The parameter's median (where the conclusions are taken).
  double median = 0;
  /// The interval around the median on which the conclusion (as at the medians) holds: its
  /// lower end (where it first flips below the median) and upper end, as the parameter's value
  /// and quantile level. nullopt: it holds to that end of the scanned range.
  std::optional<double> holds_from;
  std::optional<double> holds_from_quantile;
  std::optional<double> holds_to;
  std::optional<double> holds_to_quantile;
  /// The nearer of the two ends (the first flip nearest the median). nullopt: no switch within
  /// the range.
  std::optional<double> switching_value;
  std::optional<double> switching_quantile;
};

struct SensitivityOptions {
  /// The tornado's quantiles.
  double low_quantile = 0.05;
  double high_quantile = 0.95;
  /// The range scanned for switching values.
  double scan_low_quantile = 0.005;
  double scan_high_quantile = 0.995;
  /// Quantile steps scanned on each side of the median before bisecting a flip.
  int grid_steps = 12;
  /// Bisection steps (each halves the quantile bracket).
  int bisection_steps = 30;
  StabilityConcept concept_id = StabilityConcept::kSeq;
  SanctionRule sanctions = SanctionRule::kTextbook;
};

/// Returns "ledger.<actor>.total", "default_pareto_dominated" or "alternative".
std::string SensitivityFigureName(const CaseDefinition& definition, const SensitivityEntry& entry);

/// Computes the tornado and switching values for every uncertain parameter, in file order, with
/// the central a*, default and utility spread of `mc`. Ledger figures appear only when the
/// central analysis has an alternative, and only for cardinal actors.
/// Cost: parameters × (2·grid_steps + 5 + flips × bisection_steps) full analyses of the case.
/// Deterministic. Fails with kInvalidArgument when a parameter value makes a distribution or
/// an effect invalid.
[[nodiscard]] Result<std::vector<SensitivityEntry>> AnalyzeSensitivity(
    const CompiledCase& compiled, const MonteCarloResult& mc, const SensitivityOptions& options);

}  // namespace mend
