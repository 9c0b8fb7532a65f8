// SPDX-License-Identifier: Apache-2.0
//
// The switching values of the bridge (docs/analyses.md, "Bridge"): for each uncertain parameter,
// moved alone between its 5th and 95th percentiles with the others at their medians, the value
// nearest the median at which a blocked target starts to Pareto-improve the default.
#pragma once

#include <vector>

#include "mend/core/ids.hpp"
#include "mend/core/result.hpp"
#include "mend/lenses/bridge.hpp"

namespace mend::internal {

/// Scans every uncertain parameter (a grid of 9 quantile steps on each side of the median, then
/// 30 bisection steps) for the value at which `target` Pareto-improves `d` for `deciders`, with
/// utilities recomputed as in the Monte Carlo (ρ·sd from `spread`). Fails with kInvalidArgument
/// when a parameter value makes an effect not finite.
/// Cost: uncertain parameters × (18 + flips × 30) evaluations of every utility.
[[nodiscard]] Result<std::vector<BridgeParameterSwitch>> FindParameterSwitches(
    const CompiledCase& compiled, std::span<const ActorIndex> deciders, StateId target, StateId d,
    const UtilitySpread& spread);

}  // namespace mend::internal
