// SPDX-License-Identifier: Apache-2.0
#include "mend/render/stability_json.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <sstream>

#include "mend/render/internal/json_stream.hpp"

namespace mend {
namespace {

using internal::JsonStream;

// States are checked for a stop request once per this many patterns written.
constexpr std::size_t kStopCheckInterval = std::size_t{1} << 14;

// Letters of the 8 options of one byte of a code, option 0 first.
struct ByteLetters {
  std::array<std::array<char, 8>, 256> letters{};
  ByteLetters() {
    for (unsigned byte = 0; byte < 256; ++byte) {
      for (unsigned bit = 0; bit < 8; ++bit) letters[byte][bit] = ((byte >> bit) & 1U) ? 'Y' : 'N';
    }
  }
};

Status Patterns(JsonStream& json, const StateSpace& space, const std::vector<StateId>& states,
                const std::stop_token& stop) {
  static const ByteLetters table;
  const auto options = static_cast<std::size_t>(space.option_count());
  // A pattern a byte of its code at a time, straight into the output block.
  auto fill = [&](std::size_t k, char* out) {
    const StateCode code = space.code(states[k]);
    for (std::size_t at = 0; at < options; at += 8) {
      const auto byte = static_cast<std::size_t>((code >> at) & 0xffU);
      std::memcpy(out + at, table.letters[byte].data(), std::min<std::size_t>(8, options - at));
    }
  };
  json.BeginArray();
  for (std::size_t first = 0; first < states.size(); first += kStopCheckInterval) {
    if (stop.stop_requested()) return Error::Cancelled("stability output cancelled");
    const std::size_t count = std::min(kStopCheckInterval, states.size() - first);
    json.PlainStrings(count, options, [&](std::size_t k, char* out) { fill(first + k, out); });
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
