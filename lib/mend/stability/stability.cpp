// SPDX-License-Identifier: Apache-2.0
#include "mend/stability/stability.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <string>
#include <thread>

#include "mend/stability/internal/closure.hpp"
#include "mend/stability/internal/move_groups.hpp"

namespace mend {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

std::uint8_t Bit(StabilityConcept concept_id) {
  return static_cast<std::uint8_t>(1u << static_cast<unsigned>(concept_id));
}

// Why plain closures suffice for the textbook rule (analyses.md asks for the proof here).
//
// R_H(s1) is the set of states reached from s1 by a legal sequence: one or more unilateral
// moves by members of H, no decider moving twice in a row. Let P be a shortest path from s1 to
// some y != s1 in the union of the members' move graphs. Suppose P has two consecutive moves
// s -> t -> w by the same decider j. Both change only j's options, so w differs from s only in
// j's options; w is feasible; an irreversible option is not undone by either step, so it is
// not undone from s to w. If w != s, s -> w is a single move of j and P was not shortest; if
// w == s, dropping both moves leaves a path to y (non-empty, as y != s1), again shorter. So a
// shortest path is a legal sequence, and {y != s1 reachable} is the same for both readings;
// this holds for any H, including one opponent (where it says: chained moves of one decider
// are single moves). For improvements (SEQ) the same argument works because preference with a
// threshold ε_j >= 0 composes: u_j(w) > u_j(t) + ε_j > u_j(s) + 2ε_j >= u_j(s) + ε_j, so
// s -> w is an improvement of j and w != s.
//
// Whether s1 itself is in R_H(s1) never matters: every s1 examined is an improvement of the
// focal decider i from s, so u_i(s1) > u_i(s) + ε_i and s1 can never serve as the sanction
// (nor pass SMR's test, whose weight is at least u_i(s1)). Hence each concept reduces to the
// minimum of a weight over the reflexive closure from s1, which internal::MinOverClosure gives
// for every s1 at once. stability_property_test checks all this against a literal search
// over (state, last mover).

// Per focal decider: the values the sanction tests need, for every state s1.
struct FocalValues {
  std::vector<double> gmr;  // min u_i over the closure of the opponents' moves
  std::vector<double> smr;  // min over the same closure of max(u_i(s2), u_i(R_i(s2)))
  std::vector<double> seq;  // min u_i over the closure of the opponents' improvements
};

struct Context {
  const StateSpace& space;
  const UtilityTable& utilities;
  std::span<const ActorIndex> deciders;
  bool want_gmr;
  bool want_smr;
  bool want_seq;
  SanctionRule rule;
  // Per decider position: the sparse stand-in of its move graph (textbook GMR/SMR only).
  std::vector<std::optional<internal::MoveGroups>> groups;
};

std::vector<ActorIndex> Opponents(const Context& context, std::size_t focal) {
  std::vector<ActorIndex> opponents;
  for (std::size_t d = 0; d < context.deciders.size(); ++d) {
    if (d != focal) opponents.push_back(context.deciders[d]);
  }
  return opponents;
}

// max(u_i(x), u_i(t) for t in R_i(x)): the best i can secure at x by staying or moving once.
double SecureValue(const Context& context, ActorIndex focal, std::uint32_t x) {
  const std::vector<double>& u = context.utilities.utility[focal.value];
  double best = u[x];
  context.space.ForEachMove(focal, StateId{x}, [&](StateId t) { best = std::max(best, u[t.value]); });
  return best;
}

// Textbook rule over the opponents' move graph (GMR and SMR weights together).
bool TextbookMoves(const Context& context, std::size_t focal_position, FocalValues& out,
                   std::stop_token stop) {
  const ActorIndex focal = context.deciders[focal_position];
  const std::vector<double>& u = context.utilities.utility[focal.value];
  const bool want_smr = context.want_smr;
  // Only reachability matters here, so each opponent's moves can be replaced by the sparse
  // graph of MoveGroups, which reaches the same states.
  std::vector<const internal::MoveGroups*> groups;
  for (std::size_t d = 0; d < context.deciders.size(); ++d) {
    if (d != focal_position) groups.push_back(&*context.groups[d]);
  }
  auto successors = [&](std::uint32_t x, auto&& emit) {
    for (const internal::MoveGroups* g : groups) g->ForEachEdge(x, emit);
  };
  const auto count = static_cast<std::uint32_t>(context.space.size());
  std::array<std::vector<double>, 2> values;
  const bool ok = internal::MinOverClosure<2>(
      count, successors,
      [&](std::uint32_t x) {
        return std::array<double, 2>{u[x], want_smr ? SecureValue(context, focal, x) : kInfinity};
      },
      values, stop);
  out.gmr = std::move(values[0]);
  if (want_smr) out.smr = std::move(values[1]);
  return ok;
}

// Textbook rule over the opponents' improvement graph (SEQ).
bool TextbookImprovements(const Context& context, std::size_t focal_position, FocalValues& out,
                          std::stop_token stop) {
  const ActorIndex focal = context.deciders[focal_position];
  const std::vector<double>& u = context.utilities.utility[focal.value];
  // The sparse stand-in of MoveGroups reaches the same states as the improvement graph.
  std::vector<const internal::MoveGroups*> groups;
  for (std::size_t d = 0; d < context.deciders.size(); ++d) {
    if (d != focal_position) groups.push_back(&*context.groups[d]);
  }
  auto successors = [&](std::uint32_t x, auto&& emit) {
    for (const internal::MoveGroups* g : groups) g->ForEachImprovement(x, emit);
  };
  std::array<std::vector<double>, 1> values;
  const bool ok = internal::MinOverClosure<1>(
      static_cast<std::uint32_t>(context.space.size()), successors,
      [&](std::uint32_t x) { return std::array<double, 1>{u[x]}; }, values, stop);
  out.seq = std::move(values[0]);
  return ok;
}

// gmcr-plus rule: f(x, used) = min(w(x), min over opponents j not in `used` and t in R_j(x)
// of f(t, used + j)). `used` only grows, so masks are evaluated from the full set downwards.
// The reflexive value f(s1, {}) suffices for the reason given above.
bool OnceEach(const Context& context, std::size_t focal_position, bool improvements,
              FocalValues& out, std::stop_token stop) {
  const ActorIndex focal = context.deciders[focal_position];
  const std::vector<ActorIndex> opponents = Opponents(context, focal_position);
  const std::vector<double>& u = context.utilities.utility[focal.value];
  const std::size_t count = context.space.size();
  const std::size_t masks = std::size_t{1} << opponents.size();
  const std::size_t weights = improvements ? 1 : (context.want_smr ? 2 : 1);
  std::vector<double> base(count * weights);
  for (std::size_t x = 0; x < count; ++x) {
    base[x * weights] = u[x];
    if (weights == 2) base[x * weights + 1] = SecureValue(context, focal, static_cast<std::uint32_t>(x));
  }
  // table[(mask * count + x) * weights + k]
  std::vector<double> table(masks * count * weights);
  for (std::size_t mask = masks; mask-- > 0;) {
    if (stop.stop_requested()) return false;
    for (std::size_t x = 0; x < count; ++x) {
      double* cell = &table[(mask * count + x) * weights];
      for (std::size_t k = 0; k < weights; ++k) cell[k] = base[x * weights + k];
      for (std::size_t p = 0; p < opponents.size(); ++p) {
        if ((mask >> p) & 1u) continue;
        const std::size_t next = mask | (std::size_t{1} << p);
        const ActorIndex j = opponents[p];
        const std::vector<double>& uj = context.utilities.utility[j.value];
        const double bar = uj[x] + context.utilities.indifference[j.value];
        context.space.ForEachMove(j, StateId{static_cast<std::uint32_t>(x)}, [&](StateId t) {
          if (improvements && !(uj[t.value] > bar)) return;
          const double* from = &table[(next * count + t.value) * weights];
          for (std::size_t k = 0; k < weights; ++k) cell[k] = std::min(cell[k], from[k]);
        });
      }
    }
  }
  auto extract = [&](std::size_t k) {
    std::vector<double> result(count);
    for (std::size_t x = 0; x < count; ++x) result[x] = table[x * weights + k];
    return result;
  };
  if (improvements) {
    out.seq = extract(0);
  } else {
    out.gmr = extract(0);
    if (weights == 2) out.smr = extract(1);
  }
  return true;
}

// Marks states [begin, end) for the focal decider from its sanction values.
void MarkRange(const Context& context, std::size_t focal_position, const FocalValues& values,
               std::uint8_t wanted, std::span<std::uint8_t> marks, std::uint32_t begin,
               std::uint32_t end) {
  const ActorIndex focal = context.deciders[focal_position];
  const std::vector<double>& u = context.utilities.utility[focal.value];
  const double epsilon = context.utilities.indifference[focal.value];
  for (std::uint32_t s = begin; s < end; ++s) {
    const double bar = u[s] + epsilon;
    bool nash = true;
    bool gmr = true;
    bool smr = true;
    bool seq = true;
    context.space.ForEachMove(focal, StateId{s}, [&](StateId t) {
      if (!(u[t.value] > bar)) return;
      nash = false;
      if (context.want_gmr && values.gmr[t.value] > bar) gmr = false;
      if (context.want_smr && values.smr[t.value] > bar) smr = false;
      if (context.want_seq && values.seq[t.value] > bar) seq = false;
    });
    std::uint8_t mark = 0;
    if (nash) mark |= Bit(StabilityConcept::kNash);
    if (gmr) mark |= Bit(StabilityConcept::kGmr);
    if (smr) mark |= Bit(StabilityConcept::kSmr);
    if (seq) mark |= Bit(StabilityConcept::kSeq);
    marks[s] = static_cast<std::uint8_t>(mark & wanted);
  }
}

// Runs `tasks` on up to `threads` workers (the caller's thread reports progress meanwhile).
// Each task returns false when it saw the stop request.
bool RunTasks(std::vector<std::function<bool()>>& tasks, unsigned threads, std::stop_token stop,
              const ProgressCallback& progress, std::uint64_t& done_units,
              std::uint64_t total_units, std::uint64_t units_per_task) {
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> finished{0};
  std::atomic<bool> cancelled{false};
  std::mutex mutex;
  std::condition_variable wake;
  auto worker = [&] {
    for (;;) {
      const std::size_t k = next.fetch_add(1);
      if (k >= tasks.size()) return;
      if (!cancelled.load() && !tasks[k]()) cancelled.store(true);
      {
        std::lock_guard<std::mutex> lock(mutex);
        finished.fetch_add(1);
      }
      wake.notify_all();
    }
  };
  const unsigned count = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(tasks.size())));
  std::vector<std::jthread> pool;
  for (unsigned w = 1; w < count; ++w) pool.emplace_back(worker);
  if (pool.empty()) {
    worker();
  } else {
    std::unique_lock<std::mutex> lock(mutex);
    while (finished.load() < tasks.size()) {
      wake.wait_for(lock, std::chrono::milliseconds(200));
      // Called on every wake, also without news, so a caller can poll for interruption.
      if (progress) progress(done_units + finished.load() * units_per_task, total_units);
    }
  }
  pool.clear();
  done_units += tasks.size() * units_per_task;
  if (progress) progress(done_units, total_units);
  return !cancelled.load() && !stop.stop_requested();
}

}  // namespace

const char* StabilityConceptName(StabilityConcept concept_id) {
  switch (concept_id) {
    case StabilityConcept::kNash:
      return "nash";
    case StabilityConcept::kGmr:
      return "gmr";
    case StabilityConcept::kSmr:
      return "smr";
    case StabilityConcept::kSeq:
      return "seq";
  }
  return "?";
}

std::optional<StabilityConcept> ParseStabilityConcept(std::string_view name) {
  for (StabilityConcept c : kAllStabilityConcepts) {
    if (name == StabilityConceptName(c)) return c;
  }
  return std::nullopt;
}

const char* SanctionRuleName(SanctionRule rule) {
  return rule == SanctionRule::kTextbook ? "textbook" : "gmcr-plus";
}

std::optional<SanctionRule> ParseSanctionRule(std::string_view name) {
  if (name == "textbook") return SanctionRule::kTextbook;
  if (name == "gmcr-plus") return SanctionRule::kGmcrPlus;
  return std::nullopt;
}

StabilityReport::StabilityReport(std::vector<ActorIndex> deciders,
                                 std::vector<StabilityConcept> concepts, std::size_t state_count)
    : deciders_(std::move(deciders)), state_count_(state_count) {
  for (StabilityConcept c : kAllStabilityConcepts) {
    if (std::find(concepts.begin(), concepts.end(), c) != concepts.end()) concepts_.push_back(c);
  }
  marks_.assign(deciders_.size(), std::vector<std::uint8_t>(state_count, 0));
}

bool StabilityReport::Has(StabilityConcept concept_id) const {
  return std::find(concepts_.begin(), concepts_.end(), concept_id) != concepts_.end();
}

bool StabilityReport::IsStable(StabilityConcept concept_id, std::size_t decider_position,
                               StateId state) const {
  MEND_ASSERT(Has(concept_id), "stability concept was not analysed");
  MEND_ASSERT(decider_position < marks_.size(), "decider position out of range");
  MEND_ASSERT(state.value < state_count_, "state id out of range");
  return (marks_[decider_position][state.value] & Bit(concept_id)) != 0;
}

std::vector<StateId> StabilityReport::StableStates(StabilityConcept concept_id,
                                                   std::size_t decider_position) const {
  std::vector<StateId> states;
  for (std::uint32_t s = 0; s < state_count_; ++s) {
    if (IsStable(concept_id, decider_position, StateId{s})) states.push_back(StateId{s});
  }
  return states;
}

bool StabilityReport::IsEquilibrium(StabilityConcept concept_id, StateId state) const {
  for (std::size_t d = 0; d < marks_.size(); ++d) {
    if (!IsStable(concept_id, d, state)) return false;
  }
  return true;
}

std::vector<StateId> StabilityReport::Equilibria(StabilityConcept concept_id) const {
  std::vector<StateId> states;
  for (std::uint32_t s = 0; s < state_count_; ++s) {
    if (IsEquilibrium(concept_id, StateId{s})) states.push_back(StateId{s});
  }
  return states;
}

void StabilityReport::SetStable(StabilityConcept concept_id, std::size_t decider_position,
                                StateId state) {
  marks_[decider_position][state.value] |= Bit(concept_id);
}

Result<StabilityReport> AnalyzeStability(const StateSpace& space, const UtilityTable& utilities,
                                         std::span<const ActorIndex> deciders,
                                         const StabilityOptions& options, std::stop_token stop,
                                         const ProgressCallback& progress) {
  if (deciders.empty()) return Error::InvalidArgument("stability needs at least one decider");
  for (ActorIndex d : deciders) {
    if (d.value >= utilities.utility.size() || d.value >= space.layout().owned.size()) {
      return Error::InvalidArgument("decider index " + std::to_string(d.value) + " out of range");
    }
  }
  if (space.size() >= std::numeric_limits<std::uint32_t>::max()) {
    return Error::InvalidArgument("too many states for the stability engine");
  }
  StabilityReport report({deciders.begin(), deciders.end()}, options.concepts, space.size());
  Context context{space,
                  utilities,
                  deciders,
                  report.Has(StabilityConcept::kGmr),
                  report.Has(StabilityConcept::kSmr),
                  report.Has(StabilityConcept::kSeq),
                  options.sanctions,
                  {}};
  if (options.sanctions == SanctionRule::kGmcrPlus &&
      (context.want_gmr || context.want_smr || context.want_seq)) {
    const std::uint64_t cells = static_cast<std::uint64_t>(space.size())
                                << (deciders.size() - 1);
    if (deciders.size() > 20 || cells > options.max_gmcr_plus_cells) {
      return Error::InvalidArgument(
          "the gmcr-plus sanction rule is limited to " +
          std::to_string(options.max_gmcr_plus_cells) +
          " states x 2^(deciders - 1); use the textbook rule for larger conflicts");
    }
  }
  std::uint8_t wanted = 0;
  for (StabilityConcept c : report.concepts()) wanted |= Bit(c);

  const unsigned threads =
      options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  const std::size_t n = deciders.size();
  const bool moves_needed = context.want_gmr || context.want_smr;
  const std::uint64_t closures_per_focal = (moves_needed ? 1 : 0) + (context.want_seq ? 1 : 0);
  // Progress units: one per closure, one per marking chunk batch.
  const std::uint64_t total_units = n * (closures_per_focal + 1);
  std::uint64_t done_units = 0;
  const auto count = static_cast<std::uint32_t>(space.size());

  if ((moves_needed || context.want_seq) && options.sanctions == SanctionRule::kTextbook) {
    context.groups.resize(n);
    std::vector<std::function<bool()>> builds;
    for (std::size_t d = 0; d < n; ++d) {
      builds.emplace_back([&, d] {
        context.groups[d].emplace(space, deciders[d], utilities.utility[deciders[d].value],
                                  utilities.indifference[deciders[d].value]);
        return !stop.stop_requested();
      });
    }
    std::uint64_t ignored = 0;
    if (!RunTasks(builds, threads, stop, {}, ignored, 0, 0)) {
      return Error::Cancelled("stability analysis cancelled");
    }
  }

  // A batch of focal deciders at a time (as many as threads) keeps memory at O(states) per
  // worker while giving every thread a closure to compute; then the marking pass is split
  // over states.
  const std::size_t batch = std::max<std::size_t>(1, threads);
  for (std::size_t first = 0; first < n; first += batch) {
    const std::size_t last = std::min(n, first + batch);
    std::vector<FocalValues> values(last - first);
    std::vector<std::function<bool()>> tasks;
    for (std::size_t focal = first; focal < last; ++focal) {
      FocalValues& mine = values[focal - first];
      if (moves_needed) {
        tasks.emplace_back([&, focal] {
          return options.sanctions == SanctionRule::kTextbook
                     ? TextbookMoves(context, focal, mine, stop)
                     : OnceEach(context, focal, false, mine, stop);
        });
      }
      if (context.want_seq) {
        tasks.emplace_back([&, focal] {
          return options.sanctions == SanctionRule::kTextbook
                     ? TextbookImprovements(context, focal, mine, stop)
                     : OnceEach(context, focal, true, mine, stop);
        });
      }
    }
    if (!tasks.empty() &&
        !RunTasks(tasks, threads, stop, progress, done_units, total_units, 1)) {
      return Error::Cancelled("stability analysis cancelled");
    }
    std::vector<std::function<bool()>> chunks;
    const std::uint32_t chunk_count = std::max(1u, std::min(64u, count / 4096u));
    for (std::size_t focal = first; focal < last; ++focal) {
      std::span<std::uint8_t> marks = report.MarksOf(focal);
      for (std::uint32_t c = 0; c < chunk_count; ++c) {
        const auto begin = static_cast<std::uint32_t>(std::uint64_t{count} * c / chunk_count);
        const auto end = static_cast<std::uint32_t>(std::uint64_t{count} * (c + 1) / chunk_count);
        chunks.emplace_back([&, focal, marks, begin, end] {
          if (stop.stop_requested()) return false;
          MarkRange(context, focal, values[focal - first], wanted, marks, begin, end);
          return true;
        });
      }
    }
    std::uint64_t ignored = 0;
    if (!RunTasks(chunks, threads, stop, {}, ignored, 0, 0)) {
      return Error::Cancelled("stability analysis cancelled");
    }
    done_units += last - first;
    if (progress) progress(done_units, total_units);
  }
  return report;
}

Result<StabilityReport> AnalyzeStability(const CompiledCase& compiled,
                                         const StabilityOptions& options, std::stop_token stop,
                                         const ProgressCallback& progress) {
  const std::vector<ActorIndex> deciders = compiled.definition.Deciders();
  return AnalyzeStability(compiled.space, compiled.utilities, deciders, options, std::move(stop),
                          progress);
}

}  // namespace mend
