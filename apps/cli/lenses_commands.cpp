// SPDX-License-Identifier: Apache-2.0
//
// The lens subcommands: `mend viability` (status-quo attachment), `mend perceptions`
// (misperception and hypergames) and `mend dynamics` (expectation crises). Each reads one case,
// runs the engine's central analysis and the lens on it, and renders text, Markdown or the JSON
// of the CLI contract.
#include <algorithm>
#include <functional>

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

template <typename T>
Status StatusOf(const Result<T>& result) {
  return result ? Ok() : Status(result.error());
}

// What a lens adds to the shared steps: its name and help, options beyond its table (aliases),
// a check of its own options before any file is read, and the lens run and rendering itself.
struct Lens {
  const char* name;
  const char* description;
  std::function<void(TableOptions&)> add_aliases = [](TableOptions&) {};
  std::function<Status(const CommandOptions&)> check_options = [](const CommandOptions& given) {
    return StatusOf(ToAnalysisOptions(given));
  };
  std::function<Result<std::string>(LensRun&, const std::string& format, const RunControl&)> run;
};

// Every lens subcommand: parse, check, read and analyse the case (Ctrl-C cancels), run the lens
// and write text, Markdown or JSON.
Command AddLensCommand(CLI::App& app, Lens lens) {
  CLI::App* command = app.add_subcommand(lens.name, lens.description);
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  command->add_option("file", *file, "Case file (YAML)")->required();
  auto table = std::make_shared<TableOptions>(*command, lens.name);
  lens.add_aliases(*table);
  AddFormatOptions(command, format, output);
  return [=]() {
    Result<CommandOptions> given = table->Parse();
    if (!given) return FailUsage(given.error());
    if (Status checked = lens.check_options(*given); !checked) return FailUsage(checked.error());
    InterruptWatcher interrupt;
    const RunControl control = ProgressControl(lens.name, interrupt.token(), true);
    Result<std::unique_ptr<LensRun>> run =
        AnalyzeForLens(*file, lens.name, std::move(*given), control);
    if (interrupt.interrupted()) return Fail(InterruptWatcher::Cancelled(lens.name));
    if (!run) return Fail(run.error());
    Result<std::string> text = lens.run(**run, *format, control);
    if (interrupt.interrupted()) return Fail(InterruptWatcher::Cancelled(lens.name));
    if (!text) return Fail(text.error());
    return Emit(*text, *output);
  };
}

}  // namespace

Command AddViabilityCommand(CLI::App& app) {
  Lens lens{"viability",
            "Would a status-quo-attached decider accept this proposal, and what would it take?"};
  lens.run = [](LensRun& run, const std::string& format, const RunControl&) -> Result<std::string> {
    const CompiledCase& compiled = run.compiled;
    MEND_TRY(StateId state, FeasibleStateOf(compiled, run.given.Text("proposal"), "proposal"));
    MEND_TRY(ViabilityReport report, RunViability(run.analysis, state));
    return format == "json" ? ViabilityJson(compiled, report)
                            : ViabilityText(compiled, report, format == "markdown");
  };
  return AddLensCommand(app, std::move(lens));
}

Command AddPerceptionsCommand(CLI::App& app) {
  Lens lens{"perceptions",
            "What each side believes the other wants: hypergames, proposals, reality checks"};
  lens.run = [](LensRun& run, const std::string& format, const RunControl&) -> Result<std::string> {
    MEND_TRY(PerceptionAnalysis analysis, RunPerceptions(run.analysis));
    const CompiledCase& compiled = *run.analysis.compiled;
    return format == "json" ? PerceptionsJson(compiled, analysis)
                            : PerceptionsText(compiled, analysis, format == "markdown");
  };
  return AddLensCommand(app, std::move(lens));
}

Command AddDynamicsCommand(CLI::App& app) {
  Lens lens{"dynamics", "Simulate how inflated expectations of engagement lead to crises"};
  lens.add_aliases = [](TableOptions& table) { table.AddAlias("--kappa", "kappas"); };
  lens.check_options = [](const CommandOptions& given) {
    return StatusOf(ToDynamicsOptions(given));
  };
  lens.run = [](LensRun& run, const std::string& format,
                const RunControl& control) -> Result<std::string> {
    MEND_TRY(DynamicsOptions options, ToDynamicsOptions(run.given));
    MEND_TRY(DynamicsReport report, RunDynamics(run.analysis, options, control));
    const CompiledCase& compiled = run.compiled;
    return format == "json" ? DynamicsJson(compiled, options, report)
                            : DynamicsText(compiled, options, report, format == "markdown");
  };
  return AddLensCommand(app, std::move(lens));
}

}  // namespace mend::cli
