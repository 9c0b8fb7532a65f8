// SPDX-License-Identifier: Apache-2.0
#include "mend/render/tableau_text.hpp"

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

namespace mend {

std::vector<StateId> TableauColumns(std::size_t states, const std::function<bool(StateId)>& shown) {
  std::vector<StateId> columns;
  const bool all = states <= kMaxTableauColumns;
  for (std::uint32_t s = 0; s < states && columns.size() < kMaxTableauColumns; ++s) {
    if (all || shown(StateId{s})) columns.push_back(StateId{s});
  }
  return columns;
}

std::string TableauText(const CompiledCase& compiled, std::span<const StateId> columns,
                        std::span<const TableauBlock> blocks, const TableauStyle& style) {
  const CaseDefinition& definition = compiled.definition;
  const StateSpace& space = compiled.space;
  std::size_t cell = 2;
  for (StateId s : columns) cell = std::max(cell, std::to_string(s.value + 1).size() + 1);
  // Wide enough for "owner  option" and for an indented row name.
  std::size_t label = 14;
  for (const Option& option : definition.options) {
    label = std::max(label, definition.actors[option.owner.value].id.size() + option.id.size() + 2);
  }
  for (const TableauBlock& block : blocks) {
    for (const std::string& name : block.row_names) label = std::max(label, name.size() + 4);
  }

  std::string out;
  auto row = [&](const std::string& head, auto&& mark) {
    std::string line = fmt::format("{:<{}}", head, label);
    for (StateId s : columns) {
      const std::string text = mark(s);
      const std::string padded = fmt::format("{:>{}}", text, cell);
      line += text == "E" && style.color ? "\x1b[1;7m" + padded + "\x1b[0m" : padded;
    }
    out += line + "\n";
  };
  row("state", [](StateId s) { return std::to_string(s.value + 1); });
  ActorIndex previous{static_cast<std::uint32_t>(-1)};
  for (std::size_t k = 0; k < definition.options.size(); ++k) {
    const Option& option = definition.options[k];
    const std::string owner =
        option.owner == previous ? "" : definition.actors[option.owner.value].id;
    previous = option.owner;
    row(fmt::format("{:<{}}{}", owner, label - option.id.size() - 1, option.id),
        [&](StateId s) { return (space.code(s) >> k) & 1u ? "Y" : "N"; });
  }
  for (const TableauBlock& block : blocks) {
    out += fmt::format("{:-<{}}\n", block.heading + " ", label + cell * columns.size());
    for (std::size_t r = 0; r < block.row_names.size(); ++r) {
      row("  " + block.row_names[r], [&](StateId s) { return block.stable(r, s) ? "s" : "."; });
    }
    row("  equilibrium", [&](StateId s) { return block.equilibrium(s) ? "E" : ""; });
  }
  out += style.legend + "\n";
  return out;
}

}  // namespace mend
