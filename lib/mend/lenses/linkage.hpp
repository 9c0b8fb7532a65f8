// SPDX-License-Identifier: Apache-2.0
//
// Portfolios under the no-linkage rule (docs/analyses.md, "Portfolios and the no-linkage rule";
// docs/lenses.md). Standalone, each issue contributes the gains of its own recommended
// alternative a* over its own default (0 without one). The linked deal picks one state per
// issue so that every decider's summed gain is at least its standalone total, maximising the
// Nash product of the summed gains over the standalone totals. The sums are over the deciders
// common to every issue; a decider of one issue only is held at least at its standalone gain in
// it. The search is a branch and bound over the product of the issues' Pareto frontiers (a
// dominated state can always be swapped for one that dominates it without lowering the
// product), never an enumeration of the product space. When any actor refuses linkage, the linked
// deal is unavailable; the analysis still computes it to say which issues are positive-sum alone
// and which would need linkage.
//
// Linkage is tested, not assumed: the analysis compares, per decider, (a) the issues alone,
// (b) the issues alone with a transfer inside each issue that has no a* but a state raising the
// deciders' total (the bridge's smallest transfer, SmallestTransfer in bridge.hpp), and (c) the
// linked deal, and reports what refusing linkage costs, max(0, c − max(a, b)). When no two
// issues offer a choice (every searched issue but at most one has a single frontier state) the
// search is trivial, and that is said rather than reported as a finding.
//
// Example:
//   std::vector<LinkageIssue> issues = {{&arms, &arms_efficiency}, {&trade, &trade_efficiency}};
//   MEND_TRY(LinkageAnalysis linkage, AnalyzeLinkage(portfolio.definition, issues));
//   if (!linkage.available) for (const std::string& id : linkage.refused_by) { ... }
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/core/result.hpp"
#include "mend/efficiency/efficiency.hpp"
#include "mend/lenses/bridge.hpp"
#include "mend/model/case.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

/// One issue of the portfolio with its efficiency analysis (as `mend analyze` computed it).
struct LinkageIssue {
  const CompiledCase* compiled = nullptr;
  const EfficiencyAnalysis* efficiency = nullptr;
};

struct LinkageOptions {
  /// Stop the search after this many visited nodes (kFailedPrecondition); 0 means no limit.
  std::uint64_t max_nodes = 200'000'000;
};

/// (b) for one issue: the state and the smallest transfer inside the issue that leave every
/// decider at least as well off as in the issue's default (names and figures resolved, so
/// reports need not reach back into the case).
struct IssueTransfer {
  StateId state;
  std::string pattern;
  /// The transfer's dimension (id and unit) and amount, in that unit.
  std::string dimension;
  std::string unit;
  double amount = 0;
  /// Payers and receivers by actor id, with their amounts (decider order).
  std::vector<std::pair<std::string, double>> from;
  std::vector<std::pair<std::string, double>> to;
  /// Per decider (LinkageAnalysis::deciders order): u_i(t) − u_i(d) before and after the
  /// transfer is made.
  std::vector<double> gains_before;
  std::vector<double> gains;
  /// The same for the issue's own deciders (LinkageIssueResult::own_deciders order).
  std::vector<double> own_gains_before;
  std::vector<double> own_gains;
};

struct LinkageIssueResult {
  std::string case_id;
  /// The issue's single default; nullopt when its dynamics cycle (it then takes no part).
  std::optional<StateId> default_state;
  /// Its standalone a* (nullopt: the issue contributes 0 standalone).
  std::optional<StateId> standalone;
  /// The state the linked deal picks (the standalone one, or the default, when no deal beats
  /// standalone); nullopt for an issue without a single default.
  std::optional<StateId> linked;
  /// False when the issue is held out of the linked search (no single default, or ordinal
  /// utilities): it then stays at its standalone outcome.
  bool searched = true;
  /// The patterns of the three states ("" when absent), for reports.
  std::string default_pattern, standalone_pattern, linked_pattern;
  /// The issue's own deciders: those not common to every case (file order). They take part in
  /// no cross-issue deal; the linked deal keeps each at least at its standalone gain here.
  std::vector<std::string> own_deciders;
  /// Their gains u_j(s) − u_j(d) in this issue at the standalone a* (0 without one) and at the
  /// linked state.
  std::vector<double> own_standalone_gains, own_linked_gains;
  /// (b): for an issue with a single default, cardinal deciders and no a*, whether some state
  /// raises the deciders' total over the default, and the transfer that makes the best of them
  /// (largest total once the transfer is made; ties to the larger total before it, then the
  /// lower state number) leave every decider at least as well off; nullopt when no state
  /// raising the total has one, with the reason for the state of largest total.
  bool raises_total = false;
  std::optional<IssueTransfer> transfer;
  NoTransferReason no_transfer = NoTransferReason::kNone;
};

struct LinkageAnalysis {
  /// The common deciders (those of every issue), by id, in the first issue's file order; the
  /// per-decider sums below are over them.
  std::vector<std::string> deciders;
  std::vector<LinkageIssueResult> issues;  // portfolio order
  std::vector<double> standalone_gains;    // per decider: Σ over issues of u_i(a*) − u_i(d)
  std::vector<double> linked_gains;        // per decider, on the linked deal
  std::vector<double> premium;             // linked − standalone
  /// (b) per decider: Σ over issues of the a* gains, or, in an issue without a*, the gains
  /// once that issue's transfer is made (0 without one).
  std::vector<double> transfer_gains;
  /// What refusing linkage costs each decider: max(0, linked − max(standalone, transfer)).
  std::vector<double> refusal_cost;
  /// True when some combination gives every decider strictly more than standalone.
  bool linked_beats_standalone = false;
  double nash_product = 0;  // Π_i (linked − standalone), 0 when it does not beat standalone
  /// False when some actor refuses linkage (the portfolio's or any case's `linkage: false`).
  bool available = true;
  std::vector<std::string> refused_by;
  std::vector<std::string> positive_sum_alone;  // case ids with a standalone a*
  std::vector<std::string> needs_linkage;       // no a*, but the linked deal moves it
  /// Search statistics: frontier states per issue, and nodes visited.
  std::vector<std::size_t> frontier_sizes;
  std::uint64_t nodes = 0;
  /// The size of the linked search space: the product of the searched issues' frontier sizes
  /// (a double, as it overflows any integer for large portfolios).
  double combinations = 0;
  /// True when fewer than two searched issues have more than one frontier state: no issue can
  /// be traded against another, so whatever the linked deal finds does not come from linkage.
  bool trivial_search = true;
};

/// Analyses the portfolio under the no-linkage rule. The common deciders (matched by actor id)
/// are those of every issue; an issue may have deciders of its own, who take part in it only:
/// the linked deal picks, in their issue, only states that leave each of them at least its
/// standalone gain there. Gains are the central utilities; indifference thresholds are not
/// applied to sums across issues.
/// Fails with kInvalidArgument when `issues` is empty or fewer than two deciders are common to
/// every issue (the loader refuses such portfolios first), and with kFailedPrecondition when the
/// search exceeds `options.max_nodes`.
/// Cost: worst case the product of the frontier sizes, in practice far less (see
/// docs/lenses.md for measurements). Deterministic: ties keep the first deal found, in an order
/// fixed by the data.
[[nodiscard]] Result<LinkageAnalysis> AnalyzeLinkage(const PortfolioDefinition& portfolio,
                                                     std::span<const LinkageIssue> issues,
                                                     const LinkageOptions& options = {});

/// The linked-deal search on its own, for tests and benchmarks: gains[c][k][i] is decider i's
/// gain in candidate k of issue c; returns the chosen candidate per issue, or nullopt when no
/// combination gives every decider strictly more than `floor`. `nodes` counts visited nodes.
struct LinkedSearchResult {
  std::optional<std::vector<std::size_t>> choice;
  double nash_product = 0;
  std::uint64_t nodes = 0;
  bool exhausted = false;  // the node limit stopped the search
};
LinkedSearchResult SearchLinkedDeal(const std::vector<std::vector<std::vector<double>>>& gains,
                                    std::span<const double> floor, std::uint64_t max_nodes = 0);

}  // namespace mend
