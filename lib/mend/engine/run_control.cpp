// SPDX-License-Identifier: Apache-2.0
#include "mend/engine/run_control.hpp"

#include <string>

#include <fmt/format.h>

namespace mend {

Status RunControl::Check(std::string_view what) const {
  if (stop.stop_requested()) return Error::Cancelled(fmt::format("{} was cancelled", what));
  return Ok();
}

std::function<void(std::uint64_t, std::uint64_t)> RunControl::PhaseProgress(
    std::string_view phase) const {
  if (!progress) return {};
  return [callback = progress, name = std::string(phase)](std::uint64_t done, std::uint64_t total) {
    callback(name, done, total);
  };
}

}  // namespace mend
