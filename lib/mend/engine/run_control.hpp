// SPDX-License-Identifier: Apache-2.0
//
// RunControl: what every long analysis is handed by the front end that runs it — one stop token
// (Ctrl-C in the CLI, a cancel request, a closed connection or the time limit in the server),
// one progress callback, and, for a distributed Monte Carlo, the processes' Collective. The
// engine passes it down to every phase, so no command can forget cancellation.
//
// Example:
//   std::stop_source stop;
//   RunControl control{.stop = stop.get_token(),
//                      .progress = [](std::string_view phase, std::uint64_t done,
//                                     std::uint64_t total) { ... }};
//   MEND_TRY(CaseAnalysis analysis, AnalyzeCase(compiled, options, control));
#pragma once

#include <cstdint>
#include <functional>
#include <stop_token>
#include <string_view>

#include "mend/core/result.hpp"
#include "mend/uncertainty/monte_carlo.hpp"

namespace mend {

struct RunControl {
  /// Requested: the analysis stops at its next check and fails with kCancelled.
  std::stop_token stop;
  /// Called now and then on the calling thread with the phase ("spread", "stability",
  /// "monte carlo", ...) and how far it is; it may be empty.
  std::function<void(std::string_view phase, std::uint64_t done, std::uint64_t total)> progress;
  /// The processes of a distributed run (see Collective); null in one process.
  const Collective* collective = nullptr;

  /// Returns kCancelled, naming `what`, when a stop was requested; Ok otherwise.
  [[nodiscard]] Status Check(std::string_view what) const;

  /// Returns a (done, total) callback that reports `phase` through `progress`, and checks
  /// nothing: the phases' own stop tokens do that.
  [[nodiscard]] std::function<void(std::uint64_t, std::uint64_t)> PhaseProgress(
      std::string_view phase) const;
};

}  // namespace mend
