// SPDX-License-Identifier: Apache-2.0
//
// libFuzzer target: the YAML case reader, from text to a compiled case. Limits are smaller than
// the reader's defaults so that one input stays within libFuzzer's time and memory bounds; a
// refusal is a correct answer, only crashes, sanitizer reports and hangs are findings.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "mend/io/case_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mend::ReadOptions options;
  options.limits.max_states = 4096;
  options.max_nodes = 200'000;
  options.max_values = 50'000;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  mend::Result<mend::CompiledCase> compiled = mend::ReadCase(text, "fuzz.yaml", options);
  (void)compiled;
  return 0;
}
