// SPDX-License-Identifier: Apache-2.0
//
// The stability engine with its by-product kept: every decider's MoveGroups, which the
// status-quo analysis reuses instead of sorting the states again.
#pragma once

#include <optional>
#include <span>
#include <stop_token>
#include <vector>

#include "mend/stability/internal/move_groups.hpp"
#include "mend/stability/stability.hpp"

namespace mend::internal {

struct EngineResult {
  StabilityReport report;
  /// Per decider position; they refer to `utilities`, which must outlive them.
  std::vector<std::optional<MoveGroups>> groups;
};

/// AnalyzeStability (same arguments, errors and cost), also returning the MoveGroups.
Result<EngineResult> RunStabilityEngine(const StateSpace& space, const UtilityTable& utilities,
                                        std::span<const ActorIndex> deciders,
                                        const StabilityOptions& options, std::stop_token stop,
                                        const ProgressCallback& progress);

}  // namespace mend::internal
