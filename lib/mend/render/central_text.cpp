// SPDX-License-Identifier: Apache-2.0
#include "mend/render/central_text.hpp"

#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "mend/render/text_page.hpp"

namespace mend {
namespace {

std::string EndName(const StateSpace& space, const std::optional<StateId>& end) {
  return end ? space.Pattern(*end) : std::string("a cycle (no single default)");
}

std::string Orders(std::uint64_t n) { return n == 1 ? "1 order" : fmt::format("{} orders", n); }

std::string PercentWithError(const SampledProbability& p) {
  return fmt::format("{} (±{:.1f})", TextPercent(p.p), 100 * 1.96 * p.standard_error);
}

}  // namespace

std::string MoverOrdersSentence(const CaseAnalysis& analysis) {
  if (!analysis.mover_orders || analysis.mover_orders->outcomes.empty()) return "";
  const MoverOrderAnalysis& orders = *analysis.mover_orders;
  const CompiledCase& compiled = *analysis.compiled;
  const std::string tried =
      orders.exhaustive
          ? (orders.orders_tried == 2 ? std::string("both orders")
                                      : fmt::format("all {}", Orders(orders.orders_tried)))
          : fmt::format("{}: each decider first, in file and in reverse order",
                        Orders(orders.orders_tried));
  const MoverOrderOutcome& main = orders.outcomes.front();
  if (!orders.order_dependent) {
    if (!main.end) return fmt::format("The moves cycle whatever the order of moves ({}).", tried);
    return fmt::format("The default {} does not depend on the order of moves ({}).",
                       compiled.space.Pattern(*main.end), tried);
  }
  std::string text = fmt::format("The default depends on the order of moves ({} tried): {} in {}",
                                 tried, EndName(compiled.space, main.end), Orders(main.orders));
  for (std::size_t k = 1; k < orders.outcomes.size(); ++k) {
    const MoverOrderOutcome& other = orders.outcomes[k];
    const std::string& first = compiled.definition.actors[other.example_order.front().value].id;
    text += fmt::format("; with {} moving first it would be {} ({})", first,
                        EndName(compiled.space, other.end), Orders(other.orders));
  }
  return text + ".";
}

std::string ExpectationSentence(const CaseAnalysis& analysis) {
  const CompiledCase& compiled = *analysis.compiled;
  if (compiled.expected_values.empty()) return "";
  std::vector<std::string> names;
  for (const Dimension& dimension : compiled.definition.dimensions) {
    if (!dimension.expectation) continue;
    names.push_back(dimension.unit.empty() ? dimension.id
                                           : fmt::format("{} ({})", dimension.id, dimension.unit));
  }
  return fmt::format(
      "Expected costs are counted at their mean over the {} samples (seed {}), not at the "
      "parameters' medians: {}.",
      compiled.expected_samples, analysis.options.seed, fmt::join(names, ", "));
}

std::string LikelihoodSentence(const CaseAnalysis& analysis) {
  if (!analysis.montecarlo) return "";
  const MonteCarloResult& mc = *analysis.montecarlo;
  const StateSpace& space = analysis.compiled->space;
  std::string text = fmt::format("Over the {} samples (95 % Monte Carlo intervals in brackets), ",
                                 mc.options.samples);
  if (mc.central_default) {
    text += fmt::format("the central default {} is the default in {}",
                        space.Pattern(*mc.central_default),
                        PercentWithError(mc.central_default_likelihood));
  } else {
    text += "there is no central default";
  }
  if (mc.central_alternative) {
    text += fmt::format(", the central alternative {} the recommended alternative in {}",
                        space.Pattern(*mc.central_alternative),
                        PercentWithError(mc.central_alternative_likelihood));
  }
  text += fmt::format("; no state Pareto-improves a sample's own default in {}.",
                      PercentWithError(mc.no_alternative));
  const std::optional<SampledDefault> frequent = MostFrequentDefault(mc);
  if (frequent && mc.central_default && frequent->state != *mc.central_default) {
    text += fmt::format(" The samples' most frequent default is another: {}, in {}.",
                        space.Pattern(frequent->state), TextPercent(frequent->p));
  }
  return text;
}

std::string HoldsSentence(const CaseAnalysis& analysis) {
  if (analysis.sensitivity.empty()) return "";
  const CaseDefinition& definition = analysis.source->definition;
  std::vector<std::string> parts;
  for (const SensitivityEntry& entry : analysis.sensitivity) {
    if (entry.figure != SensitivityFigure::kDefaultDominated) continue;
    if (!entry.holds_from && !entry.holds_to) continue;
    const Parameter& parameter = definition.parameters[entry.parameter];
    const std::string unit = parameter.unit.empty() ? "" : " " + parameter.unit;
    auto value = [&](double v) { return TextNumberApart(v, entry.median); };
    auto level = [](double q) { return fmt::format("p{:.3g}", 100 * q); };
    if (entry.holds_from && entry.holds_to) {
      parts.push_back(fmt::format("{} stays between {} and {}{} ({}–{})", parameter.id,
                                  value(*entry.holds_from), value(*entry.holds_to), unit,
                                  level(*entry.holds_from_quantile),
                                  level(*entry.holds_to_quantile)));
    } else if (entry.holds_from) {
      parts.push_back(fmt::format("{} stays above {}{} (from {})", parameter.id,
                                  value(*entry.holds_from), unit,
                                  level(*entry.holds_from_quantile)));
    } else {
      parts.push_back(fmt::format("{} stays below {}{} (up to {})", parameter.id,
                                  value(*entry.holds_to), unit, level(*entry.holds_to_quantile)));
    }
  }
  // The conclusion at the medians, as the central analysis drew it.
  bool dominated = false;
  for (const EfficiencyAgainst& block : analysis.efficiency.against) {
    if (block.default_state == analysis.central_default && !block.improvements.empty())
      dominated = true;
  }
  const std::string conclusion =
      dominated ? "The default stays Pareto-dominated" : "Nothing Pareto-improves the default";
  if (parts.empty()) {
    return conclusion + " whatever value any one parameter takes between its p0.5 and p99.5.";
  }
  std::string text = conclusion + " while " + parts.front();
  for (std::size_t k = 1; k < parts.size(); ++k) {
    text += (k + 1 == parts.size() ? " and " : ", ") + parts[k];
  }
  return text + "; each range holds with the other parameters at their medians.";
}

}  // namespace mend
