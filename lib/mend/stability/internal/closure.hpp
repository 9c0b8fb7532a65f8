// SPDX-License-Identifier: Apache-2.0
//
// Minimum of per-state weights over everything reachable in an implicit directed graph, in
// O(states + edges) time and O(states) memory: Tarjan's strongly connected components, run
// iteratively, with a dynamic programme over the condensation (a component's value is the
// minimum over its members' weights and the values of the components it points to; Tarjan
// completes components in reverse topological order, so those are final when needed).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <stop_token>
#include <vector>

namespace mend::internal {

template <std::size_t K>
void Merge(std::array<double, K>& into, const std::array<double, K>& from) {
  for (std::size_t k = 0; k < K; ++k) into[k] = std::min(into[k], from[k]);
}

/// One state of the search: its K values, then Tarjan's index and lowlink, in one record so
/// that following an edge costs one cache miss (the graphs are large and their edges random).
template <std::size_t K>
struct ClosureNode {
  std::array<double, K> value;
  std::uint32_t index;
  std::uint32_t low;
};

/// For every state x of 0..count-1, nodes[x].value[k] = min over y reachable from x (x
/// included) of weight(y)[k]. `successors(x, emit)` calls emit(y) for every edge x -> y
/// (y != x). Returns false (with unspecified values) when `stop` was requested.
template <std::size_t K, typename Successors, typename Weight>
bool MinOverClosure(std::uint32_t count, Successors&& successors, Weight&& weight,
                    std::vector<ClosureNode<K>>& nodes, std::stop_token stop) {
  constexpr std::uint32_t kUnvisited = 0;
  constexpr std::uint32_t kDone = std::numeric_limits<std::uint32_t>::max();
  nodes.assign(count, ClosureNode<K>{{}, kUnvisited, 0});
  // Accessors that keep the algorithm's text close to its textbook form.
  auto index = [&](std::uint32_t x) -> std::uint32_t& { return nodes[x].index; };
  auto low = [&](std::uint32_t x) -> std::uint32_t& { return nodes[x].low; };
  auto value = [&](std::uint32_t x) -> std::array<double, K>& { return nodes[x].value; };
  std::vector<std::uint32_t> component_stack;
  struct Frame {
    std::uint32_t node;
    std::uint32_t begin;
    std::uint32_t next;  // position in `pending` of the next successor to explore
    std::uint32_t end;
  };
  std::vector<Frame> frames;
  // Successors not yet visited when their predecessor was entered, one segment per frame.
  // Edges to visited states are settled immediately (their lowlink or their final value),
  // so only tree-edge candidates are stored.
  std::vector<std::uint32_t> pending;
  std::uint32_t counter = 1;
  std::uint32_t since_check = 0;

  auto enter = [&](std::uint32_t x) {
    index(x) = low(x) = counter++;
    value(x) = weight(x);
    component_stack.push_back(x);
    const auto begin = static_cast<std::uint32_t>(pending.size());
    successors(x, [&](std::uint32_t y) {
      const std::uint32_t iy = index(y);
      if (iy == kUnvisited) {
        pending.push_back(y);
      } else if (iy != kDone) {
        low(x) = std::min(low(x), iy);
      } else {
        Merge(value(x), value(y));
      }
    });
    frames.push_back({x, begin, begin, static_cast<std::uint32_t>(pending.size())});
  };

  for (std::uint32_t root = 0; root < count; ++root) {
    if (index(root) != kUnvisited) continue;
    enter(root);
    while (!frames.empty()) {
      Frame& frame = frames.back();
      const std::uint32_t x = frame.node;
      if (frame.next < frame.end) {
        const std::uint32_t y = pending[frame.next++];
        const std::uint32_t iy = index(y);
        if (iy == kUnvisited) {
          if (++since_check == 4096) {
            since_check = 0;
            if (stop.stop_requested()) return false;
          }
          enter(y);  // invalidates `frame`
        } else if (iy != kDone) {
          low(x) = std::min(low(x), iy);
        } else {
          Merge(value(x), value(y));
        }
        continue;
      }
      // All successors explored: x is finished.
      pending.resize(frame.begin);
      frames.pop_back();
      if (low(x) == index(x)) {
        // x roots a component: its value is the minimum over its members.
        std::array<double, K> best = value(x);
        std::size_t top = component_stack.size();
        for (;;) {
          const std::uint32_t member = component_stack[--top];
          Merge(best, value(member));
          if (member == x) break;
        }
        for (std::size_t p = top; p < component_stack.size(); ++p) {
          const std::uint32_t member = component_stack[p];
          index(member) = kDone;
          value(member) = best;
        }
        component_stack.resize(top);
      }
      if (!frames.empty()) {
        // x's value (final, or partial within the parent's component) is reachable from the
        // parent; merging a partial value early is sound because the parent reaches it too.
        const std::uint32_t parent = frames.back().node;
        low(parent) = std::min(low(parent), low(x));
        Merge(value(parent), value(x));
      }
    }
  }
  return true;
}

}  // namespace mend::internal
