// SPDX-License-Identifier: Apache-2.0
#include "mend/render/montecarlo_json.hpp"

#include <nlohmann/json.hpp>

#include "mend/core/assert.hpp"
#include "mend/render/internal/central_json.hpp"

namespace mend {
namespace {

using Json = nlohmann::ordered_json;

Json PatternOrNull(const StateSpace& space, const std::optional<StateId>& state) {
  return state ? Json(space.Pattern(*state)) : Json(nullptr);
}

}  // namespace

std::string MonteCarloJson(const CaseAnalysis& analysis) {
  MEND_ASSERT(analysis.montecarlo.has_value(), "MonteCarloJson of an analysis without its run");
  const CompiledCase& compiled = *analysis.source;
  const MonteCarloResult& mc = *analysis.montecarlo;
  const std::vector<SensitivityEntry>& sensitivity = analysis.sensitivity;
  const CaseDefinition& definition = compiled.definition;
  const StateSpace& space = compiled.space;
  Json out = Json::object();
  out["case"] = definition.id;
  out["samples"] = mc.options.samples;
  out["seed"] = mc.options.seed;
  out["method"] =
      mc.options.method == SamplingMethod::kLatinHypercube ? "latin-hypercube" : "monte-carlo";
  out["concept"] = StabilityConceptName(mc.options.concept_id);
  out["central"] = internal::CentralJson(analysis);
  out["p_cycle"] = mc.p_cycle;
  Json states = Json::array();
  for (const StateProbabilities& p : mc.states) {
    Json state = Json::object();
    state["pattern"] = space.Pattern(p.state);
    state["number"] = p.state.value + 1;
    Json equilibrium = Json::object();
    for (StabilityConcept c : kAllStabilityConcepts) {
      equilibrium[StabilityConceptName(c)] = p.p_equilibrium[static_cast<std::size_t>(c)];
    }
    state["p_equilibrium"] = std::move(equilibrium);
    state["p_default"] = p.p_default;
    state["p_pareto_improves_default"] = p.p_pareto_improves_default;
    state["p_alternative"] = p.p_alternative;
    states.push_back(std::move(state));
  }
  out["states"] = std::move(states);
  Json ledger = Json::object();
  for (const LedgerDistribution& entry : mc.ledger) {
    const std::string& id = definition.actors[entry.actor.value].id;
    if (!entry.cardinal) {
      ledger[id] = nullptr;
      continue;
    }
    ledger[id] = {{"mean", entry.mean},
                  {"median", entry.median},
                  {"p5", entry.p5},
                  {"p95", entry.p95},
                  {"p_loss", entry.p_loss}};
    // Fixed bins between the 1st and 99th percentiles, for reports; never the raw samples.
    ledger[id]["histogram"] = {{"low", entry.histogram.low},
                               {"high", entry.histogram.high},
                               {"counts", entry.histogram.counts},
                               {"below", entry.histogram.below},
                               {"above", entry.histogram.above}};
  }
  out["ledger_comparison"] = internal::LedgerComparisonJson(analysis);
  out["ledger"] = std::move(ledger);
  Json entries = Json::array();
  for (const SensitivityEntry& entry : sensitivity) {
    Json item = Json::object();
    item["parameter"] = definition.parameters[entry.parameter].id;
    item["figure"] = SensitivityFigureName(definition, entry);
    switch (entry.figure) {
      case SensitivityFigure::kLedgerTotal:
        item["low"] = entry.low;
        item["high"] = entry.high;
        break;
      case SensitivityFigure::kDefaultDominated:
        item["low"] = entry.low != 0;
        item["high"] = entry.high != 0;
        break;
      case SensitivityFigure::kAlternative:
        item["low"] = PatternOrNull(space, entry.low_state);
        item["high"] = PatternOrNull(space, entry.high_state);
        break;
    }
    item["switching_value"] = entry.switching_value ? Json(*entry.switching_value) : Json(nullptr);
    item["switching_quantile"] =
        entry.switching_quantile ? Json(*entry.switching_quantile) : Json(nullptr);
    entries.push_back(std::move(item));
  }
  out["sensitivity"] = std::move(entries);
  return out.dump(1) + "\n";
}

}  // namespace mend
