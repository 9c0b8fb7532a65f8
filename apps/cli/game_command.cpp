// SPDX-License-Identifier: Apache-2.0
//
// `mend game FILE`: Nash equilibria of a normal-form game read from a Gambit .nfg file, or of
// the one-shot normal form of a case (.yaml); --write-nfg saves the game in Gambit's format.
#include <algorithm>

#include "commands.hpp"
#include "interrupt.hpp"
#include "output.hpp"
#include <fmt/format.h>

#include "mend/engine/game_run.hpp"
#include "mend/io/case_game.hpp"
#include "mend/io/nfg_writer.hpp"
#include "mend/render/game_json.hpp"

namespace mend::cli {
namespace {

// Exact when the fraction is short; a case's utilities (exact doubles) have denominators like
// 2^52, which the table shows rounded and marked with '~'. JSON always carries the exact value.
std::string NumberText(const Rational& value) {
  if (cmp(abs(value.get_den()), 1'000'000) <= 0) return RationalText(value);
  return fmt::format("~{:.6g}", value.get_d());
}

std::string Payoffs(const NormalFormGame& game, const std::vector<Rational>& payoffs) {
  std::string out;
  for (std::size_t p = 0; p < payoffs.size(); ++p) {
    out += fmt::format("{}{} {}", p == 0 ? "" : ", ", game.players()[p], NumberText(payoffs[p]));
  }
  return out;
}

std::string GameText(const NormalFormGame& game, const std::vector<PureEquilibrium>* pure,
                     const MixedEquilibria* mixed) {
  std::string out = game.title().empty() ? std::string("(untitled game)\n") : game.title() + "\n";
  out +=
      fmt::format("{} players, {} strategy profiles\n", game.player_count(), game.profile_count());
  for (std::size_t p = 0; p < game.player_count(); ++p) {
    out += fmt::format("  {}: {}\n", game.players()[p], fmt::join(game.strategies(p), " | "));
  }
  if (pure != nullptr) {
    out += fmt::format("\nPure-strategy Nash equilibria: {}\n", pure->size());
    std::vector<std::size_t> widths;
    for (std::size_t p = 0; p < game.player_count(); ++p) {
      std::size_t width = game.players()[p].size();
      for (const std::string& name : game.strategies(p)) width = std::max(width, name.size());
      widths.push_back(width);
    }
    if (!pure->empty()) {
      std::string header = fmt::format("  {:>4}", "#");
      for (std::size_t p = 0; p < game.player_count(); ++p) {
        header += fmt::format("  {:<{}}", game.players()[p], widths[p]);
      }
      out += header + "  payoffs\n";
    }
    for (std::size_t k = 0; k < pure->size(); ++k) {
      const PureEquilibrium& equilibrium = (*pure)[k];
      std::string row = fmt::format("  {:>4}", k + 1);
      for (std::size_t p = 0; p < game.player_count(); ++p) {
        row += fmt::format("  {:<{}}", game.strategies(p)[equilibrium.profile[p]], widths[p]);
      }
      std::vector<std::string> payoffs;
      for (const Rational& value : equilibrium.payoffs) payoffs.push_back(NumberText(value));
      out += row + fmt::format("  {}\n", fmt::join(payoffs, ", "));
    }
  }
  if (mixed != nullptr) {
    out += fmt::format("\nMixed Nash equilibria: {} ({})\n", mixed->equilibria.size(),
                       mixed->degenerate
                           ? "the game is degenerate: these are its extreme equilibria; every "
                             "equilibrium is a convex combination of them"
                           : "the game is nondegenerate: these are all its equilibria");
    for (std::size_t k = 0; k < mixed->equilibria.size(); ++k) {
      const MixedEquilibrium& equilibrium = mixed->equilibria[k];
      for (std::size_t p = 0; p < 2; ++p) {
        std::vector<std::string> parts;
        for (std::size_t s = 0; s < equilibrium.profile[p].size(); ++s) {
          if (sgn(equilibrium.profile[p][s]) == 0) continue;
          parts.push_back(
              fmt::format("{} ({})", game.strategies(p)[s], NumberText(equilibrium.profile[p][s])));
        }
        out += fmt::format("  {:>4}  {}: {}\n", p == 0 ? std::to_string(k + 1) : "",
                           game.players()[p], fmt::join(parts, ", "));
      }
      out += fmt::format("        payoffs: {}\n", Payoffs(game, equilibrium.payoffs));
    }
  }
  const bool rounded = std::any_of(game.payoffs().begin(), game.payoffs().end(),
                                   [](const Rational& v) { return NumberText(v).front() == '~'; });
  if (rounded) out += "\n'~' marks a value rounded for display; --format json gives it exactly.\n";
  return out;
}

}  // namespace

Command AddGameCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "game", "Nash equilibria of a normal-form game (Gambit .nfg) or of a case's normal form");
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  auto write_nfg = std::make_shared<std::string>();
  auto nfg_form = std::make_shared<std::string>("payoffs");
  auto pure_only = std::make_shared<bool>(false);
  auto mixed_only = std::make_shared<bool>(false);
  command->add_option("file", *file, "Gambit strategic-form file (.nfg) or case file (.yaml)")
      ->required();
  auto* pure_flag = command->add_flag("--pure", *pure_only,
                                      "Only pure-strategy equilibria (any number of players)");
  command->add_flag("--mixed", *mixed_only, "Only mixed equilibria (two players)")
      ->excludes(pure_flag);
  command->add_option("--format", *format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_option("-o,--output", *output, "Write to this file instead of stdout ('-')");
  command->add_option("--write-nfg", *write_nfg, "Also save the game as a Gambit .nfg file");
  command->add_option("--nfg-form", *nfg_form, "Layout of --write-nfg: payoff list or outcomes")
      ->check(CLI::IsMember({"payoffs", "outcomes"}))
      ->capture_default_str();
  return [=]() {
    InterruptWatcher interrupt;
    Result<NormalFormGame> game = ReadGameFile(*file);
    if (!game) return Fail(game.error());
    if (!write_nfg->empty()) {
      const NfgForm form = *nfg_form == "outcomes" ? NfgForm::kOutcomes : NfgForm::kPayoffs;
      const int written = Emit(NfgText(*game, form), *write_nfg);
      if (written != kExitOk) return written;
    }
    const GameEquilibria which = *pure_only    ? GameEquilibria::kPure
                                 : *mixed_only ? GameEquilibria::kMixed
                                               : GameEquilibria::kAll;
    Result<GameRun> run = RunGame(*game, which, *file, interrupt.token());
    if (interrupt.interrupted()) return Fail(InterruptWatcher::Cancelled("game"));
    if (!run) return Fail(run.error());
    const std::vector<PureEquilibrium>* pure_list = run->pure ? &*run->pure : nullptr;
    const MixedEquilibria* mixed_list = run->mixed ? &*run->mixed : nullptr;
    if (*format == "json") return Emit(GameJson(*game, pure_list, mixed_list), *output);
    return Emit(GameText(*game, pure_list, mixed_list), *output);
  };
}

}  // namespace mend::cli
