// SPDX-License-Identifier: Apache-2.0
#include "mend/lenses/bridge.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include <fmt/format.h>

#include "mend/efficiency/efficiency.hpp"
#include "mend/lenses/internal/parameter_switches.hpp"
#include "mend/lenses/perception.hpp"

namespace mend {
namespace {

// Gains below this are rounding, not gains.
constexpr double kTiny = 1e-9;

// How a money amount added to (or taken from) one dimension moves one actor's utility in the
// target state: w·(φ(c + m) − φ(c)), c the dimension's change from the status quo, φ the
// reference-dependent fold (λ on losses) or the identity. Piecewise linear, so every amount
// below has a closed form.
struct MoneyCurve {
  double weight = 0;
  double loss_aversion = 1;
  double change = 0;
  bool reference = false;

  double Phi(double x) const { return reference && x < 0 ? loss_aversion * x : x; }
  double GainOf(double amount) const { return weight * (Phi(change + amount) - Phi(change)); }
  double CostOf(double amount) const { return weight * (Phi(change) - Phi(change - amount)); }

  // The smallest amount received that raises utility by `need`: losses are made good first
  // (λ·w per unit), then gains (w per unit).
  double AmountToGain(double need) const {
    if (need <= 0) return 0;
    if (reference && change < 0) {
      const double steep = weight * loss_aversion;
      const double span = -change;
      if (steep * span >= need) return need / steep;
      return span + (need - steep * span) / weight;
    }
    return need / weight;
  }

  // The largest amount paid that lowers utility by at most `budget`: gains go first (w per
  // unit), then losses (λ·w per unit).
  double AmountWithin(double budget) const {
    if (budget <= 0) return 0;
    if (reference) {
      const double flat = std::max(change, 0.0);
      if (weight * flat >= budget) return budget / weight;
      return flat + (budget - weight * flat) / (weight * loss_aversion);
    }
    return budget / weight;
  }
};

// The money curve of `actor` on dimension `k` in `state`, or nullopt when the actor has no
// valuation or does not value the dimension positively.
std::optional<MoneyCurve> CurveOf(const CompiledCase& compiled, ActorIndex actor, DimensionIndex k,
                                  std::span<const double> values,
                                  std::span<const double> status_quo_values) {
  const CaseDefinition& definition = compiled.definition;
  if (definition.preference_kind[actor.value] != PreferenceKind::kValuation) return std::nullopt;
  const Valuation& valuation = *definition.valuations[actor.value];
  if (k.value >= valuation.weights.size() || valuation.weights[k.value] <= 0) return std::nullopt;
  const std::size_t slot = actor.value * definition.dimensions.size() + k.value;
  return MoneyCurve{.weight = valuation.weights[k.value],
                    .loss_aversion = valuation.loss_aversion,
                    .change = values[slot] - status_quo_values[slot],
                    .reference = valuation.reference_dependent};
}

struct TransferPlan {
  Transfer transfer;
  std::vector<double> utility_change;  // per decider position
  double payers_cost = 0;
};

// Plans the smallest transfer in dimension `k` (nullopt with `reason` when none works).
std::optional<TransferPlan> PlanTransfer(const CompiledCase& compiled,
                                         std::span<const ActorIndex> deciders,
                                         std::span<const double> gains,
                                         const std::vector<bool>& blocking, DimensionIndex k,
                                         std::span<const double> values,
                                         std::span<const double> status_quo_values,
                                         NoTransferReason& reason) {
  TransferPlan plan;
  plan.transfer.dimension = k;
  plan.utility_change.assign(deciders.size(), 0.0);
  std::vector<std::pair<std::size_t, double>> capacity;
  for (std::size_t p = 0; p < deciders.size(); ++p) {
    const std::optional<MoneyCurve> curve =
        CurveOf(compiled, deciders[p], k, values, status_quo_values);
    if (blocking[p]) {
      if (!curve) {
        reason = NoTransferReason::kBlockerValuesNoMoney;
        return std::nullopt;
      }
      const double amount = curve->AmountToGain(-gains[p]);
      plan.transfer.to.push_back({deciders[p], amount});
      plan.transfer.amount += amount;
      plan.utility_change[p] = curve->GainOf(amount);
    } else if (curve && gains[p] > kTiny) {
      capacity.emplace_back(p, curve->AmountWithin(gains[p]));
    }
  }
  if (capacity.empty()) {
    reason = NoTransferReason::kNoPayer;
    return std::nullopt;
  }
  double available = 0;
  for (const auto& entry : capacity) available += entry.second;
  if (available + kTiny < plan.transfer.amount) {
    reason = NoTransferReason::kShort;
    return std::nullopt;
  }
  // Payers contribute in proportion to what each can pay, so none falls below the default.
  for (const auto& [p, can_pay] : capacity) {
    const double amount = plan.transfer.amount * can_pay / available;
    if (amount <= 0) continue;
    const MoneyCurve curve = *CurveOf(compiled, deciders[p], k, values, status_quo_values);
    plan.transfer.from.push_back({deciders[p], amount});
    plan.utility_change[p] = -curve.CostOf(amount);
    plan.payers_cost += curve.CostOf(amount);
  }
  return plan;
}

std::vector<StabilityConcept> EquilibriumConcepts(const StabilityReport& report, StateId state) {
  std::vector<StabilityConcept> out;
  for (StabilityConcept c : report.concepts()) {
    if (report.IsEquilibrium(c, state)) out.push_back(c);
  }
  return out;
}

// Σ_k w·max(c_k, 0) and Σ_k w·min(c_k, 0) of `actor`'s dimension changes from the status quo.
std::pair<double, double> GainsAndLosses(const CompiledCase& compiled, ActorIndex actor,
                                         std::span<const double> values,
                                         std::span<const double> status_quo_values) {
  const CaseDefinition& definition = compiled.definition;
  const Valuation& valuation = *definition.valuations[actor.value];
  double gains = 0;
  double losses = 0;
  for (std::size_t k = 0; k < valuation.weights.size(); ++k) {
    const std::size_t slot = actor.value * definition.dimensions.size() + k;
    const double change = values[slot] - status_quo_values[slot];
    (change >= 0 ? gains : losses) += valuation.weights[k] * change;
  }
  return {gains, losses};
}

// λ and ρ at which blocker `actor`'s shortfall closes: u_i(t) − u_i(d) = ΔG + λ·ΔL − ρ·Δsd
// is linear in each, so its root is the switch (kept when λ ≥ 1, ρ ≥ 0).
std::vector<BridgeSwitch> AttitudeSwitches(const CompiledCase& compiled, ActorIndex actor,
                                           StateId t, StateId d, const UtilitySpread& spread,
                                           std::span<const double> at_target,
                                           std::span<const double> at_default,
                                           std::span<const double> at_status_quo) {
  std::vector<BridgeSwitch> out;
  const CaseDefinition& definition = compiled.definition;
  if (definition.preference_kind[actor.value] != PreferenceKind::kValuation) return out;
  const Valuation& valuation = *definition.valuations[actor.value];
  if (!valuation.reference_dependent) return out;
  const auto [gain_t, loss_t] = GainsAndLosses(compiled, actor, at_target, at_status_quo);
  const auto [gain_d, loss_d] = GainsAndLosses(compiled, actor, at_default, at_status_quo);
  auto sd = [&](StateId s) {
    return spread.samples > 0 && actor.value < spread.sd.size() ? spread.sd[actor.value][s.value]
                                                                : 0.0;
  };
  const double delta_gain = gain_t - gain_d;
  const double delta_loss = loss_t - loss_d;
  const double delta_sd = sd(t) - sd(d);
  const double lambda = valuation.loss_aversion;
  const double rho = valuation.uncertainty_aversion;
  if (std::abs(delta_loss) > kTiny) {
    const double value = (rho * delta_sd - delta_gain) / delta_loss;
    if (std::isfinite(value) && value >= 1 && std::abs(value - lambda) > kTiny) {
      out.push_back({SwitchKind::kLossAversion, actor, lambda, value, false});
    }
  }
  if (std::abs(delta_sd) > kTiny) {
    const double value = (delta_gain + lambda * delta_loss) / delta_sd;
    if (std::isfinite(value) && value >= 0 && std::abs(value - rho) > kTiny) {
      out.push_back({SwitchKind::kUncertaintyAversion, actor, rho, value, false});
    }
  }
  return out;
}

}  // namespace

const char* NoTransferReasonText(NoTransferReason reason) {
  switch (reason) {
    case NoTransferReason::kNone:
      return "";
    case NoTransferReason::kNoBlocker:
      return "nobody blocks: every decider is at least as well off as in the default";
    case NoTransferReason::kOrdinal:
      return "some decider ranks the states without figures";
    case NoTransferReason::kNoMoney:
      return "no dimension of the case is in money";
    case NoTransferReason::kBlockerValuesNoMoney:
      return "some blocker values no monetary dimension";
    case NoTransferReason::kNoPayer:
      return "no decider that gains values a monetary dimension every blocker values";
    case NoTransferReason::kShort:
      return "what the gainers can pay without falling below the default does not cover the "
             "shortfalls";
  }
  return "";
}

bool IsMonetary(const Dimension& dimension) {
  if (std::find(dimension.tags.begin(), dimension.tags.end(), "money") != dimension.tags.end()) {
    return true;
  }
  const std::string& unit = dimension.unit;
  if (unit.ends_with("equivalent")) return false;
  static constexpr std::array<std::string_view, 12> kCurrencies = {
      "USD", "EUR", "RUB", "GBP", "CNY", "JPY", "CHF", "$", "€", "₽", "£", "¥"};
  for (std::string_view currency : kCurrencies) {
    if (unit.starts_with(currency)) {
      // "USD bn", "$m", "€": a currency code must end the word.
      const std::size_t next = currency.size();
      if (currency.size() < 3 || next == unit.size() || unit[next] == ' ') return true;
    }
  }
  return false;
}

TransferOutcome SmallestTransfer(const CompiledCase& compiled, std::span<const ActorIndex> deciders,
                                 StateId t, StateId d) {
  const UtilityTable& table = compiled.utilities;
  const CaseDefinition& definition = compiled.definition;
  TransferOutcome out;
  out.gains.resize(deciders.size());
  out.utility_change.assign(deciders.size(), 0.0);
  std::vector<bool> blocking(deciders.size(), false);
  bool cardinal = true;
  bool blocked = false;
  for (std::size_t p = 0; p < deciders.size(); ++p) {
    out.gains[p] = table.at(deciders[p], t) - table.at(deciders[p], d);
    blocking[p] = table.Prefers(deciders[p], d, t);
    blocked = blocked || blocking[p];
    cardinal = cardinal && table.cardinal[deciders[p].value];
  }
  if (!blocked) {
    out.no_transfer = NoTransferReason::kNoBlocker;
    return out;
  }
  if (!cardinal) {
    out.no_transfer = NoTransferReason::kOrdinal;
    return out;
  }
  const std::vector<double> at_target = CentralDimensionValues(compiled, t);
  const std::vector<double> at_status_quo =
      compiled.effects.DimensionValues(compiled.central_terms, definition.status_quo);
  // The cheapest monetary dimension for the payers, in file order on ties.
  std::optional<TransferPlan> best;
  out.no_transfer = NoTransferReason::kNoMoney;
  for (std::uint32_t k = 0; k < definition.dimensions.size(); ++k) {
    if (!IsMonetary(definition.dimensions[k])) continue;
    NoTransferReason reason = NoTransferReason::kNoMoney;
    std::optional<TransferPlan> plan =
        PlanTransfer(compiled, deciders, out.gains, blocking, DimensionIndex{k}, at_target,
                     at_status_quo, reason);
    if (!plan) {
      // The reason that got furthest (the enumerators are in that order).
      if (!best) out.no_transfer = std::max(out.no_transfer, reason);
      continue;
    }
    if (!best || plan->payers_cost < best->payers_cost - kTiny) best = std::move(plan);
  }
  if (best) {
    out.no_transfer = NoTransferReason::kNone;
    out.transfer = std::move(best->transfer);
    out.utility_change = std::move(best->utility_change);
  }
  return out;
}

Result<BridgeReport> AnalyzeBridge(const CompiledCase& compiled, const StabilityReport& report,
                                   StateId d, std::span<const StateId> frontier,
                                   const BridgeOptions& options, const UtilitySpread& spread) {
  const UtilityTable& table = compiled.utilities;
  const std::span<const ActorIndex> deciders = report.deciders();
  BridgeReport out;
  out.default_state = d;
  out.concept_id = options.concept_id;
  for (ActorIndex actor : deciders) out.cardinal = out.cardinal && table.cardinal[actor.value];
  if (options.target && *options.target == d) {
    return Error::InvalidArgument(
        fmt::format("target: {} is the default; name another state", compiled.space.Pattern(d)));
  }

  auto total_of = [&](StateId s) {
    double total = 0;
    for (ActorIndex actor : deciders) total += table.at(actor, s) - table.at(actor, d);
    return total;
  };
  auto blockers_of = [&](StateId s) {
    std::size_t count = 0;
    for (ActorIndex actor : deciders) count += table.Prefers(actor, d, s) ? 1 : 0;
    return count;
  };

  std::vector<StateId> candidates;
  if (options.target) {
    candidates.push_back(*options.target);
  } else if (out.cardinal) {
    std::vector<std::pair<double, StateId>> ranked;
    for (std::uint32_t s = 0; s < compiled.space.size(); ++s) {
      const StateId state{s};
      if (state == d) continue;
      const double total = total_of(state);
      if (total > kTiny) ranked.emplace_back(total, state);
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& entry : ranked) candidates.push_back(entry.second);
  } else {
    for (StateId s : frontier) {
      if (s != d) candidates.push_back(s);
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&](StateId a, StateId b) { return blockers_of(a) < blockers_of(b); });
  }
  out.alternative = options.alternative;
  for (const Dimension& dimension : compiled.definition.dimensions) {
    out.status_dimensions = out.status_dimensions || dimension.is_status();
  }
  if (out.status_dimensions && out.cardinal) {
    MEND_TRY(out.status_neutral_alternative,
             StatusNeutralAlternative(compiled, d, options, spread));
  }
  out.candidate_count = candidates.size();
  if (candidates.size() > options.limit) candidates.resize(options.limit);

  const std::vector<double> at_default = CentralDimensionValues(compiled, d);
  const std::vector<double> at_status_quo = CentralStatusQuoValues(compiled);
  const CaseDefinition& definition = compiled.definition;

  // Each holder's perceived game (at the analysed utilities, with its overrides applied).
  std::vector<std::pair<ActorIndex, UtilityTable>> perceived;
  for (const Perception& perception : definition.perceptions) {
    const bool known = std::any_of(perceived.begin(), perceived.end(), [&](const auto& entry) {
      return entry.first == perception.holder;
    });
    if (!known)
      perceived.emplace_back(perception.holder, PerceivedGame(compiled, perception.holder));
  }

  for (StateId t : candidates) {
    BridgeTarget target;
    target.state = t;
    target.total_gain = total_of(t);
    target.stable_now = EquilibriumConcepts(report, t);
    const std::vector<double> at_target = CentralDimensionValues(compiled, t);

    for (ActorIndex actor : deciders) {
      if (table.Prefers(actor, d, t)) {
        target.blockers.push_back(
            {actor, table.at(actor, d) - table.at(actor, t), std::nullopt, 0});
      }
    }

    TransferOutcome transfer = SmallestTransfer(compiled, deciders, t, d);
    target.no_transfer = transfer.no_transfer;
    if (transfer.transfer) {
      // Stability with the transfer made: the target's utilities change, nothing else.
      UtilityTable with_transfer = table;
      for (std::size_t p = 0; p < deciders.size(); ++p) {
        with_transfer.utility[deciders[p].value][t.value] += transfer.utility_change[p];
      }
      StabilityOptions stability;
      stability.concepts.assign(report.concepts().begin(), report.concepts().end());
      stability.sanctions = options.sanctions;
      stability.threads = options.threads;
      MEND_TRY(StabilityReport after,
               AnalyzeStability(compiled.space, with_transfer, deciders, stability));
      target.stable_with_transfer = EquilibriumConcepts(after, t);
      target.transfer = std::move(transfer.transfer);
    }

    // Each blocker's shortfall in money: in the transfer's dimension, else the first monetary
    // dimension it values.
    for (BridgeBlocker& blocker : target.blockers) {
      if (target.transfer) {
        blocker.money_dimension = target.transfer->dimension;
        for (const TransferLeg& leg : target.transfer->to) {
          if (leg.actor == blocker.actor) blocker.money_shortfall = leg.amount;
        }
        continue;
      }
      for (std::uint32_t k = 0; k < definition.dimensions.size(); ++k) {
        if (!IsMonetary(definition.dimensions[k])) continue;
        const std::optional<MoneyCurve> curve =
            CurveOf(compiled, blocker.actor, DimensionIndex{k}, at_target, at_status_quo);
        if (!curve) continue;
        blocker.money_dimension = DimensionIndex{k};
        blocker.money_shortfall = curve->AmountToGain(blocker.shortfall);
        break;
      }
    }

    if (out.cardinal) {
      for (const BridgeBlocker& blocker : target.blockers) {
        for (BridgeSwitch s : AttitudeSwitches(compiled, blocker.actor, t, d, spread, at_target,
                                               at_default, at_status_quo)) {
          s.sufficient = target.blockers.size() == 1;
          target.switches.push_back(s);
        }
      }
    }
    if (out.cardinal && !target.blockers.empty() &&
        compiled.space.size() <= options.max_switch_states) {
      MEND_TRY(target.parameter_switches,
               internal::FindParameterSwitches(compiled, deciders, t, d, spread));
    }
    // Perceptions that misread a blocker: the holder's game against the truth, per subject.
    for (const auto& [holder, game] : perceived) {
      for (const Perception& perception : definition.perceptions) {
        if (perception.holder != holder) continue;
        if (std::find(deciders.begin(), deciders.end(), perception.about) == deciders.end()) {
          continue;
        }
        const bool seen = game.Prefers(perception.about, d, t);
        const bool truth = table.Prefers(perception.about, d, t);
        if (seen != truth) target.perceptions.push_back({holder, perception.about, seen, truth});
      }
    }
    if (compiled.space.size() <= options.max_inverse_states) {
      target.inverse = AnalyzeInverse(compiled, deciders, t, options.concept_id);
    } else {
      target.inverse.concept_id = options.concept_id;
    }
    out.targets.push_back(std::move(target));
  }
  return out;
}

}  // namespace mend
