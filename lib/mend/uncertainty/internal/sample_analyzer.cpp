// SPDX-License-Identifier: Apache-2.0
#include "mend/uncertainty/internal/sample_analyzer.hpp"

#include <algorithm>
#include <limits>

#include "mend/stability/status_quo_analysis.hpp"

namespace mend::internal {

SampleAnalyzer::SampleAnalyzer(const CompiledCase& compiled, StabilityConcept concept_id,
                               SanctionRule sanctions, bool force_general)
    : compiled_(&compiled),
      concept_id_(concept_id),
      sanctions_(sanctions),
      deciders_(compiled.definition.Deciders()) {
  const StateSpace& space = compiled.space;
  const std::size_t states = space.size();
  status_quo_ = space.Find(compiled.definition.status_quo).value_or(StateId{0});
  if (compiled.definition.explicit_default) {
    explicit_default_ = space.Find(*compiled.definition.explicit_default);
  }
  outcome_.equilibrium.assign(states, 0);
  outcome_.improves.assign(states, 0);
  specialised_ = !force_general && !deciders_.empty() &&
                 CountMoveEntries(space, deciders_, kMaxSampleMoveEntries) <= kMaxSampleMoveEntries;
  if (!specialised_) return;
  moves_ = std::make_shared<const MoveLists>(BuildMoveLists(space, deciders_));
  visited_.assign(states * deciders_.size(), 0);
  if (deciders_.size() == 2) {
    scratch_.assign(4 * states, 0.0);
  } else {
    small_.emplace(moves_, sanctions_);
  }
}

// Two deciders: R_{N∖i}(s1) = R_j(s1) and R⁺_{N∖i}(s1) = R_j⁺(s1) for the single opponent j
// (see the header), which is also the gmcr-plus rule's single move of a single opponent. Each
// concept asks, for an improvement s1 of i from s, whether some sanction s2 reached from s1
// satisfies u_i(s2) <= u_i(s) + ε_i (with, for SMR, every counter-move s3 of i from s2 also <= that
// bar). Those existence questions depend on s only through the bar, so per s1 they reduce to minima
// computed once per sample:
//   gmr(s1) = min over s2 in R_j(s1) of u_i(s2),
//   smr(s1) = min over s2 in R_j(s1) of max(u_i(s2), best(s2)), best(s2) = max over R_i(s2) of u_i,
//   seq(s1) = min over s2 in R_j⁺(s1) of u_i(s2),
// and s1 is sanctioned under a concept exactly when that minimum is <= the bar. This keeps a
// sample at O(states × moves) instead of O(states × moves³) for SMR.
void SampleAnalyzer::StabilityTwoDeciders(const UtilityTable& table) {
  const std::size_t states = compiled_->space.size();
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  std::fill(outcome_.equilibrium.begin(), outcome_.equilibrium.end(), kAllConceptBits);
  for (std::size_t p = 0; p < 2; ++p) {
    const std::size_t q = 1 - p;
    const double* ui = table.utility[deciders_[p].value].data();
    const double* uj = table.utility[deciders_[q].value].data();
    const double ei = table.indifference[deciders_[p].value];
    const double ej = table.indifference[deciders_[q].value];
    const std::uint32_t* own_offsets = moves_->offsets[p].data();
    const std::uint32_t* own_targets = moves_->targets[p].data();
    const std::uint32_t* other_offsets = moves_->offsets[q].data();
    const std::uint32_t* other_targets = moves_->targets[q].data();
    double* best = scratch_.data();
    double* gmr = best + states;
    double* smr = gmr + states;
    double* seq = smr + states;
    for (std::size_t s = 0; s < states; ++s) {
      double value = -kInfinity;
      for (std::uint32_t m = own_offsets[s]; m < own_offsets[s + 1]; ++m) {
        value = std::max(value, ui[own_targets[m]]);
      }
      best[s] = value;
    }
    for (std::size_t s1 = 0; s1 < states; ++s1) {
      double g = kInfinity;
      double r = kInfinity;
      double e = kInfinity;
      const double bar_j = uj[s1] + ej;
      for (std::uint32_t n = other_offsets[s1]; n < other_offsets[s1 + 1]; ++n) {
        const std::uint32_t s2 = other_targets[n];
        g = std::min(g, ui[s2]);
        r = std::min(r, std::max(ui[s2], best[s2]));
        if (uj[s2] > bar_j) e = std::min(e, ui[s2]);
      }
      gmr[s1] = g;
      smr[s1] = r;
      seq[s1] = e;
    }
    ClearUnstable(states, own_offsets, own_targets, ui, ei, {gmr, smr, seq},
                  outcome_.equilibrium.data());
  }
}

// Best-response dynamics exactly as BestResponseDynamics (status_quo_analysis.cpp), with the
// (state, turn) memory kept as stamps so that nothing is cleared or allocated per sample.
void SampleAnalyzer::DynamicsFast(const UtilityTable& table) {
  const std::size_t n = deciders_.size();
  if (++stamp_ == 0) {
    std::fill(visited_.begin(), visited_.end(), 0U);
    stamp_ = 1;
  }
  std::uint32_t current = status_quo_.value;
  std::size_t turn = 0;
  std::size_t passes = 0;
  for (;;) {
    if (passes == n) {
      outcome_.default_state = StateId{current};
      return;
    }
    std::uint32_t& seen = visited_[current * n + turn];
    if (seen == stamp_) {
      outcome_.default_state.reset();
      return;
    }
    seen = stamp_;
    const ActorIndex mover = deciders_[turn];
    const double* u = table.utility[mover.value].data();
    const double bar = u[current] + table.indifference[mover.value];
    std::int64_t best = -1;
    const std::uint32_t* offsets = moves_->offsets[turn].data();
    const std::uint32_t* targets = moves_->targets[turn].data();
    for (std::uint32_t m = offsets[current]; m < offsets[current + 1]; ++m) {
      const std::uint32_t t = targets[m];
      if (u[t] > bar && (best < 0 || u[t] > u[best])) best = t;
    }
    if (best >= 0) {
      current = static_cast<std::uint32_t>(best);
      passes = 0;
    } else {
      ++passes;
    }
    turn = (turn + 1) % n;
  }
}

// The improvements of the default and a* as AnalyzeAgainst (efficiency.cpp) defines them:
// Pareto improvement with indifference thresholds; among the improvements, equilibria under the
// chosen concept first, then the largest Nash product of the gains (negative gains count 0),
// ties to the lowest state number.
void SampleAnalyzer::Efficiency(const UtilityTable& table) {
  const std::size_t states = compiled_->space.size();
  std::fill(outcome_.improves.begin(), outcome_.improves.end(), std::uint8_t{0});
  outcome_.alternative.reset();
  if (!outcome_.default_state) return;
  const std::uint32_t d = outcome_.default_state->value;
  bool cardinal = true;
  for (ActorIndex i : deciders_) cardinal = cardinal && table.cardinal[i.value];
  const std::uint8_t bit = static_cast<std::uint8_t>(1U << static_cast<unsigned>(concept_id_));
  double best_score = 0;
  bool best_equilibrium = false;
  std::int64_t best = -1;
  for (std::uint32_t s = 0; s < states; ++s) {
    bool weakly = true;
    bool strictly = false;
    double product = 1;
    for (ActorIndex i : deciders_) {
      const double* u = table.utility[i.value].data();
      const double e = table.indifference[i.value];
      if (u[d] > u[s] + e) {
        weakly = false;
        break;
      }
      if (u[s] > u[d] + e) strictly = true;
      product *= std::max(u[s] - u[d], 0.0);
    }
    if (!weakly || !strictly) continue;
    outcome_.improves[s] = 1;
    if (!cardinal) continue;
    const bool equilibrium = (outcome_.equilibrium[s] & bit) != 0;
    if (best < 0 || (equilibrium && !best_equilibrium) ||
        (equilibrium == best_equilibrium && product > best_score)) {
      best = s;
      best_score = product;
      best_equilibrium = equilibrium;
    }
  }
  if (best >= 0) outcome_.alternative = StateId{static_cast<std::uint32_t>(best)};
}

Result<const SampleOutcome*> SampleAnalyzer::Analyze(const UtilityTable& table) {
  if (specialised_) {
    if (small_) {
      small_->Analyze(table, deciders_, outcome_.equilibrium);
    } else {
      StabilityTwoDeciders(table);
    }
    if (explicit_default_) {
      outcome_.default_state = explicit_default_;
    } else {
      DynamicsFast(table);
    }
  } else {
    StabilityOptions options;
    options.sanctions = sanctions_;
    options.threads = 1;
    MEND_TRY(StabilityReport report, AnalyzeStability(compiled_->space, table, deciders_, options));
    const std::size_t states = compiled_->space.size();
    for (std::uint32_t s = 0; s < states; ++s) {
      std::uint8_t bits = 0;
      for (StabilityConcept c : kAllStabilityConcepts) {
        if (report.IsEquilibrium(c, StateId{s}))
          bits |= static_cast<std::uint8_t>(1U << static_cast<unsigned>(c));
      }
      outcome_.equilibrium[s] = bits;
    }
    if (explicit_default_) {
      outcome_.default_state = explicit_default_;
    } else {
      MEND_TRY(BestResponsePath path,
               BestResponseDynamics(compiled_->space, table, deciders_, status_quo_));
      outcome_.default_state = path.end;
    }
  }
  Efficiency(table);
  return &outcome_;
}

}  // namespace mend::internal
