// SPDX-License-Identifier: Apache-2.0
#include "mend/io/internal/located_json.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace mend::internal {
namespace {

class Parser {
 public:
  Parser(std::string_view text, const std::string& file, int max_depth, long max_values)
      : text_(text), file_(file), max_depth_(max_depth), max_values_(max_values) {}

  Result<JsonValue> Document() {
    SkipSpace();
    if (AtEnd()) return Fail("the file is empty; expected a JSON object");
    MEND_TRY(JsonValue root, Value(0));
    SkipSpace();
    if (!AtEnd()) return Fail("text after the end of the JSON document; expected nothing more");
    return root;
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return text_[pos_]; }

  // Advances one byte, keeping line and character column (UTF-8 continuation bytes do not
  // start a new column).
  void Advance() {
    const char c = text_[pos_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
      ++column_;
    }
  }

  void SkipSpace() {
    while (!AtEnd() && (Peek() == ' ' || Peek() == '\t' || Peek() == '\n' || Peek() == '\r')) {
      Advance();
    }
  }

  Error Fail(std::string message) const {
    return Error::InvalidArgument("not valid JSON: " + std::move(message))
        .At({file_, line_, column_});
  }

  Result<JsonValue> Value(int depth) {
    if (depth > max_depth_) {
      return Fail(fmt::format("values nested more than {} deep; expected a file of ordinary depth",
                              max_depth_));
    }
    if (AtEnd()) return Fail("the document ends early; expected a value");
    if (++values_ > max_values_) {
      return Error::InvalidArgument(
                 fmt::format("the file holds more than {} values; expected a conflict of at most "
                             "that many",
                             max_values_))
          .At({file_, line_, column_});
    }
    JsonValue value;
    value.line = line_;
    value.column = column_;
    const char c = Peek();
    if (c == '{') {
      value.kind = JsonValue::Kind::kObject;
      MEND_TRY(Object(value, depth));
    } else if (c == '[') {
      value.kind = JsonValue::Kind::kArray;
      MEND_TRY(Array(value, depth));
    } else if (c == '"') {
      value.kind = JsonValue::Kind::kString;
      MEND_TRY(value.text, String());
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      value.kind = JsonValue::Kind::kNumber;
      MEND_TRY(Number(value));
    } else if (Word("true")) {
      value.kind = JsonValue::Kind::kBool;
      value.boolean = true;
    } else if (Word("false")) {
      value.kind = JsonValue::Kind::kBool;
    } else if (Word("null")) {
      value.kind = JsonValue::Kind::kNull;
    } else {
      return Fail(fmt::format("unexpected character '{}'; expected a value", c));
    }
    return value;
  }

  bool Word(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    for (std::size_t i = 0; i < word.size(); ++i) Advance();
    return true;
  }

  Status Object(JsonValue& value, int depth) {
    Advance();  // '{'
    SkipSpace();
    if (!AtEnd() && Peek() == '}') {
      Advance();
      return Ok();
    }
    for (;;) {
      SkipSpace();
      if (AtEnd() || Peek() != '"') return Fail("expected a key in double quotes");
      JsonMember member;
      member.line = line_;
      member.column = column_;
      MEND_TRY(member.key, String());
      if (value.Find(member.key) != nullptr) {
        return Error::InvalidArgument(
                   fmt::format("{}: duplicate key; expected each key once in an object",
                               member.key))
            .At({file_, member.line, member.column});
      }
      SkipSpace();
      if (AtEnd() || Peek() != ':') return Fail("expected ':' after the key");
      Advance();
      SkipSpace();
      MEND_TRY(member.value, Value(depth + 1));
      value.members.push_back(std::move(member));
      SkipSpace();
      if (AtEnd()) return Fail("the document ends inside an object; expected ',' or '}'");
      if (Peek() == ',') {
        Advance();
        continue;
      }
      if (Peek() == '}') {
        Advance();
        return Ok();
      }
      return Fail(fmt::format("unexpected character '{}'; expected ',' or '}}'", Peek()));
    }
  }

  Status Array(JsonValue& value, int depth) {
    Advance();  // '['
    SkipSpace();
    if (!AtEnd() && Peek() == ']') {
      Advance();
      return Ok();
    }
    for (;;) {
      SkipSpace();
      MEND_TRY(JsonValue item, Value(depth + 1));
      value.items.push_back(std::move(item));
      SkipSpace();
      if (AtEnd()) return Fail("the document ends inside an array; expected ',' or ']'");
      if (Peek() == ',') {
        Advance();
        continue;
      }
      if (Peek() == ']') {
        Advance();
        return Ok();
      }
      return Fail(fmt::format("unexpected character '{}'; expected ',' or ']'", Peek()));
    }
  }

  static void AppendUtf8(std::string& out, std::uint32_t code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  Result<std::uint32_t> Hex4() {
    std::uint32_t code = 0;
    for (int i = 0; i < 4; ++i) {
      if (AtEnd()) return Fail("the document ends inside a \\u escape");
      const char h = Peek();
      std::uint32_t digit = 0;
      if (h >= '0' && h <= '9') {
        digit = static_cast<std::uint32_t>(h - '0');
      } else if (h >= 'a' && h <= 'f') {
        digit = static_cast<std::uint32_t>(h - 'a' + 10);
      } else if (h >= 'A' && h <= 'F') {
        digit = static_cast<std::uint32_t>(h - 'A' + 10);
      } else {
        return Fail("expected four hexadecimal digits after \\u");
      }
      code = code * 16 + digit;
      Advance();
    }
    return code;
  }

  Result<std::string> String() {
    Advance();  // opening quote
    std::string out;
    for (;;) {
      if (AtEnd()) return Fail("the document ends inside a string; expected '\"'");
      const char c = Peek();
      if (c == '"') {
        Advance();
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) {
        return Fail("a control character inside a string; expected it escaped");
      }
      if (c != '\\') {
        out += c;
        Advance();
        continue;
      }
      Advance();
      if (AtEnd()) return Fail("the document ends inside a string escape");
      const char e = Peek();
      Advance();
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          MEND_TRY(std::uint32_t code, Hex4());
          if (code >= 0xD800 && code < 0xDC00) {
            if (!Word("\\u")) return Fail("a lone surrogate in a \\u escape");
            MEND_TRY(std::uint32_t low, Hex4());
            if (low < 0xDC00 || low > 0xDFFF) return Fail("a lone surrogate in a \\u escape");
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          } else if (code >= 0xDC00 && code < 0xE000) {
            return Fail("a lone surrogate in a \\u escape");
          }
          AppendUtf8(out, code);
          break;
        }
        default:
          return Fail(fmt::format("unknown escape '\\{}' in a string", e));
      }
    }
  }

  Status Number(JsonValue& value) {
    const std::size_t start = pos_;
    bool integral = true;
    auto digits = [&] {
      std::size_t count = 0;
      while (!AtEnd() && Peek() >= '0' && Peek() <= '9') {
        Advance();
        ++count;
      }
      return count;
    };
    if (Peek() == '-') Advance();
    if (!AtEnd() && Peek() == '0') {
      Advance();
    } else if (digits() == 0) {
      return Fail("expected digits in a number");
    }
    if (!AtEnd() && Peek() == '.') {
      integral = false;
      Advance();
      if (digits() == 0) return Fail("expected digits after '.' in a number");
    }
    if (!AtEnd() && (Peek() == 'e' || Peek() == 'E')) {
      integral = false;
      Advance();
      if (!AtEnd() && (Peek() == '+' || Peek() == '-')) Advance();
      if (digits() == 0) return Fail("expected digits in a number's exponent");
    }
    value.text = std::string(text_.substr(start, pos_ - start));
    value.integral = integral;
    const char* first = value.text.data();
    const auto [end, error] = std::from_chars(first, first + value.text.size(), value.number);
    if (error != std::errc() || end != first + value.text.size() || !std::isfinite(value.number)) {
      return Fail(fmt::format("the number {} is out of range", value.text));
    }
    return Ok();
  }

  std::string_view text_;
  const std::string& file_;
  int max_depth_;
  long max_values_;
  long values_ = 0;
  std::size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

}  // namespace

const JsonMember* JsonValue::Find(std::string_view key) const {
  for (const JsonMember& member : members) {
    if (member.key == key) return &member;
  }
  return nullptr;
}

const char* JsonKindName(JsonValue::Kind kind) {
  switch (kind) {
    case JsonValue::Kind::kNull:
      return "null";
    case JsonValue::Kind::kBool:
      return "a boolean";
    case JsonValue::Kind::kNumber:
      return "a number";
    case JsonValue::Kind::kString:
      return "a string";
    case JsonValue::Kind::kArray:
      return "an array";
    case JsonValue::Kind::kObject:
      return "an object";
  }
  return "a value";
}

Result<JsonValue> ParseLocatedJson(std::string_view text, const std::string& file, int max_depth,
                                   long max_values) {
  return Parser(text, file, max_depth, max_values).Document();
}

}  // namespace mend::internal
