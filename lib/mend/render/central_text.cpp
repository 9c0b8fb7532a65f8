// SPDX-License-Identifier: Apache-2.0
#include "mend/render/central_text.hpp"

#include <fmt/format.h>

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
  return text + fmt::format("; no state Pareto-improves a sample's own default in {}.",
                            PercentWithError(mc.no_alternative));
}

}  // namespace mend
