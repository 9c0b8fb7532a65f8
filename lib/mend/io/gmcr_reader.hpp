// SPDX-License-Identifier: Apache-2.0
//
// Reading gmcr-py / GMCR+ save files (`.gmcr`, JSON) as mend cases. Options become mend options
// (permittedDirection fwd/back → forward/backward irreversibility), infeasible conditions become
// `infeasible` constraints, prioritised preferences become prioritisation statements (weights
// 2^(k−1−i), as gmcr-py gives them), a manual preference ranking becomes a ranking with ties,
// and `coalitions` becomes the case's coalitions. The file has no status quo, so the first
// feasible state stands in for it (docs/case-format.md, "Reading .gmcr files").
//
// Example:
//   MEND_TRY(CaseDefinition definition, ParseGmcrDefinition(text, "elmira.gmcr"));
//   MEND_TRY(CompiledCase compiled, CompileCase(std::move(definition)));
#pragma once

#include <string>
#include <string_view>

#include "mend/core/result.hpp"
#include "mend/io/case_reader.hpp"
#include "mend/model/case.hpp"

namespace mend {

/// Returns true when `path` ends in `.gmcr`, or when `text` is a JSON object (it starts with
/// '{' after white space) with a "decisionMakers" key, as gmcr-py save files are.
bool LooksLikeGmcr(std::string_view path, std::string_view text);

/// Parses the text of a `.gmcr` file into a case definition. `file` names it in messages.
/// Fails with kInvalidArgument located at the offending key or value
/// (`FILE:LINE:COLUMN: error: decisionMakers[1].preferences[0][2]: expected ...`) for malformed
/// JSON, unknown keys, wrong types, option or state numbers out of range, rankings that miss or
/// repeat a feasible state, stored payoffs that disagree with the preferences, misperceived
/// states (which mend does not model), and files larger than `options.max_file_bytes`. A
/// preference condition given twice counts once, as in gmcr-py.
Result<CaseDefinition> ParseGmcrDefinition(std::string_view text, const std::string& file,
                                           const ReadOptions& options = {});

/// Parses and compiles a `.gmcr` file's text (ParseGmcrDefinition, then CompileCase).
Result<CompiledCase> ReadGmcrCase(std::string_view text, const std::string& file,
                                  const ReadOptions& options = {});

}  // namespace mend
