// SPDX-License-Identifier: Apache-2.0
#include "mend/render/analysis_text.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "mend/render/analysis_json.hpp"
#include "mend/render/central_text.hpp"
#include "mend/render/lenses_text.hpp"
#include "mend/render/text_page.hpp"

namespace mend {
namespace {

// Lists longer than this are cut in the readable formats (JSON always lists everything).
constexpr std::size_t kMaxListed = 12;

std::string List(const StateSpace& space, const std::vector<StateId>& states) {
  if (states.empty()) return "none";
  std::string out;
  for (std::size_t k = 0; k < states.size() && k < kMaxListed; ++k) {
    out += (k == 0 ? "" : ", ") + space.Pattern(states[k]);
  }
  if (states.size() > kMaxListed) out += fmt::format(", ... ({} in all)", states.size());
  return out;
}

void WriteLedger(TextPage& w, const CompiledCase& compiled, const EfficiencyAgainst& block) {
  const CaseDefinition& definition = compiled.definition;
  std::vector<bool> used(definition.dimensions.size(), false);
  for (const ActorLedger& entry : block.ledger) {
    for (const LedgerEntry& item : entry.dimensions) used[item.dimension.value] = true;
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head = {"actor"};
  for (std::size_t k = 0; k < used.size(); ++k) {
    if (!used[k]) continue;
    const Dimension& dimension = definition.dimensions[k];
    head.push_back(dimension.id + (dimension.unit.empty() ? "" : " [" + dimension.unit + "]") +
                   (dimension.is_status() ? " (status)" : ""));
  }
  head.push_back("total (utility)");
  head.push_back("without status");
  rows.push_back(head);
  for (const ActorLedger& entry : block.ledger) {
    const Actor& actor = definition.actors[entry.actor.value];
    std::vector<std::string> row = {actor.id + (actor.is_decider() ? "" : " (affected)")};
    for (std::size_t k = 0; k < used.size(); ++k) {
      if (!used[k]) continue;
      auto it = std::find_if(entry.dimensions.begin(), entry.dimensions.end(),
                             [&](const LedgerEntry& e) { return e.dimension.value == k; });
      row.push_back(it == entry.dimensions.end() ? ""
                                                 : fmt::format("{} (w {})", TextSigned(it->natural),
                                                               TextSigned(it->weighted)));
    }
    row.push_back(entry.cardinal ? TextSigned(entry.total) : "ordinal");
    row.push_back(entry.cardinal ? TextSigned(entry.status_neutral_total) : "ordinal");
    rows.push_back(row);
  }
  w.Table(rows);
  w.Gap();
  w.Line(
      fmt::format("Each cell: the change in natural units from the default {} to {}, then "
                  "(w ...) its weighted share of the actor's utility change.",
                  compiled.space.Pattern(block.default_state),
                  compiled.space.Pattern(block.alternative->state)));
  std::string losses;
  for (const ActorLedger& entry : block.ledger) {
    if (!entry.cardinal) continue;
    losses +=
        (losses.empty() ? "" : ", ") +
        fmt::format("{} {}", definition.actors[entry.actor.value].id, TextNumber(entry.total));
  }
  w.Line("Unnecessary loss of the default (utility): " + losses + ".");
}

void WriteBlock(TextPage& w, const CaseAnalysis& analysis, const EfficiencyAgainst& block) {
  const CompiledCase& compiled = *analysis.compiled;
  const StateSpace& space = compiled.space;
  const CaseDefinition& definition = compiled.definition;
  w.Line(EfficiencyVerdict(compiled, analysis.efficiency, block));
  w.Gap();
  w.Item(fmt::format("States that Pareto-improve {}: {}", space.Pattern(block.default_state),
                     List(space, block.improvements)));
  if (!block.alternative) return;
  const Recommendation& a = *block.alternative;
  std::string gains;
  for (ActorIndex i : analysis.report.deciders()) {
    gains += fmt::format("{}{} {}", gains.empty() ? "" : ", ", definition.actors[i.value].id,
                         TextSigned(compiled.utilities.at(i, a.state) -
                                    compiled.utilities.at(i, block.default_state)));
  }
  w.Item(fmt::format("Recommended alternative a*: {} (state {}), chosen by {}; {}; gains {}",
                     space.Pattern(a.state), a.state.value + 1, a.rule,
                     a.self_enforcing ? "self-enforcing" : "not self-enforcing", gains));
  w.Item(fmt::format(
      "Largest Nash product: {}; Kalai-Smorodinsky point: {}; largest total gain: {}",
      space.Pattern(block.nash_product->state), space.Pattern(block.kalai_smorodinsky->state),
      space.Pattern(block.largest_total_gain->state)));
  w.Gap();
  WriteLedger(w, compiled, block);
}

void WriteCase(TextPage& w, const CaseAnalysis& analysis) {
  const CompiledCase& compiled = *analysis.compiled;
  const CaseDefinition& definition = compiled.definition;
  const StateSpace& space = compiled.space;
  const StatusQuoAnalysis& sq = analysis.status_quo;
  const EfficiencyAnalysis& efficiency = analysis.efficiency;
  w.Heading(fmt::format("{} — {}", definition.id, definition.title.text), 0);
  w.Line(fmt::format("{} feasible states; {} sanctions; alternatives preferred when {}-stable.",
                     space.size(), SanctionRuleName(analysis.sanctions),
                     StabilityConceptName(efficiency.concept_id)));
  w.Gap();

  w.Heading("The default: where the conflict goes", 1);
  w.Item(fmt::format("Status quo: {} (state {})", space.Pattern(sq.status_quo),
                     sq.status_quo.value + 1));
  std::string path = space.Pattern(sq.dynamics.path.front());
  for (std::size_t m = 0; m < sq.dynamics.movers.size() && m < 3 * kMaxListed; ++m) {
    path += fmt::format(
        " -{}-> {}", definition.actors[analysis.report.deciders()[sq.dynamics.movers[m]].value].id,
        space.Pattern(sq.dynamics.path[m + 1]));
  }
  if (sq.dynamics.movers.size() > 3 * kMaxListed) path += " ...";
  w.Item("Best-response dynamics: " + path);
  if (sq.dynamics.cycle) {
    w.Item("The dynamics cycle through " + List(space, sq.dynamics.cycle_states) +
           ": there is no single default outcome");
  }
  if (sq.default_state) {
    w.Item(fmt::format("Default outcome: {} (state {}){}", space.Pattern(*sq.default_state),
                       sq.default_state->value + 1,
                       sq.explicit_default ? ", set by the case" : ""));
  }
  if (const std::string orders = MoverOrdersSentence(analysis); !orders.empty()) w.Item(orders);
  if (const std::string expected = ExpectationSentence(analysis); !expected.empty()) {
    w.Item(expected);
  }
  w.Gap();

  w.Heading("Equilibria", 1);
  for (StabilityConcept c : analysis.report.concepts()) {
    w.Item(
        fmt::format("{}: {}", StabilityConceptName(c), List(space, analysis.report.Equilibria(c))));
  }
  for (const auto& [c, states] : sq.reachable_equilibria) {
    if (c == efficiency.concept_id) {
      w.Item(fmt::format("{} equilibria reachable from the status quo: {}", StabilityConceptName(c),
                         List(space, states)));
    }
  }
  w.Gap();

  w.Heading("Positive-sum alternative and the loss ledger", 1);
  w.Item("Pareto frontier (deciders): " + List(space, efficiency.frontier_deciders));
  w.Item("Pareto frontier (deciders and affected): " + List(space, efficiency.frontier_all_actors));
  w.Gap();
  if (efficiency.against_reachable_equilibria) {
    w.Line(efficiency.against.empty()
               ? "The dynamics cycle and no equilibrium is reachable from the status quo: there is "
                 "no default to count losses against."
               : "The dynamics cycle: the ledger is computed against each reachable equilibrium.");
    w.Gap();
  }
  for (const EfficiencyAgainst& block : efficiency.against) {
    if (efficiency.against_reachable_equilibria) {
      w.Heading("Against " + space.Pattern(block.default_state), 2);
    }
    WriteBlock(w, analysis, block);
    w.Gap();
  }
}

}  // namespace

std::string AnalysisText(const std::vector<CaseAnalysis>& analyses,
                         const PortfolioDefinition* portfolio, const LinkageAnalysis* linkage,
                         bool markdown) {
  TextPage w(markdown);
  if (portfolio != nullptr) {
    w.Heading(fmt::format("Portfolio {} — {}", portfolio->id, portfolio->title.text), 0);
    w.Line("Each case is analysed on its own (no linkage).");
    w.Gap();
  }
  for (const CaseAnalysis& analysis : analyses) WriteCase(w, analysis);
  std::string text = w.str();
  if (linkage != nullptr) text += LinkageText(*linkage, markdown);
  return text;
}

}  // namespace mend
