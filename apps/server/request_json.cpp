// SPDX-License-Identifier: Apache-2.0
#include "request_json.hpp"

#include <limits>

#include "api.hpp"
#include <fmt/format.h>

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

Result<std::int64_t> SeedOf(const json& body, const std::string& command) {
  if (!body.contains("seed")) return DefaultSeed(command);
  const json& value = body["seed"];
  if (!value.is_number_integer()) return Error::InvalidArgument("seed: expected an integer");
  if (value.is_number_unsigned() &&
      value.get<std::uint64_t>() >
          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return Error::InvalidArgument("seed: expected an integer below 2^63");
  }
  const std::int64_t seed = value.get<std::int64_t>();
  if (SeededCommand(command) && seed < 0) {
    return Error::InvalidArgument("seed: expected a non-negative integer");
  }
  return seed;
}

}  // namespace mend::server
