// SPDX-License-Identifier: Apache-2.0
//
// `mend bridge --format text|markdown`: what it would take to reach a blocked state, written
// through TextPage; and the inverse conditions in words, which the JSON carries too.
//
// Example:
//   std::string text = BridgeText(*analysis.compiled, report, /*markdown=*/false);
#pragma once

#include <string>

#include "mend/lenses/bridge.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

/// `mend bridge --format text|markdown`.
std::string BridgeText(const CompiledCase& compiled, const BridgeReport& report, bool markdown);

/// One inverse condition in words: "us must like YY at least as much as NY", and under GMR or
/// SEQ "... or as one of the others' responses (YN, NN)".
std::string InverseConditionText(const CompiledCase& compiled, StateId target,
                                 const InverseCondition& condition);

}  // namespace mend
