// SPDX-License-Identifier: Apache-2.0
//
// `mend`: the command line. Subcommands parse their options with CLI11 and call the library;
// this file only wires them and maps usage errors to exit status 2.
#include <map>
#include <set>

#include "commands.hpp"
#include "interrupt.hpp"
#include "output.hpp"
#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
  // First of all: a Ctrl-C from now on waits for the command that handles it (see below).
  mend::cli::EarlyInterruptBlock early_interrupt;
  // Commands that take SIGINT themselves: stability and analyze cancel cleanly through an
  // InterruptWatcher, serve stops gracefully through sigwait. The others keep the default.
  const std::set<std::string> handles_interrupt = {"stability", "analyze", "serve"};
  CLI::App app{"mend: impartial analysis of what confrontation costs"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("mend ") + MEND_VERSION);
  std::map<std::string, mend::cli::Command> commands;
  commands["validate"] = mend::cli::AddValidateCommand(app);
  commands["states"] = mend::cli::AddStatesCommand(app);
  commands["stability"] = mend::cli::AddStabilityCommand(app);
  commands["coalitions"] = mend::cli::AddCoalitionsCommand(app);
  commands["convert"] = mend::cli::AddConvertCommand(app);
  commands["analyze"] = mend::cli::AddAnalyzeCommand(app);
  commands["explain"] = mend::cli::AddExplainCommand(app);
  commands["brief"] = mend::cli::AddBriefCommand(app);
  commands["report"] = mend::cli::AddReportCommand(app);
  commands["montecarlo"] = mend::cli::AddMonteCarloCommand(app);
  commands["viability"] = mend::cli::AddViabilityCommand(app);
  commands["perceptions"] = mend::cli::AddPerceptionsCommand(app);
  commands["dynamics"] = mend::cli::AddDynamicsCommand(app);
  commands["bridge"] = mend::cli::AddBridgeCommand(app);
  commands["game"] = mend::cli::AddGameCommand(app);
#ifdef MEND_HAS_SERVER
  commands["serve"] = mend::cli::AddServeCommand(app);
#endif
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? mend::cli::kExitOk : mend::cli::kExitUsageError;
  }
  for (CLI::App* subcommand : app.get_subcommands()) {
    if (!handles_interrupt.contains(subcommand->get_name())) early_interrupt.Release();
    return commands.at(subcommand->get_name())();
  }
  return mend::cli::kExitUsageError;
}
