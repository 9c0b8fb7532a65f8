// SPDX-License-Identifier: Apache-2.0
//
// JSON renderings of the lenses (docs/lenses.md) under the keys of the CLI contract:
// `mend viability`, `mend perceptions`, `mend dynamics` and the `linkage` block of
// `mend analyze PORTFOLIO`. Keys keep a fixed order; equal results give byte-identical output.
//
// Example:
//   std::string json = ViabilityJson(compiled, report);   // {"proposal": "YY", "viable": ...}
#pragma once

#include <string>

#include "mend/lenses/attachment.hpp"
#include "mend/lenses/dynamics.hpp"
#include "mend/lenses/linkage.hpp"
#include "mend/lenses/perception.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

/// `mend viability --format json` (1-space indent, trailing newline).
std::string ViabilityJson(const CompiledCase& compiled, const ViabilityReport& report);

/// `mend perceptions --format json`.
std::string PerceptionsJson(const CompiledCase& compiled, const PerceptionAnalysis& analysis);

/// The `linkage` object of `mend analyze PORTFOLIO --format json` (no trailing newline).
std::string LinkageJson(const LinkageAnalysis& linkage);

/// `mend dynamics --format json`.
std::string DynamicsJson(const CompiledCase& compiled, const DynamicsOptions& options,
                         const DynamicsReport& report);

/// The plain-words note on hypergames that every format of `mend perceptions` carries.
extern const char* const kHypergameNote;

}  // namespace mend
