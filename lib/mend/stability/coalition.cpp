// SPDX-License-Identifier: Apache-2.0
#include "mend/stability/coalition.hpp"

#include <algorithm>
#include <bit>
#include <optional>
#include <string>

namespace mend {
namespace {

std::uint8_t Bit(StabilityConcept c) {
  return static_cast<std::uint8_t>(1U << static_cast<unsigned>(c));
}

// The states reachable from a start by a legal sequence of one or more unilateral moves (or
// unilateral improvements) of a group of movers: a search over (state, last mover), since the
// same state reached by a different last mover allows different next moves. Buffers are reused
// between calls through generation stamps.
class LegalSequences {
 public:
  LegalSequences(const StateSpace& space, const UtilityTable& utilities,
                 std::vector<ActorIndex> movers)
      : space_(space),
        utilities_(utilities),
        movers_(std::move(movers)),
        pair_stamp_(space.size() * std::max<std::size_t>(1, movers_.size()), 0),
        state_stamp_(space.size(), 0) {}

  // Returns the reachable states, ascending.
  std::vector<std::uint32_t> From(StateId start, bool improvements) {
    ++generation_;
    std::vector<std::uint32_t> reached;
    queue_.clear();
    const std::size_t m_count = movers_.size();
    auto push = [&](StateId state, std::size_t mover) {
      const std::size_t key = state.value * m_count + mover;
      if (pair_stamp_[key] == generation_) return;
      pair_stamp_[key] = generation_;
      queue_.emplace_back(state.value, static_cast<std::uint32_t>(mover));
      if (state_stamp_[state.value] != generation_) {
        state_stamp_[state.value] = generation_;
        reached.push_back(state.value);
      }
    };
    auto expand = [&](StateId from, std::size_t not_mover) {
      for (std::size_t m = 0; m < m_count; ++m) {
        if (m == not_mover) continue;
        const ActorIndex actor = movers_[m];
        space_.ForEachMove(actor, from, [&](StateId to) {
          if (!improvements || utilities_.Prefers(actor, to, from)) push(to, m);
        });
      }
    };
    expand(start, m_count);
    for (std::size_t head = 0; head < queue_.size(); ++head) {
      const auto [state, mover] = queue_[head];
      expand(StateId{state}, mover);
    }
    std::sort(reached.begin(), reached.end());
    return reached;
  }

 private:
  const StateSpace& space_;
  const UtilityTable& utilities_;
  std::vector<ActorIndex> movers_;
  std::vector<std::uint32_t> pair_stamp_;
  std::vector<std::uint32_t> state_stamp_;
  std::uint32_t generation_ = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> queue_;
};

class CoalitionAnalysis {
 public:
  CoalitionAnalysis(const StateSpace& space, const UtilityTable& utilities,
                    const CoalitionMembers& coalition, std::vector<ActorIndex> others)
      : space_(space),
        utilities_(utilities),
        coalition_(coalition),
        own_(space, utilities, coalition),
        others_(space, utilities, std::move(others)),
        other_moves_(space.size()),
        other_improvements_(space.size()) {}

  // t ≻_H s: every member strictly prefers t to s.
  bool AllPrefer(std::uint32_t t, std::uint32_t s) const {
    return std::all_of(coalition_.begin(), coalition_.end(), [&](ActorIndex member) {
      return utilities_.Prefers(member, StateId{t}, StateId{s});
    });
  }

  Status Run(std::span<const StabilityConcept> concepts, std::size_t position,
             CoalitionReport& report, const std::stop_token& stop) {
    const std::size_t n = space_.size();
    std::vector<std::vector<std::uint32_t>> own_moves(n);
    for (std::uint32_t s = 0; s < n; ++s) {
      if ((s & 255U) == 0 && stop.stop_requested()) {
        return Error::Cancelled("coalition analysis cancelled");
      }
      own_moves[s] = own_.From(StateId{s}, false);
    }
    for (std::uint32_t s = 0; s < n; ++s) {
      if ((s & 255U) == 0 && stop.stop_requested()) {
        return Error::Cancelled("coalition analysis cancelled");
      }
      std::vector<std::uint32_t> improvements;
      for (std::uint32_t t : own_moves[s]) {
        if (AllPrefer(t, s)) improvements.push_back(t);
      }
      // A sanction deters when some member is no better off than at s.
      auto deters = [&](std::uint32_t x) { return !AllPrefer(x, s); };
      auto deters_symmetric = [&](std::uint32_t x) {
        return deters(x) && std::all_of(own_moves[x].begin(), own_moves[x].end(), deters);
      };
      for (StabilityConcept c : concepts) {
        bool stable = true;
        for (std::uint32_t s1 : improvements) {
          bool sanctioned = false;
          switch (c) {
            case StabilityConcept::kNash:
              break;
            case StabilityConcept::kGmr: {
              const auto& reach = OtherMoves(s1);
              sanctioned = std::any_of(reach.begin(), reach.end(), deters);
              break;
            }
            case StabilityConcept::kSmr: {
              const auto& reach = OtherMoves(s1);
              sanctioned = std::any_of(reach.begin(), reach.end(), deters_symmetric);
              break;
            }
            case StabilityConcept::kSeq: {
              const auto& reach = OtherImprovements(s1);
              sanctioned = std::any_of(reach.begin(), reach.end(), deters);
              break;
            }
          }
          if (!sanctioned) {
            stable = false;
            break;
          }
        }
        if (stable) report.SetStable(c, position, StateId{s});
      }
    }
    return Ok();
  }

 private:
  const std::vector<std::uint32_t>& OtherMoves(std::uint32_t s1) {
    auto& cached = other_moves_[s1];
    if (!cached) cached = others_.From(StateId{s1}, false);
    return *cached;
  }
  const std::vector<std::uint32_t>& OtherImprovements(std::uint32_t s1) {
    auto& cached = other_improvements_[s1];
    if (!cached) cached = others_.From(StateId{s1}, true);
    return *cached;
  }

  const StateSpace& space_;
  const UtilityTable& utilities_;
  const CoalitionMembers& coalition_;
  LegalSequences own_;
  LegalSequences others_;
  std::vector<std::optional<std::vector<std::uint32_t>>> other_moves_;
  std::vector<std::optional<std::vector<std::uint32_t>>> other_improvements_;
};

}  // namespace

CoalitionReport::CoalitionReport(std::vector<CoalitionMembers> coalitions,
                                 std::vector<StabilityConcept> concepts, std::size_t state_count)
    : coalitions_(std::move(coalitions)), state_count_(state_count) {
  for (StabilityConcept c : kAllStabilityConcepts) {
    if (std::find(concepts.begin(), concepts.end(), c) != concepts.end()) concepts_.push_back(c);
  }
  marks_.assign(coalitions_.size(), std::vector<std::uint8_t>(state_count, 0));
}

bool CoalitionReport::Has(StabilityConcept concept_id) const {
  return std::find(concepts_.begin(), concepts_.end(), concept_id) != concepts_.end();
}

bool CoalitionReport::IsStable(StabilityConcept concept_id, std::size_t position,
                               StateId state) const {
  MEND_ASSERT(Has(concept_id), "concept not analysed");
  return (marks_[position][state.value] & Bit(concept_id)) != 0;
}

std::vector<StateId> CoalitionReport::StableStates(StabilityConcept concept_id,
                                                   std::size_t position) const {
  std::vector<StateId> states;
  for (std::uint32_t s = 0; s < state_count_; ++s) {
    if (IsStable(concept_id, position, StateId{s})) states.push_back(StateId{s});
  }
  return states;
}

bool CoalitionReport::IsEquilibrium(StabilityConcept concept_id, StateId state) const {
  for (std::size_t h = 0; h < coalitions_.size(); ++h) {
    if (!IsStable(concept_id, h, state)) return false;
  }
  return true;
}

std::vector<StateId> CoalitionReport::Equilibria(StabilityConcept concept_id) const {
  std::vector<StateId> states;
  for (std::uint32_t s = 0; s < state_count_; ++s) {
    if (IsEquilibrium(concept_id, StateId{s})) states.push_back(StateId{s});
  }
  return states;
}

void CoalitionReport::SetStable(StabilityConcept concept_id, std::size_t position, StateId state) {
  marks_[position][state.value] |= Bit(concept_id);
}

std::vector<CoalitionMembers> AllCoalitions(std::span<const ActorIndex> deciders) {
  MEND_ASSERT(deciders.size() <= 16, "too many deciders to list every coalition");
  const std::uint32_t n = static_cast<std::uint32_t>(deciders.size());
  std::vector<std::uint32_t> masks;
  for (std::uint32_t mask = 1; mask < (1U << n); ++mask) masks.push_back(mask);
  // By size, then by the members' positions read as a word (first decider most significant).
  auto key = [&](std::uint32_t mask) {
    std::uint32_t reversed = 0;
    for (std::uint32_t d = 0; d < n; ++d) {
      if ((mask >> d) & 1U) reversed |= 1U << (n - 1 - d);
    }
    return std::pair<int, std::uint32_t>(std::popcount(mask), ~reversed);
  };
  std::sort(masks.begin(), masks.end(),
            [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
  std::vector<CoalitionMembers> coalitions;
  for (std::uint32_t mask : masks) {
    CoalitionMembers members;
    for (std::uint32_t d = 0; d < n; ++d) {
      if ((mask >> d) & 1U) members.push_back(deciders[d]);
    }
    coalitions.push_back(std::move(members));
  }
  return coalitions;
}

Result<CoalitionReport> AnalyzeCoalitions(const StateSpace& space, const UtilityTable& utilities,
                                          std::span<const ActorIndex> deciders,
                                          std::span<const CoalitionMembers> coalitions,
                                          const CoalitionOptions& options, std::stop_token stop) {
  if (deciders.empty()) return Error::InvalidArgument("coalition analysis needs deciders");
  if (space.size() > options.max_states) {
    return Error::InvalidArgument("coalition analysis is limited to " +
                                  std::to_string(options.max_states) +
                                  " feasible states; the case has " + std::to_string(space.size()));
  }
  for (std::size_t h = 0; h < coalitions.size(); ++h) {
    const CoalitionMembers& coalition = coalitions[h];
    if (coalition.empty()) {
      return Error::InvalidArgument("coalition " + std::to_string(h + 1) + " is empty");
    }
    for (std::size_t m = 0; m < coalition.size(); ++m) {
      if (std::find(deciders.begin(), deciders.end(), coalition[m]) == deciders.end()) {
        return Error::InvalidArgument("coalition " + std::to_string(h + 1) + " names actor " +
                                      std::to_string(coalition[m].value) +
                                      ", which is not a decider");
      }
      if (std::find(coalition.begin(), coalition.begin() + static_cast<std::ptrdiff_t>(m),
                    coalition[m]) != coalition.begin() + static_cast<std::ptrdiff_t>(m)) {
        return Error::InvalidArgument("coalition " + std::to_string(h + 1) + " names actor " +
                                      std::to_string(coalition[m].value) + " twice");
      }
    }
  }
  CoalitionReport report({coalitions.begin(), coalitions.end()}, options.concepts, space.size());
  for (std::size_t h = 0; h < coalitions.size(); ++h) {
    std::vector<ActorIndex> others;
    for (ActorIndex d : deciders) {
      if (std::find(coalitions[h].begin(), coalitions[h].end(), d) == coalitions[h].end()) {
        others.push_back(d);
      }
    }
    CoalitionAnalysis analysis(space, utilities, coalitions[h], std::move(others));
    MEND_TRY(analysis.Run(report.concepts(), h, report, stop));
  }
  return report;
}

Result<CoalitionReport> AnalyzeCoalitions(const CompiledCase& compiled,
                                          std::span<const CoalitionMembers> coalitions,
                                          const CoalitionOptions& options, std::stop_token stop) {
  const std::vector<ActorIndex> deciders = compiled.definition.Deciders();
  return AnalyzeCoalitions(compiled.space, compiled.utilities, deciders, coalitions, options,
                           std::move(stop));
}

}  // namespace mend
