// SPDX-License-Identifier: Apache-2.0
//
// Writing Gambit's strategic-form files (.nfg, version 1), so that Gambit opens games made by
// mend. Payoffs are written exactly ("p/q"); names are quoted with backslash escapes. Reading
// the output back with ReadNfg gives the same game.
//
// Example:
//   std::string text = NfgText(game, NfgForm::kOutcomes);
#pragma once

#include <string>

#include "mend/game/normal_form_game.hpp"

namespace mend {

enum class NfgForm {
  kPayoffs,   ///< one payoff per player per profile, profile by profile
  kOutcomes,  ///< one named outcome per profile, then each profile's outcome number
};

/// Renders `game` as .nfg text (strategy names as lists; the comment when the game has one).
std::string NfgText(const NormalFormGame& game, NfgForm form = NfgForm::kPayoffs);

}  // namespace mend
