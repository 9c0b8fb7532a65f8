// SPDX-License-Identifier: Apache-2.0
//
// What it would take (docs/analyses.md, "Bridge"; docs/lenses.md): for a state that raises the
// deciders' total over the default d but is blocked — some decider is worse off there than in d
// beyond its indifference — who blocks it and by how much, the total (Kaldor–Hicks) gain, the
// smallest transfer in a common monetary dimension that leaves every decider at least as well
// off as in d, whether the state is stable once the transfer is made, the loss or uncertainty
// aversion and the parameter values at which it would stop being blocked on its own, and the
// perceptions that misread who blocks it. Beside it, the inverse analysis of the graph model (the
// preference conditions each decider must meet for the state to be stable under a concept, and
// which of them its present preferences violate) and a* with the status dimensions left out.
//
// Example:
//   MEND_TRY(BridgeReport report, AnalyzeBridge(compiled, stability, d, frontier, {}, spread));
//   for (const BridgeTarget& t : report.targets) { ... t.blockers, t.transfer ... }
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/core/result.hpp"
#include "mend/stability/stability.hpp"
#include "mend/uncertainty/sample_utilities.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

struct BridgeOptions {
  /// The concept under which stability (with the transfer) and the inverse conditions are read.
  StabilityConcept concept_id = StabilityConcept::kSeq;
  SanctionRule sanctions = SanctionRule::kTextbook;
  unsigned threads = 0;
  /// Analyse this state only; otherwise the candidates, best first.
  std::optional<StateId> target;
  /// The central a* (reported beside the status-neutral one).
  std::optional<StateId> alternative;
  /// At most this many candidates (the number found is reported).
  std::size_t limit = 3;
  /// The inverse analysis enumerates sanctions; it is skipped above this many states.
  std::size_t max_inverse_states = 1u << 16;
  /// The parameter scan recomputes every utility ~80 times per parameter and target; it is
  /// skipped above this many states.
  std::size_t max_switch_states = 1u << 12;
};

/// A decider worse off in the target than in the default beyond its indifference.
struct BridgeBlocker {
  ActorIndex actor;
  /// u_i(d) − u_i(t) > ε_i, in the decider's utility.
  double shortfall = 0;
  /// The amount of a monetary dimension the decider values that would make up the shortfall
  /// (the transfer's dimension when there is a transfer); nullopt when it values none.
  std::optional<DimensionIndex> money_dimension;
  double money_shortfall = 0;
};

struct TransferLeg {
  ActorIndex actor;
  double amount = 0;  // in the transfer's dimension and unit
};

/// The smallest transfer that leaves every decider at least as well off as in the default.
struct Transfer {
  DimensionIndex dimension;
  double amount = 0;
  std::vector<TransferLeg> from;  // payers, decider order
  std::vector<TransferLeg> to;    // the blockers, decider order
};

/// Why a target has no transfer.
enum class NoTransferReason : std::uint8_t {
  kNone,                  // there is a transfer
  kNoBlocker,             // nobody blocks: nothing to pay for
  kOrdinal,               // some decider ranks the states without figures
  kNoMoney,               // no dimension of the case is monetary
  kBlockerValuesNoMoney,  // some blocker values no monetary dimension
  kNoPayer,               // no decider that gains values a monetary dimension the blockers value
  kShort,                 // the gainers' capacity to pay does not cover the shortfalls
};

/// The reason in plain English words (the brief has its own, per language).
const char* NoTransferReasonText(NoTransferReason reason);

enum class SwitchKind : std::uint8_t { kLossAversion, kUncertaintyAversion };

/// An attitude of a blocker at which its shortfall closes, the rest of the case unchanged.
struct BridgeSwitch {
  SwitchKind kind = SwitchKind::kLossAversion;
  ActorIndex actor;
  double current = 0;
  double value = 0;
  /// True when this blocker is the only one: the switch alone makes the target weakly
  /// Pareto-improving.
  bool sufficient = false;
};

/// An uncertain parameter's value, nearest its median, at which the target Pareto-improves the
/// default on its own (the others at their medians; within the 5th–95th percentiles).
struct BridgeParameterSwitch {
  ParameterIndex parameter;
  double central = 0;  // the median
  double value = 0;
  double quantile = 0;  // of `value`
};

/// A perception that misreads whether a decider blocks the target: the holder's picture of the
/// subject (its perceived game) says the subject blocks (or not), the truth says otherwise.
/// Correcting it shows the holder an obstacle it does not see, or removes one that is not there.
struct BridgePerception {
  ActorIndex holder;
  ActorIndex about;
  bool perceived_blocks = false;
  bool truly_blocks = false;
};

/// One preference condition of the inverse analysis: for `actor`'s unilateral move from the
/// target to `move`, the actor must like the target at least as much as `move` (t ⪰_i move)
/// or, under GMR and SEQ, at least as much as one of `sanctions` (the others' responses to the
/// move; under SEQ their improvements at their present preferences).
struct InverseCondition {
  ActorIndex actor;
  StateId move;
  std::vector<StateId> sanctions;
  /// Whether the actor's present preferences meet the first clause, and which sanctions
  /// already deter it (s2 ⪯_i t).
  bool prefers_target = false;
  std::vector<StateId> deterring;
  bool met = false;
};

struct InverseAnalysis {
  StabilityConcept concept_id = StabilityConcept::kNash;
  /// False for SMR (not offered) or when the case has more states than the limit.
  bool computed = false;
  std::vector<InverseCondition> conditions;
};

struct BridgeTarget {
  StateId state;
  /// Σ_i (u_i(t) − u_i(d)) over the deciders (meaningful when the deciders are cardinal).
  double total_gain = 0;
  std::vector<BridgeBlocker> blockers;
  std::optional<Transfer> transfer;
  /// Why there is no transfer (kNone when there is one).
  NoTransferReason no_transfer = NoTransferReason::kNone;
  /// The concepts under which the target is an equilibrium now, and with the transfer made
  /// (the latter empty without a transfer).
  std::vector<StabilityConcept> stable_now;
  std::vector<StabilityConcept> stable_with_transfer;
  std::vector<BridgeSwitch> switches;
  std::vector<BridgeParameterSwitch> parameter_switches;
  std::vector<BridgePerception> perceptions;
  InverseAnalysis inverse;
};

struct BridgeReport {
  StateId default_state;
  StabilityConcept concept_id = StabilityConcept::kSeq;
  bool cardinal = true;
  /// Candidates found before `limit` applied (1 with a target).
  std::size_t candidate_count = 0;
  /// The central a*, and a* with the dimensions tagged `status` left out (computed when the
  /// case has such dimensions and the deciders are cardinal).
  std::optional<StateId> alternative;
  bool status_dimensions = false;
  std::optional<StateId> status_neutral_alternative;
  std::vector<BridgeTarget> targets;
};

/// The smallest transfer for one target: the transfer itself, or why there is none, and what
/// each decider gains in the target once it is made.
struct TransferOutcome {
  std::optional<Transfer> transfer;
  /// kNone when there is a transfer.
  NoTransferReason no_transfer = NoTransferReason::kNone;
  /// Per decider (in the order given): u_i(t) − u_i(d), and the change the transfer makes to
  /// u_i(t) (received: positive; paid: negative; all 0 without a transfer).
  std::vector<double> gains;
  std::vector<double> utility_change;
};

/// Finds the smallest transfer that leaves every decider (`deciders`, in that order) at least as
/// well off in `t` as in `d`: each blocker (u_i(d) > u_i(t) + ε_i) receives what makes up its
/// shortfall in a monetary dimension it values, the deciders that gain pay in proportion to
/// what each can pay without falling below d, and of the monetary dimensions that work the one
/// cheapest for the payers is taken (file order on ties). Reads `compiled`'s utilities as they
/// are (with ρ·sd when the caller applied it). Deterministic; O(deciders × dimensions).
TransferOutcome SmallestTransfer(const CompiledCase& compiled, std::span<const ActorIndex> deciders,
                                 StateId t, StateId d);

/// Returns true when dimension `d` is paid in money: tagged `money`, or its unit starts with a
/// currency (USD, EUR, RUB, GBP, CNY, JPY, CHF, $, €, ₽, £, ¥) and is not an "equivalent".
bool IsMonetary(const Dimension& dimension);

/// Runs the bridge analysis against default `d` on `compiled`'s utilities. Candidates are
/// `options.target`, or else (cardinal deciders) every state whose total gain over d is
/// positive, best first, ties to the lower state number, or (ordinal) the states of
/// `frontier` other than d, fewest blockers first. `spread` holds sd_i(s) for the ρ switches
/// (empty when nothing was sampled). `report` must hold every concept for `compiled`.
/// Fails with kInvalidArgument when the target is the default or a parameter value of the
/// switching scan makes an effect not finite, and as AnalyzeStability and ComputeUtilities fail.
/// Cost: one stability analysis per candidate with a transfer and one for the status-neutral
/// a*; the parameter scan (up to `max_switch_states` states) ~80 utility evaluations per
/// uncertain parameter and blocked candidate; the inverse analysis O(moves × sanctions) per
/// decider. Deterministic.
[[nodiscard]] Result<BridgeReport> AnalyzeBridge(const CompiledCase& compiled,
                                                 const StabilityReport& report, StateId d,
                                                 std::span<const StateId> frontier,
                                                 const BridgeOptions& options,
                                                 const UtilitySpread& spread);

/// Returns a* against `d` with every actor's weight on the dimensions tagged `status` set to 0,
/// utilities less ρ·sd with the spread measured without status (`spread.sd_without_status`, or
/// `spread.sd` when it is empty: no actor weighs status), under the options' concept; nullopt when
/// nothing then Pareto-improves d. Fails as ComputeUtilities and AnalyzeStability fail. Cost: one
/// stability analysis.
[[nodiscard]] Result<std::optional<StateId>> StatusNeutralAlternative(const CompiledCase& compiled,
                                                                      StateId d,
                                                                      const BridgeOptions& options,
                                                                      const UtilitySpread& spread);

/// The inverse analysis of `target` under `concept_id` (Nash, GMR, SEQ) with the present
/// preferences; `computed` is false for SMR. Cost: per decider and move, the states the others
/// reach by legal sequences.
InverseAnalysis AnalyzeInverse(const CompiledCase& compiled, std::span<const ActorIndex> deciders,
                               StateId target, StabilityConcept concept_id);

}  // namespace mend
