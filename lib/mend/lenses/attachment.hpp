// SPDX-License-Identifier: Apache-2.0
//
// Status-quo attachment and the viability gauge (docs/analyses.md, "Status-quo attachment";
// docs/lenses.md). A decider that fears destabilisation weighs losses against the status quo λ
// times more than gains (already in the central utilities) and dislikes uncertainty: its utility
// loses ρ · sd, the spread over Monte Carlo samples of its linear utility's change from the
// status quo (0 at the status quo itself: the fear is of the unpredictability of change). The
// persuasion gap of a proposed state p is max(0, u_i(s0) − u_i(p)); p is viable when every gap is
// 0. For each decider with a gap, the lens also finds the dimension whose uncertainty, if removed
// (e.g. by verification), closes the gap most.
//
// Example:
//   MEND_TRY(ViabilityReport report, AnalyzeViability(compiled, proposal, {.samples = 2000}));
//   if (!report.viable) for (const DeciderViability& d : report.deciders) { ... }
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/core/result.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

struct ViabilityOptions {
  /// Monte Carlo samples for the spreads sd_i (only drawn when some decider has ρ > 0).
  std::uint64_t samples = 2000;
  std::uint64_t seed = 1;
};

/// The gap a decider would have if one dimension's uncertainty were removed.
struct DimensionRelief {
  DimensionIndex dimension;
  double gap = 0;  // the persuasion gap with that dimension held at its central values
};

struct DeciderViability {
  ActorIndex decider;
  /// u_i(s0) and u_i(p), reference-dependent (λ) and net of ρ·sd.
  double status_quo_utility = 0;
  double proposal_utility = 0;
  /// The λ part alone (central values) and the spreads sd_i(s0) (always 0: the spread is that of
  /// the change from s0) and sd_i(p); ρ as valued.
  double proposal_central_gain = 0;  // u^λ_i(p) − u^λ_i(s0)
  double status_quo_sd = 0;
  double proposal_sd = 0;
  double uncertainty_aversion = 0;
  double loss_aversion = 1;
  /// max(0, u_i(s0) − u_i(p)).
  double gap = 0;
  /// The dimension whose uncertainty, removed, leaves the smallest gap (only when gap > 0 and
  /// removing it reduces the gap); ties go to the first dimension in file order.
  std::optional<DimensionIndex> closing_dimension;
  /// True when removing the closing dimension's uncertainty brings the gap to 0.
  bool closes = false;
  /// The gap with each valued dimension's uncertainty removed in turn (when gap > 0 and ρ > 0).
  std::vector<DimensionRelief> relief;
};

struct ViabilityReport {
  StateId proposal;
  StateId status_quo;
  bool viable = true;
  /// The samples and seed actually used (0 samples when no decider has ρ > 0).
  std::uint64_t samples = 0;
  std::uint64_t seed = 0;
  std::vector<DeciderViability> deciders;  // file order
};

/// Computes the persuasion gap of `proposal` for every decider (analyses.md): u_i is the central
/// reference-dependent utility (λ) minus ρ_i · sd_i, where sd_i(s) is the sample standard
/// deviation of Σ_d w_d (v_d(s) − v_d(s0)) over `options.samples` draws. The relief of dimension
/// d recomputes sd_i(p) with the terms of d held at their central values in every sample (the
/// other dimensions still vary), so only the ρ part can shrink: removing uncertainty never
/// changes the λ part. Deciders with ordinal preferences or payoffs have gap
/// max(0, u_i(s0) − u_i(p)) on their utilities and no relief.
/// Fails with kInvalidArgument when `options.samples` < 2 while some ρ > 0, or when a sample
/// makes an effect non-finite. Deterministic for a given seed. Cost: samples × effect terms.
[[nodiscard]] Result<ViabilityReport> AnalyzeViability(const CompiledCase& compiled,
                                                       StateId proposal,
                                                       const ViabilityOptions& options = {});

}  // namespace mend
