// SPDX-License-Identifier: Apache-2.0
#include "mend/lenses/attachment.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "mend/uncertainty/parameter_sampler.hpp"

namespace mend {
namespace {

// Sample standard deviation (n − 1), as the utility spread of the uncertainty component uses.
double SampleSd(const std::vector<double>& values) {
  if (values.size() < 2) return 0;
  double mean = 0;
  for (double v : values) mean += v;
  mean /= static_cast<double>(values.size());
  double m2 = 0;
  for (double v : values) m2 += (v - mean) * (v - mean);
  return std::sqrt(m2 / static_cast<double>(values.size() - 1));
}

// Sample by sample, the proposal's linear utility minus the status quo's.
std::vector<double> Change(const std::vector<double>& proposal,
                           const std::vector<double>& status_quo) {
  std::vector<double> change(proposal.size());
  for (std::size_t k = 0; k < proposal.size(); ++k) change[k] = proposal[k] - status_quo[k];
  return change;
}

}  // namespace

Result<ViabilityReport> AnalyzeViability(const CompiledCase& compiled, StateId proposal,
                                         const ViabilityOptions& options) {
  const CaseDefinition& definition = compiled.definition;
  const std::optional<StateId> status_quo = compiled.space.Find(definition.status_quo);
  if (!status_quo) return Error::InvalidArgument("the status quo is not a feasible state");
  if (proposal.value >= compiled.space.size()) {
    return Error::InvalidArgument("the proposal is not a feasible state of the case");
  }
  const std::size_t dimensions = definition.dimensions.size();
  const std::vector<ActorIndex> deciders = definition.Deciders();

  ViabilityReport report;
  report.proposal = proposal;
  report.status_quo = *status_quo;
  report.seed = options.seed;

  bool any_aversion = false;
  for (ActorIndex i : deciders) {
    const auto& valuation = definition.valuations[i.value];
    if (definition.preference_kind[i.value] == PreferenceKind::kValuation && valuation &&
        valuation->uncertainty_aversion > 0) {
      any_aversion = true;
    }
  }

  // Per decider, the samples of the linear utility of s0 and p: index 0 with every dimension
  // varying, index 1 + d with dimension d held at its central values.
  const StateCode codes[2] = {compiled.space.code(*status_quo), compiled.space.code(proposal)};
  std::vector<std::vector<std::vector<double>>> linear(
      definition.actors.size(), std::vector<std::vector<double>>(2 * (dimensions + 1)));
  if (any_aversion) {
    if (options.samples < 2) {
      return Error::InvalidArgument(fmt::format(
          "--samples {}: expected at least 2 to measure the utility spread", options.samples));
    }
    MEND_TRY(ParameterSampler sampler,
             ParameterSampler::Create(definition, compiled.parameters,
                                      {.seed = options.seed, .samples = options.samples}));
    EffectModel effects = compiled.effects;  // evaluation mutates the expression buffers
    std::vector<double> central[2] = {effects.DimensionValues(compiled.central_terms, codes[0]),
                                      effects.DimensionValues(compiled.central_terms, codes[1])};
    for (std::uint64_t k = 0; k < options.samples; ++k) {
      MEND_TRY(std::vector<double> values, sampler.Sample(k));
      MEND_TRY(EffectValues terms, effects.Evaluate(values, fmt::format("sample {}", k)));
      for (int which = 0; which < 2; ++which) {
        const std::vector<double> v = effects.DimensionValues(terms, codes[which]);
        for (ActorIndex i : deciders) {
          const auto& valuation = definition.valuations[i.value];
          if (!valuation || valuation->uncertainty_aversion <= 0) continue;
          const double* own = v.data() + i.value * dimensions;
          const double* own_central = central[which].data() + i.value * dimensions;
          double full = 0;
          for (std::size_t d = 0; d < dimensions; ++d) full += valuation->weights[d] * own[d];
          auto& series = linear[i.value];
          series[which * (dimensions + 1)].push_back(full);
          for (std::size_t d = 0; d < dimensions; ++d) {
            series[which * (dimensions + 1) + 1 + d].push_back(
                full + valuation->weights[d] * (own_central[d] - own[d]));
          }
        }
      }
    }
    report.samples = options.samples;
  }

  report.viable = true;
  for (ActorIndex i : deciders) {
    DeciderViability entry;
    entry.decider = i;
    const double u0 = compiled.utilities.at(i, *status_quo);
    const double up = compiled.utilities.at(i, proposal);
    entry.proposal_central_gain = up - u0;
    const auto& valuation = definition.valuations[i.value];
    const bool valued =
        definition.preference_kind[i.value] == PreferenceKind::kValuation && valuation;
    if (valued) {
      entry.loss_aversion = valuation->loss_aversion;
      entry.uncertainty_aversion = valuation->uncertainty_aversion;
    }
    const double rho = entry.uncertainty_aversion;
    const auto& series = linear[i.value];
    // The spread is that of the change from the status quo (docs/analyses.md), so the status
    // quo's own is 0 and the proposal's is sd(U(p) − U(s0)) over the same samples.
    if (valued && rho > 0) entry.proposal_sd = SampleSd(Change(series[dimensions + 1], series[0]));
    entry.status_quo_utility = u0 - rho * entry.status_quo_sd;
    entry.proposal_utility = up - rho * entry.proposal_sd;
    entry.gap = std::max(0.0, entry.status_quo_utility - entry.proposal_utility);
    if (entry.gap > 0 && valued && rho > 0) {
      double best = entry.gap;
      for (std::size_t d = 0; d < dimensions; ++d) {
        if (valuation->weights[d] == 0) continue;
        const double sdp = SampleSd(Change(series[dimensions + 1 + 1 + d], series[1 + d]));
        const double gap = std::max(0.0, u0 - (up - rho * sdp));
        entry.relief.push_back({DimensionIndex{static_cast<std::uint32_t>(d)}, gap});
        // A relief must be material, not floating-point noise, to name a dimension.
        if (gap < best - 1e-12 * std::max(1.0, std::abs(entry.gap))) {
          best = gap;
          entry.closing_dimension = DimensionIndex{static_cast<std::uint32_t>(d)};
        }
      }
      entry.closes = entry.closing_dimension.has_value() && best <= 0;
    }
    if (entry.gap > 0) report.viable = false;
    report.deciders.push_back(std::move(entry));
  }
  return report;
}

}  // namespace mend
