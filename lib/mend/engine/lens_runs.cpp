// SPDX-License-Identifier: Apache-2.0
#include "mend/engine/lens_runs.hpp"

#include <fmt/format.h>

#include "mend/model/pattern.hpp"

namespace mend {

Result<ViabilityReport> RunViability(const CaseAnalysis& analysis, StateId proposal) {
  ViabilityOptions options;
  options.samples = analysis.options.samples;
  options.seed = analysis.options.seed;
  return AnalyzeViability(*analysis.source, proposal, options);
}

Result<PerceptionAnalysis> RunPerceptions(const CaseAnalysis& analysis) {
  PerceptionOptions options;
  options.concept_id = analysis.options.concept_id;
  options.sanctions = analysis.options.sanctions;
  options.threads = analysis.options.threads;
  return AnalyzePerceptions(*analysis.compiled, options);
}

Result<DynamicsReport> RunDynamics(const CaseAnalysis& analysis, const DynamicsOptions& options,
                                   const RunControl& control) {
  const CaseDefinition& definition = analysis.compiled->definition;
  if (!analysis.central_default) {
    return Error::InvalidArgument(fmt::format(
        "case '{}': the default dynamics cycle and the case sets no default; expectation "
        "dynamics need a single default to engage from",
        definition.id));
  }
  if (!analysis.central_alternative) {
    return Error::InvalidArgument(fmt::format(
        "case '{}': nothing Pareto-improves the default {} (or utilities are ordinal), so there "
        "is no engagement whose expectations could be simulated",
        definition.id, analysis.compiled->space.Pattern(*analysis.central_default)));
  }
  return SimulateExpectations(*analysis.source,
                              Engagement{*analysis.central_default, *analysis.central_alternative},
                              options, control.stop);
}

Result<BridgeReport> RunBridge(const CaseAnalysis& analysis, std::optional<StateId> target,
                               std::size_t limit) {
  const CaseDefinition& definition = analysis.compiled->definition;
  if (!analysis.central_default) {
    return Error::InvalidArgument(fmt::format(
        "case '{}': the default dynamics cycle and the case sets no default; what it would take "
        "is measured against a single default",
        definition.id));
  }
  BridgeOptions options;
  options.concept_id = analysis.options.concept_id;
  options.sanctions = analysis.options.sanctions;
  options.threads = analysis.options.threads;
  options.target = target;
  options.alternative = analysis.central_alternative;
  options.limit = limit;
  return AnalyzeBridge(*analysis.compiled, analysis.report, *analysis.central_default,
                       analysis.efficiency.frontier_deciders, options, analysis.spread);
}

Result<StateId> FeasibleStateOf(const CompiledCase& compiled, const std::string& pattern,
                                std::string_view key) {
  const std::optional<StateCode> code = ParsePattern(pattern, compiled.space.option_count());
  const std::optional<StateId> state = code ? compiled.space.Find(*code) : std::nullopt;
  if (!state) {
    return Error::InvalidArgument(
        fmt::format("{}: {} is not a feasible state of {}; expected {} Y/N letters", key, pattern,
                    compiled.definition.id, compiled.space.option_count()));
  }
  return *state;
}

}  // namespace mend
