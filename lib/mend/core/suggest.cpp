// SPDX-License-Identifier: Apache-2.0
#include "mend/core/suggest.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace mend {
namespace {

// Ids longer than this are not compared: an edit distance costs length² steps.
constexpr std::size_t kMaxCompared = 128;

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

// Optimal string alignment distance (Damerau–Levenshtein without repeated edits of a substring).
std::size_t EditDistance(const std::string& a, const std::string& b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

}  // namespace

std::vector<std::string> NearestIds(std::string_view id, const std::vector<std::string>& candidates,
                                    std::size_t limit) {
  if (id.empty() || id.size() > kMaxCompared) return {};
  const std::string wanted = Lower(id);
  const std::size_t threshold = std::max<std::size_t>(1, wanted.size() / 3);
  std::vector<std::pair<std::size_t, std::size_t>> near;  // (distance, index)
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (candidates[i].size() > kMaxCompared) continue;
    const std::string candidate = Lower(candidates[i]);
    if (candidate == wanted) {
      near.emplace_back(0, i);  // differs in case only
      continue;
    }
    const std::size_t distance = EditDistance(wanted, candidate);
    // One containing the other ("strike" in "ru_strike"), unless one is too short to mean it.
    const bool contains = std::min(wanted.size(), candidate.size()) >= 3 &&
                          (candidate.find(wanted) != std::string::npos ||
                           wanted.find(candidate) != std::string::npos);
    if (distance <= threshold || contains) near.emplace_back(distance, i);
  }
  std::stable_sort(near.begin(), near.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> result;
  for (const auto& [distance, index] : near) {
    if (result.size() == limit) break;
    result.push_back(candidates[index]);
  }
  return result;
}

std::string DidYouMean(std::string_view id, const std::vector<std::string>& candidates) {
  const std::vector<std::string> near = NearestIds(id, candidates);
  if (near.empty()) return "";
  if (near.size() == 1) return fmt::format("; did you mean {}?", near[0]);
  const std::string last = near.back();
  const std::vector<std::string> rest(near.begin(), near.end() - 1);
  return fmt::format("; did you mean {} or {}?", fmt::join(rest, ", "), last);
}

}  // namespace mend
