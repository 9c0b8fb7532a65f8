// SPDX-License-Identifier: Apache-2.0
#include "mend/engine/coalition_run.hpp"

namespace mend {

Result<CoalitionReport> RunCoalitions(const CompiledCase& compiled,
                                      std::span<const CoalitionMembers> coalitions,
                                      const CoalitionOptions& options, const RunControl& control) {
  return AnalyzeCoalitions(compiled, coalitions, options, control.stop);
}

}  // namespace mend
