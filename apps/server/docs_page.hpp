// SPDX-License-Identifier: Apache-2.0
//
// GET /docs/analyses: docs/analyses.md (the definitions of every analysis) rendered to one HTML
// page by the report's Markdown renderer, with an id on each heading so that the workbench's
// glossary can link to a definition (/docs/analyses#stability-of-a-state-for-a-decider). The
// text is embedded at build time: the page works offline, from the binary alone.
//
// Example:
//   response.set_content(DefinitionsPage(), "text/html; charset=utf-8");
#pragma once

#include <string>
#include <string_view>

namespace mend::server {

/// docs/analyses.md as built into this binary (embed_docs.cmake).
std::string_view AnalysesMarkdown();

/// A heading's anchor: lower-case ASCII letters and digits, spaces and '-' as '-', everything
/// else (punctuation, markup, entities) dropped; non-ASCII letters are kept as they are.
std::string HeadingAnchor(std::string_view heading_html);

/// Gives each <h1>..<h6> of `html` (cmark's output: no attributes) an id from HeadingAnchor,
/// "-1", "-2", ... appended to repeats.
std::string WithHeadingIds(const std::string& html);

/// The whole page: the rendered definitions with heading ids, in a minimal HTML document.
const std::string& DefinitionsPage();

}  // namespace mend::server
