// SPDX-License-Identifier: Apache-2.0
//
// Expectation dynamics (docs/analyses.md, "Expectation dynamics"; docs/lenses.md): how inflated
// expectations of engagement lead to crises. In repeated rounds each decider expects a gain e_i
// from engagement (the central a* over the central default); the realised gain g_i is drawn per
// round from the Monte Carlo distribution G_i. Decider i expects the distribution s_i × G_i
// (s_i(0) = κ, the initial over-expectation). A round disappoints i when its gain falls below the
// low quantile of what i expects, less a tolerance; `patience` disappointing rounds in a row put
// the relationship back in the default for L rounds (a crisis). Expectations are sticky: they are
// revised only after a crisis, s_i ← s_i + α (ḡ_i / μ_i − s_i), ḡ_i the run's realised mean so
// far. The lens reports, per κ, the crisis frequency, the time in crisis and the mean realised
// gain per round (per decider and in total).
//
// Example:
//   DynamicsOptions options{.rounds = 100, .runs = 1000, .kappas = {1, 1.5, 2, 3}, .seed = 1};
//   MEND_TRY(DynamicsReport report, SimulateExpectations(compiled, options));
//   double best = report.best_kappa;
#pragma once

#include <cstdint>
#include <optional>
#include <stop_token>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/core/result.hpp"
#include "mend/stability/stability.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

struct DynamicsOptions {
  std::uint64_t rounds = 100;
  std::uint64_t runs = 1000;
  std::vector<double> kappas = {1, 1.5, 2, 3};
  std::uint64_t seed = 1;
  /// Revision rate α in (0, 1]: the share of the gap between expectation and the realised mean
  /// closed after each crisis (expectations do not move between crises).
  double alpha = 0.05;
  /// The low quantile p in (0, 1) of the expected distribution below which a round disappoints.
  double quantile = 0.15;
  /// Tolerance θ as a share of |Q_i(p)|: a round disappoints when g_i < Q_i(p) + (s_i − 1 − θ)
  /// |Q_i(p)|, so with fixed gains an over-expectation of at most θ is no disappointment.
  double theta = 0.1;
  /// Disappointing rounds in a row (for one decider) that start a crisis.
  std::uint64_t patience = 2;
  /// Crisis length L in rounds.
  std::uint64_t crisis_length = 3;
  /// The concept whose equilibria a* prefers (as in `mend analyze`).
  StabilityConcept concept_id = StabilityConcept::kSeq;
  SanctionRule sanctions = SanctionRule::kTextbook;
  /// Worker threads; 0 means one per hardware thread. Results do not depend on it.
  unsigned threads = 0;
};

struct KappaResult {
  double kappa = 1;
  /// Crises started per round (over all runs and rounds).
  double crisis_frequency = 0;
  /// Share of rounds spent in crisis.
  double time_in_crisis = 0;
  /// Per decider (file order): mean realised gain per round (crisis rounds count as 0).
  std::vector<double> mean_gain;
  /// Σ_i mean_gain_i: what engagement brings all deciders together per round.
  double total_gain = 0;
};

struct DynamicsReport {
  StateId default_state;
  StateId alternative;
  std::vector<ActorIndex> deciders;
  /// Per decider: the mean μ_i of the per-round gain distribution (over every drawn round) and
  /// its low quantile Q_i(p) (the threshold a round must clear when expectations are realistic).
  std::vector<double> mean_gain;
  std::vector<double> low_quantile;
  std::vector<KappaResult> by_kappa;  // in the order given
  /// The κ with the lowest crisis frequency (ties: the first given).
  double best_kappa = 1;
};

/// Simulates `options.runs` runs of `options.rounds` rounds for every κ. The gain of round t of
/// run r comes from parameter sample r × rounds + t of a sampler seeded with `options.seed`, so
/// every κ sees the same draws and the result does not depend on `options.threads`. A crisis is
/// a state of the relationship: while it lasts every decider's realised gain is 0; it starts
/// when any decider has had `patience` disappointing rounds in a row (docs/lenses.md).
/// Fails with kInvalidArgument when rounds, runs or κ are missing or invalid, α ∉ (0, 1], θ < 0,
/// p ∉ (0, 1), patience 0,
/// when the case has no single default or no recommended alternative (nothing to engage on), or
/// when its utilities are ordinal; with kCancelled on `stop`.
/// Cost: runs × rounds utility evaluations (each O(states × (effects + actors × dimensions)))
/// plus runs × rounds × deciders per κ.
[[nodiscard]] Result<DynamicsReport> SimulateExpectations(const CompiledCase& compiled,
                                                          const DynamicsOptions& options,
                                                          std::stop_token stop = {});

/// Checks `options` — the one validation of the dynamics' options, used by every front end:
/// rounds, runs, patience and crisis_length at least 1, runs × rounds at most 2^40, every κ
/// finite and above 0, 0 < α <= 1, θ >= 0, 0 < p < 1. Fails with kInvalidArgument naming the
/// option.
[[nodiscard]] Status ValidateDynamicsOptions(const DynamicsOptions& options);

/// The engagement the dynamics simulate: from the default d to the cooperative alternative a.
struct Engagement {
  StateId default_state;
  StateId alternative;
};

/// As above, engaging from `engagement` as given (the engine passes the central default and
/// a* that every command reports) instead of computing it.
/// Fails with kInvalidArgument for bad options or ordinal utilities; kCancelled on `stop`.
[[nodiscard]] Result<DynamicsReport> SimulateExpectations(const CompiledCase& compiled,
                                                          const Engagement& engagement,
                                                          const DynamicsOptions& options,
                                                          std::stop_token stop = {});

}  // namespace mend
