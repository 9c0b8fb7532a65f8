// SPDX-License-Identifier: Apache-2.0
//
// Efficiency analysis (docs/analyses.md, "Efficiency and the loss ledger"): the Pareto
// frontier, the states that Pareto-improve the default outcome, the recommended alternative a*
// (equilibria under the chosen concept first, then the largest Nash product of the deciders'
// gains), the Kalai–Smorodinsky point and the largest total gain, and the loss ledger — what
// each actor, affected third parties included, loses per dimension by staying in the default.
//
// Example:
//   MEND_TRY(StabilityReport report, AnalyzeStability(compiled, {}));
//   MEND_TRY(StatusQuoAnalysis sq, AnalyzeStatusQuo(compiled, report));
//   MEND_TRY(EfficiencyAnalysis eff, AnalyzeEfficiency(compiled, report, sq, {}));
//   for (const EfficiencyAgainst& block : eff.against) if (block.alternative) { ... }
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/core/result.hpp"
#include "mend/stability/stability.hpp"
#include "mend/stability/status_quo_analysis.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

struct EfficiencyOptions {
  /// Equilibria under this concept are preferred as the alternative (SEQ by default).
  StabilityConcept concept_id = StabilityConcept::kSeq;
};

/// The recommended alternative a* against one default.
struct Recommendation {
  StateId state;
  /// a* is an equilibrium under the chosen concept.
  bool self_enforcing = false;
  /// "nash-product-among-equilibria" when a* was chosen among Pareto-improving equilibria,
  /// "nash-product" when no Pareto-improving state is an equilibrium.
  std::string rule;
  double nash_product = 0;
};

/// One labelled bargaining point among the Pareto improvements.
struct BargainingPoint {
  StateId state;
  /// Nash product, Kalai–Smorodinsky score (smallest share of the ideal gain) or total gain.
  double score = 0;
};

/// One dimension of an actor's ledger: value_d(a*) − value_d(d) in the dimension's unit, and
/// its weighted part of u_i(a*) − u_i(d) (with reference dependence,
/// w_d·(φ(v_d(a*) − v_d(s0)) − φ(v_d(d) − v_d(s0)))).
struct LedgerEntry {
  DimensionIndex dimension;
  double natural = 0;
  double weighted = 0;
};

/// What an actor loses by staying in the default rather than a*: total = u_i(a*) − u_i(d).
struct ActorLedger {
  ActorIndex actor;
  /// False for actors with ordinal preferences: their totals carry no meaning.
  bool cardinal = true;
  double total = 0;
  /// The total without the dimensions tagged `status`.
  double status_neutral_total = 0;
  /// The dimensions the actor values or is affected on, in file order (empty for payoffs).
  std::vector<LedgerEntry> dimensions;
};

/// The analysis against one default state d.
struct EfficiencyAgainst {
  StateId default_state;
  /// Every state that Pareto-improves d for the deciders, ascending.
  std::vector<StateId> improvements;
  /// Each decider's gain u_i(s) − u_i(d) is what the cardinal points use; they are absent
  /// (as is the ledger) when some decider's utilities are ordinal.
  std::optional<Recommendation> alternative;
  std::optional<BargainingPoint> nash_product;
  std::optional<BargainingPoint> kalai_smorodinsky;
  std::optional<BargainingPoint> largest_total_gain;
  /// One entry per actor (deciders and affected, file order) when there is an alternative.
  std::vector<ActorLedger> ledger;
};

struct EfficiencyAnalysis {
  StabilityConcept concept_id = StabilityConcept::kSeq;
  /// Every decider's utilities are cardinal (valuation or payoffs).
  bool cardinal = true;
  /// The Pareto frontier over the deciders, and over deciders and affected actors, ascending.
  std::vector<StateId> frontier_deciders;
  std::vector<StateId> frontier_all_actors;
  /// True when the default dynamics cycle and the case sets no `default:`: `against` then
  /// holds one block per equilibrium reachable from the status quo under the concept.
  bool against_reachable_equilibria = false;
  std::vector<EfficiencyAgainst> against;
};

/// Returns the dimension values of every actor in `state` at the case's central parameter
/// values, flattened as [actor * dimensions + dimension].
std::vector<double> CentralDimensionValues(const CompiledCase& compiled, StateId state);

/// Analyses `d` as the default: the improvements, a*, the bargaining points and the ledger.
/// Nash products and totals count a gain within a decider's indifference threshold as 0.
/// Ties go to the lowest state number. Precondition: `report` was computed for `compiled`.
EfficiencyAgainst AnalyzeAgainst(const CompiledCase& compiled, const StabilityReport& report,
                                 StabilityConcept concept_id, StateId d);

/// Runs the full efficiency analysis of `compiled`. Fails with kInvalidArgument when the
/// concept was not analysed in `report` or `report` does not match the case's states.
/// Cost: O(N log N) for the frontiers with up to three actors (see ParetoFrontier), O(N·deciders)
/// per default for the rest. Deterministic; reads its arguments only.
[[nodiscard]] Result<EfficiencyAnalysis> AnalyzeEfficiency(const CompiledCase& compiled,
                                                           const StabilityReport& report,
                                                           const StatusQuoAnalysis& status_quo,
                                                           const EfficiencyOptions& options);

}  // namespace mend
