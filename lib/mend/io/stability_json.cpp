// SPDX-License-Identifier: Apache-2.0
#include "mend/io/stability_json.hpp"

#include <nlohmann/json.hpp>

namespace mend {
namespace {

using Json = nlohmann::ordered_json;

Json Patterns(const StateSpace& space, const std::vector<StateId>& states) {
  Json list = Json::array();
  for (StateId s : states) list.push_back(space.Pattern(s));
  return list;
}

}  // namespace

std::string StabilityJson(const CompiledCase& compiled, const StabilityReport& report,
                          const StatusQuoAnalysis& status_quo, SanctionRule sanctions) {
  const CaseDefinition& definition = compiled.definition;
  const StateSpace& space = compiled.space;
  Json stability = Json::object();
  Json equilibria = Json::object();
  for (StabilityConcept c : report.concepts()) {
    Json per_actor = Json::object();
    for (std::size_t d = 0; d < report.deciders().size(); ++d) {
      per_actor[definition.actors[report.deciders()[d].value].id] =
          Patterns(space, report.StableStates(c, d));
    }
    stability[StabilityConceptName(c)] = std::move(per_actor);
    equilibria[StabilityConceptName(c)] = Patterns(space, report.Equilibria(c));
  }
  Json default_object = Json::object();
  default_object["pattern"] =
      status_quo.default_state ? Json(space.Pattern(*status_quo.default_state)) : Json(nullptr);
  default_object["path"] = Patterns(space, status_quo.dynamics.path);
  default_object["cycle"] = status_quo.dynamics.cycle;
  default_object["explicit"] = status_quo.explicit_default;
  Json reachable = Json::object();
  for (const auto& [c, states] : status_quo.reachable_equilibria) {
    reachable[StabilityConceptName(c)] = Patterns(space, states);
  }
  Json root = Json::object();
  root["case"] = definition.id;
  root["stability"] = std::move(stability);
  root["equilibria"] = std::move(equilibria);
  root["status_quo"] = space.Pattern(status_quo.status_quo);
  root["default"] = std::move(default_object);
  root["reachable_equilibria"] = std::move(reachable);
  root["sanctions"] = SanctionRuleName(sanctions);
  return root.dump(1) + "\n";
}

}  // namespace mend
