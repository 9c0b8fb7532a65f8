// SPDX-License-Identifier: Apache-2.0
#include "mend/report/case_analysis.hpp"

#include "mend/efficiency/efficiency.hpp"
#include "mend/stability/stability.hpp"
#include "mend/stability/status_quo_analysis.hpp"

namespace mend {

Result<CaseAnalysis> AnalyzeCase(const CompiledCase& compiled, StabilityConcept concept_id,
                                 SanctionRule sanctions, unsigned threads) {
  CaseAnalysis analysis;
  analysis.compiled = &compiled;
  analysis.sanctions = sanctions;
  StabilityOptions options;
  options.sanctions = sanctions;
  options.threads = threads;
  MEND_TRY(analysis.report, AnalyzeStability(compiled, options));
  MEND_TRY(analysis.status_quo, AnalyzeStatusQuo(compiled, analysis.report));
  EfficiencyOptions efficiency_options;
  efficiency_options.concept_id = concept_id;
  MEND_TRY(analysis.efficiency,
           AnalyzeEfficiency(compiled, analysis.report, analysis.status_quo, efficiency_options));
  return analysis;
}

}  // namespace mend
