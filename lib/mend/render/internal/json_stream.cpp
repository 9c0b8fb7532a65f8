// SPDX-License-Identifier: Apache-2.0
#include "mend/render/internal/json_stream.hpp"

#include <charconv>
#include <cstring>

#include <nlohmann/json.hpp>

#include "mend/core/assert.hpp"

namespace mend::internal {
namespace {

// Printable ASCII without quote or backslash is written as is by nlohmann; anything else goes
// through nlohmann's escaping so the bytes stay its own.
bool IsPlain(std::string_view text) {
  for (const char c : text) {
    if (c < 0x20 || c == '"' || c == '\\' || static_cast<unsigned char>(c) >= 0x7f) return false;
  }
  return true;
}

}  // namespace

JsonStream::JsonStream(std::ostream& out) : out_(out) { buffer_.reserve(kBlockBytes + 4096); }

void JsonStream::Prefix() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  Level& level = levels_.back();
  // The value written next flushes if the block is full; one check per value is enough.
  if (!level.empty) buffer_.push_back(',');
  buffer_.push_back('\n');
  level.empty = false;
  buffer_.append(levels_.size(), ' ');
}

void JsonStream::BeginObject() {
  Prefix();
  Write("{");
  levels_.push_back({true, true});
}

void JsonStream::BeginArray() {
  Prefix();
  Write("[");
  levels_.push_back({false, true});
}

void JsonStream::End(char close) {
  const bool empty = levels_.back().empty;
  levels_.pop_back();
  if (!empty) {
    Write("\n");
    buffer_.append(levels_.size(), ' ');
  }
  buffer_.push_back(close);
  FlushIfFull();
}

void JsonStream::EndObject() { End('}'); }

void JsonStream::EndArray() { End(']'); }

void JsonStream::Key(std::string_view key) {
  Prefix();
  AppendString(key);
  Write(": ");
  after_key_ = true;
}

void JsonStream::String(std::string_view value) {
  Prefix();
  AppendString(value);
}

void JsonStream::PlainString(std::string_view value) {
  MEND_ASSERT(IsPlain(value), "PlainString needs text without escapes");
  Prefix();
  const std::size_t at = buffer_.size();
  buffer_.resize(at + value.size() + 2);
  char* out = buffer_.data() + at;
  out[0] = '"';
  std::memcpy(out + 1, value.data(), value.size());
  out[value.size() + 1] = '"';
  FlushIfFull();
}

void JsonStream::AppendString(std::string_view value) {
  if (IsPlain(value)) {
    buffer_.push_back('"');
    buffer_.append(value);
    buffer_.push_back('"');
  } else {
    buffer_ += nlohmann::ordered_json(std::string(value)).dump();
  }
  FlushIfFull();
}

void JsonStream::Number(double value) {
  Prefix();
  buffer_ += nlohmann::ordered_json(value).dump();
  FlushIfFull();
}

void JsonStream::Unsigned(std::uint64_t value) {
  Prefix();
  char digits[24];
  const std::to_chars_result end = std::to_chars(digits, digits + sizeof digits, value);
  buffer_.append(digits, end.ptr);
  FlushIfFull();
}

void JsonStream::Bool(bool value) {
  Prefix();
  Write(value ? "true" : "false");
}

void JsonStream::Null() {
  Prefix();
  Write("null");
}

void JsonStream::Write(std::string_view text) {
  buffer_.append(text);
  FlushIfFull();
}

void JsonStream::FlushIfFull() {
  if (buffer_.size() < kBlockBytes) return;
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

Status JsonStream::Finish() {
  buffer_.push_back('\n');
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
  out_.flush();
  if (!out_) return Error::Io("cannot write the JSON output");
  return Ok();
}

}  // namespace mend::internal
