// SPDX-License-Identifier: Apache-2.0
#include "budget.hpp"

#include <limits>

#include <fmt/format.h>

namespace mend::server {
namespace {

// Measured on `mend validate` and `mend brief` (see docs/api.md, "Limits"): a compiled case
// costs about this much per feasible state and per state and actor; a sampled analysis about
// this much per sample and actor, plus per sample, state and actor for the spreads it keeps.
constexpr std::uint64_t kBytesPerState = 128;
constexpr std::uint64_t kBytesPerStateActor = 64;
constexpr std::uint64_t kBytesPerSampleActor = 64;
constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();

std::uint64_t Multiply(std::uint64_t a, std::uint64_t b) {
  if (a != 0 && b > kMax / a) return kMax;
  return a * b;
}

std::uint64_t Add(std::uint64_t a, std::uint64_t b) { return b > kMax - a ? kMax : a + b; }

std::string Bytes(std::uint64_t bytes) {
  if (bytes == kMax) return "more than 16 EiB";
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

}  // namespace

std::uint64_t MemoryBudget::Estimate(const WorkSize& work) {
  const std::uint64_t per_state = Add(kBytesPerState, Multiply(kBytesPerStateActor, work.actors));
  const std::uint64_t sampling =
      Multiply(Multiply(kBytesPerSampleActor, work.actors), work.samples);
  return Add(Multiply(work.states, per_state), sampling);
}

std::uint64_t MemoryBudget::MaxStates(std::uint64_t actors, std::uint64_t samples) const {
  if (max_bytes == 0) return kMax;
  const std::uint64_t sampling = Estimate({0, actors, samples});
  if (sampling >= max_bytes) return 1;
  const std::uint64_t per_state = Add(kBytesPerState, Multiply(kBytesPerStateActor, actors));
  const std::uint64_t states = (max_bytes - sampling) / per_state;
  return states == 0 ? 1 : states;
}

std::optional<std::string> MemoryBudget::Check(const WorkSize& work) const {
  if (max_bytes == 0) return std::nullopt;
  const std::uint64_t estimate = Estimate(work);
  if (estimate <= max_bytes) return std::nullopt;
  return fmt::format(
      "the work is estimated at {} ({} feasible states × {} actors, {} samples), above this "
      "server's budget of {} per request (--max-memory); use fewer options or samples",
      Bytes(estimate), work.states, work.actors, work.samples, Bytes(max_bytes));
}

std::string MemoryBudget::StatesRefusal(std::uint64_t actors, std::uint64_t samples) const {
  const std::uint64_t states = MaxStates(actors, samples);
  return fmt::format(
      "the case has more than {} feasible states; with {} actors and {} samples that is above "
      "this server's memory budget of {} per request (--max-memory); add constraints, use fewer "
      "samples, or run it with the CLI",
      states, actors, samples, Bytes(max_bytes));
}

}  // namespace mend::server
