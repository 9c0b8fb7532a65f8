// SPDX-License-Identifier: Apache-2.0
//
// The `mend` subcommands. Each Add*Command registers its options on the CLI11 app and returns
// the function that runs it once parsing succeeded; the function returns the exit code.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace mend::cli {

using Command = std::function<int()>;

Command AddValidateCommand(CLI::App& app);
Command AddStatesCommand(CLI::App& app);
Command AddStabilityCommand(CLI::App& app);
Command AddAnalyzeCommand(CLI::App& app);
Command AddExplainCommand(CLI::App& app);
Command AddMonteCarloCommand(CLI::App& app);
Command AddViabilityCommand(CLI::App& app);
Command AddPerceptionsCommand(CLI::App& app);
Command AddDynamicsCommand(CLI::App& app);
Command AddBridgeCommand(CLI::App& app);
Command AddServeCommand(CLI::App& app);
Command AddBriefCommand(CLI::App& app);
Command AddReportCommand(CLI::App& app);
Command AddGameCommand(CLI::App& app);
Command AddConvertCommand(CLI::App& app);
Command AddCoalitionsCommand(CLI::App& app);

}  // namespace mend::cli
