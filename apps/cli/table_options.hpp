// SPDX-License-Identifier: Apache-2.0
//
// The CLI face of the engine's command table: each option of a command becomes a flag
// (`samples` -> `--samples`, `crisis_length` -> `--crisis-length`) with the table's help and
// default, and what the user typed is validated by the table, exactly as the server validates
// its JSON. A progress printer for long runs sits beside it.
//
// Example:
//   auto options = AddTableOptions(*command, "montecarlo");
//   ... after parsing:
//   Result<CommandOptions> given = options->Parse();
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "mend/engine/command_table.hpp"
#include "mend/engine/run_control.hpp"

namespace mend::cli {

class TableOptions {
 public:
  /// Adds the flags of the table's command `name` to `command`. Precondition: the command exists.
  TableOptions(CLI::App& command, std::string_view name);

  /// Adds an extra spelling of an option (e.g. `--kappa` for `kappas`), for scripts written
  /// against an earlier release.
  void AddAlias(const std::string& flag, std::string_view option);

  /// Sets `option` to `value` when `flag` (a CLI flag without value, e.g. `--lhs`) was given.
  void AddSwitch(const std::string& flag, std::string_view option, std::string value,
                 const std::string& help);

  /// Validates what was given (after CLI11 parsed it) and fills in the defaults.
  [[nodiscard]] Result<CommandOptions> Parse() const;

 private:
  struct Given {
    std::string option;
    CLI::Option* flag = nullptr;
    std::shared_ptr<std::string> text;
    std::string fixed;  // a switch's value
  };
  CLI::App* command_;
  const CommandSpec* spec_;
  std::vector<Given> given_;
};

/// A RunControl that prints progress on stderr (every percent on a terminal, every 10 % in a
/// log; nothing when `quiet`) as "mend COMMAND: PHASE NN%", stopped by `stop`.
RunControl ProgressControl(std::string command, std::stop_token stop, bool quiet,
                           const Collective* collective = nullptr);

}  // namespace mend::cli
