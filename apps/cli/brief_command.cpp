// SPDX-License-Identifier: Apache-2.0
//
// `mend brief`: the brief of one actor — what confrontation over the issue costs it, in its
// language — as Markdown or an HTML page; for a portfolio, one brief per case.
#include "commands.hpp"
#include "interrupt.hpp"
#include "output.hpp"
#include "table_options.hpp"

#include "mend/io/case_reader.hpp"
#include "mend/report/brief_document.hpp"

namespace mend::cli {

Command AddBriefCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "brief", "The brief for one actor: what confrontation over the issue costs it, with figures");
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("markdown");
  auto output = std::make_shared<std::string>();
  command->add_option("file", *file, "Case or portfolio file (YAML)")->required();
  auto table = std::make_shared<TableOptions>(*command, "brief");
  command->add_option("--format", *format, "Output format")
      ->check(CLI::IsMember({"markdown", "html"}))
      ->capture_default_str();
  command->add_option("-o,--output", *output, "Write to this file instead of stdout ('-')");
  return [=]() {
    InterruptWatcher interrupt;
    Result<CommandOptions> given = table->Parse();
    if (!given) return FailUsage(given.error());
    Result<AnalysisOptions> options = ToAnalysisOptions(*given);
    if (!options) return FailUsage(options.error());
    Result<Document> document = ReadDocumentFile(*file);
    if (interrupt.interrupted()) return Fail(InterruptWatcher::Cancelled("brief"));
    if (!document) return Fail(document.error());
    std::vector<const CompiledCase*> cases;
    const auto* portfolio = std::get_if<CompiledPortfolio>(&*document);
    if (portfolio != nullptr) {
      for (const CompiledCase& one : portfolio->cases) cases.push_back(&one);
    } else {
      cases.push_back(&std::get<CompiledCase>(*document));
    }
    BriefRequest request;
    request.actor = given->Text("actor");
    if (given->Has("lang")) request.language = ParseLanguage(given->Text("lang"));
    request.html = *format == "html";
    request.version = MEND_VERSION;
    Result<std::string> brief =
        WriteBrief(cases, portfolio != nullptr ? &portfolio->definition : nullptr, *options,
                   request, ProgressControl("brief", interrupt.token(), /*quiet=*/true));
    if (interrupt.interrupted()) return Fail(InterruptWatcher::Cancelled("brief"));
    if (!brief) return Fail(brief.error());
    return Emit(*brief, *output);
  };
}

}  // namespace mend::cli
