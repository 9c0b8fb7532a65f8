// SPDX-License-Identifier: Apache-2.0
//
// Whether a Monte Carlo figure has settled at the chosen sample count (docs/analyses.md,
// "Convergence"). A figure has not converged when its 95 % Monte Carlo interval (±1.96 standard
// errors) is wider than a tolerance — 2.5 percentage points for a probability, 10 % of the
// figure's scale for a mean or a spread — or when the two halves of the samples disagree by more
// than six standard errors of the whole (about three of their difference: the mark of a heavy
// tail, which makes the standard error itself unreliable). Each warning names the figure, its
// value and standard error, why, and about how many samples would meet the tolerance.
//
// Example:
//   for (const ConvergenceWarning& w : CheckConvergence(compiled, mc, spread, pair))
//     std::cerr << w.figure << ": " << w.reason << "\n";
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/uncertainty/monte_carlo.hpp"
#include "mend/uncertainty/sample_utilities.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

struct ConvergenceWarning {
  /// The figure as a JSON path: "p_central_default", "ledger.us.mean",
  /// "unconditional_ledger.ru.mean", "spread.us.NNY" (sd_i at a state).
  std::string figure;
  double value = 0;
  double standard_error = 0;
  double first_half = 0;
  double second_half = 0;
  /// Why, in words.
  std::string reason;
  /// About how many samples would bring the 95 % interval within the tolerance (at least the
  /// present count; twice it when only the halves disagree).
  std::uint64_t suggested_samples = 0;
};

/// The tolerances (docs/analyses.md, "Convergence").
inline constexpr double kProbabilityTolerance = 0.025;
inline constexpr double kRelativeTolerance = 0.10;
inline constexpr double kSplitHalfStandardErrors = 6.0;

/// Checks the run's likelihoods, both ledgers' means and, when `spread` was measured, the spread
/// sd_i at each of `states` for the actors with ρ > 0. Returns the figures that have not
/// converged, in that order (empty when all have). Cost: O(actors × (1 + states.size())).
std::vector<ConvergenceWarning> CheckConvergence(const CompiledCase& compiled,
                                                 const MonteCarloResult& mc,
                                                 const UtilitySpread* spread,
                                                 const std::vector<StateId>& states);

}  // namespace mend
