// SPDX-License-Identifier: Apache-2.0
#include "interrupt.hpp"

#include <cerrno>
#include <ctime>
#include <string>

#include <pthread.h>

namespace mend::cli {
namespace {

sigset_t InterruptSet() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

EarlyInterruptBlock::EarlyInterruptBlock() {
  const sigset_t set = InterruptSet();
  pthread_sigmask(SIG_BLOCK, &set, &previous_mask_);
}

void EarlyInterruptBlock::Release() {
  if (released_) return;
  released_ = true;
  pthread_sigmask(SIG_SETMASK, &previous_mask_, nullptr);
}

InterruptWatcher::InterruptWatcher() {
  const sigset_t set = InterruptSet();
  pthread_sigmask(SIG_BLOCK, &set, &previous_mask_);
  // A blocked SIGINT stays pending (even where the shell set it to be ignored) until taken
  // here. The wait times out now and then so the thread notices when the command is over; it
  // keeps taking further SIGINTs after the first so that a second Ctrl-C does not kill the
  // process once the mask is restored.
  watcher_ = std::jthread([this](std::stop_token done) {
    const sigset_t interrupt = InterruptSet();
    const timespec period{0, 50'000'000};
    while (!done.stop_requested()) {
      if (sigtimedwait(&interrupt, nullptr, &period) == SIGINT) stop_.request_stop();
    }
  });
}

InterruptWatcher::~InterruptWatcher() {
  watcher_.request_stop();
  watcher_.join();
  pthread_sigmask(SIG_SETMASK, &previous_mask_, nullptr);
}

Error InterruptWatcher::Cancelled(std::string_view command) {
  return Error::Cancelled(std::string(command) + " cancelled (interrupted)");
}

}  // namespace mend::cli
