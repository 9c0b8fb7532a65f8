// SPDX-License-Identifier: Apache-2.0
#include "mend/render/coalition_json.hpp"

#include <sstream>

#include "mend/render/internal/json_stream.hpp"

namespace mend {
namespace {

void Patterns(internal::JsonStream& json, const StateSpace& space,
              const std::vector<StateId>& states) {
  json.BeginArray();
  for (StateId s : states) json.String(space.Pattern(s));
  json.EndArray();
}

}  // namespace

std::string CoalitionName(const CaseDefinition& definition, const CoalitionMembers& coalition) {
  std::string name;
  for (ActorIndex member : coalition) {
    if (!name.empty()) name += '+';
    name += definition.actors[member.value].id;
  }
  return name;
}

std::string CoalitionJson(const CompiledCase& compiled, const CoalitionReport& report,
                          std::string_view origin) {
  const CaseDefinition& definition = compiled.definition;
  std::ostringstream out;
  internal::JsonStream json(out);
  json.BeginObject();
  json.Key("case");
  json.String(definition.id);
  json.Key("coalitions");
  json.BeginArray();
  for (const CoalitionMembers& coalition : report.coalitions()) {
    json.String(CoalitionName(definition, coalition));
  }
  json.EndArray();
  json.Key("stability");
  json.BeginObject();
  for (StabilityConcept c : report.concepts()) {
    json.Key(StabilityConceptName(c));
    json.BeginObject();
    for (std::size_t h = 0; h < report.coalitions().size(); ++h) {
      json.Key(CoalitionName(definition, report.coalitions()[h]));
      Patterns(json, compiled.space, report.StableStates(c, h));
    }
    json.EndObject();
  }
  json.EndObject();
  json.Key("equilibria");
  json.BeginObject();
  for (StabilityConcept c : report.concepts()) {
    json.Key(StabilityConceptName(c));
    Patterns(json, compiled.space, report.Equilibria(c));
  }
  json.EndObject();
  json.Key("coalitions_from");
  json.String(origin);
  json.EndObject();
  // A string stream does not fail.
  (void)json.Finish();
  return std::move(out).str();
}

}  // namespace mend
