// SPDX-License-Identifier: Apache-2.0
#include "mend/report/brief_evidence.hpp"

#include <algorithm>

namespace mend {
namespace {

// The block the brief is written against: the first default with an alternative (as
// BriefMarkdown picks it).
const EfficiencyAgainst* BriefBlock(const EfficiencyAnalysis& efficiency) {
  for (const EfficiencyAgainst& block : efficiency.against) {
    if (block.alternative && !block.ledger.empty()) return &block;
  }
  return nullptr;
}

}  // namespace

Result<CaseEvidence> GatherEvidence(const CaseAnalysis& analysis, const EvidenceOptions& options) {
  const CompiledCase& compiled = *analysis.compiled;
  const StabilityConcept concept_id = analysis.efficiency.concept_id;
  CaseEvidence evidence;
  if (options.samples > 0) {
    MonteCarloOptions mc_options;
    mc_options.samples = options.samples;
    mc_options.seed = options.seed;
    mc_options.threads = options.threads;
    mc_options.concept_id = concept_id;
    MEND_TRY(evidence.montecarlo, RunMonteCarlo(compiled, mc_options));
    SensitivityOptions sensitivity_options;
    sensitivity_options.concept_id = concept_id;
    MEND_TRY(evidence.sensitivity,
             AnalyzeSensitivity(compiled, *evidence.montecarlo, sensitivity_options));
  }
  if (!compiled.definition.perceptions.empty()) {
    PerceptionOptions perception_options;
    perception_options.concept_id = concept_id;
    perception_options.sanctions = analysis.sanctions;
    perception_options.threads = options.threads;
    MEND_TRY(evidence.perception, AnalyzePerceptions(compiled, perception_options));
  }
  if (const EfficiencyAgainst* block = BriefBlock(analysis.efficiency)) {
    ViabilityOptions viability_options;
    // Viability needs its own draws only for the spreads; without sampling it keeps its default.
    if (options.samples >= 2) viability_options.samples = options.samples;
    viability_options.seed = options.seed;
    MEND_TRY(evidence.viability,
             AnalyzeViability(compiled, block->alternative->state, viability_options));
  }
  return evidence;
}

BriefOptions WithEvidence(BriefOptions base, const CaseAnalysis& analysis,
                          const CaseEvidence& evidence, ActorIndex actor) {
  const EfficiencyAgainst* block = BriefBlock(analysis.efficiency);
  if (evidence.montecarlo) {
    const MonteCarloResult& mc = *evidence.montecarlo;
    BriefUncertainty uncertainty;
    uncertainty.samples = mc.options.samples;
    uncertainty.seed = mc.options.seed;
    // The sampled ledger is that of the Monte Carlo's central a* against its central default;
    // it describes the brief's figures only when those are the same states.
    const bool same_states = block != nullptr && mc.central_default == block->default_state &&
                             mc.central_alternative == block->alternative->state;
    if (same_states) {
      for (const LedgerDistribution& entry : mc.ledger) {
        if (!entry.cardinal) continue;
        uncertainty.ledger[entry.actor.value] = LedgerRange{entry.p5, entry.p95, entry.p_loss};
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
      point.value = *entry.switching_value;
      point.below = *entry.switching_quantile < 0.5;
      // Both conclusions flipping at the same point of one parameter make one sentence.
      auto same = std::find_if(uncertainty.switching.begin(), uncertainty.switching.end(),
                               [&](const SwitchingPoint& other) {
                                 return other.parameter == point.parameter &&
                                        other.value == point.value && other.below == point.below;
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
