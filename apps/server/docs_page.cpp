// SPDX-License-Identifier: Apache-2.0
#include "docs_page.hpp"

#include <map>

#include <fmt/format.h>

#include "mend/report/markdown.hpp"

namespace mend::server {

std::string HeadingAnchor(std::string_view heading_html) {
  std::string anchor;
  bool in_tag = false;
  bool in_entity = false;
  for (char c : heading_html) {
    const auto byte = static_cast<unsigned char>(c);
    if (in_tag) {
      in_tag = c != '>';
    } else if (in_entity) {
      in_entity = c != ';';
    } else if (c == '<') {
      in_tag = true;
    } else if (c == '&') {
      in_entity = true;
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || byte >= 0x80) {
      anchor += c;
    } else if (c >= 'A' && c <= 'Z') {
      anchor += static_cast<char>(c - 'A' + 'a');
    } else if (c == ' ' || c == '-') {
      anchor += '-';
    }
  }
  return anchor;
}

std::string WithHeadingIds(const std::string& html) {
  std::string out;
  std::map<std::string, int> seen;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = html.find("<h", at);
    if (open == std::string::npos || open + 3 >= html.size()) break;
    const char level = html[open + 2];
    if (level < '1' || level > '6' || html[open + 3] != '>') {
      out.append(html, at, open + 2 - at);
      at = open + 2;
      continue;
    }
    const std::string close = fmt::format("</h{}>", level);
    const std::size_t end = html.find(close, open);
    if (end == std::string::npos) break;
    const std::string inner = html.substr(open + 4, end - open - 4);
    std::string id = HeadingAnchor(inner);
    if (const int repeats = seen[id]++; repeats > 0) id += fmt::format("-{}", repeats);
    out.append(html, at, open - at);
    out += fmt::format("<h{} id=\"{}\">", level, EscapeHtml(id));
    out += inner;
    out += close;
    at = end + close.size();
  }
  out.append(html, at, std::string::npos);
  return out;
}

const std::string& DefinitionsPage() {
  static const std::string page = fmt::format(
      "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>mend: the definitions</title>\n"
      "<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:1rem auto;"
      "padding:0 1rem;color:#14181f}}pre,code{{font-size:.9em}}pre{{overflow-x:auto;"
      "background:#f5f6f8;padding:.5rem}}table{{border-collapse:collapse}}td,th{{border:1px "
      "solid #d5d9de;padding:.1rem .4rem}}:target{{background:#fff6cc}}</style>\n"
      "</head>\n<body>\n<p><a href=\"/\">Back to the workbench</a></p>\n{}</body>\n</html>\n",
      WithHeadingIds(MarkdownToHtml(AnalysesMarkdown())));
  return page;
}

}  // namespace mend::server
