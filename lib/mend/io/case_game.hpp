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
#pragma once

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

}  // namespace mend
