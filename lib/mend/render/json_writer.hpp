// SPDX-License-Identifier: Apache-2.0
//
// JSON renderings of results, with exactly the keys of the CLI contract (docs/cli-contract.md).
// Keys keep a fixed order and numbers print the same way every run, so equal results give
// byte-identical output.
//
// Example:
//   std::string json = StatesJson(compiled);   // {"case": ..., "options": [...], "states": [...]}
#pragma once

#include <ostream>
#include <stop_token>
#include <string>

#include "mend/io/case_reader.hpp"

namespace mend {

/// `mend states --format json` for one case.
std::string StatesJson(const CompiledCase& compiled);

/// A page of StatesJson: the states numbered offset + 1 to offset + limit. A page that is not
/// the whole list also has "total_states", "offset" and "next_offset" (null on the last page)
/// before "states"; the whole list is byte for byte StatesJson.
std::string StatesPageJson(const CompiledCase& compiled, std::uint64_t offset, std::uint64_t limit);

/// `mend states --format json` for a portfolio: {"portfolio": id, "cases": [per case]}.
std::string StatesJson(const CompiledPortfolio& portfolio);

/// Writes the same bytes as StatesJson to `out` as they are produced, one state at a time, so no
/// document is held in memory. Fails with kCancelled if `stop` is requested (checked every
/// 16,384 states; `out` then holds a truncated document) and with kIo if the stream fails.
[[nodiscard]] Status WriteStatesJson(std::ostream& out, const CompiledCase& compiled,
                                     std::stop_token stop = {});

/// WriteStatesJson for a portfolio: {"portfolio": id, "cases": [per case]}.
[[nodiscard]] Status WriteStatesJson(std::ostream& out, const CompiledPortfolio& portfolio,
                                     std::stop_token stop = {});

}  // namespace mend
