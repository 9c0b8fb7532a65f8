// SPDX-License-Identifier: Apache-2.0
//
// MEND_ASSERT(condition, "why"): checks a broken invariant (a programmer error, never bad user
// input). Active in debug builds and in builds with MEND_ENABLE_ASSERTS (the CI preset).
//
// Example:
//   MEND_ASSERT(state < states.size(), "state id out of range");
#pragma once

namespace mend::internal {
[[noreturn]] void AssertionFailed(const char* condition, const char* why, const char* file,
                                  int line);
}  // namespace mend::internal

#if !defined(NDEBUG) || defined(MEND_ENABLE_ASSERTS)
#define MEND_ASSERT(condition, why)                                                           \
  do {                                                                                        \
    if (!(condition)) ::mend::internal::AssertionFailed(#condition, why, __FILE__, __LINE__); \
  } while (false)
#else
#define MEND_ASSERT(condition, why) \
  do {                              \
  } while (false)
#endif
