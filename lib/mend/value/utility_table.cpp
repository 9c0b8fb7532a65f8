// SPDX-License-Identifier: Apache-2.0
#include "mend/value/utility_table.hpp"

#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "mend/core/suggest.hpp"
#include "mend/value/prioritization.hpp"

namespace mend {
namespace {

Status RankingUtilities(const CaseDefinition& definition, const StateSpace& space,
                        const Actor& actor, const OrdinalPreferences& preferences,
                        std::vector<double>& utility) {
  std::vector<const RankedState*> seen(space.size(), nullptr);
  const double groups = static_cast<double>(preferences.ranking.size());
  for (std::size_t g = 0; g < preferences.ranking.size(); ++g) {
    for (const RankedState& entry : preferences.ranking[g]) {
      const std::string pattern = definition.PatternOf(entry.code);
      std::optional<StateId> state = space.Find(entry.code);
      if (!state) {
        return Error::InvalidArgument(
                   fmt::format("preferences.{}.ranking: {} is not a feasible state; expected "
                               "each feasible state exactly once",
                               actor.id, pattern))
            .At(entry.where);
      }
      if (const RankedState* first = seen[state->value]) {
        return Error::InvalidArgument(
                   fmt::format("preferences.{}.ranking: {} is listed twice (first at line {}); "
                               "expected each feasible state exactly once",
                               actor.id, pattern, first->where.line))
            .At(entry.where);
      }
      seen[state->value] = &entry;
      utility[state->value] = groups - static_cast<double>(g);
    }
  }
  std::vector<std::string> missing;
  std::size_t missing_count = 0;
  for (std::size_t s = 0; s < space.size(); ++s) {
    if (seen[s] != nullptr) continue;
    ++missing_count;
    if (missing.size() < 5)
      missing.push_back(space.Pattern(StateId{static_cast<std::uint32_t>(s)}));
  }
  if (missing_count > 0) {
    return Error::InvalidArgument(
               fmt::format("preferences.{}.ranking: misses {} feasible state{} ({}{}); expected "
                           "each feasible state exactly once",
                           actor.id, missing_count, missing_count == 1 ? "" : "s",
                           fmt::join(missing, ", "), missing_count > missing.size() ? ", ..." : ""))
        .At(preferences.where);
  }
  return Ok();
}

Status PrioritizationUtilities(const CaseDefinition& definition, const StateSpace& space,
                               const Actor& actor, const OrdinalPreferences& preferences,
                               std::vector<double>& utility) {
  const int k = static_cast<int>(preferences.statements.size());
  if (k > kMaxPriorityStatements) {
    return Error::InvalidArgument(fmt::format("preferences.{}: {} statements; expected at most {}",
                                              actor.id, k, kMaxPriorityStatements))
        .At(preferences.where);
  }
  std::string unknown;  // the last id the statements named that is not an option
  OptionLookup lookup = [&](std::string_view id) -> std::optional<int> {
    if (auto option = definition.FindOption(id)) return static_cast<int>(option->value);
    unknown = std::string(id);
    return std::nullopt;
  };
  std::vector<PriorityStatementFormula> formulas;
  for (int i = 0; i < k; ++i) {
    const PriorityStatement& statement = preferences.statements[static_cast<std::size_t>(i)];
    Result<PriorityStatementFormula> formula = ParsePriorityStatement(statement.text, lookup);
    if (!formula) {
      std::vector<std::string> ids;
      for (const Option& option : definition.options) ids.push_back(option.id);
      const std::string hint = unknown.empty() ? "" : DidYouMean(unknown, ids);
      return Error::InvalidArgument(fmt::format("preferences.{}[{}]: {}{}", actor.id, i,
                                                formula.error().message, hint))
          .At(statement.where);
    }
    formulas.push_back(std::move(*formula));
  }
  for (std::size_t s = 0; s < space.size(); ++s) {
    const StateCode code = space.code(StateId{static_cast<std::uint32_t>(s)});
    double score = 0;
    for (int i = 0; i < k; ++i) {
      if (formulas[static_cast<std::size_t>(i)].Holds(code)) score += std::ldexp(1.0, k - 1 - i);
    }
    utility[s] = score;
  }
  return Ok();
}

}  // namespace

double FoldValuation(const Valuation& valuation, std::span<const double> values,
                     std::span<const double> status_quo_values) {
  double utility = 0;
  for (std::size_t d = 0; d < valuation.weights.size(); ++d) {
    const double weight = valuation.weights[d];
    if (weight == 0) continue;
    if (!valuation.reference_dependent) {
      utility += weight * values[d];
      continue;
    }
    const double change = values[d] - status_quo_values[d];
    utility += weight * (change >= 0 ? change : valuation.loss_aversion * change);
  }
  return utility;
}

Result<UtilityTable> ComputeUtilities(const CaseDefinition& definition, const StateSpace& space,
                                      const EffectModel& effects, const EffectValues& terms) {
  const std::size_t actors = definition.actors.size();
  const std::size_t dimensions = definition.dimensions.size();
  UtilityTable table;
  table.utility.assign(actors, std::vector<double>(space.size(), 0.0));
  table.indifference.assign(actors, 0.0);
  table.cardinal.assign(actors, false);

  bool any_valuation = false;
  for (std::size_t a = 0; a < actors; ++a) {
    const Actor& actor = definition.actors[a];
    switch (definition.preference_kind[a]) {
      case PreferenceKind::kValuation:
        any_valuation = true;
        table.cardinal[a] = true;
        table.indifference[a] = definition.valuations[a]->indifference;
        break;
      case PreferenceKind::kRanking:
        MEND_TRY(
            RankingUtilities(definition, space, actor, *definition.ordinal[a], table.utility[a]));
        break;
      case PreferenceKind::kPrioritization:
        MEND_TRY(PrioritizationUtilities(definition, space, actor, *definition.ordinal[a],
                                         table.utility[a]));
        break;
      case PreferenceKind::kPayoffs:
        table.cardinal[a] = true;
        break;
      case PreferenceKind::kNone:
        return Error::Internal(fmt::format("actor '{}' has no preference source", actor.id));
    }
  }

  if (!definition.payoffs.empty()) {
    std::vector<const PayoffRow*> row_of(space.size(), nullptr);
    for (const PayoffRow& row : definition.payoffs) {
      std::optional<StateId> state = space.Find(row.code);
      if (!state) {
        return Error::InvalidArgument(
                   fmt::format("payoffs.{}: not a feasible state; expected feasible states only",
                               definition.PatternOf(row.code)))
            .At(row.where);
      }
      row_of[state->value] = &row;
    }
    for (std::size_t a = 0; a < actors; ++a) {
      if (definition.preference_kind[a] != PreferenceKind::kPayoffs) continue;
      for (std::size_t s = 0; s < space.size(); ++s) {
        const PayoffRow* row = row_of[s];
        if (row == nullptr || !row->utility[a]) {
          const std::string pattern = space.Pattern(StateId{static_cast<std::uint32_t>(s)});
          SourceLocation where = row ? row->where : definition.payoffs.front().where;
          return Error::InvalidArgument(
                     fmt::format("payoffs: no value for actor '{}' in state {}; expected a value "
                                 "for every actor that uses payoffs in every feasible state",
                                 definition.actors[a].id, pattern))
              .At(where);
        }
        table.utility[a][s] = *row->utility[a];
      }
    }
  }

  if (any_valuation) {
    std::vector<double> status_quo_values = effects.DimensionValues(terms, definition.status_quo);
    std::vector<double> values(actors * dimensions);
    for (std::size_t s = 0; s < space.size(); ++s) {
      effects.AccumulateDimensionValues(terms, space.code(StateId{static_cast<std::uint32_t>(s)}),
                                        values);
      for (std::size_t a = 0; a < actors; ++a) {
        if (definition.preference_kind[a] != PreferenceKind::kValuation) continue;
        const std::span<const double> own(values.data() + a * dimensions, dimensions);
        const std::span<const double> reference(status_quo_values.data() + a * dimensions,
                                                dimensions);
        table.utility[a][s] = FoldValuation(*definition.valuations[a], own, reference);
      }
    }
  }
  return table;
}

}  // namespace mend
