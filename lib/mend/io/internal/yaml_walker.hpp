// SPDX-License-Identifier: Apache-2.0
//
// YamlWalker: reads a yaml-cpp tree the way the case format wants — typed values with located,
// keyed errors, unknown and duplicate keys refused, YAML booleans refused where Y/N is meant,
// and a budget on visited nodes so that alias bombs cannot make the loader expand without end.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

#include "mend/core/result.hpp"

namespace mend::internal {

/// A map node whose keys were checked; Get() returns the value of a key, if present.
class CheckedMap {
 public:
  CheckedMap() = default;
  CheckedMap(YAML::Node node, std::string path,
             std::vector<std::pair<std::string, YAML::Node>> entries, std::vector<YAML::Node> keys)
      : node_(std::move(node)),
        path_(std::move(path)),
        entries_(std::move(entries)),
        keys_(std::move(keys)) {
    index_.reserve(entries_.size());
    for (std::size_t i = 0; i < entries_.size(); ++i) index_.emplace(entries_[i].first, i);
  }

  std::optional<YAML::Node> Get(std::string_view key) const;
  bool Has(std::string_view key) const { return Get(key).has_value(); }
  const YAML::Node& node() const { return node_; }
  const std::string& path() const { return path_; }
  /// The entries in document order (key text, value node).
  const std::vector<std::pair<std::string, YAML::Node>>& entries() const { return entries_; }
  /// Returns the path of the entry `key` ("PATH.KEY").
  std::string Child(std::string_view key) const;
  /// Returns the key node of `key` (for pointing at it, e.g. at an unknown id), or the map.
  const YAML::Node& KeyNode(std::string_view key) const;

 private:
  YAML::Node node_;
  std::string path_;
  std::vector<std::pair<std::string, YAML::Node>> entries_;
  std::vector<YAML::Node> keys_;  // parallel to entries_
  // Key -> position in entries_: lookups stay O(1) in maps with very many keys (ids as keys).
  std::unordered_map<std::string, std::size_t> index_;
};

class YamlWalker {
 public:
  YamlWalker(std::string file, long node_budget) : file_(std::move(file)), budget_(node_budget) {}

  const std::string& file() const { return file_; }
  SourceLocation Where(const YAML::Node& node) const;
  /// Builds the located error "PATH: MESSAGE" at `node`.
  Error Fail(const YAML::Node& node, std::string_view path, std::string_view message) const;

  /// Opens a map. `allowed` lists the keys it may have; an empty list allows any key.
  /// Keys ending in `_ru` are allowed where `translatable` lists their base.
  Result<CheckedMap> Map(const YAML::Node& node, const std::string& path,
                         std::initializer_list<std::string_view> allowed,
                         std::initializer_list<std::string_view> translatable = {});
  /// Opens a map that accepts any key (ids as keys).
  Result<CheckedMap> AnyMap(const YAML::Node& node, const std::string& path);
  Result<std::vector<YAML::Node>> List(const YAML::Node& node, const std::string& path);

  Result<std::string> Text(const YAML::Node& node, const std::string& path);
  Result<double> Number(const YAML::Node& node, const std::string& path);
  Result<long long> Integer(const YAML::Node& node, const std::string& path);
  Result<bool> Boolean(const YAML::Node& node, const std::string& path);
  /// An identifier [A-Za-z_][A-Za-z0-9_]*, usable in expressions and statements.
  Result<std::string> Identifier(const YAML::Node& node, const std::string& path);
  /// A number or an expression, as text.
  Result<std::string> NumberOrExpression(const YAML::Node& node, const std::string& path);
  /// 'Y' or 'N' as a raw scalar; YAML booleans are refused with an explanation.
  Result<bool> YesNo(const YAML::Node& node, const std::string& path);

  /// Takes one from the node budget; fails once it is spent.
  Status Spend(const YAML::Node& node);

 private:
  std::string file_;
  long budget_;
};

/// Returns where the first `most` documents of `text` start — the place of each one's first
/// node, or of its start when it has none — (fewer when it has fewer), from a
/// pass of parser events that builds no nodes. A stray token yaml-cpp cannot place makes it
/// report an empty document at the same place again and again: callers compare positions.
/// Throws what yaml-cpp throws for invalid YAML.
std::vector<YAML::Mark> DocumentStarts(const std::string& text, std::size_t most);

/// Fails with kInvalidArgument when the tree, with every alias expanded where it is used, holds
/// more than `max_values` values (collections and scalars that are not map keys), or when an
/// alias names a node that contains it. Cost: one visit per distinct node, however often
/// aliases repeat it.
Status CheckExpandedValues(const YAML::Node& root, const std::string& file, long max_values);

/// Reads a required key: fails "PATH: missing key 'KEY' (expected WHAT)" at the map.
Result<YAML::Node> Require(const YamlWalker& walker, const CheckedMap& map, std::string_view key,
                           std::string_view expected);

}  // namespace mend::internal
