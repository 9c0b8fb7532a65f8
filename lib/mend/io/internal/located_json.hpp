// SPDX-License-Identifier: Apache-2.0
//
// A small JSON reader that remembers where every value and every object key starts (line and
// column, counting characters from 1), so that readers of JSON files (.gmcr) can place their
// errors the way the YAML reader does. Duplicate keys, nesting beyond a fixed depth, and trailing
// text are refused with a located error; nothing is partially returned.
//
// Example:
//   MEND_TRY(internal::JsonValue root, internal::ParseLocatedJson(text, "a.gmcr"));
//   if (const internal::JsonMember* m = root.Find("options")) use(m->value.line);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mend/core/result.hpp"

namespace mend::internal {

struct JsonMember;

/// One JSON value and where it starts. Objects keep their members in file order.
struct JsonValue {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  double number = 0;
  bool integral = false;  // a number written without fraction or exponent
  std::string text;       // a string's value, or a number as written
  std::vector<JsonValue> items;
  std::vector<JsonMember> members;
  int line = 0;
  int column = 0;

  /// Returns the member with this key, or nullptr.
  const JsonMember* Find(std::string_view key) const;
};

struct JsonMember {
  std::string key;
  int line = 0;  // where the key starts
  int column = 0;
  JsonValue value;
};

/// Returns the name of a kind for messages: "a string", "an array", ...
const char* JsonKindName(JsonValue::Kind kind);

/// Parses `text` as one JSON document. Fails with kInvalidArgument located in `file` at the
/// first syntax error, duplicate key, value nested deeper than `max_depth`, or value beyond the
/// first `max_values` (which bounds memory: each value costs about 200 bytes).
Result<JsonValue> ParseLocatedJson(std::string_view text, const std::string& file,
                                   int max_depth = 64, long max_values = 1'000'000);

}  // namespace mend::internal
