// SPDX-License-Identifier: Apache-2.0
//
// The readable (text or Markdown) outputs of the lenses: `mend viability`, `mend perceptions`,
// `mend dynamics`, and the linkage section of `mend analyze PORTFOLIO`.
//
// Example:
//   std::string text = ViabilityText(compiled, report, /*markdown=*/false);
#pragma once

#include <string>

#include "mend/lenses/attachment.hpp"
#include "mend/lenses/dynamics.hpp"
#include "mend/lenses/linkage.hpp"
#include "mend/lenses/perception.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

std::string ViabilityText(const CompiledCase& compiled, const ViabilityReport& report,
                          bool markdown);
std::string PerceptionsText(const CompiledCase& compiled, const PerceptionAnalysis& analysis,
                            bool markdown);
std::string DynamicsText(const CompiledCase& compiled, const DynamicsOptions& options,
                         const DynamicsReport& report, bool markdown);
/// The no-linkage analysis of a portfolio.
std::string LinkageText(const LinkageAnalysis& linkage, bool markdown);
/// One sentence on what refusing linkage costs (a) the issues alone and (b) with transfers inside
/// them against (c) the linked deal — or that the linked search was too small to tell (the
/// text's last item and the JSON's `verdict`).
std::string LinkageVerdict(const LinkageAnalysis& linkage);
/// Why issue `c` adds nothing to (b) beyond (a), in words; "" when it has a transfer.
std::string IssueTransferReason(const LinkageAnalysis& linkage, std::size_t c);

}  // namespace mend
