// SPDX-License-Identifier: Apache-2.0
//
// The one-shot normal form of an option-form case: the deciders are the players, each decider's
// strategies are the combinations of its own options that occur in some feasible state, and
// payoffs are the deciders' utilities at the central parameter values, converted to rationals
// exactly. Affected third parties are not players. docs/game.md explains the mapping.
//
// Example:
//   MEND_TRY(NormalFormGame game, CaseNormalForm(compiled));
//   std::string nfg = NfgText(game);
//   MEND_TRY(NormalFormGame any, ReadGameFile("pennies.nfg"));   // or a case file (.yaml)
#pragma once

#include <string>
#include <string_view>

#include "mend/core/result.hpp"
#include "mend/game/normal_form_game.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

/// Builds the normal form of `compiled`. Every profile of the deciders' strategies must be a
/// feasible state (the feasible set is then the product of the deciders' choices); otherwise
/// fails with kInvalidArgument naming one infeasible profile and the constraint it violates,
/// located at that constraint. Strategies are named by the option ids they take ("a+b", or
/// "none"), in ascending order of their option bits.
[[nodiscard]] Result<NormalFormGame> CaseNormalForm(const CompiledCase& compiled);

/// Reads the game of `mend game FILE`: a case file (extension .yaml or .yml) gives its normal
/// form, any other file is read as Gambit .nfg. Fails as ReadDocumentFile, CaseNormalForm and
/// ReadNfgFile fail, and with kInvalidArgument (located at the file) for a portfolio, which has
/// no single normal form.
[[nodiscard]] Result<NormalFormGame> ReadGameFile(const std::string& path);

/// ReadGameFile for text: text whose first word is "NFG" is read as Gambit .nfg, any other text
/// as a case; `file` names it in messages.
[[nodiscard]] Result<NormalFormGame> ReadGameText(std::string_view text, const std::string& file);

}  // namespace mend
