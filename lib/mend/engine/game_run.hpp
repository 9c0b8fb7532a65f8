// SPDX-License-Identifier: Apache-2.0
//
// `mend game` as the engine runs it: which equilibria of a normal-form game are computed — the
// pure ones (any number of players) and, for two players, every extreme mixed one — so that the
// CLI and the Python module give the same answer for the same choice.
//
// Example:
//   MEND_TRY(NormalFormGame game, ReadGameFile("pennies.nfg"));
//   MEND_TRY(GameRun run, RunGame(game, GameEquilibria::kAll, "pennies.nfg", stop));
//   std::string json = GameJson(game, run.pure ? &*run.pure : nullptr,
//                               run.mixed ? &*run.mixed : nullptr);
#pragma once

#include <cstdint>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "mend/core/result.hpp"
#include "mend/game/mixed_equilibria.hpp"
#include "mend/game/normal_form_game.hpp"
#include "mend/game/pure_equilibria.hpp"

namespace mend {

enum class GameEquilibria : std::uint8_t {
  kAll,    // pure equilibria, and mixed ones when the game has two players (`mend game`)
  kPure,   // pure equilibria only (`--pure`)
  kMixed,  // mixed equilibria only (`--mixed`; two players)
};

struct GameRun {
  /// Absent when not asked for.
  std::optional<std::vector<PureEquilibrium>> pure;
  std::optional<MixedEquilibria> mixed;
};

/// Computes the equilibria `which` asks for. Fails as FindPureEquilibria and FindMixedEquilibria
/// fail (kInvalidArgument for mixed equilibria of a game without exactly two players, located at
/// `file` when the failure has no place of its own); kCancelled when `stop` is requested.
/// Deterministic.
[[nodiscard]] Result<GameRun> RunGame(const NormalFormGame& game, GameEquilibria which,
                                      const std::string& file, std::stop_token stop = {});

}  // namespace mend
