// SPDX-License-Identifier: Apache-2.0
//
// Writing a mend case as a gmcr-py save file (`.gmcr`). The graph model survives whole —
// deciders, options (irreversibility as permittedDirection), feasibility (as infeasible
// conditions) and coalitions — and every decider's preferences become a manual ranking of the
// feasible states, with ties where utilities are equal. Everything GMCR cannot hold is listed
// in `losses`, so the caller can say what the file leaves out.
//
// Example:
//   MEND_TRY(GmcrExport exported, WriteGmcr(compiled));
//   for (const std::string& loss : exported.losses) fmt::print("lost: {}\n", loss);
#pragma once

#include <string>
#include <vector>

#include "mend/core/result.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

struct GmcrExport {
  std::string text;                 // the JSON document, ending in a newline
  std::vector<std::string> losses;  // one line per kind of information the file cannot hold
};

/// Converts a compiled case to gmcr-py's save format. States keep their numbers: deciders are
/// written in the order their options appear, which is the order gmcr-py numbers states in.
/// Rankings come from the utilities at the central parameter values.
/// Fails with kInvalidArgument when a decider's utility is not finite.
Result<GmcrExport> WriteGmcr(const CompiledCase& compiled);

}  // namespace mend
