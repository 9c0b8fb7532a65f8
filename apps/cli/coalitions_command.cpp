// SPDX-License-Identifier: Apache-2.0
#include <cstdlib>
#include <sstream>

#include "commands.hpp"
#include "interrupt.hpp"
#include "output.hpp"
#include <fmt/format.h>
#include <unistd.h>

#include "mend/engine/coalition_run.hpp"
#include "mend/io/case_reader.hpp"
#include "mend/render/coalition_json.hpp"
#include "mend/render/tableau_text.hpp"

namespace mend::cli {
namespace {

// Listing every coalition of more deciders than this is refused (2^n − 1 coalitions).
constexpr std::size_t kMaxDecidersForAllCoalitions = 10;

// "us+eu,ru" → {{us, eu}, {ru}}, decider ids of the case.
Result<std::vector<CoalitionMembers>> ParseCoalitionList(const CaseDefinition& definition,
                                                         const std::string& text) {
  std::vector<CoalitionMembers> coalitions;
  std::stringstream groups(text);
  std::string group;
  while (std::getline(groups, group, ',')) {
    CoalitionMembers members;
    std::stringstream ids(group);
    std::string id;
    while (std::getline(ids, id, '+')) {
      std::optional<ActorIndex> actor = definition.FindActor(id);
      if (!actor || !definition.actors[actor->value].is_decider()) {
        std::vector<std::string> known;
        for (ActorIndex d : definition.Deciders()) known.push_back(definition.actors[d.value].id);
        return Error::InvalidArgument(fmt::format(
            "--coalitions: unknown decider '{}'; expected ids of {} joined by '+', coalitions "
            "separated by ','",
            id, fmt::join(known, ", ")));
      }
      if (std::find(members.begin(), members.end(), *actor) != members.end()) {
        return Error::InvalidArgument(fmt::format(
            "--coalitions: '{}' appears twice in '{}'; expected each member once", id, group));
      }
      members.push_back(*actor);
    }
    if (members.empty()) {
      return Error::InvalidArgument("--coalitions: an empty coalition; expected ids joined by '+'");
    }
    coalitions.push_back(std::move(members));
  }
  if (coalitions.empty()) {
    return Error::InvalidArgument("--coalitions: expected at least one coalition, or 'all'");
  }
  return coalitions;
}

Result<std::vector<StabilityConcept>> ParseConceptList(const std::string& text) {
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

std::string Tableau(const CompiledCase& compiled, const CoalitionReport& report,
                    std::string_view origin, bool color) {
  const CaseDefinition& definition = compiled.definition;
  const StateSpace& space = compiled.space;
  std::string out = fmt::format("{} — {}\n", definition.id, definition.title.text);
  out += fmt::format("{} feasible states, {} coalitions ({})\n", space.size(),
                     report.coalitions().size(), origin);
  std::vector<bool> any(space.size() > kMaxTableauColumns ? space.size() : 0, false);
  for (StabilityConcept c : report.concepts()) {
    if (!any.empty()) {
      for (StateId s : report.Equilibria(c)) any[s.value] = true;
    }
  }
  const std::vector<StateId> columns =
      TableauColumns(space.size(), [&](StateId s) { return any[s.value]; });
  if (!any.empty()) {
    out +=
        fmt::format("(showing {} states that are a coalitional equilibrium under some concept)\n",
                    columns.size());
  }
  std::vector<std::string> names;
  for (const CoalitionMembers& coalition : report.coalitions()) {
    names.push_back(CoalitionName(definition, coalition));
  }
  std::vector<TableauBlock> blocks;
  for (StabilityConcept c : report.concepts()) {
    blocks.push_back({"coalitional " + std::string(StabilityConceptName(c)), names,
                      [&report, c](std::size_t h, StateId s) { return report.IsStable(c, h, s); },
                      [&report, c](StateId s) { return report.IsEquilibrium(c, s); }});
  }
  return out + TableauText(compiled, columns, blocks,
                           {color,
                            "(s = stable for that coalition, . = unstable, E = stable for every "
                            "coalition)"});
}

}  // namespace

Command AddCoalitionsCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "coalitions", "Coalitional stability (Nash, GMR, SMR, SEQ) of every state");
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  auto concepts = std::make_shared<std::string>("nash,gmr,smr,seq");
  auto coalitions = std::make_shared<std::string>();
  auto max_states = std::make_shared<std::size_t>(CoalitionOptions{}.max_states);
  command->add_option("file", *file, "Case file (YAML or .gmcr)")->required();
  command->add_option("--format", *format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_option("--concepts", *concepts, "Comma-separated concepts: nash,gmr,smr,seq")
      ->capture_default_str();
  command->add_option("--coalitions", *coalitions,
                      "Coalitions as decider ids joined by '+', separated by ',' (us+eu,ru), or "
                      "'all'; default: the case's coalitions, else all");
  command
      ->add_option("--max-states", *max_states,
                   "Refuse cases with more feasible states (the analysis is quadratic)")
      ->capture_default_str();
  command->add_option("-o,--output", *output, "Write to this file instead of stdout ('-')");
  return [=]() {
    Result<std::vector<StabilityConcept>> parsed = ParseConceptList(*concepts);
    if (!parsed) {
      fmt::print(stderr, "{}\n", parsed.error().ToString());
      return kExitUsageError;
    }
    InterruptWatcher interrupt;
    Result<Document> document = ReadDocumentFile(*file);
    if (interrupt.interrupted()) return Fail(InterruptWatcher::Cancelled("coalitions"));
    if (!document) return Fail(document.error());
    const auto* compiled = std::get_if<CompiledCase>(&*document);
    if (compiled == nullptr) {
      return Fail(
          Error::InvalidArgument("expected a case file, got a portfolio").At({*file, 0, 0}));
    }
    const CaseDefinition& definition = compiled->definition;
    const std::vector<ActorIndex> deciders = definition.Deciders();
    std::vector<CoalitionMembers> chosen;
    std::string origin;
    if (!coalitions->empty() && *coalitions != "all") {
      Result<std::vector<CoalitionMembers>> listed = ParseCoalitionList(definition, *coalitions);
      if (!listed) {
        fmt::print(stderr, "{}\n", listed.error().ToString());
        return kExitUsageError;
      }
      chosen = std::move(*listed);
      origin = "command line";
    } else if (coalitions->empty() && !definition.coalitions.empty()) {
      for (const CoalitionDefinition& coalition : definition.coalitions) {
        chosen.push_back(coalition.members);
      }
      origin = "case";
    } else {
      if (deciders.size() > kMaxDecidersForAllCoalitions) {
        return Fail(Error::InvalidArgument(fmt::format(
            "{} deciders make {} coalitions; expected at most {} deciders for 'all' (name the "
            "coalitions with --coalitions)",
            deciders.size(), (std::uint64_t{1} << deciders.size()) - 1,
            kMaxDecidersForAllCoalitions)));
      }
      chosen = AllCoalitions(deciders);
      origin = "all";
    }
    CoalitionOptions options;
    options.concepts = *parsed;
    options.max_states = *max_states;
    RunControl control;
    control.stop = interrupt.token();
    Result<CoalitionReport> report = RunCoalitions(*compiled, chosen, options, control);
    if (!report) {
      return Fail(interrupt.interrupted() ? InterruptWatcher::Cancelled("coalitions")
                                          : report.error());
    }
    if (*format == "json") return Emit(CoalitionJson(*compiled, *report, origin), *output);
    const bool color = (output->empty() || *output == "-") && std::getenv("NO_COLOR") == nullptr &&
                       isatty(STDOUT_FILENO) != 0;
    return Emit(Tableau(*compiled, *report, origin, color), *output);
  };
}

}  // namespace mend::cli
