// SPDX-License-Identifier: Apache-2.0
//
// The central analysis a brief or report is written from: stability, the default and the
// efficiency analysis, computed the way `mend analyze` computes them.
//
// Example:
//   MEND_TRY(CaseAnalysis analysis, AnalyzeCase(compiled, StabilityConcept::kSeq));
#pragma once

#include "mend/core/result.hpp"
#include "mend/io/analysis_json.hpp"

namespace mend {

/// Analyses `compiled` (textbook sanctions, every stability concept). Fails as
/// AnalyzeStability, AnalyzeStatusQuo and AnalyzeEfficiency fail.
[[nodiscard]] Result<CaseAnalysis> AnalyzeCase(const CompiledCase& compiled,
                                               StabilityConcept concept_id,
                                               SanctionRule sanctions = SanctionRule::kTextbook,
                                               unsigned threads = 0);

}  // namespace mend
