// SPDX-License-Identifier: Apache-2.0
#include "mend/value/effect_model.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace mend {

Result<EffectModel> EffectModel::Compile(const CaseDefinition& definition) {
  std::vector<std::string> ids;
  for (const Parameter& parameter : definition.parameters) ids.push_back(parameter.id);
  EffectModel model{ExpressionSet(ids)};
  model.case_id_ = definition.id;
  model.dimension_count_ = definition.dimensions.size();
  model.actor_count_ = definition.actors.size();
  for (const Effect& effect : definition.effects) {
    model.effects_.push_back({effect.when, model.terms_.size(), effect.terms.size()});
    for (const EffectTerm& term : effect.terms) {
      Result<std::size_t> handle = model.expressions_.Add(term.expression);
      if (!handle) {
        return Error::InvalidArgument(fmt::format("{}: {}", term.key, handle.error().message))
            .At(term.where);
      }
      model.terms_.push_back(
          {term.actor.value * model.dimension_count_ + term.dimension.value, *handle});
      model.term_keys_.push_back(term.key);
      model.term_locations_.push_back(term.where);
    }
  }
  return model;
}

Result<EffectValues> EffectModel::Evaluate(std::span<const double> parameters,
                                           std::string_view sample) const {
  expressions_.SetParameters(parameters);
  EffectValues values;
  values.terms.resize(terms_.size());
  for (std::size_t t = 0; t < terms_.size(); ++t) {
    const double value = expressions_.Evaluate(terms_[t].handle);
    if (!std::isfinite(value)) {
      return Error::InvalidArgument(
                 fmt::format("{}: case '{}' evaluates \"{}\" to {} at {}; expected a finite "
                             "number (division by zero or overflow?)",
                             term_keys_[t], case_id_, expressions_.text(terms_[t].handle),
                             std::isnan(value) ? "NaN (not a number)"
                             : value > 0       ? "infinity"
                                               : "-infinity",
                             sample))
          .At(term_locations_[t]);
    }
    values.terms[t] = value;
  }
  return values;
}

void EffectModel::AccumulateDimensionValues(const EffectValues& values, StateCode code,
                                            std::span<double> out) const {
  MEND_ASSERT(out.size() == actor_count_ * dimension_count_, "buffer of actors x dimensions");
  std::fill(out.begin(), out.end(), 0.0);
  for (const CompiledEffect& effect : effects_) {
    if (!effect.when.Matches(code)) continue;
    for (std::size_t t = effect.first_term; t < effect.first_term + effect.term_count; ++t) {
      out[terms_[t].slot] += values.terms[t];
    }
  }
}

std::vector<double> EffectModel::DimensionValues(const EffectValues& values, StateCode code) const {
  std::vector<double> out(actor_count_ * dimension_count_);
  AccumulateDimensionValues(values, code, out);
  return out;
}

std::vector<std::size_t> EffectModel::MatchingEffects(StateCode code) const {
  std::vector<std::size_t> matching;
  for (std::size_t e = 0; e < effects_.size(); ++e) {
    if (effects_[e].when.Matches(code)) matching.push_back(e);
  }
  return matching;
}

}  // namespace mend
