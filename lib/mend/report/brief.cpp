// SPDX-License-Identifier: Apache-2.0
#include "mend/report/brief.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <kainjow/mustache.hpp>

#include "mend/efficiency/trace.hpp"
#include "mend/engine/lens_runs.hpp"
#include "mend/report/internal/templates.hpp"
#include "mend/report/markdown.hpp"
#include "mend/report/outcome_words.hpp"

namespace mend {
namespace {

namespace mustache = kainjow::mustache;

// kainjow's data has a bool constructor that a string literal would pick: always pass strings.
mustache::data Text(const std::string& text) { return mustache::data(text); }

// Units the case format writes in English, as a Russian reader writes them. Anything else is
// shown as the case gives it.
std::string LocalizedUnit(const std::string& unit, Language language) {
  if (language != Language::kRussian) return unit;
  static const std::pair<const char*, const char*> kUnits[] = {
      {"USD bn/yr equivalent", "млрд долл. в год (эквивалент)"},
      {"USD bn/yr", "млрд долл. в год"},
      {"USD bn", "млрд долл."},
      {"USD m/yr", "млн долл. в год"},
      {"USD m", "млн долл."},
      {"per year", "в год"},
      {"share", "доля"},
      {"years", "лет"},
  };
  for (const auto& [en, ru] : kUnits) {
    if (unit == en) return ru;
  }
  return unit;
}

// A unit in the brief's language: the case's own translation first, then the table above.
std::string UnitIn(const std::string& unit, const std::string& unit_ru, Language language) {
  if (language == Language::kRussian && !unit_ru.empty()) return unit_ru;
  return LocalizedUnit(unit, language);
}

// A parameter as the brief names it: its name in the brief's language, else its English name,
// else its id.
std::string ParameterName(const Parameter& parameter, Language language, bool* untranslated) {
  if (language == Language::kRussian) {
    if (!parameter.name.ru.empty()) return parameter.name.ru;
    if (parameter.name.text.empty()) return parameter.id;
    if (untranslated != nullptr) *untranslated = true;
  }
  return parameter.name.text.empty() ? parameter.id : parameter.name.text;
}

// A unit without its " equivalent" suffix, to see whether dimensions share a currency.
std::string BaseUnit(const std::string& unit) {
  constexpr std::string_view kSuffix = " equivalent";
  if (unit.size() > kSuffix.size() && unit.ends_with(kSuffix)) {
    return unit.substr(0, unit.size() - kSuffix.size());
  }
  return unit;
}

const ActorLedger* LedgerOf(const EfficiencyAgainst& block, ActorIndex actor) {
  for (const ActorLedger& entry : block.ledger) {
    if (entry.actor.value == actor.value) return &entry;
  }
  return nullptr;
}

// Numbers the case's sources in the order the brief first cites them.
class SourceNumbers {
 public:
  int Cite(std::size_t source) {
    auto it = std::find(order_.begin(), order_.end(), source);
    if (it != order_.end()) return static_cast<int>(it - order_.begin()) + 1;
    order_.push_back(source);
    return static_cast<int>(order_.size());
  }
  const std::vector<std::size_t>& order() const { return order_; }

 private:
  std::vector<std::size_t> order_;
};

// The sources behind one actor's value on one dimension in the given states: the effect rules
// that fired and the parameters their terms name.
std::vector<std::size_t> DimensionSources(const CompiledCase& compiled, ActorIndex actor,
                                          DimensionIndex dimension,
                                          const std::vector<StateId>& states) {
  const CaseDefinition& definition = compiled.definition;
  std::set<std::size_t> found;
  for (StateId state : states) {
    Result<StateTrace> trace = ExplainState(compiled, state, actor);
    if (!trace) continue;
    for (const DimensionTrace& d : trace->dimensions) {
      if (d.dimension.value != dimension.value) continue;
      for (const TermTrace& term : d.terms) {
        if (const auto& source = definition.effects[term.effect].source) found.insert(*source);
        for (ParameterIndex p : term.parameters) {
          if (const auto& source = definition.parameters[p.value].source) found.insert(*source);
        }
      }
    }
  }
  return {found.begin(), found.end()};
}

bool ValuesStatus(const CaseDefinition& definition, ActorIndex actor) {
  const auto& valuation = definition.valuations[actor.value];
  if (!valuation) return false;
  for (std::size_t d = 0; d < definition.dimensions.size(); ++d) {
    if (definition.dimensions[d].is_status() && d < valuation->weights.size() &&
        valuation->weights[d] != 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string TotalUnit(const CaseDefinition& definition, ActorIndex actor) {
  const auto& valuation = definition.valuations[actor.value];
  if (!valuation) return "";
  std::string unit;
  bool equivalent = false;
  for (std::size_t d = 0; d < definition.dimensions.size() && d < valuation->weights.size(); ++d) {
    const double weight = valuation->weights[d];
    if (weight == 0) continue;
    if (weight != 1) return "";
    const std::string& own = definition.dimensions[d].unit;
    if (own.empty()) return "";
    equivalent = equivalent || BaseUnit(own) != own;
    if (unit.empty()) {
      unit = BaseUnit(own);
    } else if (unit != BaseUnit(own)) {
      return "";
    }
  }
  return unit.empty() ? "" : unit + (equivalent ? " equivalent" : "");
}

std::string TotalUnitIn(const CaseDefinition& definition, ActorIndex actor, Language language) {
  const std::string unit = TotalUnit(definition, actor);
  if (language != Language::kRussian || unit.empty()) return unit;
  for (const Dimension& dimension : definition.dimensions) {
    if (dimension.unit == unit && !dimension.unit_ru.empty()) return dimension.unit_ru;
  }
  return LocalizedUnit(unit, language);
}

namespace {

// What the named options change between two states, as the owners' words.
std::string DescribeChange(const CompiledCase& compiled, StateId from, StateId to,
                           Language language, bool& untranslated) {
  const CaseDefinition& definition = compiled.definition;
  const StateCode a = compiled.space.code(from);
  const StateCode b = compiled.space.code(to);
  std::string out;
  for (int k = 0; k < definition.option_count(); ++k) {
    const StateCode bit = StateCode{1} << k;
    if ((a & bit) == (b & bit)) continue;
    const std::string name = EscapeMarkdown(
        Localized(definition.options[static_cast<std::size_t>(k)].name, language, &untranslated));
    const bool on = (b & bit) != 0;
    const char* verb = language == Language::kRussian ? (on ? "начать: " : "отказаться: ")
                                                      : (on ? "start: " : "stop: ");
    out += (out.empty() ? "" : "; ") + std::string(verb) + name;
  }
  return out;
}

}  // namespace

std::string Localized(const LocalizedText& text, Language language, bool* untranslated) {
  if (language == Language::kRussian) {
    if (!text.ru.empty()) return text.ru;
    if (untranslated != nullptr && !text.text.empty()) *untranslated = true;
  }
  return text.text;
}

Result<std::string> BriefMarkdown(const CaseAnalysis& analysis, ActorIndex actor,
                                  const BriefOptions& options) {
  const CompiledCase& compiled = *analysis.compiled;
  const CaseDefinition& definition = compiled.definition;
  const Language lang = options.language;
  if (actor.value >= definition.actors.size()) {
    return Error{ErrorCode::kInvalidArgument, fmt::format("no actor with index {}", actor.value)};
  }
  bool untranslated = false;
  auto name_of = [&](ActorIndex who) {
    return EscapeMarkdown(Localized(definition.actors[who.value].name, lang, &untranslated));
  };
  auto dimension_name = [&](DimensionIndex d) {
    return EscapeMarkdown(Localized(definition.dimensions[d.value].name, lang, &untranslated));
  };
  // Units already in the brief's language (a total unit) and a dimension's or parameter's own.
  auto unit_of = [&](const std::string& unit) { return EscapeMarkdown(unit); };
  auto dimension_unit = [&](DimensionIndex d) {
    const Dimension& dimension = definition.dimensions[d.value];
    return EscapeMarkdown(UnitIn(dimension.unit, dimension.unit_ru, lang));
  };
  auto parameter_unit = [&](const Parameter& parameter) {
    return EscapeMarkdown(UnitIn(parameter.unit, parameter.unit_ru, lang));
  };
  auto parameter_name = [&](const Parameter& parameter) {
    return EscapeMarkdown(ParameterName(parameter, lang, &untranslated));
  };
  auto num = [&](double v) { return FormatNumber(v, lang); };
  auto signed_num = [&](double v) { return FormatSigned(v, lang); };

  mustache::data view;
  view.set("title", Text(EscapeMarkdown(Localized(definition.title, lang, &untranslated))));
  view.set("actor", Text(name_of(actor)));
  view.set("version", Text(EscapeMarkdown(options.version)));
  std::string concept_name = StabilityConceptName(analysis.efficiency.concept_id);
  for (char& c : concept_name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  view.set("concept", Text(concept_name));
  view.set("in_portfolio", !options.portfolio_title.empty());
  view.set("portfolio", Text(EscapeMarkdown(options.portfolio_title)));
  view.set("explicit_default", analysis.status_quo.explicit_default);

  // The engine's verdict on its central default, the one the ledger of `mend analyze` and the
  // report's summary state too.
  const Verdict verdict = analysis.CentralVerdict();
  const EfficiencyAgainst* block = analysis.DefaultBlock();
  const ActorLedger* own = block != nullptr ? LedgerOf(*block, actor) : nullptr;
  const bool has_alternative = verdict == Verdict::kAlternative && own != nullptr;
  view.set("has_alternative", has_alternative);
  view.set("no_default", verdict == Verdict::kNoDefault);
  view.set("not_unnecessary", verdict == Verdict::kNotUnnecessary);
  view.set("ordinal_improves", verdict == Verdict::kImprovesOrdinal);
  if (verdict == Verdict::kImprovesOrdinal) {
    const StateId d = block->default_state;
    view.set("default_words",
             Text(EscapeMarkdown(OutcomeInWords(compiled, d, lang, &untranslated))));
    view.set("improvement_count", Text(fmt::format("{}", block->improvements.size())));
    view.set("plural", block->improvements.size() != 1);
    mustache::list improvements;
    for (StateId s : block->improvements) {
      mustache::object row;
      row["words"] = Text(EscapeMarkdown(ChangeInWords(compiled, d, s, lang, &untranslated)));
      improvements.push_back(row);
    }
    view.set("improvements", improvements);
  }
  view.set("cycle", analysis.efficiency.against_reachable_equilibria);
  view.set("several_defaults", analysis.efficiency.against.size() > 1);
  if (block != nullptr) {
    view.set("default_pattern", Text(compiled.space.Pattern(block->default_state)));
  }
  view.set("status_quo_pattern", Text(compiled.space.Pattern(analysis.status_quo.status_quo)));

  SourceNumbers sources;
  const bool status_allowed = ValuesStatus(definition, actor);
  view.set("status_allowed", status_allowed);

  if (has_alternative) {
    const Recommendation& a = *block->alternative;
    const StateId d = block->default_state;
    view.set("alternative_pattern", Text(compiled.space.Pattern(a.state)));

    // 1. Bottom line.
    const std::string total_unit = TotalUnit(definition, actor);
    view.set("cardinal", own->cardinal);
    view.set("total", Text(num(own->total)));
    view.set("gain", own->total > 0);
    view.set("has_unit", !total_unit.empty());
    view.set("unit", Text(unit_of(TotalUnitIn(definition, actor, lang))));
    view.set("per_year", total_unit.find("/yr") != std::string::npos);
    bool has_range = false;
    if (options.uncertainty) {
      auto it = options.uncertainty->ledger.find(actor.value);
      if (it != options.uncertainty->ledger.end()) {
        has_range = true;
        view.set("range", Text(FormatRange(it->second.p5, it->second.p95, lang)));
        view.set("p_gain", Text(FormatPercent(1 - it->second.p_loss, lang)));
      }
    }
    view.set("has_range", has_range);

    // 2. The ledger by dimension, in natural units, with sources.
    mustache::list rows;
    for (const LedgerEntry& entry : own->dimensions) {
      const Dimension& dimension = definition.dimensions[entry.dimension.value];
      if (dimension.is_status() && !status_allowed) continue;
      if (entry.natural == 0 && entry.weighted == 0) continue;
      std::string cited;
      for (std::size_t s : DimensionSources(compiled, actor, entry.dimension, {a.state, d})) {
        cited += fmt::format("{}[{}]", cited.empty() ? "" : " ", sources.Cite(s));
      }
      mustache::object row;
      row["dimension"] = Text(dimension_name(entry.dimension));
      row["change"] = Text(signed_num(entry.natural));
      row["unit"] = Text(dimension_unit(entry.dimension));
      row["weighted"] = Text(signed_num(entry.weighted));
      row["sources"] = Text(cited.empty() ? "—" : cited);
      row["status"] = dimension.is_status();
      rows.push_back(row);
    }
    view.set("ledger", rows);
    view.set("has_ledger_rows", !rows.empty());
    view.set("status_total", Text(signed_num(own->status_neutral_total)));
    view.set("status_differs", status_allowed && own->status_neutral_total != own->total);

    // 3. What the others gain (status-neutral unless the actor itself weighs status).
    mustache::list others;
    for (const ActorLedger& other : block->ledger) {
      if (other.actor.value == actor.value) continue;
      const Actor& who = definition.actors[other.actor.value];
      std::string details;
      for (const LedgerEntry& entry : other.dimensions) {
        const Dimension& dimension = definition.dimensions[entry.dimension.value];
        if ((dimension.is_status() && !status_allowed) || entry.natural == 0) continue;
        details +=
            fmt::format("{}{} {} {}", details.empty() ? "" : "; ", dimension_name(entry.dimension),
                        signed_num(entry.natural), dimension_unit(entry.dimension));
      }
      const double total = status_allowed ? other.total : other.status_neutral_total;
      mustache::object row;
      row["name"] = Text(name_of(other.actor));
      row["third_party"] = !who.is_decider();
      row["cardinal"] = other.cardinal;
      row["gains"] = other.cardinal && total > 0;
      row["loses"] = other.cardinal && total < 0;
      row["total"] = Text(num(std::fabs(total)));
      const std::string other_unit = TotalUnitIn(definition, other.actor, lang);
      row["unit"] = Text(other_unit.empty() ? "" : " " + unit_of(other_unit));
      row["details"] = Text(details);
      row["has_details"] = !details.empty();
      if (options.uncertainty) {
        auto it = options.uncertainty->ledger.find(other.actor.value);
        row["has_range"] = it != options.uncertainty->ledger.end();
        if (it != options.uncertainty->ledger.end()) {
          row["range"] = Text(FormatRange(it->second.p5, it->second.p95, lang));
        }
      } else {
        row["has_range"] = false;
      }
      others.push_back(row);
    }
    view.set("others", others);
    view.set("has_others", !others.empty());

    // 7. The proposed arrangement.
    mustache::list option_rows;
    for (int k = 0; k < definition.option_count(); ++k) {
      const Option& option = definition.options[static_cast<std::size_t>(k)];
      const StateCode bit = StateCode{1} << k;
      const bool before = (compiled.space.code(d) & bit) != 0;
      const bool after = (compiled.space.code(a.state) & bit) != 0;
      mustache::object row;
      row["owner"] = Text(name_of(option.owner));
      row["option"] = Text(EscapeMarkdown(Localized(option.name, lang, &untranslated)));
      row["before"] = before;
      row["after"] = after;
      row["changed"] = before != after;
      option_rows.push_back(row);
    }
    view.set("options", option_rows);
    view.set("self_enforcing", a.self_enforcing);
    mustache::list guards;
    const auto deciders = analysis.report.deciders();
    for (std::size_t position = 0; position < deciders.size(); ++position) {
      const ActorIndex who = deciders[position];
      std::string deviations;
      for (StateId t : compiled.space.Moves(who, a.state)) {
        if (!compiled.utilities.Prefers(who, t, a.state)) continue;
        deviations += (deviations.empty() ? "" : " | ") +
                      DescribeChange(compiled, a.state, t, lang, untranslated);
      }
      const bool nash = deviations.empty();
      mustache::object row;
      row["name"] = Text(name_of(who));
      row["nash"] = nash;
      row["sanctioned"] =
          !nash && analysis.report.IsStable(analysis.efficiency.concept_id, position, a.state);
      row["exposed"] =
          !nash && !analysis.report.IsStable(analysis.efficiency.concept_id, position, a.state);
      row["deviations"] = Text(deviations);
      guards.push_back(row);
    }
    view.set("guards", guards);
  }

  // What it would take: when the state with the largest total gain is blocked (and so
  // whenever there is no alternative but some state raises the total), who blocks it, by how
  // much, and the transfer or change of attitude that would close the gap (`mend bridge`).
  // Leaving status aside, a* may be another state (or exist where it does not).
  Result<BridgeReport> bridge = RunBridge(analysis, std::nullopt, 1);
  const bool neutral_differs = bridge && bridge->status_dimensions &&
                               bridge->status_neutral_alternative != bridge->alternative;
  const bool bridge_blocked = bridge && !bridge->targets.empty() &&
                              !bridge->targets[0].blockers.empty() && bridge->cardinal;
  view.set("has_bridge", neutral_differs || bridge_blocked);
  view.set("neutral_differs", neutral_differs);
  view.set("bridge_blocked", bridge_blocked);
  if (neutral_differs) {
    view.set("neutral_exists", bridge->status_neutral_alternative.has_value());
    if (bridge->status_neutral_alternative) {
      view.set("neutral_change",
               Text(DescribeChange(compiled, bridge->default_state,
                                   *bridge->status_neutral_alternative, lang, untranslated)));
    }
  }
  if (bridge_blocked) {
    const BridgeTarget& target = bridge->targets[0];
    view.set("bridge_change", Text(DescribeChange(compiled, bridge->default_state, target.state,
                                                  lang, untranslated)));
    view.set("bridge_total", Text(num(target.total_gain)));
    mustache::list blockers;
    for (const BridgeBlocker& blocker : target.blockers) {
      const std::string unit = TotalUnitIn(definition, blocker.actor, lang);
      mustache::object row;
      row["name"] = Text(name_of(blocker.actor));
      row["is_reader"] = blocker.actor == actor;
      row["shortfall"] = Text(num(blocker.shortfall));
      row["unit"] = Text(unit.empty() ? "" : " " + unit_of(unit));
      row["has_unit"] = !unit.empty();
      row["has_money"] = blocker.money_dimension.has_value() && unit.empty();
      if (blocker.money_dimension) {
        row["money"] = Text(num(blocker.money_shortfall));
        row["money_unit"] = Text(dimension_unit(*blocker.money_dimension));
        row["dimension"] = Text(dimension_name(*blocker.money_dimension));
      }
      blockers.push_back(row);
    }
    view.set("bridge_blockers", blockers);
    view.set("has_transfer", target.transfer.has_value());
    if (target.transfer) {
      auto names = [&](const std::vector<TransferLeg>& legs) {
        std::string out;
        for (const TransferLeg& leg : legs) {
          out += (out.empty() ? "" : ", ") + name_of(leg.actor);
          if (legs.size() > 1) out += fmt::format(" ({})", num(leg.amount));
        }
        return out;
      };
      const Transfer& transfer = *target.transfer;
      view.set("transfer_amount", Text(num(transfer.amount)));
      view.set("transfer_unit", Text(dimension_unit(transfer.dimension)));
      view.set("transfer_dimension", Text(dimension_name(transfer.dimension)));
      view.set("transfer_from", Text(names(transfer.from)));
      view.set("transfer_to", Text(names(transfer.to)));
      view.set("stable_with_transfer",
               std::find(target.stable_with_transfer.begin(), target.stable_with_transfer.end(),
                         bridge->concept_id) != target.stable_with_transfer.end());
    }
    view.set("short_of_payers", target.no_transfer == NoTransferReason::kShort);
    mustache::list switches;
    for (const BridgeSwitch& s : target.switches) {
      mustache::object row;
      row["name"] = Text(name_of(s.actor));
      row["loss"] = s.kind == SwitchKind::kLossAversion;
      row["value"] = Text(num(s.value));
      row["current"] = Text(num(s.current));
      switches.push_back(row);
    }
    view.set("bridge_switches", switches);
    mustache::list parameter_switches;
    for (const BridgeParameterSwitch& s : target.parameter_switches) {
      const Parameter& parameter = definition.parameters[s.parameter.value];
      mustache::object row;
      row["parameter"] = Text(parameter_name(parameter));
      row["value"] = Text(num(s.value));
      row["central"] = Text(num(s.central));
      row["unit"] = Text(parameter_unit(parameter));
      row["has_unit"] = !parameter.unit.empty();
      parameter_switches.push_back(row);
    }
    view.set("bridge_parameters", parameter_switches);
    mustache::list misread;
    for (const BridgePerception& p : target.perceptions) {
      mustache::object row;
      row["holder"] = Text(name_of(p.holder));
      row["about"] = Text(name_of(p.about));
      row["unseen"] = p.truly_blocks;
      misread.push_back(row);
    }
    view.set("bridge_perceptions", misread);
  }

  // 4. Robustness: the interval on which the conclusion holds, both ends ("this holds while
  // ... stays between A and B"), or the one end when it holds to the other end of the range.
  mustache::list switching;
  if (options.uncertainty) {
    for (const SwitchingPoint& point : options.uncertainty->switching) {
      const Parameter& parameter = definition.parameters[point.parameter.value];
      mustache::object row;
      row["parameter"] = Text(parameter_name(parameter));
      row["between"] = point.holds_from.has_value() && point.holds_to.has_value();
      row["above_only"] = point.holds_from.has_value() && !point.holds_to.has_value();
      row["below_only"] = !point.holds_from.has_value() && point.holds_to.has_value();
      row["from"] = Text(point.holds_from ? num(*point.holds_from) : std::string());
      row["to"] = Text(point.holds_to ? num(*point.holds_to) : std::string());
      row["unit"] = Text(parameter_unit(parameter));
      row["own_gain"] = point.own_gain;
      row["dominated"] = point.default_dominated;
      row["both"] = point.own_gain && point.default_dominated;
      switching.push_back(row);
    }
  }
  view.set("has_robustness", options.uncertainty.has_value() && has_alternative);
  view.set("switching", switching);
  // How likely the comparison is, and the gain whatever the world turns out to be.
  const bool likely = options.uncertainty && options.uncertainty->p_default &&
                      options.uncertainty->p_alternative && options.uncertainty->p_no_alternative;
  view.set("has_likelihood", likely);
  if (likely) {
    view.set("p_default", Text(FormatPercent(*options.uncertainty->p_default, lang)));
    view.set("p_alternative", Text(FormatPercent(*options.uncertainty->p_alternative, lang)));
    view.set("p_no_alternative", Text(FormatPercent(*options.uncertainty->p_no_alternative, lang)));
    const BriefUncertainty& u = *options.uncertainty;
    view.set("has_frequent_default", u.most_frequent_default.has_value());
    if (u.most_frequent_default && u.p_most_frequent_default) {
      view.set("frequent_default", Text(EscapeMarkdown(OutcomeInWords(
                                       compiled, *u.most_frequent_default, lang, &untranslated))));
      view.set("p_frequent_default", Text(FormatPercent(*u.p_most_frequent_default, lang)));
    }
    auto it = options.uncertainty->unconditional.find(actor.value);
    view.set("has_unconditional", it != options.uncertainty->unconditional.end());
    if (it != options.uncertainty->unconditional.end()) {
      view.set("unconditional_mean", Text(FormatSigned(it->second.mean, lang)));
      view.set("unconditional_range", Text(FormatRange(it->second.p5, it->second.p95, lang)));
    }
  }
  view.set("no_switching", switching.empty());
  // The dimensions counted at their mean over the samples (docs/analyses.md, "Expected-cost
  // dimensions"), named as the ledger names them.
  std::vector<std::string> expectations;
  if (!compiled.expected_values.empty()) {
    for (const Dimension& dimension : definition.dimensions) {
      if (dimension.expectation) {
        expectations.push_back(EscapeMarkdown(Localized(dimension.name, lang, &untranslated)));
      }
    }
  }
  view.set("has_expectations", !expectations.empty());
  view.set("expectations", Text(fmt::format("{}", fmt::join(expectations, "; "))));
  view.set("expectation_samples",
           Text(FormatNumber(static_cast<double>(compiled.expected_samples), lang)));

  // 5. Perception gaps.
  view.set("has_perceptions", options.perception.has_value());
  if (options.perception) {
    mustache::list gaps;
    for (const BriefPerceptionGap& gap : options.perception->gaps) {
      mustache::object row;
      row["about"] = Text(name_of(gap.about));
      row["dimension"] = Text(dimension_name(gap.dimension));
      row["perceived"] = Text(num(gap.perceived_weight));
      row["actual"] = Text(num(gap.actual_weight));
      row["overrated"] = gap.perceived_weight > gap.actual_weight;
      gaps.push_back(row);
    }
    view.set("gaps", gaps);
    view.set("no_gaps", gaps.empty());
    view.set("misperception_cost", Text(num(options.perception->cost_of_misperception)));
    view.set("costly_misperception", options.perception->cost_of_misperception > 0);
  }

  // 6. The status-quo concern: the viability of a* against the status quo.
  view.set("has_viability", options.viability.has_value() && has_alternative);
  if (options.viability) {
    view.set("viable", options.viability->viable);
    mustache::list gaps;
    mustache::list spreads;
    for (const BriefViabilityEntry& entry : options.viability->deciders) {
      const std::string unit = TotalUnitIn(definition, entry.decider, lang);
      const std::string shown_unit = unit.empty() ? "" : " " + unit_of(unit);
      if (entry.status_quo_sd > 0 || entry.proposal_sd > 0) {
        mustache::object row;
        row["name"] = Text(name_of(entry.decider));
        row["adds"] = entry.proposal_sd > entry.status_quo_sd;
        row["removes"] = entry.proposal_sd < entry.status_quo_sd;
        row["status_quo_sd"] = Text(num(entry.status_quo_sd));
        row["proposal_sd"] = Text(num(entry.proposal_sd));
        row["unit"] = Text(shown_unit);
        row["averse"] = entry.uncertainty_aversion > 0;
        spreads.push_back(row);
      }
      if (entry.gap <= 0) continue;
      mustache::object row;
      row["name"] = Text(name_of(entry.decider));
      row["gap"] = Text(num(entry.gap));
      row["unit"] = Text(shown_unit);
      row["has_closing"] = entry.closing_dimension.has_value();
      row["closes"] = entry.closes;
      row["gap_after"] = Text(num(entry.gap_after));
      if (entry.closing_dimension) row["closing"] = Text(dimension_name(*entry.closing_dimension));
      gaps.push_back(row);
    }
    view.set("persuasion", gaps);
    view.set("spreads", spreads);
    view.set("has_spreads", !spreads.empty());
  }

  // The method note names the sampling that produced the ranges.
  if (options.uncertainty) {
    view.set("samples", Text(num(static_cast<double>(options.uncertainty->samples))));
    view.set("seed", Text(fmt::format("{}", options.uncertainty->seed)));
  }
  view.set("sampled", options.uncertainty.has_value());

  // 8. Sources, numbered in order of citation, then the case's other sources.
  for (std::size_t s = 0; s < definition.sources.size(); ++s) sources.Cite(s);
  mustache::list source_rows;
  for (std::size_t k = 0; k < sources.order().size(); ++k) {
    const Source& source = definition.sources[sources.order()[k]];
    mustache::object row;
    row["number"] = Text(fmt::format("{}", k + 1));
    row["cite"] = Text(EscapeMarkdown(Localized(source.cite, lang, &untranslated)));
    row["url"] = Text(EscapeMarkdown(source.url));
    row["has_url"] = !source.url.empty();
    row["accessed"] = Text(source.accessed);
    row["has_accessed"] = !source.accessed.empty();
    row["judgement"] = source.kind == SourceKind::kJudgement;
    source_rows.push_back(row);
  }
  view.set("sources", source_rows);
  view.set("untranslated", untranslated);

  // Sections are numbered in the order they appear, so a brief without some never skips one.
  const bool robustness = options.uncertainty.has_value() && has_alternative;
  const bool viability = options.viability.has_value() && has_alternative;
  const bool has_bridge = neutral_differs || bridge_blocked;
  int number = 1;
  for (const auto& [key, present] :
       {std::pair{"n_ledger", has_alternative}, std::pair{"n_others", has_alternative},
        std::pair{"n_bridge", has_bridge}, std::pair{"n_robustness", robustness},
        std::pair{"n_perceptions", options.perception.has_value()},
        std::pair{"n_viability", viability}, std::pair{"n_arrangement", has_alternative},
        std::pair{"n_sources", true}}) {
    if (present) view.set(key, Text(fmt::format("{}", ++number)));
  }

  const std::string path = fmt::format("{}/brief.md.mustache", LanguageCode(lang));
  const std::optional<std::string_view> text = internal::EmbeddedTemplate(path);
  if (!text) return Error{ErrorCode::kInternal, "no embedded template " + path};
  mustache::mustache tmpl{std::string(*text)};
  // Every value was escaped for Markdown above; mustache's own HTML escaping would double it.
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  if (!tmpl.is_valid()) return Error{ErrorCode::kInternal, path + ": " + tmpl.error_message()};
  std::string out = tmpl.render(view);
  if (!tmpl.is_valid()) return Error{ErrorCode::kInternal, path + ": " + tmpl.error_message()};
  // Templates keep sections on their own lines; collapse the blank runs they leave behind.
  std::string tidy;
  int newlines = 0;
  for (char c : out) {
    newlines = c == '\n' ? newlines + 1 : 0;
    if (newlines <= 2) tidy += c;
  }
  return tidy;
}

std::string BriefHtmlDocument(const std::string& markdown, Language language,
                              const std::string& title) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{}</title>\n<style>\n"
      "body{{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;"
      "color:#111}}\n"
      "table{{border-collapse:collapse;margin:1rem 0}}th,td{{border:1px solid #bbb;"
      "padding:.25rem .5rem;text-align:left;vertical-align:top}}\n"
      "h1{{font-size:1.6rem}}h2{{font-size:1.2rem;margin-top:2rem}}code{{font-size:.9em}}\n"
      "</style>\n</head>\n<body>\n<article class=\"brief\">\n{}</article>\n</body>\n</html>\n",
      LanguageCode(language), EscapeHtml(title), MarkdownToHtml(markdown));
}

}  // namespace mend
