// SPDX-License-Identifier: Apache-2.0
#include "mend/efficiency/trace.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "mend/efficiency/efficiency.hpp"

namespace mend {
namespace {

// The identifiers an expression names (function names such as `min` simply match no parameter).
std::vector<std::string> Identifiers(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (std::isalpha(c) != 0 || c == '_') {
      std::size_t j = i;
      while (j < text.size() &&
             (std::isalnum(static_cast<unsigned char>(text[j])) != 0 || text[j] == '_')) {
        ++j;
      }
      out.push_back(text.substr(i, j - i));
      i = j;
    } else if (std::isdigit(c) != 0 || c == '.') {
      // Skip a number, exponent included ("1e3" is not the identifier "e3").
      std::size_t j = i;
      while (j < text.size() &&
             (std::isalnum(static_cast<unsigned char>(text[j])) != 0 || text[j] == '.')) {
        ++j;
      }
      i = j;
    } else {
      ++i;
    }
  }
  return out;
}

void CollectParameters(const CaseDefinition& definition, const std::string& text,
                       std::set<std::uint32_t>& seen) {
  for (const std::string& name : Identifiers(text)) {
    for (std::uint32_t p = 0; p < definition.parameters.size(); ++p) {
      if (definition.parameters[p].id != name || !seen.insert(p).second) continue;
      for (const ParameterField& field : definition.parameters[p].fields) {
        CollectParameters(definition, field.expression, seen);
      }
    }
  }
}

}  // namespace

Result<StateTrace> ExplainState(const CompiledCase& compiled, StateId state, ActorIndex actor) {
  const CaseDefinition& definition = compiled.definition;
  if (actor.value >= definition.actors.size()) {
    return Error::InvalidArgument("explain: actor out of range");
  }
  if (state.value >= compiled.space.size()) {
    return Error::InvalidArgument("explain: state out of range");
  }
  const std::size_t dimensions = definition.dimensions.size();
  StateTrace trace;
  trace.state = state;
  trace.actor = actor;
  trace.preference = definition.preference_kind[actor.value];
  trace.utility = compiled.utilities.at(actor, state);

  const std::vector<double> values = CentralDimensionValues(compiled, state);
  const std::vector<double> reference = CentralStatusQuoValues(compiled);
  const std::vector<std::size_t> fired =
      compiled.effects.MatchingEffects(compiled.space.code(state));
  std::vector<std::size_t> first_term(definition.effects.size(), 0);
  for (std::size_t e = 1; e < definition.effects.size(); ++e) {
    first_term[e] = first_term[e - 1] + definition.effects[e - 1].terms.size();
  }
  const auto& valuation = definition.valuations[actor.value];
  std::set<std::uint32_t> all_parameters;
  std::set<std::size_t> sources;
  for (std::size_t k = 0; k < dimensions; ++k) {
    DimensionTrace dimension;
    dimension.dimension = DimensionIndex{static_cast<std::uint32_t>(k)};
    const std::size_t slot = actor.value * dimensions + k;
    dimension.value = values[slot];
    dimension.status_quo_value = reference[slot];
    if (valuation) {
      dimension.weight = valuation->weights[k];
      double change = dimension.value;
      if (valuation->reference_dependent) {
        change = dimension.value - dimension.status_quo_value;
        if (change < 0) change *= valuation->loss_aversion;
      }
      dimension.contribution = dimension.weight * change;
    }
    bool has_term = false;
    for (std::size_t e = 0; e < definition.effects.size(); ++e) {
      const Effect& effect = definition.effects[e];
      const bool matches = std::binary_search(fired.begin(), fired.end(), e);
      for (std::size_t t = 0; t < effect.terms.size(); ++t) {
        const EffectTerm& term = effect.terms[t];
        if (term.actor != actor || term.dimension.value != k) continue;
        has_term = true;
        if (!matches) continue;
        TermTrace item;
        item.effect = e;
        item.key = term.key;
        item.expression = term.expression;
        item.value = compiled.central_terms.terms[first_term[e] + t];
        std::set<std::uint32_t> named;
        CollectParameters(definition, term.expression, named);
        for (std::uint32_t p : named) {
          item.parameters.push_back(ParameterIndex{p});
          all_parameters.insert(p);
          if (definition.parameters[p].source) sources.insert(*definition.parameters[p].source);
        }
        if (effect.source) sources.insert(*effect.source);
        dimension.terms.push_back(std::move(item));
      }
    }
    if (has_term || dimension.weight != 0) trace.dimensions.push_back(std::move(dimension));
  }
  for (std::uint32_t p : all_parameters) trace.parameters.push_back(ParameterIndex{p});
  trace.sources.assign(sources.begin(), sources.end());
  return trace;
}

}  // namespace mend
