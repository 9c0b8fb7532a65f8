// SPDX-License-Identifier: Apache-2.0
#include "mend/engine/analysis_options.hpp"

#include <algorithm>

namespace mend {

Status ValidateAnalysisOptions(const AnalysisOptions& options) {
  if (std::find(options.concepts.begin(), options.concepts.end(), options.concept_id) ==
      options.concepts.end()) {
    return Error::InvalidArgument("concepts: must include the concept a* prefers (option concept)");
  }
  if (options.monte_carlo && options.samples == 0) {
    return Error::InvalidArgument("samples: expected at least 1 for a Monte Carlo run");
  }
  return Ok();
}

Result<AnalysisOptions> ToAnalysisOptions(const CommandOptions& given) {
  AnalysisOptions options;
  if (given.Has("concept")) options.concept_id = *ParseStabilityConcept(given.Text("concept"));
  if (given.Has("concepts")) {
    options.concepts.clear();
    for (const std::string& name : given.Texts("concepts")) {
      options.concepts.push_back(*ParseStabilityConcept(name));
    }
    // Stability alone reports no a*; let the preferred concept be one of those analysed.
    if (!given.Has("concept")) options.concept_id = options.concepts.back();
  }
  if (given.Has("sanctions")) options.sanctions = *ParseSanctionRule(given.Text("sanctions"));
  if (given.Has("samples")) options.samples = given.Count("samples");
  if (given.Has("seed")) options.seed = given.Count("seed");
  if (given.Has("method")) {
    options.method = given.Text("method") == "lhs" ? SamplingMethod::kLatinHypercube
                                                   : SamplingMethod::kMonteCarlo;
  }
  if (given.Has("threads")) options.threads = static_cast<unsigned>(given.Count("threads"));
  options.monte_carlo = given.spec != nullptr && given.spec->name == "montecarlo";
  MEND_TRY(ValidateAnalysisOptions(options));
  return options;
}

Result<DynamicsOptions> ToDynamicsOptions(const CommandOptions& given) {
  DynamicsOptions options;
  MEND_TRY(AnalysisOptions analysis, ToAnalysisOptions(given));
  options.concept_id = analysis.concept_id;
  options.sanctions = analysis.sanctions;
  options.seed = analysis.seed;
  options.threads = analysis.threads;
  if (given.Has("rounds")) options.rounds = given.Count("rounds");
  if (given.Has("runs")) options.runs = given.Count("runs");
  if (given.Has("kappas")) options.kappas = given.Numbers("kappas");
  if (given.Has("alpha")) options.alpha = given.Number("alpha");
  if (given.Has("theta")) options.theta = given.Number("theta");
  if (given.Has("quantile")) options.quantile = given.Number("quantile");
  if (given.Has("patience")) options.patience = given.Count("patience");
  if (given.Has("crisis_length")) options.crisis_length = given.Count("crisis_length");
  MEND_TRY(ValidateDynamicsOptions(options));
  return options;
}

}  // namespace mend
