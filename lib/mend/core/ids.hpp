// SPDX-License-Identifier: Apache-2.0
//
// Strong index types: a StateId cannot be passed where an ActorIndex is expected.
//
// Example:
//   StateId state{3};
//   utilities[state.value];
#pragma once

#include <compare>
#include <cstdint>

namespace mend {

/// An index wrapped in a type of its own, so indices of different tables do not mix.
template <typename Tag, typename Underlying = std::uint32_t>
struct StrongIndex {
  Underlying value = 0;

  constexpr StrongIndex() = default;
  constexpr explicit StrongIndex(Underlying v) : value(v) {}
  friend constexpr auto operator<=>(StrongIndex, StrongIndex) = default;
};

/// Index of a feasible state in ascending order of its option bits; its number is value + 1.
using StateId = StrongIndex<struct StateTag>;
/// Index of an actor in file order (deciders and affected alike).
using ActorIndex = StrongIndex<struct ActorTag>;
/// Index of an option in file order; also its bit position in a state's code.
using OptionIndex = StrongIndex<struct OptionTag>;
/// Index of a dimension in file order.
using DimensionIndex = StrongIndex<struct DimensionTag>;
/// Index of a parameter in file order.
using ParameterIndex = StrongIndex<struct ParameterTag>;

/// A state's option bits: bit k is option k (Y = 1).
using StateCode = std::uint64_t;

}  // namespace mend
