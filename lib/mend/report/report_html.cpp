// SPDX-License-Identifier: Apache-2.0
#include "mend/report/report_html.hpp"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include "mend/report/internal/templates.hpp"
#include "mend/report/markdown.hpp"

namespace mend {
namespace {

namespace mustache = kainjow::mustache;

// An inline script ends at the first "</script" whatever the JavaScript around it means; "<\/"
// reads the same inside the strings and regular expressions where the bundle can hold it.
std::string InlineScript(std::string_view script) {
  std::string out;
  out.reserve(script.size());
  for (std::size_t k = 0; k < script.size(); ++k) {
    if (script[k] == '<' && k + 1 < script.size() && script[k + 1] == '/') {
      out += "<\\/";
      ++k;
    } else if (script.substr(k, 4) == "<!--") {
      out += "<\\!--";
      k += 3;
    } else {
      out += script[k];
    }
  }
  return out;
}

std::string OrNull(const std::string& json) { return json.empty() ? "null" : json; }

}  // namespace

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (byte < 0x20) {
          out += fmt::format("\\u{:04x}", byte);
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

Result<std::string> ReportHtml(const std::string& title, const std::vector<ReportCase>& cases,
                               std::string_view bundle, const std::string& version) {
  std::string data = fmt::format("{{\"title\": {}, \"version\": {}, \"cases\": [",
                                 JsonString(title), JsonString(version));
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const ReportCase& one = cases[k];
    std::string briefs;
    for (const ReportBrief& brief : one.briefs) {
      briefs +=
          fmt::format("{}{{\"actor\": {}, \"name\": {}, \"lang\": {}, \"html\": {}}}",
                      briefs.empty() ? "" : ", ", JsonString(brief.actor), JsonString(brief.name),
                      JsonString(brief.language), JsonString(brief.html));
    }
    data += fmt::format(
        "{}{{\"id\": {}, \"title\": {}, \"option_names\": {}, \"option_owners\": {}, "
        "\"actor_names\": {}, \"states\": {}, "
        "\"analysis\": {}, \"montecarlo\": {}, \"briefs\": [{}]}}",
        k == 0 ? "" : ", ", JsonString(one.id), JsonString(one.title), one.option_names_json,
        one.option_owners_json, one.actor_names_json, OrNull(one.states_json),
        OrNull(one.analysis_json), OrNull(one.montecarlo_json), briefs);
  }
  data += "]}";

  const std::optional<std::string_view> text = internal::EmbeddedTemplate("report.html.mustache");
  if (!text) return Error{ErrorCode::kInternal, "no embedded template report.html.mustache"};
  mustache::mustache tmpl{std::string(*text)};
  if (!tmpl.is_valid())
    return Error{ErrorCode::kInternal, "report.html.mustache: " + tmpl.error_message()};
  mustache::data view;
  // {{title}} and {{version}} are HTML-escaped by mustache; the blobs go in with {{{…}}}, made
  // safe for a <script> element here.
  view.set("title", mustache::data(title));
  view.set("version", mustache::data(version));
  view.set("case_count", mustache::data(fmt::format("{}", cases.size())));
  view.set("data", mustache::data(EscapeScriptJson(data)));
  view.set("bundle", mustache::data(InlineScript(bundle)));
  std::string out = tmpl.render(view);
  if (!tmpl.is_valid())
    return Error{ErrorCode::kInternal, "report.html.mustache: " + tmpl.error_message()};
  return out;
}

}  // namespace mend
