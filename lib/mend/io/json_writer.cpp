// SPDX-License-Identifier: Apache-2.0
#include "mend/io/json_writer.hpp"

#include <nlohmann/json.hpp>

namespace mend {
namespace {

using Json = nlohmann::ordered_json;

Json StatesObject(const CompiledCase& compiled) {
  const CaseDefinition& definition = compiled.definition;
  Json options = Json::array();
  for (const Option& option : definition.options) options.push_back(option.id);
  Json states = Json::array();
  for (std::uint32_t s = 0; s < compiled.space.size(); ++s) {
    Json utility = Json::object();
    for (std::size_t a = 0; a < definition.actors.size(); ++a) {
      utility[definition.actors[a].id] = compiled.utilities.utility[a][s];
    }
    states.push_back(Json{{"number", s + 1},
                          {"pattern", compiled.space.Pattern(StateId{s})},
                          {"utility", std::move(utility)}});
  }
  return Json{{"case", definition.id}, {"options", std::move(options)}, {"states", std::move(states)}};
}

}  // namespace

std::string StatesJson(const CompiledCase& compiled) { return StatesObject(compiled).dump(1) + "\n"; }

std::string StatesJson(const CompiledPortfolio& portfolio) {
  Json cases = Json::array();
  for (const CompiledCase& one : portfolio.cases) cases.push_back(StatesObject(one));
  return Json{{"portfolio", portfolio.definition.id}, {"cases", std::move(cases)}}.dump(1) + "\n";
}

}  // namespace mend
