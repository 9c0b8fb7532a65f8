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
#include "mend/stability/internal/engine.hpp"
#include "mend/stability/internal/move_groups.hpp"
#include "mend/stability/internal/opponent_closure.hpp"

namespace mend {
namespace {

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
// minimum of a weight over the reflexive closure from s1, which OpponentClosure gives for every
// s1 at once (sweeps to a fixpoint, internal/sweep_closure.hpp, or internal::MinOverClosure).
// stability_property_test checks all this against a literal search over (state, last mover).

// Per focal decider: the values the sanction tests need. Each is a suffix maximum in the order
// of the focal decider's MoveGroups (see MarkRange), over a closure value per state s1:
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
  // Per decider position: its moves in linear-size form (internal/move_groups.hpp).
  std::vector<std::optional<internal::MoveGroups>> groups;
};

std::vector<ActorIndex> Opponents(const Context& context, std::size_t focal) {
  std::vector<ActorIndex> opponents;
  for (std::size_t d = 0; d < context.deciders.size(); ++d) {
    if (d != focal) opponents.push_back(context.deciders[d]);
  }
  return opponents;
}

// The opponents' MoveGroups of a focal decider.
std::vector<const internal::MoveGroups*> OpponentGroups(const Context& context,
                                                        std::size_t focal_position) {
  std::vector<const internal::MoveGroups*> groups;
  for (std::size_t d = 0; d < context.deciders.size(); ++d) {
    if (d != focal_position) groups.push_back(&*context.groups[d]);
  }
  return groups;
}

template <std::size_t K, typename Weight>
bool OpponentClosure(const Context& context, std::size_t focal_position, bool improvements,
                     Weight&& weight, std::vector<std::array<double, K>>& values,
                     std::stop_token stop) {
  return internal::MinOverOpponentClosure<K>(OpponentGroups(context, focal_position), context.space,
                                             improvements, weight, values,
                                             internal::kSweepRoundsBeforeGivingUp, std::move(stop));
}

// Textbook rule over the opponents' move graph (GMR and SMR weights together).
bool TextbookMoves(const Context& context, std::size_t focal_position, FocalValues& out,
                   std::stop_token stop) {
  const internal::MoveGroups& mine = *context.groups[focal_position];
  const std::vector<double>& u = context.utilities.utility[context.deciders[focal_position].value];
  if (!context.want_smr) {
    std::vector<std::array<double, 1>> values;
    if (!OpponentClosure<1>(
            context, focal_position, false,
            [&](std::uint32_t x) { return std::array<double, 1>{u[x]}; }, values, stop)) {
      return false;
    }
    out.gmr = mine.SuffixMaxima([&](std::uint32_t y) { return values[y][0]; });
    return true;
  }
  // SMR's weight at s2: the best the focal decider secures there by staying or moving once.
  const std::vector<double> secure = mine.SecureValues();
  std::vector<std::array<double, 2>> values;
  if (!OpponentClosure<2>(
          context, focal_position, false,
          [&](std::uint32_t x) {
            return std::array<double, 2>{u[x], secure[mine.SubgroupOf(x)]};
          },
          values, stop)) {
    return false;
  }
  out.gmr = mine.SuffixMaxima([&](std::uint32_t y) { return values[y][0]; });
  out.smr = mine.SuffixMaxima([&](std::uint32_t y) { return values[y][1]; });
  return true;
}

// Textbook rule over the opponents' improvement graph (SEQ).
bool TextbookImprovements(const Context& context, std::size_t focal_position, FocalValues& out,
                          std::stop_token stop) {
  const internal::MoveGroups& mine = *context.groups[focal_position];
  const std::vector<double>& u = context.utilities.utility[context.deciders[focal_position].value];
  std::vector<std::array<double, 1>> values;
  if (!OpponentClosure<1>(
          context, focal_position, true,
          [&](std::uint32_t x) { return std::array<double, 1>{u[x]}; }, values, stop)) {
    return false;
  }
  out.seq = mine.SuffixMaxima([&](std::uint32_t y) { return values[y][0]; });
  return true;
}

// gmcr-plus rule, as gmcr-py's solver applies it: a sanction is a single move (for SEQ a single
// improvement) of a single opponent, so f(s1) = min(w(s1), min over opponents j and t in R_j(s1)
// of w(t)). Including w(s1) itself is harmless for the reason given above (s1 is an improvement
// of the focal decider, so it never deters).
bool SingleMove(const Context& context, std::size_t focal_position, bool improvements,
                FocalValues& out, std::stop_token stop) {
  const internal::MoveGroups& mine = *context.groups[focal_position];
  const std::vector<ActorIndex> opponents = Opponents(context, focal_position);
  const std::vector<double>& u = context.utilities.utility[context.deciders[focal_position].value];
  const std::size_t count = context.space.size();
  const std::size_t weights = improvements ? 1 : (context.want_smr ? 2 : 1);
  const std::vector<double> secure = weights == 2 ? mine.SecureValues() : std::vector<double>{};
  std::vector<double> base(count * weights);
  for (std::size_t x = 0; x < count; ++x) {
    base[x * weights] = u[x];
    if (weights == 2)
      base[x * weights + 1] = secure[mine.SubgroupOf(static_cast<std::uint32_t>(x))];
  }
  std::vector<double> value = base;
  for (std::size_t x = 0; x < count; ++x) {
    if (x % 4096 == 0 && stop.stop_requested()) return false;
    double* cell = &value[x * weights];
    for (const ActorIndex j : opponents) {
      const std::vector<double>& uj = context.utilities.utility[j.value];
      const double bar = uj[x] + context.utilities.indifference[j.value];
      context.space.ForEachMove(j, StateId{static_cast<std::uint32_t>(x)}, [&](StateId t) {
        if (improvements && !(uj[t.value] > bar)) return;
        const double* from = &base[t.value * weights];
        for (std::size_t k = 0; k < weights; ++k) cell[k] = std::min(cell[k], from[k]);
      });
    }
  }
  auto suffix = [&](std::size_t k) {
    return mine.SuffixMaxima([&](std::uint32_t y) { return value[y * weights + k]; });
  };
  if (improvements) {
    out.seq = suffix(0);
  } else {
    out.gmr = suffix(0);
    if (weights == 2) out.smr = suffix(1);
  }
  return true;
}

// Marks the states of the focal decider's subgroups [first, last) from its sanction values.
// i's improvements from s are, per subgroup reachable from s's, a suffix of that subgroup in
// utility order (MoveGroups::ForEachImprovementRanges); s is stable under a concept when no
// improvement escapes, i.e. when the suffix maximum of the concept's value (the worst case
// for i over those improvements of the best sanction) stays at or below u_i(s) + ε_i.
void MarkRange(const Context& context, std::size_t focal_position, const FocalValues& values,
               std::uint8_t wanted, std::span<std::uint8_t> marks, std::uint32_t first,
               std::uint32_t last) {
  const ActorIndex focal = context.deciders[focal_position];
  const std::vector<double>& u = context.utilities.utility[focal.value];
  const double epsilon = context.utilities.indifference[focal.value];
  const bool want_gmr = context.want_gmr;
  const bool want_smr = context.want_smr;
  const bool want_seq = context.want_seq;
  context.groups[focal_position]->ForEachImprovementRanges(
      first, last, [&](std::uint32_t s, std::span<const internal::MoveGroups::Range> ranges) {
        const double bar = u[s] + epsilon;
        bool gmr = true;
        bool smr = true;
        bool seq = true;
        for (const internal::MoveGroups::Range& range : ranges) {
          if (want_gmr && values.gmr[range.begin] > bar) gmr = false;
          if (want_smr && values.smr[range.begin] > bar) smr = false;
          if (want_seq && values.seq[range.begin] > bar) seq = false;
        }
        std::uint8_t mark = 0;
        if (ranges.empty()) mark |= Bit(StabilityConcept::kNash);
        if (gmr) mark |= Bit(StabilityConcept::kGmr);
        if (smr) mark |= Bit(StabilityConcept::kSmr);
        if (seq) mark |= Bit(StabilityConcept::kSeq);
        marks[s] = static_cast<std::uint8_t>(mark & wanted);
      });
}

// The engine's work as tasks: build every decider's MoveGroups; per focal decider, one closure
// per graph (moves for GMR/SMR, improvements for SEQ), then its marking pass in chunks.
// Workers take the next runnable task, marking chunks first (they free memory), so no phase
// waits for the slowest task of another focal decider; at most `max_in_flight` focal
// deciders hold their values at once, which bounds memory at O(states) per thread.
class Scheduler {
 public:
  enum class Kind { kBuild, kMoves, kImprovements, kMark };
  struct Task {
    Kind kind;
    std::size_t focal;
    std::uint32_t first = 0;  // subgroup range of a marking chunk
    std::uint32_t last = 0;
  };

  Scheduler(Context& context, StabilityReport& report, std::uint8_t wanted, unsigned threads,
            std::stop_token stop)
      : context_(context),
        report_(report),
        wanted_(wanted),
        threads_(threads),
        stop_(std::move(stop)),
        n_(context.deciders.size()),
        values_(n_),
        closures_left_(n_, 0),
        chunks_left_(n_, 0),
        started_(n_, false) {
    const bool moves = context.want_gmr || context.want_smr;
    for (std::size_t f = 0; f < n_; ++f) {
      // The dearer closure first: it carries two weights and denser edges.
      if (moves) closures_.push_back({Kind::kMoves, f});
      if (context.want_seq) closures_.push_back({Kind::kImprovements, f});
      closures_left_[f] = (moves ? 1 : 0) + (context.want_seq ? 1 : 0);
    }
    max_in_flight_ = std::max<std::size_t>(1, threads);
    total_units_ = n_ + closures_.size() + n_;
  }

  // Runs everything on `threads_` workers; the calling thread reports progress every 200 ms
  // (also without news, so a caller can poll for interruption). Small or single-threaded runs
  // without a progress callback (e.g. one per Monte Carlo sample) stay on the calling thread.
  // False when stopped.
  bool Run(const ProgressCallback& progress) {
    const std::size_t states = context_.space.size();
    if (states < kSmallStates) threads_ = 1;
    if (threads_ == 1 && (!progress || states < kSmallStates)) {
      Work();
      if (cancelled_ || stop_.stop_requested()) return false;
      if (progress) progress(total_units_, total_units_);
      return true;
    }
    std::vector<std::jthread> pool;
    for (unsigned w = 0; w < threads_; ++w) pool.emplace_back([this] { Work(); });
    {
      std::unique_lock<std::mutex> lock(mutex_);
      while (!Finished() && !cancelled_) {
        wake_.wait_for(lock, std::chrono::milliseconds(200));
        const std::uint64_t done = done_units_;
        lock.unlock();
        if (progress) progress(done, total_units_);
        lock.lock();
        if (stop_.stop_requested()) cancelled_ = true;
      }
      wake_.notify_all();
    }
    pool.clear();
    if (cancelled_ || stop_.stop_requested()) return false;
    if (progress) progress(total_units_, total_units_);
    return true;
  }

 private:
  bool Finished() const { return focals_done_ == n_; }

  void Work() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      if (cancelled_ || Finished()) return;
      std::optional<Task> task = Pick();
      if (!task) {
        wake_.wait(lock);
        continue;
      }
      lock.unlock();
      const bool ok = !stop_.stop_requested() && Execute(*task);
      std::vector<double> freed[3];
      lock.lock();
      Complete(*task, ok, freed);
      wake_.notify_all();
      if (freed[0].capacity() + freed[1].capacity() + freed[2].capacity() > 0) {
        lock.unlock();  // release the memory outside the lock
        for (auto& f : freed) f = {};
        lock.lock();
      }
    }
  }

  std::optional<Task> Pick() {
    if (next_build_ < n_) return Task{Kind::kBuild, next_build_++};
    if (builds_left_ > 0) return std::nullopt;
    if (!ready_.empty()) {
      const Task task = ready_.back();
      ready_.pop_back();
      return task;
    }
    if (next_closure_ < closures_.size()) {
      const Task task = closures_[next_closure_];
      if (!started_[task.focal]) {
        if (in_flight_ >= max_in_flight_) return std::nullopt;
        started_[task.focal] = true;
        ++in_flight_;
      }
      ++next_closure_;
      return task;
    }
    return std::nullopt;
  }

  bool Execute(const Task& task) {
    const std::size_t f = task.focal;
    const bool textbook = context_.rule == SanctionRule::kTextbook;
    switch (task.kind) {
      case Kind::kBuild:
        context_.groups[f].emplace(context_.space, context_.deciders[f],
                                   context_.utilities.utility[context_.deciders[f].value],
                                   context_.utilities.indifference[context_.deciders[f].value]);
        return true;
      case Kind::kMoves:
        return textbook ? TextbookMoves(context_, f, values_[f], stop_)
                        : SingleMove(context_, f, false, values_[f], stop_);
      case Kind::kImprovements:
        return textbook ? TextbookImprovements(context_, f, values_[f], stop_)
                        : SingleMove(context_, f, true, values_[f], stop_);
      case Kind::kMark:
        MarkRange(context_, f, values_[f], wanted_, report_.MarksOf(f), task.first, task.last);
        return true;
    }
    return false;
  }

  void Complete(const Task& task, bool ok, std::vector<double> (&freed)[3]) {
    if (!ok) {
      cancelled_ = true;
      return;
    }
    const std::size_t f = task.focal;
    switch (task.kind) {
      case Kind::kBuild:
        ++done_units_;
        if (--builds_left_ == 0) {
          for (std::size_t g = 0; g < n_; ++g) {
            if (closures_left_[g] == 0) QueueMarking(g);
          }
        }
        return;
      case Kind::kMoves:
      case Kind::kImprovements:
        ++done_units_;
        if (--closures_left_[f] == 0) QueueMarking(f);
        return;
      case Kind::kMark:
        if (--chunks_left_[f] == 0) {
          freed[0] = std::move(values_[f].gmr);
          freed[1] = std::move(values_[f].smr);
          freed[2] = std::move(values_[f].seq);
          if (started_[f]) --in_flight_;
          ++focals_done_;
          ++done_units_;
        }
        return;
    }
  }

  void QueueMarking(std::size_t f) {
    const std::uint32_t subgroups = context_.groups[f]->subgroup_count();
    const auto count = static_cast<std::uint32_t>(context_.space.size());
    const std::uint32_t chunks = std::max(1u, std::min({64u, count / 4096u, subgroups}));
    chunks_left_[f] = chunks;
    for (std::uint32_t c = 0; c < chunks; ++c) {
      ready_.push_back({Kind::kMark, f,
                        static_cast<std::uint32_t>(std::uint64_t{subgroups} * c / chunks),
                        static_cast<std::uint32_t>(std::uint64_t{subgroups} * (c + 1) / chunks)});
    }
  }

  // Below this many states a run takes milliseconds: threads cost more than they gain.
  static constexpr std::size_t kSmallStates = std::size_t{1} << 12;

  Context& context_;
  StabilityReport& report_;
  std::uint8_t wanted_;
  unsigned threads_;
  std::stop_token stop_;
  std::size_t n_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<FocalValues> values_;
  std::vector<Task> closures_;
  std::vector<Task> ready_;
  std::vector<int> closures_left_;
  std::vector<std::uint32_t> chunks_left_;
  std::vector<bool> started_;
  std::size_t next_build_ = 0;
  std::size_t builds_left_ = n_;
  std::size_t next_closure_ = 0;
  std::size_t in_flight_ = 0;
  std::size_t max_in_flight_ = 1;
  std::size_t focals_done_ = 0;
  std::uint64_t done_units_ = 0;
  std::uint64_t total_units_ = 0;
  bool cancelled_ = false;
};

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

namespace internal {

Result<EngineResult> RunStabilityEngine(const StateSpace& space, const UtilityTable& utilities,
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
  std::uint8_t wanted = 0;
  for (StabilityConcept c : report.concepts()) wanted |= Bit(c);

  const unsigned threads =
      options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  context.groups.resize(deciders.size());
  Scheduler scheduler(context, report, wanted, threads, stop);
  if (!scheduler.Run(progress)) return Error::Cancelled("stability analysis cancelled");
  return EngineResult{std::move(report), std::move(context.groups)};
}

}  // namespace internal

Result<StabilityReport> AnalyzeStability(const StateSpace& space, const UtilityTable& utilities,
                                         std::span<const ActorIndex> deciders,
                                         const StabilityOptions& options, std::stop_token stop,
                                         const ProgressCallback& progress) {
  MEND_TRY(
      internal::EngineResult result,
      internal::RunStabilityEngine(space, utilities, deciders, options, std::move(stop), progress));
  return std::move(result.report);
}

Result<StabilityReport> AnalyzeStability(const CompiledCase& compiled,
                                         const StabilityOptions& options, std::stop_token stop,
                                         const ProgressCallback& progress) {
  const std::vector<ActorIndex> deciders = compiled.definition.Deciders();
  return AnalyzeStability(compiled.space, compiled.utilities, deciders, options, std::move(stop),
                          progress);
}

}  // namespace mend
