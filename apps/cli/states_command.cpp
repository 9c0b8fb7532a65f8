// SPDX-License-Identifier: Apache-2.0
#include <algorithm>

#include "commands.hpp"
#include "output.hpp"
#include <fmt/format.h>

#include "mend/io/case_reader.hpp"
#include "mend/render/json_writer.hpp"

namespace mend::cli {
namespace {

// Shortest round-trip text for a utility, so tables show 1.5 rather than 1.500000.
std::string FormatUtility(double value) { return fmt::format("{}", value); }

std::string StatesTable(const CompiledCase& compiled) {
  const CaseDefinition& definition = compiled.definition;
  std::string out = fmt::format("{} — {}\n", definition.id, definition.title.text);
  out += fmt::format("{} options, {} feasible states; status quo {}\n", definition.option_count(),
                     compiled.space.size(), definition.PatternOf(definition.status_quo));
  for (std::size_t k = 0; k < definition.options.size(); ++k) {
    const Option& option = definition.options[k];
    out += fmt::format("  {:>2}. {:<20} {} ({})\n", k + 1, option.id, option.name.text,
                       definition.actors[option.owner.value].id);
  }
  const std::size_t pattern_width =
      std::max<std::size_t>(7, static_cast<std::size_t>(definition.option_count()));
  std::vector<std::size_t> widths;
  std::string header = fmt::format("{:>8}  {:<{}}", "number", "pattern", pattern_width);
  for (const Actor& actor : definition.actors) {
    std::size_t width = actor.id.size();
    for (double u : compiled.utilities.utility[widths.size()]) {
      width = std::max(width, FormatUtility(u).size());
    }
    widths.push_back(width);
    header += fmt::format("  {:>{}}", actor.id, width);
  }
  out += header + "\n";
  for (std::uint32_t s = 0; s < compiled.space.size(); ++s) {
    std::string row =
        fmt::format("{:>8}  {:<{}}", s + 1, compiled.space.Pattern(StateId{s}), pattern_width);
    for (std::size_t a = 0; a < definition.actors.size(); ++a) {
      row += fmt::format("  {:>{}}", FormatUtility(compiled.utilities.utility[a][s]), widths[a]);
    }
    out += row + "\n";
  }
  return out;
}

}  // namespace

Command AddStatesCommand(CLI::App& app) {
  CLI::App* command =
      app.add_subcommand("states", "List a case's feasible states with each actor's utility");
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  auto max_states = std::make_shared<std::uint64_t>(EnumerationLimits{}.max_states);
  command->add_option("file", *file, "Case or portfolio file (YAML)")->required();
  command->add_option("--format", *format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_option("-o,--output", *output, "Write to this file instead of stdout ('-')");
  command->add_option("--max-states", *max_states, "Refuse cases with more feasible states")
      ->capture_default_str();
  return [=]() {
    ReadOptions options;
    options.limits.max_states = *max_states;
    Result<Document> document = ReadDocumentFile(*file, options);
    if (!document) return Fail(document.error());
    if (*format == "json") {
      // Streamed one state at a time: no document of the whole table in memory.
      return EmitStreamed(*output, [&](std::ostream& out) {
        if (const auto* one = std::get_if<CompiledCase>(&*document))
          return WriteStatesJson(out, *one);
        return WriteStatesJson(out, std::get<CompiledPortfolio>(*document));
      });
    }
    std::string text;
    if (const auto* one = std::get_if<CompiledCase>(&*document)) {
      text = StatesTable(*one);
    } else {
      for (const CompiledCase& one_case : std::get<CompiledPortfolio>(*document).cases) {
        text += StatesTable(one_case) + "\n";
      }
    }
    return Emit(text, *output);
  };
}

}  // namespace mend::cli
