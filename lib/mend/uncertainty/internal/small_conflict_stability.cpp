// SPDX-License-Identifier: Apache-2.0
#include "mend/uncertainty/internal/small_conflict_stability.hpp"

#include <algorithm>
#include <limits>
#include <utility>

namespace mend::internal {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

}  // namespace

MoveLists BuildMoveLists(const StateSpace& space, std::span<const ActorIndex> deciders) {
  MoveLists lists;
  lists.states = space.size();
  lists.offsets.resize(deciders.size());
  lists.targets.resize(deciders.size());
  for (std::size_t p = 0; p < deciders.size(); ++p) {
    lists.offsets[p].reserve(lists.states + 1);
    lists.offsets[p].push_back(0);
    for (std::uint32_t s = 0; s < lists.states; ++s) {
      space.ForEachMove(deciders[p], StateId{s},
                        [&](StateId t) { lists.targets[p].push_back(t.value); });
      lists.offsets[p].push_back(static_cast<std::uint32_t>(lists.targets[p].size()));
    }
  }
  return lists;
}

std::uint64_t CountMoveEntries(const StateSpace& space, std::span<const ActorIndex> deciders,
                               std::uint64_t limit) {
  std::uint64_t count = 0;
  for (const ActorIndex d : deciders) {
    for (std::uint32_t s = 0; s < space.size() && count <= limit; ++s) {
      space.ForEachMove(d, StateId{s}, [&](StateId) { ++count; });
    }
  }
  return count;
}

// Strongly connected components of the union of the opponents' graphs in `moves` (their moves,
// or their improvements), by Tarjan's algorithm without recursion over the buffers of `search`.
// Components complete sinks first; `finished_edge(v, t)` is called for each edge whose target's
// component is already complete, `component(members)` when a component completes (its members
// are a span of the stack, valid during the call).
template <typename Search, typename FinishedEdge, typename Component>
void Tarjan(Search& search, const MoveLists& moves, std::span<const std::uint32_t> opponents,
            FinishedEdge&& finished_edge, Component&& component) {
  const auto states = static_cast<std::uint32_t>(moves.states);
  std::fill(search.index.begin(), search.index.end(), 0U);
  search.stack.clear();
  search.frames.clear();
  std::uint32_t counter = 0;
  const auto opponent_count = static_cast<std::uint32_t>(opponents.size());
  auto first_move = [&](std::uint32_t v) {
    return opponent_count == 0 ? 0U : moves.offsets[opponents[0]][v];
  };
  auto open = [&](std::uint32_t v) {
    search.index[v] = search.low[v] = ++counter;
    search.on_stack[v] = 1;
    search.stack.push_back(v);
    search.frames.push_back({v, 0, first_move(v)});
  };
  for (std::uint32_t root = 0; root < states; ++root) {
    if (search.index[root] != 0) continue;
    open(root);
    while (!search.frames.empty()) {
      auto& frame = search.frames.back();
      const std::uint32_t v = frame.node;
      // The next kept edge of v, if any.
      std::uint32_t next = states;
      while (frame.opponent < opponent_count) {
        const std::uint32_t p = opponents[frame.opponent];
        if (frame.move < moves.offsets[p][v + 1]) {
          next = moves.targets[p][frame.move++];
          break;
        }
        if (++frame.opponent < opponent_count)
          frame.move = moves.offsets[opponents[frame.opponent]][v];
      }
      if (next != states) {
        if (search.index[next] == 0) {
          open(next);  // invalidates `frame`
        } else if (search.on_stack[next]) {
          search.low[v] = std::min(search.low[v], search.index[next]);
        } else {
          finished_edge(v, next);
        }
        continue;
      }
      search.frames.pop_back();
      if (search.low[v] == search.index[v]) {
        const auto begin = static_cast<std::size_t>(
            std::find(search.stack.rbegin(), search.stack.rend(), v).base() - 1 -
            search.stack.begin());
        const std::span<const std::uint32_t> members(search.stack.data() + begin,
                                                     search.stack.size() - begin);
        for (const std::uint32_t x : members) search.on_stack[x] = 0;
        component(members);
        search.stack.resize(begin);
      }
      if (!search.frames.empty()) {
        const std::uint32_t parent = search.frames.back().node;
        if (search.on_stack[v]) {
          search.low[parent] = std::min(search.low[parent], search.low[v]);
        } else {
          finished_edge(parent, v);
        }
      }
    }
  }
}

SmallConflictStability::SmallConflictStability(std::shared_ptr<const MoveLists> moves,
                                               SanctionRule rule)
    : moves_(std::move(moves)), rule_(rule), deciders_(moves_->offsets.size()) {
  const std::size_t states = moves_->states;
  opponents_.resize(deciders_);
  for (std::size_t f = 0; f < deciders_; ++f) {
    for (std::size_t d = 0; d < deciders_; ++d) {
      if (d != f) opponents_[f].push_back(static_cast<std::uint32_t>(d));
    }
  }
  secure_.assign(states, 0.0);
  gmr_.assign(states, 0.0);
  smr_.assign(states, 0.0);
  seq_.assign(states, 0.0);
  component_gmr_.assign(states, 0.0);
  component_smr_.assign(states, 0.0);
  search_.index.assign(states, 0);
  search_.low.assign(states, 0);
  search_.on_stack.assign(states, 0);
  search_.stack.reserve(states);
  search_.frames.reserve(states);
  if (rule_ == SanctionRule::kTextbook) {
    improvements_.states = states;
    for (std::size_t p = 0; p < deciders_; ++p) {
      improvements_.offsets.emplace_back(states + 1, 0U);
      improvements_.targets.emplace_back(moves_->targets[p].size(), 0U);
    }
    condensed_.resize(deciders_);
    for (std::size_t f = 0; f < deciders_; ++f) Condense(f);
  }
}

void SmallConflictStability::Condense(std::size_t focal) {
  const std::size_t states = moves_->states;
  Condensation& c = condensed_[focal];
  c.component.assign(states, 0);
  c.member_offsets = {0};
  c.members.clear();
  Tarjan(
      search_, *moves_, opponents_[focal], [](std::uint32_t, std::uint32_t) {},
      [&](std::span<const std::uint32_t> members) {
        const auto id = static_cast<std::uint32_t>(c.member_offsets.size() - 1);
        for (const std::uint32_t x : members) {
          c.component[x] = id;
          c.members.push_back(x);
        }
        c.member_offsets.push_back(static_cast<std::uint32_t>(c.members.size()));
      });
  // Successor components; every one has a lower id, so a pass in id order sees them final.
  const std::size_t components = c.member_offsets.size() - 1;
  std::vector<std::uint32_t> seen(components, std::numeric_limits<std::uint32_t>::max());
  c.successor_offsets = {0};
  c.successors.clear();
  for (std::uint32_t id = 0; id < components; ++id) {
    seen[id] = id;
    for (std::uint32_t m = c.member_offsets[id]; m < c.member_offsets[id + 1]; ++m) {
      const std::uint32_t x = c.members[m];
      for (const std::uint32_t p : opponents_[focal]) {
        for (std::uint32_t e = moves_->offsets[p][x]; e < moves_->offsets[p][x + 1]; ++e) {
          const std::uint32_t to = c.component[moves_->targets[p][e]];
          if (seen[to] == id) continue;
          seen[to] = id;
          c.successors.push_back(to);
        }
      }
    }
    c.successor_offsets.push_back(static_cast<std::uint32_t>(c.successors.size()));
  }
}

// Why minima over closures decide GMR, SMR and SEQ (docs/analyses.md gives the definitions).
//
// For an improvement s1 of the focal decider i from s, each concept asks whether some sanction
// s2 satisfies weight(s2) <= u_i(s) + ε_i, where weight is u_i (GMR, SEQ) or max(u_i(s2),
// u_i over R_i(s2)) (SMR). That depends on s only through the bar, so per s1 it is the minimum
// of the weight over the sanctions from s1, computed once per sample.
//
// Textbook rule: the sanctions from s1 are R_{N∖i}(s1) (R⁺_{N∖i}(s1) for SEQ), the states
// reached by a legal sequence of the opponents' moves (improvements). Those are exactly the
// states y != s1 reachable from s1 in the union of the opponents' move (improvement) graphs: a
// shortest path never has two consecutive moves of one decider, as two such moves chain into
// one move of that decider or cancel out (the stability engine, lib/mend/stability, states the
// full argument, including why improvements with a threshold compose). Counting s1 itself
// changes nothing: u_i(s1) > u_i(s) + ε_i, and the SMR weight is at least u_i(s1). So the
// minimum over the reflexive closure of s1 decides, and it is the same for every state of s1's
// strongly connected component: the minimum over the component and the components it reaches.
//
// gmcr-plus rule: the sanctions are single moves (single improvements for SEQ) of a single
// opponent, so the minimum is over s1 and its opponents' moves directly.
void SmallConflictStability::TextbookMoves(std::size_t focal) {
  const Condensation& c = condensed_[focal];
  const std::size_t components = c.member_offsets.size() - 1;
  for (std::size_t id = 0; id < components; ++id) {
    double g = kInfinity;
    double r = kInfinity;
    for (std::uint32_t m = c.member_offsets[id]; m < c.member_offsets[id + 1]; ++m) {
      const std::uint32_t x = c.members[m];
      g = std::min(g, u_[x]);
      r = std::min(r, secure_[x]);
    }
    for (std::uint32_t e = c.successor_offsets[id]; e < c.successor_offsets[id + 1]; ++e) {
      g = std::min(g, component_gmr_[c.successors[e]]);
      r = std::min(r, component_smr_[c.successors[e]]);
    }
    component_gmr_[id] = g;
    component_smr_[id] = r;
  }
  for (std::size_t s = 0; s < moves_->states; ++s) {
    gmr_[s] = component_gmr_[c.component[s]];
    smr_[s] = component_smr_[c.component[s]];
  }
}

// Every decider's improvements, filtered from its moves into buffers of the same size.
void SmallConflictStability::FindImprovements(const UtilityTable& table,
                                              std::span<const ActorIndex> deciders) {
  for (std::size_t p = 0; p < deciders_; ++p) {
    const double* u = table.utility[deciders[p].value].data();
    const double epsilon = table.indifference[deciders[p].value];
    const std::uint32_t* offsets = moves_->offsets[p].data();
    const std::uint32_t* targets = moves_->targets[p].data();
    std::uint32_t* kept_offsets = improvements_.offsets[p].data();
    std::uint32_t* kept = improvements_.targets[p].data();
    std::uint32_t count = 0;
    for (std::size_t s = 0; s < moves_->states; ++s) {
      kept_offsets[s] = count;
      const double bar = u[s] + epsilon;
      for (std::uint32_t m = offsets[s]; m < offsets[s + 1]; ++m) {
        if (u[targets[m]] > bar) kept[count++] = targets[m];
      }
    }
    kept_offsets[moves_->states] = count;
  }
}

void SmallConflictStability::TextbookImprovements(std::size_t focal) {
  for (std::size_t s = 0; s < moves_->states; ++s) seq_[s] = u_[s];
  Tarjan(
      search_, improvements_, opponents_[focal],
      [&](std::uint32_t v, std::uint32_t t) { seq_[v] = std::min(seq_[v], seq_[t]); },
      [&](std::span<const std::uint32_t> members) {
        double least = kInfinity;
        for (const std::uint32_t x : members) least = std::min(least, seq_[x]);
        for (const std::uint32_t x : members) seq_[x] = least;
      });
}

void SmallConflictStability::SingleMoves(std::size_t focal, const UtilityTable& table,
                                         std::span<const ActorIndex> deciders) {
  for (std::size_t s = 0; s < moves_->states; ++s) {
    double g = u_[s];
    double r = secure_[s];
    double e = u_[s];
    for (const std::uint32_t p : opponents_[focal]) {
      const double* uj = table.utility[deciders[p].value].data();
      const double bar = uj[s] + table.indifference[deciders[p].value];
      for (std::uint32_t m = moves_->offsets[p][s]; m < moves_->offsets[p][s + 1]; ++m) {
        const std::uint32_t t = moves_->targets[p][m];
        g = std::min(g, u_[t]);
        r = std::min(r, secure_[t]);
        if (uj[t] > bar) e = std::min(e, u_[t]);
      }
    }
    gmr_[s] = g;
    smr_[s] = r;
    seq_[s] = e;
  }
}

// s is stable for the focal decider under a concept when every improvement s1 from s is
// sanctioned: the concept's minimum at s1 is at or below the bar u_i(s) + ε_i.
void SmallConflictStability::Analyze(const UtilityTable& table,
                                     std::span<const ActorIndex> deciders,
                                     std::span<std::uint8_t> equilibrium) {
  const std::size_t states = moves_->states;
  std::fill(equilibrium.begin(), equilibrium.end(), kAllConceptBits);
  if (rule_ == SanctionRule::kTextbook) FindImprovements(table, deciders);
  for (std::size_t f = 0; f < deciders_; ++f) {
    u_ = table.utility[deciders[f].value].data();
    const double epsilon = table.indifference[deciders[f].value];
    const std::uint32_t* offsets = moves_->offsets[f].data();
    const std::uint32_t* targets = moves_->targets[f].data();
    for (std::size_t s = 0; s < states; ++s) {
      double best = u_[s];
      for (std::uint32_t m = offsets[s]; m < offsets[s + 1]; ++m)
        best = std::max(best, u_[targets[m]]);
      secure_[s] = best;
    }
    if (rule_ == SanctionRule::kTextbook) {
      TextbookMoves(f);
      TextbookImprovements(f);
    } else {
      SingleMoves(f, table, deciders);
    }
    ClearUnstable(states, offsets, targets, u_, epsilon, {gmr_.data(), smr_.data(), seq_.data()},
                  equilibrium.data());
  }
}

}  // namespace mend::internal
