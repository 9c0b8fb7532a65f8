// SPDX-License-Identifier: Apache-2.0
//
// JsonStream: writes a JSON document to a std::ostream as it is produced, laid out exactly as
// nlohmann's dump(1) lays out the same document (one-space indent, "key": value, empty
// containers as {} and []), so large outputs need no document in memory and stay byte-identical
// to the DOM renderings they replace. Scalars are serialised by nlohmann.
//
// Example:
//   internal::JsonStream json(out);
//   json.BeginObject();
//   json.Key("case");
//   json.String("pd");
//   json.EndObject();
//   MEND_TRY(json.Finish());  // the trailing newline, flush, stream check
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "mend/core/result.hpp"

namespace mend::internal {

class JsonStream {
 public:
  explicit JsonStream(std::ostream& out);
  JsonStream(const JsonStream&) = delete;
  JsonStream& operator=(const JsonStream&) = delete;

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  /// Starts a member of the enclosing object; the next call writes its value.
  void Key(std::string_view key);
  void String(std::string_view value);
  void Number(double value);
  void Unsigned(std::uint64_t value);
  void Bool(bool value);
  void Null();

  /// Ends the document with a newline and flushes it. Fails with kIo if the stream failed.
  [[nodiscard]] Status Finish();

 private:
  struct Level {
    bool object = false;
    bool empty = true;
  };

  // Separator and indentation before a value (or a key) inside the current container.
  void Prefix();
  void End(char close);
  void AppendString(std::string_view value);
  void Write(std::string_view text);
  void FlushIfFull();

  std::ostream& out_;
  std::string buffer_;
  std::vector<Level> levels_;
  bool after_key_ = false;
};

}  // namespace mend::internal
