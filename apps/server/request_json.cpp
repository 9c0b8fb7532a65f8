// SPDX-License-Identifier: Apache-2.0
#include "request_json.hpp"

#include <limits>

#include "api.hpp"
#include <fmt/format.h>

#include "mend/engine/analysis_options.hpp"

namespace mend::server {

using nlohmann::json;

Result<json> ParseRequestBody(std::string_view text) {
  json body = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return Error::InvalidArgument("request body: malformed JSON");
  if (!body.is_object()) return Error::InvalidArgument("request body: expected a JSON object");
  return body;
}

Result<std::string> StringField(const json& body, const char* key, bool required,
                                std::string fallback) {
  if (!body.contains(key)) {
    if (required) return Error::InvalidArgument(fmt::format("{}: required", key));
    return fallback;
  }
  if (!body[key].is_string())
    return Error::InvalidArgument(fmt::format("{}: expected a string", key));
  return body[key].get<std::string>();
}

Result<int> ParseVersion(const std::string& text) {
  int value = 0;
  if (text.empty() || text.size() > 9) return Error::InvalidArgument("version: expected a number");
  for (char c : text) {
    if (c < '0' || c > '9') return Error::InvalidArgument("version: expected a number");
    value = value * 10 + (c - '0');
  }
  if (value < 1) return Error::InvalidArgument("version: expected a number from 1");
  return value;
}

OptionInput OptionInputOf(const json& value) {
  if (value.is_string()) return OptionInput::Text(value.get<std::string>());
  if (value.is_number()) {
    OptionInput input = OptionInput::Number(value.get<double>(), value.is_number_integer());
    input.written = value.dump();
    return input;
  }
  if (value.is_array()) {
    std::vector<OptionInput> items;
    for (const json& item : value) items.push_back(OptionInputOf(item));
    return OptionInput::List(std::move(items));
  }
  return OptionInput::Other(value.dump());
}

Result<std::int64_t> SeedOf(const json& body, const std::string& command) {
  const CommandSpec* spec = FindCommand(command);
  const OptionSpec* seed = spec != nullptr ? FindOption(*spec, "seed") : nullptr;
  if (seed == nullptr) return 0;  // the command draws no random numbers
  if (!body.contains("seed")) return static_cast<std::int64_t>(kDefaultSeed);
  MEND_TRY(OptionValue value, ParseOption(*seed, OptionInputOf(body["seed"])));
  return static_cast<std::int64_t>(std::get<std::uint64_t>(value));
}

}  // namespace mend::server
