// SPDX-License-Identifier: Apache-2.0
//
// `mend coalitions --format json`: the shape of `mend stability --format json` with coalitions
// in place of deciders — case, coalitions (names, members joined by '+'),
// stability.<concept>.<coalition>, equilibria.<concept> — plus where the coalitions came from.
// States are listed by pattern in ascending state number.
//
// Example:
//   std::string json = CoalitionJson(compiled, report, "case");
#pragma once

#include <string>
#include <string_view>

#include "mend/stability/coalition.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

/// Returns the coalition's name: its members' ids joined by '+', e.g. "us+eu".
std::string CoalitionName(const CaseDefinition& definition, const CoalitionMembers& coalition);

/// Renders a coalition report of `compiled` as JSON (1-space indent, trailing newline).
/// `origin` says where the coalitions came from ("case", "command line" or "all").
/// Precondition: the report was computed for `compiled`.
std::string CoalitionJson(const CompiledCase& compiled, const CoalitionReport& report,
                          std::string_view origin);

}  // namespace mend
