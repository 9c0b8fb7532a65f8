// SPDX-License-Identifier: Apache-2.0
#include "mend/render/lenses_json.hpp"

#include <nlohmann/json.hpp>

#include "mend/render/lenses_text.hpp"

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

Json ByDecider(const std::vector<std::string>& ids, const std::vector<double>& values) {
  Json out = Json::object();
  for (std::size_t i = 0; i < ids.size(); ++i) out[ids[i]] = values[i];
  return out;
}

}  // namespace

const char* const kHypergameNote =
    "Nash, GMR and SMR involve only the focal decider's own preferences, so misperception "
    "changes them not at all; SEQ (credible sanctions) is where misperception bites.";

std::string ViabilityJson(const CompiledCase& compiled, const ViabilityReport& report) {
  const CaseDefinition& definition = compiled.definition;
  Json root = Json::object();
  root["case"] = definition.id;
  root["proposal"] = compiled.space.Pattern(report.proposal);
  root["status_quo"] = compiled.space.Pattern(report.status_quo);
  root["viable"] = report.viable;
  root["samples"] = report.samples;
  root["seed"] = report.seed;
  Json deciders = Json::object();
  for (const DeciderViability& d : report.deciders) {
    Json entry = Json::object();
    entry["gap"] = d.gap;
    if (d.closing_dimension) {
      entry["closing_dimension"] = definition.dimensions[d.closing_dimension->value].id;
      entry["closes"] = d.closes;
    }
    entry["status_quo_utility"] = d.status_quo_utility;
    entry["proposal_utility"] = d.proposal_utility;
    entry["central_gain"] = d.proposal_central_gain;
    entry["loss_aversion"] = d.loss_aversion;
    entry["uncertainty_aversion"] = d.uncertainty_aversion;
    entry["status_quo_sd"] = d.status_quo_sd;
    entry["proposal_sd"] = d.proposal_sd;
    Json relief = Json::object();
    for (const DimensionRelief& r : d.relief) {
      relief[definition.dimensions[r.dimension.value].id] = r.gap;
    }
    entry["gap_without_uncertainty_in"] = std::move(relief);
    deciders[ActorId(compiled, d.decider)] = std::move(entry);
  }
  root["deciders"] = std::move(deciders);
  return root.dump(1) + "\n";
}

std::string PerceptionsJson(const CompiledCase& compiled, const PerceptionAnalysis& analysis) {
  const CaseDefinition& definition = compiled.definition;
  Json root = Json::object();
  root["case"] = definition.id;
  Json hyper = Json::object();
  Json truth = Json::object();
  for (StabilityConcept c : kAllStabilityConcepts) {
    const auto k = static_cast<std::size_t>(c);
    hyper[StabilityConceptName(c)] = Patterns(compiled, analysis.hypergame_equilibria[k]);
    truth[StabilityConceptName(c)] = Patterns(compiled, analysis.true_equilibria[k]);
  }
  root["hypergame_equilibria"] = std::move(hyper);
  root["true_equilibria"] = std::move(truth);
  root["note"] = kHypergameNote;
  root["concept"] = StabilityConceptName(analysis.concept_id);
  root["default"] = analysis.default_state ? Json(compiled.space.Pattern(*analysis.default_state))
                                           : Json(nullptr);
  root["alternative"] = analysis.true_alternative
                            ? Json(compiled.space.Pattern(*analysis.true_alternative))
                            : Json(nullptr);
  Json proposals = Json::object();
  Json cost = Json::object();
  for (const HolderProposal& p : analysis.proposals) {
    const std::string& holder = ActorId(compiled, p.holder);
    if (!p.proposal) {
      proposals[holder] = nullptr;
    } else {
      Json losers = Json::object();
      for (const auto& [actor, change] : p.losers) losers[ActorId(compiled, actor)] = change;
      proposals[holder] = {{"pattern", compiled.space.Pattern(*p.proposal)},
                           {"truly_pareto_improving", p.truly_pareto_improving},
                           {"self_enforcing", p.self_enforcing},
                           {"losers", std::move(losers)}};
    }
    cost[holder] = p.cost_of_misperception;
  }
  root["proposals"] = std::move(proposals);
  root["cost_of_misperception"] = std::move(cost);
  Json gaps = Json::array();
  for (const PerceptionGap& g : analysis.gaps) {
    gaps.push_back({{"holder", ActorId(compiled, g.holder)},
                    {"about", ActorId(compiled, g.about)},
                    {"dimension", definition.dimensions[g.dimension.value].id},
                    {"perceived_weight", g.perceived_weight},
                    {"actual_weight", g.actual_weight},
                    {"perceived_ledger", g.perceived_ledger},
                    {"actual_ledger", g.actual_ledger},
                    {"natural", g.natural}});
  }
  root["gaps"] = std::move(gaps);
  Json valuations = Json::array();
  for (const PerceivedValuation& v : analysis.valuations) {
    Json entry = {{"holder", ActorId(compiled, v.holder)},
                  {"about", ActorId(compiled, v.about)},
                  {"applied", v.applied}};
    if (v.applied) {
      entry["perceived_loss_aversion"] = v.perceived_loss_aversion;
      entry["actual_loss_aversion"] = v.actual_loss_aversion;
      entry["perceived_indifference"] = v.perceived_indifference;
      entry["actual_indifference"] = v.actual_indifference;
      entry["perceived_uncertainty_aversion"] = v.perceived_uncertainty_aversion;
      entry["actual_uncertainty_aversion"] = v.actual_uncertainty_aversion;
      entry["perceived_gain"] = v.perceived_gain;
      entry["actual_gain"] = v.actual_gain;
    }
    valuations.push_back(std::move(entry));
  }
  root["valuations"] = std::move(valuations);
  return root.dump(1) + "\n";
}

std::string LinkageJson(const LinkageAnalysis& linkage) {
  Json root = Json::object();
  root["standalone"] = {{"gains", ByDecider(linkage.deciders, linkage.standalone_gains)}};
  Json standalone_states = Json::object();
  Json states = Json::object();
  Json defaults = Json::object();
  for (const LinkageIssueResult& issue : linkage.issues) {
    auto pattern = [](const std::string& p) { return p.empty() ? Json(nullptr) : Json(p); };
    standalone_states[issue.case_id] = pattern(issue.standalone_pattern);
    states[issue.case_id] = pattern(issue.linked_pattern);
    defaults[issue.case_id] = pattern(issue.default_pattern);
  }
  root["standalone"]["states"] = std::move(standalone_states);
  root["linked"] = {{"states", std::move(states)},
                    {"gains", ByDecider(linkage.deciders, linkage.linked_gains)}};
  root["defaults"] = std::move(defaults);
  // Deciders of one issue only, per issue: their gain there alone and in the linked deal.
  Json own = Json::object();
  for (const LinkageIssueResult& issue : linkage.issues) {
    if (issue.own_deciders.empty()) continue;
    Json entry = Json::object();
    for (std::size_t j = 0; j < issue.own_deciders.size(); ++j) {
      entry[issue.own_deciders[j]] = {{"standalone", issue.own_standalone_gains[j]},
                                      {"linked", issue.own_linked_gains[j]}};
    }
    own[issue.case_id] = std::move(entry);
  }
  root["issue_only_deciders"] = std::move(own);
  root["premium"] = ByDecider(linkage.deciders, linkage.premium);
  root["available"] = linkage.available;
  Json refused = Json::array();
  for (const std::string& id : linkage.refused_by) refused.push_back(id);
  root["refused_by"] = std::move(refused);
  Json alone = Json::array();
  for (const std::string& id : linkage.positive_sum_alone) alone.push_back(id);
  root["positive_sum_alone"] = std::move(alone);
  Json needs = Json::array();
  for (const std::string& id : linkage.needs_linkage) needs.push_back(id);
  root["needs_linkage"] = std::move(needs);
  root["linked_beats_standalone"] = linkage.linked_beats_standalone;
  root["nash_product"] = linkage.nash_product;
  Json sizes = Json::object();
  for (std::size_t c = 0; c < linkage.issues.size(); ++c) {
    sizes[linkage.issues[c].case_id] = linkage.frontier_sizes[c];
  }
  root["search"] = {{"frontier_states", std::move(sizes)},
                    {"nodes", linkage.nodes},
                    {"combinations", linkage.combinations},
                    {"trivial", linkage.trivial_search}};
  // (b): each issue's transfer inside it, or why there is none.
  Json transfer_issues = Json::object();
  for (std::size_t c = 0; c < linkage.issues.size(); ++c) {
    const LinkageIssueResult& issue = linkage.issues[c];
    Json entry = Json::object();
    if (!issue.transfer) {
      entry["state"] = nullptr;
      entry["reason"] = IssueTransferReason(linkage, c);
    } else {
      const IssueTransfer& t = *issue.transfer;
      auto legs = [](const std::vector<std::pair<std::string, double>>& list) {
        Json out = Json::object();
        for (const auto& [id, amount] : list) out[id] = amount;
        return out;
      };
      entry["state"] = t.pattern;
      entry["reason"] = nullptr;
      entry["dimension"] = t.dimension;
      entry["unit"] = t.unit;
      entry["amount"] = t.amount;
      entry["from"] = legs(t.from);
      entry["to"] = legs(t.to);
      entry["gains_before"] = ByDecider(linkage.deciders, t.gains_before);
      entry["gains"] = ByDecider(linkage.deciders, t.gains);
      // The issue's own deciders take part in its transfer like the common ones.
      for (std::size_t j = 0; j < issue.own_deciders.size(); ++j) {
        entry["gains_before"][issue.own_deciders[j]] = t.own_gains_before[j];
        entry["gains"][issue.own_deciders[j]] = t.own_gains[j];
      }
    }
    transfer_issues[issue.case_id] = std::move(entry);
  }
  root["with_transfers"] = {{"gains", ByDecider(linkage.deciders, linkage.transfer_gains)},
                            {"issues", std::move(transfer_issues)}};
  root["refusal_cost"] = ByDecider(linkage.deciders, linkage.refusal_cost);
  root["verdict"] = LinkageVerdict(linkage);
  return root.dump(1);
}

std::string DynamicsJson(const CompiledCase& compiled, const DynamicsOptions& options,
                         const DynamicsReport& report) {
  Json root = Json::object();
  root["case"] = compiled.definition.id;
  root["rounds"] = options.rounds;
  root["runs"] = options.runs;
  root["seed"] = options.seed;
  root["alpha"] = options.alpha;
  root["theta"] = options.theta;
  root["quantile"] = options.quantile;
  root["patience"] = options.patience;
  root["crisis_length"] = options.crisis_length;
  root["default"] = compiled.space.Pattern(report.default_state);
  root["alternative"] = compiled.space.Pattern(report.alternative);
  std::vector<std::string> ids;
  for (ActorIndex i : report.deciders) ids.push_back(ActorId(compiled, i));
  root["gain_distribution_mean"] = ByDecider(ids, report.mean_gain);
  root["low_quantile"] = ByDecider(ids, report.low_quantile);
  Json by_kappa = Json::array();
  for (const KappaResult& k : report.by_kappa) {
    by_kappa.push_back({{"kappa", k.kappa},
                        {"crisis_frequency", k.crisis_frequency},
                        {"time_in_crisis", k.time_in_crisis},
                        {"mean_gain", ByDecider(ids, k.mean_gain)},
                        {"total_gain", k.total_gain}});
  }
  root["by_kappa"] = std::move(by_kappa);
  root["best_kappa"] = report.best_kappa;
  return root.dump(1) + "\n";
}

}  // namespace mend
