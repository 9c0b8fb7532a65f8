// SPDX-License-Identifier: Apache-2.0
#include "mend/uncertainty/random_stream.hpp"

#include <Random123/philox.h>

namespace mend {
namespace {

r123::Philox4x64::ctr_type Draw(StreamKey key, std::uint64_t sample, std::uint64_t slot) {
  r123::Philox4x64 generator;
  // Four 64-bit outputs per counter; `slot / 4` selects the block, `slot % 4` the word.
  const r123::Philox4x64::ctr_type counter = {{sample, slot / 4, 0, 0}};
  const r123::Philox4x64::key_type philox_key = {{key.seed, key.stream}};
  return generator(counter, philox_key);
}

}  // namespace

std::uint64_t RandomBits(StreamKey key, std::uint64_t sample, std::uint64_t slot) {
  return Draw(key, sample, slot)[slot % 4];
}

double UniformOpen(StreamKey key, std::uint64_t sample, std::uint64_t slot) {
  // The top 53 bits as an odd multiple of 2^-54: strictly inside (0, 1), symmetric about 1/2.
  const std::uint64_t bits = RandomBits(key, sample, slot) >> 11;
  return (static_cast<double>(bits) + 0.5) * 0x1.0p-53;
}

}  // namespace mend
