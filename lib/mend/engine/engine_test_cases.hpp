// SPDX-License-Identifier: Apache-2.0
//
// Helpers the engine's tests share (test code only): a case read from YAML text, failing the
// test when it does not load, and a state found by its Y/N pattern.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>

#include <gtest/gtest.h>

#include "mend/io/case_reader.hpp"

namespace mend::testing {

inline CompiledCase LoadCaseText(std::string_view text) {
  Result<CompiledCase> compiled = ReadCase(text, "case.yaml");
  EXPECT_TRUE(compiled.has_value()) << compiled.error().message;
  return std::move(*compiled);
}

inline StateId StateNamed(const CompiledCase& compiled, std::string_view pattern) {
  for (std::uint32_t s = 0; s < compiled.space.size(); ++s) {
    if (compiled.space.Pattern(StateId{s}) == pattern) return StateId{s};
  }
  ADD_FAILURE() << "no state " << pattern;
  return StateId{0};
}

}  // namespace mend::testing
