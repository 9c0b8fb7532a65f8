// SPDX-License-Identifier: Apache-2.0
#include "mend/render/json_writer.hpp"

#include <algorithm>
#include <limits>
#include <sstream>

#include "mend/render/internal/json_stream.hpp"

namespace mend {
namespace {

using internal::JsonStream;

// States are checked for a stop request once per this many states written.
constexpr std::uint32_t kStopCheckInterval = std::uint32_t{1} << 14;

// States [first, end) of the case; a page (anything but the whole list) says where it is.
Status StatesObject(JsonStream& json, const CompiledCase& compiled, const std::stop_token& stop,
                    std::uint64_t first = 0,
                    std::uint64_t limit = std::numeric_limits<std::uint64_t>::max()) {
  const CaseDefinition& definition = compiled.definition;
  const std::uint64_t total = compiled.space.size();
  first = std::min(first, total);
  const std::uint64_t end = limit > total - first ? total : first + limit;
  const bool page = first != 0 || end != total;
  json.BeginObject();
  json.Key("case");
  json.String(definition.id);
  json.Key("options");
  json.BeginArray();
  for (const Option& option : definition.options) json.String(option.id);
  json.EndArray();
  if (page) {
    json.Key("total_states");
    json.Unsigned(total);
    json.Key("offset");
    json.Unsigned(first);
    json.Key("next_offset");
    if (end < total) {
      json.Unsigned(end);
    } else {
      json.Null();
    }
  }
  json.Key("states");
  json.BeginArray();
  for (auto s = static_cast<std::uint32_t>(first); s < end; ++s) {
    if (s % kStopCheckInterval == 0 && stop.stop_requested()) {
      return Error::Cancelled("states output cancelled");
    }
    json.BeginObject();
    json.Key("number");
    json.Unsigned(s + 1);
    json.Key("pattern");
    json.String(compiled.space.Pattern(StateId{s}));
    json.Key("utility");
    json.BeginObject();
    for (std::size_t a = 0; a < definition.actors.size(); ++a) {
      json.Key(definition.actors[a].id);
      json.Number(compiled.utilities.utility[a][s]);
    }
    json.EndObject();
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  return Ok();
}

}  // namespace

Status WriteStatesJson(std::ostream& out, const CompiledCase& compiled, std::stop_token stop) {
  JsonStream json(out);
  MEND_TRY(StatesObject(json, compiled, stop));
  return json.Finish();
}

Status WriteStatesJson(std::ostream& out, const CompiledPortfolio& portfolio,
                       std::stop_token stop) {
  JsonStream json(out);
  json.BeginObject();
  json.Key("portfolio");
  json.String(portfolio.definition.id);
  json.Key("cases");
  json.BeginArray();
  for (const CompiledCase& one : portfolio.cases) MEND_TRY(StatesObject(json, one, stop));
  json.EndArray();
  json.EndObject();
  return json.Finish();
}

std::string StatesJson(const CompiledCase& compiled) {
  std::ostringstream out;
  // Without a stop token and with a string stream, writing cannot fail.
  (void)WriteStatesJson(out, compiled);
  return std::move(out).str();
}

std::string StatesPageJson(const CompiledCase& compiled, std::uint64_t offset,
                           std::uint64_t limit) {
  std::ostringstream out;
  JsonStream json(out);
  (void)StatesObject(json, compiled, {}, offset, limit);
  (void)json.Finish();
  return std::move(out).str();
}

std::string StatesJson(const CompiledPortfolio& portfolio) {
  std::ostringstream out;
  (void)WriteStatesJson(out, portfolio);
  return std::move(out).str();
}

}  // namespace mend
