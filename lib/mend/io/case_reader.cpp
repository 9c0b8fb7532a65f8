// SPDX-License-Identifier: Apache-2.0
#include "mend/io/case_reader.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include "mend/core/suggest.hpp"
#include "mend/io/gmcr_reader.hpp"
#include "mend/io/internal/text_checks.hpp"
#include "mend/io/internal/yaml_walker.hpp"
#include "mend/model/source_review.hpp"

namespace mend {
namespace {

using internal::CheckedMap;
using internal::Require;
using internal::YamlWalker;

std::string Indexed(std::string_view path, std::size_t i) { return fmt::format("{}[{}]", path, i); }

// Case and portfolio ids: [a-z0-9-]+, at most 100 characters. A loop, not std::regex: the
// library's matcher recurses once per character and overflows the stack on a huge line.
bool IsCaseId(std::string_view text) {
  return !text.empty() && text.size() <= 100 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// Parameter ids: [A-Za-z_][A-Za-z0-9_]{0,63}.
bool IsParameterId(std::string_view text) {
  const auto letter = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  return !text.empty() && text.size() <= 64 && letter(text[0]) &&
         std::all_of(text.begin(), text.end(),
                     [&](char c) { return letter(c) || (c >= '0' && c <= '9'); });
}

// Reads a case document, resolving ids as it goes; sections are read in dependency order
// (actors before options before constraints ...) whatever their order in the file.
class CaseParser {
 public:
  CaseParser(YamlWalker& walker, CaseDefinition& out) : w_(walker), c_(out) {}

  Status Parse(const YAML::Node& root) {
    MEND_TRY(
        CheckedMap top,
        w_.Map(root, "", {"mend",        "id",         "title",       "summary",      "sources",
                          "actors",      "dimensions", "parameters",  "correlations", "options",
                          "constraints", "status_quo", "default",     "effects",      "valuation",
                          "perceptions", "linkage",    "preferences", "payoffs",      "coalitions"},
               {"title", "summary"}));
    MEND_TRY(YAML::Node id, Require(w_, top, "id", "the case id, [a-z0-9-]+"));
    MEND_TRY(c_.id, w_.Text(id, "id"));
    if (!IsCaseId(c_.id)) {
      return w_.Fail(id, "id",
                     fmt::format("expected lower-case letters, digits and '-' "
                                 "([a-z0-9-]+, at most 100), got \"{}\"",
                                 c_.id.size() > 40 ? c_.id.substr(0, 37) + "..." : c_.id));
    }
    MEND_TRY(c_.title, TextField(top, "title"));
    if (c_.title.text.empty()) c_.title.text = c_.id;
    MEND_TRY(c_.summary, TextField(top, "summary"));

    MEND_TRY(ReadSources(top));
    MEND_TRY(ReadActors(top));
    MEND_TRY(ReadDimensions(top));
    MEND_TRY(ReadParameters(top));
    MEND_TRY(ReadCorrelations(top));
    MEND_TRY(ReadOptions(top));
    MEND_TRY(ReadConstraints(top));
    MEND_TRY(ReadStatusQuoAndDefault(top));
    MEND_TRY(ReadEffects(top));
    c_.preference_kind.assign(c_.actors.size(), PreferenceKind::kNone);
    c_.valuations.assign(c_.actors.size(), std::nullopt);
    c_.ordinal.assign(c_.actors.size(), std::nullopt);
    preference_where_.assign(c_.actors.size(), SourceLocation{});
    MEND_TRY(ReadValuations(top));
    MEND_TRY(ReadPreferences(top));
    MEND_TRY(ReadPayoffs(top));
    MEND_TRY(CheckPreferenceSources());
    MEND_TRY(ReadPerceptions(top));
    MEND_TRY(ReadLinkage(top));
    MEND_TRY(ReadCoalitions(top));
    return Ok();
  }

  /// Reads a portfolio's `sources:` and `parameters:` into the definition (the rest untouched).
  Status ParseShared(const CheckedMap& top) {
    MEND_TRY(ReadSources(top));
    return ReadParameters(top);
  }

 private:
  // ---- small readers ------------------------------------------------------------------------

  Result<LocalizedText> TextField(const CheckedMap& map, std::string_view key) {
    LocalizedText text;
    if (auto node = map.Get(key)) {
      MEND_TRY(text.text, w_.Text(*node, map.Child(key)));
    }
    const std::string translated = std::string(key) + "_ru";
    if (auto node = map.Get(translated)) {
      MEND_TRY(text.ru, w_.Text(*node, map.Child(translated)));
    }
    return text;
  }

  Result<std::size_t> SourceRef(const YAML::Node& node, const std::string& path) {
    MEND_TRY(std::string id, w_.Text(node, path));
    for (std::size_t s = 0; s < c_.sources.size(); ++s) {
      if (c_.sources[s].id == id) return s;
    }
    std::vector<std::string> ids;
    for (const Source& source : c_.sources) ids.push_back(source.id);
    return w_.Fail(node, path,
                   fmt::format("unknown source '{}'; expected an id listed under "
                               "sources{}",
                               id, DidYouMean(id, ids)));
  }

  Result<ActorIndex> ActorRef(const YAML::Node& node, const std::string& path,
                              std::string_view id) {
    if (auto actor = c_.FindActor(id)) return *actor;
    return w_.Fail(node, path,
                   fmt::format("unknown actor '{}'; expected one of {}{}", id, ActorIdList(),
                               DidYouMean(id, ActorIds())));
  }

  Result<OptionIndex> OptionRef(const YAML::Node& node, const std::string& path,
                                std::string_view id) {
    if (auto option = c_.FindOption(id)) return *option;
    return w_.Fail(node, path,
                   fmt::format("unknown option '{}'; expected an option id of this "
                               "case{}",
                               id, DidYouMean(id, OptionIds())));
  }

  Result<DimensionIndex> DimensionRef(const YAML::Node& node, const std::string& path,
                                      std::string_view id) {
    for (std::uint32_t d = 0; d < c_.dimensions.size(); ++d) {
      if (c_.dimensions[d].id == id) return DimensionIndex{d};
    }
    std::vector<std::string> ids;
    for (const Dimension& dimension : c_.dimensions) ids.push_back(dimension.id);
    return w_.Fail(node, path,
                   fmt::format("unknown dimension '{}'; expected an id listed under "
                               "dimensions{}",
                               id, DidYouMean(id, ids)));
  }

  std::vector<std::string> ParameterIds() const {
    std::vector<std::string> ids;
    for (const Parameter& parameter : c_.parameters) ids.push_back(parameter.id);
    return ids;
  }
  std::vector<std::string> ActorIds() const {
    std::vector<std::string> ids;
    for (const Actor& actor : c_.actors) ids.push_back(actor.id);
    return ids;
  }
  std::string ActorIdList() const { return fmt::format("{}", fmt::join(ActorIds(), ", ")); }
  std::vector<std::string> OptionIds() const {
    std::vector<std::string> ids;
    for (const Option& option : c_.options) ids.push_back(option.id);
    return ids;
  }
  // What a Y/N pattern of the wrong length is told: how many letters, and in which order.
  std::string PatternHint(std::string_view text) const {
    const std::vector<std::string> ids = OptionIds();
    constexpr std::size_t kListed = 32;
    const std::vector<std::string> listed(
        ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), kListed)));
    const bool letters_only = std::all_of(text.begin(), text.end(), [](char c) {
      return c == 'Y' || c == 'N' || c == 'y' || c == 'n';
    });
    const std::string length = letters_only && text.size() != ids.size()
                                   ? fmt::format(" ({} letter{}, {} expected)", text.size(),
                                                 text.size() == 1 ? "" : "s", ids.size())
                                   : "";
    return fmt::format("{}; one letter per option, in file order: {}{}", length,
                       fmt::join(listed, " "), ids.size() > kListed ? " ..." : "");
  }

  // Keys of the same section must be unique; `seen` maps id -> where first defined.
  Status Unique(std::map<std::string, SourceLocation>& seen, const std::string& id,
                const YAML::Node& node, const std::string& path) {
    auto [it, inserted] = seen.emplace(id, w_.Where(node));
    if (!inserted) {
      return w_.Fail(node, path,
                     fmt::format("duplicate id '{}' (first at line {}); expected unique ids", id,
                                 it->second.line));
    }
    return Ok();
  }

  // A list of option ids (or a single id where `single_ok`), as a bit mask.
  Result<StateCode> OptionSet(const YAML::Node& node, const std::string& path, std::size_t min_size,
                              bool single_ok) {
    std::vector<YAML::Node> items;
    if (single_ok && node.IsScalar()) {
      items.push_back(node);
    } else {
      MEND_TRY(items, w_.List(node, path));
    }
    if (items.size() < min_size) {
      return w_.Fail(
          node, path,
          fmt::format("expected at least {} option ids, got {}", min_size, items.size()));
    }
    StateCode mask = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string item_path = single_ok && node.IsScalar() ? path : Indexed(path, i);
      MEND_TRY(std::string id, w_.Text(items[i], item_path));
      MEND_TRY(OptionIndex option, OptionRef(items[i], item_path, id));
      const StateCode bit = StateCode{1} << option.value;
      if (mask & bit) {
        return w_.Fail(items[i], item_path, fmt::format("option '{}' listed twice", id));
      }
      mask |= bit;
    }
    return mask;
  }

  // A pattern as a map {option: Y|N} or, when full states are meant, a Y/N string.
  Result<PartialPattern> Pattern(const YAML::Node& node, const std::string& path, bool full) {
    const int n = c_.option_count();
    if (node.IsScalar()) {
      const std::string& text = node.Scalar();
      if (auto code = ParsePattern(text, n)) return PartialPattern{AllOptionsMask(n), *code};
      MEND_TRY(w_.Spend(node));
      return w_.Fail(node, path,
                     fmt::format("expected a map of option ids to Y/N, or a pattern string of "
                                 "{} letters Y/N, got \"{}\"{}",
                                 n, text, PatternHint(text)));
    }
    if (node.IsNull()) {
      if (full) return w_.Fail(node, path, "expected a full pattern, got nothing");
      return PartialPattern{};
    }
    MEND_TRY(CheckedMap map, w_.AnyMap(node, path));
    PartialPattern pattern;
    for (const auto& [id, value] : map.entries()) {
      const std::string entry_path = map.Child(id);
      MEND_TRY(OptionIndex option, OptionRef(map.KeyNode(id), entry_path, id));
      MEND_TRY(bool yes, w_.YesNo(value, entry_path));
      const StateCode bit = StateCode{1} << option.value;
      pattern.mask |= bit;
      if (yes) pattern.values |= bit;
    }
    if (full && pattern.mask != AllOptionsMask(n)) {
      std::vector<std::string> missing;
      for (int k = 0; k < n; ++k) {
        if (!((pattern.mask >> k) & 1U)) missing.push_back(c_.options[k].id);
      }
      return w_.Fail(node, path,
                     fmt::format("expected a full state: every option Y or N; "
                                 "missing {}",
                                 fmt::join(missing, ", ")));
    }
    return pattern;
  }

  Result<double> BoundedNumber(const CheckedMap& map, std::string_view key, double minimum,
                               std::string_view expected) {
    auto node = map.Get(key);
    MEND_TRY(double value, w_.Number(*node, map.Child(key)));
    if (value < minimum) {
      return w_.Fail(*node, map.Child(key), fmt::format("expected {}, got {}", expected, value));
    }
    return value;
  }

  // ---- sections -----------------------------------------------------------------------------

  Status ReadSources(const CheckedMap& top) {
    auto node = top.Get("sources");
    if (!node || node->IsNull()) return Ok();
    MEND_TRY(auto items, w_.List(*node, "sources"));
    std::map<std::string, SourceLocation> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string path = Indexed("sources", i);
      MEND_TRY(CheckedMap map,
               w_.Map(items[i], path, {"id", "cite", "url", "accessed", "kind", "note"}, {"cite"}));
      Source source;
      source.where = w_.Where(items[i]);
      MEND_TRY(YAML::Node id, Require(w_, map, "id", "an identifier"));
      MEND_TRY(source.id, w_.Identifier(id, map.Child("id")));
      MEND_TRY(Unique(seen, source.id, id, map.Child("id")));
      MEND_TRY(YAML::Node cite, Require(w_, map, "cite", "the reference in words"));
      MEND_TRY(source.cite.text, w_.Text(cite, map.Child("cite")));
      if (auto ru = map.Get("cite_ru")) {
        MEND_TRY(source.cite.ru, w_.Text(*ru, map.Child("cite_ru")));
      }
      if (auto url = map.Get("url")) {
        MEND_TRY(source.url, w_.Text(*url, map.Child("url")));
        source.url_where = w_.Where(*url);
      }
      if (auto accessed = map.Get("accessed")) {
        MEND_TRY(source.accessed, w_.Text(*accessed, map.Child("accessed")));
        if (!IsIsoDate(source.accessed)) {
          return w_.Fail(*accessed, map.Child("accessed"),
                         fmt::format("expected the date the source was read, as an ISO date "
                                     "YYYY-MM-DD (e.g. 2026-11-30), got \"{}\"",
                                     source.accessed));
        }
      }
      if (auto kind = map.Get("kind")) {
        MEND_TRY(std::string text, w_.Text(*kind, map.Child("kind")));
        if (text == "primary") {
          source.kind = SourceKind::kPrimary;
        } else if (text == "secondary") {
          source.kind = SourceKind::kSecondary;
        } else if (text == "judgement") {
          source.kind = SourceKind::kJudgement;
        } else {
          return w_.Fail(*kind, map.Child("kind"),
                         fmt::format("expected primary (the publisher's own page or document), "
                                     "secondary (someone else's report of it) or judgement, "
                                     "got \"{}\"",
                                     text));
        }
      }
      if (auto note = map.Get("note")) {
        MEND_TRY(std::string ignored, w_.Text(*note, map.Child("note")));
      }
      c_.sources.push_back(std::move(source));
    }
    return Ok();
  }

  Status ReadActors(const CheckedMap& top) {
    MEND_TRY(YAML::Node node, Require(w_, top, "actors", "a list of at least two deciders"));
    MEND_TRY(auto items, w_.List(node, "actors"));
    std::map<std::string, SourceLocation> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string path = Indexed("actors", i);
      MEND_TRY(CheckedMap map,
               w_.Map(items[i], path, {"id", "name", "role", "language"}, {"name"}));
      Actor actor;
      actor.where = w_.Where(items[i]);
      MEND_TRY(YAML::Node id, Require(w_, map, "id", "an identifier"));
      MEND_TRY(actor.id, w_.Identifier(id, map.Child("id")));
      MEND_TRY(Unique(seen, actor.id, id, map.Child("id")));
      MEND_TRY(actor.name, TextField(map, "name"));
      if (actor.name.text.empty()) actor.name.text = actor.id;
      if (auto role = map.Get("role")) {
        MEND_TRY(std::string text, w_.Text(*role, map.Child("role")));
        if (text == "decider") {
          actor.role = ActorRole::kDecider;
        } else if (text == "affected") {
          actor.role = ActorRole::kAffected;
        } else {
          return w_.Fail(*role, map.Child("role"),
                         fmt::format("expected decider or affected, got \"{}\"", text));
        }
      }
      if (auto language = map.Get("language")) {
        MEND_TRY(actor.language, w_.Text(*language, map.Child("language")));
        if (actor.language != "en" && actor.language != "ru") {
          return w_.Fail(*language, map.Child("language"),
                         fmt::format("expected en or ru, got \"{}\"", actor.language));
        }
      }
      c_.actors.push_back(std::move(actor));
    }
    if (c_.Deciders().size() < 2) {
      return w_.Fail(node, "actors",
                     fmt::format("{} decider{}; expected at least two actors with role decider",
                                 c_.Deciders().size(), c_.Deciders().size() == 1 ? "" : "s"));
    }
    return Ok();
  }

  Status ReadDimensions(const CheckedMap& top) {
    auto node = top.Get("dimensions");
    if (!node || node->IsNull()) return Ok();
    MEND_TRY(auto items, w_.List(*node, "dimensions"));
    std::map<std::string, SourceLocation> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string path = Indexed("dimensions", i);
      MEND_TRY(CheckedMap map, w_.Map(items[i], path, {"id", "name", "unit", "tags", "expectation"},
                                      {"name", "unit"}));
      Dimension dimension;
      dimension.where = w_.Where(items[i]);
      MEND_TRY(YAML::Node id, Require(w_, map, "id", "an identifier"));
      MEND_TRY(dimension.id, w_.Identifier(id, map.Child("id")));
      MEND_TRY(Unique(seen, dimension.id, id, map.Child("id")));
      MEND_TRY(dimension.name, TextField(map, "name"));
      if (dimension.name.text.empty()) dimension.name.text = dimension.id;
      if (auto unit = map.Get("unit")) {
        MEND_TRY(dimension.unit, w_.Text(*unit, map.Child("unit")));
      }
      if (auto unit = map.Get("unit_ru")) {
        MEND_TRY(dimension.unit_ru, w_.Text(*unit, map.Child("unit_ru")));
      }
      if (auto tags = map.Get("tags")) {
        MEND_TRY(auto tag_items, w_.List(*tags, map.Child("tags")));
        for (std::size_t t = 0; t < tag_items.size(); ++t) {
          MEND_TRY(std::string tag, w_.Identifier(tag_items[t], Indexed(map.Child("tags"), t)));
          dimension.tags.push_back(tag);
        }
      }
      if (auto expectation = map.Get("expectation")) {
        MEND_TRY(dimension.expectation, w_.Boolean(*expectation, map.Child("expectation")));
      }
      c_.dimensions.push_back(std::move(dimension));
    }
    return Ok();
  }

  Status ReadParameters(const CheckedMap& top) {
    auto node = top.Get("parameters");
    if (!node || node->IsNull()) return Ok();
    MEND_TRY(CheckedMap map, w_.AnyMap(*node, "parameters"));
    for (const auto& [id, value] : map.entries()) {
      const std::string path = map.Child(id);
      Parameter parameter;
      parameter.where = w_.Where(value);
      if (!IsParameterId(id)) {
        return w_.Fail(value, path,
                       "expected an identifier as the parameter id (a letter or _ "
                       "then letters, digits or _)");
      }
      parameter.id = id;
      if (value.IsScalar()) {
        MEND_TRY(w_.Number(value, path));  // a bare parameter must be a number
        parameter.kind = DistributionKind::kFixed;
        parameter.fields.push_back({"value", value.Scalar(), w_.Where(value)});
        c_.parameters.push_back(std::move(parameter));
        continue;
      }
      MEND_TRY(CheckedMap fields, w_.Map(value, path,
                                         {"dist", "value", "min", "mode", "max", "mean", "sd",
                                          "median", "p95", "unit", "source", "note", "name"},
                                         {"note", "name", "unit"}));
      std::string dist = "fixed";
      if (auto d = fields.Get("dist")) {
        MEND_TRY(dist, w_.Text(*d, fields.Child("dist")));
      }
      const std::pair<std::string_view, DistributionKind> kinds[] = {
          {"fixed", DistributionKind::kFixed},           {"uniform", DistributionKind::kUniform},
          {"triangular", DistributionKind::kTriangular}, {"normal", DistributionKind::kNormal},
          {"lognormal", DistributionKind::kLognormal},   {"pert", DistributionKind::kPert}};
      bool known = false;
      for (const auto& [name, kind] : kinds) {
        if (dist == name) {
          parameter.kind = kind;
          known = true;
        }
      }
      if (!known) {
        return w_.Fail(*fields.Get("dist"), fields.Child("dist"),
                       fmt::format("expected one of fixed, uniform, triangular, normal, "
                                   "lognormal, pert, got \"{}\"",
                                   dist));
      }
      const std::vector<std::string> wanted = DistributionFieldNames(parameter.kind);
      for (const std::string& name : wanted) {
        MEND_TRY(YAML::Node field,
                 Require(w_, fields, name,
                         fmt::format("a number or expression: a {} distribution takes {}", dist,
                                     fmt::join(wanted, ", "))));
        MEND_TRY(std::string text, w_.NumberOrExpression(field, fields.Child(name)));
        parameter.fields.push_back({name, text, w_.Where(field)});
      }
      for (std::string_view name : {"value", "min", "mode", "max", "mean", "sd", "median", "p95"}) {
        if (fields.Has(name) && std::find(wanted.begin(), wanted.end(), name) == wanted.end()) {
          return w_.Fail(*fields.Get(name), fields.Child(name),
                         fmt::format("a {} distribution takes {}, not {}", dist,
                                     fmt::join(wanted, ", "), name));
        }
      }
      if (auto unit = fields.Get("unit")) {
        MEND_TRY(parameter.unit, w_.Text(*unit, fields.Child("unit")));
      }
      if (auto unit = fields.Get("unit_ru")) {
        MEND_TRY(parameter.unit_ru, w_.Text(*unit, fields.Child("unit_ru")));
      }
      MEND_TRY(parameter.name, TextField(fields, "name"));
      if (auto source = fields.Get("source")) {
        MEND_TRY(parameter.source, SourceRef(*source, fields.Child("source")));
      }
      MEND_TRY(parameter.note, TextField(fields, "note"));
      c_.parameters.push_back(std::move(parameter));
    }
    return Ok();
  }

  Status ReadCorrelations(const CheckedMap& top) {
    auto node = top.Get("correlations");
    if (!node || node->IsNull()) return Ok();
    MEND_TRY(auto items, w_.List(*node, "correlations"));
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string path = Indexed("correlations", i);
      MEND_TRY(CheckedMap map, w_.Map(items[i], path, {"between", "rank"}));
      Correlation correlation;
      correlation.where = w_.Where(items[i]);
      MEND_TRY(YAML::Node between, Require(w_, map, "between", "a list of two parameter ids"));
      MEND_TRY(auto pair, w_.List(between, map.Child("between")));
      if (pair.size() != 2) {
        return w_.Fail(between, map.Child("between"),
                       fmt::format("expected two parameter ids, got {}", pair.size()));
      }
      ParameterIndex ends[2];
      for (std::size_t e = 0; e < 2; ++e) {
        const std::string end_path = Indexed(map.Child("between"), e);
        MEND_TRY(std::string id, w_.Text(pair[e], end_path));
        bool found = false;
        for (std::uint32_t p = 0; p < c_.parameters.size(); ++p) {
          if (c_.parameters[p].id == id) {
            ends[e] = ParameterIndex{p};
            found = true;
          }
        }
        if (!found) {
          return w_.Fail(pair[e], end_path,
                         fmt::format("unknown parameter '{}'; expected an id listed under "
                                     "parameters{}",
                                     id, DidYouMean(id, ParameterIds())));
        }
      }
      if (ends[0] == ends[1]) {
        return w_.Fail(between, map.Child("between"), "expected two different parameters");
      }
      correlation.first = ends[0];
      correlation.second = ends[1];
      MEND_TRY(YAML::Node rank, Require(w_, map, "rank", "a rank correlation in (-1, 1)"));
      MEND_TRY(correlation.rank, w_.Number(rank, map.Child("rank")));
      if (!(correlation.rank > -1 && correlation.rank < 1)) {
        return w_.Fail(rank, map.Child("rank"),
                       fmt::format("expected a rank correlation strictly between -1 and 1, got {}",
                                   correlation.rank));
      }
      c_.correlations.push_back(correlation);
    }
    return Ok();
  }

  Status ReadOptions(const CheckedMap& top) {
    MEND_TRY(YAML::Node node, Require(w_, top, "options", "the options of each decider"));
    MEND_TRY(CheckedMap map, w_.AnyMap(node, "options"));
    std::map<std::string, SourceLocation> seen;
    std::vector<bool> has_options(c_.actors.size(), false);
    for (const auto& [actor_id, list] : map.entries()) {
      const std::string path = map.Child(actor_id);
      MEND_TRY(ActorIndex owner, ActorRef(map.KeyNode(actor_id), path, actor_id));
      if (!c_.actors[owner.value].is_decider()) {
        return w_.Fail(map.KeyNode(actor_id), path,
                       fmt::format("actor '{}' is affected, and affected actors own no options; "
                                   "expected options of deciders only",
                                   actor_id));
      }
      MEND_TRY(auto items, w_.List(list, path));
      for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string item_path = Indexed(path, i);
        MEND_TRY(CheckedMap option_map,
                 w_.Map(items[i], item_path, {"id", "name", "irreversible"}, {"name"}));
        Option option;
        option.owner = owner;
        option.where = w_.Where(items[i]);
        MEND_TRY(YAML::Node id, Require(w_, option_map, "id", "an identifier"));
        MEND_TRY(option.id, w_.Identifier(id, option_map.Child("id")));
        if (option.id == "if" || option.id == "iff") {
          return w_.Fail(id, option_map.Child("id"),
                         "'if' and 'iff' are words of preference statements; expected another id");
        }
        MEND_TRY(Unique(seen, option.id, id, option_map.Child("id")));
        MEND_TRY(option.name, TextField(option_map, "name"));
        if (option.name.text.empty()) option.name.text = option.id;
        if (auto irreversible = option_map.Get("irreversible")) {
          const std::string irreversible_path = option_map.Child("irreversible");
          const std::string text = irreversible->IsScalar() ? irreversible->Scalar() : "";
          // YAML 1.2 spells booleans true, True or TRUE; the schema for editors follows it.
          if (text == "true" || text == "True" || text == "TRUE" || text == "forward") {
            option.irreversibility = Irreversibility::kForward;
          } else if (text == "backward") {
            option.irreversibility = Irreversibility::kBackward;
          } else if (text == "false" || text == "False" || text == "FALSE") {
            option.irreversibility = Irreversibility::kNone;
          } else {
            return w_.Fail(*irreversible, irreversible_path,
                           "expected true (= forward), forward, backward or false");
          }
        }
        if (c_.options.size() >= static_cast<std::size_t>(kMaxOptions)) {
          return w_.Fail(items[i], item_path,
                         fmt::format("more than {} options; expected at most {} per case",
                                     kMaxOptions, kMaxOptions));
        }
        c_.options.push_back(std::move(option));
        has_options[owner.value] = true;
      }
    }
    for (std::size_t a = 0; a < c_.actors.size(); ++a) {
      if (c_.actors[a].is_decider() && !has_options[a]) {
        return w_.Fail(node, "options",
                       fmt::format("decider '{}' has no options; expected at least one option "
                                   "per decider (or make it an affected actor)",
                                   c_.actors[a].id));
      }
    }
    return Ok();
  }

  std::string OptionNames(StateCode mask) const {
    std::vector<std::string> names;
    for (int k = 0; k < c_.option_count(); ++k) {
      if ((mask >> k) & 1U) names.push_back(c_.options[k].id);
    }
    return fmt::format("{}", fmt::join(names, ", "));
  }

  Status ReadConstraints(const CheckedMap& top) {
    auto node = top.Get("constraints");
    if (!node || node->IsNull()) return Ok();
    MEND_TRY(auto items, w_.List(*node, "constraints"));
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string path = Indexed("constraints", i);
      MEND_TRY(CheckedMap map,
               w_.Map(items[i], path, {"exclusive", "at_least_one", "requires", "infeasible"}));
      if (map.entries().size() != 1) {
        return w_.Fail(items[i], path,
                       "expected exactly one of exclusive, at_least_one, requires, infeasible");
      }
      const auto& [kind, value] = map.entries().front();
      const std::string value_path = map.Child(kind);
      Constraint constraint;
      constraint.where = w_.Where(items[i]);
      if (kind == "exclusive") {
        constraint.kind = ConstraintKind::kExclusive;
        MEND_TRY(constraint.options, OptionSet(value, value_path, 2, false));
        constraint.label = fmt::format("{} (exclusive: {})", path, OptionNames(constraint.options));
      } else if (kind == "at_least_one") {
        constraint.kind = ConstraintKind::kAtLeastOne;
        MEND_TRY(constraint.options, OptionSet(value, value_path, 1, false));
        constraint.label =
            fmt::format("{} (at_least_one: {})", path, OptionNames(constraint.options));
      } else if (kind == "requires") {
        constraint.kind = ConstraintKind::kRequires;
        MEND_TRY(CheckedMap rule, w_.Map(value, value_path, {"if", "then"}));
        MEND_TRY(YAML::Node condition, Require(w_, rule, "if", "an option id or a list of them"));
        MEND_TRY(YAML::Node consequence,
                 Require(w_, rule, "then", "an option id or a list of them"));
        MEND_TRY(constraint.condition, OptionSet(condition, rule.Child("if"), 1, true));
        MEND_TRY(constraint.consequence, OptionSet(consequence, rule.Child("then"), 1, true));
        constraint.label =
            fmt::format("{} (requires: if {} then {})", path, OptionNames(constraint.condition),
                        OptionNames(constraint.consequence));
      } else {
        constraint.kind = ConstraintKind::kInfeasible;
        MEND_TRY(constraint.pattern, Pattern(value, value_path, false));
        if (constraint.pattern.mask == 0) {
          return w_.Fail(value, value_path,
                         "an empty pattern matches every state; expected at least one option");
        }
        constraint.label = fmt::format("{} (infeasible)", path);
      }
      c_.constraints.push_back(std::move(constraint));
    }
    return Ok();
  }

  Status ReadStatusQuoAndDefault(const CheckedMap& top) {
    MEND_TRY(YAML::Node status_quo,
             Require(w_, top, "status_quo", "the status quo as a full pattern"));
    MEND_TRY(PartialPattern pattern, Pattern(status_quo, "status_quo", true));
    c_.status_quo = pattern.values;
    c_.status_quo_where = w_.Where(status_quo);
    if (auto node = top.Get("default")) {
      c_.default_where = w_.Where(*node);
      if (node->IsScalar() && node->Scalar() == "auto") return Ok();
      Result<PartialPattern> full = Pattern(*node, "default", true);
      if (!full) {
        return w_.Fail(*node, "default",
                       "expected auto or a full pattern (a map of every option to Y/N, or a "
                       "Y/N string)");
      }
      c_.explicit_default = full->values;
    }
    return Ok();
  }

  Status ReadEffects(const CheckedMap& top) {
    auto node = top.Get("effects");
    if (!node || node->IsNull()) return Ok();
    MEND_TRY(auto items, w_.List(*node, "effects"));
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string path = Indexed("effects", i);
      MEND_TRY(CheckedMap map, w_.AnyMap(items[i], path));
      Effect effect;
      effect.where = w_.Where(items[i]);
      MEND_TRY(YAML::Node when, Require(w_, map, "when", "a pattern, {} for always"));
      MEND_TRY(effect.when, Pattern(when, map.Child("when"), false));
      for (const auto& [key, value] : map.entries()) {
        const std::string key_path = map.Child(key);
        if (key == "when") continue;
        if (key == "source") {
          MEND_TRY(effect.source, SourceRef(value, key_path));
          continue;
        }
        if (key == "note") {
          MEND_TRY(effect.note.text, w_.Text(value, key_path));
          continue;
        }
        if (key == "note_ru") {
          MEND_TRY(effect.note.ru, w_.Text(value, key_path));
          continue;
        }
        auto actor = c_.FindActor(key);
        if (!actor) {
          return w_.Fail(map.KeyNode(key), key_path,
                         fmt::format("unknown key; expected when, source, note or an actor id "
                                     "({})",
                                     ActorIdList()));
        }
        MEND_TRY(CheckedMap terms, w_.AnyMap(value, key_path));
        for (const auto& [dimension_id, expression] : terms.entries()) {
          const std::string term_path = terms.Child(dimension_id);
          MEND_TRY(DimensionIndex dimension,
                   DimensionRef(terms.KeyNode(dimension_id), term_path, dimension_id));
          MEND_TRY(std::string text, w_.NumberOrExpression(expression, term_path));
          effect.terms.push_back({*actor, dimension, text, term_path, w_.Where(expression)});
        }
      }
      c_.effects.push_back(std::move(effect));
    }
    return Ok();
  }

  Status ClaimPreference(ActorIndex actor, PreferenceKind kind, const YAML::Node& node,
                         const std::string& path) {
    PreferenceKind& current = c_.preference_kind[actor.value];
    if (current != PreferenceKind::kNone &&
        !(current == kind && kind == PreferenceKind::kPayoffs)) {
      return w_.Fail(node, path,
                     fmt::format("actor '{}' already has a source of preference (line {}); "
                                 "expected exactly one of valuation, preferences or payoffs",
                                 c_.actors[actor.value].id, preference_where_[actor.value].line));
    }
    if (current == PreferenceKind::kNone) preference_where_[actor.value] = w_.Where(node);
    current = kind;
    return Ok();
  }

  Status ReadValuations(const CheckedMap& top) {
    auto node = top.Get("valuation");
    if (!node || node->IsNull()) return Ok();
    MEND_TRY(CheckedMap map, w_.AnyMap(*node, "valuation"));
    for (const auto& [actor_id, value] : map.entries()) {
      const std::string path = map.Child(actor_id);
      MEND_TRY(ActorIndex actor, ActorRef(map.KeyNode(actor_id), path, actor_id));
      MEND_TRY(ClaimPreference(actor, PreferenceKind::kValuation, map.KeyNode(actor_id), path));
      MEND_TRY(CheckedMap fields,
               w_.Map(value, path,
                      {"weights", "loss_aversion", "uncertainty_aversion", "indifference"}));
      Valuation valuation;
      valuation.where = w_.Where(value);
      valuation.weights.assign(c_.dimensions.size(), 0.0);
      MEND_TRY(YAML::Node weights,
               Require(w_, fields, "weights", "a map of dimension ids to weights"));
      MEND_TRY(CheckedMap weight_map, w_.AnyMap(weights, fields.Child("weights")));
      for (const auto& [dimension_id, weight] : weight_map.entries()) {
        const std::string weight_path = weight_map.Child(dimension_id);
        MEND_TRY(DimensionIndex dimension,
                 DimensionRef(weight_map.KeyNode(dimension_id), weight_path, dimension_id));
        MEND_TRY(valuation.weights[dimension.value], w_.Number(weight, weight_path));
      }
      if (fields.Has("loss_aversion")) {
        MEND_TRY(valuation.loss_aversion,
                 BoundedNumber(fields, "loss_aversion", 1.0, "a number >= 1"));
        valuation.reference_dependent = true;
      }
      if (fields.Has("uncertainty_aversion")) {
        MEND_TRY(valuation.uncertainty_aversion,
                 BoundedNumber(fields, "uncertainty_aversion", 0.0, "a number >= 0"));
        valuation.reference_dependent = true;
      }
      if (fields.Has("indifference")) {
        MEND_TRY(valuation.indifference,
                 BoundedNumber(fields, "indifference", 0.0, "a number >= 0"));
      }
      c_.valuations[actor.value] = std::move(valuation);
    }
    return Ok();
  }

  Status ReadPreferences(const CheckedMap& top) {
    auto node = top.Get("preferences");
    if (!node || node->IsNull()) return Ok();
    MEND_TRY(CheckedMap map, w_.AnyMap(*node, "preferences"));
    for (const auto& [actor_id, value] : map.entries()) {
      const std::string path = map.Child(actor_id);
      MEND_TRY(ActorIndex actor, ActorRef(map.KeyNode(actor_id), path, actor_id));
      OrdinalPreferences preferences;
      preferences.where = w_.Where(value);
      if (value.IsSequence()) {
        MEND_TRY(
            ClaimPreference(actor, PreferenceKind::kPrioritization, map.KeyNode(actor_id), path));
        MEND_TRY(auto items, w_.List(value, path));
        for (std::size_t i = 0; i < items.size(); ++i) {
          MEND_TRY(std::string text, w_.Text(items[i], Indexed(path, i)));
          preferences.statements.push_back({text, w_.Where(items[i])});
        }
        if (preferences.statements.empty()) {
          return w_.Fail(value, path, "expected at least one preference statement");
        }
      } else {
        MEND_TRY(ClaimPreference(actor, PreferenceKind::kRanking, map.KeyNode(actor_id), path));
        MEND_TRY(CheckedMap ranking_map, w_.Map(value, path, {"ranking"}));
        MEND_TRY(YAML::Node ranking,
                 Require(w_, ranking_map, "ranking", "a list of states, most preferred first"));
        const std::string ranking_path = ranking_map.Child("ranking");
        MEND_TRY(auto groups, w_.List(ranking, ranking_path));
        for (std::size_t g = 0; g < groups.size(); ++g) {
          const std::string group_path = Indexed(ranking_path, g);
          std::vector<YAML::Node> members;
          if (groups[g].IsSequence()) {
            MEND_TRY(members, w_.List(groups[g], group_path));
            if (members.empty()) return w_.Fail(groups[g], group_path, "expected tied states");
          } else {
            members.push_back(groups[g]);
          }
          std::vector<RankedState> group;
          for (std::size_t m = 0; m < members.size(); ++m) {
            const std::string member_path =
                groups[g].IsSequence() ? Indexed(group_path, m) : group_path;
            MEND_TRY(std::string text, w_.Text(members[m], member_path));
            auto code = ParsePattern(text, c_.option_count());
            if (!code) {
              return w_.Fail(members[m], member_path,
                             fmt::format("expected a pattern of {} letters Y/N, got \"{}\"{}",
                                         c_.option_count(), text, PatternHint(text)));
            }
            group.push_back({*code, w_.Where(members[m])});
          }
          preferences.ranking.push_back(std::move(group));
        }
      }
      c_.ordinal[actor.value] = std::move(preferences);
    }
    return Ok();
  }

  Status ReadPayoffs(const CheckedMap& top) {
    auto node = top.Get("payoffs");
    if (!node || node->IsNull()) return Ok();
    MEND_TRY(CheckedMap map, w_.AnyMap(*node, "payoffs"));
    std::map<std::string, SourceLocation> seen;
    for (const auto& [pattern, value] : map.entries()) {
      const std::string path = map.Child(pattern);
      auto code = ParsePattern(pattern, c_.option_count());
      if (!code) {
        return w_.Fail(map.KeyNode(pattern), path,
                       fmt::format("expected a pattern of {} letters Y/N as the key, got \"{}\"{}",
                                   c_.option_count(), pattern, PatternHint(pattern)));
      }
      PayoffRow row;
      row.code = *code;
      row.where = w_.Where(value);
      row.utility.assign(c_.actors.size(), std::nullopt);
      MEND_TRY(CheckedMap values, w_.AnyMap(value, path));
      for (const auto& [actor_id, number] : values.entries()) {
        const std::string value_path = values.Child(actor_id);
        MEND_TRY(ActorIndex actor, ActorRef(values.KeyNode(actor_id), value_path, actor_id));
        MEND_TRY(
            ClaimPreference(actor, PreferenceKind::kPayoffs, values.KeyNode(actor_id), value_path));
        MEND_TRY(row.utility[actor.value], w_.Number(number, value_path));
      }
      c_.payoffs.push_back(std::move(row));
    }
    return Ok();
  }

  Status CheckPreferenceSources() {
    for (std::size_t a = 0; a < c_.actors.size(); ++a) {
      if (c_.preference_kind[a] != PreferenceKind::kNone) continue;
      return Error::InvalidArgument(
                 fmt::format("actors[{}]: actor '{}' has no source of preference; expected an "
                             "entry under valuation, preferences or payoffs",
                             a, c_.actors[a].id))
          .At(c_.actors[a].where);
    }
    return Ok();
  }

  Status ReadPerceptions(const CheckedMap& top) {
    auto node = top.Get("perceptions");
    if (!node || node->IsNull()) return Ok();
    MEND_TRY(auto items, w_.List(*node, "perceptions"));
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string path = Indexed("perceptions", i);
      MEND_TRY(CheckedMap map, w_.Map(items[i], path,
                                      {"holder", "about", "weights", "loss_aversion",
                                       "uncertainty_aversion", "indifference", "note"},
                                      {"note"}));
      Perception perception;
      perception.where = w_.Where(items[i]);
      MEND_TRY(YAML::Node holder, Require(w_, map, "holder", "the id of the actor who believes"));
      MEND_TRY(std::string holder_id, w_.Text(holder, map.Child("holder")));
      MEND_TRY(perception.holder, ActorRef(holder, map.Child("holder"), holder_id));
      MEND_TRY(YAML::Node about, Require(w_, map, "about", "the id of the actor believed about"));
      MEND_TRY(std::string about_id, w_.Text(about, map.Child("about")));
      MEND_TRY(perception.about, ActorRef(about, map.Child("about"), about_id));
      if (perception.holder == perception.about) {
        return w_.Fail(about, map.Child("about"), "expected another actor than the holder");
      }
      if (c_.preference_kind[perception.about.value] != PreferenceKind::kValuation) {
        return w_.Fail(about, map.Child("about"),
                       fmt::format("actor '{}' has no valuation to misperceive; expected an "
                                   "actor whose preferences come from valuation",
                                   about_id));
      }
      for (const Perception& earlier : c_.perceptions) {
        if (earlier.holder == perception.holder && earlier.about == perception.about) {
          return w_.Fail(items[i], path,
                         fmt::format("a second perception of '{}' by '{}' (first at line {}); "
                                     "expected one per holder and subject",
                                     about_id, holder_id, earlier.where.line));
        }
      }
      if (auto weights = map.Get("weights")) {
        MEND_TRY(CheckedMap weight_map, w_.AnyMap(*weights, map.Child("weights")));
        for (const auto& [dimension_id, weight] : weight_map.entries()) {
          const std::string weight_path = weight_map.Child(dimension_id);
          MEND_TRY(DimensionIndex dimension,
                   DimensionRef(weight_map.KeyNode(dimension_id), weight_path, dimension_id));
          MEND_TRY(double number, w_.Number(weight, weight_path));
          perception.weights.emplace_back(dimension, number);
        }
      }
      if (map.Has("loss_aversion")) {
        MEND_TRY(perception.loss_aversion,
                 BoundedNumber(map, "loss_aversion", 1.0, "a number >= 1"));
      }
      if (map.Has("uncertainty_aversion")) {
        MEND_TRY(perception.uncertainty_aversion,
                 BoundedNumber(map, "uncertainty_aversion", 0.0, "a number >= 0"));
      }
      if (map.Has("indifference")) {
        MEND_TRY(perception.indifference, BoundedNumber(map, "indifference", 0.0, "a number >= 0"));
      }
      MEND_TRY(perception.note, TextField(map, "note"));
      c_.perceptions.push_back(std::move(perception));
    }
    return Ok();
  }

  Status ReadLinkage(const CheckedMap& top) {
    c_.accepts_linkage.assign(c_.actors.size(), true);
    auto node = top.Get("linkage");
    if (!node || node->IsNull()) return Ok();
    MEND_TRY(CheckedMap map, w_.AnyMap(*node, "linkage"));
    for (const auto& [actor_id, value] : map.entries()) {
      const std::string path = map.Child(actor_id);
      MEND_TRY(ActorIndex actor, ActorRef(map.KeyNode(actor_id), path, actor_id));
      MEND_TRY(bool accepts, w_.Boolean(value, path));
      c_.accepts_linkage[actor.value] = accepts;
    }
    return Ok();
  }

  // coalitions: [[us, eu], [ru]] — each a list of distinct decider ids; no coalition twice.
  Status ReadCoalitions(const CheckedMap& top) {
    auto node = top.Get("coalitions");
    if (!node || node->IsNull()) return Ok();
    MEND_TRY(auto items, w_.List(*node, "coalitions"));
    std::vector<std::vector<std::uint32_t>> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string path = Indexed("coalitions", i);
      MEND_TRY(auto members, w_.List(items[i], path));
      if (members.empty()) {
        return w_.Fail(items[i], path, "expected a list of at least one decider id");
      }
      CoalitionDefinition coalition;
      coalition.where = w_.Where(items[i]);
      std::vector<std::uint32_t> key;
      for (std::size_t m = 0; m < members.size(); ++m) {
        const std::string member_path = Indexed(path, m);
        MEND_TRY(std::string id, w_.Text(members[m], member_path));
        MEND_TRY(ActorIndex actor, ActorRef(members[m], member_path, id));
        if (!c_.actors[actor.value].is_decider()) {
          return w_.Fail(members[m], member_path,
                         fmt::format("'{}' is affected, not a decider; expected decider ids", id));
        }
        if (std::find(key.begin(), key.end(), actor.value) != key.end()) {
          return w_.Fail(members[m], member_path,
                         fmt::format("'{}' is listed twice; expected each member once", id));
        }
        key.push_back(actor.value);
        coalition.members.push_back(actor);
      }
      std::sort(key.begin(), key.end());
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
        return w_.Fail(items[i], path, "the same coalition is listed twice; expected it once");
      }
      seen.push_back(key);
      c_.coalitions.push_back(std::move(coalition));
    }
    return Ok();
  }

  YamlWalker& w_;
  CaseDefinition& c_;
  std::vector<SourceLocation> preference_where_;
};

// Refuses text with more possible values than `limit` before yaml-cpp builds a node for each
// (8 MiB of "1," would cost it gigabytes). Every flow item, flow collection and block entry
// needs one of the counted separators, so the count bounds the number of nodes from above.
Status CheckValueCount(std::string_view text, const std::string& file, long limit) {
  long count = 0;
  int line = 1;
  int column = 1;
  for (const char c : text) {
    if (c == ',' || c == '[' || c == '{' || c == '\n') {
      if (++count > limit) {
        return Error::InvalidArgument(
                   fmt::format("the file holds more than {} values (counting ',', '[', '{{' and "
                               "line ends); expected a case of at most that many",
                               limit))
            .At({file, line, column});
      }
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;  // bytes, like yaml-cpp; ToCharacterColumn converts at the end
    }
  }
  return Ok();
}

// Parses YAML text into a tree, turning every failure of the YAML layer into a located error.
Result<YAML::Node> ParseYaml(std::string_view text, const std::string& file,
                             const ReadOptions& options) {
  if (text.size() > options.max_file_bytes) {
    return Error::InvalidArgument(fmt::format("the file has {} bytes; expected at most {}",
                                              text.size(), options.max_file_bytes))
        .At({file, 1, 1});
  }
  MEND_TRY(internal::CheckText(text, file));
  MEND_TRY(CheckValueCount(text, file, options.max_values));
  try {
    // A second document ('---') is refused, not silently dropped. Documents are counted by a
    // pass of events, at most two: yaml-cpp's LoadAll never ends on a stray ',' at the top
    // (each call returns an empty document without consuming it; found by fuzzing).
    const std::string copy(text);
    std::vector<YAML::Mark> starts = internal::DocumentStarts(copy, 2);
    if (starts.size() > 1 && starts[1].pos == starts[0].pos) {
      return Error::InvalidArgument(
                 "not valid YAML: no value where the document starts (a stray ',', ']' or "
                 "'}'?)")
          .At({file, starts[0].line + 1, starts[0].column + 1});
    }
    if (starts.size() > 1) {
      const YAML::Mark mark = starts[1];
      return Error::InvalidArgument(
                 "a second YAML document in the file; expected one case or portfolio per file")
          .At({file, mark.is_null() ? 1 : mark.line + 1, mark.is_null() ? 1 : mark.column + 1});
    }
    YAML::Node root = YAML::Load(copy);
    if (!root.IsDefined() || root.IsNull()) {
      return Error::InvalidArgument(
                 "the file is empty; expected a mend case (a map that starts with 'mend: 1')")
          .At({file, 1, 1});
    }
    // Aliases repeat the node they name wherever they are used: what the reader walks is the
    // expanded tree, so it is that tree's values that count against the budget.
    MEND_TRY(internal::CheckExpandedValues(root, file, options.max_values));
    return root;
  } catch (const YAML::DeepRecursion& error) {
    // yaml-cpp may place the failure at the end of the input (after scanning a flow run of
    // brackets); the last line with text is then the line that nests too deeply.
    SourceLocation where{file, error.mark.line + 1, error.mark.column + 1};
    if (error.mark.pos < 0 || static_cast<std::size_t>(error.mark.pos) >= text.size()) {
      const std::size_t last = text.find_last_not_of("\r\n \t");
      if (last != std::string_view::npos) {
        where.line = static_cast<int>(std::count(text.begin(), text.begin() + last, '\n')) + 1;
        where.column = 1;
      }
    }
    return Error::InvalidArgument(
               "the document nests deeper than mend reads; expected a case of ordinary depth")
        .At(std::move(where));
  } catch (const YAML::Exception& error) {
    const int line = error.mark.is_null() ? 1 : error.mark.line + 1;
    return internal::ExplainYamlError(
        text, file, line,
        Error::InvalidArgument(fmt::format("not valid YAML: {}", error.msg))
            .At({file, line, error.mark.is_null() ? 1 : error.mark.column + 1}));
  }
}

// Reads `mend:` first, so that a future version is refused before its keys look unknown.
Status CheckVersion(YamlWalker& walker, const YAML::Node& root) {
  if (!root.IsMap()) {
    return walker.Fail(root, "",
                       "expected a mend case or portfolio: a map that starts with 'mend: 1'");
  }
  const YAML::Node& view = root;  // const: operator[] must not insert into the tree
  const YAML::Node version = view["mend"];
  if (!version) {
    return walker.Fail(root, "", "missing key 'mend' (expected the format version, 1)");
  }
  MEND_TRY(long long number, walker.Integer(version, "mend"));
  if (number > kFormatVersion) {
    return walker.Fail(version, "mend",
                       fmt::format("format version {} is newer than this mend reads; expected "
                                   "version {} (upgrade mend to read this file)",
                                   number, kFormatVersion));
  }
  if (number < 1) {
    return walker.Fail(version, "mend", fmt::format("expected format version 1, got {}", number));
  }
  return Ok();
}

bool IsPortfolio(const YAML::Node& root) {
  const YAML::Node& view = root;
  return root.IsMap() && view["portfolio"].IsDefined();
}

Result<CaseDefinition> ParseCaseRoot(const YAML::Node& root, const std::string& file,
                                     const ReadOptions& options) {
  YamlWalker walker(file, options.max_nodes);
  MEND_TRY(CheckVersion(walker, root));
  if (IsPortfolio(root)) {
    return walker.Fail(root, "portfolio", "this is a portfolio file; expected a single case here");
  }
  CaseDefinition definition;
  definition.file = file;
  CaseParser parser(walker, definition);
  MEND_TRY(parser.Parse(root));
  return definition;
}

// Compiles a parsed case. The state space places its problems (no feasible state, too many) at
// the first constraint; a case without constraints gets them at its `options` key instead of
// the top of the file.
Result<CompiledCase> CompileLocated(CaseDefinition definition, const YAML::Node& root,
                                    const ReadOptions& options) {
  const std::string file = definition.file;
  const bool unconstrained = definition.constraints.empty();
  EnumerationLimits limits = options.limits;
  if (options.max_states_for) {
    limits.max_states = std::min(limits.max_states, options.max_states_for(definition));
  }
  Result<CompiledCase> compiled = CompileCase(std::move(definition), limits);
  if (compiled || !unconstrained) return compiled;
  const SourceLocation& where = compiled.error().where;
  if (where.known() && !(where.line == 1 && where.column == 1)) return compiled;
  for (auto it = root.begin(); it != root.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == "options" && !it->first.Mark().is_null()) {
      return std::move(compiled).error().At(
          {file, it->first.Mark().line + 1, it->first.Mark().column + 1});
    }
  }
  return compiled;
}

// True when `text` is a plain number (no expression).
bool IsPlainNumber(const std::string& text) {
  const std::size_t begin = text.find_first_not_of(" \t");
  const std::size_t end = text.find_last_not_of(" \t");
  if (begin == std::string::npos) return false;
  const char* first = text.data() + begin;
  const char* last = text.data() + end + 1;
  if (*first == '+') ++first;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(first, last, value);
  return ec == std::errc() && ptr == last;
}

// A portfolio's shared parameters and their sources, read as a case reads its own. Their fields
// must be plain numbers: an expression would refer to one issue's parameters and could not be
// drawn once for all of them.
Status ParseSharedParameters(YamlWalker& walker, const CheckedMap& top,
                             PortfolioDefinition& portfolio) {
  CaseDefinition shared;
  shared.file = portfolio.file;
  CaseParser parser(walker, shared);
  MEND_TRY(parser.ParseShared(top));
  for (const Parameter& parameter : shared.parameters) {
    for (const ParameterField& field : parameter.fields) {
      if (IsPlainNumber(field.expression)) continue;
      return Error::InvalidArgument(
                 fmt::format("parameters.{}.{}: expected a number; a portfolio's parameters are "
                             "drawn once for every issue, so their fields cannot be expressions "
                             "(got \"{}\")",
                             parameter.id, field.name, field.expression))
          .At(field.where);
    }
  }
  portfolio.parameters = std::move(shared.parameters);
  portfolio.sources = std::move(shared.sources);
  return Ok();
}

// Puts the portfolio's shared parameters in place of the case's parameters of the same id
// (docs/case-format.md, "Portfolios"), with the portfolio's sources appended to the case's.
// Fails, at the case's parameter, when its unit differs from the portfolio's, and at the
// correlation, when a shared parameter is correlated inside one case (its draws would then
// differ from issue to issue).
Status ApplySharedParameters(const PortfolioDefinition& portfolio, CaseDefinition& definition) {
  for (std::size_t j = 0; j < portfolio.parameters.size(); ++j) {
    const Parameter& shared = portfolio.parameters[j];
    for (Parameter& parameter : definition.parameters) {
      if (parameter.id != shared.id) continue;
      if (!parameter.unit.empty() && !shared.unit.empty() && parameter.unit != shared.unit) {
        return Error::InvalidArgument(
                   fmt::format("parameters.{}: unit '{}' differs from the portfolio's '{}' ({}, "
                               "line {}); expected the same unit for a shared parameter",
                               parameter.id, parameter.unit, shared.unit, portfolio.file,
                               shared.where.line))
            .At(parameter.where);
      }
      Parameter replaced = shared;
      replaced.where = shared.where;
      if (replaced.unit.empty()) replaced.unit = parameter.unit;
      if (replaced.unit_ru.empty()) replaced.unit_ru = parameter.unit_ru;
      if (replaced.name.text.empty()) replaced.name.text = parameter.name.text;
      if (replaced.name.ru.empty()) replaced.name.ru = parameter.name.ru;
      if (replaced.note.text.empty()) replaced.note = parameter.note;
      replaced.source = parameter.source;
      if (shared.source) {
        const Source& cited = portfolio.sources[*shared.source];
        auto same = [&](const Source& s) { return s.id == cited.id; };
        auto found = std::find_if(definition.sources.begin(), definition.sources.end(), same);
        if (found == definition.sources.end()) {
          definition.sources.push_back(cited);
          found = std::prev(definition.sources.end());
        }
        replaced.source = static_cast<std::size_t>(found - definition.sources.begin());
      }
      replaced.shared = j;
      parameter = std::move(replaced);
    }
  }
  for (const Correlation& correlation : definition.correlations) {
    for (ParameterIndex end : {correlation.first, correlation.second}) {
      const Parameter& parameter = definition.parameters[end.value];
      if (!parameter.shared) continue;
      return Error::InvalidArgument(
                 fmt::format("correlations: '{}' is a parameter of the portfolio, drawn once for "
                             "every issue; expected no correlation with it inside one case",
                             parameter.id))
          .At(correlation.where);
    }
  }
  return Ok();
}

// `linkage_where` receives where each entry of `linkage` sits, for CompilePortfolio's messages.
Result<PortfolioDefinition> ParsePortfolio(YamlWalker& walker, const YAML::Node& root,
                                           const std::string& file,
                                           std::vector<SourceLocation>& linkage_where) {
  MEND_TRY(CheckedMap top, walker.Map(root, "",
                                      {"mend", "portfolio", "title", "summary", "cases", "linkage",
                                       "sources", "parameters"},
                                      {"title", "summary"}));
  PortfolioDefinition portfolio;
  portfolio.file = file;
  MEND_TRY(portfolio.id, walker.Text(*top.Get("portfolio"), "portfolio"));
  if (!IsCaseId(portfolio.id)) {
    return walker.Fail(*top.Get("portfolio"), "portfolio",
                       "expected lower-case letters, digits and '-' ([a-z0-9-]+, at most 100)");
  }
  if (auto title = top.Get("title")) {
    MEND_TRY(portfolio.title.text, walker.Text(*title, "title"));
  }
  if (auto title = top.Get("title_ru")) {
    MEND_TRY(portfolio.title.ru, walker.Text(*title, "title_ru"));
  }
  if (auto summary = top.Get("summary")) {
    MEND_TRY(portfolio.summary.text, walker.Text(*summary, "summary"));
  }
  if (auto summary = top.Get("summary_ru")) {
    MEND_TRY(portfolio.summary.ru, walker.Text(*summary, "summary_ru"));
  }
  MEND_TRY(YAML::Node cases, Require(walker, top, "cases", "a list of case files"));
  MEND_TRY(auto items, walker.List(cases, "cases"));
  if (items.empty()) return walker.Fail(cases, "cases", "expected at least one case file");
  const std::filesystem::path folder = std::filesystem::path(file).parent_path();
  for (std::size_t i = 0; i < items.size(); ++i) {
    MEND_TRY(std::string path, walker.Text(items[i], Indexed("cases", i)));
    portfolio.cases.push_back(
        {(folder / path).lexically_normal().string(), walker.Where(items[i])});
  }
  if (auto linkage = top.Get("linkage")) {
    MEND_TRY(CheckedMap map, walker.AnyMap(*linkage, "linkage"));
    for (const auto& [actor, value] : map.entries()) {
      MEND_TRY(bool accepts, walker.Boolean(value, map.Child(actor)));
      portfolio.linkage.emplace_back(actor, accepts);
      linkage_where.push_back(walker.Where(map.KeyNode(actor)));
    }
  }
  MEND_TRY(ParseSharedParameters(walker, top, portfolio));
  return portfolio;
}

Result<std::string> ReadWholeFile(const std::string& path, const ReadOptions& options) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return Error::NotFound(fmt::format("no such file; expected a case or portfolio file"))
        .At({path, 0, 0});
  }
  if (std::filesystem::is_directory(path, error)) {
    return Error::InvalidArgument("is a folder; expected a case or portfolio file")
        .At({path, 0, 0});
  }
  // Devices (/dev/zero), FIFOs and sockets have no size and may never end: refused before
  // opening, which for a FIFO would block until a writer comes.
  if (!std::filesystem::is_regular_file(path, error)) {
    return Error::InvalidArgument(
               "is not a regular file (a device, FIFO or socket); expected a case or portfolio "
               "file")
        .At({path, 0, 0});
  }
  const auto size = std::filesystem::file_size(path, error);
  if (!error && size > options.max_file_bytes) {
    return Error::InvalidArgument(fmt::format("the file has {} bytes; expected at most {}", size,
                                              options.max_file_bytes))
        .At({path, 0, 0});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Io("cannot open the file for reading").At({path, 0, 0});
  // Read at most one byte past the limit: a file that grows while it is read (or a /proc file
  // that reports size 0) is still bounded.
  std::string text;
  std::array<char, 65536> chunk{};
  while (in && text.size() <= options.max_file_bytes) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return Error::Io("cannot read the file").At({path, 0, 0});
  if (text.size() > options.max_file_bytes) {
    return Error::InvalidArgument(fmt::format("the file has more than {} bytes; expected at most "
                                              "that many",
                                              options.max_file_bytes))
        .At({path, 0, 0});
  }
  return text;
}

Error ToCharacterColumn(Error error, std::string_view text, const std::string& file);

// Reads one case of a portfolio: as ReadCase, with the portfolio's shared parameters in place.
Result<CompiledCase> ReadPortfolioCase(const PortfolioDefinition& portfolio, std::string_view text,
                                       const std::string& file, const ReadOptions& options) {
  if (portfolio.parameters.empty() || LooksLikeGmcr(file, text)) {
    return ReadCase(text, file, options);
  }
  Result<CompiledCase> compiled = [&]() -> Result<CompiledCase> {
    MEND_TRY(YAML::Node root, ParseYaml(text, file, options));
    MEND_TRY(CaseDefinition definition, ParseCaseRoot(root, file, options));
    MEND_TRY(ApplySharedParameters(portfolio, definition));
    return CompileLocated(std::move(definition), root, options);
  }();
  if (compiled) return compiled;
  return ToCharacterColumn(std::move(compiled).error(), text, file);
}

Result<CompiledPortfolio> CompilePortfolio(PortfolioDefinition portfolio,
                                           const std::vector<SourceLocation>& linkage_where,
                                           const ReadOptions& options) {
  CompiledPortfolio compiled;
  std::vector<std::string> deciders;
  std::map<std::string, SourceLocation> ids;
  for (const auto& entry : portfolio.cases) {
    Result<std::string> text = ReadWholeFile(entry.path, options);
    if (!text) {
      return Error::InvalidArgument(
                 fmt::format("cases: cannot read '{}': {}", entry.path, text.error().message))
          .At(SourceLocation{portfolio.file, entry.where.line, entry.where.column});
    }
    MEND_TRY(CompiledCase one, ReadPortfolioCase(portfolio, *text, entry.path, options));
    auto [it, inserted] = ids.emplace(one.definition.id, entry.where);
    if (!inserted) {
      return Error::InvalidArgument(fmt::format("cases: two cases have the id '{}' (first at line "
                                                "{}); expected unique case ids",
                                                one.definition.id, it->second.line))
          .At(entry.where);
    }
    std::vector<std::string> these;
    for (ActorIndex a : one.definition.Deciders())
      these.push_back(one.definition.actors[a.value].id);
    std::sort(these.begin(), these.end());
    // The common deciders are those of every case; a case may add deciders of its own, who take
    // part in that issue only (docs/analyses.md, "Portfolios and the no-linkage rule"). The
    // linked deal needs at least two common deciders to trade between.
    if (compiled.cases.empty()) {
      deciders = these;
    } else {
      std::vector<std::string> common;
      std::set_intersection(deciders.begin(), deciders.end(), these.begin(), these.end(),
                            std::back_inserter(common));
      if (common.size() < 2) {
        return Error::InvalidArgument(
                   fmt::format("cases: '{}' has deciders {} but the cases before it share {}; "
                               "expected every case to have at least two common deciders "
                               "(a case may add deciders of its own)",
                               one.definition.id, fmt::join(these, ", "),
                               fmt::join(deciders, ", ")))
            .At(entry.where);
      }
      deciders = std::move(common);
    }
    compiled.cases.push_back(std::move(one));
  }
  for (std::size_t l = 0; l < portfolio.linkage.size(); ++l) {
    const std::string& actor = portfolio.linkage[l].first;
    bool known = false;
    for (const CompiledCase& one : compiled.cases) {
      if (one.definition.FindActor(actor)) known = true;
    }
    if (!known) {
      return Error::InvalidArgument(fmt::format("linkage.{}: unknown actor; expected an actor of "
                                                "the portfolio's cases",
                                                actor))
          .At(linkage_where[l]);
    }
  }
  compiled.definition = std::move(portfolio);
  return compiled;
}

// yaml-cpp's marks count bytes; editors count characters. Converts the column of an error placed
// in `file` (whose text is `text`) from bytes to characters, so that a line with Cyrillic names
// points at the same place in every editor.
Error ToCharacterColumn(Error error, std::string_view text, const std::string& file) {
  SourceLocation& where = error.where;
  if (where.file != file || where.line <= 0 || where.column <= 1) return error;
  std::size_t start = 0;
  for (int l = 1; l < where.line; ++l) {
    start = text.find('\n', start);
    if (start == std::string_view::npos) return error;
    ++start;
  }
  const std::size_t end = std::min(text.size(), start + static_cast<std::size_t>(where.column - 1));
  int column = 1;
  for (std::size_t i = start; i < end && text[i] != '\n'; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) ++column;
  }
  where.column = column;
  return error;
}

template <typename T>
Result<T> WithCharacterColumns(Result<T> result, std::string_view text, const std::string& file) {
  if (result) return result;
  return ToCharacterColumn(std::move(result).error(), text, file);
}

Result<CompiledCase> ReadCaseBytes(std::string_view text, const std::string& file,
                                   const ReadOptions& options) {
  MEND_TRY(YAML::Node root, ParseYaml(text, file, options));
  MEND_TRY(CaseDefinition definition, ParseCaseRoot(root, file, options));
  return CompileLocated(std::move(definition), root, options);
}

Result<Document> ReadDocumentBytes(const std::string& text, const std::string& path,
                                   const ReadOptions& options) {
  MEND_TRY(YAML::Node root, ParseYaml(text, path, options));
  if (IsPortfolio(root)) {
    YamlWalker walker(path, options.max_nodes);
    MEND_TRY(CheckVersion(walker, root));
    std::vector<SourceLocation> linkage_where;
    MEND_TRY(PortfolioDefinition portfolio, ParsePortfolio(walker, root, path, linkage_where));
    MEND_TRY(CompiledPortfolio compiled,
             CompilePortfolio(std::move(portfolio), linkage_where, options));
    return Document(std::move(compiled));
  }
  MEND_TRY(CaseDefinition definition, ParseCaseRoot(root, path, options));
  MEND_TRY(CompiledCase one, CompileLocated(std::move(definition), root, options));
  return Document(std::move(one));
}

}  // namespace

Result<CaseDefinition> ParseCaseDefinition(std::string_view text, const std::string& file,
                                           const ReadOptions& options) {
  if (LooksLikeGmcr(file, text)) return ParseGmcrDefinition(text, file, options);
  Result<YAML::Node> root = ParseYaml(text, file, options);
  if (!root) return ToCharacterColumn(std::move(root).error(), text, file);
  return WithCharacterColumns(ParseCaseRoot(*root, file, options), text, file);
}

Result<CompiledCase> ReadCase(std::string_view text, const std::string& file,
                              const ReadOptions& options) {
  if (LooksLikeGmcr(file, text)) return ReadGmcrCase(text, file, options);
  return WithCharacterColumns(ReadCaseBytes(text, file, options), text, file);
}

Result<Document> ReadDocumentFile(const std::string& path, const ReadOptions& options) {
  MEND_TRY(std::string text, ReadWholeFile(path, options));
  // gmcr-py save files (JSON); their reader counts columns in characters already.
  if (LooksLikeGmcr(path, text)) {
    MEND_TRY(CompiledCase one, ReadGmcrCase(text, path, options));
    return Document(std::move(one));
  }
  return WithCharacterColumns(ReadDocumentBytes(text, path, options), text, path);
}

}  // namespace mend
