// SPDX-License-Identifier: Apache-2.0
#include "mend/engine/case_analysis.hpp"

#include <fmt/format.h>

namespace mend {
namespace {

// The central pair: the first block with an alternative (when the dynamics cycle there is one
// block per reachable equilibrium), else the single default.
void ChooseCentralPair(CaseAnalysis& analysis) {
  for (const EfficiencyAgainst& block : analysis.efficiency.against) {
    if (block.alternative) {
      analysis.central_default = block.default_state;
      analysis.central_alternative = block.alternative->state;
      return;
    }
  }
  analysis.central_default = analysis.status_quo.default_state;
}

// The one seeded pass over the samples that the central figures need: the spread ρ·sd when
// some actor is averse to uncertainty, the means of the expectation dimensions when some
// dimension is marked (docs/analyses.md, "The central analysis").
Result<CentralMoments> MeasureCentralMoments(const CompiledCase& source,
                                             const AnalysisOptions& options, bool averse,
                                             const RunControl& control) {
  if (averse && options.samples < 2) {
    return Error::InvalidArgument(fmt::format(
        "samples: {} cannot measure the spread rho*sd of case '{}', whose actors are averse to "
        "uncertainty; expected at least 2",
        options.samples, source.definition.id));
  }
  if (options.samples < 1) {
    return Error::InvalidArgument(
        fmt::format("samples: 0 cannot measure the means of the expectation dimensions of case "
                    "'{}'; expected at least 1",
                    source.definition.id));
  }
  SamplerOptions sampler_options;
  sampler_options.seed = options.seed;
  sampler_options.samples = options.samples;
  sampler_options.method = options.method;
  MEND_TRY(ParameterSampler sampler,
           ParameterSampler::Create(source.definition, source.parameters, sampler_options));
  return ComputeCentralMoments(source, sampler, options.threads, control.collective, control.stop,
                               control.PhaseProgress("spread"));
}

}  // namespace

bool HasUncertaintyAversion(const CaseDefinition& definition) {
  for (std::size_t a = 0; a < definition.actors.size(); ++a) {
    if (definition.preference_kind[a] == PreferenceKind::kValuation &&
        definition.valuations[a]->uncertainty_aversion > 0) {
      return true;
    }
  }
  return false;
}

Verdict VerdictAgainst(const EfficiencyAgainst& block) {
  if (block.alternative) return Verdict::kAlternative;
  // Improving states without a* only happen when some decider's utilities are ordinal (the
  // recommendation needs cardinal gains).
  return block.improvements.empty() ? Verdict::kNotUnnecessary : Verdict::kImprovesOrdinal;
}

const EfficiencyAgainst* CaseAnalysis::DefaultBlock() const {
  if (const EfficiencyAgainst* central = CentralBlock()) return central;
  if (!central_default) return nullptr;
  for (const EfficiencyAgainst& block : efficiency.against) {
    if (block.default_state == *central_default) return &block;
  }
  return nullptr;
}

Verdict CaseAnalysis::CentralVerdict() const {
  const EfficiencyAgainst* block = DefaultBlock();
  return block == nullptr ? Verdict::kNoDefault : VerdictAgainst(*block);
}

const EfficiencyAgainst* CaseAnalysis::CentralBlock() const {
  if (!central_default || !central_alternative) return nullptr;
  for (const EfficiencyAgainst& block : efficiency.against) {
    if (block.default_state == *central_default && block.alternative &&
        block.alternative->state == *central_alternative) {
      return &block;
    }
  }
  return nullptr;
}

Result<CaseAnalysis> AnalyzeCase(const CompiledCase& source, const AnalysisOptions& options,
                                 const RunControl& control) {
  MEND_TRY(ValidateAnalysisOptions(options));
  CaseAnalysis analysis;
  analysis.source = &source;
  analysis.compiled = &source;
  analysis.options = options;
  analysis.sanctions = options.sanctions;
  analysis.uncertainty_averse = HasUncertaintyAversion(source.definition);
  const bool expectations = HasExpectationDimensions(source.definition);
  if (analysis.uncertainty_averse || expectations) {
    MEND_TRY(CentralMoments moments,
             MeasureCentralMoments(source, options, analysis.uncertainty_averse, control));
    auto adjusted = std::make_shared<CompiledCase>(source);
    if (expectations) {
      UseExpectedValues(*adjusted, std::move(moments.expected_values), options.samples);
      analysis.expected_standard_errors = std::move(moments.expected_standard_errors);
    }
    if (analysis.uncertainty_averse) {
      analysis.spread = std::move(moments.spread);
      ApplyUncertaintyAversion(source.definition, analysis.spread, adjusted->utilities);
    }
    analysis.adjusted = std::move(adjusted);
    analysis.compiled = analysis.adjusted.get();
  }
  MEND_TRY(control.Check("the analysis"));
  const CompiledCase& central = *analysis.compiled;

  StabilityOptions stability_options;
  stability_options.concepts = options.concepts;
  stability_options.sanctions = options.sanctions;
  stability_options.threads = options.threads;
  // One pass for both: the status-quo analysis reuses the engine's sorted moves.
  MEND_TRY(StabilityWithStatusQuo both,
           AnalyzeStabilityAndStatusQuo(central, stability_options, control.stop,
                                        control.PhaseProgress("stability")));
  analysis.report = std::move(both.report);
  analysis.status_quo = std::move(both.status_quo);
  MEND_TRY(control.Check("the analysis"));
  EfficiencyOptions efficiency_options;
  efficiency_options.concept_id = options.concept_id;
  MEND_TRY(analysis.efficiency,
           AnalyzeEfficiency(central, analysis.report, analysis.status_quo, efficiency_options));
  MEND_TRY(control.Check("the analysis"));
  ChooseCentralPair(analysis);
  const std::vector<ActorIndex> deciders = central.definition.Deciders();
  if (!analysis.status_quo.explicit_default && !deciders.empty()) {
    MEND_TRY(analysis.mover_orders,
             AnalyzeMoverOrders(central.space, central.utilities, deciders,
                                analysis.status_quo.status_quo, control.stop));
  }

  if (options.monte_carlo) {
    MonteCarloOptions mc_options;
    mc_options.seed = options.seed;
    mc_options.samples = options.samples;
    mc_options.method = options.method;
    mc_options.threads = options.threads;
    mc_options.concept_id = options.concept_id;
    mc_options.sanctions = options.sanctions;
    mc_options.keep_sample_gains = options.keep_sample_gains;
    MonteCarloCentral mc_central;
    mc_central.spread = analysis.uncertainty_averse ? &analysis.spread : nullptr;
    mc_central.utilities = central.utilities;
    mc_central.default_state = analysis.central_default;
    mc_central.alternative = analysis.central_alternative;
    MEND_TRY(analysis.montecarlo,
             RunMonteCarlo(source, mc_options, mc_central, control.collective, control.stop,
                           control.PhaseProgress("monte carlo")));
    MEND_TRY(control.Check("the analysis"));
    SensitivityOptions sensitivity_options;
    sensitivity_options.concept_id = options.concept_id;
    sensitivity_options.sanctions = options.sanctions;
    MEND_TRY(analysis.sensitivity,
             AnalyzeSensitivity(central, *analysis.montecarlo, sensitivity_options));
    std::vector<StateId> pair;
    if (analysis.central_default) pair.push_back(*analysis.central_default);
    if (analysis.central_alternative) pair.push_back(*analysis.central_alternative);
    analysis.convergence =
        CheckConvergence(source, *analysis.montecarlo,
                         analysis.uncertainty_averse ? &analysis.spread : nullptr, pair);
  }
  return analysis;
}

}  // namespace mend
