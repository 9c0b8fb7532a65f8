// SPDX-License-Identifier: Apache-2.0
#include "mend/render/lenses_text.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "mend/render/lenses_json.hpp"
#include "mend/render/text_page.hpp"

namespace mend {

std::string ViabilityText(const CompiledCase& compiled, const ViabilityReport& report,
                          bool markdown) {
  const CaseDefinition& definition = compiled.definition;
  TextPage page(markdown);
  page.Heading(
      fmt::format("Viability of {} — {}", compiled.space.Pattern(report.proposal), definition.id));
  page.Line(fmt::format("Against the status quo {}: {}.", compiled.space.Pattern(report.status_quo),
                        report.viable
                            ? "viable — no decider needs more persuading"
                            : "not viable — some decider still has a benefit to be shown"));
  if (report.samples > 0) {
    page.Line(fmt::format("Uncertainty spreads from {} Monte Carlo samples, seed {}.",
                          report.samples, report.seed));
  }
  page.Gap();
  std::vector<std::vector<std::string>> rows = {{"decider", "gain at central values", "λ", "ρ",
                                                 "sd(s0)", "sd(p)", "persuasion gap",
                                                 "closing dimension"}};
  for (const DeciderViability& d : report.deciders) {
    std::string closing = "";
    if (d.closing_dimension) {
      const DimensionIndex k = *d.closing_dimension;
      const auto relief = std::find_if(d.relief.begin(), d.relief.end(),
                                       [&](const DimensionRelief& r) { return r.dimension == k; });
      closing =
          fmt::format("{} (gap {} without its uncertainty{})", definition.dimensions[k.value].id,
                      TextNumber(relief->gap), d.closes ? ": closes it" : "");
    } else if (d.gap > 0) {
      closing = "none: removing uncertainty does not help";
    }
    rows.push_back({definition.actors[d.decider.value].id, TextSigned(d.proposal_central_gain),
                    TextNumber(d.loss_aversion), TextNumber(d.uncertainty_aversion),
                    TextNumber(d.status_quo_sd), TextNumber(d.proposal_sd), TextNumber(d.gap),
                    closing});
  }
  page.Table(rows);
  page.Gap();
  page.Line(
      "Utility is reference-dependent: losses against the status quo weigh λ times, and ρ times "
      "the spread over the samples of its change from the status quo is subtracted. The gap is "
      "max(0, u(s0) − u(p)).");
  return page.str();
}

std::string PerceptionsText(const CompiledCase& compiled, const PerceptionAnalysis& analysis,
                            bool markdown) {
  const CaseDefinition& definition = compiled.definition;
  const StateSpace& space = compiled.space;
  auto id = [&](ActorIndex a) { return definition.actors[a.value].id; };
  auto list = [&](const std::vector<StateId>& states) {
    if (states.empty()) return std::string("none");
    std::string out;
    for (StateId s : states) out += (out.empty() ? "" : ", ") + space.Pattern(s);
    return out;
  };
  TextPage page(markdown);
  page.Heading(fmt::format("Perceptions — {}", definition.id));
  if (definition.perceptions.empty()) {
    page.Line("The case has no perceptions block: every decider sees the true game.");
    page.Gap();
  }
  page.Heading("Hypergame equilibria", 1);
  for (StabilityConcept c : kAllStabilityConcepts) {
    const auto k = static_cast<std::size_t>(c);
    page.Item(fmt::format("{}: {} (true game: {})", StabilityConceptName(c),
                          list(analysis.hypergame_equilibria[k]),
                          list(analysis.true_equilibria[k])));
  }
  page.Line(kHypergameNote);
  page.Gap();
  page.Heading("Each holder's proposal and the reality check", 1);
  page.Item("True default: " + (analysis.default_state ? space.Pattern(*analysis.default_state)
                                                       : std::string("none (the dynamics cycle)")));
  page.Item("True recommended alternative a*: " + (analysis.true_alternative
                                                       ? space.Pattern(*analysis.true_alternative)
                                                       : std::string("none")));
  for (const HolderProposal& p : analysis.proposals) {
    if (!p.proposal) {
      page.Item(
          fmt::format("{} sees nothing that improves the default: no proposal; cost of "
                      "misperception {}",
                      id(p.holder), TextNumber(p.cost_of_misperception)));
      continue;
    }
    std::string losers;
    for (const auto& [actor, change] : p.losers) {
      losers += (losers.empty() ? "" : ", ") + fmt::format("{} {}", id(actor), TextSigned(change));
    }
    page.Item(fmt::format("{} proposes {}: {}, {}; {}; cost of misperception {}", id(p.holder),
                          space.Pattern(*p.proposal),
                          p.truly_pareto_improving ? "truly Pareto-improving"
                                                   : "NOT truly Pareto-improving (rejected)",
                          p.self_enforcing ? "self-enforcing" : "not self-enforcing",
                          losers.empty() ? "nobody truly loses" : "would truly lose: " + losers,
                          TextNumber(p.cost_of_misperception)));
  }
  page.Gap();
  page.Heading("Perceived versus actual", 1);
  std::vector<std::vector<std::string>> rows = {{"holder", "about", "dimension", "perceived weight",
                                                 "actual weight", "perceived ledger",
                                                 "actual ledger"}};
  for (const PerceptionGap& g : analysis.gaps) {
    const bool differs = g.perceived_weight != g.actual_weight;
    rows.push_back({id(g.holder), id(g.about),
                    definition.dimensions[g.dimension.value].id + (differs ? " *" : ""),
                    TextNumber(g.perceived_weight), TextNumber(g.actual_weight),
                    TextSigned(g.perceived_ledger), TextSigned(g.actual_ledger)});
  }
  page.Table(rows);
  page.Gap();
  page.Line(
      "Ledger: the subject's weighted change on the holder's proposal against the true "
      "default, as the holder sees it and as it is. * marks a misread weight.");
  for (const PerceivedValuation& v : analysis.valuations) {
    if (!v.applied) {
      page.Item(
          fmt::format("{} about {}: the subject has ordinal preferences or payoffs; the "
                      "overrides do not apply",
                      id(v.holder), id(v.about)));
    } else if (v.perceived_loss_aversion != v.actual_loss_aversion ||
               v.perceived_indifference != v.actual_indifference ||
               v.perceived_uncertainty_aversion != v.actual_uncertainty_aversion) {
      page.Item(fmt::format(
          "{} about {}: λ {} (actual {}), ε {} (actual {}), ρ {} (actual {}; "
          "echoed, not applied)",
          id(v.holder), id(v.about), TextNumber(v.perceived_loss_aversion),
          TextNumber(v.actual_loss_aversion), TextNumber(v.perceived_indifference),
          TextNumber(v.actual_indifference), TextNumber(v.perceived_uncertainty_aversion),
          TextNumber(v.actual_uncertainty_aversion)));
    }
  }
  return page.str();
}

std::string DynamicsText(const CompiledCase& compiled, const DynamicsOptions& options,
                         const DynamicsReport& report, bool markdown) {
  const CaseDefinition& definition = compiled.definition;
  TextPage page(markdown);
  page.Heading(fmt::format("Expectation dynamics — {}", definition.id));
  std::string means;
  for (std::size_t i = 0; i < report.deciders.size(); ++i) {
    means += (means.empty() ? "" : ", ") +
             fmt::format("{} {}", definition.actors[report.deciders[i].value].id,
                         TextNumber(report.mean_gain[i]));
  }
  page.Line(fmt::format(
      "Engagement: {} instead of the default {}; mean gain per round {}. {} runs of {} rounds, "
      "seed {}. A round disappoints a decider when its gain falls below the {} quantile of the "
      "gain it expects (κ times the true one at first), less θ = {} of that quantile; {} such "
      "rounds in a row start a crisis of {} rounds, after which expectations move a share "
      "α = {} of the way to the realised mean.",
      compiled.space.Pattern(report.alternative), compiled.space.Pattern(report.default_state),
      means, options.runs, options.rounds, options.seed, TextNumber(options.quantile),
      TextNumber(options.theta), options.patience, options.crisis_length,
      TextNumber(options.alpha)));
  page.Gap();
  std::vector<std::string> head = {"κ", "crises per round", "time in crisis"};
  for (ActorIndex i : report.deciders) head.push_back("mean gain " + definition.actors[i.value].id);
  head.push_back("total gain per round");
  std::vector<std::vector<std::string>> rows = {head};
  for (const KappaResult& k : report.by_kappa) {
    std::vector<std::string> row = {TextNumber(k.kappa), fmt::format("{:.4f}", k.crisis_frequency),
                                    fmt::format("{:.1f} %", 100 * k.time_in_crisis)};
    for (double g : k.mean_gain) row.push_back(TextNumber(g));
    row.push_back(TextNumber(k.total_gain));
    rows.push_back(row);
  }
  page.Table(rows);
  page.Gap();
  page.Line(fmt::format("Fewest crises at κ = {}.", TextNumber(report.best_kappa)));
  return page.str();
}

namespace {

// The size of the linked search space in words: an integer while it is one.
std::string CombinationCount(double combinations) {
  if (combinations < 1e15) return fmt::format("{:.0f}", combinations);
  return fmt::format("{:.3g}", combinations);
}

std::string ByDeciderText(const LinkageAnalysis& linkage, const std::vector<double>& values) {
  std::string out;
  for (std::size_t i = 0; i < linkage.deciders.size(); ++i) {
    out += (out.empty() ? "" : ", ") + linkage.deciders[i] + " " + TextSigned(values[i]);
  }
  return out;
}

// The common deciders' values, then those of the issue's own deciders.
std::string OwnGainsText(const LinkageAnalysis& linkage, const LinkageIssueResult& issue,
                         const std::vector<double>& values, const std::vector<double>& own) {
  std::string out = ByDeciderText(linkage, values);
  for (std::size_t j = 0; j < issue.own_deciders.size() && j < own.size(); ++j)
    out += ", " + issue.own_deciders[j] + " " + TextSigned(own[j]);
  return out;
}

}  // namespace

std::string IssueTransferReason(const LinkageAnalysis& linkage, std::size_t c) {
  const LinkageIssueResult& issue = linkage.issues[c];
  if (issue.transfer) return "";
  if (issue.standalone) return "positive-sum on its own: its a* counts as it is";
  if (!issue.default_state) return "no single default to count against";
  if (!issue.searched) return "some decider ranks the states without figures";
  if (!issue.raises_total) return "no state raises the deciders' total over the default";
  return NoTransferReasonText(issue.no_transfer);
}

std::string LinkageVerdict(const LinkageAnalysis& linkage) {
  const bool costs = std::any_of(linkage.refusal_cost.begin(), linkage.refusal_cost.end(),
                                 [](double x) { return x > 0; });
  const std::string count = CombinationCount(linkage.combinations);
  const std::string combinations =
      count + (linkage.combinations == 1 ? " combination" : " combinations");
  if (linkage.combinations == 0) {
    return "No issue could enter the linked search (none has a single default and deciders "
           "with figures): refusing linkage costs nothing here by construction, not by analysis.";
  }
  if (linkage.trivial_search) {
    if (!costs) {
      return fmt::format(
          "The linked search had only {}, with no two issues offering a choice to trade between: "
          "refusing linkage costs nothing here by construction, not by analysis.",
          combinations);
    }
    return fmt::format(
        "The linked search had only {}, with no two issues offering a choice to trade between: "
        "what the linked deal adds ({}) comes from within a single issue, not from linking "
        "issues.",
        combinations, ByDeciderText(linkage, linkage.refusal_cost));
  }
  if (!costs) {
    return fmt::format(
        "Linkage adds nothing here: the best linked deal among {} gives no decider more than the "
        "issues taken one by one, with transfers inside each; refusing linkage costs nothing.",
        combinations);
  }
  return fmt::format(
      "Refusing linkage costs {} beyond the issues taken one by one with transfers inside each "
      "(the linked deal was searched among {}).",
      ByDeciderText(linkage, linkage.refusal_cost), combinations);
}

std::string LinkageText(const LinkageAnalysis& linkage, bool markdown) {
  TextPage page(markdown);
  page.Heading("Linkage: the portfolio under the no-linkage rule", 1);
  std::vector<std::string> head = {"issue", "default", "standalone a*", "with a transfer",
                                   "linked deal"};
  std::vector<std::vector<std::string>> rows = {head};
  for (const LinkageIssueResult& issue : linkage.issues) {
    rows.push_back({issue.case_id, issue.default_pattern.empty() ? "none" : issue.default_pattern,
                    issue.standalone_pattern.empty() ? "none" : issue.standalone_pattern,
                    issue.transfer ? issue.transfer->pattern : "none",
                    issue.linked_pattern.empty() ? "none" : issue.linked_pattern});
  }
  page.Table(rows);
  page.Gap();
  std::vector<std::vector<std::string>> gains = {{"decider", "(a) issues alone",
                                                  "(b) with transfers inside issues",
                                                  "(c) linked deal", "refusing linkage costs"}};
  for (std::size_t i = 0; i < linkage.deciders.size(); ++i) {
    gains.push_back({linkage.deciders[i], TextSigned(linkage.standalone_gains[i]),
                     TextSigned(linkage.transfer_gains[i]), TextSigned(linkage.linked_gains[i]),
                     TextSigned(linkage.refusal_cost[i])});
  }
  page.Table(gains);
  page.Gap();
  page.Line(
      "Gains over the defaults summed over the issues, in each decider's utility units. "
      "Refusing linkage costs c − max(a, b), 0 when linkage adds nothing.");
  page.Gap();
  auto join = [](const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
    return out.empty() ? std::string("none") : out;
  };
  // Deciders of one issue only: no sum over issues, their gain in their issue alone.
  for (const LinkageIssueResult& issue : linkage.issues) {
    std::string own;
    for (std::size_t j = 0; j < issue.own_deciders.size(); ++j) {
      own += fmt::format("{}{} {} alone, {} in the linked deal", own.empty() ? "" : "; ",
                         issue.own_deciders[j], TextSigned(issue.own_standalone_gains[j]),
                         TextSigned(issue.own_linked_gains[j]));
    }
    if (own.empty()) continue;
    page.Item(
        fmt::format("{}: deciders of this issue only, kept at least at their gain alone ({}).",
                    issue.case_id, own));
  }
  page.Item("Positive-sum on their own: " + join(linkage.positive_sum_alone));
  // An issue the linked deal moves but a transfer inside it also reaches does not need linkage.
  std::vector<std::string> only_linkage;
  for (const std::string& id : linkage.needs_linkage) {
    const bool transfer = std::any_of(
        linkage.issues.begin(), linkage.issues.end(),
        [&](const LinkageIssueResult& issue) { return issue.case_id == id && issue.transfer; });
    if (!transfer) only_linkage.push_back(id);
  }
  page.Item("Positive-sum only with linkage (no transfer inside the issue reaches it): " +
            join(only_linkage));
  for (std::size_t c = 0; c < linkage.issues.size(); ++c) {
    const LinkageIssueResult& issue = linkage.issues[c];
    if (issue.standalone) continue;
    if (!issue.transfer) {
      page.Item(fmt::format("{}: no transfer inside the issue ({}).", issue.case_id,
                            IssueTransferReason(linkage, c)));
      continue;
    }
    const IssueTransfer& t = *issue.transfer;
    auto legs = [](const std::vector<std::pair<std::string, double>>& list) {
      std::string out;
      for (const auto& [id, amount] : list) {
        out += (out.empty() ? "" : ", ") + id + (list.size() > 1 ? " " + TextNumber(amount) : "");
      }
      return out;
    };
    page.Item(fmt::format(
        "{}: {} with {} {} of {} from {} to {} leaves every decider at least as "
        "well off as in {} (gains {}).",
        issue.case_id, t.pattern, TextNumber(t.amount), t.unit, t.dimension, legs(t.from),
        legs(t.to), issue.default_pattern, OwnGainsText(linkage, issue, t.gains, t.own_gains)));
  }
  if (!linkage.linked_beats_standalone) {
    page.Item(
        "No cross-issue deal beats the issues taken one by one: the linked deal is the "
        "standalone one.");
  }
  page.Item(LinkageVerdict(linkage));
  page.Item(linkage.available
                ? "Every decider accepts linkage: the linked deal is available."
                : "Linkage is refused by " + join(linkage.refused_by) +
                      ": the linked deal is unavailable, and the issues that need linkage stay "
                      "in their defaults.");
  return page.str();
}

}  // namespace mend
