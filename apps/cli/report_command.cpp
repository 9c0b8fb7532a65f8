// SPDX-License-Identifier: Apache-2.0
//
// `mend report`: one self-contained HTML file with the analysis of a case or portfolio, its
// charts (the web/src/report bundle, inlined) and every decider's brief; optionally a PDF of it
// printed by headless Chromium.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "commands.hpp"
#include "mend/io/case_reader.hpp"
#include "mend/io/json_writer.hpp"
#include "mend/report/brief.hpp"
#include "mend/report/case_analysis.hpp"
#include "mend/report/markdown.hpp"
#include "mend/report/report_html.hpp"
#include "output.hpp"

namespace mend::cli {
namespace {

namespace fs = std::filesystem;

// Where the chart bundle may be: given, from the environment, installed beside the binary, or
// the source tree's build output.
std::vector<fs::path> BundleCandidates(const std::string& given) {
  if (!given.empty()) return {given};
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("MEND_REPORT_BUNDLE"); env != nullptr && *env != '\0') {
    candidates.emplace_back(env);
  }
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    candidates.push_back(self.parent_path() / "../share/mend/report.js");
    candidates.push_back(self.parent_path() / "report.js");
  }
  candidates.push_back(fs::path(MEND_SOURCE_DIR) / "web/dist-report/report.js");
  return candidates;
}

Result<std::string> ReadBundle(const std::string& given) {
  for (const fs::path& path : BundleCandidates(given)) {
    std::ifstream in(path, std::ios::binary);
    if (!in) continue;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  return Error::NotFound(
      "the report's chart bundle (report.js) was not found; build it with scripts/build-web.sh "
      "or `npm run build:report` in web/, or give --bundle");
}

std::string NamesJson(const std::vector<std::pair<std::string, std::string>>& names) {
  std::string out = "{";
  for (const auto& [id, name] : names) {
    out += (out.size() > 1 ? ", " : "") + JsonString(id) + ": " + JsonString(name);
  }
  return out + "}";
}

std::string ShellQuote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string FindChromium() {
  for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser",
                                "/usr/bin/google-chrome"}) {
    if (access(candidate, X_OK) == 0) return candidate;
  }
  return "";
}

}  // namespace

Command AddReportCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "report", "A self-contained HTML report: the analysis, its charts and every decider's brief");
  auto file = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  auto bundle = std::make_shared<std::string>();
  auto pdf = std::make_shared<std::string>();
  auto concept_name = std::make_shared<std::string>("seq");
  auto threads = std::make_shared<unsigned>(0);
  command->add_option("file", *file, "Case or portfolio file (YAML)")->required();
  command->add_option("-o,--output", *output, "The HTML file to write ('-' for stdout)")->required();
  command->add_option("--pdf", *pdf, "Also print the report to this PDF with headless Chromium");
  command->add_option("--bundle", *bundle, "The chart bundle (default: web/dist-report/report.js)");
  command->add_option("--concept", *concept_name,
                      "Prefer alternatives that are equilibria under this concept: nash, gmr, smr, seq")
      ->check(CLI::IsMember({"nash", "gmr", "smr", "seq"}))
      ->capture_default_str();
  command->add_option("--threads", *threads, "Worker threads (0 = all cores)")->capture_default_str();
  return [=]() {
    Result<std::string> script = ReadBundle(*bundle);
    if (!script) return Report(script.error());
    Result<Document> document = ReadDocumentFile(*file);
    if (!document) return Report(document.error());
    std::vector<const CompiledCase*> cases;
    std::string title;
    const auto* portfolio = std::get_if<CompiledPortfolio>(&*document);
    if (portfolio != nullptr) {
      for (const CompiledCase& one : portfolio->cases) cases.push_back(&one);
      title = portfolio->definition.title.text;
    } else {
      cases.push_back(&std::get<CompiledCase>(*document));
      title = cases.front()->definition.title.text;
    }
    std::vector<ReportCase> sections;
    for (const CompiledCase* one : cases) {
      const CaseDefinition& definition = one->definition;
      Result<CaseAnalysis> analysis =
          AnalyzeCase(*one, *ParseStabilityConcept(*concept_name), SanctionRule::kTextbook, *threads);
      if (!analysis) return Report(analysis.error());
      ReportCase section;
      section.id = definition.id;
      section.title = definition.title.text;
      section.states_json = StatesJson(*one);
      section.analysis_json = AnalysisJson(*analysis);
      std::vector<std::pair<std::string, std::string>> names;
      for (const Option& option : definition.options) names.emplace_back(option.id, option.name.text);
      section.option_names_json = NamesJson(names);
      names.clear();
      for (const Option& option : definition.options) {
        names.emplace_back(option.id, definition.actors[option.owner.value].id);
      }
      section.option_owners_json = NamesJson(names);
      names.clear();
      for (const Actor& actor : definition.actors) names.emplace_back(actor.id, actor.name.text);
      section.actor_names_json = NamesJson(names);
      // Every decider's brief in its own language, and in English too when that differs.
      for (ActorIndex actor : definition.Deciders()) {
        const Actor& who = definition.actors[actor.value];
        std::vector<Language> languages = {Language::kEnglish};
        if (who.language == "ru") languages.insert(languages.begin(), Language::kRussian);
        for (Language language : languages) {
          BriefOptions options;
          options.language = language;
          options.version = MEND_VERSION;
          if (portfolio != nullptr) {
            options.portfolio_title = Localized(portfolio->definition.title, language);
          }
          Result<std::string> markdown = BriefMarkdown(*analysis, actor, options);
          if (!markdown) return Report(markdown.error());
          section.briefs.push_back(ReportBrief{who.id, Localized(who.name, language),
                                               LanguageCode(language),
                                               MarkdownToHtml(*markdown)});
        }
      }
      sections.push_back(std::move(section));
    }
    Result<std::string> html = ReportHtml(title, sections, *script, MEND_VERSION);
    if (!html) return Report(html.error());
    const int written = Emit(*html, *output);
    if (written != kExitOk || pdf->empty()) return written;
    if (*output == "-") {
      return Report(Error::InvalidArgument("--pdf needs the HTML written to a file (-o FILE)"));
    }
    const std::string chromium = FindChromium();
    if (chromium.empty()) {
      return Report(Error::NotFound("--pdf needs Chromium (Debian package chromium)"));
    }
    std::error_code error;
    const fs::path page = fs::absolute(*output, error);
    const std::string command_line = fmt::format(
        "{} --headless --no-sandbox --disable-gpu --disable-background-networking "
        "--no-pdf-header-footer --virtual-time-budget=5000 --print-to-pdf={} {} >/dev/null 2>&1",
        ShellQuote(chromium), ShellQuote(*pdf), ShellQuote("file://" + page.string()));
    if (std::system(command_line.c_str()) != 0 || !fs::exists(*pdf)) {
      return Report(Error::Io("headless Chromium did not print the PDF").At({*pdf, 0, 0}));
    }
    return kExitOk;
  };
}

}  // namespace mend::cli
