// SPDX-License-Identifier: Apache-2.0
#include "mend/io/nfg_writer.hpp"

#include <fmt/format.h>

namespace mend {
namespace {

// A quoted .nfg text: quotes and backslashes are escaped with a backslash.
std::string Quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace

std::string NfgText(const NormalFormGame& game, NfgForm form) {
  const std::size_t players = game.player_count();
  std::string out = fmt::format("NFG 1 R {} {{", Quoted(game.title()));
  for (const std::string& player : game.players()) out += fmt::format(" {}", Quoted(player));
  out += " }\n\n{";
  for (std::size_t p = 0; p < players; ++p) {
    out += p == 0 ? " {" : "\n  {";
    for (const std::string& name : game.strategies(p)) out += fmt::format(" {}", Quoted(name));
    out += " }";
  }
  out += "\n}\n";
  out += Quoted(game.comment()) + "\n\n";
  if (form == NfgForm::kPayoffs) {
    for (std::uint64_t profile = 0; profile < game.profile_count(); ++profile) {
      for (std::size_t p = 0; p < players; ++p) {
        out += RationalText(game.payoff(profile, p));
        out += p + 1 < players ? " " : "\n";
      }
    }
    return out;
  }
  // One outcome per profile, named by its strategies, then the profiles' outcome numbers.
  out += "{\n";
  for (std::uint64_t profile = 0; profile < game.profile_count(); ++profile) {
    std::string name;
    const std::vector<std::size_t> strategies = game.ProfileStrategies(profile);
    for (std::size_t p = 0; p < players; ++p) {
      if (p > 0) name += ", ";
      name += game.strategies(p)[strategies[p]];
    }
    out += fmt::format("{{ {}", Quoted(name));
    for (std::size_t p = 0; p < players; ++p) {
      out += (p == 0 ? " " : ", ") + RationalText(game.payoff(profile, p));
    }
    out += " }\n";
  }
  out += "}\n";
  for (std::uint64_t profile = 0; profile < game.profile_count(); ++profile) {
    out += fmt::format("{}{}", profile + 1, (profile + 1) % 20 == 0 ? "\n" : " ");
  }
  out += "\n";
  return out;
}

}  // namespace mend
