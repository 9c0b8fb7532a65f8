// SPDX-License-Identifier: Apache-2.0
//
// Reading case and portfolio files (case format version 1). Every problem is reported as
// "FILE:LINE:COLUMN: error: KEY: what was expected", and nothing is partially loaded. Hostile
// input (binary data, alias bombs, deep nesting, huge files) is refused, never expanded.
//
// Example:
//   MEND_TRY(Document document, ReadDocumentFile("cases/classic/chicken.yaml"));
//   if (auto* one = std::get_if<CompiledCase>(&document)) { ... }
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "mend/core/result.hpp"
#include "mend/model/case.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

struct ReadOptions {
  EnumerationLimits limits;
  /// Files larger than this are refused before parsing.
  std::size_t max_file_bytes = std::size_t{64} << 20;
  /// YAML nodes visited (aliases count each time they are used) before the reader gives up.
  long max_nodes = 4'000'000;
  /// Values the text may hold, counted before parsing as separators (',' '[' '{' and line
  /// ends). yaml-cpp spends about half a kilobyte per node, so this bounds its memory.
  long max_values = 1'000'000;
  /// When set, called with the parsed definition before its states are enumerated; the
  /// smaller of its answer and `limits.max_states` bounds the enumeration (a caller's memory
  /// budget that depends on the number of actors).
  std::function<std::uint64_t(const CaseDefinition&)> max_states_for;
};

/// A portfolio with each of its cases compiled.
struct CompiledPortfolio {
  PortfolioDefinition definition;
  std::vector<CompiledCase> cases;
};

using Document = std::variant<CompiledCase, CompiledPortfolio>;

/// Parses case text into a definition (no state enumeration). `file` names it in messages.
/// Text that LooksLikeGmcr (gmcr_reader.hpp) is read as a gmcr-py save file, here and in ReadCase.
Result<CaseDefinition> ParseCaseDefinition(std::string_view text, const std::string& file,
                                           const ReadOptions& options = {});

/// Reads and compiles a case from text.
Result<CompiledCase> ReadCase(std::string_view text, const std::string& file,
                              const ReadOptions& options = {});

/// Reads a case or portfolio file, or a gmcr-py save file (`.gmcr`, detected by its extension
/// or its content; see gmcr_reader.hpp). A portfolio's cases are read relative to its folder and
/// must share their deciders. Fails with kNotFound/kIo for unreadable files and
/// kInvalidArgument for bad content.
Result<Document> ReadDocumentFile(const std::string& path, const ReadOptions& options = {});

}  // namespace mend
