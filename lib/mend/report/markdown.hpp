// SPDX-License-Identifier: Apache-2.0
//
// Text that comes from a case file goes into Markdown and HTML only through these escapes, so
// a case titled "<script>alert(1)</script>" reads as that text in every output.
//
// Example:
//   std::string md = "# " + EscapeMarkdown(definition.title.text) + "\n";
//   std::string body = MarkdownToHtml(md);  // raw HTML in the input is never passed through
#pragma once

#include <string>
#include <string_view>

namespace mend {

/// Escapes `text` for use inline in a Markdown paragraph, heading or table cell: every
/// character GFM could read as inline markup (emphasis, code, links, raw HTML, entities, table
/// pipes, strikethrough) is backslash-escaped and line breaks become spaces. Precondition: the
/// text is placed after other text on its line, so block markers ("- ", "1. ") cannot apply.
std::string EscapeMarkdown(std::string_view text);

/// Escapes & < > " ' for HTML text and attribute values.
std::string EscapeHtml(std::string_view text);

/// Renders GitHub-flavoured Markdown (tables included) to an HTML fragment with cmark-gfm.
/// Raw HTML in the input is not passed through (cmark's safe mode).
std::string MarkdownToHtml(std::string_view markdown);

/// Makes a JSON text safe inside an HTML <script> element (no "</", no "<!--").
std::string EscapeScriptJson(std::string_view json);

}  // namespace mend
