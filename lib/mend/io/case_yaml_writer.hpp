// SPDX-License-Identifier: Apache-2.0
//
// Writing a case definition back as a mend YAML case (format version 1): actors, options with
// irreversibility, feasibility rules, the status quo, ordinal preferences (prioritisation
// statements or rankings) and coalitions — the graph-model part of the format, which is all a
// `.gmcr` file holds. Options are written in the definition's order, so states keep their
// numbers.
//
// Example:
//   MEND_TRY(CaseDefinition definition, ParseGmcrDefinition(text, "elmira.gmcr"));
//   MEND_TRY(std::string yaml, WriteCaseYaml(definition, "converted from elmira.gmcr"));
#pragma once

#include <string>
#include <string_view>

#include "mend/core/result.hpp"
#include "mend/model/case.hpp"

namespace mend {

/// Writes `definition` as YAML, preceded by `comment` (one `#` line per line of it).
/// Fails with kInvalidArgument when the case uses what this writer does not cover (valuations,
/// effects, dimensions, parameters, payoffs, perceptions), naming it.
Result<std::string> WriteCaseYaml(const CaseDefinition& definition, std::string_view comment);

}  // namespace mend
