// SPDX-License-Identifier: Apache-2.0
#include "mend/uncertainty/sample_utilities.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <thread>

#include <fmt/format.h>

namespace mend {
namespace {

double LinearUtility(const Valuation& valuation, std::span<const double> values) {
  double utility = 0;
  for (std::size_t d = 0; d < valuation.weights.size(); ++d)
    utility += valuation.weights[d] * values[d];
  return utility;
}

}  // namespace

void UtilityMoments::Merge(const UtilityMoments& later) {
  if (later.count == 0) return;
  if (count == 0) {
    *this = later;
    return;
  }
  const double n_a = static_cast<double>(count);
  const double n_b = static_cast<double>(later.count);
  const double n = n_a + n_b;
  for (std::size_t i = 0; i < mean.size(); ++i) {
    const double delta = later.mean[i] - mean[i];
    mean[i] += delta * n_b / n;
    m2[i] += later.m2[i] + delta * delta * n_a * n_b / n;
  }
  count += later.count;
}

SampleUtilityEvaluator::SampleUtilityEvaluator(const CompiledCase& compiled,
                                               const UtilitySpread* spread)
    : compiled_(&compiled),
      spread_(spread),
      effects_(compiled.effects),
      table_(compiled.utilities) {
  const std::size_t actors = compiled.definition.actors.size();
  linear_.assign(actors * compiled.space.size(), 0.0);
  values_.assign(actors * compiled.definition.dimensions.size(), 0.0);
  status_quo_values_ = values_;
  if (const std::optional<StateId> s0 = compiled.space.Find(compiled.definition.status_quo)) {
    status_quo_state_ = s0->value;
  }
  if (!compiled.expected_values.empty()) {
    const CaseDefinition& definition = compiled.definition;
    const std::size_t dimensions = definition.dimensions.size();
    shifts_.resize(compiled.space.size());
    for (std::uint32_t s = 0; s < compiled.space.size(); ++s) {
      const std::vector<double> central =
          compiled.effects.DimensionValues(compiled.central_terms, compiled.space.code(StateId{s}));
      const std::vector<double> expected = CentralValuesAt(compiled, StateId{s});
      for (std::size_t slot = 0; slot < central.size(); ++slot) {
        if (definition.dimensions[slot % dimensions].expectation) {
          shifts_[s].emplace_back(slot, expected[slot] - central[slot]);
        }
      }
    }
  }
  if (WeighsStatus(compiled.definition)) {
    const CaseDefinition& definition = compiled.definition;
    const std::size_t dimensions = definition.dimensions.size();
    linear_without_status_ = linear_;
    status_weights_.assign(actors * dimensions, 0.0);
    for (std::size_t a = 0; a < actors; ++a) {
      if (definition.preference_kind[a] != PreferenceKind::kValuation) continue;
      const Valuation& valuation = *definition.valuations[a];
      for (std::size_t d = 0; d < valuation.weights.size(); ++d) {
        if (definition.dimensions[d].is_status())
          status_weights_[a * dimensions + d] = valuation.weights[d];
      }
    }
  }
}

void SampleUtilityEvaluator::KeepDimensionValues() {
  dimension_values_.assign(compiled_->space.size() * values_.size(), 0.0);
}

bool WeighsStatus(const CaseDefinition& definition) {
  for (std::size_t a = 0; a < definition.actors.size(); ++a) {
    if (definition.preference_kind[a] != PreferenceKind::kValuation) continue;
    const Valuation& valuation = *definition.valuations[a];
    for (std::size_t d = 0; d < valuation.weights.size(); ++d) {
      if (valuation.weights[d] != 0 && definition.dimensions[d].is_status()) return true;
    }
  }
  return false;
}

Result<const UtilityTable*> SampleUtilityEvaluator::Evaluate(std::span<const double> values,
                                                             std::uint64_t k) {
  const CaseDefinition& definition = compiled_->definition;
  const std::size_t actors = definition.actors.size();
  const std::size_t dimensions = definition.dimensions.size();
  const std::size_t states = compiled_->space.size();
  label_.clear();
  fmt::format_to(std::back_inserter(label_), "sample {}", k);
  Result<EffectValues> terms = effects_.Evaluate(values, label_);
  if (!terms) return std::move(terms).error();
  effects_.AccumulateDimensionValues(*terms, definition.status_quo, status_quo_values_);
  if (!shifts_.empty()) {
    for (const auto& [slot, shift] : shifts_[status_quo_state_]) status_quo_values_[slot] += shift;
  }
  for (std::size_t s = 0; s < states; ++s) {
    effects_.AccumulateDimensionValues(
        *terms, compiled_->space.code(StateId{static_cast<std::uint32_t>(s)}), values_);
    if (!shifts_.empty()) {
      for (const auto& [slot, shift] : shifts_[s]) values_[slot] += shift;
    }
    if (!dimension_values_.empty()) {
      std::copy(values_.begin(), values_.end(),
                dimension_values_.begin() + static_cast<std::ptrdiff_t>(s * values_.size()));
    }
    for (std::size_t a = 0; a < actors; ++a) {
      if (definition.preference_kind[a] != PreferenceKind::kValuation) continue;
      const Valuation& valuation = *definition.valuations[a];
      const std::span<const double> own(values_.data() + a * dimensions, dimensions);
      const std::span<const double> reference(status_quo_values_.data() + a * dimensions,
                                              dimensions);
      linear_[a * states + s] = LinearUtility(valuation, own);
      if (!linear_without_status_.empty()) {
        double status = 0;
        for (std::size_t d = 0; d < dimensions; ++d)
          status += status_weights_[a * dimensions + d] * own[d];
        linear_without_status_[a * states + s] = linear_[a * states + s] - status;
      }
      double utility = FoldValuation(valuation, own, reference);
      if (spread_ != nullptr) utility -= valuation.uncertainty_aversion * spread_->sd[a][s];
      table_.utility[a][s] = utility;
    }
  }
  return &table_;
}

double UtilitySpread::StandardError(ActorIndex actor, StateId state) const {
  if (samples < 2) return 0;
  return sd[actor.value][state.value] / std::sqrt(2.0 * static_cast<double>(samples - 1));
}

void ApplyUncertaintyAversion(const CaseDefinition& definition, const UtilitySpread& spread,
                              UtilityTable& utilities) {
  for (std::size_t a = 0; a < definition.actors.size(); ++a) {
    if (definition.preference_kind[a] != PreferenceKind::kValuation) continue;
    const double rho = definition.valuations[a]->uncertainty_aversion;
    if (rho == 0) continue;
    for (std::size_t s = 0; s < utilities.utility[a].size(); ++s) {
      utilities.utility[a][s] -= rho * spread.sd[a][s];
    }
  }
}

}  // namespace mend
