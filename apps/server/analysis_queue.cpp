// SPDX-License-Identifier: Apache-2.0
#include "analysis_queue.hpp"

#include <malloc.h>

namespace mend::server {

AnalysisQueue::AnalysisQueue(unsigned slots, unsigned max_waiting)
    : slots_(slots == 0 ? 1 : slots), max_waiting_(max_waiting) {}

std::shared_ptr<AnalysisQueue::Slot> AnalysisQueue::Enter(
    std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  if (closed_) return nullptr;
  if (running_ >= slots_) {
    if (waiting_ >= max_waiting_) return nullptr;
    ++waiting_;
    const bool freed =
        freed_.wait_until(lock, deadline, [this] { return closed_ || running_ < slots_; });
    --waiting_;
    if (!freed || closed_) return nullptr;
  }
  ++running_;
  return std::make_shared<Slot>(*this);
}

void AnalysisQueue::Close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  freed_.notify_all();
}

unsigned AnalysisQueue::running() const {
  std::lock_guard lock(mutex_);
  return running_;
}

void AnalysisQueue::Leave() {
  bool idle = false;
  {
    std::lock_guard lock(mutex_);
    --running_;
    idle = running_ == 0 && waiting_ == 0;
  }
  freed_.notify_one();
  // glibc keeps freed memory in per-thread arenas; with nothing running, hand it back.
  if (idle) malloc_trim(0);
}

}  // namespace mend::server
