// SPDX-License-Identifier: Apache-2.0
#include "mend/uncertainty/sample_utilities.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <thread>

#include <fmt/format.h>

namespace mend {
namespace {

// Samples per chunk of the spread computation: fixed, so chunk boundaries (and hence the order
// of floating-point merges) never depend on the number of threads or processes.
constexpr std::uint64_t kChunkSamples = 256;

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
  for (std::size_t s = 0; s < states; ++s) {
    effects_.AccumulateDimensionValues(
        *terms, compiled_->space.code(StateId{static_cast<std::uint32_t>(s)}), values_);
    for (std::size_t a = 0; a < actors; ++a) {
      if (definition.preference_kind[a] != PreferenceKind::kValuation) continue;
      const Valuation& valuation = *definition.valuations[a];
      const std::span<const double> own(values_.data() + a * dimensions, dimensions);
      const std::span<const double> reference(status_quo_values_.data() + a * dimensions,
                                              dimensions);
      linear_[a * states + s] = LinearUtility(valuation, own);
      double utility = FoldValuation(valuation, own, reference);
      if (spread_ != nullptr) utility -= valuation.uncertainty_aversion * spread_->sd[a][s];
      table_.utility[a][s] = utility;
    }
  }
  return &table_;
}

Result<UtilitySpread> ComputeUtilitySpread(const CompiledCase& compiled,
                                           const ParameterSampler& sampler, unsigned threads,
                                           std::stop_token stop) {
  const std::uint64_t samples = sampler.options().samples;
  const std::uint64_t chunks = (samples + kChunkSamples - 1) / kChunkSamples;
  const std::size_t actors = compiled.definition.actors.size();
  const std::size_t states = compiled.space.size();
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  threads =
      static_cast<unsigned>(std::min<std::uint64_t>(threads, std::max<std::uint64_t>(chunks, 1)));

  // Worker w takes chunks w, w + T, w + 2T, ...; each chunk's moments are kept and merged in
  // chunk order afterwards, so the result is the same for every T.
  std::vector<UtilityMoments> chunk_moments(chunks);
  std::vector<std::optional<Error>> failures(threads);
  auto work = [&](unsigned worker) {
    SampleUtilityEvaluator evaluator(compiled, nullptr);
    // Each worker draws on its own copy of the compiled expressions: a shared
    // ParameterModel's muparser state is not safe to evaluate from several threads.
    SampleDraws draws(sampler);
    for (std::uint64_t c = worker; c < chunks; c += threads) {
      if (stop.stop_requested()) {
        failures[worker] = Error::Cancelled("the spread computation was cancelled");
        return;
      }
      UtilityMoments moments;
      moments.mean.assign(actors * states, 0.0);
      moments.m2.assign(actors * states, 0.0);
      for (std::uint64_t k = c * kChunkSamples; k < std::min(samples, (c + 1) * kChunkSamples);
           ++k) {
        Result<std::span<const double>> values = draws.Values(k);
        if (!values) {
          failures[worker] = values.error();
          return;
        }
        Result<const UtilityTable*> table = evaluator.Evaluate(*values, k);
        if (!table) {
          failures[worker] = table.error();
          return;
        }
        moments.count += 1;
        const double n = static_cast<double>(moments.count);
        std::span<const double> linear = evaluator.linear();
        for (std::size_t i = 0; i < linear.size(); ++i) {
          const double delta = linear[i] - moments.mean[i];
          moments.mean[i] += delta / n;
          moments.m2[i] += delta * (linear[i] - moments.mean[i]);
        }
      }
      chunk_moments[c] = std::move(moments);
    }
  };
  std::vector<std::jthread> workers;
  for (unsigned w = 1; w < threads; ++w) workers.emplace_back(work, w);
  work(0);
  workers.clear();
  for (const auto& failure : failures) {
    if (failure) return *failure;
  }
  UtilityMoments total;
  for (const UtilityMoments& moments : chunk_moments) total.Merge(moments);
  UtilitySpread spread;
  spread.sd.assign(actors, std::vector<double>(states, 0.0));
  if (total.count >= 2) {
    for (std::size_t a = 0; a < actors; ++a) {
      for (std::size_t s = 0; s < states; ++s) {
        spread.sd[a][s] =
            std::sqrt(total.m2[a * states + s] / static_cast<double>(total.count - 1));
      }
    }
  }
  return spread;
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
