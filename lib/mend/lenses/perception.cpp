// SPDX-License-Identifier: Apache-2.0
#include "mend/lenses/perception.hpp"

#include <algorithm>

#include "mend/efficiency/efficiency.hpp"
#include "mend/efficiency/pareto.hpp"
#include "mend/stability/status_quo_analysis.hpp"

namespace mend {
namespace {

// The subject's valuation as `holder` sees it; nullopt when the holder has no perception of it
// or the subject has no valuation to override.
std::optional<Valuation> PerceivedValuationOf(const CaseDefinition& definition, ActorIndex holder,
                                              ActorIndex subject) {
  if (definition.preference_kind[subject.value] != PreferenceKind::kValuation) return std::nullopt;
  std::optional<Valuation> valuation;
  for (const Perception& p : definition.perceptions) {
    if (p.holder != holder || p.about != subject) continue;
    if (!valuation) valuation = *definition.valuations[subject.value];
    for (const auto& [dimension, weight] : p.weights) valuation->weights[dimension.value] = weight;
    if (p.loss_aversion) {
      valuation->loss_aversion = *p.loss_aversion;
      valuation->reference_dependent = true;
    }
    if (p.uncertainty_aversion) {
      valuation->uncertainty_aversion = *p.uncertainty_aversion;
      valuation->reference_dependent = true;
    }
    if (p.indifference) valuation->indifference = *p.indifference;
  }
  return valuation;
}

bool HasPerception(const CaseDefinition& definition, ActorIndex holder, ActorIndex subject) {
  return std::any_of(definition.perceptions.begin(), definition.perceptions.end(),
                     [&](const Perception& p) { return p.holder == holder && p.about == subject; });
}

// w_d·(φ(v_d(r) − v_d(s0)) − φ(v_d(d) − v_d(s0))), or w_d·(v_d(r) − v_d(d)) without reference
// dependence: the dimension's share of u(r) − u(d), as FoldValuation computes u.
double WeightedChange(const Valuation& valuation, std::size_t d, double vr, double vd, double v0) {
  const double w = valuation.weights[d];
  if (!valuation.reference_dependent) return w * (vr - vd);
  auto phi = [&](double x) { return x >= 0 ? x : valuation.loss_aversion * x; };
  return w * (phi(vr - v0) - phi(vd - v0));
}

}  // namespace

UtilityTable PerceivedGame(const CompiledCase& compiled, ActorIndex holder) {
  const CaseDefinition& definition = compiled.definition;
  UtilityTable table = compiled.utilities;
  const std::size_t dimensions = definition.dimensions.size();
  std::vector<std::pair<ActorIndex, Valuation>> revalued;
  for (std::uint32_t a = 0; a < definition.actors.size(); ++a) {
    if (ActorIndex{a} == holder) continue;
    if (auto valuation = PerceivedValuationOf(definition, holder, ActorIndex{a})) {
      table.indifference[a] = valuation->indifference;
      revalued.emplace_back(ActorIndex{a}, std::move(*valuation));
    }
  }
  if (revalued.empty()) return table;
  const std::vector<double> reference = CentralStatusQuoValues(compiled);
  for (std::uint32_t s = 0; s < compiled.space.size(); ++s) {
    const std::vector<double> values = CentralValuesAt(compiled, StateId{s});
    for (const auto& [subject, valuation] : revalued) {
      const std::size_t offset = subject.value * dimensions;
      table.utility[subject.value][s] =
          FoldValuation(valuation, std::span<const double>(values.data() + offset, dimensions),
                        std::span<const double>(reference.data() + offset, dimensions));
    }
  }
  return table;
}

Result<PerceptionAnalysis> AnalyzePerceptions(const CompiledCase& compiled,
                                              const PerceptionOptions& options) {
  const CaseDefinition& definition = compiled.definition;
  const std::vector<ActorIndex> deciders = definition.Deciders();
  StabilityOptions stability_options;
  stability_options.sanctions = options.sanctions;
  stability_options.threads = options.threads;

  PerceptionAnalysis out;
  out.concept_id = options.concept_id;
  MEND_TRY(StabilityReport truth, AnalyzeStability(compiled, stability_options));
  MEND_TRY(StatusQuoAnalysis status_quo, AnalyzeStatusQuo(compiled, truth));
  out.default_state = status_quo.default_state;
  std::optional<EfficiencyAgainst> true_block;
  if (out.default_state) {
    true_block = AnalyzeAgainst(compiled, truth, options.concept_id, *out.default_state);
    if (true_block->alternative) out.true_alternative = true_block->alternative->state;
  }

  // Holders in actor file order; each gets its perceived game and its stability report.
  std::vector<ActorIndex> holders;
  for (std::uint32_t a = 0; a < definition.actors.size(); ++a) {
    if (std::any_of(definition.perceptions.begin(), definition.perceptions.end(),
                    [&](const Perception& p) { return p.holder.value == a; })) {
      holders.push_back(ActorIndex{a});
    }
  }
  std::vector<std::optional<StabilityReport>> perceived_report(definition.actors.size());
  std::vector<std::optional<CompiledCase>> perceived_case(definition.actors.size());
  for (ActorIndex h : holders) {
    CompiledCase game = compiled;
    game.utilities = PerceivedGame(compiled, h);
    MEND_TRY(StabilityReport report,
             AnalyzeStability(game.space, game.utilities, deciders, stability_options));
    perceived_report[h.value] = std::move(report);
    perceived_case[h.value] = std::move(game);
  }

  for (StabilityConcept c : kAllStabilityConcepts) {
    const auto k = static_cast<std::size_t>(c);
    out.true_equilibria[k] = truth.Equilibria(c);
    for (std::uint32_t s = 0; s < compiled.space.size(); ++s) {
      bool stable = true;
      for (std::size_t p = 0; p < deciders.size() && stable; ++p) {
        const auto& own = perceived_report[deciders[p].value];
        stable = (own ? *own : truth).IsStable(c, p, StateId{s});
      }
      if (stable) out.hypergame_equilibria[k].push_back(StateId{s});
    }
  }

  const UtilityTable& u = compiled.utilities;
  for (ActorIndex h : holders) {
    HolderProposal entry;
    entry.holder = h;
    if (out.default_state) {
      const StateId d = *out.default_state;
      EfficiencyAgainst block = AnalyzeAgainst(*perceived_case[h.value], *perceived_report[h.value],
                                               options.concept_id, d);
      if (block.alternative) {
        const StateId r = block.alternative->state;
        entry.proposal = r;
        entry.truly_pareto_improving = ParetoImproves(u, deciders, r, d);
        entry.self_enforcing = truth.IsEquilibrium(options.concept_id, r);
        for (std::uint32_t a = 0; a < definition.actors.size(); ++a) {
          if (!u.cardinal[a]) continue;
          const double change = u.utility[a][r.value] - u.utility[a][d.value];
          const double threshold = definition.actors[a].is_decider() ? u.indifference[a] : 0.0;
          if (change < -threshold) entry.losers.emplace_back(ActorIndex{a}, change);
        }
      }
      if (out.true_alternative && u.cardinal[h.value]) {
        const StateId r = entry.proposal && entry.truly_pareto_improving ? *entry.proposal : d;
        entry.cost_of_misperception = u.at(h, *out.true_alternative) - u.at(h, r);
      }
    }
    out.proposals.push_back(std::move(entry));
  }

  // The perceived-versus-actual table: per holder and subject it perceives, every dimension
  // either picture weighs.
  const std::size_t dimensions = definition.dimensions.size();
  const std::vector<double> v0 = CentralStatusQuoValues(compiled);
  for (const HolderProposal& proposal : out.proposals) {
    const ActorIndex h = proposal.holder;
    std::vector<double> vr, vd;
    if (proposal.proposal) {
      vr = CentralDimensionValues(compiled, *proposal.proposal);
      vd = CentralDimensionValues(compiled, *out.default_state);
    }
    for (std::uint32_t j = 0; j < definition.actors.size(); ++j) {
      const ActorIndex subject{j};
      if (!HasPerception(definition, h, subject)) continue;
      PerceivedValuation pv;
      pv.holder = h;
      pv.about = subject;
      const std::optional<Valuation> seen = PerceivedValuationOf(definition, h, subject);
      if (!seen) {
        pv.applied = false;
        out.valuations.push_back(pv);
        continue;
      }
      const Valuation& actual = *definition.valuations[j];
      pv.perceived_loss_aversion = seen->loss_aversion;
      pv.actual_loss_aversion = actual.loss_aversion;
      pv.perceived_indifference = seen->indifference;
      pv.actual_indifference = actual.indifference;
      pv.perceived_uncertainty_aversion = seen->uncertainty_aversion;
      pv.actual_uncertainty_aversion = actual.uncertainty_aversion;
      for (std::size_t d = 0; d < dimensions; ++d) {
        PerceptionGap gap;
        gap.holder = h;
        gap.about = subject;
        gap.dimension = DimensionIndex{static_cast<std::uint32_t>(d)};
        gap.perceived_weight = seen->weights[d];
        gap.actual_weight = actual.weights[d];
        if (proposal.proposal) {
          const std::size_t slot = j * dimensions + d;
          gap.natural = vr[slot] - vd[slot];
          gap.perceived_ledger = WeightedChange(*seen, d, vr[slot], vd[slot], v0[slot]);
          gap.actual_ledger = WeightedChange(actual, d, vr[slot], vd[slot], v0[slot]);
          pv.perceived_gain += gap.perceived_ledger;
          pv.actual_gain += gap.actual_ledger;
        }
        if (gap.perceived_weight != 0 || gap.actual_weight != 0) out.gaps.push_back(gap);
      }
      out.valuations.push_back(pv);
    }
  }
  return out;
}

}  // namespace mend
