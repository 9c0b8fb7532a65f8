// SPDX-License-Identifier: Apache-2.0
#include "mend/uncertainty/convergence.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace mend {
namespace {

constexpr double kZ95 = 1.96;

struct Figure {
  std::string name;
  double value = 0;
  double standard_error = 0;
  double first_half = 0;
  double second_half = 0;
  /// The half-width the 95 % interval may have.
  double tolerance = 0;
};

// The samples that would bring 1.96·se within the tolerance: se falls as 1/√n.
std::uint64_t SamplesFor(const Figure& figure, std::uint64_t samples) {
  if (figure.tolerance <= 0 || figure.standard_error <= 0) return samples;
  const double ratio = kZ95 * figure.standard_error / figure.tolerance;
  const double needed = std::ceil(static_cast<double>(samples) * ratio * ratio);
  return std::max<std::uint64_t>(samples, static_cast<std::uint64_t>(std::min(needed, 1e15)));
}

void Check(const Figure& figure, std::uint64_t samples, std::vector<ConvergenceWarning>& out) {
  ConvergenceWarning warning;
  warning.figure = figure.name;
  warning.value = figure.value;
  warning.standard_error = figure.standard_error;
  warning.first_half = figure.first_half;
  warning.second_half = figure.second_half;
  const double half_width = kZ95 * figure.standard_error;
  const double gap = std::abs(figure.first_half - figure.second_half);
  if (half_width > figure.tolerance) {
    warning.reason = fmt::format("its 95 % Monte Carlo interval (±{:.3g}) is wider than ±{:.3g}",
                                 half_width, figure.tolerance);
    warning.suggested_samples = SamplesFor(figure, samples);
  } else if (gap > kSplitHalfStandardErrors * figure.standard_error && gap > 0) {
    warning.reason = fmt::format(
        "the two halves of the samples disagree ({:.4g} against {:.4g}), more than their standard "
        "error allows: a heavy tail, which more samples may or may not settle",
        figure.first_half, figure.second_half);
    warning.suggested_samples = 2 * samples;
  } else {
    return;
  }
  out.push_back(std::move(warning));
}

Figure OfProbability(std::string name, const SampledProbability& p) {
  return {std::move(name), p.p,           p.standard_error,
          p.first_half,    p.second_half, kProbabilityTolerance};
}

Figure OfMean(std::string name, const LedgerDistribution& d) {
  // The scale of a mean near 0 is the spread of the values around it.
  const double scale = std::max(std::abs(d.mean), 0.1 * (d.p95 - d.p5));
  return {std::move(name),       d.mean,
          d.mean_standard_error, d.first_half_mean,
          d.second_half_mean,    kRelativeTolerance * scale};
}

}  // namespace

std::vector<ConvergenceWarning> CheckConvergence(const CompiledCase& compiled,
                                                 const MonteCarloResult& mc,
                                                 const UtilitySpread* spread,
                                                 const std::vector<StateId>& states) {
  const CaseDefinition& definition = compiled.definition;
  std::vector<ConvergenceWarning> out;
  const std::uint64_t n = mc.options.samples;
  if (mc.central_default)
    Check(OfProbability("p_central_default", mc.central_default_likelihood), n, out);
  if (mc.central_alternative)
    Check(OfProbability("p_central_alternative", mc.central_alternative_likelihood), n, out);
  Check(OfProbability("p_no_alternative", mc.no_alternative), n, out);
  for (const LedgerDistribution& d : mc.ledger) {
    if (!d.cardinal) continue;
    Check(OfMean(fmt::format("ledger.{}.mean", definition.actors[d.actor.value].id), d), n, out);
  }
  for (const LedgerDistribution& d : mc.unconditional_ledger) {
    if (!d.cardinal) continue;
    Check(
        OfMean(fmt::format("unconditional_ledger.{}.mean", definition.actors[d.actor.value].id), d),
        n, out);
  }
  if (spread == nullptr || spread->samples < 2 || spread->first_half_sd.empty()) return out;
  for (std::size_t a = 0; a < definition.actors.size(); ++a) {
    if (definition.preference_kind[a] != PreferenceKind::kValuation) continue;
    if (definition.valuations[a]->uncertainty_aversion <= 0) continue;
    const ActorIndex actor{static_cast<std::uint32_t>(a)};
    for (StateId state : states) {
      const double sd = spread->sd[a][state.value];
      if (sd == 0) continue;
      Figure figure{
          fmt::format("spread.{}.{}", definition.actors[a].id, compiled.space.Pattern(state)),
          sd,
          spread->StandardError(actor, state),
          spread->first_half_sd[a][state.value],
          spread->second_half_sd[a][state.value],
          kRelativeTolerance * sd};
      Check(figure, spread->samples, out);
    }
  }
  return out;
}

}  // namespace mend
