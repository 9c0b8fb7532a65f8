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
                               const std::string& summary, std::string_view bundle,
                               const std::string& version, Language language) {
  const bool ru = language == Language::kRussian;
  // The chart bundle draws the annex only: the briefs are part of the page itself (above it),
  // so they read and print without the script.
  std::string data = fmt::format("{{\"title\": {}, \"version\": {}, \"lang\": \"{}\", \"cases\": [",
                                 JsonString(title), JsonString(version), LanguageCode(language));
  mustache::list issues;
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const ReportCase& one = cases[k];
    data += fmt::format(
        "{}{{\"id\": {}, \"title\": {}, \"option_names\": {}, \"option_owners\": {}, "
        "\"actor_names\": {}, \"states\": {}, "
        "\"analysis\": {}, \"montecarlo\": {}, \"ledger_note\": {}, \"briefs\": []}}",
        k == 0 ? "" : ", ", JsonString(one.id), JsonString(one.title), one.option_names_json,
        one.option_owners_json, one.actor_names_json, OrNull(one.states_json),
        OrNull(one.analysis_json), OrNull(one.montecarlo_json),
        one.ledger_note.empty() ? "null" : JsonString(one.ledger_note));
    mustache::list briefs;
    for (const ReportBrief& brief : one.briefs) {
      mustache::object entry;
      entry["actor"] = mustache::data(brief.actor);
      entry["name"] = mustache::data(brief.name);
      entry["lang"] = mustache::data(brief.language);
      entry["html"] = mustache::data(brief.html);
      briefs.push_back(entry);
    }
    mustache::object issue;
    issue["id"] = mustache::data(one.id);
    issue["title"] = mustache::data(one.title);
    issue["briefs"] = mustache::data(briefs);
    issues.push_back(issue);
  }
  data += "]}";

  const std::optional<std::string_view> text = internal::EmbeddedTemplate("report.html.mustache");
  if (!text) return Error{ErrorCode::kInternal, "no embedded template report.html.mustache"};
  const std::optional<std::string_view> layout = internal::EmbeddedTemplate("report_layout.js");
  if (!layout) return Error{ErrorCode::kInternal, "no embedded template report_layout.js"};
  mustache::mustache tmpl{std::string(*text)};
  if (!tmpl.is_valid())
    return Error{ErrorCode::kInternal, "report.html.mustache: " + tmpl.error_message()};
  mustache::data view;
  // {{title}}, {{version}} and the case strings are HTML-escaped by mustache; the summary and the
  // briefs (escaped where they were written) and the blobs go in with {{{…}}}, the blobs made
  // safe for a <script> element here.
  view.set("title", mustache::data(title));
  view.set("version", mustache::data(version));
  // The page's own words in the report's language.
  view.set("lang", mustache::data(std::string(LanguageCode(language))));
  view.set("meta",
           mustache::data(std::string(
               ru ? "Все числа взяты из анализа в этом файле; графики приложения строятся по "
                    "нему, из сети ничего не загружается."
                  : "Figures come from the analysis in this file; the charts of the annex are "
                    "drawn from it, and nothing is fetched from the network.")));
  view.set("briefs_heading", mustache::data(std::string(ru ? "Аналитические записки" : "Briefs")));
  view.set("issue_briefs",
           mustache::data(std::string(ru ? "аналитические записки" : "the briefs")));
  view.set("annex_heading",
           mustache::data(std::string(
               ru ? "Приложение: состояния, устойчивость, путь к исходу по умолчанию и анализ "
                    "чувствительности"
                  : "Annex: states, stability, the path to the default and the sensitivity "
                    "analysis")));
  view.set("noscript",
           mustache::data(std::string(
               ru ? "Графикам приложения нужен JavaScript; их данные — в исходном коде этого "
                    "файла."
                  : "The annex's charts need JavaScript; its data is in this file's source.")));
  view.set("case_count", mustache::data(fmt::format("{}", cases.size())));
  view.set("summary", mustache::data(summary));
  view.set("issues", mustache::data(issues));
  view.set("data", mustache::data(EscapeScriptJson(data)));
  view.set("bundle", mustache::data(InlineScript(bundle)));
  view.set("layout", mustache::data(InlineScript(*layout)));
  std::string out = tmpl.render(view);
  if (!tmpl.is_valid())
    return Error{ErrorCode::kInternal, "report.html.mustache: " + tmpl.error_message()};
  return out;
}

}  // namespace mend
