// SPDX-License-Identifier: Apache-2.0
//
// TextPage: the one writer of the readable outputs (`--format text` and `--format markdown`):
// headings, lines, items and tables whose columns are padded to the widest cell in display
// width (code points, so Cyrillic names and units line up), the first `left` columns
// left-aligned and the figures right-aligned; in Markdown, pipe tables with alignment rules.
//
// Example:
//   TextPage page(/*markdown=*/false);
//   page.Heading("Monte Carlo");
//   page.Table({{"actor", "mean"}, {"us", "+3.2"}});
//   std::string text = page.str();
#pragma once

#include <string>
#include <vector>

namespace mend {

class TextPage {
 public:
  explicit TextPage(bool markdown) : markdown_(markdown) {}

  bool markdown() const { return markdown_; }
  /// Level 0: the page title (underlined with '=' in text); 1 and deeper: sections ('-').
  void Heading(const std::string& text, int level = 0);
  void Line(const std::string& text);
  void Item(const std::string& text);
  void Gap();
  /// A table whose first row is the header; rows may not be ragged.
  void Table(const std::vector<std::vector<std::string>>& rows, std::size_t left = 1);
  /// Appends text as it is.
  void Raw(const std::string& text);
  const std::string& str() const { return out_; }

  /// Display width in code points (UTF-8 continuation bytes do not count).
  static std::size_t Width(const std::string& text);

 private:
  bool markdown_;
  std::string out_;
};

/// A figure with four significant digits ("0" for zero).
std::string TextNumber(double value);
/// As TextNumber with a '+' before positive figures.
std::string TextSigned(double value);
/// A share as a percentage with one decimal ("12.5%").
std::string TextPercent(double share);
/// `value` with as many significant digits (4 to 9) as it takes to tell it from `reference`.
std::string TextNumberApart(double value, double reference);

}  // namespace mend
