// SPDX-License-Identifier: Apache-2.0
//
// Stability analysis of the graph model for conflict resolution: for every feasible state and
// every decider, whether the state is stable under Nash (R), general metarationality (GMR),
// symmetric metarationality (SMR) and sequential stability (SEQ), and the equilibria under each
// (Fang, Hipel & Kilgour, "Interactive Decision Making", 1993, ch. 3; definitions as in
// docs/analyses.md). Sanctions follow the textbook legal-sequence rule by default; the
// gmcr-plus rule (a sanction is one move of one opponent, as gmcr-py's solver counts it)
// reproduces GMCR+ for reconciling results (docs/gmcr.md).
//
// Example:
//   MEND_TRY(StabilityReport report, AnalyzeStability(compiled, {}));
//   for (StateId s : report.Equilibria(StabilityConcept::kSeq)) { ... }
//   bool stable = report.IsStable(StabilityConcept::kGmr, /*decider_position=*/0, s);
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <stop_token>
#include <string_view>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/core/result.hpp"
#include "mend/model/state_space.hpp"
#include "mend/value/compiled_case.hpp"
#include "mend/value/utility_table.hpp"

namespace mend {

/// Solution concepts, in report order. Nash, GMR (general metarationality), SMR (symmetric
/// metarationality) and SEQ (sequential stability) are the graph model's classic four.
enum class StabilityConcept : std::uint8_t { kNash = 0, kGmr = 1, kSmr = 2, kSeq = 3 };

inline constexpr std::array<StabilityConcept, 4> kAllStabilityConcepts = {
    StabilityConcept::kNash, StabilityConcept::kGmr, StabilityConcept::kSmr,
    StabilityConcept::kSeq};

/// The lower-case name used in the CLI and JSON: "nash", "gmr", "smr", "seq".
const char* StabilityConceptName(StabilityConcept concept_id);
/// Parses a lower-case concept name; nullopt when unknown.
std::optional<StabilityConcept> ParseStabilityConcept(std::string_view name);

/// Which sequences of opponents' moves count as a sanction.
enum class SanctionRule : std::uint8_t {
  /// Textbook: one or more moves by the opponents, no decider moving twice in a row.
  kTextbook,
  /// GMCR+ (gmcr-py) compatibility: a single move (SEQ: a single improvement) of a single
  /// opponent. Equal to kTextbook with two deciders; with more it can find fewer sanctions.
  kGmcrPlus,
};

const char* SanctionRuleName(SanctionRule rule);  // "textbook", "gmcr-plus"
std::optional<SanctionRule> ParseSanctionRule(std::string_view name);

struct StabilityOptions {
  std::vector<StabilityConcept> concepts = {kAllStabilityConcepts.begin(),
                                            kAllStabilityConcepts.end()};
  SanctionRule sanctions = SanctionRule::kTextbook;
  /// Worker threads; 0 means one per hardware thread. Results do not depend on it.
  unsigned threads = 0;
};

/// Called on the calling thread now and then with (work done, total work), both in abstract
/// units; done reaches total at the end.
using ProgressCallback = std::function<void(std::uint64_t done, std::uint64_t total)>;

/// Per decider and concept, which states are stable. Decider positions index `deciders`.
class StabilityReport {
 public:
  StabilityReport() = default;
  StabilityReport(std::vector<ActorIndex> deciders, std::vector<StabilityConcept> concepts,
                  std::size_t state_count);

  std::span<const ActorIndex> deciders() const { return deciders_; }
  /// The concepts analysed, in canonical order (Nash, GMR, SMR, SEQ), without repeats.
  std::span<const StabilityConcept> concepts() const { return concepts_; }
  bool Has(StabilityConcept concept_id) const;
  std::size_t state_count() const { return state_count_; }

  /// Returns true when `state` is stable for the decider at `decider_position` under the
  /// concept. Precondition: the concept was analysed (asserted).
  bool IsStable(StabilityConcept concept_id, std::size_t decider_position, StateId state) const;
  /// Returns the states stable for that decider, ascending.
  std::vector<StateId> StableStates(StabilityConcept concept_id,
                                    std::size_t decider_position) const;
  /// Returns true when `state` is stable for every decider under the concept.
  bool IsEquilibrium(StabilityConcept concept_id, StateId state) const;
  /// Returns the equilibria under the concept, ascending.
  std::vector<StateId> Equilibria(StabilityConcept concept_id) const;

  /// Sets a mark (used by the engine).
  void SetStable(StabilityConcept concept_id, std::size_t decider_position, StateId state);
  /// Raw marks of one decider: bit k of entry s is set when s is stable under concept k.
  std::span<std::uint8_t> MarksOf(std::size_t decider_position) { return marks_[decider_position]; }

 private:
  std::vector<ActorIndex> deciders_;
  std::vector<StabilityConcept> concepts_;
  std::size_t state_count_ = 0;
  std::vector<std::vector<std::uint8_t>> marks_;  // [decider position][state]
};

/// Computes the stability of every feasible state for every decider in `deciders` under each
/// requested concept, with the utilities and indifference thresholds of `utilities`.
///
/// Complexity: per decider, one strongly-connected-component pass over the opponents' move
/// graph and one over their improvement graph, each O(states × moves) with moves generated
/// from the option form (no states × states storage); memory O(states) per worker. The
/// gmcr-plus rule costs O(states × moves) time and O(states) memory per decider.
/// Deterministic: results do not depend on `options.threads`.
/// Fails with kInvalidArgument when a decider index is out of range or when there are no
/// deciders;
/// with kCancelled when `stop` is requested (partial results are discarded).
/// Thread-safety: reads its arguments only; `progress` is called on the calling thread.
[[nodiscard]] Result<StabilityReport> AnalyzeStability(const StateSpace& space,
                                                       const UtilityTable& utilities,
                                                       std::span<const ActorIndex> deciders,
                                                       const StabilityOptions& options,
                                                       std::stop_token stop = {},
                                                       const ProgressCallback& progress = {});

/// The same for a compiled case: its deciders at its central utilities.
[[nodiscard]] Result<StabilityReport> AnalyzeStability(const CompiledCase& compiled,
                                                       const StabilityOptions& options,
                                                       std::stop_token stop = {},
                                                       const ProgressCallback& progress = {});

}  // namespace mend
