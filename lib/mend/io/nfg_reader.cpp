// SPDX-License-Identifier: Apache-2.0
#include "mend/io/nfg_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "mend/io/internal/text_checks.hpp"

namespace mend {
namespace {

enum class TokenKind { kOpen, kClose, kQuoted, kWord, kEnd };

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;  // a quoted text without quotes and escapes, or the word itself
  int line = 1;
  int column = 1;
};

// How a token is shown in a message: words and quoted texts shortened, the rest by name.
std::string Describe(const Token& token) {
  auto shortened = [](const std::string& text) {
    return text.size() > 40 ? text.substr(0, 37) + "..." : text;
  };
  switch (token.kind) {
    case TokenKind::kOpen:
      return "'{'";
    case TokenKind::kClose:
      return "'}'";
    case TokenKind::kQuoted:
      return fmt::format("the quoted text \"{}\"", shortened(token.text));
    case TokenKind::kWord:
      return fmt::format("'{}'", shortened(token.text));
    case TokenKind::kEnd:
      return "the end of the file";
  }
  return "a token";  // unreachable; keeps -Wreturn-type quiet
}

// Splits .nfg text into braces, quoted texts and words (anything else up to whitespace, a
// brace, a quote or a comma; commas separate numbers in outcome lists). Columns count
// characters, not bytes, so that they match what editors show.
class Lexer {
 public:
  Lexer(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {}

  Result<Token> Next() {
    SkipSeparators();
    Token token;
    token.line = line_;
    token.column = column_;
    if (position_ == text_.size()) return token;
    const char c = text_[position_];
    if (c == '{' || c == '}') {
      Advance();
      token.kind = c == '{' ? TokenKind::kOpen : TokenKind::kClose;
      return token;
    }
    if (c == '"') {
      Advance();
      token.kind = TokenKind::kQuoted;
      while (true) {
        if (position_ == text_.size()) {
          return Error::InvalidArgument(
                     "a quoted text that never ends: expected a closing '\"' (write \\\" for a "
                     "quote inside a name)")
              .At({file_, token.line, token.column});
        }
        const char d = text_[position_];
        if (d == '"') {
          Advance();
          return token;
        }
        if (d == '\\' && position_ + 1 < text_.size()) {
          Advance();
          token.text += text_[position_];
          Advance();
          continue;
        }
        token.text += d;
        Advance();
      }
    }
    token.kind = TokenKind::kWord;
    while (position_ < text_.size() && !IsDelimiter(text_[position_])) {
      token.text += text_[position_];
      Advance();
    }
    return token;
  }

  const std::string& file() const { return file_; }

 private:
  static bool IsSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  }
  static bool IsDelimiter(char c) {
    return IsSpace(c) || c == '{' || c == '}' || c == '"' || c == ',';
  }

  void SkipSeparators() {
    while (position_ < text_.size() && (IsSpace(text_[position_]) || text_[position_] == ',')) {
      Advance();
    }
  }

  void Advance() {
    const char c = text_[position_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
      ++column_;
    }
  }

  std::string_view text_;
  std::string file_;
  std::size_t position_ = 0;
  int line_ = 1;
  int column_ = 1;
};

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

constexpr std::size_t kMaxNumberLength = 4096;

// Parses an integer, "p/q" or a decimal ("-1.25", ".8", "2e-3") exactly; nullopt if the word
// is not such a number or its exponent is beyond +-4000 (which would make huge integers).
std::optional<Rational> ParseNumber(std::string_view word) {
  // A payoff of thousands of digits is not a payoff but an attack on the parser's time.
  if (word.size() > kMaxNumberLength) return std::nullopt;
  std::string_view rest = word;
  bool negative = false;
  if (!rest.empty() && (rest.front() == '-' || rest.front() == '+')) {
    negative = rest.front() == '-';
    rest.remove_prefix(1);
  }
  Rational value;
  if (AllDigits(rest) && rest.size() <= 18) {
    // The common case, a small integer, without building strings.
    long whole = 0;
    for (const char c : rest) whole = whole * 10 + (c - '0');
    value = negative ? -whole : whole;
    return value;
  }
  if (const std::size_t slash = rest.find('/'); slash != std::string_view::npos) {
    const std::string_view numerator = rest.substr(0, slash);
    const std::string_view denominator = rest.substr(slash + 1);
    if (!AllDigits(numerator) || !AllDigits(denominator)) return std::nullopt;
    mpz_class p(std::string(numerator), 10);
    mpz_class q(std::string(denominator), 10);
    if (q == 0) return std::nullopt;
    value = Rational(p, q);
    value.canonicalize();
  } else {
    std::string_view mantissa = rest;
    long exponent = 0;
    if (const std::size_t e = rest.find_first_of("eE"); e != std::string_view::npos) {
      mantissa = rest.substr(0, e);
      std::string_view power = rest.substr(e + 1);
      bool negative_power = false;
      if (!power.empty() && (power.front() == '-' || power.front() == '+')) {
        negative_power = power.front() == '-';
        power.remove_prefix(1);
      }
      if (!AllDigits(power) || power.size() > 4) return std::nullopt;
      exponent = std::stol(std::string(power));
      if (exponent > 4000) return std::nullopt;
      if (negative_power) exponent = -exponent;
    }
    const std::size_t point = mantissa.find('.');
    const std::string_view whole = mantissa.substr(0, point);
    const std::string_view fraction =
        point == std::string_view::npos ? std::string_view() : mantissa.substr(point + 1);
    if (whole.empty() && fraction.empty()) return std::nullopt;
    if ((!whole.empty() && !AllDigits(whole)) || (!fraction.empty() && !AllDigits(fraction))) {
      return std::nullopt;
    }
    const mpz_class digits(std::string(whole) + std::string(fraction), 10);
    exponent -= static_cast<long>(fraction.size());
    if (exponent < -4000 - 400 || exponent > 4000) return std::nullopt;
    mpz_class power;
    mpz_ui_pow_ui(power.get_mpz_t(), 10,
                  static_cast<unsigned long>(exponent < 0 ? -exponent : exponent));
    if (exponent >= 0) {
      value = Rational(digits * power);
    } else {
      value = Rational(digits, power);
      value.canonicalize();
    }
  }
  if (negative) value = -value;
  return value;
}

constexpr const char* kNumberForms = "a number such as 3, -1/2 or 0.25";

class NfgParser {
 public:
  NfgParser(std::string_view text, const std::string& file, const NfgReadOptions& options)
      : lexer_(text, file), text_size_(text.size()), options_(options) {}

  Result<NormalFormGame> Parse() {
    MEND_TRY(Token magic, Next());
    if (magic.kind != TokenKind::kWord || magic.text != "NFG") {
      return Fail(magic, "the file's first word",
                  "'NFG' (a Gambit strategic-form file; 'EFG' extensive games are not read)");
    }
    MEND_TRY(Token version, Next());
    if (version.kind != TokenKind::kWord || version.text != "1") {
      return Fail(version, "the format version", "1 (the only version of the .nfg format)");
    }
    MEND_TRY(Token kind, Next());
    if (kind.kind != TokenKind::kWord || (kind.text != "R" && kind.text != "D")) {
      return Fail(kind, "the number kind after 'NFG 1'", "'R' (or the obsolete 'D')");
    }
    MEND_TRY(Token title, Next());
    if (title.kind != TokenKind::kQuoted) {
      return Fail(title, "the title", "a quoted text such as \"Matching pennies\"");
    }
    MEND_TRY(std::vector<std::string> players, ParsePlayers());
    MEND_TRY(std::vector<std::vector<std::string>> strategies, ParseStrategies(players.size()));
    std::vector<std::uint64_t> counts;
    for (const auto& list : strategies) counts.push_back(list.size());
    Result<std::uint64_t> profiles = CountProfiles(counts, options_.max_profiles);
    if (!profiles) {
      return Error::InvalidArgument(fmt::format("strategies: {}", profiles.error().message))
          .At({lexer_.file(), strategies_where_.line, strategies_where_.column});
    }
    MEND_TRY(Token next, Next());
    std::string comment;
    if (next.kind == TokenKind::kQuoted) {
      comment = next.text;
      MEND_TRY(next, Next());
    }
    std::vector<Rational> payoffs;
    if (next.kind == TokenKind::kOpen) {
      MEND_TRY(payoffs, ParseOutcomeForm(*profiles, players.size()));
    } else {
      MEND_TRY(payoffs, ParsePayoffForm(next, *profiles, players.size()));
    }
    MEND_TRY(Token end, Next());
    if (end.kind != TokenKind::kEnd) {
      return Fail(end, "after the last profile", "the end of the file (too many entries)");
    }
    Result<NormalFormGame> game =
        NormalFormGame::Create(std::move(title.text), std::move(players), std::move(strategies),
                               std::move(payoffs), std::move(comment));
    if (!game) return std::move(game).error().At({lexer_.file(), 1, 1});
    return game;
  }

 private:
  Result<Token> Next() { return lexer_.Next(); }

  Error Fail(const Token& token, std::string_view what, std::string_view expected) const {
    return Error::InvalidArgument(
               fmt::format("{}: expected {}, got {}", what, expected, Describe(token)))
        .At({lexer_.file(), token.line, token.column});
  }

  Result<std::vector<std::string>> ParsePlayers() {
    MEND_TRY(Token open, Next());
    if (open.kind != TokenKind::kOpen) {
      return Fail(open, "players", "'{' opening the list of quoted player names");
    }
    std::vector<std::string> players;
    while (true) {
      MEND_TRY(Token token, Next());
      if (token.kind == TokenKind::kClose) break;
      if (token.kind != TokenKind::kQuoted) {
        return Fail(token, fmt::format("players: player {}", players.size() + 1),
                    "a quoted player name or '}'");
      }
      players.push_back(std::move(token.text));
    }
    if (players.empty()) {
      return Error::InvalidArgument("players: the list is empty: expected at least one player")
          .At({lexer_.file(), open.line, open.column});
    }
    return players;
  }

  // Either { count count ... } or { { "name" ... } { "name" ... } ... }, one entry per player.
  Result<std::vector<std::vector<std::string>>> ParseStrategies(std::size_t players) {
    MEND_TRY(Token open, Next());
    strategies_where_ = open;
    if (open.kind != TokenKind::kOpen) {
      return Fail(open, "strategies",
                  "'{' opening the strategy counts ({ 2 3 }) or name lists ({ { \"a\" } ... })");
    }
    std::vector<std::vector<std::string>> strategies;
    while (true) {
      MEND_TRY(Token token, Next());
      if (token.kind == TokenKind::kClose) break;
      const std::string what = fmt::format("strategies of player {}", strategies.size() + 1);
      if (strategies.size() == players) {
        return Fail(token, what, fmt::format("'}}' (the game has {} players)", players));
      }
      if (token.kind == TokenKind::kWord) {
        if (!AllDigits(token.text) || token.text.size() > 12) {
          return Fail(token, what, "a strategy count (a whole number) or a list of names");
        }
        const std::uint64_t count = std::stoull(token.text);
        if (count == 0) return Fail(token, what, "at least one strategy");
        if (count > options_.max_profiles) {
          return Fail(
              token, what,
              fmt::format("at most {} strategies (profiles are capped)", options_.max_profiles));
        }
        std::vector<std::string> names;
        for (std::uint64_t k = 1; k <= count; ++k) names.push_back(std::to_string(k));
        strategies.push_back(std::move(names));
        continue;
      }
      if (token.kind != TokenKind::kOpen) {
        return Fail(token, what, "a strategy count or '{' opening a list of quoted names");
      }
      std::vector<std::string> names;
      while (true) {
        MEND_TRY(Token name, Next());
        if (name.kind == TokenKind::kClose) break;
        if (name.kind != TokenKind::kQuoted) {
          return Fail(name, fmt::format("{}, strategy {}", what, names.size() + 1),
                      "a quoted strategy name or '}'");
        }
        names.push_back(std::move(name.text));
      }
      if (names.empty()) return Fail(token, what, "at least one strategy name in the list");
      strategies.push_back(std::move(names));
    }
    if (strategies.size() != players) {
      return Error::InvalidArgument(
                 fmt::format("strategies: {} of {} players have a strategy entry: expected one "
                             "entry per player",
                             strategies.size(), players))
          .At({lexer_.file(), open.line, open.column});
    }
    return strategies;
  }

  Result<Rational> ParsePayoff(const Token& token, std::string_view what) {
    if (token.kind == TokenKind::kWord) {
      if (std::optional<Rational> value = ParseNumber(token.text)) return *value;
      const std::size_t slash = token.text.find('/');
      if (slash != std::string::npos && AllDigits(token.text.substr(slash + 1)) &&
          token.text.find_first_not_of('0', slash + 1) == std::string::npos) {
        return Fail(token, what, "a rational with a nonzero denominator");
      }
      if (token.text.size() > kMaxNumberLength) {
        return Fail(token, what,
                    fmt::format("a number of at most {} characters", kMaxNumberLength));
      }
      if (token.text.find_first_of("eE") != std::string::npos) {
        return Fail(token, what, "a decimal with an exponent from -4000 to 4000");
      }
    }
    if (token.kind == TokenKind::kEnd) {
      return Fail(token, fmt::format("{} (the file ends early)", what), kNumberForms);
    }
    return Fail(token, what, kNumberForms);
  }

  // Never reserves more than the text could hold (each number takes two bytes at least), so a
  // hostile count in a short file allocates little before the file runs out.
  std::size_t Affordable(std::uint64_t wanted) const {
    return static_cast<std::size_t>(std::min<std::uint64_t>(wanted, text_size_ / 2 + 1));
  }

  Result<std::vector<Rational>> ParsePayoffForm(Token first, std::uint64_t profiles,
                                                std::size_t players) {
    const std::uint64_t cells = profiles * players;
    std::vector<Rational> payoffs;
    payoffs.reserve(Affordable(cells));
    Token token = std::move(first);
    for (std::uint64_t k = 0; k < cells; ++k) {
      if (k > 0) {
        MEND_TRY(token, Next());
      }
      if (token.kind == TokenKind::kWord) {
        if (std::optional<Rational> value = ParseNumber(token.text)) {
          payoffs.push_back(std::move(*value));
          continue;
        }
      }
      // The message is only formatted for the entry that fails.
      return ParsePayoff(token, fmt::format("payoffs: profile {}, player {} (payoff {} of {})",
                                            k / players + 1, k % players + 1, k + 1, cells))
          .error();
    }
    return payoffs;
  }

  Result<std::vector<Rational>> ParseOutcomeForm(std::uint64_t profiles, std::size_t players) {
    std::vector<std::vector<Rational>> outcomes;
    while (true) {
      MEND_TRY(Token token, Next());
      if (token.kind == TokenKind::kClose) break;
      const std::string what = fmt::format("outcome {}", outcomes.size() + 1);
      if (token.kind != TokenKind::kOpen) {
        return Fail(token, what, "'{' opening an outcome ({ \"name\" 1 -1 }) or '}'");
      }
      MEND_TRY(Token name, Next());
      if (name.kind != TokenKind::kQuoted) {
        return Fail(name, what, "the outcome's quoted name (\"\" for none)");
      }
      std::vector<Rational> payoffs;
      for (std::size_t p = 0; p < players; ++p) {
        MEND_TRY(Token number, Next());
        if (number.kind == TokenKind::kClose) {
          return Fail(number, fmt::format("{}, payoff of player {}", what, p + 1),
                      fmt::format("{} payoffs, one per player", players));
        }
        MEND_TRY(Rational value,
                 ParsePayoff(number, fmt::format("{}, payoff of player {}", what, p + 1)));
        payoffs.push_back(std::move(value));
      }
      MEND_TRY(Token close, Next());
      if (close.kind != TokenKind::kClose) {
        return Fail(close, what, fmt::format("'}}' after {} payoffs (one per player)", players));
      }
      outcomes.push_back(std::move(payoffs));
    }
    std::vector<Rational> payoffs;
    payoffs.reserve(Affordable(profiles) * players);
    const std::vector<Rational> null_outcome(players, Rational(0));
    for (std::uint64_t profile = 0; profile < profiles; ++profile) {
      MEND_TRY(Token token, Next());
      // Messages are only formatted for the entry that fails.
      auto fail = [&](std::string_view note) {
        return Fail(
            token, fmt::format("outcome of profile {} of {}{}", profile + 1, profiles, note),
            fmt::format("an outcome number from 0 (no outcome: payoffs 0) to {}", outcomes.size()));
      };
      if (token.kind == TokenKind::kEnd) return fail(" (the file ends early)");
      if (token.kind != TokenKind::kWord || !AllDigits(token.text) || token.text.size() > 12) {
        return fail("");
      }
      const std::uint64_t number = std::stoull(token.text);
      if (number > outcomes.size()) return fail("");
      const std::vector<Rational>& outcome = number == 0 ? null_outcome : outcomes[number - 1];
      payoffs.insert(payoffs.end(), outcome.begin(), outcome.end());
    }
    return payoffs;
  }

  Lexer lexer_;
  std::size_t text_size_;
  NfgReadOptions options_;
  Token strategies_where_;
};

}  // namespace

Result<NormalFormGame> ReadNfg(std::string_view text, const std::string& file,
                               const NfgReadOptions& options) {
  if (text.size() > options.max_file_bytes) {
    return Error::InvalidArgument(fmt::format("the file has {} bytes; expected at most {}",
                                              text.size(), options.max_file_bytes))
        .At({file, 1, 1});
  }
  MEND_TRY(internal::CheckText(text, file, ".nfg text"));
  return NfgParser(text, file, options).Parse();
}

Result<NormalFormGame> ReadNfgFile(const std::string& path, const NfgReadOptions& options) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return Error::NotFound("no such file; expected a Gambit .nfg file").At({path, 0, 0});
  }
  if (std::filesystem::is_directory(path, error)) {
    return Error::InvalidArgument("is a folder; expected a Gambit .nfg file").At({path, 0, 0});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Io("cannot open the file for reading").At({path, 0, 0});
  // Read in chunks and stop once past the limit: a device such as /dev/zero has no size and
  // never ends, so the limit is enforced on what was read, not on what the file claims.
  std::string text;
  std::vector<char> chunk(std::size_t{1} << 16);
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    text.append(chunk.data(), got);
    // A NUL byte means binary data: stop here and let the text check place it.
    if (std::find(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(got), '\0') !=
        chunk.begin() + static_cast<std::ptrdiff_t>(got)) {
      break;
    }
    if (text.size() > options.max_file_bytes) {
      return Error::InvalidArgument(
                 fmt::format("the file has more than {} bytes; expected at most that many",
                             options.max_file_bytes))
          .At({path, 1, 1});
    }
  }
  if (in.bad()) return Error::Io("reading the file failed").At({path, 0, 0});
  return ReadNfg(text, path, options);
}

}  // namespace mend
