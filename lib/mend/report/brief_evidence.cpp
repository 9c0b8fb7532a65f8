// SPDX-License-Identifier: Apache-2.0
#include "mend/report/brief_evidence.hpp"

#include <algorithm>

namespace mend {

Result<CaseEvidence> GatherEvidence(const CaseAnalysis& analysis) {
  const CompiledCase& compiled = *analysis.compiled;
  CaseEvidence evidence;
  evidence.montecarlo = analysis.montecarlo;
  evidence.sensitivity = analysis.sensitivity;
  if (!compiled.definition.perceptions.empty()) {
    MEND_TRY(evidence.perception, RunPerceptions(analysis));
  }
  if (const EfficiencyAgainst* block = analysis.CentralBlock()) {
    MEND_TRY(evidence.viability, RunViability(analysis, block->alternative->state));
  }
  return evidence;
}

BriefOptions WithEvidence(BriefOptions base, const CaseAnalysis& analysis,
                          const CaseEvidence& evidence, ActorIndex actor) {
  // The block the brief is written against: the engine's central pair.
  const EfficiencyAgainst* block = analysis.CentralBlock();
  if (evidence.montecarlo) {
    const MonteCarloResult& mc = *evidence.montecarlo;
    BriefUncertainty uncertainty;
    uncertainty.samples = mc.options.samples;
    uncertainty.seed = mc.options.seed;
    // The sampled ledger is that of the engine's central a* against its central default, which
    // is the brief's block by construction (both take the first default with an alternative);
    // the check keeps a mismatch from ever printing one pair's ranges under another's heading.
    const bool same_states = block != nullptr && mc.central_default == block->default_state &&
                             mc.central_alternative == block->alternative->state;
    if (same_states) {
      for (const LedgerDistribution& entry : mc.ledger) {
        if (!entry.cardinal) continue;
        uncertainty.ledger[entry.actor.value] = LedgerRange{entry.p5, entry.p95, entry.p_loss};
      }
    }
    if (same_states) {
      uncertainty.p_default = mc.central_default_likelihood.p;
      uncertainty.p_alternative = mc.central_alternative_likelihood.p;
      uncertainty.p_no_alternative = mc.no_alternative.p;
      const std::optional<SampledDefault> frequent = MostFrequentDefault(mc);
      if (frequent && frequent->state != block->default_state) {
        uncertainty.most_frequent_default = frequent->state;
        uncertainty.p_most_frequent_default = frequent->p;
      }
      for (const LedgerDistribution& entry : mc.unconditional_ledger) {
        if (!entry.cardinal) continue;
        uncertainty.unconditional[entry.actor.value] =
            UnconditionalRange{entry.mean, entry.p5, entry.p95};
      }
    }
    for (const SensitivityEntry& entry : evidence.sensitivity) {
      if (!entry.switching_value || !entry.switching_quantile) continue;
      const bool own = entry.figure == SensitivityFigure::kLedgerTotal && entry.actor &&
                       entry.actor->value == actor.value;
      const bool dominated = entry.figure == SensitivityFigure::kDefaultDominated;
      if (!(own && same_states) && !dominated) continue;
      SwitchingPoint point;
      point.parameter = ParameterIndex{static_cast<std::uint32_t>(entry.parameter)};
      point.own_gain = own;
      point.default_dominated = dominated;
      point.holds_from = entry.holds_from;
      point.holds_to = entry.holds_to;
      // Both conclusions holding on the same interval of one parameter make one sentence.
      auto same = std::find_if(uncertainty.switching.begin(), uncertainty.switching.end(),
                               [&](const SwitchingPoint& other) {
                                 return other.parameter == point.parameter &&
                                        other.holds_from == point.holds_from &&
                                        other.holds_to == point.holds_to;
                               });
      if (same != uncertainty.switching.end()) {
        same->own_gain = same->own_gain || own;
        same->default_dominated = same->default_dominated || dominated;
      } else {
        uncertainty.switching.push_back(point);
      }
    }
    base.uncertainty = std::move(uncertainty);
  }
  if (evidence.perception) {
    BriefPerception perception;
    for (const PerceptionGap& gap : evidence.perception->gaps) {
      // The table lists every weight the holder has a picture of; a gap is where it differs.
      if (gap.holder.value != actor.value || gap.perceived_weight == gap.actual_weight) continue;
      perception.gaps.push_back(
          BriefPerceptionGap{gap.about, gap.dimension, gap.perceived_weight, gap.actual_weight});
    }
    for (const HolderProposal& proposal : evidence.perception->proposals) {
      if (proposal.holder.value == actor.value) {
        perception.cost_of_misperception = proposal.cost_of_misperception;
      }
    }
    base.perception = std::move(perception);
  }
  if (evidence.viability) {
    BriefViability viability;
    viability.viable = evidence.viability->viable;
    for (const DeciderViability& decider : evidence.viability->deciders) {
      BriefViabilityEntry entry;
      entry.decider = decider.decider;
      entry.gap = decider.gap;
      entry.closing_dimension = decider.closing_dimension;
      entry.closes = decider.closes;
      entry.gap_after = decider.gap;
      for (const DimensionRelief& relief : decider.relief) {
        if (decider.closing_dimension &&
            relief.dimension.value == decider.closing_dimension->value) {
          entry.gap_after = relief.gap;
        }
      }
      entry.status_quo_sd = decider.status_quo_sd;
      entry.proposal_sd = decider.proposal_sd;
      entry.uncertainty_aversion = decider.uncertainty_aversion;
      viability.deciders.push_back(entry);
    }
    base.viability = std::move(viability);
  }
  return base;
}

}  // namespace mend
