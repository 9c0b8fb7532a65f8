// SPDX-License-Identifier: Apache-2.0
#include "mend/io/internal/yaml_walker.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "mend/core/suggest.hpp"

namespace mend::internal {
namespace {

std::string Describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
      return "nothing";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Scalar: {
      std::string text = node.Scalar();
      if (text.size() > 40) text = text.substr(0, 37) + "...";
      return fmt::format("\"{}\"", text);
    }
    case YAML::NodeType::Undefined:
      break;
  }
  return "nothing";
}

bool IsYamlBoolean(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text == "y" || text == "n" || text == "yes" || text == "no" || text == "true" ||
         text == "false" || text == "on" || text == "off";
}

}  // namespace

std::optional<YAML::Node> CheckedMap::Get(std::string_view key) const {
  const auto it = index_.find(std::string(key));
  if (it == index_.end()) return std::nullopt;
  return entries_[it->second].second;
}

const YAML::Node& CheckedMap::KeyNode(std::string_view key) const {
  const auto it = index_.find(std::string(key));
  return it == index_.end() ? node_ : keys_[it->second];
}

std::string CheckedMap::Child(std::string_view key) const {
  return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

SourceLocation YamlWalker::Where(const YAML::Node& node) const {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {file_, 1, 1};
  return {file_, mark.line + 1, mark.column + 1};
}

Error YamlWalker::Fail(const YAML::Node& node, std::string_view path,
                       std::string_view message) const {
  const std::string text =
      path.empty() ? std::string(message) : fmt::format("{}: {}", path, message);
  return Error::InvalidArgument(text).At(Where(node));
}

Status YamlWalker::Spend(const YAML::Node& node) {
  if (--budget_ < 0) {
    return Error::InvalidArgument(
               "the document expands to more nodes than mend reads (aliases multiplying?); "
               "expected a case of at most a few million values")
        .At(Where(node));
  }
  return Ok();
}

Result<CheckedMap> YamlWalker::Map(const YAML::Node& node, const std::string& path,
                                   std::initializer_list<std::string_view> allowed,
                                   std::initializer_list<std::string_view> translatable) {
  MEND_TRY(Spend(node));
  if (!node.IsMap()) return Fail(node, path, fmt::format("expected a map, got {}", Describe(node)));
  std::vector<std::pair<std::string, YAML::Node>> entries;
  std::vector<YAML::Node> keys;
  std::unordered_map<std::string, std::size_t> seen;  // key -> index; a list would be quadratic
  for (auto it = node.begin(); it != node.end(); ++it) {
    MEND_TRY(Spend(it->first));
    if (!it->first.IsScalar()) {
      return Fail(it->first, path, "expected keys that are plain words");
    }
    const std::string key = it->first.Scalar();
    const std::string key_path = path.empty() ? key : path + "." + key;
    if (const auto first = seen.find(key); first != seen.end()) {
      return Fail(it->first, key_path,
                  fmt::format("duplicate key (first at line {}); expected each key once",
                              Where(keys[first->second]).line));
    }
    if (allowed.size() > 0) {
      bool known = std::find(allowed.begin(), allowed.end(), key) != allowed.end();
      if (!known && key.size() > 3 && key.ends_with("_ru")) {
        const std::string base = key.substr(0, key.size() - 3);
        known = std::find(translatable.begin(), translatable.end(), base) != translatable.end();
      }
      if (!known) {
        std::vector<std::string> names(allowed.begin(), allowed.end());
        for (std::string_view base : translatable) names.push_back(std::string(base) + "_ru");
        return Fail(it->first, key_path,
                    fmt::format("unknown key; expected one of {}{}", fmt::join(names, ", "),
                                mend::DidYouMean(key, names)));
      }
    }
    seen.emplace(key, entries.size());
    entries.emplace_back(key, it->second);
    keys.push_back(it->first);
  }
  return CheckedMap(node, path, std::move(entries), std::move(keys));
}

Result<CheckedMap> YamlWalker::AnyMap(const YAML::Node& node, const std::string& path) {
  return Map(node, path, {});
}

Result<std::vector<YAML::Node>> YamlWalker::List(const YAML::Node& node, const std::string& path) {
  MEND_TRY(Spend(node));
  if (!node.IsSequence()) {
    return Fail(node, path, fmt::format("expected a list, got {}", Describe(node)));
  }
  std::vector<YAML::Node> items;
  for (auto it = node.begin(); it != node.end(); ++it) {
    MEND_TRY(Spend(*it));
    items.push_back(*it);
  }
  return items;
}

Result<std::string> YamlWalker::Text(const YAML::Node& node, const std::string& path) {
  MEND_TRY(Spend(node));
  if (!node.IsScalar())
    return Fail(node, path, fmt::format("expected text, got {}", Describe(node)));
  return node.Scalar();
}

Result<double> YamlWalker::Number(const YAML::Node& node, const std::string& path) {
  MEND_TRY(Spend(node));
  if (!node.IsScalar() || node.Tag() == "!") {
    return Fail(node, path, fmt::format("expected a number, got {}", Describe(node)));
  }
  const std::string& text = node.Scalar();
  double value = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (!text.empty() && *begin == '+') ++begin;
  auto [stop, error] = std::from_chars(begin, end, value);
  if (text.empty() || stop != end || error == std::errc::invalid_argument) {
    return Fail(node, path, fmt::format("expected a number, got {}", Describe(node)));
  }
  if (error == std::errc::result_out_of_range || !std::isfinite(value)) {
    return Fail(node, path, fmt::format("expected a finite number, got {} (out of range)", text));
  }
  return value;
}

Result<long long> YamlWalker::Integer(const YAML::Node& node, const std::string& path) {
  MEND_TRY(double value, Number(node, path));
  if (value != std::floor(value) || std::abs(value) > 1e15) {
    return Fail(node, path, fmt::format("expected a whole number, got {}", node.Scalar()));
  }
  return static_cast<long long>(value);
}

Result<bool> YamlWalker::Boolean(const YAML::Node& node, const std::string& path) {
  MEND_TRY(Spend(node));
  if (node.IsScalar()) {
    const std::string& text = node.Scalar();
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
  }
  return Fail(node, path, fmt::format("expected true or false, got {}", Describe(node)));
}

Result<std::string> YamlWalker::Identifier(const YAML::Node& node, const std::string& path) {
  MEND_TRY(std::string text, Text(node, path));
  const bool valid = !text.empty() && text.size() <= 64 &&
                     (std::isalpha(static_cast<unsigned char>(text[0])) != 0 || text[0] == '_') &&
                     std::all_of(text.begin(), text.end(),
                                 [](unsigned char c) { return std::isalnum(c) != 0 || c == '_'; });
  if (!valid) {
    return Fail(node, path,
                fmt::format("expected an identifier (a letter or _ then letters, digits or _, at "
                            "most 64), got {}",
                            Describe(node)));
  }
  return text;
}

Result<std::string> YamlWalker::NumberOrExpression(const YAML::Node& node,
                                                   const std::string& path) {
  MEND_TRY(Spend(node));
  if (!node.IsScalar() || node.Scalar().empty()) {
    return Fail(node, path,
                fmt::format("expected a number or an expression, got {}", Describe(node)));
  }
  // A plain number out of double's range (1e999) would reach muparser as an unknown name.
  const std::string& text = node.Scalar();
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (*begin == '+' || *begin == '-') ++begin;
  double value = 0;
  auto [stop, error] = std::from_chars(begin, end, value);
  if (stop == end && error == std::errc::result_out_of_range) {
    return Fail(node, path, fmt::format("expected a finite number, got {} (out of range)", text));
  }
  return text;
}

Result<bool> YamlWalker::YesNo(const YAML::Node& node, const std::string& path) {
  MEND_TRY(Spend(node));
  if (node.IsScalar()) {
    const std::string& text = node.Scalar();
    if (text == "Y") return true;
    if (text == "N") return false;
    if (IsYamlBoolean(text)) {
      return Fail(node, path,
                  fmt::format("expected Y or N, got \"{}\": YAML 1.1 reads words like yes/no/"
                              "true/false/y/n as booleans, so patterns accept only the capital "
                              "letters Y and N",
                              text));
    }
  }
  return Fail(node, path, fmt::format("expected Y or N, got {}", Describe(node)));
}

Result<YAML::Node> Require(const YamlWalker& walker, const CheckedMap& map, std::string_view key,
                           std::string_view expected) {
  if (std::optional<YAML::Node> value = map.Get(key)) return *value;
  return walker.Fail(map.node(), map.path(),
                     fmt::format("missing key '{}' (expected {})", key, expected));
}

namespace {

// Counts the values of the expanded tree. yaml-cpp gives an aliased node the mark of its anchor,
// so nodes are remembered by position (and type, since a block collection starts where its
// first entry does): each distinct node is counted once and its count reused for every alias.
class ExpansionCounter {
 public:
  ExpansionCounter(const std::string& file, long limit) : file_(file), limit_(limit) {}

  Result<long> Count(const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    const bool known = !mark.is_null() && mark.pos >= 0;
    const std::pair<int, int> key{known ? mark.pos : -1, static_cast<int>(node.Type())};
    if (known && (node.IsMap() || node.IsSequence())) {
      if (auto found = counted_.find(key); found != counted_.end()) {
        if (found->second < 0) {
          return Error::InvalidArgument(
                     "an alias names a node that contains it; expected a tree without cycles")
              .At({file_, mark.line + 1, mark.column + 1});
        }
        return found->second;
      }
      counted_[key] = -1;  // in progress
    }
    long total = 1;
    if (node.IsMap()) {
      for (auto it = node.begin(); it != node.end(); ++it) {
        MEND_TRY(long child, Count(it->second));
        total = Add(total, child);
      }
    } else if (node.IsSequence()) {
      for (auto it = node.begin(); it != node.end(); ++it) {
        MEND_TRY(long child, Count(*it));
        total = Add(total, child);
      }
    }
    if (known && (node.IsMap() || node.IsSequence())) counted_[key] = total;
    if (total > limit_) {
      return Error::InvalidArgument(
                 fmt::format("with its aliases expanded the file holds more than {} values; "
                             "expected a case of at most that many (aliases count each time "
                             "they are used)",
                             limit_))
          .At({file_, known ? mark.line + 1 : 1, known ? mark.column + 1 : 1});
    }
    return total;
  }

 private:
  long Add(long a, long b) const { return b > limit_ - a ? limit_ + 1 : a + b; }

  const std::string& file_;
  long limit_;
  std::map<std::pair<int, int>, long> counted_;
};

}  // namespace

namespace {

// Records where each document's first node is (or its start, when it has none).
class DocumentStartRecorder : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> starts;
  void OnDocumentStart(const YAML::Mark& mark) override {
    starts.push_back(mark);
    pending_ = true;
  }
  void OnDocumentEnd() override { pending_ = false; }
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { Node(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { Node(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    Node(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    Node(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    Node(mark);
  }
  void OnMapEnd() override {}

 private:
  void Node(const YAML::Mark& mark) {
    if (pending_ && !starts.empty()) starts.back() = mark;
    pending_ = false;
  }
  bool pending_ = false;
};

}  // namespace

std::vector<YAML::Mark> DocumentStarts(const std::string& text, std::size_t most) {
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  DocumentStartRecorder recorder;
  for (std::size_t documents = 0; documents < most && parser.HandleNextDocument(recorder);) {
    ++documents;
  }
  return recorder.starts;
}

Status CheckExpandedValues(const YAML::Node& root, const std::string& file, long max_values) {
  ExpansionCounter counter(file, max_values);
  MEND_TRY(long total, counter.Count(root));
  (void)total;
  return Ok();
}

}  // namespace mend::internal
