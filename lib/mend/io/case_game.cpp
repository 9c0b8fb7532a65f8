// SPDX-License-Identifier: Apache-2.0
#include "mend/io/case_game.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "mend/io/case_reader.hpp"
#include "mend/io/nfg_reader.hpp"

namespace mend {
namespace {

std::string CombinationName(const CaseDefinition& definition, StateCode combination) {
  std::string name;
  for (int k = 0; k < definition.option_count(); ++k) {
    if ((combination >> k) & 1U) {
      if (!name.empty()) name += "+";
      name += definition.options[static_cast<std::size_t>(k)].id;
    }
  }
  return name.empty() ? "none" : name;
}

}  // namespace

Result<NormalFormGame> CaseNormalForm(const CompiledCase& compiled) {
  const CaseDefinition& definition = compiled.definition;
  const StateSpace& space = compiled.space;
  const std::vector<ActorIndex> deciders = definition.Deciders();
  if (deciders.empty()) {
    return Error::InvalidArgument(fmt::format(
        "case '{}' has no deciders: expected at least one actor with options", definition.id));
  }
  // Each decider's strategies: its option combinations that occur in a feasible state.
  std::vector<std::vector<StateCode>> combinations(deciders.size());
  std::vector<std::uint64_t> counts;
  for (std::size_t d = 0; d < deciders.size(); ++d) {
    const StateCode owned = space.layout().owned[deciders[d].value];
    for (StateCode code : space.codes()) combinations[d].push_back(code & owned);
    std::sort(combinations[d].begin(), combinations[d].end());
    combinations[d].erase(std::unique(combinations[d].begin(), combinations[d].end()),
                          combinations[d].end());
    counts.push_back(combinations[d].size());
  }
  // Every profile is a state; there are at least as many profiles as feasible states, and all
  // are feasible only if there are exactly as many.
  Result<std::uint64_t> product = CountProfiles(counts, space.size());
  const std::uint64_t profiles = product ? *product : space.size() + 1;
  std::vector<std::string> players;
  std::vector<std::vector<std::string>> strategies;
  for (std::size_t d = 0; d < deciders.size(); ++d) {
    players.push_back(definition.actors[deciders[d].value].id);
    std::vector<std::string> names;
    for (StateCode combination : combinations[d]) {
      names.push_back(CombinationName(definition, combination));
    }
    strategies.push_back(std::move(names));
  }
  std::vector<Rational> payoffs;
  payoffs.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(profiles, space.size())) *
                  deciders.size());
  for (std::uint64_t profile = 0; profile < profiles; ++profile) {
    StateCode code = 0;
    std::uint64_t rest = profile;
    std::string names;
    for (std::size_t d = 0; d < deciders.size(); ++d) {
      const std::size_t strategy = static_cast<std::size_t>(rest % counts[d]);
      rest /= counts[d];
      code |= combinations[d][strategy];
      names += fmt::format("{}{}={}", d == 0 ? "" : ", ", players[d], strategies[d][strategy]);
    }
    const std::optional<StateId> state = space.Find(code);
    if (!state) {
      const std::optional<std::size_t> violated = space.FirstViolatedConstraint(code);
      std::string why = "it is infeasible";
      SourceLocation where;
      if (violated && *violated < definition.constraints.size()) {
        why = fmt::format("it violates {}", definition.constraints[*violated].label);
        where = definition.constraints[*violated].where;
      }
      Error error = Error::InvalidArgument(fmt::format(
          "case '{}' has no normal form: the profile ({}) is the state {}, and {}; expected "
          "constraints that leave every combination of the deciders' own choices feasible",
          definition.id, names, definition.PatternOf(code), why));
      return where.known() ? std::move(error).At(where) : error;
    }
    for (ActorIndex decider : deciders) {
      const double utility = compiled.utilities.at(decider, *state);
      if (!std::isfinite(utility)) {
        return Error::InvalidArgument(fmt::format(
            "case '{}': {}'s utility in state {} is not finite; expected finite utilities",
            definition.id, definition.actors[decider.value].id, definition.PatternOf(code)));
      }
      payoffs.push_back(ExactRational(utility));
    }
  }
  std::string title = definition.title.text.empty() ? definition.id : definition.title.text;
  return NormalFormGame::Create(
      std::move(title), std::move(players), std::move(strategies), std::move(payoffs),
      fmt::format("The one-shot normal form of mend case '{}': payoffs are the deciders' "
                  "utilities at the central parameter values.",
                  definition.id));
}

Result<NormalFormGame> ReadGameFile(const std::string& path) {
  const std::string extension = std::filesystem::path(path).extension().string();
  if (extension != ".yaml" && extension != ".yml") return ReadNfgFile(path);
  MEND_TRY(Document document, ReadDocumentFile(path));
  const auto* one = std::get_if<CompiledCase>(&document);
  if (one == nullptr) {
    return Error::InvalidArgument("a portfolio has no single normal form; expected one case file")
        .At({path, 1, 1});
  }
  return CaseNormalForm(*one);
}

Result<NormalFormGame> ReadGameText(std::string_view text, const std::string& file) {
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start != std::string_view::npos && text.substr(start, 3) == "NFG") return ReadNfg(text, file);
  MEND_TRY(CompiledCase compiled, ReadCase(text, file));
  return CaseNormalForm(compiled);
}

}  // namespace mend
