// SPDX-License-Identifier: Apache-2.0
#include "mend/stability/internal/move_groups.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace mend::internal {
namespace {

// Gathers the bits of a code selected by a fixed mask into the low bits, keeping their order
// (what x86's pext does), a byte at a time through tables.
class BitGather {
 public:
  explicit BitGather(StateCode mask) {
    int offset = 0;
    for (int b = 0; b < 8; ++b) {
      const auto byte_mask = static_cast<unsigned>((mask >> (8 * b)) & 0xffu);
      for (unsigned value = 0; value < 256; ++value) {
        std::uint32_t gathered = 0;
        int width = 0;
        for (int bit = 0; bit < 8; ++bit) {
          if ((byte_mask >> bit) & 1u) {
            gathered |= ((value >> bit) & 1u) << width;
            ++width;
          }
        }
        table_[b][value] = gathered;
      }
      offset_[b] = offset;
      offset += __builtin_popcount(byte_mask);
    }
    width_ = offset;
  }

  StateCode operator()(StateCode code) const {
    StateCode out = 0;
    for (int b = 0; b < 8; ++b) {
      out |= StateCode{table_[b][(code >> (8 * b)) & 0xffu]} << offset_[b];
    }
    return out;
  }

  int width() const { return width_; }

 private:
  std::array<std::array<std::uint32_t, 256>, 8> table_{};
  std::array<int, 8> offset_{};
  int width_ = 0;
};

}  // namespace

MoveGroups::MoveGroups(const StateSpace& space, ActorIndex actor,
                       const std::vector<double>& utility, double indifference)
    : utility_(utility), indifference_(indifference) {
  const OptionLayout& layout = space.layout();
  const std::span<const StateCode> codes = space.codes();
  const StateCode owned = layout.owned[actor.value];
  forward_ = owned & layout.forward_irreversible;
  backward_ = owned & layout.backward_irreversible;
  irreversible_ = forward_ | backward_;
  const auto count = static_cast<std::uint32_t>(codes.size());

  // Sort by (group, irreversible options, utility, id) through a compact key, so the sort
  // runs over contiguous records rather than chasing codes and utilities. The key packs the
  // other options above this decider's irreversible ones; together they are at most
  // option_count bits.
  const BitGather group_bits(~owned & AllOptionsMask(layout.option_count));
  const BitGather irreversible_bits(irreversible_);
  struct Record {
    StateCode key;
    double utility;
    std::uint32_t state;
  };
  std::vector<Record> records(count);
  for (std::uint32_t s = 0; s < count; ++s) {
    const StateCode low = irreversible_bits(codes[s]);
    const StateCode key =
        irreversible_bits.width() >= 64 ? low : (group_bits(codes[s]) << irreversible_bits.width()) | low;
    records[s] = {key, utility[s], s};
  }
  std::sort(records.begin(), records.end(), [](const Record& a, const Record& b) {
    if (a.key != b.key) return a.key < b.key;
    if (a.utility != b.utility) return a.utility < b.utility;
    return a.state < b.state;
  });

  order_.resize(count);
  subgroup_of_.resize(count);
  std::vector<std::uint32_t> starts;  // the first subgroup of each group
  for (std::uint32_t p = 0; p < count;) {
    const StateCode key = records[p].key;
    const auto q = static_cast<std::uint32_t>(subgroup_begin_.size());
    if (q == 0 || (codes[records[p].state] & ~owned) !=
                      (codes[records[subgroup_begin_.back()].state] & ~owned)) {
      starts.push_back(q);
    }
    subgroup_begin_.push_back(p);
    subgroup_irreversible_.push_back(codes[records[p].state] & irreversible_);
    for (; p < count && records[p].key == key; ++p) {
      order_[p] = records[p].state;
      subgroup_of_[records[p].state] = q;
    }
  }
  const auto subgroups = static_cast<std::uint32_t>(subgroup_begin_.size());
  subgroup_begin_.push_back(count);
  starts.push_back(subgroups);
  group_first_.assign(subgroups, 0);
  group_end_.assign(subgroups, 0);
  for (std::size_t g = 0; g + 1 < starts.size(); ++g) {
    for (std::uint32_t q = starts[g]; q < starts[g + 1]; ++q) {
      group_first_[q] = starts[g];
      group_end_[q] = starts[g + 1];
    }
  }
}

std::vector<double> MoveGroups::SecureValues() const {
  const std::uint32_t subgroups = subgroup_count();
  std::vector<double> secure(subgroups);
  for (std::uint32_t q = 0; q < subgroups; ++q) {
    double best = utility_[order_[subgroup_begin_[q + 1] - 1]];
    ForEachReachableSubgroup(q, [&](std::uint32_t r) {
      best = std::max(best, utility_[order_[subgroup_begin_[r + 1] - 1]]);
    });
    secure[q] = best;
  }
  return secure;
}

std::vector<double> MoveGroups::SuffixMaxima(std::span<const double> value) const {
  std::vector<double> suffix(order_.size());
  const std::uint32_t subgroups = subgroup_count();
  for (std::uint32_t q = 0; q < subgroups; ++q) {
    double best = -std::numeric_limits<double>::infinity();
    for (std::uint32_t p = subgroup_begin_[q + 1]; p-- > subgroup_begin_[q];) {
      best = std::max(best, value[order_[p]]);
      suffix[p] = best;
    }
  }
  return suffix;
}

}  // namespace mend::internal
