// SPDX-License-Identifier: Apache-2.0
#include "mend/engine/game_run.hpp"

#include <utility>

namespace mend {

Result<GameRun> RunGame(const NormalFormGame& game, GameEquilibria which, const std::string& file,
                        std::stop_token stop) {
  GameRun run;
  if (which != GameEquilibria::kMixed) {
    MEND_TRY(std::vector<PureEquilibrium> pure, FindPureEquilibria(game, stop));
    run.pure = std::move(pure);
  }
  const bool want_mixed = which == GameEquilibria::kMixed ||
                          (which == GameEquilibria::kAll && game.player_count() == 2);
  if (want_mixed) {
    Result<MixedEquilibria> mixed = FindMixedEquilibria(game, {}, stop);
    if (!mixed) {
      return mixed.error().where.known() ? mixed.error() : mixed.error().At({file, 0, 0});
    }
    run.mixed = std::move(mixed).value();
  }
  return run;
}

}  // namespace mend
