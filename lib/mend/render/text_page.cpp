// SPDX-License-Identifier: Apache-2.0
#include "mend/render/text_page.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace mend {

std::size_t TextPage::Width(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

void TextPage::Heading(const std::string& text, int level) {
  if (markdown_) {
    out_ += std::string(static_cast<std::size_t>(level) + 1, '#') + " " + text + "\n\n";
  } else {
    out_ += text + "\n" + std::string(Width(text), level == 0 ? '=' : '-') + "\n";
  }
}

void TextPage::Line(const std::string& text) { out_ += text + "\n"; }

void TextPage::Item(const std::string& text) { out_ += (markdown_ ? "- " : "  ") + text + "\n"; }

void TextPage::Gap() { out_ += "\n"; }

void TextPage::Raw(const std::string& text) { out_ += text; }

void TextPage::Table(const std::vector<std::vector<std::string>>& rows, std::size_t left) {
  if (rows.empty()) return;
  std::vector<std::size_t> width(rows[0].size(), 0);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size() && c < width.size(); ++c) {
      width[c] = std::max(width[c], Width(row[c]));
    }
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line = markdown_ ? "|" : " ";
    for (std::size_t c = 0; c < rows[r].size() && c < width.size(); ++c) {
      const std::string pad(width[c] - Width(rows[r][c]), ' ');
      line += " " + (c < left ? rows[r][c] + pad : pad + rows[r][c]) + (markdown_ ? " |" : " ");
    }
    out_ += line + "\n";
    if (r == 0 && markdown_) {
      std::string rule = "|";
      for (std::size_t c = 0; c < width.size(); ++c) {
        rule += (c < left ? " :" : " ") + std::string(std::max<std::size_t>(width[c], 2) - 1, '-') +
                (c < left ? " |" : ": |");
      }
      out_ += rule + "\n";
    }
  }
}

std::string TextNumber(double value) {
  if (value == 0) return "0";
  return fmt::format("{:.4g}", value);
}

std::string TextSigned(double value) {
  return value > 0 ? "+" + TextNumber(value) : TextNumber(value);
}

std::string TextPercent(double share) { return fmt::format("{:.1f}%", 100 * share); }

std::string TextNumberApart(double value, double reference) {
  if (value == 0) return "0";
  for (int digits = 4; digits < 9; ++digits) {
    const std::string text = fmt::format("{:.{}g}", value, digits);
    if (text != fmt::format("{:.{}g}", reference, digits)) return text;
  }
  return fmt::format("{:.9g}", value);
}

}  // namespace mend
