// SPDX-License-Identifier: Apache-2.0
//
// The semantics follow gmcr-py's loader as documented in docs/case-format.md ("Reading .gmcr
// files"); the code is mend's own. Option numbers in conditions refer to the file's option list;
// states are numbered after the options are regrouped by decision maker (as gmcr-py does on
// load), feasible states only, option 0 as the lowest bit — the same numbering mend uses.
#include "mend/io/gmcr_reader.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "mend/io/internal/located_json.hpp"
#include "mend/io/internal/text_checks.hpp"
#include "mend/model/state_space.hpp"
#include "mend/value/prioritization.hpp"

namespace mend {
namespace {

using internal::JsonMember;
using internal::JsonValue;
using Kind = JsonValue::Kind;

std::string Indexed(std::string_view path, std::size_t i) { return fmt::format("{}[{}]", path, i); }
std::string Child(std::string_view path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

// A conjunction of (option, taken) terms; option numbers are positions in the file's list.
struct Condition {
  std::vector<std::pair<int, bool>> terms;
};

// A preference or infeasibility: one condition, or a compound whose members are alternatives.
struct ConditionSet {
  std::vector<Condition> members;
  bool compound = false;
  SourceLocation where;
};

// Canonical text of a condition set, to find repeats the way gmcr-py names conditions: by the
// terms of each member, in any order. gmcr-py gives a compound condition with one member the same
// name as the plain condition, so the two count as the same condition here too.
std::string CanonicalKey(const ConditionSet& set) {
  std::vector<std::string> members;
  for (const Condition& member : set.members) {
    std::vector<std::pair<int, bool>> terms = member.terms;
    std::sort(terms.begin(), terms.end());
    std::string key;
    for (const auto& [option, taken] : terms)
      key += fmt::format("{}{} ", option, taken ? 'Y' : 'N');
    members.push_back(key);
  }
  std::sort(members.begin(), members.end());
  return fmt::format("{}", fmt::join(members, "|"));
}

// Turns free text into a mend identifier: lower-case letters, digits and '_'.
std::string Identifier(std::string_view name, std::string_view fallback) {
  std::string out;
  for (const char c : name) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x80 && std::isalnum(u)) {
      out += static_cast<char>(std::tolower(u));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.size() > 56) out.resize(56);
  if (out.empty()) return std::string(fallback);
  if (std::isdigit(static_cast<unsigned char>(out.front()))) out = "n" + out;
  if (out == "if" || out == "iff") out += "_";
  return out;
}

std::string Unique(std::string id, std::set<std::string>& used) {
  std::string candidate = id;
  for (int k = 2; used.count(candidate) != 0; ++k) candidate = fmt::format("{}_{}", id, k);
  used.insert(candidate);
  return candidate;
}

std::string CaseIdFromFile(const std::string& file) {
  std::string out;
  for (const char c : std::filesystem::path(file).stem().string()) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x80 && std::isalnum(u)) {
      out += static_cast<char>(std::tolower(u));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 100) out.resize(100);
  return out.empty() ? "gmcr-case" : out;
}

class GmcrParser {
 public:
  GmcrParser(const std::string& file, const ReadOptions& options)
      : file_(file), options_(options) {}

  Result<CaseDefinition> Parse(const JsonValue& root) {
    if (root.kind != Kind::kObject) {
      return Fail(root, "",
                  fmt::format("expected a gmcr-py save file (a JSON object), got {}",
                              internal::JsonKindName(root.kind)));
    }
    MEND_TRY(CheckKeys(
        root, "",
        {"decisionMakers", "options", "infeasibles", "useManualPreferenceRanking",
         "useManualPreferenceVectors", "coalitions", "coalitionsFull", "program", "version"}));
    c_.file = file_;
    c_.id = CaseIdFromFile(file_);
    c_.title.text = std::filesystem::path(file_).filename().string();
    MEND_TRY(ReadProgram(root));
    MEND_TRY(ReadManualFlag(root));
    MEND_TRY(ReadOptionList(root));
    MEND_TRY(ReadDecisionMakers(root));
    MEND_TRY(ReadInfeasibles(root));
    MEND_TRY(StateSpace space, StateSpace::Enumerate(c_, options_.limits));
    codes_.assign(space.codes().begin(), space.codes().end());
    c_.status_quo = codes_.front();
    c_.status_quo_where = {file_, root.line, root.column};
    c_.preference_kind.assign(c_.actors.size(), PreferenceKind::kNone);
    c_.valuations.assign(c_.actors.size(), std::nullopt);
    c_.ordinal.assign(c_.actors.size(), std::nullopt);
    c_.accepts_linkage.assign(c_.actors.size(), true);
    const JsonValue& makers = root.Find("decisionMakers")->value;
    for (std::size_t d = 0; d < makers.items.size(); ++d) {
      MEND_TRY(ReadPreferences(makers.items[d], d));
    }
    MEND_TRY(ReadCoalitions(root));
    return std::move(c_);
  }

 private:
  // ---- located failures and type checks -----------------------------------------------------

  Error Fail(const JsonValue& at, std::string_view path, std::string_view message) const {
    const std::string text =
        path.empty() ? std::string(message) : fmt::format("{}: {}", path, message);
    return Error::InvalidArgument(text).At({file_, at.line, at.column});
  }

  Error FailKey(const JsonMember& at, std::string_view path, std::string_view message) const {
    return Error::InvalidArgument(fmt::format("{}: {}", path, message))
        .At({file_, at.line, at.column});
  }

  Status CheckKeys(const JsonValue& object, std::string_view path,
                   std::initializer_list<std::string_view> allowed) const {
    for (const JsonMember& member : object.members) {
      if (std::find(allowed.begin(), allowed.end(), member.key) == allowed.end()) {
        return FailKey(member, Child(path, member.key),
                       fmt::format("unknown key; expected one of {}", fmt::join(allowed, ", ")));
      }
    }
    return Ok();
  }

  Status ExpectKind(const JsonValue& value, std::string_view path, Kind kind,
                    std::string_view what) const {
    if (value.kind == kind) return Ok();
    return Fail(value, path,
                fmt::format("expected {}, got {}", what, internal::JsonKindName(value.kind)));
  }

  Result<const JsonValue*> Required(const JsonValue& object, std::string_view path,
                                    std::string_view key, Kind kind, std::string_view what) const {
    const JsonMember* member = object.Find(key);
    if (member == nullptr) {
      return Fail(object, path, fmt::format("missing key '{}' (expected {})", key, what));
    }
    MEND_TRY(ExpectKind(member->value, Child(path, key), kind, what));
    return &member->value;
  }

  // An integer in [low, high], as gmcr-py writes option, decision-maker and state numbers.
  Result<int> Integer(const JsonValue& value, std::string_view path, int low, int high,
                      std::string_view what) const {
    if (value.kind != Kind::kNumber || !value.integral) {
      const std::string got =
          value.kind == Kind::kNumber ? value.text : internal::JsonKindName(value.kind);
      return Fail(value, path, fmt::format("expected {} (an integer), got {}", what, got));
    }
    if (value.number < low || value.number > high) {
      return Fail(value, path,
                  fmt::format("{} is out of range; expected {} from {} to {}", value.text, what,
                              low, high));
    }
    return static_cast<int>(value.number);
  }

  // ---- sections ------------------------------------------------------------------------------

  Status ReadProgram(const JsonValue& root) {
    for (const char* key : {"program", "version"}) {
      if (const JsonMember* member = root.Find(key)) {
        MEND_TRY(ExpectKind(member->value, key, Kind::kString, "a string"));
      }
    }
    return Ok();
  }

  // gmcr-py reads useManualPreferenceRanking, or the older useManualPreferenceVectors.
  Status ReadManualFlag(const JsonValue& root) {
    const JsonMember* ranking = root.Find("useManualPreferenceRanking");
    const JsonMember* vectors = root.Find("useManualPreferenceVectors");
    for (const JsonMember* member : {ranking, vectors}) {
      if (member != nullptr) {
        MEND_TRY(ExpectKind(member->value, member->key, Kind::kBool, "true or false"));
      }
    }
    if (ranking != nullptr && vectors != nullptr &&
        ranking->value.boolean != vectors->value.boolean) {
      return FailKey(*vectors, vectors->key,
                     "disagrees with useManualPreferenceRanking; expected one of the two keys "
                     "(useManualPreferenceVectors is its older name)");
    }
    manual_ = ranking != nullptr ? ranking->value.boolean
                                 : (vectors != nullptr && vectors->value.boolean);
    return Ok();
  }

  Status ReadOptionList(const JsonValue& root) {
    MEND_TRY(const JsonValue* list,
             Required(root, "", "options", Kind::kArray, "a list of options"));
    if (list->items.empty()) return Fail(*list, "options", "expected at least one option");
    if (list->items.size() > static_cast<std::size_t>(kMaxOptions)) {
      return Fail(
          *list, "options",
          fmt::format("{} options; mend reads at most {}", list->items.size(), kMaxOptions));
    }
    for (std::size_t k = 0; k < list->items.size(); ++k) {
      const JsonValue& item = list->items[k];
      const std::string path = Indexed("options", k);
      MEND_TRY(ExpectKind(item, path, Kind::kObject, "an object with name and permittedDirection"));
      MEND_TRY(CheckKeys(item, path, {"name", "permittedDirection"}));
      MEND_TRY(const JsonValue* name, Required(item, path, "name", Kind::kString, "a string"));
      Irreversibility irreversibility = Irreversibility::kNone;
      if (const JsonMember* direction = item.Find("permittedDirection")) {
        const std::string direction_path = Child(path, "permittedDirection");
        MEND_TRY(ExpectKind(direction->value, direction_path, Kind::kString,
                            "\"both\", \"fwd\" or \"back\""));
        const std::string& text = direction->value.text;
        if (text == "fwd") {
          irreversibility = Irreversibility::kForward;  // N → Y only: once taken, kept
        } else if (text == "back") {
          irreversibility = Irreversibility::kBackward;  // Y → N only: once dropped, gone
        } else if (text != "both") {
          return Fail(direction->value, direction_path,
                      fmt::format("expected \"both\", \"fwd\" or \"back\", got \"{}\"", text));
        }
      }
      file_options_.push_back({name->text, irreversibility, {file_, item.line, item.column}});
    }
    return Ok();
  }

  Status ReadDecisionMakers(const JsonValue& root) {
    MEND_TRY(const JsonValue* list,
             Required(root, "", "decisionMakers", Kind::kArray, "a list of decision makers"));
    if (list->items.size() < 2) {
      return Fail(*list, "decisionMakers", "expected at least two decision makers");
    }
    const int option_count = static_cast<int>(file_options_.size());
    std::vector<int> owner(file_options_.size(), -1);
    std::vector<std::vector<int>> owned(list->items.size());
    std::set<std::string> used_ids;
    for (std::size_t d = 0; d < list->items.size(); ++d) {
      const JsonValue& item = list->items[d];
      const std::string path = Indexed("decisionMakers", d);
      MEND_TRY(ExpectKind(item, path, Kind::kObject, "an object"));
      MEND_TRY(CheckKeys(item, path,
                         {"name", "options", "preferences", "preferenceRanking", "preferenceVector",
                          "payoffs", "misperceptions"}));
      MEND_TRY(const JsonValue* name, Required(item, path, "name", Kind::kString, "a string"));
      MEND_TRY(const JsonValue* options,
               Required(item, path, "options", Kind::kArray, "a list of option numbers"));
      if (options->items.empty()) {
        return Fail(*options, Child(path, "options"),
                    "expected at least one option number (mend needs every decider to control "
                    "an option)");
      }
      for (std::size_t j = 0; j < options->items.size(); ++j) {
        const std::string option_path = Indexed(Child(path, "options"), j);
        MEND_TRY(int k,
                 Integer(options->items[j], option_path, 0, option_count - 1, "an option number"));
        if (owner[static_cast<std::size_t>(k)] >= 0) {
          return Fail(options->items[j], option_path,
                      fmt::format("option {} ('{}') is already controlled by decisionMakers[{}]; "
                                  "expected each option controlled by one decision maker",
                                  k, file_options_[static_cast<std::size_t>(k)].name,
                                  owner[static_cast<std::size_t>(k)]));
        }
        owner[static_cast<std::size_t>(k)] = static_cast<int>(d);
        owned[d].push_back(k);
      }
      Actor actor;
      actor.id = Unique(Identifier(name->text, fmt::format("dm{}", d + 1)), used_ids);
      actor.name.text = name->text;
      actor.where = {file_, item.line, item.column};
      c_.actors.push_back(std::move(actor));
    }
    for (std::size_t k = 0; k < owner.size(); ++k) {
      if (owner[k] < 0) {
        const JsonValue& item = root.Find("options")->value.items[k];
        return Fail(item, Indexed("options", k),
                    fmt::format("option '{}' is controlled by no decision maker; expected every "
                                "option listed under some decision maker's options",
                                file_options_[k].name));
      }
    }
    // gmcr-py regroups the options by decision maker on load (and before saving), so states are
    // numbered over that order.
    new_index_.assign(file_options_.size(), 0);
    std::set<std::string> used_option_ids;
    for (std::size_t d = 0; d < owned.size(); ++d) {
      for (int k : owned[d]) {
        const FileOption& source = file_options_[static_cast<std::size_t>(k)];
        new_index_[static_cast<std::size_t>(k)] = static_cast<int>(c_.options.size());
        Option option;
        option.id =
            Unique(Identifier(source.name, fmt::format("option{}", k + 1)), used_option_ids);
        option.name.text = source.name;
        option.owner = ActorIndex{static_cast<std::uint32_t>(d)};
        option.irreversibility = source.irreversibility;
        option.where = source.where;
        c_.options.push_back(std::move(option));
      }
    }
    return Ok();
  }

  Result<Condition> ReadCondition(const JsonValue& value, const std::string& path) const {
    MEND_TRY(ExpectKind(value, path, Kind::kArray,
                        "a condition: a list of [option number, \"Y\" or \"N\"] pairs"));
    Condition condition;
    std::map<int, bool> seen;
    for (std::size_t t = 0; t < value.items.size(); ++t) {
      const JsonValue& pair = value.items[t];
      const std::string pair_path = Indexed(path, t);
      if (pair.kind != Kind::kArray || pair.items.size() != 2) {
        return Fail(pair, pair_path, "expected a pair [option number, \"Y\" or \"N\"]");
      }
      MEND_TRY(int k, Integer(pair.items[0], Indexed(pair_path, 0), 0,
                              static_cast<int>(file_options_.size()) - 1, "an option number"));
      const JsonValue& letter = pair.items[1];
      if (letter.kind != Kind::kString || (letter.text != "Y" && letter.text != "N")) {
        return Fail(
            letter, Indexed(pair_path, 1),
            fmt::format("expected \"Y\" or \"N\", got {}",
                        letter.kind == Kind::kString ? "\"" + letter.text + "\""
                                                     : internal::JsonKindName(letter.kind)));
      }
      const bool taken = letter.text == "Y";
      if (auto it = seen.find(k); it != seen.end()) {
        if (it->second != taken) {
          return Fail(pair, pair_path,
                      fmt::format("option {} is required both Y and N; expected each option at "
                                  "most once in a condition",
                                  k));
        }
        continue;
      }
      seen[k] = taken;
      condition.terms.emplace_back(k, taken);
    }
    return condition;
  }

  // A simple condition (a list of pairs) or {"compound": true, "members": [conditions]}.
  Result<ConditionSet> ReadConditionSet(const JsonValue& value, const std::string& path) const {
    ConditionSet set;
    set.where = {file_, value.line, value.column};
    if (value.kind == Kind::kObject) {
      MEND_TRY(CheckKeys(value, path, {"compound", "members"}));
      if (const JsonMember* flag = value.Find("compound")) {
        MEND_TRY(ExpectKind(flag->value, Child(path, "compound"), Kind::kBool, "true"));
      }
      const std::string members_path = Child(path, "members");
      MEND_TRY(const JsonValue* members,
               Required(value, path, "members", Kind::kArray, "a list of conditions"));
      if (members->items.empty()) {
        return Fail(*members, members_path, "expected at least one member condition");
      }
      set.compound = true;
      for (std::size_t m = 0; m < members->items.size(); ++m) {
        MEND_TRY(Condition member, ReadCondition(members->items[m], Indexed(members_path, m)));
        set.members.push_back(std::move(member));
      }
      return set;
    }
    MEND_TRY(Condition condition, ReadCondition(value, path));
    set.members.push_back(std::move(condition));
    return set;
  }

  Status ReadInfeasibles(const JsonValue& root) {
    const JsonMember* member = root.Find("infeasibles");
    if (member == nullptr) return Ok();
    MEND_TRY(ExpectKind(member->value, "infeasibles", Kind::kArray, "a list of conditions"));
    for (std::size_t i = 0; i < member->value.items.size(); ++i) {
      const std::string path = Indexed("infeasibles", i);
      MEND_TRY(ConditionSet set, ReadConditionSet(member->value.items[i], path));
      // A compound infeasibility removes the states matching any member: one rule per member.
      for (std::size_t m = 0; m < set.members.size(); ++m) {
        Constraint constraint;
        constraint.kind = ConstraintKind::kInfeasible;
        for (const auto& [k, taken] : set.members[m].terms) {
          const StateCode bit = StateCode{1} << new_index_[static_cast<std::size_t>(k)];
          constraint.pattern.mask |= bit;
          if (taken) constraint.pattern.values |= bit;
        }
        constraint.label = set.compound ? Indexed(Child(path, "members"), m) : path;
        constraint.where = set.where;
        c_.constraints.push_back(std::move(constraint));
      }
    }
    return Ok();
  }

  bool Holds(const ConditionSet& set, StateCode code) const {
    for (const Condition& member : set.members) {
      bool all = true;
      for (const auto& [k, taken] : member.terms) {
        const bool value = ((code >> new_index_[static_cast<std::size_t>(k)]) & 1U) != 0;
        if (value != taken) {
          all = false;
          break;
        }
      }
      if (all) return true;
    }
    return false;
  }

  // The prioritisation statement (docs/case-format.md) equivalent to a condition set.
  std::string StatementText(const ConditionSet& set) const {
    std::vector<std::string> alternatives;
    for (const Condition& member : set.members) {
      std::vector<std::string> terms;
      for (const auto& [k, taken] : member.terms) {
        const std::string& id =
            c_.options[static_cast<std::size_t>(new_index_[static_cast<std::size_t>(k)])].id;
        terms.push_back(taken ? id : "-" + id);
      }
      // An empty condition holds in every state.
      if (terms.empty()) terms.push_back(fmt::format("({0} | -{0})", c_.options.front().id));
      alternatives.push_back(fmt::format("{}", fmt::join(terms, " & ")));
    }
    if (alternatives.size() == 1) return alternatives.front();
    std::string text;
    for (const std::string& alternative : alternatives) {
      text += (text.empty() ? "(" : " | (") + alternative + ")";
    }
    return text;
  }

  Status ReadPreferences(const JsonValue& item, std::size_t d) {
    const std::string path = Indexed("decisionMakers", d);
    const std::size_t n = codes_.size();
    std::vector<ConditionSet> conditions;
    if (const JsonMember* member = item.Find("preferences")) {
      const std::string list_path = Child(path, "preferences");
      MEND_TRY(ExpectKind(member->value, list_path, Kind::kArray, "a list of conditions"));
      std::map<std::string, std::size_t> seen;
      for (std::size_t i = 0; i < member->value.items.size(); ++i) {
        const std::string condition_path = Indexed(list_path, i);
        MEND_TRY(ConditionSet set, ReadConditionSet(member->value.items[i], condition_path));
        // gmcr-py ignores a condition it already has (before weighting the others), and so does
        // mend. The ranking would be the same either way: a repeat only adds a smaller weight to
        // states its first occurrence already tells apart.
        if (seen.emplace(CanonicalKey(set), i).second) conditions.push_back(std::move(set));
      }
    }
    if (const JsonMember* member = item.Find("misperceptions")) {
      const std::string list_path = Child(path, "misperceptions");
      MEND_TRY(ExpectKind(member->value, list_path, Kind::kArray, "a list of conditions"));
      if (!member->value.items.empty()) {
        return Fail(member->value.items.front(), Indexed(list_path, 0),
                    "misperceived states (states a decision maker cannot see) are not modelled "
                    "by mend; expected an empty list (mend's perceptions are beliefs about "
                    "valuations, see docs/lenses.md)");
      }
    }
    const JsonMember* ranking = item.Find("preferenceRanking");
    const JsonMember* vector = item.Find("preferenceVector");
    if (ranking != nullptr && vector != nullptr) {
      return FailKey(*vector, Child(path, "preferenceVector"),
                     "given together with preferenceRanking; expected one of the two "
                     "(preferenceVector is its older name)");
    }
    if (ranking == nullptr) ranking = vector;

    OrdinalPreferences ordinal;
    ordinal.where = {file_, item.line, item.column};
    std::vector<double> score(n, 0.0);
    if (manual_) {
      if (ranking == nullptr) {
        return Fail(item, path,
                    "missing key 'preferenceRanking' (expected a ranking of the feasible state "
                    "numbers, since useManualPreferenceRanking is true)");
      }
      MEND_TRY(ReadRanking(ranking->value, Child(path, ranking->key), ordinal, score));
      c_.preference_kind[d] = PreferenceKind::kRanking;
    } else {
      if (ranking != nullptr) {
        return FailKey(*ranking, Child(path, ranking->key),
                       "given while useManualPreferenceRanking is false; gmcr-py ignores it and "
                       "ranks states by the prioritised preferences, so expected no ranking here "
                       "(remove it, or set useManualPreferenceRanking to true)");
      }
      if (conditions.size() > static_cast<std::size_t>(kMaxPriorityStatements)) {
        return Fail(item.Find("preferences")->value, Child(path, "preferences"),
                    fmt::format("{} conditions; mend reads at most {}", conditions.size(),
                                kMaxPriorityStatements));
      }
      const int k = static_cast<int>(conditions.size());
      for (int i = 0; i < k; ++i) {
        const ConditionSet& set = conditions[static_cast<std::size_t>(i)];
        ordinal.statements.push_back({StatementText(set), set.where});
        for (std::size_t s = 0; s < n; ++s) {
          if (Holds(set, codes_[s])) score[s] += std::ldexp(1.0, k - 1 - i);
        }
      }
      c_.preference_kind[d] = PreferenceKind::kPrioritization;
    }
    if (const JsonMember* payoffs = item.Find("payoffs")) {
      MEND_TRY(CheckPayoffs(payoffs->value, Child(path, "payoffs"), score));
    }
    c_.ordinal[d] = std::move(ordinal);
    return Ok();
  }

  // A ranking of feasible state numbers, most preferred first; a nested list is a tie.
  Status ReadRanking(const JsonValue& value, const std::string& path, OrdinalPreferences& ordinal,
                     std::vector<double>& score) const {
    MEND_TRY(ExpectKind(value, path, Kind::kArray, "a list of state numbers"));
    const int n = static_cast<int>(codes_.size());
    std::vector<std::string> first_seen(codes_.size());
    for (std::size_t g = 0; g < value.items.size(); ++g) {
      const JsonValue& entry = value.items[g];
      const std::string entry_path = Indexed(path, g);
      std::vector<std::pair<const JsonValue*, std::string>> numbers;
      if (entry.kind == Kind::kArray) {
        if (entry.items.empty()) return Fail(entry, entry_path, "expected at least one state");
        for (std::size_t t = 0; t < entry.items.size(); ++t) {
          numbers.emplace_back(&entry.items[t], Indexed(entry_path, t));
        }
      } else {
        numbers.emplace_back(&entry, entry_path);
      }
      std::vector<RankedState> group;
      for (const auto& [number_value, number_path] : numbers) {
        MEND_TRY(int number, Integer(*number_value, number_path, 1, n, "a feasible state number"));
        const std::size_t s = static_cast<std::size_t>(number - 1);
        if (!first_seen[s].empty()) {
          return Fail(*number_value, number_path,
                      fmt::format("state {} is ranked twice (first at {}); expected each "
                                  "feasible state once",
                                  number, first_seen[s]));
        }
        first_seen[s] = number_path;
        score[s] = static_cast<double>(value.items.size() - g);
        group.push_back({codes_[s], {file_, number_value->line, number_value->column}});
      }
      ordinal.ranking.push_back(std::move(group));
    }
    std::vector<int> missing;
    for (std::size_t s = 0; s < first_seen.size(); ++s) {
      if (first_seen[s].empty()) missing.push_back(static_cast<int>(s) + 1);
    }
    if (!missing.empty()) {
      return Fail(value, path,
                  fmt::format("misses feasible state{} {}; expected every feasible state (1 to "
                              "{}) once",
                              missing.size() > 1 ? "s" : "", fmt::join(missing, ", "), n));
    }
    return Ok();
  }

  // gmcr-py stores each decision maker's payoffs but recomputes them from the preferences when
  // it loads a file; mend does the same, and refuses stored payoffs that order states otherwise.
  Status CheckPayoffs(const JsonValue& value, const std::string& path,
                      const std::vector<double>& score) const {
    MEND_TRY(ExpectKind(value, path, Kind::kArray, "a list of numbers, one per feasible state"));
    if (value.items.size() != codes_.size()) {
      return Fail(value, path,
                  fmt::format("{} values; expected one per feasible state ({})", value.items.size(),
                              codes_.size()));
    }
    for (std::size_t s = 0; s < value.items.size(); ++s) {
      MEND_TRY(ExpectKind(value.items[s], Indexed(path, s), Kind::kNumber, "a number"));
    }
    std::vector<std::size_t> order(codes_.size());
    for (std::size_t s = 0; s < order.size(); ++s) order[s] = s;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return score[a] != score[b] ? score[a] < score[b] : a < b;
    });
    for (std::size_t r = 1; r < order.size(); ++r) {
      const std::size_t a = order[r - 1];
      const std::size_t b = order[r];
      const double pa = value.items[a].number;
      const double pb = value.items[b].number;
      const bool tied = score[a] == score[b];
      if (tied ? pa != pb : !(pa < pb)) {
        return Fail(value.items[b], Indexed(path, b),
                    fmt::format("disagrees with the preferences: state {} is {} state {} by the "
                                "preferences but has payoff {} against {}; gmcr-py recomputes "
                                "payoffs from the preferences on load, so expected payoffs that "
                                "order states the same way (or none)",
                                b + 1, tied ? "tied with" : "preferred to", a + 1,
                                value.items[b].text, value.items[a].text));
      }
    }
    return Ok();
  }

  // coalitions: a partition of the decision makers; each entry a number or a list of numbers.
  Status ReadCoalitions(const JsonValue& root) {
    if (const JsonMember* full = root.Find("coalitionsFull")) {
      MEND_TRY(ExpectKind(full->value, "coalitionsFull", Kind::kArray, "a list"));
    }
    const JsonMember* member = root.Find("coalitions");
    if (member == nullptr) return Ok();
    MEND_TRY(ExpectKind(member->value, "coalitions", Kind::kArray, "a list of coalitions"));
    const int makers = static_cast<int>(c_.actors.size());
    std::vector<std::string> first_seen(c_.actors.size());
    for (std::size_t i = 0; i < member->value.items.size(); ++i) {
      const JsonValue& entry = member->value.items[i];
      const std::string path = Indexed("coalitions", i);
      std::vector<std::pair<const JsonValue*, std::string>> numbers;
      if (entry.kind == Kind::kArray) {
        if (entry.items.empty()) return Fail(entry, path, "expected at least one member");
        for (std::size_t m = 0; m < entry.items.size(); ++m) {
          numbers.emplace_back(&entry.items[m], Indexed(path, m));
        }
      } else {
        numbers.emplace_back(&entry, path);
      }
      CoalitionDefinition coalition;
      coalition.where = {file_, entry.line, entry.column};
      for (const auto& [number_value, number_path] : numbers) {
        MEND_TRY(int d,
                 Integer(*number_value, number_path, 0, makers - 1, "a decision-maker number"));
        if (!first_seen[static_cast<std::size_t>(d)].empty()) {
          return Fail(*number_value, number_path,
                      fmt::format("decision maker {} is already in {}; expected the coalitions "
                                  "to partition the decision makers",
                                  d, first_seen[static_cast<std::size_t>(d)]));
        }
        first_seen[static_cast<std::size_t>(d)] = number_path;
        coalition.members.push_back(ActorIndex{static_cast<std::uint32_t>(d)});
      }
      c_.coalitions.push_back(std::move(coalition));
    }
    // gmcr-py writes every decision maker as its own coalition when none were formed; that is
    // a case without coalitions.
    if (std::all_of(c_.coalitions.begin(), c_.coalitions.end(),
                    [](const CoalitionDefinition& c) { return c.members.size() == 1; })) {
      for (std::size_t d = 0; d < first_seen.size(); ++d) {
        if (first_seen[d].empty()) break;
        if (d + 1 == first_seen.size()) c_.coalitions.clear();
      }
    }
    for (std::size_t d = 0; d < first_seen.size(); ++d) {
      if (first_seen[d].empty()) {
        return Fail(member->value, "coalitions",
                    fmt::format("decision maker {} ('{}') is in no coalition; expected the "
                                "coalitions to partition the decision makers",
                                d, c_.actors[d].name.text));
      }
    }
    return Ok();
  }

  struct FileOption {
    std::string name;
    Irreversibility irreversibility = Irreversibility::kNone;
    SourceLocation where;
  };

  const std::string& file_;
  const ReadOptions& options_;
  CaseDefinition c_;
  bool manual_ = false;
  std::vector<FileOption> file_options_;  // in the file's order
  std::vector<int> new_index_;            // file option number -> mend option index
  std::vector<StateCode> codes_;          // feasible states, ascending (state number - 1)
};

}  // namespace

bool LooksLikeGmcr(std::string_view path, std::string_view text) {
  const std::string_view extension = ".gmcr";
  if (path.size() >= extension.size() && path.substr(path.size() - extension.size()) == extension) {
    return true;
  }
  // A YAML case may be written in flow style too; only a JSON object naming decision makers
  // (a key no mend case has) is taken for a save file.
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{' &&
         text.find("\"decisionMakers\"") != std::string_view::npos;
}

Result<CaseDefinition> ParseGmcrDefinition(std::string_view text, const std::string& file,
                                           const ReadOptions& options) {
  if (text.size() > options.max_file_bytes) {
    return Error::InvalidArgument(fmt::format("the file has {} bytes; expected at most {}",
                                              text.size(), options.max_file_bytes))
        .At({file, 1, 1});
  }
  MEND_TRY(internal::CheckText(text, file));
  MEND_TRY(internal::JsonValue root,
           internal::ParseLocatedJson(text, file, /*max_depth=*/64, options.max_values));
  return GmcrParser(file, options).Parse(root);
}

Result<CompiledCase> ReadGmcrCase(std::string_view text, const std::string& file,
                                  const ReadOptions& options) {
  MEND_TRY(CaseDefinition definition, ParseGmcrDefinition(text, file, options));
  return CompileCase(std::move(definition), options.limits);
}

}  // namespace mend
