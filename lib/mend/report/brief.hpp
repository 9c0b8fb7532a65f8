// SPDX-License-Identifier: Apache-2.0
//
// The brief: what confrontation over one issue costs one actor, in that actor's language,
// generated from the analysis alone (the text of every sentence is a template; every figure and
// name comes from the case and its analysis). Sections: bottom line, the ledger by dimension with
// sources, what the others gain, robustness, perception gaps, the status-quo concern, the
// proposed arrangement, sources and method. A section whose analysis was not run is left out.
//
// Example:
//   BriefOptions options;
//   options.language = Language::kRussian;
//   MEND_TRY(std::string markdown, BriefMarkdown(analysis, ActorIndex{1}, options));
//   std::string page = BriefHtmlDocument(markdown, options.language, "…");
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/core/result.hpp"
#include "mend/render/analysis_json.hpp"
#include "mend/report/number_format.hpp"

namespace mend {

/// The Monte Carlo spread of one actor's ledger total (a* against the default).
struct LedgerRange {
  double p5 = 0;
  double p95 = 0;
  /// Share of samples in which a* leaves the actor worse off than the default.
  double p_loss = 0;
};

/// The interval of one parameter, the others at their medians, on which a conclusion of the
/// brief holds (the sensitivity analysis' holds_from / holds_to).
struct SwitchingPoint {
  ParameterIndex parameter;
  /// What flips outside it: the actor's own gain from the alternative changes sign, and/or the
  /// default stops being Pareto-dominated (nothing leaves every side better off).
  bool own_gain = false;
  bool default_dominated = false;
  /// The ends of the interval; nullopt where the conclusion holds to that end of the scanned
  /// range (p0.5 or p99.5). At least one end is set.
  std::optional<double> holds_from;
  std::optional<double> holds_to;
};

/// One actor's unconditional gain: each sample's own alternative against its own default.
struct UnconditionalRange {
  double mean = 0;
  double p5 = 0;
  double p95 = 0;
};

struct BriefUncertainty {
  std::uint64_t samples = 0;
  std::uint64_t seed = 0;
  std::map<std::size_t, LedgerRange> ledger;  // by actor index
  std::vector<SwitchingPoint> switching;
  /// How likely the brief's comparison is: the shares of samples whose own default is the
  /// brief's default and whose own alternative is its alternative, and the share without any.
  std::optional<double> p_default;
  std::optional<double> p_alternative;
  std::optional<double> p_no_alternative;
  std::map<std::size_t, UnconditionalRange> unconditional;  // by actor index
  /// The samples' most frequent default and its share, when it is not the brief's default.
  std::optional<StateId> most_frequent_default;
  std::optional<double> p_most_frequent_default;
};

/// One perception gap held by the brief's actor about another actor.
struct BriefPerceptionGap {
  ActorIndex about;
  DimensionIndex dimension;
  double perceived_weight = 0;
  double actual_weight = 0;
};

struct BriefPerception {
  std::vector<BriefPerceptionGap> gaps;
  /// u(a*) − u(own proposal, or the default when it is rejected) for the brief's actor.
  double cost_of_misperception = 0;
};

/// The persuasion gap of a* for one decider (status-quo attachment).
struct BriefViabilityEntry {
  ActorIndex decider;
  double gap = 0;
  std::optional<DimensionIndex> closing_dimension;
  /// True when removing that dimension's uncertainty closes the gap entirely.
  bool closes = false;
  /// The gap left once that dimension's uncertainty is removed.
  double gap_after = 0;
  /// The spread (standard deviation over the samples) of the decider's linear utility under
  /// the status quo and under the alternative, and its uncertainty aversion ρ.
  double status_quo_sd = 0;
  double proposal_sd = 0;
  double uncertainty_aversion = 0;
};

struct BriefViability {
  bool viable = true;
  std::vector<BriefViabilityEntry> deciders;
};

struct BriefOptions {
  Language language = Language::kEnglish;
  std::string version;
  /// Set when the case was analysed as part of a portfolio (named here).
  std::string portfolio_title;
  std::optional<BriefUncertainty> uncertainty;
  std::optional<BriefPerception> perception;
  std::optional<BriefViability> viability;
};

/// Writes the brief of `actor` as Markdown. Every case string is escaped for Markdown.
/// Fails with kInvalidArgument when the actor is out of range, and kInternal when a template
/// does not render.
[[nodiscard]] Result<std::string> BriefMarkdown(const CaseAnalysis& analysis, ActorIndex actor,
                                                const BriefOptions& options);

/// Wraps the brief's HTML (MarkdownToHtml of `markdown`) in a complete page with inline style.
std::string BriefHtmlDocument(const std::string& markdown, Language language,
                              const std::string& title);

/// Returns the unit of `actor`'s utility total when every dimension it weighs is in one currency
/// at weight 1 (loss aversion keeps the currency), e.g. "USD bn/yr"; otherwise "" (utility units).
std::string TotalUnit(const CaseDefinition& definition, ActorIndex actor);

/// TotalUnit in `language`: in Russian the case's `unit_ru` of the first dimension carrying that
/// unit, else mend's own translation of the common units ("млрд долл. в год").
std::string TotalUnitIn(const CaseDefinition& definition, ActorIndex actor, Language language);

/// Returns the case text in `language`: the `_ru` translation in Russian when there is one.
/// `untranslated` is set when Russian was asked for and the original had to be used.
std::string Localized(const LocalizedText& text, Language language, bool* untranslated = nullptr);

}  // namespace mend
