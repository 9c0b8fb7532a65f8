// SPDX-License-Identifier: Apache-2.0
//
// Per-sample utilities for Monte Carlo: every actor's utility in every state for one parameter
// sample, computed into buffers that are reused from sample to sample (one evaluator per
// thread), and the spread of each actor's linear utility over the samples, which uncertainty
// aversion subtracts (analyses.md: u_i(s) = Σ_d w φ(v_d(s) − v_d(s0)) − ρ_i · sd_i(s)).
//
// Example:
//   SampleUtilityEvaluator evaluator(compiled, &spread);       // one per thread
//   MEND_TRY(const UtilityTable* table, evaluator.Evaluate(values, k));
#pragma once

#include <cstdint>
#include <span>
#include <stop_token>
#include <string>
#include <vector>

#include "mend/core/result.hpp"
#include "mend/uncertainty/parameter_sampler.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

/// sd_i(s): per actor and state, the standard deviation over the samples of the *change from the
/// status quo* of the actor's linear utility, U_i(s) − U_i(s0) with U_i = Σ_d w_d v_d
/// (docs/analyses.md, "Status-quo attachment"). Zero at the status quo by construction, and zero
/// for actors without a valuation.
struct UtilitySpread {
  std::vector<std::vector<double>> sd;  // [actor][state]
  /// The same spread with the dimensions tagged `status` left out of U_i, measured on the same
  /// samples in the same pass (for the status-neutral a*); empty when no actor weighs a status
  /// dimension.
  std::vector<std::vector<double>> sd_without_status;
  /// The samples it was measured on (0: not measured, every sd is 0).
  std::uint64_t samples = 0;
  /// The same spread measured on the first and on the second half of the sample chunks (the
  /// split-half check of docs/analyses.md, "Convergence"); empty when not measured.
  std::vector<std::vector<double>> first_half_sd;
  std::vector<std::vector<double>> second_half_sd;

  /// Returns the standard error of sd_i(s) as an estimate, sd / sqrt(2 (n − 1)) (the normal
  /// approximation), so a reader sees when the sample count is too small for ρ·sd to settle.
  double StandardError(ActorIndex actor, StateId state) const;
};

/// Running moments of a chunk of samples (count, mean, sum of squared deviations) per actor and
/// state; chunks merge in a fixed order so results do not depend on threads or processes.
struct UtilityMoments {
  std::uint64_t count = 0;
  std::vector<double> mean;  // [actor * states + state]
  std::vector<double> m2;

  /// Adds the moments of a later chunk (Chan et al.'s pairwise update).
  void Merge(const UtilityMoments& later);
};

class SampleUtilityEvaluator {
 public:
  /// Prepares buffers for `compiled`; `spread` (may be null: then sd = 0) must outlive it.
  /// When `compiled` counts its expectation dimensions at their means (UseExpectedValues), each
  /// such value is shifted by its mean minus its value at the central parameter values, so that
  /// at the medians the evaluator gives the central utilities (the sensitivity analysis).
  SampleUtilityEvaluator(const CompiledCase& compiled, const UtilitySpread* spread);

  /// Also keeps every state's dimension values from now on (dimension_values()).
  void KeepDimensionValues();

  /// Computes every utility for parameter `values` (sample `k`, for messages) and returns the
  /// evaluator's table, valid until the next call. Ordinal and payoff actors keep their
  /// utilities. Fails with kInvalidArgument when an effect is not finite in this sample.
  Result<const UtilityTable*> Evaluate(std::span<const double> values, std::uint64_t k);

  /// The linear utilities Σ_d w_d v_d(s) of the last Evaluate, [actor * states + state].
  std::span<const double> linear() const { return linear_; }
  /// With KeepDimensionValues, every actor's dimension values of the last Evaluate,
  /// [state * actors * dimensions + actor * dimensions + dimension].
  std::span<const double> dimension_values() const { return dimension_values_; }
  /// The same without the dimensions tagged `status`; empty when no actor weighs one.
  std::span<const double> linear_without_status() const { return linear_without_status_; }

 private:
  const CompiledCase* compiled_;
  const UtilitySpread* spread_;
  EffectModel effects_;  // a private copy: muparser evaluation is not thread-safe
  UtilityTable table_;
  std::vector<double> linear_;
  std::vector<double> linear_without_status_;
  std::vector<double> status_weights_;  // [actor * dimensions + dimension]; w_d on status only
  std::vector<double> values_;
  std::vector<double> status_quo_values_;
  std::vector<double> dimension_values_;
  // The shift of the expectation dimensions (empty when none): per state, (slot, mean − central).
  std::vector<std::vector<std::pair<std::size_t, double>>> shifts_;
  std::size_t status_quo_state_ = 0;
  std::string label_;  // "sample k", rebuilt in place so no sample allocates for it
};

/// Returns true when some actor's valuation weighs a dimension tagged `status` (then
/// ComputeUtilitySpread also measures UtilitySpread::sd_without_status).
bool WeighsStatus(const CaseDefinition& definition);

/// Applies uncertainty aversion to a central utility table: u_i(s) −= ρ_i · sd_i(s).
void ApplyUncertaintyAversion(const CaseDefinition& definition, const UtilitySpread& spread,
                              UtilityTable& utilities);

}  // namespace mend
