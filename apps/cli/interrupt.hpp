// SPDX-License-Identifier: Apache-2.0
//
// InterruptWatcher: turns Ctrl-C (SIGINT) into a stop request for as long as it lives, so a
// command can be cancelled in every phase — loading, analysis, output — and end with exit status
// 1 and a "cancelled" message instead of being killed half-way.
//
// Example:
//   InterruptWatcher interrupt;  // before any worker thread starts
//   Result<StabilityReport> report = AnalyzeStability(compiled, options, interrupt.token());
//   if (interrupt.interrupted()) return Fail(InterruptWatcher::Cancelled("mend stability"));
#pragma once

#include <stop_token>
#include <string_view>
#include <thread>

#include <signal.h>

#include "mend/core/error.hpp"

namespace mend::cli {

/// Blocks SIGINT from the first line of `main`, so that a Ctrl-C arriving before a command has
/// set up its InterruptWatcher stays pending instead of killing the process: the watcher then
/// takes it at once. Commands without a watcher Release() it, and a pending SIGINT acts as usual.
class EarlyInterruptBlock {
 public:
  EarlyInterruptBlock();
  /// Restores the signal mask found at construction, once.
  void Release();
  EarlyInterruptBlock(const EarlyInterruptBlock&) = delete;
  EarlyInterruptBlock& operator=(const EarlyInterruptBlock&) = delete;

 private:
  sigset_t previous_mask_{};
  bool released_ = false;
};

class InterruptWatcher {
 public:
  /// Blocks SIGINT in the calling thread (threads started afterwards inherit the mask) and
  /// starts a thread that waits for it and requests the stop. Construct it before any thread is
  /// started, so that no other thread can receive the signal.
  InterruptWatcher();
  /// Stops the watching thread and restores the calling thread's signal mask.
  ~InterruptWatcher();
  InterruptWatcher(const InterruptWatcher&) = delete;
  InterruptWatcher& operator=(const InterruptWatcher&) = delete;

  /// Requested once SIGINT has arrived.
  std::stop_token token() const { return stop_.get_token(); }
  bool interrupted() const { return stop_.stop_requested(); }

  /// The error a command reports when interrupted: "<command> cancelled (interrupted)".
  static Error Cancelled(std::string_view command);

 private:
  std::stop_source stop_;
  sigset_t previous_mask_{};
  std::jthread watcher_;
};

}  // namespace mend::cli
