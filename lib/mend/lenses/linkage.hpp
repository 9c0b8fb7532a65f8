// SPDX-License-Identifier: Apache-2.0
//
// Portfolios under the no-linkage rule (docs/analyses.md, "Portfolios and the no-linkage rule";
// docs/lenses.md). Standalone, each issue contributes the gains of its own recommended
// alternative a* over its own default (0 without one). The linked deal picks one state per
// issue so that every decider's summed gain is at least its standalone total, maximising the
// Nash product of the summed gains over the standalone totals. The search is a branch and bound
// over the product of the issues' Pareto frontiers (a dominated state can always be swapped for
// one that dominates it without lowering the product), never an enumeration of the product
// space. When any actor refuses linkage, the linked deal is unavailable; the analysis still
// computes it to say which issues are positive-sum alone and which would need linkage.
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
};

struct LinkageAnalysis {
  /// The deciders, by id, in the first issue's file order.
  std::vector<std::string> deciders;
  std::vector<LinkageIssueResult> issues;  // portfolio order
  std::vector<double> standalone_gains;    // per decider: Σ over issues of u_i(a*) − u_i(d)
  std::vector<double> linked_gains;        // per decider, on the linked deal
  std::vector<double> premium;             // linked − standalone
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
};

/// Analyses the portfolio under the no-linkage rule. Every issue must share the deciders of
/// the first (the loader checks this; matched by actor id). Gains are the central utilities;
/// indifference thresholds are not applied to sums across issues.
/// Fails with kInvalidArgument when `issues` is empty or an issue lacks a decider of the first,
/// and with kFailedPrecondition when the search exceeds `options.max_nodes`.
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
