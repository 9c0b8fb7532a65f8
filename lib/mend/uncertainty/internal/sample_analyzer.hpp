// SPDX-License-Identifier: Apache-2.0
//
// SampleAnalyzer: the per-sample part of the Monte Carlo pipeline — stability under the four
// concepts, the default by best-response dynamics (or the case's explicit default), the states
// that Pareto-improve it and the recommended alternative a* — for one utility table, into
// buffers reused from sample to sample (one analyzer per thread).
//
// Cases of moderate size take a path that allocates nothing per sample, over move lists built
// once. Two deciders take the tightest one: with a single opponent, a sanction is exactly one
// unilateral move of that opponent (a legal sequence by one decider cannot have two moves, since
// no decider moves twice in a row), under either sanction rule, so every concept is a scan of
// the move lists. Three and more deciders take SmallConflictStability
// (small_conflict_stability.hpp), which honours the sanction rule. Cases with more moves than
// kMaxSampleMoveEntries, or without deciders, run the general engine (AnalyzeStability,
// BestResponseDynamics). sample_analyzer_test.cpp checks that every path agrees with it.
//
// Example:
//   internal::SampleAnalyzer analyzer(compiled, StabilityConcept::kSeq, SanctionRule::kTextbook);
//   MEND_TRY(const internal::SampleOutcome* outcome, analyzer.Analyze(table));
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/core/result.hpp"
#include "mend/stability/stability.hpp"
#include "mend/uncertainty/internal/small_conflict_stability.hpp"
#include "mend/value/compiled_case.hpp"
#include "mend/value/utility_table.hpp"

namespace mend::internal {

struct SampleOutcome {
  /// Per state: bit c is set when the state is an equilibrium under concept c (Nash = bit 0).
  std::vector<std::uint8_t> equilibrium;
  /// The default; nullopt when best-response dynamics cycle and the case sets no default.
  std::optional<StateId> default_state;
  /// Per state: 1 when it Pareto-improves the default for the deciders.
  std::vector<std::uint8_t> improves;
  /// The recommended alternative (absent without an improvement or with ordinal deciders).
  std::optional<StateId> alternative;
};

class SampleAnalyzer {
 public:
  /// Prepares the analysis of `compiled` (which must outlive the analyzer); a* prefers
  /// equilibria under `concept_id`; sanctions follow `sanctions`. `force_general` disables the
  /// per-sample paths (for tests).
  SampleAnalyzer(const CompiledCase& compiled, StabilityConcept concept_id,
                 SanctionRule sanctions = SanctionRule::kTextbook, bool force_general = false);

  /// Analyses one utility table over the case's states. The outcome stays valid until the next
  /// call. Allocates nothing unless the general engine runs. Fails only if the general engine
  /// does.
  Result<const SampleOutcome*> Analyze(const UtilityTable& table);

  /// True when a per-sample path runs instead of the general engine.
  bool specialised() const { return specialised_; }

 private:
  void StabilityTwoDeciders(const UtilityTable& table);
  void DynamicsFast(const UtilityTable& table);
  void Efficiency(const UtilityTable& table);

  const CompiledCase* compiled_;
  StabilityConcept concept_id_;
  SanctionRule sanctions_;
  std::vector<ActorIndex> deciders_;
  StateId status_quo_{0};
  std::optional<StateId> explicit_default_;
  bool specialised_ = false;
  std::shared_ptr<const MoveLists> moves_;       // shared with small_
  std::optional<SmallConflictStability> small_;  // three and more deciders
  std::vector<double> scratch_;                  // per-state minima of StabilityTwoDeciders
  std::vector<std::uint32_t> visited_;           // [state * deciders + turn] -> stamp
  std::uint32_t stamp_ = 0;
  SampleOutcome outcome_;
};

}  // namespace mend::internal
