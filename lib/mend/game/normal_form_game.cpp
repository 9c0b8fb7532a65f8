// SPDX-License-Identifier: Apache-2.0
#include "mend/game/normal_form_game.hpp"

#include <fmt/format.h>

namespace mend {

Result<std::uint64_t> CountProfiles(std::span<const std::uint64_t> strategy_counts,
                                    std::uint64_t limit) {
  if (strategy_counts.empty()) {
    return Error::InvalidArgument("the game has no players; expected at least one");
  }
  std::uint64_t profiles = 1;
  for (std::size_t p = 0; p < strategy_counts.size(); ++p) {
    const std::uint64_t count = strategy_counts[p];
    if (count == 0) {
      return Error::InvalidArgument(
          fmt::format("player {} has no strategies; expected at least one", p + 1));
    }
    if (count > limit || profiles > limit / count) {
      return Error::InvalidArgument(fmt::format(
          "the game has more than {} strategy profiles; expected at most that many", limit));
    }
    profiles *= count;
  }
  return profiles;
}

Result<NormalFormGame> NormalFormGame::Create(std::string title, std::vector<std::string> players,
                                              std::vector<std::vector<std::string>> strategies,
                                              std::vector<Rational> payoffs, std::string comment) {
  if (players.size() != strategies.size()) {
    return Error::InvalidArgument(
        fmt::format("{} players but strategies for {}; expected one strategy list per player",
                    players.size(), strategies.size()));
  }
  std::vector<std::uint64_t> counts;
  counts.reserve(strategies.size());
  for (const auto& list : strategies) counts.push_back(list.size());
  MEND_TRY(const std::uint64_t profiles, CountProfiles(counts));
  if (payoffs.size() / players.size() != profiles || payoffs.size() % players.size() != 0) {
    return Error::InvalidArgument(
        fmt::format("{} payoffs for {} profiles of {} players; expected {}", payoffs.size(),
                    profiles, players.size(), profiles * players.size()));
  }
  NormalFormGame game;
  game.title_ = std::move(title);
  game.comment_ = std::move(comment);
  game.players_ = std::move(players);
  game.strategies_ = std::move(strategies);
  game.profile_count_ = profiles;
  game.payoffs_ = std::move(payoffs);
  std::uint64_t stride = 1;
  for (std::uint64_t count : counts) {
    game.strides_.push_back(stride);
    stride *= count;
  }
  return game;
}

std::uint64_t NormalFormGame::ProfileIndex(std::span<const std::size_t> strategies) const {
  MEND_ASSERT(strategies.size() == players_.size(), "one strategy per player");
  std::uint64_t profile = 0;
  for (std::size_t p = 0; p < strategies.size(); ++p) {
    MEND_ASSERT(strategies[p] < strategies_[p].size(), "strategy out of range");
    profile += strides_[p] * strategies[p];
  }
  return profile;
}

std::vector<std::size_t> NormalFormGame::ProfileStrategies(std::uint64_t profile) const {
  std::vector<std::size_t> result(players_.size());
  for (std::size_t p = 0; p < players_.size(); ++p) {
    const std::uint64_t count = strategies_[p].size();
    result[p] = static_cast<std::size_t>(profile % count);
    profile /= count;
  }
  return result;
}

}  // namespace mend
