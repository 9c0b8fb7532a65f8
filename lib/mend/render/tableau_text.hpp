// SPDX-License-Identifier: Apache-2.0
//
// The stability tableau as text, the layout GMCR users know: a column per state, the options'
// Y/N rows, then per concept a row per decider (or coalition) marking the states stable for it
// and an equilibrium row. `mend stability` and `mend coalitions` both print it; only the rows'
// names and what "stable" means differ.
//
// Example:
//   TableauBlock block{"nash", {"us", "ru"}, stable_for, is_equilibrium};
//   std::string text = TableauText(compiled, columns, {&block, 1}, {.legend = "..."});
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

/// The tableau shows every state when there are at most this many; otherwise the equilibria.
inline constexpr std::size_t kMaxTableauColumns = 64;

/// One concept's block: a row per name, stable(row, state), and the equilibrium row.
struct TableauBlock {
  std::string heading;
  std::vector<std::string> row_names;
  std::function<bool(std::size_t row, StateId state)> stable;
  std::function<bool(StateId state)> equilibrium;
};

struct TableauStyle {
  /// Highlight equilibria with terminal reverse video.
  bool color = false;
  /// The closing line that explains the marks.
  std::string legend;
};

/// Every state when the space has at most kMaxTableauColumns; otherwise the first
/// kMaxTableauColumns states for which `shown` holds, in state order.
[[nodiscard]] std::vector<StateId> TableauColumns(std::size_t states,
                                                  const std::function<bool(StateId)>& shown);

/// The tableau's lines, from the state-number row to the legend.
[[nodiscard]] std::string TableauText(const CompiledCase& compiled,
                                      std::span<const StateId> columns,
                                      std::span<const TableauBlock> blocks,
                                      const TableauStyle& style);

}  // namespace mend
