// SPDX-License-Identifier: Apache-2.0
//
// Reading Gambit's strategic-form files (.nfg, version 1): the payoff-list form and the outcome
// form, player and strategy names (quoted, with backslash escapes), strategy counts given as
// numbers or as name lists, the optional comment, and payoffs written as integers, rationals
// ("3/4") or decimals ("0.25", "1.5e-3", read exactly). Every problem is reported as
// "FILE:LINE:COLUMN: error: WHAT: expected ..., got ..."; hostile input (huge counts, truncated
// or binary files) is refused before anything large is allocated. docs/game.md describes it.
//
// Example:
//   MEND_TRY(NormalFormGame game, ReadNfgFile("games/pennies.nfg"));
//   MEND_TRY(NormalFormGame same, ReadNfg(text, "pennies.nfg"));
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "mend/core/result.hpp"
#include "mend/game/normal_form_game.hpp"

namespace mend {

struct NfgReadOptions {
  /// Files larger than this are refused before reading.
  std::size_t max_file_bytes = std::size_t{256} << 20;
  /// Games with more strategy profiles are refused at their strategy counts.
  std::uint64_t max_profiles = kMaxGameProfiles;
};

/// Parses .nfg text; `file` names it in messages. Fails with kInvalidArgument, located at the
/// offending token, on any departure from the format.
[[nodiscard]] Result<NormalFormGame> ReadNfg(std::string_view text, const std::string& file,
                                             const NfgReadOptions& options = {});

/// Reads an .nfg file. Fails with kNotFound when it does not exist, kIo when it cannot be read,
/// and kInvalidArgument (located) for bad content or a file above options.max_file_bytes.
[[nodiscard]] Result<NormalFormGame> ReadNfgFile(const std::string& path,
                                                 const NfgReadOptions& options = {});

}  // namespace mend
