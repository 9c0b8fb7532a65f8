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

#include <algorithm>
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
  /// String() for text known to need no escaping (printable ASCII without quote or backslash,
  /// asserted), such as state patterns: written with one copy, for outputs of millions of them.
  void PlainString(std::string_view value);
  /// Writes `count` strings of `width` characters as items of the current array, as PlainString
  /// would: fill(k, out) writes the k-th string's characters to out[0, width). The items are
  /// laid out a block at a time, without a call per character or per piece of punctuation.
  template <typename Fill>
  void PlainStrings(std::size_t count, std::size_t width, Fill&& fill);
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

  // Output is handed to the stream in blocks of about this size.
  static constexpr std::size_t kBlockBytes = std::size_t{1} << 16;

  std::ostream& out_;
  std::string buffer_;
  std::vector<Level> levels_;
  bool after_key_ = false;
};

template <typename Fill>
void JsonStream::PlainStrings(std::size_t count, std::size_t width, Fill&& fill) {
  if (count == 0) return;
  std::string scratch(width, ' ');
  std::size_t k = 0;
  if (levels_.back().empty) {  // the first item has no comma before it
    fill(k++, scratch.data());
    PlainString(scratch);
  }
  const std::size_t indent = levels_.size();
  const std::size_t item = 2 + indent + width + 2;  // ",\n", indent, quoted string
  while (k < count) {
    const std::size_t at = buffer_.size();
    const std::size_t room = at < kBlockBytes ? kBlockBytes - at : 0;
    const std::size_t n = std::min(count - k, std::max<std::size_t>(1, room / item));
    buffer_.resize(at + n * item);
    char* out = buffer_.data() + at;
    for (std::size_t i = 0; i < n; ++i, ++k, out += item) {
      out[0] = ',';
      out[1] = '\n';
      std::fill(out + 2, out + 2 + indent, ' ');
      out[2 + indent] = '"';
      fill(k, out + 3 + indent);
      out[item - 1] = '"';
    }
    FlushIfFull();
  }
}

}  // namespace mend::internal
