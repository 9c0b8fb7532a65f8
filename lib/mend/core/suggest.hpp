// SPDX-License-Identifier: Apache-2.0
//
// "Did you mean …?" for unknown ids: the valid ids nearest to a misspelt one, by edit distance
// (insertions, deletions, substitutions and swaps of neighbouring letters), case ignored.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mend {

/// Returns up to `limit` of `candidates` nearest to `id`, nearest first (ties in the given
/// order): those within an edit distance of max(1, length / 3), or that contain `id` or are
/// contained in it. Empty when none is near.
std::vector<std::string> NearestIds(std::string_view id, const std::vector<std::string>& candidates,
                                    std::size_t limit = 3);

/// "; did you mean a?" / "; did you mean a or b?" for NearestIds, or "" when none is near.
std::string DidYouMean(std::string_view id, const std::vector<std::string>& candidates);

}  // namespace mend
