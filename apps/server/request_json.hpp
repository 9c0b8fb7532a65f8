// SPDX-License-Identifier: Apache-2.0
//
// The fields of a JSON request body, read with located messages for what is wrong. Pure
// functions of the text: no HTTP, no workspace; the API fuzzer drives them directly.
//
// Example:
//   MEND_TRY(nlohmann::json body, ParseRequestBody(request.body));
//   MEND_TRY(std::string source, StringField(body, "source", /*required=*/true));
//   MEND_TRY(std::int64_t seed, SeedOf(body, "viability"));
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "mend/core/result.hpp"
#include "mend/engine/command_table.hpp"

namespace mend::server {

/// Parses a request body that must be one JSON object. kInvalidArgument for malformed JSON or
/// another JSON type. Never throws.
Result<nlohmann::json> ParseRequestBody(std::string_view text);

/// Returns the string field `key`; `fallback` when absent and not required. kInvalidArgument
/// when required and absent, or not a string.
Result<std::string> StringField(const nlohmann::json& body, const char* key, bool required,
                                std::string fallback = {});

/// Parses a version number of a path or query: digits only, 1 to 999,999,999.
/// kInvalidArgument otherwise.
Result<int> ParseVersion(const std::string& text);

/// A request's JSON value as the engine's command table reads it.
OptionInput OptionInputOf(const nlohmann::json& value);

/// The seed of a request for `command` (`seed` beside the options), validated by the command
/// table's rule (an integer from 0 to 2^53; 1 when absent) for the commands that draw random
/// numbers; other commands ignore it and record 0. kInvalidArgument otherwise.
Result<std::int64_t> SeedOf(const nlohmann::json& body, const std::string& command);

}  // namespace mend::server
