// SPDX-License-Identifier: Apache-2.0
#include <cstdlib>
#include <sstream>

#include "commands.hpp"
#include "interrupt.hpp"
#include "output.hpp"
#include <fmt/format.h>
#include <unistd.h>

#include "mend/io/case_reader.hpp"
#include "mend/io/stability_json.hpp"
#include "mend/stability/stability.hpp"
#include "mend/stability/status_quo_analysis.hpp"

namespace mend::cli {
namespace {

// The tableau shows every state when there are at most this many; otherwise the equilibria.
constexpr std::size_t kMaxTableauColumns = 64;

struct Style {
  bool color = false;
  std::string Highlight(const std::string& text) const {
    return color ? "\x1b[1;7m" + text + "\x1b[0m" : text;
  }
};

std::string Tableau(const CompiledCase& compiled, const StabilityReport& report,
                    const StatusQuoAnalysis& sq, SanctionRule rule, const Style& style) {
  const CaseDefinition& definition = compiled.definition;
  const StateSpace& space = compiled.space;
  std::string out = fmt::format("{} — {}\n", definition.id, definition.title.text);
  out += fmt::format("{} feasible states, {} deciders; {} sanctions\n", space.size(),
                     report.deciders().size(), SanctionRuleName(rule));

  std::vector<StateId> columns;
  if (space.size() <= kMaxTableauColumns) {
    for (std::uint32_t s = 0; s < space.size(); ++s) columns.push_back(StateId{s});
  } else {
    std::vector<bool> any(space.size(), false);
    for (StabilityConcept c : report.concepts()) {
      for (StateId s : report.Equilibria(c)) any[s.value] = true;
    }
    for (std::uint32_t s = 0; s < space.size() && columns.size() < kMaxTableauColumns; ++s) {
      if (any[s]) columns.push_back(StateId{s});
    }
    out += fmt::format("(showing {} states that are an equilibrium under some concept)\n",
                       columns.size());
  }
  std::size_t cell = 2;
  for (StateId s : columns) cell = std::max(cell, std::to_string(s.value + 1).size() + 1);
  std::size_t label = 14;
  for (const Option& option : definition.options) {
    label = std::max(label, definition.actors[option.owner.value].id.size() + option.id.size() + 2);
  }
  for (ActorIndex d : report.deciders())
    label = std::max(label, definition.actors[d.value].id.size() + 6);

  auto row = [&](const std::string& head, auto&& mark) {
    std::string line = fmt::format("{:<{}}", head, label);
    for (StateId s : columns) {
      const std::string text = mark(s);
      const std::string padded = fmt::format("{:>{}}", text, cell);
      line += text == "E" ? style.Highlight(padded) : padded;
    }
    return line + "\n";
  };
  out += row("state", [](StateId s) { return std::to_string(s.value + 1); });
  ActorIndex previous{static_cast<std::uint32_t>(-1)};
  for (std::size_t k = 0; k < definition.options.size(); ++k) {
    const Option& option = definition.options[k];
    const std::string owner =
        option.owner == previous ? "" : definition.actors[option.owner.value].id;
    previous = option.owner;
    out += row(fmt::format("{:<{}}{}", owner, label - option.id.size() - 1, option.id),
               [&](StateId s) { return (space.code(s) >> k) & 1u ? "Y" : "N"; });
  }
  for (StabilityConcept c : report.concepts()) {
    out += fmt::format("{:-<{}}\n", std::string(StabilityConceptName(c)) + " ",
                       label + cell * columns.size());
    for (std::size_t d = 0; d < report.deciders().size(); ++d) {
      out += row("  " + definition.actors[report.deciders()[d].value].id,
                 [&](StateId s) { return report.IsStable(c, d, s) ? "s" : "."; });
    }
    out += row("  equilibrium", [&](StateId s) { return report.IsEquilibrium(c, s) ? "E" : ""; });
  }
  out += "(s = stable for that decider, . = unstable, E = equilibrium)\n\n";

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

Result<std::vector<StabilityConcept>> ParseConcepts(const std::string& text) {
  std::vector<StabilityConcept> concepts;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    std::optional<StabilityConcept> c = ParseStabilityConcept(item);
    if (!c) {
      return Error::InvalidArgument(
          fmt::format("--concepts: unknown concept '{}'; expected nash, gmr, smr or seq", item));
    }
    concepts.push_back(*c);
  }
  if (concepts.empty()) return Error::InvalidArgument("--concepts: expected at least one concept");
  return concepts;
}

}  // namespace

Command AddStabilityCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "stability", "Stability of every state (Nash, GMR, SMR, SEQ), equilibria and the default");
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  auto concepts = std::make_shared<std::string>("nash,gmr,smr,seq");
  auto sanctions = std::make_shared<std::string>("textbook");
  auto threads = std::make_shared<unsigned>(0);
  auto max_states = std::make_shared<std::uint64_t>(EnumerationLimits{}.max_states);
  auto quiet = std::make_shared<bool>(false);
  command->add_option("file", *file, "Case file (YAML)")->required();
  command->add_option("--format", *format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_option("--concepts", *concepts, "Comma-separated concepts: nash,gmr,smr,seq")
      ->capture_default_str();
  command
      ->add_option("--sanctions", *sanctions,
                   "Sanction rule: textbook, or gmcr-plus (each opponent moves at most once)")
      ->check(CLI::IsMember({"textbook", "gmcr-plus"}))
      ->capture_default_str();
  command->add_option("--threads", *threads, "Worker threads (0 = all cores)")
      ->capture_default_str();
  command->add_option("-o,--output", *output, "Write to this file instead of stdout ('-')");
  command->add_option("--max-states", *max_states, "Refuse cases with more feasible states")
      ->capture_default_str();
  command->add_flag("-q,--quiet", *quiet, "No progress on stderr");
  return [=]() {
    Result<std::vector<StabilityConcept>> parsed = ParseConcepts(*concepts);
    if (!parsed) {
      fmt::print(stderr, "{}\n", parsed.error().ToString());
      return kExitUsageError;
    }
    // Ctrl-C cancels in every phase; loading takes no stop token, so it is checked after it.
    InterruptWatcher interrupt;
    const std::stop_token stop = interrupt.token();
    const auto cancelled_or = [&](const Error& error) {
      return Report(interrupt.interrupted() ? InterruptWatcher::Cancelled("stability") : error);
    };
    ReadOptions read_options;
    read_options.limits.max_states = *max_states;
    Result<Document> document = ReadDocumentFile(*file, read_options);
    if (interrupt.interrupted()) return Report(InterruptWatcher::Cancelled("stability"));
    if (!document) return Report(document.error());
    const auto* compiled = std::get_if<CompiledCase>(&*document);
    if (compiled == nullptr) {
      return Report(
          Error::InvalidArgument("expected a case file, got a portfolio").At({*file, 0, 0}));
    }
    StabilityOptions options;
    options.concepts = *parsed;
    options.sanctions = *ParseSanctionRule(*sanctions);
    options.threads = *threads;

    const bool show_progress =
        !*quiet && compiled->space.size() >= (std::size_t{1} << 16) && isatty(STDERR_FILENO) != 0;
    ProgressCallback progress = [&](std::uint64_t done, std::uint64_t total) {
      if (show_progress && total > 0) {
        fmt::print(stderr, "\rstability: {:3}%", done * 100 / total);
      }
    };
    // One pass for both: the status-quo analysis reuses the engine's sorted moves.
    Result<StabilityWithStatusQuo> analysis =
        AnalyzeStabilityAndStatusQuo(*compiled, options, stop, progress);
    if (show_progress) fmt::print(stderr, "\r               \r");
    if (!analysis) return cancelled_or(analysis.error());
    const StabilityReport* report = &analysis->report;
    const StatusQuoAnalysis* sq = &analysis->status_quo;
    int exit_code = kExitOk;
    if (*format == "json") {
      // Streamed: at 2^22 states the document is over a gigabyte (docs/performance.md).
      exit_code = EmitStreamed(*output, [&](std::ostream& out) {
        Status written = WriteStabilityJson(out, *compiled, *report, *sq, options.sanctions, stop);
        if (!written && interrupt.interrupted())
          return Status(InterruptWatcher::Cancelled("stability"));
        return written;
      });
    } else {
      Style style;
      style.color = (output->empty() || *output == "-") && std::getenv("NO_COLOR") == nullptr &&
                    isatty(STDOUT_FILENO) != 0;
      const std::string text = Tableau(*compiled, *report, *sq, options.sanctions, style);
      if (interrupt.interrupted()) return Report(InterruptWatcher::Cancelled("stability"));
      exit_code = Emit(text, *output);
    }
    return exit_code;
  };
}

}  // namespace mend::cli
