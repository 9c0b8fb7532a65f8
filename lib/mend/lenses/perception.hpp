// SPDX-License-Identifier: Apache-2.0
//
// Perception and hypergames (docs/analyses.md, "Perception"; docs/lenses.md). Each holder of a
// `perceptions` block sees its own perceived game G_h: its own true valuation, and the others'
// valuations with its overrides (weights, λ, ε). A hypergame equilibrium is stable for every
// decider i in its own G_i. Nash, GMR and SMR involve only the focal decider's own preferences,
// so misperception changes them not at all; SEQ, whose sanctions must be credible to the
// sanctioners, is where it bites. Each holder's proposal is the recommended alternative of G_h
// against the true default, checked against the true valuations.
//
// Example:
//   MEND_TRY(PerceptionAnalysis p, AnalyzePerceptions(compiled, {}));
//   for (const HolderProposal& h : p.proposals) if (h.proposal && !h.truly_pareto_improving) ...
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/core/result.hpp"
#include "mend/stability/stability.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

struct PerceptionOptions {
  /// The concept under which a proposal counts as self-enforcing (as in `mend analyze`).
  StabilityConcept concept_id = StabilityConcept::kSeq;
  SanctionRule sanctions = SanctionRule::kTextbook;
  unsigned threads = 0;
};

/// One row of the perceived-versus-actual table.
struct PerceptionGap {
  ActorIndex holder;
  ActorIndex about;
  DimensionIndex dimension;
  double perceived_weight = 0;
  double actual_weight = 0;
  /// The subject's weighted ledger entry on the holder's proposal against the true default,
  /// w_d·(φ(v_d(r) − v_d(s0)) − φ(v_d(d) − v_d(s0))), as the holder sees it and as it is
  /// (0 when the holder has no proposal).
  double perceived_ledger = 0;
  double actual_ledger = 0;
  /// v_d(r) − v_d(d) in the dimension's unit (the same in both pictures).
  double natural = 0;
};

/// What a holder's picture of a subject's valuation changes besides weights.
struct PerceivedValuation {
  ActorIndex holder;
  ActorIndex about;
  double perceived_loss_aversion = 1, actual_loss_aversion = 1;
  double perceived_indifference = 0, actual_indifference = 0;
  /// ρ as perceived and actual: echoed, not applied (the central analysis has no ρ term).
  double perceived_uncertainty_aversion = 0, actual_uncertainty_aversion = 0;
  /// The subject's total gain on the holder's proposal over the default, perceived and true.
  double perceived_gain = 0, actual_gain = 0;
  /// False when the subject has ordinal preferences or payoffs (overrides cannot apply).
  bool applied = true;
};

struct HolderProposal {
  ActorIndex holder;
  /// The recommended alternative of G_h against the true default; nullopt when nothing
  /// Pareto-improves the default in G_h (or the utilities there are ordinal).
  std::optional<StateId> proposal;
  /// Under true valuations: does it Pareto-improve the default, is it an equilibrium under the
  /// chosen concept?
  bool truly_pareto_improving = false;
  bool self_enforcing = false;
  /// Every actor (deciders and affected, cardinal ones) truly worse off than in the default,
  /// with u_i(r) − u_i(d) < 0 (deciders: beyond their indifference threshold).
  std::vector<std::pair<ActorIndex, double>> losers;
  /// u_h(a*) − u_h(r) under true valuations, r the proposal if it truly Pareto-improves the
  /// default, else the default; 0 when there is no true a*.
  double cost_of_misperception = 0;
};

struct PerceptionAnalysis {
  StabilityConcept concept_id = StabilityConcept::kSeq;
  /// The true default (nullopt when the dynamics cycle and the case sets none) and true a*.
  std::optional<StateId> default_state;
  std::optional<StateId> true_alternative;
  /// Per concept (canonical order): states stable for every decider in its own perceived game,
  /// and, for comparison, the equilibria of the true game.
  std::array<std::vector<StateId>, 4> hypergame_equilibria;
  std::array<std::vector<StateId>, 4> true_equilibria;
  std::vector<HolderProposal> proposals;       // holders in actor file order
  std::vector<PerceivedValuation> valuations;  // per (holder, subject) block, file order
  std::vector<PerceptionGap> gaps;             // holder, subject, dimension order
};

/// Returns the utility table of G_h: the true table with every subject that `holder` has a
/// perception of revalued with the overrides (at the central parameter values).
UtilityTable PerceivedGame(const CompiledCase& compiled, ActorIndex holder);

/// Runs the perception lens (analyses.md). With no `perceptions` block, the hypergame
/// equilibria equal the game's equilibria and there are no proposals.
/// Fails with kInvalidArgument when a stability analysis fails (see AnalyzeStability), or
/// kCancelled. Cost: one stability analysis per holder, plus the true one.
[[nodiscard]] Result<PerceptionAnalysis> AnalyzePerceptions(const CompiledCase& compiled,
                                                            const PerceptionOptions& options = {});

}  // namespace mend
