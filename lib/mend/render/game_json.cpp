// SPDX-License-Identifier: Apache-2.0
#include "mend/render/game_json.hpp"

#include <nlohmann/json.hpp>

namespace mend {

std::string GameJson(const NormalFormGame& game, const std::vector<PureEquilibrium>* pure,
                     const MixedEquilibria* mixed) {
  using Json = nlohmann::ordered_json;
  auto rationals = [](const std::vector<Rational>& values) {
    Json list = Json::array();
    for (const Rational& value : values) list.push_back(RationalText(value));
    return list;
  };
  Json document;
  document["title"] = game.title();
  document["players"] = game.players();
  Json strategies = Json::array();
  for (std::size_t p = 0; p < game.player_count(); ++p) strategies.push_back(game.strategies(p));
  document["strategies"] = std::move(strategies);
  if (pure != nullptr) {
    Json list = Json::array();
    for (const PureEquilibrium& equilibrium : *pure) {
      Json entry;
      entry["profile"] = equilibrium.profile;
      entry["payoffs"] = rationals(equilibrium.payoffs);
      list.push_back(std::move(entry));
    }
    document["pure"] = std::move(list);
  }
  if (mixed != nullptr) {
    Json list = Json::array();
    for (const MixedEquilibrium& equilibrium : mixed->equilibria) {
      Json profile = Json::array();
      for (const std::vector<Rational>& strategy : equilibrium.profile) {
        profile.push_back(rationals(strategy));
      }
      Json entry;
      entry["profile"] = std::move(profile);
      entry["payoffs"] = rationals(equilibrium.payoffs);
      list.push_back(std::move(entry));
    }
    document["mixed"] = std::move(list);
    document["degenerate"] = mixed->degenerate;
  }
  return document.dump(1) + "\n";
}

}  // namespace mend
