// SPDX-License-Identifier: Apache-2.0
//
// `mend report`: one self-contained HTML file with the analysis of a case or portfolio, its
// charts (the web/src/report bundle, inlined), the Monte Carlo results (ranges, histograms,
// tornado) and every decider's brief; optionally a PDF of it printed by headless Chromium, and
// with --headline the portfolio's headline as text (what `make demo` prints).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "commands.hpp"
#include "interrupt.hpp"
#include "output.hpp"
#include "table_options.hpp"
#include <fmt/format.h>
#include <unistd.h>

#include "mend/io/case_reader.hpp"
#include "mend/report/brief.hpp"
#include "mend/report/number_format.hpp"
#include "mend/report/report_document.hpp"

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

std::string ShellQuote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string FindChromium() {
  for (const char* candidate :
       {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
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
  auto headline = std::make_shared<bool>(false);
  command->add_option("file", *file, "Case or portfolio file (YAML)")->required();
  command->add_option("-o,--output", *output, "The HTML file to write ('-' for stdout)")
      ->required();
  command->add_option("--pdf", *pdf, "Also print the report to this PDF with headless Chromium");
  command->add_option("--bundle", *bundle, "The chart bundle (default: web/dist-report/report.js)");
  auto table = std::make_shared<TableOptions>(*command, "report");
  command->add_flag("--headline", *headline,
                    "Also print the headline per issue (default, alternative, ledger with 90 % "
                    "ranges) and, for a portfolio, what needs linkage; to stdout, or to stderr "
                    "when the report goes to stdout");
  return [=]() {
    Result<CommandOptions> given = table->Parse();
    if (!given) return FailUsage(given.error());
    Result<AnalysisOptions> options = ToAnalysisOptions(*given);
    if (!options) return FailUsage(options.error());
    Result<std::string> script = ReadBundle(*bundle);
    if (!script) return Fail(script.error());
    Result<Document> document = ReadDocumentFile(*file);
    if (!document) return Fail(document.error());
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
    ReportRequest request;
    request.title = title;
    request.bundle = std::move(*script);
    request.version = MEND_VERSION;
    request.headline = *headline;
    if (given->Has("lang")) {
      request.language = ParseLanguage(given->Text("lang")).value_or(Language::kEnglish);
    }
    // The page's title in its language (a portfolio's or the case's `title_ru`).
    request.title = request.language == Language::kRussian && portfolio != nullptr
                        ? Localized(portfolio->definition.title, request.language)
                    : request.language == Language::kRussian
                        ? Localized(cases.front()->definition.title, request.language)
                        : title;
    InterruptWatcher interrupt;
    Result<ReportDocument> report =
        BuildReport(cases, portfolio != nullptr ? &portfolio->definition : nullptr, *options,
                    request, ProgressControl("report", interrupt.token(), /*quiet=*/true));
    if (interrupt.interrupted()) return Fail(InterruptWatcher::Cancelled("report"));
    if (!report) return Fail(report.error());
    std::string headline_text = std::move(report->headline);
    const int written = Emit(report->html, *output);
    if (written != kExitOk) return written;
    if (*headline) {
      if (*output != "-") headline_text += fmt::format("\nmend report: wrote {}\n", *output);
      std::fputs(headline_text.c_str(), *output == "-" ? stderr : stdout);
    }
    if (pdf->empty()) return kExitOk;
    if (*output == "-") {
      return Fail(Error::InvalidArgument("--pdf needs the HTML written to a file (-o FILE)"));
    }
    const std::string chromium = FindChromium();
    if (chromium.empty()) {
      return Fail(Error::NotFound("--pdf needs Chromium (Debian package chromium)"));
    }
    std::error_code error;
    const fs::path page = fs::absolute(*output, error);
    const std::string command_line = fmt::format(
        "{} --headless --no-sandbox --disable-gpu --disable-background-networking "
        "--no-pdf-header-footer --virtual-time-budget=5000 --print-to-pdf={} {} >/dev/null 2>&1",
        ShellQuote(chromium), ShellQuote(*pdf), ShellQuote("file://" + page.string()));
    if (std::system(command_line.c_str()) != 0 || !fs::exists(*pdf)) {
      return Fail(Error::Io("headless Chromium did not print the PDF").At({*pdf, 0, 0}));
    }
    return kExitOk;
  };
}

}  // namespace mend::cli
