// SPDX-License-Identifier: Apache-2.0
#include "mend/io/stability_json.hpp"

#include <sstream>

#include "mend/io/internal/json_stream.hpp"

namespace mend {
namespace {

using internal::JsonStream;

// States are checked for a stop request once per this many patterns written.
constexpr std::size_t kStopCheckInterval = std::size_t{1} << 14;

Status Patterns(JsonStream& json, const StateSpace& space, const std::vector<StateId>& states,
                const std::stop_token& stop) {
  json.BeginArray();
  // One buffer for every pattern: no allocation per state (millions of them at scale).
  const int options = space.option_count();
  std::string pattern(static_cast<std::size_t>(options), 'N');
  for (std::size_t k = 0; k < states.size(); ++k) {
    if (k % kStopCheckInterval == 0 && stop.stop_requested()) {
      return Error::Cancelled("stability output cancelled");
    }
    const StateCode code = space.code(states[k]);
    for (int o = 0; o < options; ++o) {
      pattern[static_cast<std::size_t>(o)] = ((code >> o) & 1U) != 0 ? 'Y' : 'N';
    }
    json.String(pattern);
  }
  json.EndArray();
  return Ok();
}

}  // namespace

Status WriteStabilityJson(std::ostream& out, const CompiledCase& compiled,
                          const StabilityReport& report, const StatusQuoAnalysis& status_quo,
                          SanctionRule sanctions, std::stop_token stop) {
  const CaseDefinition& definition = compiled.definition;
  const StateSpace& space = compiled.space;
  JsonStream json(out);
  json.BeginObject();
  json.Key("case");
  json.String(definition.id);
  // One concept's stable states at a time: the lists are computed, written and released.
  json.Key("stability");
  json.BeginObject();
  for (StabilityConcept c : report.concepts()) {
    json.Key(StabilityConceptName(c));
    json.BeginObject();
    for (std::size_t d = 0; d < report.deciders().size(); ++d) {
      json.Key(definition.actors[report.deciders()[d].value].id);
      MEND_TRY(Patterns(json, space, report.StableStates(c, d), stop));
    }
    json.EndObject();
  }
  json.EndObject();
  json.Key("equilibria");
  json.BeginObject();
  for (StabilityConcept c : report.concepts()) {
    json.Key(StabilityConceptName(c));
    MEND_TRY(Patterns(json, space, report.Equilibria(c), stop));
  }
  json.EndObject();
  json.Key("status_quo");
  json.String(space.Pattern(status_quo.status_quo));
  json.Key("default");
  json.BeginObject();
  json.Key("pattern");
  if (status_quo.default_state) {
    json.String(space.Pattern(*status_quo.default_state));
  } else {
    json.Null();
  }
  json.Key("path");
  MEND_TRY(Patterns(json, space, status_quo.dynamics.path, stop));
  json.Key("cycle");
  json.Bool(status_quo.dynamics.cycle);
  json.Key("explicit");
  json.Bool(status_quo.explicit_default);
  json.EndObject();
  json.Key("reachable_equilibria");
  json.BeginObject();
  for (const auto& [c, states] : status_quo.reachable_equilibria) {
    json.Key(StabilityConceptName(c));
    MEND_TRY(Patterns(json, space, states, stop));
  }
  json.EndObject();
  json.Key("sanctions");
  json.String(SanctionRuleName(sanctions));
  json.EndObject();
  return json.Finish();
}

std::string StabilityJson(const CompiledCase& compiled, const StabilityReport& report,
                          const StatusQuoAnalysis& status_quo, SanctionRule sanctions) {
  std::ostringstream out;
  // Without a stop token and with a string stream, writing cannot fail.
  (void)WriteStabilityJson(out, compiled, report, status_quo, sanctions);
  return std::move(out).str();
}

}  // namespace mend
