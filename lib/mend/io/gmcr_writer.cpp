// SPDX-License-Identifier: Apache-2.0
#include "mend/io/gmcr_writer.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace mend {
namespace {

using Json = nlohmann::ordered_json;

Json Term(int option, bool taken) { return Json::array({option, taken ? "Y" : "N"}); }

std::vector<int> Bits(StateCode mask, int option_count) {
  std::vector<int> bits;
  for (int k = 0; k < option_count; ++k) {
    if ((mask >> k) & 1U) bits.push_back(k);
  }
  return bits;
}

// Each mend feasibility rule as gmcr-py infeasible conditions (each a list of option values
// that together make a state infeasible).
std::vector<Json> InfeasibleConditions(const Constraint& constraint, int option_count) {
  std::vector<Json> conditions;
  switch (constraint.kind) {
    case ConstraintKind::kExclusive: {
      const std::vector<int> bits = Bits(constraint.options, option_count);
      for (std::size_t a = 0; a < bits.size(); ++a) {
        for (std::size_t b = a + 1; b < bits.size(); ++b) {
          conditions.push_back(Json::array({Term(bits[a], true), Term(bits[b], true)}));
        }
      }
      break;
    }
    case ConstraintKind::kAtLeastOne: {
      Json condition = Json::array();
      for (int k : Bits(constraint.options, option_count)) condition.push_back(Term(k, false));
      conditions.push_back(condition);
      break;
    }
    case ConstraintKind::kRequires: {
      // Every `if` option Y and some `then` option N is infeasible.
      for (int k : Bits(constraint.consequence & ~constraint.condition, option_count)) {
        Json condition = Json::array();
        for (int c : Bits(constraint.condition, option_count)) condition.push_back(Term(c, true));
        condition.push_back(Term(k, false));
        conditions.push_back(condition);
      }
      break;
    }
    case ConstraintKind::kInfeasible: {
      Json condition = Json::array();
      for (int k : Bits(constraint.pattern.mask, option_count)) {
        condition.push_back(Term(k, ((constraint.pattern.values >> k) & 1U) != 0));
      }
      conditions.push_back(condition);
      break;
    }
  }
  return conditions;
}

}  // namespace

Result<GmcrExport> WriteGmcr(const CompiledCase& compiled) {
  const CaseDefinition& definition = compiled.definition;
  const int option_count = definition.option_count();
  GmcrExport exported;

  // Deciders in the order their options appear: gmcr-py regroups options by decision maker and
  // numbers states over that order, so this keeps every state's number.
  std::vector<ActorIndex> order;
  for (const Option& option : definition.options) {
    if (std::find(order.begin(), order.end(), option.owner) == order.end()) {
      order.push_back(option.owner);
    }
  }
  std::vector<int> position(definition.actors.size(), -1);
  for (std::size_t p = 0; p < order.size(); ++p) position[order[p].value] = static_cast<int>(p);

  Json options = Json::array();
  for (const Option& option : definition.options) {
    const char* direction = option.irreversibility == Irreversibility::kForward    ? "fwd"
                            : option.irreversibility == Irreversibility::kBackward ? "back"
                                                                                   : "both";
    options.push_back(Json{{"name", option.name.text}, {"permittedDirection", direction}});
  }

  Json makers = Json::array();
  const std::size_t states = compiled.space.size();
  for (ActorIndex actor : order) {
    const std::vector<double>& utility = compiled.utilities.utility[actor.value];
    std::vector<std::uint32_t> by_utility(states);
    for (std::uint32_t s = 0; s < states; ++s) {
      if (!std::isfinite(utility[s])) {
        return Error::InvalidArgument(
            fmt::format("actor '{}' has a non-finite utility in state {}; expected finite "
                        "utilities to rank",
                        definition.actors[actor.value].id, s + 1));
      }
      by_utility[s] = s;
    }
    std::stable_sort(by_utility.begin(), by_utility.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return utility[a] > utility[b]; });
    Json ranking = Json::array();
    for (std::size_t i = 0; i < by_utility.size();) {
      std::size_t j = i;
      while (j < by_utility.size() && utility[by_utility[j]] == utility[by_utility[i]]) ++j;
      if (j - i == 1) {
        ranking.push_back(by_utility[i] + 1);
      } else {
        Json tie = Json::array();
        for (std::size_t t = i; t < j; ++t) tie.push_back(by_utility[t] + 1);
        ranking.push_back(tie);
      }
      i = j;
    }
    Json owned = Json::array();
    for (int k = 0; k < option_count; ++k) {
      if (definition.options[static_cast<std::size_t>(k)].owner == actor) owned.push_back(k);
    }
    makers.push_back(Json{{"name", definition.actors[actor.value].name.text},
                          {"options", owned},
                          {"preferences", Json::array()},
                          {"preferenceRanking", ranking}});
  }

  Json infeasibles = Json::array();
  for (const Constraint& constraint : definition.constraints) {
    for (Json& condition : InfeasibleConditions(constraint, option_count)) {
      infeasibles.push_back(std::move(condition));
    }
  }

  // gmcr-py's coalitions partition the decision makers; a case's coalitions are kept when they
  // do, every decider otherwise stands alone.
  Json coalitions = Json::array();
  std::vector<int> covered(order.size(), 0);
  for (const CoalitionDefinition& coalition : definition.coalitions) {
    for (ActorIndex member : coalition.members)
      ++covered[static_cast<std::size_t>(position[member.value])];
  }
  const bool partition =
      !definition.coalitions.empty() &&
      std::all_of(covered.begin(), covered.end(), [](int count) { return count == 1; });
  if (partition) {
    for (const CoalitionDefinition& coalition : definition.coalitions) {
      if (coalition.members.size() == 1) {
        coalitions.push_back(position[coalition.members.front().value]);
      } else {
        Json members = Json::array();
        for (ActorIndex member : coalition.members) members.push_back(position[member.value]);
        coalitions.push_back(members);
      }
    }
  } else {
    for (std::size_t p = 0; p < order.size(); ++p) coalitions.push_back(p);
    if (!definition.coalitions.empty()) {
      exported.losses.push_back(
          "coalitions: they do not partition the deciders, as gmcr-py requires; every decider "
          "is written as its own coalition");
    }
  }

  Json document;
  document["decisionMakers"] = makers;
  document["coalitions"] = coalitions;
  document["options"] = options;
  document["infeasibles"] = infeasibles;
  document["useManualPreferenceRanking"] = true;
  document["program"] = "mend";
  exported.text = document.dump() + "\n";  // one line, as gmcr-py writes it

  // What the file cannot hold.
  std::vector<std::string> cardinal;
  std::vector<std::string> third_parties;
  std::vector<std::string> indifferent;
  for (std::size_t a = 0; a < definition.actors.size(); ++a) {
    const Actor& actor = definition.actors[a];
    if (!actor.is_decider()) {
      third_parties.push_back(actor.id);
      continue;
    }
    if (compiled.utilities.cardinal[a]) cardinal.push_back(actor.id);
    if (compiled.utilities.indifference[a] > 0) indifferent.push_back(actor.id);
  }
  if (!cardinal.empty()) {
    exported.losses.push_back(fmt::format(
        "values: the cardinal utilities of {} become rankings (only their order is kept; the "
        "loss ledger and bargaining points need the values)",
        fmt::join(cardinal, ", ")));
  }
  if (!indifferent.empty()) {
    exported.losses.push_back(fmt::format(
        "indifference thresholds of {}: ties are kept only where utilities are exactly equal",
        fmt::join(indifferent, ", ")));
  }
  std::size_t uncertain = 0;
  for (const Parameter& parameter : definition.parameters) {
    if (parameter.kind != DistributionKind::kFixed) ++uncertain;
  }
  if (uncertain > 0) {
    exported.losses.push_back(fmt::format(
        "uncertainty: {} uncertain parameter{}; rankings use the central (median) values",
        uncertain, uncertain == 1 ? "" : "s"));
  }
  if (!third_parties.empty()) {
    exported.losses.push_back(
        fmt::format("third parties: {} (affected actors have no place in a gmcr-py file)",
                    fmt::join(third_parties, ", ")));
  }
  if (!definition.dimensions.empty() || !definition.effects.empty()) {
    exported.losses.push_back(
        fmt::format("dimensions and effects: {} dimension{} and {} effect{}",
                    definition.dimensions.size(), definition.dimensions.size() == 1 ? "" : "s",
                    definition.effects.size(), definition.effects.size() == 1 ? "" : "s"));
  }
  if (!definition.perceptions.empty()) {
    exported.losses.push_back(fmt::format("perceptions: {} belief{} about others' valuations",
                                          definition.perceptions.size(),
                                          definition.perceptions.size() == 1 ? "" : "s"));
  }
  exported.losses.push_back(fmt::format("status quo {} and default (gmcr-py files have neither)",
                                        definition.PatternOf(definition.status_quo)));
  if (std::find(definition.accepts_linkage.begin(), definition.accepts_linkage.end(), false) !=
      definition.accepts_linkage.end()) {
    exported.losses.push_back("linkage: refusals of cross-issue deals");
  }
  exported.losses.push_back("ids, title and summary (gmcr-py keeps names only)");
  if (!definition.sources.empty()) {
    exported.losses.push_back(fmt::format("sources: {} reference{}", definition.sources.size(),
                                          definition.sources.size() == 1 ? "" : "s"));
  }
  return exported;
}

}  // namespace mend
