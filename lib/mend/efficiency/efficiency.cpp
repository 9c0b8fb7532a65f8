// SPDX-License-Identifier: Apache-2.0
#include "mend/efficiency/efficiency.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "mend/efficiency/pareto.hpp"

namespace mend {
namespace {

double Phi(const Valuation& valuation, double change) {
  return change >= 0 ? change : valuation.loss_aversion * change;
}

// A decider's gain from d to s for the cardinal points. On a state that Pareto-improves d a
// decider can only lose within its indifference threshold, which is no preference
// (analyses.md), so a negative change counts as no gain and the Nash product stays >= 0.
double Gain(const UtilityTable& table, ActorIndex actor, StateId s, StateId d) {
  return std::max(table.at(actor, s) - table.at(actor, d), 0.0);
}

// Picks the state with the largest score, ties to the lowest state number (states ascend).
template <typename Score>
std::optional<BargainingPoint> Best(const std::vector<StateId>& states, Score&& score) {
  std::optional<BargainingPoint> best;
  for (StateId s : states) {
    const double value = score(s);
    if (!best || value > best->score) best = BargainingPoint{s, value};
  }
  return best;
}

// The dimensions an actor's ledger lists: those it weighs and those an effect gives it a value
// on, in file order.
std::vector<bool> LedgerDimensions(const CaseDefinition& definition, ActorIndex actor) {
  std::vector<bool> listed(definition.dimensions.size(), false);
  if (const auto& valuation = definition.valuations[actor.value]) {
    for (std::size_t d = 0; d < valuation->weights.size(); ++d) {
      if (valuation->weights[d] != 0) listed[d] = true;
    }
  }
  for (const Effect& effect : definition.effects) {
    for (const EffectTerm& term : effect.terms) {
      if (term.actor == actor) listed[term.dimension.value] = true;
    }
  }
  return listed;
}

std::vector<ActorLedger> Ledger(const CompiledCase& compiled, StateId alternative, StateId d) {
  const CaseDefinition& definition = compiled.definition;
  const std::size_t dimensions = definition.dimensions.size();
  const std::vector<double> at_alternative = CentralDimensionValues(compiled, alternative);
  const std::vector<double> at_default = CentralDimensionValues(compiled, d);
  const std::vector<double> at_status_quo = CentralStatusQuoValues(compiled);
  std::vector<ActorLedger> ledger;
  for (std::uint32_t a = 0; a < definition.actors.size(); ++a) {
    const ActorIndex actor{a};
    ActorLedger entry;
    entry.actor = actor;
    entry.cardinal = compiled.utilities.cardinal[a];
    entry.total = compiled.utilities.at(actor, alternative) - compiled.utilities.at(actor, d);
    entry.status_neutral_total = entry.total;
    const std::vector<bool> listed = LedgerDimensions(definition, actor);
    const auto& valuation = definition.valuations[a];
    const bool valued = definition.preference_kind[a] == PreferenceKind::kValuation;
    if (valued) entry.status_neutral_total = 0;
    for (std::size_t k = 0; k < dimensions; ++k) {
      const std::size_t slot = a * dimensions + k;
      const double weight = valued ? valuation->weights[k] : 0.0;
      double weighted = 0;
      if (valued && weight != 0) {
        weighted = valuation->reference_dependent
                       ? weight * (Phi(*valuation, at_alternative[slot] - at_status_quo[slot]) -
                                   Phi(*valuation, at_default[slot] - at_status_quo[slot]))
                       : weight * (at_alternative[slot] - at_default[slot]);
      }
      if (valued && !definition.dimensions[k].is_status()) entry.status_neutral_total += weighted;
      if (!listed[k]) continue;
      entry.dimensions.push_back(LedgerEntry{DimensionIndex{static_cast<std::uint32_t>(k)},
                                             at_alternative[slot] - at_default[slot], weighted});
    }
    ledger.push_back(std::move(entry));
  }
  return ledger;
}

}  // namespace

std::vector<double> CentralDimensionValues(const CompiledCase& compiled, StateId state) {
  return CentralValuesAt(compiled, state);
}

EfficiencyAgainst AnalyzeAgainst(const CompiledCase& compiled, const StabilityReport& report,
                                 StabilityConcept concept_id, StateId d) {
  const UtilityTable& table = compiled.utilities;
  const std::span<const ActorIndex> deciders = report.deciders();
  EfficiencyAgainst out;
  out.default_state = d;
  out.improvements = ParetoImprovements(table, deciders, d);
  bool cardinal = true;
  for (ActorIndex i : deciders) cardinal = cardinal && table.cardinal[i.value];
  if (out.improvements.empty() || !cardinal) return out;

  auto nash_product = [&](StateId s) {
    double product = 1;
    for (ActorIndex i : deciders) product *= Gain(table, i, s, d);
    return product;
  };
  std::vector<StateId> equilibria;
  for (StateId s : out.improvements) {
    if (report.IsEquilibrium(concept_id, s)) equilibria.push_back(s);
  }
  out.nash_product = Best(out.improvements, nash_product);
  const bool among_equilibria = !equilibria.empty();
  const BargainingPoint chosen =
      among_equilibria ? *Best(equilibria, nash_product) : *out.nash_product;
  out.alternative = Recommendation{
      chosen.state, among_equilibria,
      among_equilibria ? "nash-product-among-equilibria" : "nash-product", chosen.score};

  // Kalai–Smorodinsky: the ideal gain of each decider is its largest gain over the
  // improvements; the point maximises the smallest share of the ideal any decider gets.
  std::vector<double> ideal;
  for (ActorIndex i : deciders) {
    double best = 0;
    for (StateId s : out.improvements) best = std::max(best, Gain(table, i, s, d));
    ideal.push_back(best);
  }
  out.kalai_smorodinsky = Best(out.improvements, [&](StateId s) {
    double share = 1;
    for (std::size_t k = 0; k < deciders.size(); ++k) {
      if (ideal[k] > 0) share = std::min(share, Gain(table, deciders[k], s, d) / ideal[k]);
    }
    return share;
  });
  out.largest_total_gain = Best(out.improvements, [&](StateId s) {
    double total = 0;
    for (ActorIndex i : deciders) total += Gain(table, i, s, d);
    return total;
  });
  out.ledger = Ledger(compiled, out.alternative->state, d);
  return out;
}

Result<EfficiencyAnalysis> AnalyzeEfficiency(const CompiledCase& compiled,
                                             const StabilityReport& report,
                                             const StatusQuoAnalysis& status_quo,
                                             const EfficiencyOptions& options) {
  if (!report.Has(options.concept_id)) {
    return Error::InvalidArgument(
        fmt::format("efficiency: concept {} was not analysed; expected it in the stability report",
                    StabilityConceptName(options.concept_id)));
  }
  if (report.state_count() != compiled.space.size()) {
    return Error::InvalidArgument(
        "efficiency: the stability report does not match the case's states");
  }
  EfficiencyAnalysis out;
  out.concept_id = options.concept_id;
  for (ActorIndex i : report.deciders()) {
    out.cardinal = out.cardinal && compiled.utilities.cardinal[i.value];
  }
  out.frontier_deciders = ParetoFrontier(compiled.utilities, report.deciders());
  std::vector<ActorIndex> everyone;
  for (std::uint32_t a = 0; a < compiled.definition.actors.size(); ++a)
    everyone.push_back(ActorIndex{a});
  out.frontier_all_actors = ParetoFrontier(compiled.utilities, everyone);

  if (status_quo.default_state) {
    out.against.push_back(
        AnalyzeAgainst(compiled, report, options.concept_id, *status_quo.default_state));
    return out;
  }
  out.against_reachable_equilibria = true;
  for (const auto& [c, states] : status_quo.reachable_equilibria) {
    if (c != options.concept_id) continue;
    for (StateId e : states) out.against.push_back(AnalyzeAgainst(compiled, report, c, e));
  }
  return out;
}

}  // namespace mend
