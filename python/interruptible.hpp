// SPDX-License-Identifier: Apache-2.0
//
// Long analyses from Python: the engine runs on a worker thread with the GIL released, so other
// Python threads run meanwhile, and the calling thread checks for signals every 50 ms. On Ctrl-C
// it requests the engine's stop (RunControl::stop), waits for the worker to return, and raises
// KeyboardInterrupt — the Python face of the CLI's "cancelled" exit.
//
// Example:
//   Result<CaseAnalysis> analysis = RunInterruptibly<Result<CaseAnalysis>>(
//       [&](std::stop_token stop) { return AnalyzeCase(compiled, options, {.stop = stop}); });
#pragma once

#include <functional>
#include <optional>
#include <stop_token>

namespace mend::python {

/// Runs `work` as described above and returns once it has returned. Raises KeyboardInterrupt
/// (after `work` has returned) when Ctrl-C arrived meanwhile, and rethrows what `work` threw.
/// Precondition: the GIL is held; `work` does not touch Python.
void RunInterruptiblyImpl(const std::function<void(std::stop_token)>& work);

template <typename T, typename Work>
T RunInterruptibly(Work&& work) {
  std::optional<T> result;
  RunInterruptiblyImpl([&](std::stop_token stop) { result.emplace(work(stop)); });
  return std::move(*result);
}

}  // namespace mend::python
