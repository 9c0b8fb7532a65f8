// SPDX-License-Identifier: Apache-2.0
#include "mend/io/nfg_reader.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <gtest/gtest.h>

#include "mend/io/nfg_writer.hpp"

namespace mend {
namespace {

// Tests run from the source folder (mend_add_test sets the working directory).
const std::filesystem::path kGood = "tests/nfg/good";
const std::filesystem::path kBad = "tests/nfg/bad";

std::string FileText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

NormalFormGame ReadGood(const std::string& name) {
  Result<NormalFormGame> game = ReadNfgFile((kGood / name).string());
  EXPECT_TRUE(game.has_value()) << game.error().ToString();
  return std::move(game).value();
}

TEST(ReadNfg, ReadsThePayoffFormWithNamesAndComment) {
  const NormalFormGame game = ReadGood("pennies-payoffs.nfg");

  EXPECT_EQ(game.title(), "Matching pennies");
  EXPECT_EQ(game.players(), (std::vector<std::string>{"Row", "Column"}));
  EXPECT_EQ(game.strategies(1), (std::vector<std::string>{"Heads", "Tails"}));
  EXPECT_EQ(game.comment(), "A zero-sum game: Row wins when the coins match.");
  EXPECT_EQ(game.payoff(1, 0), -1);  // Row plays Tails, Column Heads
  EXPECT_EQ(game.payoff(3, 1), -1);
}

TEST(ReadNfg, ReadsTheOutcomeFormAsTheSameGame) {
  EXPECT_EQ(ReadGood("pennies-outcomes.nfg"), ReadGood("pennies-payoffs.nfg"));
}

TEST(ReadNfg, ReadsStrategyCountsAndNamesThemByNumber) {
  const NormalFormGame counted = ReadGood("selten-counts.nfg");
  const NormalFormGame listed = ReadGood("selten-outcomes.nfg");

  EXPECT_EQ(counted.strategies(0), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(counted, listed);
}

TEST(ReadNfg, ReadsDecimalsAndRationalsExactlyAndUnescapesNames) {
  const NormalFormGame game = ReadGood("exact-numbers.nfg");

  EXPECT_EQ(game.title(), "Decimals, \"quotes\" and \\ backslashes");
  EXPECT_EQ(game.players()[0], "P \"one\"");
  EXPECT_EQ(game.players()[1], "P\\two");
  const std::vector<Rational> expected{Rational(1, 4), Rational(-3, 4),  Rational(150),
                                       Rational(4, 5), Rational(-5, 2),  Rational(7),
                                       Rational(0),    Rational(1, 1000)};
  EXPECT_EQ(std::vector<Rational>(game.payoffs().begin(), game.payoffs().end()), expected);
}

TEST(ReadNfg, GivesOutcomeZeroPayoffsOfZero) {
  const NormalFormGame game = ReadGood("null-outcome.nfg");

  EXPECT_EQ(game.payoff(0, 0), 0);
  EXPECT_EQ(game.payoff(1, 0), Rational(3, 2));
  EXPECT_EQ(game.payoff(3, 1), -1);
}

// Each tests/nfg/bad/NAME.nfg is refused with the message in NAME.error (the whole line,
// "FILE:LINE:COLUMN: error: ..."). MEND_UPDATE_GOLDEN=1 rewrites the .error files for review.
TEST(ReadNfg, RefusesEveryMalformedFileWithItsLocatedMessage) {
  const bool update = std::getenv("MEND_UPDATE_GOLDEN") != nullptr;
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kBad)) {
    if (entry.path().extension() != ".nfg") continue;
    const std::string path = (kBad / entry.path().filename()).string();
    Result<NormalFormGame> game = ReadNfgFile(path);
    ASSERT_FALSE(game.has_value()) << path << " was accepted";
    EXPECT_EQ(game.error().code, ErrorCode::kInvalidArgument) << path;
    const std::string message = game.error().ToString();
    std::filesystem::path expected_path = entry.path();
    expected_path.replace_extension(".error");
    if (update) {
      std::ofstream(expected_path, std::ios::binary) << message << "\n";
    }
    EXPECT_EQ(message + "\n", FileText(expected_path)) << path;
    ++checked;
  }
  EXPECT_GE(checked, 20);
}

TEST(ReadNfgFile, RefusesAnEndlessDeviceWithoutReadingItAll) {
  Result<NormalFormGame> game = ReadNfgFile("/dev/zero");

  ASSERT_FALSE(game.has_value());
  EXPECT_EQ(game.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(game.error().where.line, 1);
}

TEST(ReadNfgFile, ReportsAMissingFileAsNotFound) {
  Result<NormalFormGame> game = ReadNfgFile("tests/nfg/no-such-file.nfg");

  ASSERT_FALSE(game.has_value());
  EXPECT_EQ(game.error().code, ErrorCode::kNotFound);
}

TEST(ReadNfg, RefusesAFileAboveTheSizeLimit) {
  const std::string text = "NFG 1 R \"g\" { \"A\" } { 1 }\n0\n";

  Result<NormalFormGame> game = ReadNfg(text, "small.nfg", NfgReadOptions{.max_file_bytes = 10});

  ASSERT_FALSE(game.has_value());
  EXPECT_EQ(game.error().code, ErrorCode::kInvalidArgument);
}

TEST(ReadNfg, StopsAtTheEndOfAShortFileDespiteAHugeDeclaredGame) {
  // 10^8 profiles of three players are allowed by the header; the file holds two payoffs.
  const std::string text = "NFG 1 R \"g\" { \"A\" \"B\" \"C\" } { 1000 1000 100 }\n1 2\n";

  Result<NormalFormGame> game = ReadNfg(text, "short.nfg");

  ASSERT_FALSE(game.has_value());
  EXPECT_EQ(game.error().where.line, 3);
  EXPECT_NE(game.error().message.find("the file ends early"), std::string::npos);
}

NormalFormGame RandomGame(std::mt19937_64& random, std::size_t players) {
  std::uniform_int_distribution<std::size_t> count(1, 4);
  std::uniform_int_distribution<int> number(-50, 50);
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> strategies;
  std::uint64_t profiles = 1;
  for (std::size_t p = 0; p < players; ++p) {
    names.push_back(p == 0 ? "quote \" and \\ slash" : "P" + std::to_string(p));
    strategies.emplace_back();
    const std::size_t n = count(random);
    for (std::size_t s = 0; s < n; ++s) strategies.back().push_back("s" + std::to_string(s));
    profiles *= n;
  }
  std::vector<Rational> payoffs;
  for (std::uint64_t k = 0; k < profiles * players; ++k) {
    Rational value(number(random), static_cast<unsigned long>(1 + (k % 6)));
    value.canonicalize();
    payoffs.push_back(value);
  }
  return NormalFormGame::Create("round \"trip\"", names, strategies, payoffs, "comment").value();
}

TEST(NfgText, ReadsBackAsTheSameGameInBothForms) {
  std::mt19937_64 random(99);
  for (int k = 0; k < 40; ++k) {
    const NormalFormGame game = RandomGame(random, 1 + static_cast<std::size_t>(k % 4));
    for (NfgForm form : {NfgForm::kPayoffs, NfgForm::kOutcomes}) {
      Result<NormalFormGame> back = ReadNfg(NfgText(game, form), "written.nfg");

      ASSERT_TRUE(back.has_value()) << back.error().ToString();
      EXPECT_EQ(*back, game);
    }
  }
}

}  // namespace
}  // namespace mend
