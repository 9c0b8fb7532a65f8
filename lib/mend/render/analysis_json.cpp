// SPDX-License-Identifier: Apache-2.0
#include "mend/render/analysis_json.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mend/render/internal/central_json.hpp"
#include "mend/render/stability_json.hpp"

namespace mend {
namespace {

using Json = nlohmann::ordered_json;

Json Patterns(const StateSpace& space, const std::vector<StateId>& states) {
  Json list = Json::array();
  for (StateId s : states) list.push_back(space.Pattern(s));
  return list;
}

Json Gains(const CompiledCase& compiled, std::span<const ActorIndex> deciders, StateId s,
           StateId d) {
  Json gains = Json::object();
  for (ActorIndex i : deciders) {
    gains[compiled.definition.actors[i.value].id] =
        compiled.utilities.at(i, s) - compiled.utilities.at(i, d);
  }
  return gains;
}

Json Point(const CompiledCase& compiled, std::span<const ActorIndex> deciders,
           const std::optional<BargainingPoint>& point, StateId d, const char* score_key) {
  if (!point) return Json(nullptr);
  Json out = Json::object();
  out["pattern"] = compiled.space.Pattern(point->state);
  out["number"] = point->state.value + 1;
  out[score_key] = point->score;
  out["gains"] = Gains(compiled, deciders, point->state, d);
  return out;
}

Json LedgerJson(const CompiledCase& compiled, const std::vector<ActorLedger>& ledger,
                bool status_neutral) {
  const CaseDefinition& definition = compiled.definition;
  Json out = Json::object();
  for (const ActorLedger& entry : ledger) {
    Json actor = Json::object();
    const double total = status_neutral ? entry.status_neutral_total : entry.total;
    actor["total"] = entry.cardinal ? Json(total) : Json(nullptr);
    Json dimensions = Json::object();
    for (const LedgerEntry& item : entry.dimensions) {
      const Dimension& dimension = definition.dimensions[item.dimension.value];
      if (status_neutral && dimension.is_status()) continue;
      dimensions[dimension.id] = {
          {"natural", item.natural}, {"weighted", item.weighted}, {"unit", dimension.unit}};
    }
    actor["dimensions"] = std::move(dimensions);
    out[definition.actors[entry.actor.value].id] = std::move(actor);
  }
  return out;
}

// The keys of one efficiency block, written into `out` (top level or a per-equilibrium entry).
void BlockJson(const CaseAnalysis& analysis, const EfficiencyAgainst& block, Json& out) {
  const CompiledCase& compiled = *analysis.compiled;
  const StateSpace& space = compiled.space;
  const std::span<const ActorIndex> deciders = analysis.report.deciders();
  out["pareto_improvements"] = Patterns(space, block.improvements);
  if (block.alternative) {
    const Recommendation& a = *block.alternative;
    out["alternative"] = {{"pattern", space.Pattern(a.state)},
                          {"number", a.state.value + 1},
                          {"self_enforcing", a.self_enforcing},
                          {"rule", a.rule},
                          {"nash_product", a.nash_product},
                          {"gains", Gains(compiled, deciders, a.state, block.default_state)}};
  } else {
    out["alternative"] = nullptr;
  }
  out["kalai_smorodinsky"] =
      Point(compiled, deciders, block.kalai_smorodinsky, block.default_state, "score");
  out["largest_total_gain"] =
      Point(compiled, deciders, block.largest_total_gain, block.default_state, "total");
  if (block.alternative) {
    out["ledger"] = LedgerJson(compiled, block.ledger, false);
    Json loss = Json::object();
    for (const ActorLedger& entry : block.ledger) {
      loss[compiled.definition.actors[entry.actor.value].id] =
          entry.cardinal ? Json(entry.total) : Json(nullptr);
    }
    out["unnecessary_loss"] = std::move(loss);
    out["status_neutral_ledger"] = LedgerJson(compiled, block.ledger, true);
  }
  out["note"] = EfficiencyVerdict(compiled, analysis.efficiency, block);
}

Json CaseJson(const CaseAnalysis& analysis) {
  const CompiledCase& compiled = *analysis.compiled;
  const StateSpace& space = compiled.space;
  const EfficiencyAnalysis& efficiency = analysis.efficiency;
  // The stability keys come from the one renderer of `mend stability`, so both commands agree.
  Json root = Json::parse(
      StabilityJson(compiled, analysis.report, analysis.status_quo, analysis.sanctions));
  root["concept"] = StabilityConceptName(efficiency.concept_id);
  root["cardinal"] = efficiency.cardinal;
  root["central"] = internal::CentralJson(analysis);
  root["ledger_comparison"] = internal::LedgerComparisonJson(analysis);
  if (!efficiency.against_reachable_equilibria && !efficiency.against.empty()) {
    Json block = Json::object();
    BlockJson(analysis, efficiency.against.front(), block);
    root["alternative"] = block["alternative"];
    root["pareto_frontier"] = Patterns(space, efficiency.frontier_deciders);
    root["pareto_frontier_all_actors"] = Patterns(space, efficiency.frontier_all_actors);
    for (auto& [key, value] : block.items()) {
      if (key != "alternative") root[key] = value;
    }
    return root;
  }
  root["alternative"] = nullptr;
  root["pareto_frontier"] = Patterns(space, efficiency.frontier_deciders);
  root["pareto_frontier_all_actors"] = Patterns(space, efficiency.frontier_all_actors);
  Json per_equilibrium = Json::array();
  for (const EfficiencyAgainst& against : efficiency.against) {
    Json block = Json::object();
    block["default"] = space.Pattern(against.default_state);
    BlockJson(analysis, against, block);
    per_equilibrium.push_back(std::move(block));
  }
  root["against_reachable_equilibria"] = std::move(per_equilibrium);
  root["note"] = efficiency.against.empty()
                     ? fmt::format(
                           "The default dynamics cycle and no {} equilibrium is reachable from the "
                           "status quo: there is no default to count losses against.",
                           StabilityConceptName(efficiency.concept_id))
                     : fmt::format(
                           "The default dynamics cycle: the ledger is computed against each {} "
                           "equilibrium reachable from the status quo.",
                           StabilityConceptName(efficiency.concept_id));
  return root;
}

}  // namespace

std::string EfficiencyVerdict(const CompiledCase& compiled, const EfficiencyAnalysis& efficiency,
                              const EfficiencyAgainst& block) {
  const StateSpace& space = compiled.space;
  const std::string d = space.Pattern(block.default_state);
  // The engine's verdict, which the briefs and the report's summary state too.
  switch (VerdictAgainst(block)) {
    case Verdict::kNoDefault:
    case Verdict::kNotUnnecessary:
      return fmt::format(
          "Nothing Pareto-improves the default {}: the conflict is not unnecessary "
          "under these assumptions.",
          d);
    case Verdict::kImprovesOrdinal:
      return fmt::format(
          "{} state{} Pareto-improve{} the default {}; the recommended alternative, "
          "the bargaining points and the ledger need cardinal utilities, and some "
          "decider's preferences are ordinal.",
          block.improvements.size(), block.improvements.size() == 1 ? "" : "s",
          block.improvements.size() == 1 ? "s" : "", d);
    case Verdict::kAlternative:
      break;
  }
  const Recommendation& a = *block.alternative;
  return fmt::format(
      "{} Pareto-improves the default {} and is {}self-enforcing ({}): what the "
      "ledger counts is lost by staying in the default.",
      space.Pattern(a.state), d, a.self_enforcing ? "" : "not ",
      a.self_enforcing
          ? fmt::format("a {} equilibrium", StabilityConceptName(efficiency.concept_id))
          : fmt::format("no Pareto-improving state is a {} equilibrium",
                        StabilityConceptName(efficiency.concept_id)));
}

std::string AnalysisJson(const CaseAnalysis& analysis) { return CaseJson(analysis).dump(1) + "\n"; }

std::string PortfolioAnalysisJson(const std::string& portfolio_id,
                                  const std::vector<CaseAnalysis>& cases,
                                  const std::string& linkage_json) {
  Json root = Json::object();
  root["portfolio"] = portfolio_id;
  Json list = Json::array();
  for (const CaseAnalysis& analysis : cases) list.push_back(CaseJson(analysis));
  root["cases"] = std::move(list);
  root["linkage"] = linkage_json.empty() ? Json(nullptr) : Json::parse(linkage_json);
  return root.dump(1) + "\n";
}

}  // namespace mend
