// SPDX-License-Identifier: Apache-2.0
//
// AnalysisQueue: the bounded queue heavy requests (loading and analysing cases) pass through,
// apart from the connection threads, so that light requests (health, static files, reads of
// the workspace) are never starved by analyses. At most `slots` analyses run at once and at most
// `max_waiting` wait; beyond that a request is refused at once (503 busy). When the last
// analysis ends the allocator returns freed memory to the system (malloc_trim), so idle memory
// goes back near its baseline after large requests.
//
// Example:
//   AnalysisQueue queue(8, 32);
//   std::shared_ptr<AnalysisQueue::Slot> slot = queue.Enter(deadline);
//   if (!slot) return Busy();
//   ... run the analysis while `slot` lives ...
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace mend::server {

class AnalysisQueue {
 public:
  /// A place in the queue, held while an analysis runs; released when the last copy goes.
  class Slot {
   public:
    explicit Slot(AnalysisQueue& queue) : queue_(queue) {}
    ~Slot() { queue_.Leave(); }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    AnalysisQueue& queue_;
  };

  AnalysisQueue(unsigned slots, unsigned max_waiting);

  /// Waits for a free slot until `deadline`. Returns nullptr at once when `max_waiting`
  /// requests are already waiting, or when the deadline passes or Close() is called first.
  /// Thread-safe.
  std::shared_ptr<Slot> Enter(std::chrono::steady_clock::time_point deadline);

  /// Wakes every waiter with nullptr; later Enter() calls fail. Thread-safe.
  void Close();

  unsigned running() const;

 private:
  void Leave();

  mutable std::mutex mutex_;
  std::condition_variable freed_;
  unsigned slots_;
  unsigned max_waiting_;
  unsigned running_ = 0;
  unsigned waiting_ = 0;
  bool closed_ = false;
};

}  // namespace mend::server
