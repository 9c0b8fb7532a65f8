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
#include <nlohmann/json.hpp>
#include <string>

#include "mend/core/result.hpp"
#include "mend/io/case_reader.hpp"

namespace mend::server {

struct AnalysisLimits {
  std::uint64_t max_states = 0;  // 0: the loader's default
  std::size_t max_bytes = std::size_t{8} << 20;
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

/// Reads and compiles a case from text; errors carry the location in `file`.
Result<CompiledCase> LoadCase(const std::string& source, const std::string& file,
                              const AnalysisLimits& limits);

/// Whether `command` can be run by this build ("states", "stability", "analyze" when built).
bool KnownCommand(const std::string& command);

/// Fills in defaults and orders values so that equal options give equal JSON text.
/// kInvalidArgument for unknown commands, keys or values.
Result<nlohmann::json> CanonicalOptions(const std::string& command, const nlohmann::json& options);

/// Runs `command` with canonical options and returns the CLI's JSON output. kCancelled when the
/// deadline passes.
Result<std::string> RunAnalysis(const CompiledCase& compiled, const std::string& command,
                                const nlohmann::json& options, const AnalysisLimits& limits);

/// {"code", "message", "file"?, "line"?, "column"?, "key"?, "text"} for one error.
nlohmann::json ErrorObject(const Error& error);

}  // namespace mend::server
