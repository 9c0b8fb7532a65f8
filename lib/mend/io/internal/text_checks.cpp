// SPDX-License-Identifier: Apache-2.0
#include "mend/io/internal/text_checks.hpp"

#include <fmt/format.h>

namespace mend::internal {
namespace {

// Returns the length of the valid UTF-8 sequence starting at text[i], or 0 if it is invalid.
std::size_t Utf8Length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned int minimum = 0;
  unsigned int code = 0;
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, minimum = 0x80, code = lead & 0x1FU;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, minimum = 0x800, code = lead & 0x0FU;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, minimum = 0x10000, code = lead & 0x07U;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3FU);
  }
  if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

}  // namespace

Status CheckText(std::string_view text, const std::string& file, std::string_view kind) {
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
      ++i;
      continue;
    }
    if (c < 0x20 && c != '\t' && c != '\r') {
      return Error::InvalidArgument(fmt::format("control byte 0x{:02x} in the file; expected "
                                                "{} (is this a binary file?)",
                                                c, kind))
          .At({file, line, column});
    }
    const std::size_t length = Utf8Length(text, i);
    if (length == 0) {
      return Error::InvalidArgument(fmt::format("byte 0x{:02x} is not valid UTF-8; expected "
                                                "{} in UTF-8 (is this a binary file?)",
                                                c, kind))
          .At({file, line, column});
    }
    i += length;
    column += static_cast<int>(length);  // bytes, like yaml-cpp; the reader converts at the end
  }
  return Ok();
}

std::optional<SourceLocation> FindIndentingTab(std::string_view text, const std::string& file,
                                               int last_line) {
  int line = 1;
  bool indent = true;  // still in the line's leading blanks
  int column = 1;
  for (const char c : text) {
    if (line > last_line) break;
    if (c == '\n') {
      ++line;
      column = 1;
      indent = true;
      continue;
    }
    if (indent && c == '\t') return SourceLocation{file, line, column};
    if (c != ' ') indent = false;
    ++column;
  }
  return std::nullopt;
}

Error ExplainYamlError(std::string_view text, const std::string& file, int error_line,
                       Error yaml_error) {
  std::optional<SourceLocation> tab = FindIndentingTab(text, file, error_line);
  if (!tab) {
    // yaml-cpp names the structure it lost, not why: these come from misaligned lines.
    for (const char* symptom : {"illegal map value", "end of map not found",
                                "end of sequence not found", "block sequence entries are not"}) {
      if (yaml_error.message.find(symptom) != std::string::npos) {
        yaml_error.message += fmt::format(
            " (check the indentation of line {} and the lines above it: YAML nests by "
            "indentation, with spaces)",
            error_line);
        break;
      }
    }
    return yaml_error;
  }
  return Error::InvalidArgument(fmt::format("tab character at {}:{}; YAML indents with spaces "
                                            "(replace the tab by spaces)",
                                            tab->line, tab->column))
      .At(*tab);
}

}  // namespace mend::internal
