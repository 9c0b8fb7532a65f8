// SPDX-License-Identifier: Apache-2.0
#include "mend/lenses/linkage.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <fmt/format.h>

#include "mend/efficiency/pareto.hpp"

namespace mend {
namespace {

// A total gain below this is rounding, not a gain (as in the bridge).
constexpr double kTinyGain = 1e-9;

// A summed gain must exceed the standalone total by more than rounding noise to count.
double Tolerance(double floor) { return 1e-9 * std::max(1.0, std::abs(floor)); }

class LinkedSearch {
 public:
  LinkedSearch(const std::vector<std::vector<std::vector<double>>>& gains,
               std::span<const double> floor, std::uint64_t max_nodes)
      : gains_(gains), floor_(floor.begin(), floor.end()), max_nodes_(max_nodes) {
    deciders_ = floor_.size();
    // Issues with fewer candidates first: a narrow top of the tree prunes more per node.
    order_.resize(gains_.size());
    std::iota(order_.begin(), order_.end(), std::size_t{0});
    std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
      return gains_[a].size() < gains_[b].size();
    });
    // Within an issue, candidates with the largest total gain first, so a good deal (a high
    // incumbent product) is found early and the bound bites sooner.
    candidates_.resize(gains_.size());
    for (std::size_t c = 0; c < gains_.size(); ++c) {
      auto& list = candidates_[c];
      list.resize(gains_[c].size());
      std::iota(list.begin(), list.end(), std::size_t{0});
      auto total = [&](std::size_t k) {
        return std::accumulate(gains_[c][k].begin(), gains_[c][k].end(), 0.0);
      };
      std::stable_sort(list.begin(), list.end(),
                       [&](std::size_t a, std::size_t b) { return total(a) > total(b); });
    }
    // suffix_[depth][i]: the most decider i can still add from issues order_[depth..].
    suffix_.assign(gains_.size() + 1, std::vector<double>(deciders_, 0.0));
    for (std::size_t depth = gains_.size(); depth-- > 0;) {
      const auto& issue = gains_[order_[depth]];
      for (std::size_t i = 0; i < deciders_; ++i) {
        double best = -std::numeric_limits<double>::infinity();
        for (const auto& g : issue) best = std::max(best, g[i]);
        suffix_[depth][i] = suffix_[depth + 1][i] + (issue.empty() ? 0.0 : best);
      }
    }
    // Weighted bounds: for weights w > 0 summing to 1, Σ_i w_i s_i ≤ K(w) bounds the surpluses
    // s_i jointly, and by the AM–GM inequality Π_i s_i ≤ (K/n)^n / Π_i w_i. K(w) needs only
    // the best weighted gain per remaining issue, precomputed per depth for a fixed fan of
    // weight vectors. Far tighter than the per-decider maxima when the deciders' gains pull
    // apart along the frontiers, as they do on real Pareto frontiers.
    if (deciders_ >= 2) {
      const int fan = 15;
      for (int k = 1; k <= fan; ++k) {
        std::vector<double> w(deciders_, 0.0);
        if (deciders_ == 2) {
          w[0] = static_cast<double>(k) / (fan + 1);
          w[1] = 1 - w[0];
        } else {
          // Uniform, then each decider in turn emphasised.
          const std::size_t focus = static_cast<std::size_t>(k - 1) % (deciders_ + 1);
          for (std::size_t i = 0; i < deciders_; ++i) {
            const double n = static_cast<double>(deciders_);
            w[i] = focus == deciders_ ? 1.0 / n : (i == focus ? 0.5 : 0.5 / (n - 1));
          }
          if (k > static_cast<int>(deciders_) + 1) break;
        }
        double log_weights = 0;
        for (double x : w) log_weights += std::log(x);
        weights_.push_back(w);
        weight_product_.push_back(std::exp(log_weights));
      }
      weighted_suffix_.assign(gains_.size() + 1, std::vector<double>(weights_.size(), 0.0));
      for (std::size_t depth = gains_.size(); depth-- > 0;) {
        const auto& issue = gains_[order_[depth]];
        for (std::size_t v = 0; v < weights_.size(); ++v) {
          double best = -std::numeric_limits<double>::infinity();
          for (const auto& g : issue) {
            double sum = 0;
            for (std::size_t i = 0; i < deciders_; ++i) sum += weights_[v][i] * g[i];
            best = std::max(best, sum);
          }
          weighted_suffix_[depth][v] =
              weighted_suffix_[depth + 1][v] + (issue.empty() ? 0.0 : best);
        }
      }
    }
  }

  LinkedSearchResult Run() {
    LinkedSearchResult result;
    for (const auto& issue : gains_) {
      if (issue.empty()) return result;
    }
    current_.assign(gains_.size(), 0);
    std::vector<double> partial(deciders_, 0.0);
    Visit(0, partial);
    result.nodes = nodes_;
    result.exhausted = exhausted_;
    if (best_choice_) {
      result.choice = best_choice_;
      result.nash_product = best_product_;
    }
    return result;
  }

 private:
  void Visit(std::size_t depth, std::vector<double>& partial) {
    if (exhausted_) return;
    if (max_nodes_ != 0 && nodes_ >= max_nodes_) {
      exhausted_ = true;
      return;
    }
    ++nodes_;
    if (depth == gains_.size()) {
      double product = 1;
      for (std::size_t i = 0; i < deciders_; ++i) {
        const double surplus = partial[i] - floor_[i];
        if (surplus <= Tolerance(floor_[i])) return;
        product *= surplus;
      }
      if (product > best_product_) {
        best_product_ = product;
        best_choice_ = std::vector<std::size_t>(gains_.size());
        for (std::size_t d = 0; d < gains_.size(); ++d) (*best_choice_)[order_[d]] = current_[d];
      }
      return;
    }
    const std::size_t issue = order_[depth];
    std::vector<double> next(deciders_);
    for (std::size_t k : candidates_[issue]) {
      const auto& g = gains_[issue][k];
      // Bound: even the best of every remaining issue for each decider separately cannot
      // reach the floor, or cannot beat the incumbent's product.
      double bound = 1;
      bool feasible = true;
      for (std::size_t i = 0; i < deciders_ && feasible; ++i) {
        next[i] = partial[i] + g[i];
        const double surplus = next[i] + suffix_[depth + 1][i] - floor_[i];
        if (surplus <= Tolerance(floor_[i])) feasible = false;
        bound *= surplus;
      }
      if (!feasible || bound <= best_product_) continue;
      if (WeightedBound(depth + 1, next) <= best_product_) continue;
      current_[depth] = k;
      Visit(depth + 1, next);
    }
  }

  // The smallest AM–GM bound on the product over the weight fan (infinity without a fan).
  double WeightedBound(std::size_t depth, const std::vector<double>& partial) const {
    double bound = std::numeric_limits<double>::infinity();
    const double n = static_cast<double>(deciders_);
    for (std::size_t v = 0; v < weights_.size(); ++v) {
      double k = weighted_suffix_[depth][v];
      for (std::size_t i = 0; i < deciders_; ++i) k += weights_[v][i] * (partial[i] - floor_[i]);
      if (k <= 0) return 0;
      bound = std::min(bound, std::pow(k / n, n) / weight_product_[v]);
    }
    return bound;
  }

  const std::vector<std::vector<std::vector<double>>>& gains_;
  std::vector<double> floor_;
  std::uint64_t max_nodes_;
  std::size_t deciders_ = 0;
  std::vector<std::size_t> order_;
  std::vector<std::vector<std::size_t>> candidates_;
  std::vector<std::vector<double>> suffix_;
  std::vector<std::vector<double>> weights_;
  std::vector<double> weight_product_;
  std::vector<std::vector<double>> weighted_suffix_;  // [depth][weight vector]
  std::vector<std::size_t> current_;
  std::optional<std::vector<std::size_t>> best_choice_;
  double best_product_ = 0;
  std::uint64_t nodes_ = 0;
  bool exhausted_ = false;
};

// (b) for one issue without a*: the state raising the deciders' total whose smallest transfer
// leaves the largest total once it is made, in the bridge's order (larger total first, then the
// lower state number) on ties. `deciders` are all the issue's deciders, as in the bridge: the
// `common` first (the portfolio's), then the issue's own. Sets `issue.raises_total`,
// `issue.transfer` or `issue.no_transfer`.
void FindIssueTransfer(const CompiledCase& compiled, std::span<const ActorIndex> deciders,
                       std::size_t common, StateId d, LinkageIssueResult& issue) {
  const UtilityTable& u = compiled.utilities;
  std::vector<std::pair<double, StateId>> ranked;
  for (std::uint32_t s = 0; s < compiled.space.size(); ++s) {
    const StateId t{s};
    if (t == d) continue;
    double total = 0;
    for (ActorIndex actor : deciders) total += u.at(actor, t) - u.at(actor, d);
    if (total > kTinyGain) ranked.emplace_back(total, t);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  issue.raises_total = !ranked.empty();
  std::optional<TransferOutcome> best;
  StateId best_state;
  double best_total = 0;
  for (const auto& [total, t] : ranked) {
    TransferOutcome outcome = SmallestTransfer(compiled, deciders, t, d);
    if (!outcome.transfer) {
      if (!best && t == ranked.front().second) issue.no_transfer = outcome.no_transfer;
      continue;
    }
    double after = 0;
    for (std::size_t p = 0; p < deciders.size(); ++p)
      after += outcome.gains[p] + outcome.utility_change[p];
    if (!best || after > best_total + kTinyGain) {
      best_total = after;
      best_state = t;
      best = std::move(outcome);
    }
  }
  if (!best) return;
  issue.no_transfer = NoTransferReason::kNone;
  const CaseDefinition& definition = compiled.definition;
  const Dimension& dimension = definition.dimensions[best->transfer->dimension.value];
  IssueTransfer transfer;
  transfer.state = best_state;
  transfer.pattern = compiled.space.Pattern(best_state);
  transfer.dimension = dimension.id;
  transfer.unit = dimension.unit;
  transfer.amount = best->transfer->amount;
  for (const TransferLeg& leg : best->transfer->from)
    transfer.from.emplace_back(definition.actors[leg.actor.value].id, leg.amount);
  for (const TransferLeg& leg : best->transfer->to)
    transfer.to.emplace_back(definition.actors[leg.actor.value].id, leg.amount);
  for (std::size_t p = 0; p < deciders.size(); ++p) {
    const double after = best->gains[p] + best->utility_change[p];
    (p < common ? transfer.gains_before : transfer.own_gains_before).push_back(best->gains[p]);
    (p < common ? transfer.gains : transfer.own_gains).push_back(after);
  }
  issue.transfer = std::move(transfer);
}

// The candidates of an issue with deciders of its own: the states that leave each of them at
// least its standalone gain in the issue (own_standalone_gains, 0 without a*: not worse off than
// the default), and among those the Pareto frontier of the common deciders. A state dominated
// for the common deciders by another that also keeps the floors can be swapped for it without
// lowering the product, so the search loses nothing. The floors are weak: the issue's own
// deciders need not gain from a deal that they take no part in beyond their issue.
std::vector<StateId> OwnFloorFrontier(const UtilityTable& u, std::span<const ActorIndex> common,
                                      std::span<const ActorIndex> all,
                                      const LinkageIssueResult& issue) {
  const StateId d = *issue.default_state;
  std::vector<StateId> eligible;
  const auto states = static_cast<std::uint32_t>(u.utility[common.front().value].size());
  for (std::uint32_t s = 0; s < states; ++s) {
    bool keeps = true;
    for (std::size_t j = 0; j < issue.own_deciders.size() && keeps; ++j) {
      const ActorIndex actor = all[common.size() + j];
      const double floor = issue.own_standalone_gains[j];
      keeps = u.at(actor, StateId{s}) - u.at(actor, d) >= floor - Tolerance(floor);
    }
    if (keeps) eligible.push_back(StateId{s});
  }
  std::vector<std::vector<double>> values(common.size());
  for (std::size_t i = 0; i < common.size(); ++i) {
    for (StateId s : eligible) values[i].push_back(u.at(common[i], s));
  }
  std::vector<std::span<const double>> columns(values.begin(), values.end());
  std::vector<StateId> frontier;
  for (StateId k : ParetoFrontier(columns)) frontier.push_back(eligible[k.value]);
  return frontier;
}

}  // namespace

LinkedSearchResult SearchLinkedDeal(const std::vector<std::vector<std::vector<double>>>& gains,
                                    std::span<const double> floor, std::uint64_t max_nodes) {
  return LinkedSearch(gains, floor, max_nodes).Run();
}

Result<LinkageAnalysis> AnalyzeLinkage(const PortfolioDefinition& portfolio,
                                       std::span<const LinkageIssue> issues,
                                       const LinkageOptions& options) {
  if (issues.empty()) return Error::InvalidArgument("a portfolio needs at least one case");
  LinkageAnalysis out;
  const CaseDefinition& first = issues.front().compiled->definition;
  // The common deciders: the first issue's deciders (in its file order) that decide in every
  // issue. The others take part in their own issue only.
  auto decides = [](const CaseDefinition& definition, const std::string& id) {
    std::optional<ActorIndex> actor = definition.FindActor(id);
    return actor && definition.actors[actor->value].is_decider();
  };
  for (ActorIndex i : first.Deciders()) {
    const std::string& id = first.actors[i.value].id;
    if (std::all_of(issues.begin(), issues.end(), [&](const LinkageIssue& issue) {
          return decides(issue.compiled->definition, id);
        })) {
      out.deciders.push_back(id);
    }
  }
  if (out.deciders.size() < 2) {
    return Error::InvalidArgument(fmt::format(
        "the portfolio's cases share {} decider(s) ({}); expected at least two deciders common "
        "to every case",
        out.deciders.size(), fmt::join(out.deciders, ", ")));
  }
  const std::size_t n = out.deciders.size();
  out.standalone_gains.assign(n, 0.0);

  // Per issue: the common deciders' indices in that case, then (`all`) the issue's own deciders
  // after them, and the candidate states (the frontier).
  std::vector<std::vector<ActorIndex>> local(issues.size());
  std::vector<std::vector<ActorIndex>> all(issues.size());
  std::vector<std::vector<StateId>> candidates(issues.size());
  std::vector<std::vector<std::vector<double>>> gains;
  std::vector<std::size_t> searched_issue;  // position in `gains` -> issue
  for (std::size_t c = 0; c < issues.size(); ++c) {
    const CompiledCase& compiled = *issues[c].compiled;
    const EfficiencyAnalysis& efficiency = *issues[c].efficiency;
    const CaseDefinition& definition = compiled.definition;
    for (const std::string& id : out.deciders) local[c].push_back(*definition.FindActor(id));
    all[c] = local[c];
    LinkageIssueResult issue;
    issue.case_id = definition.id;
    for (ActorIndex actor : definition.Deciders()) {
      if (std::find(local[c].begin(), local[c].end(), actor) != local[c].end()) continue;
      all[c].push_back(actor);
      issue.own_deciders.push_back(definition.actors[actor.value].id);
    }
    if (!efficiency.against_reachable_equilibria && !efficiency.against.empty()) {
      const EfficiencyAgainst& block = efficiency.against.front();
      issue.default_state = block.default_state;
      if (block.alternative) issue.standalone = block.alternative->state;
    }
    issue.searched = issue.default_state.has_value() && efficiency.cardinal;
    const UtilityTable& u = compiled.utilities;
    issue.own_standalone_gains.assign(issue.own_deciders.size(), 0.0);
    if (issue.standalone) {
      out.positive_sum_alone.push_back(issue.case_id);
      for (std::size_t i = 0; i < n; ++i) {
        out.standalone_gains[i] +=
            u.at(local[c][i], *issue.standalone) - u.at(local[c][i], *issue.default_state);
      }
      for (std::size_t j = 0; j < issue.own_deciders.size(); ++j) {
        const ActorIndex actor = all[c][n + j];
        issue.own_standalone_gains[j] =
            u.at(actor, *issue.standalone) - u.at(actor, *issue.default_state);
      }
    }
    if (issue.searched) {
      // Only frontier states can be part of a best deal; equal gain vectors keep the first.
      std::vector<StateId> frontier = issue.own_deciders.empty()
                                          ? ParetoFrontier(u, local[c])
                                          : OwnFloorFrontier(u, local[c], all[c], issue);
      std::vector<std::vector<double>> issue_gains;
      for (StateId s : frontier) {
        std::vector<double> g(n);
        for (std::size_t i = 0; i < n; ++i) {
          g[i] = u.at(local[c][i], s) - u.at(local[c][i], *issue.default_state);
        }
        if (std::find(issue_gains.begin(), issue_gains.end(), g) != issue_gains.end()) continue;
        issue_gains.push_back(std::move(g));
        candidates[c].push_back(s);
      }
      out.frontier_sizes.push_back(candidates[c].size());
      gains.push_back(std::move(issue_gains));
      searched_issue.push_back(c);
    } else {
      out.frontier_sizes.push_back(0);
    }
    issue.linked = issue.standalone ? issue.standalone : issue.default_state;
    if (!issue.standalone && issue.default_state && efficiency.cardinal) {
      FindIssueTransfer(compiled, all[c], n, *issue.default_state, issue);
    }
    out.issues.push_back(std::move(issue));
  }

  LinkedSearchResult search;
  if (!gains.empty()) search = SearchLinkedDeal(gains, out.standalone_gains, options.max_nodes);
  out.nodes = search.nodes;
  if (search.exhausted) {
    return Error{ErrorCode::kFailedPrecondition,
                 fmt::format("the linked-deal search stopped after {} nodes without finishing; "
                             "the portfolio is too large for an exact answer",
                             search.nodes),
                 {}};
  }
  out.linked_gains = out.standalone_gains;
  if (search.choice) {
    out.linked_beats_standalone = true;
    out.nash_product = search.nash_product;
    std::fill(out.linked_gains.begin(), out.linked_gains.end(), 0.0);
    for (std::size_t p = 0; p < searched_issue.size(); ++p) {
      const std::size_t c = searched_issue[p];
      const std::size_t k = (*search.choice)[p];
      out.issues[c].linked = candidates[c][k];
      for (std::size_t i = 0; i < n; ++i) out.linked_gains[i] += gains[p][k][i];
    }
    // Issues outside the search stay where they are standalone.
    for (std::size_t c = 0; c < issues.size(); ++c) {
      if (out.issues[c].searched || !out.issues[c].standalone) continue;
      const UtilityTable& u = issues[c].compiled->utilities;
      for (std::size_t i = 0; i < n; ++i) {
        out.linked_gains[i] += u.at(local[c][i], *out.issues[c].standalone) -
                               u.at(local[c][i], *out.issues[c].default_state);
      }
    }
    for (const LinkageIssueResult& issue : out.issues) {
      if (!issue.standalone && issue.linked && issue.default_state &&
          *issue.linked != *issue.default_state) {
        out.needs_linkage.push_back(issue.case_id);
      }
    }
  }
  for (std::size_t c = 0; c < issues.size(); ++c) {
    LinkageIssueResult& issue = out.issues[c];
    const StateSpace& space = issues[c].compiled->space;
    issue.own_linked_gains.assign(issue.own_deciders.size(), 0.0);
    for (std::size_t j = 0; j < issue.own_deciders.size() && issue.linked; ++j) {
      const UtilityTable& u = issues[c].compiled->utilities;
      const ActorIndex actor = all[c][n + j];
      issue.own_linked_gains[j] = u.at(actor, *issue.linked) - u.at(actor, *issue.default_state);
    }
    if (issue.default_state) issue.default_pattern = space.Pattern(*issue.default_state);
    if (issue.standalone) issue.standalone_pattern = space.Pattern(*issue.standalone);
    if (issue.linked) issue.linked_pattern = space.Pattern(*issue.linked);
  }
  out.premium.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    out.premium[i] = out.linked_gains[i] - out.standalone_gains[i];

  // (b), and what refusing linkage costs against the better of (a) and (b).
  out.transfer_gains = out.standalone_gains;
  for (const LinkageIssueResult& issue : out.issues) {
    if (!issue.transfer) continue;
    for (std::size_t i = 0; i < n; ++i) out.transfer_gains[i] += issue.transfer->gains[i];
  }
  out.refusal_cost.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double alone = std::max(out.standalone_gains[i], out.transfer_gains[i]);
    const double cost = out.linked_gains[i] - alone;
    out.refusal_cost[i] = cost > Tolerance(alone) ? cost : 0.0;
  }
  std::size_t choices = 0;
  out.combinations = gains.empty() ? 0.0 : 1.0;
  for (const auto& issue_gains : gains) {
    out.combinations *= static_cast<double>(issue_gains.size());
    choices += issue_gains.size() > 1 ? 1 : 0;
  }
  out.trivial_search = choices < 2;

  // Who refuses: any actor the portfolio or one of its cases marks `linkage: false`.
  auto refuse = [&](const std::string& id) {
    if (std::find(out.refused_by.begin(), out.refused_by.end(), id) == out.refused_by.end()) {
      out.refused_by.push_back(id);
    }
  };
  std::vector<std::string> refusing;
  for (const auto& [id, accepts] : portfolio.linkage) {
    if (!accepts) refusing.push_back(id);
  }
  for (const LinkageIssue& issue : issues) {
    const CaseDefinition& definition = issue.compiled->definition;
    for (std::size_t a = 0; a < definition.actors.size(); ++a) {
      if (a < definition.accepts_linkage.size() && !definition.accepts_linkage[a]) {
        refusing.push_back(definition.actors[a].id);
      }
    }
  }
  for (const Actor& actor : first.actors) {
    if (std::find(refusing.begin(), refusing.end(), actor.id) != refusing.end()) refuse(actor.id);
  }
  for (const std::string& id : refusing) refuse(id);
  out.available = out.refused_by.empty();
  return out;
}

}  // namespace mend
