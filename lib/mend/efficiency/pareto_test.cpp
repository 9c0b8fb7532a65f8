// SPDX-License-Identifier: Apache-2.0
#include "mend/efficiency/pareto.hpp"

#include <random>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mend {
namespace {

using ::testing::ElementsAre;

using Table = std::vector<std::vector<double>>;  // [column][state]

// The literal definition: s is on the frontier when no t is >= on every column and > on one.
std::vector<StateId> BruteForceFrontier(const Table& columns) {
  std::vector<StateId> out;
  const std::size_t n = columns.empty() ? 0 : columns[0].size();
  for (std::uint32_t s = 0; s < n; ++s) {
    bool dominated = false;
    for (std::uint32_t t = 0; t < n && !dominated; ++t) {
      bool at_least = true;
      bool more = false;
      for (const auto& column : columns) {
        if (column[t] < column[s]) at_least = false;
        if (column[t] > column[s]) more = true;
      }
      dominated = at_least && more;
    }
    if (!dominated) out.push_back(StateId{s});
  }
  return out;
}

std::vector<StateId> Frontier(const Table& columns) {
  std::vector<std::span<const double>> spans(columns.begin(), columns.end());
  return ParetoFrontier(spans);
}

Table RandomTable(std::mt19937_64& rng, std::size_t k, std::size_t n, bool coarse) {
  Table columns(k, std::vector<double>(n));
  std::uniform_int_distribution<int> level(0, coarse ? 4 : 1'000'000);
  for (auto& column : columns) {
    for (double& value : column) value = level(rng) / 7.0;
  }
  return columns;
}

TEST(ParetoFrontier, TwoColumnsKeepsTheStaircaseAndDuplicates) {
  const Table columns = {{1, 2, 3, 3, 0, 3}, {3, 2, 1, 1, 3, 0}};
  EXPECT_THAT(Frontier(columns), ElementsAre(StateId{0}, StateId{1}, StateId{2}, StateId{3}));
}

TEST(ParetoFrontier, OneColumnKeepsEveryMaximum) {
  const Table columns = {{1, 5, 5, 2}};
  EXPECT_THAT(Frontier(columns), ElementsAre(StateId{1}, StateId{2}));
}

TEST(ParetoFrontier, ThreeColumnsDropsAPointDominatedAcrossGroups) {
  const Table columns = {{2, 1, 1, 0}, {1, 1, 2, 0}, {1, 0, 2, 5}};
  // State 1 (1,1,0) is dominated by state 0 (2,1,1); the others are not.
  EXPECT_THAT(Frontier(columns), ElementsAre(StateId{0}, StateId{2}, StateId{3}));
}

TEST(ParetoFrontier, EmptyInputsGiveEmptyFrontiers) {
  EXPECT_TRUE(Frontier({}).empty());
  EXPECT_TRUE(Frontier({{}, {}}).empty());
}

TEST(ParetoFrontier, MatchesBruteForceOnRandomTables) {
  std::mt19937_64 rng(20240607);
  for (int round = 0; round < 400; ++round) {
    const std::size_t k = 1 + round % 5;
    const std::size_t n = 1 + rng() % 200;
    const bool coarse = round % 2 == 0;  // many ties and duplicates
    const Table columns = RandomTable(rng, k, n, coarse);
    ASSERT_EQ(Frontier(columns), BruteForceFrontier(columns))
        << "round " << round << ", " << k << " columns, " << n << " states";
  }
}

TEST(ParetoFrontier, MatchesBruteForceOnAntiCorrelatedTables) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(0, 1);
  for (std::size_t k = 2; k <= 5; ++k) {
    // Points near the simplex Σ x = 1: most of them are on the frontier.
    Table columns(k, std::vector<double>(300));
    for (std::size_t s = 0; s < 300; ++s) {
      double total = 0;
      for (std::size_t c = 0; c < k; ++c) total += columns[c][s] = unit(rng);
      for (std::size_t c = 0; c < k; ++c) columns[c][s] /= total * (1 + 0.05 * unit(rng));
    }
    ASSERT_EQ(Frontier(columns), BruteForceFrontier(columns)) << k << " columns";
  }
}

// Four and more columns go through a sort-filter sweep that gives way to a divide and conquer
// when the frontier is large: both, and the split alone, on sets large enough to be split many
// times, on every column, with many ties and duplicates (coarse), none (fine) and most states on
// the frontier (anti-correlated, where the sweep gives way part-way).
TEST(ParetoFrontier, DivideAndConquerMatchesBruteForceOnLargerTables) {
  std::mt19937_64 rng(99);
  std::uniform_real_distribution<double> unit(0, 1);
  for (int round = 0; round < 36; ++round) {
    const std::size_t k = 4 + round % 4;
    const std::size_t n = 400 + rng() % 1200;
    const int kind = round / 4 % 3;
    Table columns = RandomTable(rng, k, n, kind == 0);
    if (kind == 2) {
      for (std::size_t s = 0; s < n; ++s) {
        double total = 0;
        for (std::size_t c = 0; c < k; ++c) total += columns[c][s] = unit(rng);
        for (std::size_t c = 0; c < k; ++c) columns[c][s] /= total * (1 + 0.02 * unit(rng));
      }
    }
    const std::vector<StateId> expected = BruteForceFrontier(columns);
    ASSERT_EQ(Frontier(columns), expected)
        << "round " << round << ", " << k << " columns, " << n << " states";
    const std::vector<std::span<const double>> spans(columns.begin(), columns.end());
    ASSERT_EQ(internal::ParetoFrontierBySplitting(spans), expected)
        << "split alone, round " << round << ", " << k << " columns, " << n << " states";
    if (kind == 2) {
      EXPECT_GT(expected.size(), n / 2) << "round " << round;
    }
  }
}

// Values near the largest double: sums overflow to ±∞ (or ∞ − ∞), cannot order the sweep, and
// the split alone answers.
TEST(ParetoFrontier, MatchesBruteForceWhereSumsOverflow) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> unit(-1.7, 1.7);
  for (std::size_t k = 4; k <= 5; ++k) {
    Table columns(k, std::vector<double>(500));
    for (auto& column : columns) {
      for (double& v : column) v = unit(rng) * 1e308;
    }
    ASSERT_EQ(Frontier(columns), BruteForceFrontier(columns)) << k << " columns";
  }
}

TEST(ParetoImprovements, AppliesIndifferenceThresholds) {
  UtilityTable table;
  table.utility = {{0, 1, 0.2, 3, -0.1}, {0, 0, 2, -1, 0}};
  table.indifference = {0.5, 0};
  table.cardinal = {true, true};
  const std::vector<ActorIndex> actors = {ActorIndex{0}, ActorIndex{1}};
  // State 1: +1 for actor 0 (beyond 0.5), 0 for actor 1: improves. State 2: actor 0 +0.2 is
  // indifference, actor 1 gains: improves. State 3: actor 1 loses. State 4: -0.1 is within
  // actor 0's threshold, but nobody strictly gains.
  EXPECT_THAT(ParetoImprovements(table, actors, StateId{0}), ElementsAre(StateId{1}, StateId{2}));
  EXPECT_FALSE(ParetoImproves(table, actors, StateId{0}, StateId{0}));
}

}  // namespace
}  // namespace mend
