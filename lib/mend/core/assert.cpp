// SPDX-License-Identifier: Apache-2.0
#include "mend/core/assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace mend::internal {

// The one place the library writes to stderr: an invariant is broken and the process must stop.
void AssertionFailed(const char* condition, const char* why, const char* file, int line) {
  std::fprintf(stderr, "mend: internal error: %s (%s) at %s:%d\n", why, condition, file, line);
  std::abort();
}

}  // namespace mend::internal
