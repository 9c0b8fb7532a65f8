// SPDX-License-Identifier: Apache-2.0
//
// Sentences about the central analysis that every readable output shares (the analysis, the
// Monte Carlo, briefs and the report): whether the default depends on the order of moves, and
// how likely the central default and alternative are over the samples.
//
// Example:
//   page.Line(MoverOrdersSentence(analysis));
#pragma once

#include <string>

#include "mend/engine/case_analysis.hpp"

namespace mend {

/// "The default NNY does not depend on the order of moves (all 6 orders)." or "The default
/// depends on who moves first: NNY in 4 of the 6 orders; with ru moving first it would be NYN
/// (2 orders)."; empty when the case fixes its default.
std::string MoverOrdersSentence(const CaseAnalysis& analysis);

/// "Over the 2000 samples, the central default NNY is the default in 58.0% (±1.1), the central
/// alternative YYN the recommended alternative in 12.0% (±0.7); no state Pareto-improves a
/// sample's own default in 30.0%." Empty without the Monte Carlo.
std::string LikelihoodSentence(const CaseAnalysis& analysis);

/// "Expected costs are counted at their mean over the 2000 samples (seed 1), not at the
/// parameters' medians: war_risk (USD bn/yr)." Empty when no dimension is marked `expectation`.
std::string ExpectationSentence(const CaseAnalysis& analysis);

/// The interval on which the central conclusion — the default is, or is not, Pareto-dominated —
/// holds, for each parameter that alone can flip it: "The default stays Pareto-dominated while
/// war_cost stays between 120 and 5400 USD bn (p12–p97) and p_escalate above 0.00012 (from p3);
/// no other parameter alone flips it between p0.5 and p99.5." Empty without the sensitivity
/// analysis.
std::string HoldsSentence(const CaseAnalysis& analysis);

}  // namespace mend
