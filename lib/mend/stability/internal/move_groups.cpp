// SPDX-License-Identifier: Apache-2.0
#include "mend/stability/internal/move_groups.hpp"

#include <algorithm>
#include <numeric>

namespace mend::internal {

MoveGroups::MoveGroups(const StateSpace& space, ActorIndex actor,
                       const std::vector<double>& utility, double indifference)
    : codes_(space.codes()), utility_(utility), indifference_(indifference) {
  const OptionLayout& layout = space.layout();
  const StateCode owned = layout.owned[actor.value];
  forward_ = owned & layout.forward_irreversible;
  backward_ = owned & layout.backward_irreversible;
  irreversible_ = forward_ | backward_;
  const auto count = static_cast<std::uint32_t>(codes_.size());
  order_.resize(count);
  std::iota(order_.begin(), order_.end(), 0u);
  // Groups (same options of the other deciders) and, within them, subgroups (same
  // irreversible options of this one) become contiguous; a subgroup is sorted by utility.
  auto group = [&](std::uint32_t s) { return codes_[s] & ~owned; };
  std::sort(order_.begin(), order_.end(), [&](std::uint32_t a, std::uint32_t b) {
    const StateCode ga = group(a);
    const StateCode gb = group(b);
    if (ga != gb) return ga < gb;
    const StateCode ia = codes_[a] & irreversible_;
    const StateCode ib = codes_[b] & irreversible_;
    if (ia != ib) return ia < ib;
    if (utility_[a] != utility_[b]) return utility_[a] < utility_[b];
    return a < b;
  });
  next_.resize(count);
  position_.resize(count);
  subgroup_end_.resize(count);
  group_start_.resize(count);
  group_end_.resize(count);
  for (std::uint32_t p = 0; p < count; ++p) position_[order_[p]] = p;
  const StateCode subgroup_mask = ~(owned & ~irreversible_);
  for (std::uint32_t p = 0; p < count;) {
    const StateCode key = codes_[order_[p]] & subgroup_mask;
    std::uint32_t q = p + 1;
    while (q < count && (codes_[order_[q]] & subgroup_mask) == key) ++q;
    for (std::uint32_t r = p; r < q; ++r) {
      next_[order_[r]] = order_[r + 1 < q ? r + 1 : p];
      subgroup_end_[r] = q;
    }
    p = q;
  }
  for (std::uint32_t p = 0; p < count;) {
    const StateCode key = group(order_[p]);
    std::uint32_t q = p + 1;
    while (q < count && group(order_[q]) == key) ++q;
    for (std::uint32_t r = p; r < q; ++r) {
      group_start_[r] = p;
      group_end_[r] = q;
    }
    p = q;
  }
}

}  // namespace mend::internal
