// SPDX-License-Identifier: Apache-2.0
#include "mend/render/bridge_json.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "mend/render/bridge_text.hpp"

namespace mend {
namespace {

using Json = nlohmann::ordered_json;

const std::string& ActorId(const CompiledCase& compiled, ActorIndex actor) {
  return compiled.definition.actors[actor.value].id;
}

Json Patterns(const CompiledCase& compiled, const std::vector<StateId>& states) {
  Json list = Json::array();
  for (StateId s : states) list.push_back(compiled.space.Pattern(s));
  return list;
}

Json Concepts(const std::vector<StabilityConcept>& concepts) {
  Json list = Json::array();
  for (StabilityConcept c : concepts) list.push_back(StabilityConceptName(c));
  return list;
}

bool Has(const std::vector<StabilityConcept>& concepts, StabilityConcept c) {
  return std::find(concepts.begin(), concepts.end(), c) != concepts.end();
}

Json Legs(const CompiledCase& compiled, const std::vector<TransferLeg>& legs) {
  Json list = Json::array();
  for (const TransferLeg& leg : legs) {
    list.push_back({{"actor", ActorId(compiled, leg.actor)}, {"amount", leg.amount}});
  }
  return list;
}

Json TargetJson(const CompiledCase& compiled, const BridgeReport& report,
                const BridgeTarget& target) {
  const CaseDefinition& definition = compiled.definition;
  Json out = Json::object();
  out["pattern"] = compiled.space.Pattern(target.state);
  out["total_gain"] = report.cardinal ? Json(target.total_gain) : Json(nullptr);
  Json blockers = Json::array();
  for (const BridgeBlocker& blocker : target.blockers) {
    Json entry = {{"actor", ActorId(compiled, blocker.actor)}};
    entry["shortfall"] = report.cardinal ? Json(blocker.shortfall) : Json(nullptr);
    if (blocker.money_dimension) {
      const Dimension& dimension = definition.dimensions[blocker.money_dimension->value];
      entry["money_shortfall"] = {{"amount", blocker.money_shortfall},
                                  {"unit", dimension.unit},
                                  {"dimension", dimension.id}};
    } else {
      entry["money_shortfall"] = nullptr;
    }
    blockers.push_back(std::move(entry));
  }
  out["blockers"] = std::move(blockers);
  if (target.transfer) {
    const Dimension& dimension = definition.dimensions[target.transfer->dimension.value];
    out["transfer"] = {{"amount", target.transfer->amount},
                       {"unit", dimension.unit},
                       {"dimension", dimension.id},
                       {"from", Legs(compiled, target.transfer->from)},
                       {"to", Legs(compiled, target.transfer->to)}};
    out["stable_with_transfer"] = Has(target.stable_with_transfer, report.concept_id);
  } else {
    out["transfer"] = nullptr;
    out["no_transfer_reason"] = NoTransferReasonText(target.no_transfer);
    out["stable_with_transfer"] = nullptr;
  }
  out["stable_now"] = Concepts(target.stable_now);
  out["stable_with_transfer_under"] = Concepts(target.stable_with_transfer);
  Json switches = Json::array();
  for (const BridgeSwitch& s : target.switches) {
    switches.push_back(
        {{"kind", s.kind == SwitchKind::kLossAversion ? "loss_aversion" : "uncertainty_aversion"},
         {"actor", ActorId(compiled, s.actor)},
         {"current", s.current},
         {"value", s.value},
         {"sufficient", s.sufficient}});
  }
  for (const BridgeParameterSwitch& s : target.parameter_switches) {
    switches.push_back({{"kind", "parameter"},
                        {"parameter", definition.parameters[s.parameter.value].id},
                        {"current", s.central},
                        {"value", s.value},
                        {"quantile", s.quantile},
                        {"sufficient", true}});
  }
  out["switches"] = std::move(switches);
  Json perceptions = Json::array();
  for (const BridgePerception& p : target.perceptions) {
    perceptions.push_back({{"holder", ActorId(compiled, p.holder)},
                           {"about", ActorId(compiled, p.about)},
                           {"perceived_blocks", p.perceived_blocks},
                           {"truly_blocks", p.truly_blocks}});
  }
  out["perceptions"] = std::move(perceptions);
  Json inverse = Json::object();
  inverse["concept"] = StabilityConceptName(target.inverse.concept_id);
  inverse["computed"] = target.inverse.computed;
  Json conditions = Json::array();
  std::size_t violated = 0;
  for (const InverseCondition& c : target.inverse.conditions) {
    violated += c.met ? 0 : 1;
    Json entry = {{"actor", ActorId(compiled, c.actor)},
                  {"prefer", compiled.space.Pattern(target.state)},
                  {"over", compiled.space.Pattern(c.move)},
                  {"met", c.met},
                  {"prefers_now", c.prefers_target}};
    if (target.inverse.concept_id != StabilityConcept::kNash) {
      entry["or_sanctions"] = Patterns(compiled, c.sanctions);
      entry["deterring"] = Patterns(compiled, c.deterring);
    }
    entry["text"] = InverseConditionText(compiled, target.state, c);
    conditions.push_back(std::move(entry));
  }
  inverse["conditions"] = std::move(conditions);
  inverse["violated"] = violated;
  out["inverse"] = std::move(inverse);
  return out;
}

}  // namespace

std::string BridgeJson(const CompiledCase& compiled, const BridgeReport& report) {
  Json root = Json::object();
  root["case"] = compiled.definition.id;
  root["default"] = compiled.space.Pattern(report.default_state);
  root["concept"] = StabilityConceptName(report.concept_id);
  root["cardinal"] = report.cardinal;
  auto pattern_or_null = [&](std::optional<StateId> state) {
    return state ? Json(compiled.space.Pattern(*state)) : Json(nullptr);
  };
  root["alternative"] = pattern_or_null(report.alternative);
  root["status_dimensions"] = report.status_dimensions;
  root["status_neutral_alternative"] = pattern_or_null(report.status_neutral_alternative);
  root["candidate_count"] = report.candidate_count;
  Json targets = Json::array();
  for (const BridgeTarget& target : report.targets) {
    targets.push_back(TargetJson(compiled, report, target));
  }
  root["targets"] = std::move(targets);
  return root.dump(1) + "\n";
}

}  // namespace mend
