// SPDX-License-Identifier: Apache-2.0
//
// The lens subcommands: `mend viability` (status-quo attachment), `mend perceptions`
// (misperception and hypergames) and `mend dynamics` (expectation crises). Each reads one case,
// runs the engine's central analysis and the lens on it, and renders text, Markdown or the JSON
// of the CLI contract.
#include <algorithm>

#include "commands.hpp"
#include "interrupt.hpp"
#include "output.hpp"
#include "table_options.hpp"
#include <fmt/format.h>

#include "mend/engine/lens_runs.hpp"
#include "mend/io/case_reader.hpp"
#include "mend/render/lenses_json.hpp"
#include "mend/render/lenses_text.hpp"

namespace mend::cli {
namespace {

// Reads a single case; a portfolio is refused with a usage hint.
Result<CompiledCase> ReadSingleCase(const std::string& file, const char* command) {
  MEND_TRY(Document document, ReadDocumentFile(file));
  if (auto* one = std::get_if<CompiledCase>(&document)) return std::move(*one);
  return Error::InvalidArgument(fmt::format(
      "{}: {} analyses one case; run it on each case file of the portfolio", file, command));
}

void AddFormatOptions(CLI::App* command, std::shared_ptr<std::string> format,
                      std::shared_ptr<std::string> output) {
  command->add_option("--format", *format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  command->add_option("-o,--output", *output, "Write to this file instead of stdout ('-')");
}

}  // namespace

namespace {

// Reads one case, parses the command's options and runs the central analysis the lens uses.
struct LensRun {
  CompiledCase compiled;
  CommandOptions given;
  CaseAnalysis analysis;
};

Result<std::unique_ptr<LensRun>> AnalyzeForLens(const std::string& file, const char* command,
                                                CommandOptions given, const RunControl& control) {
  MEND_TRY(AnalysisOptions options, ToAnalysisOptions(given));
  MEND_TRY(CompiledCase compiled, ReadSingleCase(file, command));
  auto run = std::make_unique<LensRun>(LensRun{std::move(compiled), std::move(given), {}});
  MEND_TRY(run->analysis, AnalyzeCase(run->compiled, options, control));
  return run;
}

}  // namespace

Command AddViabilityCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "viability",
      "Would a status-quo-attached decider accept this proposal, and what would it take?");
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  command->add_option("file", *file, "Case file (YAML)")->required();
  auto table = std::make_shared<TableOptions>(*command, "viability");
  AddFormatOptions(command, format, output);
  return [=]() {
    Result<CommandOptions> given = table->Parse();
    if (!given) return FailUsage(given.error());
    if (Result<AnalysisOptions> options = ToAnalysisOptions(*given); !options) {
      return FailUsage(options.error());
    }
    InterruptWatcher interrupt;
    Result<std::unique_ptr<LensRun>> run =
        AnalyzeForLens(*file, "viability", std::move(*given),
                       ProgressControl("viability", interrupt.token(), true));
    if (interrupt.interrupted()) return Fail(InterruptWatcher::Cancelled("viability"));
    if (!run) return Fail(run.error());
    const CompiledCase& compiled = (*run)->compiled;
    Result<StateId> state = FeasibleStateOf(compiled, (*run)->given.Text("proposal"), "proposal");
    if (!state) return Fail(state.error());
    Result<ViabilityReport> report = RunViability((*run)->analysis, *state);
    if (!report) return Fail(report.error());
    return Emit(*format == "json" ? ViabilityJson(compiled, *report)
                                  : ViabilityText(compiled, *report, *format == "markdown"),
                *output);
  };
}

Command AddPerceptionsCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "perceptions",
      "What each side believes the other wants: hypergames, proposals, reality checks");
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  command->add_option("file", *file, "Case file (YAML)")->required();
  auto table = std::make_shared<TableOptions>(*command, "perceptions");
  AddFormatOptions(command, format, output);
  return [=]() {
    Result<CommandOptions> given = table->Parse();
    if (!given) return FailUsage(given.error());
    if (Result<AnalysisOptions> options = ToAnalysisOptions(*given); !options) {
      return FailUsage(options.error());
    }
    InterruptWatcher interrupt;
    Result<std::unique_ptr<LensRun>> run =
        AnalyzeForLens(*file, "perceptions", std::move(*given),
                       ProgressControl("perceptions", interrupt.token(), true));
    if (interrupt.interrupted()) return Fail(InterruptWatcher::Cancelled("perceptions"));
    if (!run) return Fail(run.error());
    Result<PerceptionAnalysis> analysis = RunPerceptions((*run)->analysis);
    if (!analysis) return Fail(analysis.error());
    const CompiledCase& compiled = *(*run)->analysis.compiled;
    return Emit(*format == "json" ? PerceptionsJson(compiled, *analysis)
                                  : PerceptionsText(compiled, *analysis, *format == "markdown"),
                *output);
  };
}

Command AddDynamicsCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "dynamics", "Simulate how inflated expectations of engagement lead to crises");
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  command->add_option("file", *file, "Case file (YAML)")->required();
  auto table = std::make_shared<TableOptions>(*command, "dynamics");
  table->AddAlias("--kappa", "kappas");
  AddFormatOptions(command, format, output);
  return [=]() {
    Result<CommandOptions> given = table->Parse();
    if (!given) return FailUsage(given.error());
    Result<DynamicsOptions> options = ToDynamicsOptions(*given);
    if (!options) return FailUsage(options.error());
    InterruptWatcher interrupt;
    const RunControl control = ProgressControl("dynamics", interrupt.token(), true);
    Result<std::unique_ptr<LensRun>> run =
        AnalyzeForLens(*file, "dynamics", std::move(*given), control);
    if (interrupt.interrupted()) return Fail(InterruptWatcher::Cancelled("dynamics"));
    if (!run) return Fail(run.error());
    Result<DynamicsReport> report = RunDynamics((*run)->analysis, *options, control);
    if (interrupt.interrupted()) return Fail(InterruptWatcher::Cancelled("dynamics"));
    if (!report) return Fail(report.error());
    const CompiledCase& compiled = (*run)->compiled;
    return Emit(*format == "json"
                    ? DynamicsJson(compiled, *options, *report)
                    : DynamicsText(compiled, *options, *report, *format == "markdown"),
                *output);
  };
}

}  // namespace mend::cli
