// SPDX-License-Identifier: Apache-2.0
#include "mend/render/bridge_text.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "mend/render/text_page.hpp"

namespace mend {
namespace {

const std::string& ActorId(const CompiledCase& compiled, ActorIndex actor) {
  return compiled.definition.actors[actor.value].id;
}

std::string ConceptList(const std::vector<StabilityConcept>& concepts) {
  if (concepts.empty()) return "none";
  std::string out;
  for (StabilityConcept c : concepts) {
    if (!out.empty()) out += ", ";
    out += StabilityConceptName(c);
  }
  return out;
}

std::string Amount(const CompiledCase& compiled, DimensionIndex dimension, double amount) {
  const Dimension& d = compiled.definition.dimensions[dimension.value];
  return fmt::format("{} {} of {}", TextNumber(amount), d.unit, d.id);
}

void WriteTarget(TextPage& page, const CompiledCase& compiled, const BridgeReport& report,
                 const BridgeTarget& target) {
  const std::string pattern = compiled.space.Pattern(target.state);
  const std::string default_pattern = compiled.space.Pattern(report.default_state);
  page.Heading(report.cardinal ? fmt::format("{} (total gain {} over the default)", pattern,
                                             TextSigned(target.total_gain))
                               : pattern,
               1);
  if (target.blockers.empty()) {
    page.Line(fmt::format("Nobody blocks it: every decider is at least as well off as in {}.",
                          default_pattern));
  } else {
    std::vector<std::vector<std::string>> rows = {{"blocker", "shortfall", "in money"}};
    for (const BridgeBlocker& b : target.blockers) {
      rows.push_back(
          {ActorId(compiled, b.actor), report.cardinal ? TextNumber(b.shortfall) : "(ordinal)",
           b.money_dimension ? Amount(compiled, *b.money_dimension, b.money_shortfall) : "-"});
    }
    page.Table(rows);
    page.Gap();
  }
  if (target.transfer) {
    const Transfer& t = *target.transfer;
    std::string from;
    for (const TransferLeg& leg : t.from) {
      if (!from.empty()) from += ", ";
      from += fmt::format("{} {}", ActorId(compiled, leg.actor), TextNumber(leg.amount));
    }
    std::string to;
    for (const TransferLeg& leg : t.to) {
      if (!to.empty()) to += ", ";
      to += fmt::format("{} {}", ActorId(compiled, leg.actor), TextNumber(leg.amount));
    }
    page.Line(fmt::format("Transfer: {}, from {} to {}.", Amount(compiled, t.dimension, t.amount),
                          from, to));
    const bool stable =
        std::find(target.stable_with_transfer.begin(), target.stable_with_transfer.end(),
                  report.concept_id) != target.stable_with_transfer.end();
    page.Line(fmt::format("With it, {} is {} under {} (equilibrium under: {}; now: {}).", pattern,
                          stable ? "stable" : "not stable", StabilityConceptName(report.concept_id),
                          ConceptList(target.stable_with_transfer),
                          ConceptList(target.stable_now)));
  } else {
    if (target.no_transfer != NoTransferReason::kNoBlocker) {
      page.Line(fmt::format("No transfer: {}.", NoTransferReasonText(target.no_transfer)));
    }
    page.Line(fmt::format("Equilibrium now under: {}.", ConceptList(target.stable_now)));
  }
  for (const BridgeSwitch& s : target.switches) {
    page.Item(fmt::format(
        "{} would stop blocking with {} {} (now {}){}", ActorId(compiled, s.actor),
        s.kind == SwitchKind::kLossAversion ? "loss aversion λ =" : "uncertainty aversion ρ =",
        TextNumber(s.value), TextNumber(s.current), s.sufficient ? ": enough on its own" : ""));
  }
  for (const BridgeParameterSwitch& s : target.parameter_switches) {
    const Parameter& parameter = compiled.definition.parameters[s.parameter.value];
    page.Item(fmt::format("{} at {}{} (median {}, quantile {}) would make {} Pareto-improving",
                          parameter.id, TextNumber(s.value),
                          parameter.unit.empty() ? "" : " " + parameter.unit, TextNumber(s.central),
                          TextNumber(s.quantile), pattern));
  }
  for (const BridgePerception& p : target.perceptions) {
    page.Item(fmt::format("{} believes {} {} {}; in truth it {}: correcting that perception {}",
                          ActorId(compiled, p.holder), ActorId(compiled, p.about),
                          p.perceived_blocks ? "blocks" : "does not block", pattern,
                          p.truly_blocks ? "does" : "does not",
                          p.truly_blocks ? "shows an obstacle the holder does not see"
                                         : "removes an obstacle that is not there"));
  }
  if (!target.switches.empty() || !target.parameter_switches.empty() ||
      !target.perceptions.empty()) {
    page.Gap();
  }
  if (target.inverse.computed) {
    std::size_t violated = 0;
    for (const InverseCondition& c : target.inverse.conditions) violated += c.met ? 0 : 1;
    page.Line(fmt::format("For {} to be {}-stable ({} of {} conditions violated now):", pattern,
                          StabilityConceptName(target.inverse.concept_id), violated,
                          target.inverse.conditions.size()));
    for (const InverseCondition& c : target.inverse.conditions) {
      page.Item(fmt::format("{} — {}", InverseConditionText(compiled, target.state, c),
                            c.met ? "met" : "violated"));
    }
  } else {
    page.Line(fmt::format("Inverse conditions: not computed under {}.",
                          StabilityConceptName(target.inverse.concept_id)));
  }
  page.Gap();
}

}  // namespace

std::string InverseConditionText(const CompiledCase& compiled, StateId target,
                                 const InverseCondition& condition) {
  std::string text =
      fmt::format("{} must like {} at least as much as {}", ActorId(compiled, condition.actor),
                  compiled.space.Pattern(target), compiled.space.Pattern(condition.move));
  if (!condition.sanctions.empty()) {
    std::string list;
    for (StateId s : condition.sanctions) {
      if (!list.empty()) list += ", ";
      list += compiled.space.Pattern(s);
    }
    text += fmt::format(", or as one of the others' responses ({})", list);
  }
  return text;
}

std::string BridgeText(const CompiledCase& compiled, const BridgeReport& report, bool markdown) {
  TextPage page(markdown);
  page.Heading(fmt::format("What it would take — {}", compiled.definition.id));
  const std::string default_pattern = compiled.space.Pattern(report.default_state);
  if (report.status_dimensions && report.status_neutral_alternative != report.alternative) {
    auto name = [&](std::optional<StateId> state) {
      return state ? compiled.space.Pattern(*state) : std::string("none");
    };
    page.Line(
        fmt::format("Leaving status aside (dimensions tagged status), the alternative would "
                    "be {} instead of {}.",
                    name(report.status_neutral_alternative), name(report.alternative)));
    page.Gap();
  }
  if (report.targets.empty()) {
    page.Line(
        fmt::format("No state raises the deciders' total over the default {}.", default_pattern));
    return page.str();
  }
  page.Line(fmt::format("Against the default {}, concept {}: {} candidate state{}{}.",
                        default_pattern, StabilityConceptName(report.concept_id),
                        report.candidate_count, report.candidate_count == 1 ? "" : "s",
                        report.targets.size() < report.candidate_count
                            ? fmt::format(", the best {} shown", report.targets.size())
                            : ""));
  page.Gap();
  for (const BridgeTarget& target : report.targets) WriteTarget(page, compiled, report, target);
  page.Line(
      "A blocker is a decider worse off than in the default beyond its indifference; the "
      "transfer is the smallest amount of a money dimension both sides value that leaves every "
      "decider at least as well off as in the default (docs/analyses.md, \"Bridge\").");
  return page.str();
}

}  // namespace mend
