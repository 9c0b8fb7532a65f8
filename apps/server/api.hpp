// SPDX-License-Identifier: Apache-2.0
//
// What the routes do, apart from HTTP: load a case from request text, canonicalise a command's
// options, run an analysis under a deadline, and render errors as the JSON of docs/api.md.
//
// Example:
//   MEND_TRY(CompiledCase compiled, LoadCase(source, "case.yaml", limits));
//   MEND_TRY(nlohmann::json options, CanonicalOptions("stability", request["options"]));
//   MEND_TRY(std::string json, RunAnalysis(compiled, "stability", options, limits));
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <stop_token>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "mend/core/result.hpp"
#include "mend/engine/command_table.hpp"
#include "mend/io/case_reader.hpp"

namespace mend::server {

struct AnalysisLimits {
  std::uint64_t max_states = 0;  // 0: the loader's default
  std::size_t max_bytes = std::size_t{8} << 20;
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  /// The server's memory budget: the most feasible states a parsed case may have (budget.hpp).
  std::function<std::uint64_t(const CaseDefinition&)> max_states_for;
};

/// Reads and compiles a case from text; errors carry the location in `file`.
Result<CompiledCase> LoadCase(const std::string& source, const std::string& file,
                              const AnalysisLimits& limits);

/// Whether `command` can be run by this build: states, stability, analyze, perceptions,
/// viability, dynamics, montecarlo.
bool KnownCommand(const std::string& command);

/// Whether the command draws random numbers (every command of the central analysis may): its
/// seed is used, and defaults to the CLI's (1); the other commands ignore it (recorded as 0).
bool SeededCommand(const std::string& command);

/// What a run may be told besides its options: the seed, a stop request from outside (a cancel
/// request or a closed connection) and where to report progress (Monte Carlo only).
struct RunContext {
  std::uint64_t seed = 0;
  std::stop_token stop;
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

/// Fills in defaults and orders values so that equal options give equal JSON text.
/// kInvalidArgument for unknown commands, keys or values.
Result<nlohmann::json> CanonicalOptions(const std::string& command, const nlohmann::json& options);

/// Runs `command` with canonical options and returns the CLI's JSON output. kCancelled when the
/// deadline passes or `context.stop` is requested.
Result<std::string> RunAnalysis(const CompiledCase& compiled, const std::string& command,
                                const nlohmann::json& options, const AnalysisLimits& limits,
                                const RunContext& context = {});

/// Canonical options of a portfolio analysis: {"concept", "sanctions"} as for analyze.
Result<nlohmann::json> CanonicalPortfolioOptions(const nlohmann::json& options);

/// `mend analyze PORTFOLIO --format json` over cases already compiled: each case analysed on its
/// own, then the linkage block. `linkage` maps actor ids to whether they accept linkage.
Result<std::string> RunPortfolio(const std::string& portfolio_id,
                                 const std::vector<const CompiledCase*>& cases,
                                 const std::vector<std::pair<std::string, bool>>& linkage,
                                 const nlohmann::json& options, const AnalysisLimits& limits);

/// {"code", "message", "file"?, "line"?, "column"?, "key"?, "text"} for one error.
nlohmann::json ErrorObject(const Error& error);

}  // namespace mend::server
