// SPDX-License-Identifier: Apache-2.0
#include "mend/stability/internal/move_groups.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

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

  // Order by (group, irreversible options, utility, id) through a compact key that packs the
  // other options above this decider's irreversible ones (together at most option_count bits).
  const BitGather group_bits(~owned & AllOptionsMask(layout.option_count));
  const BitGather irreversible_bits(irreversible_);
  const int shift = irreversible_bits.width();
  const int key_width = shift + group_bits.width();
  order_.resize(count);
  sorted_utility_.resize(count);
  subgroup_of_.resize(count);
  if (key_width <= 32) {
    // The usual case: a stable radix sort by key (ids ascend within a key, as the states are
    // taken in id order), then a sort by utility inside each subgroup, which is short: O(states)
    // but for the subgroups' own sorts, instead of O(states log states) for one full sort, and
    // 16 bytes per state of scratch at most.
    struct Keyed {
      std::uint32_t key;
      std::uint32_t state;
    };
    std::vector<Keyed> keyed(count);
    for (std::uint32_t s = 0; s < count; ++s) {
      keyed[s] = {
          static_cast<std::uint32_t>((group_bits(codes[s]) << shift) | irreversible_bits(codes[s])),
          s};
    }
    {
      std::vector<Keyed> scratch(count);
      const int passes = (key_width + 15) / 16;
      const int digit = passes == 0 ? 0 : (key_width + passes - 1) / passes;
      const std::uint32_t mask = (std::uint32_t{1} << digit) - 1;
      std::vector<std::uint32_t> start(std::size_t{1} << digit);
      for (int pass = 0; pass < passes; ++pass) {
        const int low = pass * digit;
        std::fill(start.begin(), start.end(), 0);
        for (const Keyed& k : keyed) ++start[(k.key >> low) & mask];
        std::uint32_t sum = 0;
        for (std::uint32_t& c : start) sum += std::exchange(c, sum);
        for (const Keyed& k : keyed) scratch[start[(k.key >> low) & mask]++] = k;
        keyed.swap(scratch);
      }
    }
    std::vector<std::pair<double, std::uint32_t>> run;
    for (std::uint32_t p = 0; p < count;) {
      std::uint32_t end = p + 1;
      while (end < count && keyed[end].key == keyed[p].key) ++end;
      run.clear();
      for (std::uint32_t k = p; k < end; ++k)
        run.emplace_back(utility[keyed[k].state], keyed[k].state);
      std::sort(run.begin(), run.end());
      for (std::uint32_t k = p; k < end; ++k) {
        sorted_utility_[k] = run[k - p].first;
        order_[k] = run[k - p].second;
      }
      p = end;
    }
    BuildSubgroups(codes, shift, [&](std::uint32_t p) { return StateCode{keyed[p].key}; });
    return;
  }
  struct Record {
    StateCode key;
    double utility;
    std::uint32_t state;
  };
  std::vector<Record> records(count);
  for (std::uint32_t s = 0; s < count; ++s) {
    const StateCode low = irreversible_bits(codes[s]);
    const StateCode key = shift >= 64 ? low : (group_bits(codes[s]) << shift) | low;
    records[s] = {key, utility[s], s};
  }
  std::sort(records.begin(), records.end(), [](const Record& a, const Record& b) {
    if (a.key != b.key) return a.key < b.key;
    if (a.utility != b.utility) return a.utility < b.utility;
    return a.state < b.state;
  });
  for (std::uint32_t p = 0; p < count; ++p) {
    order_[p] = records[p].state;
    sorted_utility_[p] = records[p].utility;
  }
  BuildSubgroups(codes, shift, [&](std::uint32_t p) { return records[p].key; });
}

template <typename KeyAt>
void MoveGroups::BuildSubgroups(std::span<const StateCode> codes, int shift, KeyAt&& key_at) {
  const auto count = static_cast<std::uint32_t>(order_.size());
  std::uint32_t group_first = 0;
  for (std::uint32_t p = 0; p < count;) {
    const StateCode key = key_at(p);
    const auto q = static_cast<std::uint32_t>(subgroups_.size());
    if (q > 0 && shift < 64 && (key >> shift) != (key_at(p - 1) >> shift)) {
      for (std::uint32_t r = group_first; r < q; ++r) subgroups_[r].group_end = q;
      group_first = q;
    }
    Subgroup subgroup{p, p, group_first, 0, order_[p], codes[order_[p]] & irreversible_};
    for (; p < count && key_at(p) == key; ++p) subgroup_of_[order_[p]] = q;
    subgroup.end = p;
    subgroups_.push_back(subgroup);
  }
  const auto subgroups = static_cast<std::uint32_t>(subgroups_.size());
  for (std::uint32_t r = group_first; r < subgroups; ++r) subgroups_[r].group_end = subgroups;
}

std::vector<std::uint32_t> MoveGroups::SubgroupEnds() const {
  std::vector<std::uint32_t> ends(subgroups_.size());
  for (std::size_t q = 0; q < subgroups_.size(); ++q) ends[q] = subgroups_[q].end;
  return ends;
}

std::uint32_t MoveGroups::group_count() const {
  std::uint32_t groups = 0;
  for (std::uint32_t q = 0; q < subgroup_count(); ++q) {
    if (irreversible_ == 0 || subgroups_[q].group_first == q) ++groups;
  }
  return groups;
}

std::vector<double> MoveGroups::SecureValues() const {
  const std::uint32_t subgroups = subgroup_count();
  std::vector<double> secure(subgroups);
  for (std::uint32_t q = 0; q < subgroups; ++q) {
    double best = sorted_utility_[subgroups_[q].end - 1];
    ForEachReachableSubgroup(
        q, [&](std::uint32_t r) { best = std::max(best, sorted_utility_[subgroups_[r].end - 1]); });
    secure[q] = best;
  }
  return secure;
}

}  // namespace mend::internal
