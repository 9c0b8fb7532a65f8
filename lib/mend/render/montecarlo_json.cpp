// SPDX-License-Identifier: Apache-2.0
#include "mend/render/montecarlo_json.hpp"

#include <nlohmann/json.hpp>

#include "mend/core/assert.hpp"
#include "mend/render/internal/central_json.hpp"

namespace mend {
namespace {

using Json = nlohmann::ordered_json;

Json LedgerJson(const CaseDefinition& definition, const std::vector<LedgerDistribution>& ledger,
                bool histogram) {
  Json out = Json::object();
  for (const LedgerDistribution& entry : ledger) {
    const std::string& id = definition.actors[entry.actor.value].id;
    if (!entry.cardinal) {
      out[id] = nullptr;
      continue;
    }
    out[id] = {{"mean", entry.mean}, {"median", entry.median}, {"p5", entry.p5},
               {"p95", entry.p95},   {"p_loss", entry.p_loss}, {"sd", entry.sd}};
    if (!histogram) continue;
    // Fixed bins between the 1st and 99th percentiles, for reports; never the raw samples.
    out[id]["histogram"] = {{"low", entry.histogram.low},
                            {"high", entry.histogram.high},
                            {"counts", entry.histogram.counts},
                            {"below", entry.histogram.below},
                            {"above", entry.histogram.above}};
  }
  return out;
}

Json StandardErrorsJson(const CaseDefinition& definition, const MonteCarloResult& mc) {
  Json out = Json::object();
  out["p_central_default"] = mc.central_default_likelihood.standard_error;
  out["p_central_alternative"] = mc.central_alternative_likelihood.standard_error;
  out["p_no_alternative"] = mc.no_alternative.standard_error;
  for (const auto& [key, ledger] : {std::pair{"ledger", &mc.ledger},
                                    std::pair{"unconditional_ledger", &mc.unconditional_ledger}}) {
    Json means = Json::object();
    for (const LedgerDistribution& entry : *ledger) {
      const std::string& id = definition.actors[entry.actor.value].id;
      means[id] = entry.cardinal ? Json({{"mean", entry.mean_standard_error}}) : Json(nullptr);
    }
    out[key] = std::move(means);
  }
  return out;
}

Json ConvergenceJson(const CaseAnalysis& analysis) {
  Json warnings = Json::array();
  for (const ConvergenceWarning& warning : analysis.convergence) {
    warnings.push_back({{"figure", warning.figure},
                        {"value", warning.value},
                        {"standard_error", warning.standard_error},
                        {"first_half", warning.first_half},
                        {"second_half", warning.second_half},
                        {"reason", warning.reason},
                        {"suggested_samples", warning.suggested_samples}});
  }
  return {{"converged", analysis.convergence.empty()}, {"warnings", std::move(warnings)}};
}

Json OptionalNumber(const std::optional<double>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json PatternOrNull(const StateSpace& space, const std::optional<StateId>& state) {
  return state ? Json(space.Pattern(*state)) : Json(nullptr);
}

Json MonteCarloObject(const CaseAnalysis& analysis) {
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
  out["p_central_default"] =
      mc.central_default ? Json(mc.central_default_likelihood.p) : Json(nullptr);
  out["p_central_alternative"] =
      mc.central_alternative ? Json(mc.central_alternative_likelihood.p) : Json(nullptr);
  out["p_no_alternative"] = mc.no_alternative.p;
  out["ledger_comparison"] = internal::LedgerComparisonJson(analysis);
  out["ledger"] = LedgerJson(definition, mc.ledger, true);
  out["unconditional_ledger_comparison"] = internal::UnconditionalComparisonJson();
  out["unconditional_ledger"] = LedgerJson(definition, mc.unconditional_ledger, false);
  out["standard_errors"] = StandardErrorsJson(definition, mc);
  out["convergence"] = ConvergenceJson(analysis);
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
    item["holds_from"] = OptionalNumber(entry.holds_from);
    item["holds_from_quantile"] = OptionalNumber(entry.holds_from_quantile);
    item["holds_to"] = OptionalNumber(entry.holds_to);
    item["holds_to_quantile"] = OptionalNumber(entry.holds_to_quantile);
    item["switching_value"] = OptionalNumber(entry.switching_value);
    item["switching_quantile"] = OptionalNumber(entry.switching_quantile);
    entries.push_back(std::move(item));
  }
  out["sensitivity"] = std::move(entries);
  return out;
}

}  // namespace

std::string MonteCarloJson(const CaseAnalysis& analysis) {
  return MonteCarloObject(analysis).dump(1) + "\n";
}

std::string PortfolioMonteCarloJson(const PortfolioAnalysis& portfolio) {
  MEND_ASSERT(portfolio.ledger.has_value() && !portfolio.cases.empty(),
              "PortfolioMonteCarloJson of a portfolio without its run");
  const PortfolioLedger& ledger = *portfolio.ledger;
  const MonteCarloResult& first = *portfolio.cases.front().montecarlo;
  // The portfolio's actors as a definition, so the ledger writer can name them.
  CaseDefinition named;
  for (const std::string& id : ledger.actors) named.actors.push_back(Actor{.id = id});
  Json summary = Json::object();
  summary["id"] = portfolio.definition.id;
  summary["title"] = portfolio.definition.title.text;
  summary["samples"] = first.options.samples;
  summary["seed"] = first.options.seed;
  summary["method"] =
      first.options.method == SamplingMethod::kLatinHypercube ? "latin-hypercube" : "monte-carlo";
  summary["shared_parameters"] = ledger.shared_parameters;
  summary["ledger_comparison"] = {
      {"kind", "conditional"},
      {"text",
       "the sum over the issues of each issue's central alternative against its central default "
       "(0 for an issue without one), sample by sample"}};
  summary["ledger"] = LedgerJson(named, ledger.conditional, false);
  summary["unconditional_ledger_comparison"] = {
      {"kind", "unconditional"},
      {"text",
       "the sum over the issues of each sample's own alternative against its own default (0 "
       "where there is none), sample by sample"}};
  summary["unconditional_ledger"] = LedgerJson(named, ledger.unconditional, false);
  Json issues = Json::array();
  for (const CaseAnalysis& issue : portfolio.cases) issues.push_back(MonteCarloObject(issue));
  Json out = Json::object();
  out["portfolio"] = std::move(summary);
  out["issues"] = std::move(issues);
  return out.dump(1) + "\n";
}

}  // namespace mend
