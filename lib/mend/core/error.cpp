// SPDX-License-Identifier: Apache-2.0
#include "mend/core/error.hpp"

#include <fmt/format.h>

namespace mend {

std::string Error::ToString() const {
  if (!where.known()) return fmt::format("error: {}", message);
  if (where.line <= 0) return fmt::format("{}: error: {}", where.file, message);
  return fmt::format("{}:{}:{}: error: {}", where.file, where.line, where.column, message);
}

std::string Error::Key() const {
  const std::size_t colon = message.find(": ");
  if (!where.known() || colon == std::string::npos || colon == 0 || message.find(' ') < colon) {
    return "";
  }
  return message.substr(0, colon);
}

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid-argument";
    case ErrorCode::kFailedPrecondition:
      return "failed-precondition";
    case ErrorCode::kNotFound:
      return "not-found";
    case ErrorCode::kCancelled:
      return "cancelled";
    case ErrorCode::kIo:
      return "io";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

}  // namespace mend
