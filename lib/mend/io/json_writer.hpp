// SPDX-License-Identifier: Apache-2.0
//
// JSON renderings of results, with exactly the keys of the CLI contract (docs/cli-contract.md).
// Keys keep a fixed order and numbers print the same way every run, so equal results give
// byte-identical output.
//
// Example:
//   std::string json = StatesJson(compiled);   // {"case": ..., "options": [...], "states": [...]}
#pragma once

#include <string>

#include "mend/io/case_reader.hpp"

namespace mend {

/// `mend states --format json` for one case.
std::string StatesJson(const CompiledCase& compiled);

/// `mend states --format json` for a portfolio: {"portfolio": id, "cases": [per case]}.
std::string StatesJson(const CompiledPortfolio& portfolio);

}  // namespace mend
