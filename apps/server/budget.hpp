// SPDX-License-Identifier: Apache-2.0
//
// The memory budget of one request, estimated before any work starts from what drives it:
// feasible states × actors (a compiled case holds codes, utilities and effect terms per state
// and actor) and Monte Carlo samples × actors (the ledger values a run keeps). A request whose
// estimate exceeds the budget is refused with 422 and the numbers; the reader is given the
// largest state count the budget allows, so that enumeration stops there too.
//
// Example:
//   MemoryBudget budget{.max_bytes = 1 << 30};
//   std::uint64_t cap = budget.MaxStates(/*actors=*/3, /*samples=*/2000);
//   if (auto refusal = budget.Check({states, 3, 2000})) return Refuse(*refusal);
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace mend::server {

/// What a request asks the server to hold in memory.
struct WorkSize {
  std::uint64_t states = 0;
  std::uint64_t actors = 0;
  std::uint64_t samples = 0;
};

struct MemoryBudget {
  /// Bytes one request may use, by estimate; 0 turns the budget off.
  std::uint64_t max_bytes = std::uint64_t{1} << 30;

  /// Returns the estimated bytes of the work (saturating, never overflows).
  static std::uint64_t Estimate(const WorkSize& work);

  /// Returns the most feasible states a case with `actors` may have within the budget when
  /// `samples` are drawn; at least 1.
  std::uint64_t MaxStates(std::uint64_t actors, std::uint64_t samples) const;

  /// Returns a message naming the numbers when `work` exceeds the budget, else nullopt.
  std::optional<std::string> Check(const WorkSize& work) const;

  /// The message for a case refused because it has more than MaxStates(actors, samples)
  /// feasible states.
  std::string StatesRefusal(std::uint64_t actors, std::uint64_t samples) const;
};

}  // namespace mend::server
