// SPDX-License-Identifier: Apache-2.0
//
// Counter-based random numbers (Random123's Philox 4x64): the draw for (seed, stream, sample,
// slot) is a pure function of those four numbers, so a sample's draws never depend on which
// thread or process computes it, or on what was drawn before.
//
// Example:
//   double u = UniformOpen({.seed = 7, .stream = parameter}, sample, /*slot=*/0);  // in (0, 1)
#pragma once

#include <cstdint>

namespace mend {

/// Identifies an independent stream: the case's seed and, e.g., a parameter's index.
struct StreamKey {
  std::uint64_t seed = 0;
  std::uint64_t stream = 0;
};

/// Returns a uniform draw in the open interval (0, 1), never 0 or 1 (safe for inverse CDFs).
double UniformOpen(StreamKey key, std::uint64_t sample, std::uint64_t slot);

/// Returns 64 uniformly random bits for (key, sample, slot).
std::uint64_t RandomBits(StreamKey key, std::uint64_t sample, std::uint64_t slot);

}  // namespace mend
