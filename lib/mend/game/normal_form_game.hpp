// SPDX-License-Identifier: Apache-2.0
//
// NormalFormGame: a finite game in strategic (normal) form with exact rational payoffs — named
// players, named strategies per player, and every player's payoff in every strategy profile.
// Profiles are numbered as Gambit numbers them: the first player's strategy varies fastest.
//
// Example:
//   MEND_TRY(NormalFormGame game,
//            NormalFormGame::Create("Matching pennies", {"Row", "Column"},
//                                   {{"Heads", "Tails"}, {"Heads", "Tails"}},
//                                   {1, -1, -1, 1, -1, 1, 1, -1}));
//   const Rational& u = game.payoff(game.ProfileIndex({1, 0}), 0);   // Row plays Tails: -1
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "mend/core/result.hpp"
#include "mend/game/rational.hpp"

namespace mend {

/// The most strategy profiles a game may have (the product of the strategy counts); larger games
/// are refused before anything is allocated.
inline constexpr std::uint64_t kMaxGameProfiles = 100'000'000;

/// A validated normal-form game; an immutable value, safe to share read-only across threads.
class NormalFormGame {
 public:
  /// Builds a game. `payoffs` holds, profile after profile (first player's strategy varying
  /// fastest), one payoff per player: payoffs[profile * players + player]. `strategies` holds
  /// each player's strategy names (names may be empty or repeat, as in Gambit).
  /// Fails with kInvalidArgument when there are no players, a player has no strategy, the names
  /// of players and strategies disagree in count, there are more than kMaxGameProfiles profiles,
  /// or `payoffs` has the wrong length.
  [[nodiscard]] static Result<NormalFormGame> Create(
      std::string title, std::vector<std::string> players,
      std::vector<std::vector<std::string>> strategies, std::vector<Rational> payoffs,
      std::string comment = {});

  const std::string& title() const { return title_; }
  /// The free-text comment of a Gambit file (empty when none).
  const std::string& comment() const { return comment_; }
  std::size_t player_count() const { return players_.size(); }
  const std::vector<std::string>& players() const { return players_; }
  /// The names of `player`'s strategies. Precondition: player < player_count().
  const std::vector<std::string>& strategies(std::size_t player) const {
    return strategies_[player];
  }
  std::size_t strategy_count(std::size_t player) const { return strategies_[player].size(); }
  std::uint64_t profile_count() const { return profile_count_; }
  /// The distance between profiles that differ by one in `player`'s strategy only.
  std::uint64_t stride(std::size_t player) const { return strides_[player]; }

  /// Returns `player`'s payoff in profile number `profile`. Preconditions: both in range.
  const Rational& payoff(std::uint64_t profile, std::size_t player) const {
    return payoffs_[profile * players_.size() + player];
  }
  /// All payoffs in Create's order.
  std::span<const Rational> payoffs() const { return payoffs_; }

  /// Returns the number of the profile where player p plays strategies[p] (0-based).
  /// Precondition: one in-range strategy per player (asserted).
  std::uint64_t ProfileIndex(std::span<const std::size_t> strategies) const;
  /// Returns each player's strategy (0-based) in profile number `profile`.
  std::vector<std::size_t> ProfileStrategies(std::uint64_t profile) const;

  friend bool operator==(const NormalFormGame&, const NormalFormGame&) = default;

 private:
  NormalFormGame() = default;

  std::string title_;
  std::string comment_;
  std::vector<std::string> players_;
  std::vector<std::vector<std::string>> strategies_;
  std::vector<std::uint64_t> strides_;
  std::uint64_t profile_count_ = 0;
  std::vector<Rational> payoffs_;
};

/// Returns the number of profiles of a game with these strategy counts, or an error
/// (kInvalidArgument) when a count is zero or the product exceeds `limit`; computed without
/// overflow, so callers can refuse a hostile header before allocating anything.
[[nodiscard]] Result<std::uint64_t> CountProfiles(std::span<const std::uint64_t> strategy_counts,
                                                  std::uint64_t limit = kMaxGameProfiles);

}  // namespace mend
