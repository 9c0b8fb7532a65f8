// SPDX-License-Identifier: Apache-2.0
//
// CaseDefinition: everything a case file says, with every id resolved to an index and every
// element remembering where in the file it was written (so later checks can point at it).
// The io/ loader builds it; the state space and the value model are derived from it.
//
// Example:
//   const CaseDefinition& c = loaded.definition;
//   for (const Option& option : c.options) fmt::print("{} ({})\n", option.id,
//   c.actors[option.owner.value].id);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mend/core/error.hpp"
#include "mend/core/ids.hpp"
#include "mend/model/pattern.hpp"

namespace mend {

/// The case format version this build reads.
inline constexpr int kFormatVersion = 1;
/// At most this many options per case: a state's code is one 64-bit word.
inline constexpr int kMaxOptions = 64;

/// A free-text field with an optional Russian translation (`name_ru`, `title_ru`, ...).
struct LocalizedText {
  std::string text;
  std::string ru;  // empty when the case gives no translation
};

enum class ActorRole { kDecider, kAffected };

struct Actor {
  std::string id;
  LocalizedText name;
  ActorRole role = ActorRole::kDecider;
  std::string language;  // "en", "ru", ... ; empty when not given
  SourceLocation where;

  bool is_decider() const { return role == ActorRole::kDecider; }
};

struct Dimension {
  std::string id;
  LocalizedText name;
  std::string unit;
  std::string unit_ru;  // the unit in Russian; empty when the case gives none
  std::vector<std::string> tags;
  /// `expectation: true`: the dimension's values are expected costs or gains (probability ×
  /// size), so the central analysis summarises it by its mean over the samples rather than by
  /// its value at the parameters' medians (docs/analyses.md, "Expected-cost dimensions").
  bool expectation = false;
  SourceLocation where;

  /// Returns true for dimensions tagged `status`, which the status-neutral ledger leaves out.
  bool is_status() const;
};

/// What a source is (`kind:`): the publisher's own page or document, a report of it by
/// someone else, or the case authors' judgement (which has no publisher).
enum class SourceKind { kPrimary, kSecondary, kJudgement };

/// Returns the format's spelling of a source kind ("primary", ...).
const char* SourceKindName(SourceKind kind);

struct Source {
  std::string id;
  LocalizedText cite;
  std::string url;
  std::string accessed;            // ISO date YYYY-MM-DD; empty when the case gives none
  std::optional<SourceKind> kind;  // nullopt when the case does not say
  SourceLocation where;
  SourceLocation url_where;  // where `url` was written (unknown without one)
};

enum class DistributionKind { kFixed, kUniform, kTriangular, kNormal, kLognormal, kPert };

/// One field of a distribution (`min`, `mode`, `median`, ...): a number or an expression over
/// other parameters, kept as text so it can be compiled with the others.
struct ParameterField {
  std::string name;        // "min", "mode", ...
  std::string expression;  // the number's text or the expression
  SourceLocation where;
};

struct Parameter {
  std::string id;
  LocalizedText name;  // the parameter in words; empty when the case gives none
  DistributionKind kind = DistributionKind::kFixed;
  std::vector<ParameterField> fields;  // in the order DistributionFieldNames(kind) gives
  std::string unit;
  std::string unit_ru;                // the unit in Russian; empty when the case gives none
  std::optional<std::size_t> source;  // index into CaseDefinition::sources
  LocalizedText note;
  SourceLocation where;
  /// Set when a portfolio declares this parameter (index into PortfolioDefinition::parameters):
  /// the portfolio's definition replaced the case's, and it is drawn once per sample for every
  /// issue of the portfolio.
  std::optional<std::size_t> shared;
};

struct Correlation {
  ParameterIndex first;
  ParameterIndex second;
  double rank = 0;
  SourceLocation where;
};

enum class Irreversibility { kNone, kForward, kBackward };

struct Option {
  std::string id;
  LocalizedText name;
  ActorIndex owner;
  Irreversibility irreversibility = Irreversibility::kNone;
  SourceLocation where;
};

enum class ConstraintKind { kExclusive, kAtLeastOne, kRequires, kInfeasible };

/// A feasibility rule. exclusive/at_least_one use `options`; requires uses `condition` ⇒
/// `consequence` (every option of the condition Y forces every option of the consequence Y);
/// infeasible uses `pattern`.
struct Constraint {
  ConstraintKind kind = ConstraintKind::kExclusive;
  StateCode options = 0;
  StateCode condition = 0;
  StateCode consequence = 0;
  PartialPattern pattern;
  std::string label;  // "constraints[2] (exclusive: ru_limit, ru_novel)", for messages
  SourceLocation where;
};

/// One addend of an effect: actor's value on dimension += expression.
struct EffectTerm {
  ActorIndex actor;
  DimensionIndex dimension;
  std::string expression;
  std::string key;  // "effects[3].us.budget"
  SourceLocation where;
};

struct Effect {
  PartialPattern when;
  std::vector<EffectTerm> terms;
  std::optional<std::size_t> source;
  LocalizedText note;
  SourceLocation where;
};

/// How an actor folds dimension values into one utility (analyses.md, status-quo attachment).
struct Valuation {
  std::vector<double> weights;  // per dimension; 0 where the case gives none
  double loss_aversion = 1.0;
  double uncertainty_aversion = 0.0;
  double indifference = 0.0;
  bool reference_dependent = false;  // loss_aversion or uncertainty_aversion given
  SourceLocation where;
};

struct Perception {
  ActorIndex holder;
  ActorIndex about;
  std::vector<std::pair<DimensionIndex, double>> weights;  // overrides of the subject's weights
  std::optional<double> loss_aversion;
  std::optional<double> uncertainty_aversion;
  std::optional<double> indifference;
  LocalizedText note;
  SourceLocation where;
};

/// One option-prioritisation statement, e.g. "ru_limit if us_limit".
struct PriorityStatement {
  std::string text;
  SourceLocation where;
};

/// One entry of a direct ranking: a full state written as its pattern string.
struct RankedState {
  StateCode code = 0;
  SourceLocation where;
};

enum class PreferenceKind { kNone, kValuation, kPrioritization, kRanking, kPayoffs };

/// An actor's ordinal preferences (GMCR style): statements, or a ranking whose inner vectors
/// are groups of tied states, most preferred first.
struct OrdinalPreferences {
  std::vector<PriorityStatement> statements;
  std::vector<std::vector<RankedState>> ranking;
  SourceLocation where;
};

/// One row of `payoffs`: a full state and the utility of each actor that takes part.
struct PayoffRow {
  StateCode code = 0;
  std::vector<std::optional<double>> utility;  // per actor
  SourceLocation where;
};

/// A group of deciders that may move jointly (coalition analysis, docs/stability.md).
struct CoalitionDefinition {
  std::vector<ActorIndex> members;  // deciders, in the order written
  SourceLocation where;
};

struct CaseDefinition {
  std::string file;  // as given to the loader, for messages
  std::string id;
  LocalizedText title;
  LocalizedText summary;
  std::vector<Source> sources;
  std::vector<Actor> actors;
  std::vector<Dimension> dimensions;
  std::vector<Parameter> parameters;
  std::vector<Correlation> correlations;
  std::vector<Option> options;
  std::vector<Constraint> constraints;
  StateCode status_quo = 0;
  SourceLocation status_quo_where;
  std::optional<StateCode> explicit_default;  // nullopt for `default: auto`
  SourceLocation default_where;
  std::vector<Effect> effects;
  std::vector<PreferenceKind> preference_kind;             // per actor
  std::vector<std::optional<Valuation>> valuations;        // per actor
  std::vector<std::optional<OrdinalPreferences>> ordinal;  // per actor
  std::vector<PayoffRow> payoffs;
  std::vector<Perception> perceptions;
  std::vector<bool> accepts_linkage;            // per actor; true unless the case says false
  std::vector<CoalitionDefinition> coalitions;  // empty when the case names none

  int option_count() const { return static_cast<int>(options.size()); }
  /// Returns the deciders' indices in file order.
  std::vector<ActorIndex> Deciders() const;
  /// Returns the pattern string of a full state code ("YNYN").
  std::string PatternOf(StateCode code) const { return FormatPattern(code, option_count()); }
  /// Returns the index of the actor with this id, if any.
  std::optional<ActorIndex> FindActor(std::string_view actor_id) const;
  /// Returns the index of the option with this id, if any.
  std::optional<OptionIndex> FindOption(std::string_view option_id) const;
};

/// A portfolio: cases sharing deciders, analysed under the no-linkage rule.
struct PortfolioDefinition {
  std::string file;
  std::string id;
  LocalizedText title;
  LocalizedText summary;
  struct CaseFile {
    std::string path;  // resolved against the portfolio file's folder
    SourceLocation where;
  };
  std::vector<CaseFile> cases;
  std::vector<std::pair<std::string, bool>> linkage;  // actor id -> accepts linkage
  /// Parameters shared by the issues (`parameters:`): each replaces the case parameter of the
  /// same id in every case and is drawn once per sample; their fields are plain numbers. Their
  /// sources come from the portfolio's own `sources:`.
  std::vector<Parameter> parameters;
  std::vector<Source> sources;
};

/// Returns the field names a distribution takes, in order: e.g. {"min", "mode", "max"}.
std::vector<std::string> DistributionFieldNames(DistributionKind kind);
/// Returns the format's spelling of the distribution ("triangular", ...).
const char* DistributionName(DistributionKind kind);

}  // namespace mend
