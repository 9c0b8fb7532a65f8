// SPDX-License-Identifier: Apache-2.0
//
// `mend bridge FILE [--target PATTERN]`: what it would take to reach a state the default blocks
// — who blocks it, by how much, the transfer that would close the gap, stability with it, and
// the preference conditions for the state to be stable. Runs the engine's central analysis and
// RunBridge, and renders text, Markdown or the JSON of the CLI contract.
#include <memory>
#include <optional>

#include "commands.hpp"
#include "interrupt.hpp"
#include "output.hpp"
#include "table_options.hpp"
#include <fmt/format.h>

#include "mend/engine/lens_runs.hpp"
#include "mend/io/case_reader.hpp"
#include "mend/model/pattern.hpp"
#include "mend/render/bridge_json.hpp"
#include "mend/render/bridge_text.hpp"

namespace mend::cli {

Command AddBridgeCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "bridge",
      "What it would take: who blocks a better-total state, by how much, and what would close it");
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  command->add_option("file", *file, "Case file (YAML)")->required();
  auto table = std::make_shared<TableOptions>(*command, "bridge");
  command->add_option("--format", *format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  command->add_option("-o,--output", *output, "Write to this file instead of stdout ('-')");
  return [=]() {
    Result<CommandOptions> given = table->Parse();
    if (!given) return FailUsage(given.error());
    Result<AnalysisOptions> options = ToAnalysisOptions(*given);
    if (!options) return FailUsage(options.error());
    Result<Document> document = ReadDocumentFile(*file);
    if (!document) return Fail(document.error());
    auto* compiled = std::get_if<CompiledCase>(&*document);
    if (compiled == nullptr) {
      return Fail(Error::InvalidArgument(fmt::format(
          "{}: bridge analyses one case; run it on each case file of the portfolio", *file)));
    }
    std::optional<StateId> target;
    if (given->Has("target")) {
      Result<StateId> named = FeasibleStateOf(*compiled, given->Text("target"), "target");
      if (!named) return Fail(named.error());
      target = *named;
    }
    InterruptWatcher interrupt;
    Result<CaseAnalysis> analysis =
        AnalyzeCase(*compiled, *options, ProgressControl("bridge", interrupt.token(), true));
    if (interrupt.interrupted()) return Fail(InterruptWatcher::Cancelled("bridge"));
    if (!analysis) return Fail(analysis.error());
    Result<BridgeReport> report = RunBridge(*analysis, target, given->Count("limit"));
    if (!report) return Fail(report.error());
    const CompiledCase& shown = *analysis->compiled;
    return Emit(*format == "json" ? BridgeJson(shown, *report)
                                  : BridgeText(shown, *report, *format == "markdown"),
                *output);
  };
}

}  // namespace mend::cli
