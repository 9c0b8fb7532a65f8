// SPDX-License-Identifier: Apache-2.0
#include <cstdlib>
#include <sstream>

#include "commands.hpp"
#include "interrupt.hpp"
#include "output.hpp"
#include "table_options.hpp"
#include <fmt/format.h>
#include <unistd.h>

#include "mend/engine/stability_run.hpp"
#include "mend/io/case_reader.hpp"
#include "mend/render/stability_json.hpp"
#include "mend/render/tableau_text.hpp"

namespace mend::cli {
namespace {

struct Style {
  bool color = false;
};

std::string Tableau(const CompiledCase& compiled, const StabilityReport& report,
                    const StatusQuoAnalysis& sq, SanctionRule rule, const Style& style) {
  const CaseDefinition& definition = compiled.definition;
  const StateSpace& space = compiled.space;
  std::string out = fmt::format("{} — {}\n", definition.id, definition.title.text);
  out += fmt::format("{} feasible states, {} deciders; {} sanctions\n", space.size(),
                     report.deciders().size(), SanctionRuleName(rule));

  std::vector<bool> any(space.size() > kMaxTableauColumns ? space.size() : 0, false);
  for (StabilityConcept c : report.concepts()) {
    if (!any.empty()) {
      for (StateId s : report.Equilibria(c)) any[s.value] = true;
    }
  }
  const std::vector<StateId> columns =
      TableauColumns(space.size(), [&](StateId s) { return any[s.value]; });
  if (!any.empty()) {
    out += fmt::format("(showing {} states that are an equilibrium under some concept)\n",
                       columns.size());
  }
  std::vector<std::string> deciders;
  for (ActorIndex d : report.deciders()) deciders.push_back(definition.actors[d.value].id);
  std::vector<TableauBlock> blocks;
  for (StabilityConcept c : report.concepts()) {
    blocks.push_back({std::string(StabilityConceptName(c)), deciders,
                      [&report, c](std::size_t d, StateId s) { return report.IsStable(c, d, s); },
                      [&report, c](StateId s) { return report.IsEquilibrium(c, s); }});
  }
  out += TableauText(compiled, columns, blocks,
                     {style.color, "(s = stable for that decider, . = unstable, E = equilibrium)"});
  out += "\n";

  out += fmt::format("Status quo: {} (state {})\n", space.Pattern(sq.status_quo),
                     sq.status_quo.value + 1);
  std::string path = space.Pattern(sq.dynamics.path.front());
  for (std::size_t m = 0; m < sq.dynamics.movers.size(); ++m) {
    path += fmt::format(" -{}-> {}",
                        definition.actors[report.deciders()[sq.dynamics.movers[m]].value].id,
                        space.Pattern(sq.dynamics.path[m + 1]));
  }
  out += fmt::format("Best-response dynamics: {}\n", path);
  if (sq.dynamics.cycle) {
    std::string cycle;
    for (StateId s : sq.dynamics.cycle_states)
      cycle += (cycle.empty() ? "" : ", ") + space.Pattern(s);
    out += fmt::format("  the dynamics cycle through {}: no single default outcome\n", cycle);
  }
  if (sq.explicit_default) {
    out += fmt::format("Default outcome: {} (set by the case)\n", space.Pattern(*sq.default_state));
  } else if (sq.default_state) {
    out += fmt::format("Default outcome: {}\n", space.Pattern(*sq.default_state));
  } else {
    out += "Default outcome: none (cycle)\n";
  }
  out += fmt::format("Reachable from the status quo by unilateral improvements: {} states\n",
                     sq.evolution.size());
  for (const auto& [c, states] : sq.reachable_equilibria) {
    std::string list;
    for (StateId s : states) list += (list.empty() ? "" : ", ") + space.Pattern(s);
    out += fmt::format("  reachable {} equilibria: {}\n", StabilityConceptName(c),
                       list.empty() ? "none" : list);
  }
  return out;
}

}  // namespace

Command AddStabilityCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "stability", "Stability of every state (Nash, GMR, SMR, SEQ), equilibria and the default");
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  auto max_states = std::make_shared<std::uint64_t>(EnumerationLimits{}.max_states);
  auto quiet = std::make_shared<bool>(false);
  command->add_option("file", *file, "Case file (YAML)")->required();
  auto table = std::make_shared<TableOptions>(*command, "stability");
  command->add_option("--format", *format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_option("-o,--output", *output, "Write to this file instead of stdout ('-')");
  command->add_option("--max-states", *max_states, "Refuse cases with more feasible states")
      ->capture_default_str();
  command->add_flag("-q,--quiet", *quiet, "No progress on stderr");
  return [=]() {
    Result<CommandOptions> given = table->Parse();
    if (!given) return FailUsage(given.error());
    Result<AnalysisOptions> options = ToAnalysisOptions(*given);
    if (!options) return FailUsage(options.error());
    // Ctrl-C cancels in every phase, loading included (the enumeration of states takes the stop).
    InterruptWatcher interrupt;
    const std::stop_token stop = interrupt.token();
    const auto cancelled_or = [&](const Error& error) {
      return Fail(interrupt.interrupted() ? InterruptWatcher::Cancelled("stability") : error);
    };
    ReadOptions read_options;
    read_options.limits.max_states = *max_states;
    read_options.limits.stop = interrupt.token();
    Result<Document> document = ReadDocumentFile(*file, read_options);
    if (interrupt.interrupted()) return Fail(InterruptWatcher::Cancelled("stability"));
    if (!document) return Fail(document.error());
    const auto* compiled = std::get_if<CompiledCase>(&*document);
    if (compiled == nullptr) {
      return Fail(
          Error::InvalidArgument("expected a case file, got a portfolio").At({*file, 0, 0}));
    }
    // Progress only where it helps: a large case on a terminal.
    const bool show_progress =
        !*quiet && compiled->space.size() >= (std::size_t{1} << 16) && isatty(STDERR_FILENO) != 0;
    Result<StabilityRun> run =
        RunStability(*compiled, *options, ProgressControl("stability", stop, !show_progress));
    if (!run) return cancelled_or(run.error());
    int exit_code = kExitOk;
    if (*format == "json") {
      // Streamed: at 2^22 states the document is over a gigabyte (docs/performance.md).
      exit_code = EmitStreamed(*output, [&](std::ostream& out) {
        Status written = WriteStabilityJson(out, *compiled, run->report, run->status_quo,
                                            options->sanctions, stop);
        if (!written && interrupt.interrupted())
          return Status(InterruptWatcher::Cancelled("stability"));
        return written;
      });
    } else {
      Style style;
      style.color = (output->empty() || *output == "-") && std::getenv("NO_COLOR") == nullptr &&
                    isatty(STDOUT_FILENO) != 0;
      const std::string text =
          Tableau(*compiled, run->report, run->status_quo, options->sanctions, style);
      if (interrupt.interrupted()) return Fail(InterruptWatcher::Cancelled("stability"));
      exit_code = Emit(text, *output);
    }
    return exit_code;
  };
}

}  // namespace mend::cli
