// SPDX-License-Identifier: Apache-2.0
//
// `mend analyze`: stability, the default, the positive-sum alternative and the loss ledger of a
// case, or of every case of a portfolio, as a readable report, Markdown or JSON.
#include <algorithm>
#include <cmath>

#include "commands.hpp"
#include "interrupt.hpp"
#include "output.hpp"
#include "table_options.hpp"
#include <fmt/format.h>

#include "mend/engine/portfolio_analysis.hpp"
#include "mend/io/case_reader.hpp"
#include "mend/render/analysis_json.hpp"
#include "mend/render/analysis_text.hpp"
#include "mend/render/lenses_json.hpp"

namespace mend::cli {

Command AddAnalyzeCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "analyze",
      "The default, the positive-sum alternative and the loss ledger of a case or portfolio");
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  auto max_states = std::make_shared<std::uint64_t>(EnumerationLimits{}.max_states);
  command->add_option("file", *file, "Case or portfolio file (YAML)")->required();
  auto table = std::make_shared<TableOptions>(*command, "analyze");
  command->add_option("--format", *format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  command->add_option("-o,--output", *output, "Write to this file instead of stdout ('-')");
  command->add_option("--max-states", *max_states, "Refuse cases with more feasible states")
      ->capture_default_str();
  return [=]() {
    // Ctrl-C cancels in every phase, loading included (the enumeration of states takes the stop).
    InterruptWatcher interrupt;
    Result<CommandOptions> given = table->Parse();
    if (!given) return FailUsage(given.error());
    Result<AnalysisOptions> options = ToAnalysisOptions(*given);
    if (!options) return FailUsage(options.error());
    ReadOptions read_options;
    read_options.limits.max_states = *max_states;
    read_options.limits.stop = interrupt.token();
    Result<Document> document = ReadDocumentFile(*file, read_options);
    if (interrupt.interrupted()) return Fail(InterruptWatcher::Cancelled("analyze"));
    if (!document) return Fail(document.error());
    const RunControl control = ProgressControl("analyze", interrupt.token(), /*quiet=*/true);

    std::vector<const CompiledCase*> cases;
    const auto* portfolio = std::get_if<CompiledPortfolio>(&*document);
    if (portfolio != nullptr) {
      for (const CompiledCase& one : portfolio->cases) cases.push_back(&one);
    } else {
      cases.push_back(&std::get<CompiledCase>(*document));
    }
    std::vector<CaseAnalysis> analyses;
    std::optional<LinkageAnalysis> linkage;
    if (portfolio != nullptr) {
      Result<PortfolioAnalysis> result =
          AnalyzePortfolio(portfolio->definition, cases, *options, control);
      if (interrupt.interrupted()) return Fail(InterruptWatcher::Cancelled("analyze"));
      if (!result) return Fail(result.error());
      analyses = std::move(result->cases);
      linkage = std::move(result->linkage);
    } else {
      Result<CaseAnalysis> analysis = AnalyzeCase(*cases.front(), *options, control);
      if (interrupt.interrupted()) return Fail(InterruptWatcher::Cancelled("analyze"));
      if (!analysis) return Fail(analysis.error());
      analyses.push_back(std::move(*analysis));
    }
    std::string text;
    if (*format == "json") {
      text = portfolio != nullptr
                 ? PortfolioAnalysisJson(portfolio->definition.id, analyses, LinkageJson(*linkage))
                 : AnalysisJson(analyses.front());
    } else {
      text = AnalysisText(analyses, portfolio != nullptr ? &portfolio->definition : nullptr,
                          linkage ? &*linkage : nullptr, *format == "markdown");
    }
    if (interrupt.interrupted()) return Fail(InterruptWatcher::Cancelled("analyze"));
    return Emit(text, *output);
  };
}

}  // namespace mend::cli
