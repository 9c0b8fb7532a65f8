// SPDX-License-Identifier: Apache-2.0
#include "mend/io/case_yaml_writer.hpp"

#include <fmt/format.h>

namespace mend {
namespace {

// A YAML double-quoted scalar: safe for any text (names may hold ':' or '#').
std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

std::string OptionList(const CaseDefinition& definition, StateCode mask) {
  std::vector<std::string> ids;
  for (int k = 0; k < definition.option_count(); ++k) {
    if ((mask >> k) & 1U) ids.push_back(definition.options[static_cast<std::size_t>(k)].id);
  }
  return fmt::format("[{}]", fmt::join(ids, ", "));
}

std::string PartialPatternMap(const CaseDefinition& definition, const PartialPattern& pattern) {
  std::vector<std::string> entries;
  for (int k = 0; k < definition.option_count(); ++k) {
    if ((pattern.mask >> k) & 1U) {
      entries.push_back(fmt::format("{}: {}", definition.options[static_cast<std::size_t>(k)].id,
                                    ((pattern.values >> k) & 1U) ? 'Y' : 'N'));
    }
  }
  return fmt::format("{{{}}}", fmt::join(entries, ", "));
}

}  // namespace

Result<std::string> WriteCaseYaml(const CaseDefinition& definition, std::string_view comment) {
  const char* unsupported = !definition.dimensions.empty()    ? "dimensions"
                            : !definition.parameters.empty()  ? "parameters"
                            : !definition.effects.empty()     ? "effects"
                            : !definition.payoffs.empty()     ? "payoffs"
                            : !definition.perceptions.empty() ? "perceptions"
                                                              : nullptr;
  for (std::size_t a = 0; a < definition.actors.size() && unsupported == nullptr; ++a) {
    if (definition.preference_kind[a] != PreferenceKind::kPrioritization &&
        definition.preference_kind[a] != PreferenceKind::kRanking) {
      unsupported = "preferences other than prioritisation statements or rankings";
    }
  }
  if (unsupported != nullptr) {
    return Error::InvalidArgument(
        fmt::format("the case has {}; expected a graph-model case (options, feasibility, ordinal "
                    "preferences) to write",
                    unsupported));
  }

  std::string out;
  std::size_t start = 0;
  while (start <= comment.size() && !comment.empty()) {
    const std::size_t end = std::min(comment.find('\n', start), comment.size());
    out += fmt::format("# {}\n", comment.substr(start, end - start));
    start = end + 1;
  }
  out += "mend: 1\n";
  out += fmt::format("id: {}\n", definition.id);
  out += fmt::format("title: {}\n", Quoted(definition.title.text));
  out += "actors:\n";
  for (const Actor& actor : definition.actors) {
    out += fmt::format("  - {{id: {}, name: {}{}}}\n", actor.id, Quoted(actor.name.text),
                       actor.is_decider() ? "" : ", role: affected");
  }
  out += "options:\n";
  ActorIndex current{~std::uint32_t{0}};
  for (const Option& option : definition.options) {
    if (option.owner != current) {
      current = option.owner;
      out += fmt::format("  {}:\n", definition.actors[current.value].id);
    }
    const char* irreversible =
        option.irreversibility == Irreversibility::kForward    ? ", irreversible: forward"
        : option.irreversibility == Irreversibility::kBackward ? ", irreversible: backward"
                                                               : "";
    out += fmt::format("    - {{id: {}, name: {}{}}}\n", option.id, Quoted(option.name.text),
                       irreversible);
  }
  if (!definition.constraints.empty()) {
    out += "constraints:\n";
    for (const Constraint& constraint : definition.constraints) {
      switch (constraint.kind) {
        case ConstraintKind::kExclusive:
          out += fmt::format("  - exclusive: {}\n", OptionList(definition, constraint.options));
          break;
        case ConstraintKind::kAtLeastOne:
          out += fmt::format("  - at_least_one: {}\n", OptionList(definition, constraint.options));
          break;
        case ConstraintKind::kRequires:
          out += fmt::format("  - requires: {{if: {}, then: {}}}\n",
                             OptionList(definition, constraint.condition),
                             OptionList(definition, constraint.consequence));
          break;
        case ConstraintKind::kInfeasible:
          out += fmt::format("  - infeasible: {}\n",
                             PartialPatternMap(definition, constraint.pattern));
          break;
      }
    }
  }
  out += fmt::format("status_quo: {}\n", definition.PatternOf(definition.status_quo));
  if (definition.explicit_default) {
    out += fmt::format("default: {}\n", definition.PatternOf(*definition.explicit_default));
  }
  out += "preferences:\n";
  for (std::size_t a = 0; a < definition.actors.size(); ++a) {
    const OrdinalPreferences& ordinal = *definition.ordinal[a];
    const std::string& id = definition.actors[a].id;
    if (definition.preference_kind[a] == PreferenceKind::kPrioritization) {
      if (ordinal.statements.empty()) {
        // The format needs a statement; one that every state satisfies keeps them all tied.
        out += fmt::format("  {}: [\"({} | -{})\"]  # no preferences: every state ties\n", id,
                           definition.options.front().id, definition.options.front().id);
        continue;
      }
      out += fmt::format("  {}:\n", id);
      for (const PriorityStatement& statement : ordinal.statements) {
        out += fmt::format("    - {}\n", Quoted(statement.text));
      }
      continue;
    }
    out += fmt::format("  {}:\n    ranking:\n", id);
    for (const std::vector<RankedState>& group : ordinal.ranking) {
      if (group.size() == 1) {
        out += fmt::format("      - {}\n", definition.PatternOf(group.front().code));
        continue;
      }
      std::vector<std::string> patterns;
      for (const RankedState& state : group) patterns.push_back(definition.PatternOf(state.code));
      out += fmt::format("      - [{}]\n", fmt::join(patterns, ", "));
    }
  }
  if (!definition.coalitions.empty()) {
    out += "coalitions:\n";
    for (const CoalitionDefinition& coalition : definition.coalitions) {
      std::vector<std::string> ids;
      for (ActorIndex member : coalition.members) ids.push_back(definition.actors[member.value].id);
      out += fmt::format("  - [{}]\n", fmt::join(ids, ", "));
    }
  }
  return out;
}

}  // namespace mend
