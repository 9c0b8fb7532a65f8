// SPDX-License-Identifier: Apache-2.0
#include "mend/render/internal/central_json.hpp"

#include <fmt/format.h>

#include "mend/render/central_text.hpp"

namespace mend::internal {
namespace {

using Json = nlohmann::ordered_json;

Json PatternOrNull(const StateSpace& space, const std::optional<StateId>& state) {
  return state ? Json(space.Pattern(*state)) : Json(nullptr);
}

// {"orders", "exhaustive", "order_dependent", "outcomes": [{"default", "orders", "p_orders",
// "example_order"}]}; null when the case fixes its default.
Json MoverOrdersJson(const CaseAnalysis& analysis) {
  if (!analysis.mover_orders) return nullptr;
  const CompiledCase& compiled = *analysis.compiled;
  const MoverOrderAnalysis& orders = *analysis.mover_orders;
  Json outcomes = Json::array();
  for (const MoverOrderOutcome& outcome : orders.outcomes) {
    Json order = Json::array();
    for (ActorIndex actor : outcome.example_order)
      order.push_back(compiled.definition.actors[actor.value].id);
    outcomes.push_back({{"default", PatternOrNull(compiled.space, outcome.end)},
                        {"orders", outcome.orders},
                        {"p_orders", outcome.p_orders},
                        {"example_order", std::move(order)}});
  }
  return {{"orders", orders.orders_tried},
          {"exhaustive", orders.exhaustive},
          {"order_dependent", orders.order_dependent},
          {"outcomes", std::move(outcomes)}};
}

// {"samples", "text", "dimensions": [{"id", "unit", "actors": {actor: {"default" | "alternative":
// {"mean", "standard_error", "at_medians"}}}}]}; null when no dimension is marked `expectation`.
Json ExpectationsJson(const CaseAnalysis& analysis) {
  const CompiledCase& compiled = *analysis.compiled;
  if (compiled.expected_values.empty()) return nullptr;
  const CaseDefinition& definition = compiled.definition;
  const std::size_t dimensions = definition.dimensions.size();
  const std::size_t width = definition.actors.size() * dimensions;
  Json list = Json::array();
  for (std::size_t d = 0; d < dimensions; ++d) {
    const Dimension& dimension = definition.dimensions[d];
    if (!dimension.expectation) continue;
    Json actors = Json::object();
    for (std::size_t a = 0; a < definition.actors.size(); ++a) {
      const auto& valuation = definition.valuations[a];
      if (definition.preference_kind[a] != PreferenceKind::kValuation || !valuation ||
          valuation->weights[d] == 0) {
        continue;
      }
      Json entry = Json::object();
      const std::size_t slot = a * dimensions + d;
      for (const auto& [key, state] : {std::pair{"default", analysis.central_default},
                                       std::pair{"alternative", analysis.central_alternative}}) {
        if (!state) {
          entry[key] = nullptr;
          continue;
        }
        const std::size_t at = state->value * width + slot;
        const std::vector<double> medians =
            compiled.effects.DimensionValues(compiled.central_terms, compiled.space.code(*state));
        entry[key] = {{"mean", compiled.expected_values[at]},
                      {"standard_error", analysis.expected_standard_errors.empty()
                                             ? 0.0
                                             : analysis.expected_standard_errors[at]},
                      {"at_medians", medians[slot]}};
      }
      actors[definition.actors[a].id] = std::move(entry);
    }
    list.push_back({{"id", dimension.id}, {"unit", dimension.unit}, {"actors", std::move(actors)}});
  }
  return {{"samples", compiled.expected_samples},
          {"text", ExpectationSentence(analysis)},
          {"dimensions", std::move(list)}};
}

}  // namespace

Json CentralJson(const CaseAnalysis& analysis) {
  const CompiledCase& compiled = *analysis.compiled;
  const CaseDefinition& definition = compiled.definition;
  Json out = Json::object();
  out["default"] = PatternOrNull(compiled.space, analysis.central_default);
  out["alternative"] = PatternOrNull(compiled.space, analysis.central_alternative);
  out["samples"] = analysis.options.samples;
  out["seed"] = analysis.options.seed;
  out["method"] = analysis.options.method == SamplingMethod::kLatinHypercube ? "latin-hypercube"
                                                                             : "monte-carlo";
  out["mover_orders"] = MoverOrdersJson(analysis);
  out["expectations"] = ExpectationsJson(analysis);
  if (!analysis.uncertainty_averse) {
    out["uncertainty_aversion"] = nullptr;
    return out;
  }
  Json actors = Json::object();
  for (std::size_t a = 0; a < definition.actors.size(); ++a) {
    if (definition.preference_kind[a] != PreferenceKind::kValuation) continue;
    const double rho = definition.valuations[a]->uncertainty_aversion;
    if (rho <= 0) continue;
    const ActorIndex actor{static_cast<std::uint32_t>(a)};
    Json entry = Json::object();
    entry["rho"] = rho;
    for (const auto& [key, state] : {std::pair{"default", analysis.central_default},
                                     std::pair{"alternative", analysis.central_alternative}}) {
      if (!state) {
        entry[key] = nullptr;
        continue;
      }
      entry[key] = {{"sd", analysis.spread.sd[a][state->value]},
                    {"standard_error", analysis.spread.StandardError(actor, *state)}};
    }
    actors[definition.actors[a].id] = std::move(entry);
  }
  out["uncertainty_aversion"] = {{"samples", analysis.spread.samples},
                                 {"actors", std::move(actors)}};
  return out;
}

Json LedgerComparisonJson(const CaseAnalysis& analysis) {
  if (!analysis.central_default || !analysis.central_alternative) return nullptr;
  const StateSpace& space = analysis.compiled->space;
  const std::string from = space.Pattern(*analysis.central_default);
  const std::string to = space.Pattern(*analysis.central_alternative);
  return {{"kind", "conditional"},
          {"from", from},
          {"to", to},
          {"text", fmt::format("the central alternative {} against the central default {}, both "
                               "fixed by the central analysis",
                               to, from)}};
}

Json UnconditionalComparisonJson() {
  return {{"kind", "unconditional"},
          {"text",
           "each sample's own alternative against that sample's own default; 0 in the samples "
           "without an alternative"}};
}

}  // namespace mend::internal
