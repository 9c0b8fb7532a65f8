// SPDX-License-Identifier: Apache-2.0
//
// SmallConflictStability: stability under Nash, GMR, SMR and SEQ for any number of deciders,
// per Monte Carlo sample, over buffers reused from sample to sample. What does not depend on
// the utilities is built once per case: every decider's move lists and, per focal decider, the
// strongly connected components of the opponents' move graph (GMR and SMR look only at which
// states a sanction reaches). Per sample, SEQ needs the opponents' improvement graph, whose
// components one iterative pass finds; so a sample costs O(deciders × (states + moves)).
//
// Both sanction rules of docs/analyses.md are honoured: textbook (a legal sequence of the
// opponents' moves) and gmcr-plus (a single move of a single opponent). The general engine
// (AnalyzeStability) is the reference; sample_analyzer_test.cpp checks both agree bit for bit.
//
// Example:
//   auto moves = std::make_shared<const MoveLists>(BuildMoveLists(compiled.space, deciders));
//   SmallConflictStability stability(moves, SanctionRule::kTextbook);
//   stability.Analyze(table, deciders, equilibrium);  // equilibrium: one byte per state
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/model/state_space.hpp"
#include "mend/stability/stability.hpp"
#include "mend/value/utility_table.hpp"

namespace mend::internal {

/// Per decider position p: the moves of state s are targets[p][offsets[p][s] .. offsets[p][s+1]),
/// ascending (the order of StateSpace::ForEachMove).
struct MoveLists {
  std::size_t states = 0;
  std::vector<std::vector<std::uint32_t>> offsets;
  std::vector<std::vector<std::uint32_t>> targets;
};

/// Lists every decider's moves once.
MoveLists BuildMoveLists(const StateSpace& space, std::span<const ActorIndex> deciders);

/// The most move-list entries (all deciders together) a case may have for the per-sample paths;
/// beyond that the general engine's linear-size move groups are the better tool.
inline constexpr std::uint64_t kMaxSampleMoveEntries = std::uint64_t{1} << 20;

/// Counts the move-list entries BuildMoveLists would make, stopping past `limit`.
std::uint64_t CountMoveEntries(const StateSpace& space, std::span<const ActorIndex> deciders,
                               std::uint64_t limit);

/// One byte of equilibrium marks per state: bit c set for an equilibrium under concept c.
inline constexpr std::uint8_t kNashBit = 1U << static_cast<unsigned>(StabilityConcept::kNash);
inline constexpr std::uint8_t kGmrBit = 1U << static_cast<unsigned>(StabilityConcept::kGmr);
inline constexpr std::uint8_t kSmrBit = 1U << static_cast<unsigned>(StabilityConcept::kSmr);
inline constexpr std::uint8_t kSeqBit = 1U << static_cast<unsigned>(StabilityConcept::kSeq);
inline constexpr std::uint8_t kAllConceptBits = kNashBit | kGmrBit | kSmrBit | kSeqBit;

/// The sanction values of one focal decider i per improvement target s1: an improvement
/// s → s1 is sanctioned under GMR, SMR or SEQ exactly when gmr[s1], smr[s1] or seq[s1] is at
/// most the bar u_i(s) + ε_i (the per-sample paths compute them).
struct SanctionValues {
  const double* gmr = nullptr;
  const double* smr = nullptr;
  const double* seq = nullptr;
};

/// Clears in marks[s], for every state s, the bits of the concepts under which the focal
/// decider (utilities u, threshold epsilon, moves `offsets`/`targets` as in MoveLists) has an
/// unsanctioned improvement from s; any improvement clears Nash. Shared by the two-decider and
/// the general per-sample paths.
inline void ClearUnstable(std::size_t states, const std::uint32_t* offsets,
                          const std::uint32_t* targets, const double* u, double epsilon,
                          SanctionValues sanctions, std::uint8_t* marks) {
  for (std::size_t s = 0; s < states; ++s) {
    const double bar = u[s] + epsilon;  // t ≻_i s  <=>  u_i(t) > bar
    std::uint8_t stable = kAllConceptBits;
    for (std::uint32_t m = offsets[s]; m < offsets[s + 1]; ++m) {
      const std::uint32_t s1 = targets[m];
      if (!(u[s1] > bar)) continue;
      stable &= static_cast<std::uint8_t>(~kNashBit);
      if (sanctions.gmr[s1] > bar) stable &= static_cast<std::uint8_t>(~kGmrBit);
      if (sanctions.smr[s1] > bar) stable &= static_cast<std::uint8_t>(~kSmrBit);
      if (sanctions.seq[s1] > bar) stable &= static_cast<std::uint8_t>(~kSeqBit);
    }
    marks[s] &= stable;
  }
}

class SmallConflictStability {
 public:
  SmallConflictStability(std::shared_ptr<const MoveLists> moves, SanctionRule rule);

  /// Writes, per state, bit c set when the state is an equilibrium under concept c (Nash =
  /// bit 0), for the deciders of `moves` (`deciders` in the same order) with the utilities and
  /// thresholds of `table`. Allocates nothing.
  void Analyze(const UtilityTable& table, std::span<const ActorIndex> deciders,
               std::span<std::uint8_t> equilibrium);

 private:
  // The opponents' move graph of one focal decider, condensed: component ids ascend from sinks
  // (every edge leaves a component for a lower id), members and successors as CSR lists.
  struct Condensation {
    std::vector<std::uint32_t> component;  // per state
    std::vector<std::uint32_t> member_offsets;
    std::vector<std::uint32_t> members;
    std::vector<std::uint32_t> successor_offsets;
    std::vector<std::uint32_t> successors;
  };

  void Condense(std::size_t focal);
  // Sanction values per state s1 for the focal decider (see the .cpp).
  void TextbookMoves(std::size_t focal);
  void FindImprovements(const UtilityTable& table, std::span<const ActorIndex> deciders);
  void TextbookImprovements(std::size_t focal);
  void SingleMoves(std::size_t focal, const UtilityTable& table,
                   std::span<const ActorIndex> deciders);

  std::shared_ptr<const MoveLists> moves_;
  SanctionRule rule_;
  std::size_t deciders_ = 0;
  std::vector<std::vector<std::uint32_t>> opponents_;  // per focal position
  std::vector<Condensation> condensed_;                // per focal position (textbook only)
  MoveLists improvements_;  // per sample: every decider's improvements (textbook only)
  // Per-sample buffers, one entry per state (or component).
  const double* u_ = nullptr;   // the focal decider's utilities
  std::vector<double> secure_;  // max(u_i(s), u_i over R_i(s)): SMR's weight
  std::vector<double> gmr_;
  std::vector<double> smr_;
  std::vector<double> seq_;
  std::vector<double> component_gmr_;
  std::vector<double> component_smr_;
  // The iterative strongly-connected-component search (Tarjan's), per state.
  struct ComponentSearch {
    struct Frame {
      std::uint32_t node;
      std::uint32_t opponent;  // index into the focal decider's opponents
      std::uint32_t move;      // next entry of that opponent's move list
    };
    std::vector<std::uint32_t> index;
    std::vector<std::uint32_t> low;
    std::vector<std::uint8_t> on_stack;
    std::vector<std::uint32_t> stack;
    std::vector<Frame> frames;
  };
  ComponentSearch search_;
};

}  // namespace mend::internal
