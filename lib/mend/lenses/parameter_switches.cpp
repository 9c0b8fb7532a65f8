// SPDX-License-Identifier: Apache-2.0
#include "mend/lenses/internal/parameter_switches.hpp"

#include <cmath>

#include <fmt/format.h>

#include "mend/uncertainty/sample_utilities.hpp"

namespace mend::internal {
namespace {

constexpr double kLowQuantile = 0.05;
constexpr double kHighQuantile = 0.95;
constexpr int kGridSteps = 9;
constexpr int kBisectionSteps = 30;

bool ParetoImproves(const UtilityTable& table, std::span<const ActorIndex> deciders, StateId t,
                    StateId d) {
  bool strictly = false;
  for (ActorIndex actor : deciders) {
    if (table.Prefers(actor, d, t)) return false;
    strictly = strictly || table.Prefers(actor, t, d);
  }
  return strictly;
}

}  // namespace

Result<std::vector<BridgeParameterSwitch>> FindParameterSwitches(
    const CompiledCase& compiled, std::span<const ActorIndex> deciders, StateId target, StateId d,
    const UtilitySpread& spread) {
  ParameterModel parameters = compiled.parameters;
  SampleUtilityEvaluator evaluator(compiled, spread.samples > 0 ? &spread : nullptr);
  std::vector<double> probabilities(parameters.size(), 0.5);
  // Returns whether the target Pareto-improves d with parameter p at quantile q, and p's value.
  auto at = [&](std::size_t p, double q) -> Result<std::pair<bool, double>> {
    std::fill(probabilities.begin(), probabilities.end(), 0.5);
    probabilities[p] = q;
    Result<std::vector<double>> values = parameters.ValuesAt(probabilities);
    if (!values) {
      return Error::InvalidArgument(fmt::format("switching values of '{}' at quantile {}: {}",
                                                compiled.definition.parameters[p].id, q,
                                                values.error().message));
    }
    MEND_TRY(const UtilityTable* table, evaluator.Evaluate(*values, 0));
    return std::make_pair(ParetoImproves(*table, deciders, target, d), (*values)[p]);
  };

  std::vector<BridgeParameterSwitch> out;
  for (std::size_t p = 0; p < parameters.size(); ++p) {
    if (!parameters.central_distribution(p).uncertain()) continue;
    MEND_TRY(auto central, at(p, 0.5));
    if (central.first) continue;  // already Pareto-improving: nothing to switch
    std::optional<double> best;   // the quantile of the flip nearest the median
    for (const double end : {kLowQuantile, kHighQuantile}) {
      double inside = 0.5;
      for (int j = 1; j <= kGridSteps; ++j) {
        const double q = 0.5 + (end - 0.5) * j / kGridSteps;
        MEND_TRY(auto point, at(p, q));
        if (!point.first) {
          inside = q;
          continue;
        }
        double outside = q;
        for (int b = 0; b < kBisectionSteps; ++b) {
          const double middle = 0.5 * (inside + outside);
          MEND_TRY(auto probe, at(p, middle));
          (probe.first ? outside : inside) = middle;
        }
        if (!best || std::abs(outside - 0.5) < std::abs(*best - 0.5)) best = outside;
        break;
      }
    }
    if (!best) continue;
    MEND_TRY(auto flip, at(p, *best));
    out.push_back(
        {ParameterIndex{static_cast<std::uint32_t>(p)}, central.second, flip.second, *best});
  }
  return out;
}

}  // namespace mend::internal
