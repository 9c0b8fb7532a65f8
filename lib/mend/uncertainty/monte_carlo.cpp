// SPDX-License-Identifier: Apache-2.0
#include "mend/uncertainty/monte_carlo.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <memory>
#include <mutex>
#include <new>
#include <span>
#include <thread>

#include <fmt/format.h>
#include <sys/mman.h>

#include "mend/efficiency/efficiency.hpp"
#include "mend/stability/status_quo_analysis.hpp"
#include "mend/uncertainty/internal/sample_analyzer.hpp"

namespace mend {
namespace {

constexpr std::uint64_t kNoFailure = std::numeric_limits<std::uint64_t>::max();
// Per state, in this order: equilibrium under each concept (4), default, improves, alternative.
constexpr std::size_t kCountsPerState = 7;
// After the states' counts: the samples whose dynamics cycle, then per half of the samples (first
// half, second half) those whose default is the central default, whose alternative is the
// central a*, and that have no alternative.
constexpr std::size_t kCycleCount = 0;
constexpr std::size_t kCentralDefaultCounts = 1;
constexpr std::size_t kCentralAlternativeCounts = 3;
constexpr std::size_t kNoAlternativeCounts = 5;
constexpr std::size_t kTrailingCounts = 7;

// The chunks [begin, end) of this process: a contiguous block, so that concatenating the
// processes' results in rank order gives them in sample order.
struct Block {
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
};

Block BlockOf(std::uint64_t chunks, int rank, int processes) {
  // chunks < 2^42 (samples below 2^53) and ranks < 2^20, so the products fit in 64 bits.
  const auto r = static_cast<std::uint64_t>(rank);
  const auto size = static_cast<std::uint64_t>(processes);
  return {chunks * r / size, chunks * (r + 1) / size};
}

int Processes(const Collective* collective) {
  return collective == nullptr ? 1 : std::max(1, collective->size());
}

Block LocalBlock(std::uint64_t chunks, const Collective* collective) {
  if (Processes(collective) == 1) return {0, chunks};
  return BlockOf(chunks, collective->rank(), collective->size());
}

std::vector<double> Gather(const Collective* collective, std::vector<double> local) {
  if (collective == nullptr || collective->size() <= 1) return local;
  return collective->AllGather(local);
}

bool AnyUncertaintyAversion(const CaseDefinition& definition) {
  for (std::size_t a = 0; a < definition.actors.size(); ++a) {
    if (definition.preference_kind[a] == PreferenceKind::kValuation &&
        definition.valuations[a]->uncertainty_aversion > 0) {
      return true;
    }
  }
  return false;
}

unsigned ThreadCount(unsigned requested, std::uint64_t chunks) {
  unsigned threads = requested == 0 ? std::max(1U, std::thread::hardware_concurrency()) : requested;
  return static_cast<unsigned>(
      std::min<std::uint64_t>(threads, std::max<std::uint64_t>(chunks, 1)));
}

// Runs `work(worker, chunk)` over the chunks of `block` on `threads` threads; chunks are handed
// out in ascending order and a chunk is skipped once a failure at a lower sample is known, so
// every chunk below the lowest failing sample is always processed. `work` returns the failing
// sample or kNoFailure. Returns the lowest failing sample of this process, or kNoFailure.
template <typename Work>
std::uint64_t ForEachChunk(Block block, unsigned threads, std::uint64_t samples,
                           std::stop_token stop, std::atomic<bool>& cancelled,
                           const std::function<void(std::uint64_t, std::uint64_t)>& progress,
                           Work&& work) {
  std::atomic<std::uint64_t> next{block.begin};
  std::atomic<std::uint64_t> failure{kNoFailure};
  std::atomic<std::uint64_t> done{0};
  const std::uint64_t total = std::min(samples, block.end * kMonteCarloChunk) -
                              std::min(samples, block.begin * kMonteCarloChunk);
  auto run = [&](unsigned worker) {
    for (;;) {
      const std::uint64_t chunk = next.fetch_add(1);
      if (chunk >= block.end) return;
      if (chunk * kMonteCarloChunk >= failure.load()) return;
      if (stop.stop_requested()) {
        cancelled = true;
        return;
      }
      const std::uint64_t failed = work(worker, chunk);
      if (failed != kNoFailure) {
        std::uint64_t seen = failure.load();
        while (failed < seen && !failure.compare_exchange_weak(seen, failed)) {
        }
      }
      const std::uint64_t count =
          std::min(samples, (chunk + 1) * kMonteCarloChunk) - chunk * kMonteCarloChunk;
      done += count;
      if (worker == 0 && progress) progress(done.load(), total);
    }
  };
  {
    std::vector<std::jthread> pool;
    for (unsigned w = 1; w < threads; ++w) pool.emplace_back(run, w);
    run(0);
  }
  if (progress) progress(total, total);
  return failure.load();
}

// Reproduces the error of sample k (found failing by some process) for the message.
Error SampleError(const CompiledCase& compiled, const ParameterSampler& sampler,
                  const UtilitySpread* spread, const MonteCarloOptions& options, std::uint64_t k) {
  SampleDraws draws(sampler);
  Result<std::span<const double>> values = draws.Values(k);
  if (!values) return values.error();
  SampleUtilityEvaluator evaluator(compiled, spread);
  Result<const UtilityTable*> table = evaluator.Evaluate(*values, k);
  if (!table) return table.error();
  internal::SampleAnalyzer analyzer(compiled, options.concept_id, options.sanctions);
  Result<const internal::SampleOutcome*> outcome = analyzer.Analyze(**table);
  if (!outcome) return outcome.error();
  return Error::Internal(fmt::format("sample {} failed on another process", k));
}

// The order statistics k and k + 1 (the pair a quantile interpolates between; k + 1 is k at
// the top) of the values.
struct OrderPair {
  double low = 0;
  double high = 0;
};

// Fills out[i] with the pair of order statistics ranks[i] (ascending, distinct) of `values`,
// within [lo, hi): the rank nearest the middle is selected first (std::nth_element partitions
// around it, a linear scan finds the next one up), then the ranks below and above among their
// own parts, so nearby quantiles share the work. values[hi], when hi < size, is already order
// statistic hi (the caller's pivot). Order statistics are unique values, so the result does not
// depend on how `values` came ordered.
void SelectOrderPairs(std::span<double> values, std::size_t lo, std::size_t hi,
                      std::span<const std::size_t> ranks, std::span<OrderPair> out) {
  if (ranks.empty()) return;
  const std::size_t middle = lo + (hi - lo) / 2;
  auto distance = [&](std::size_t r) { return r > middle ? r - middle : middle - r; };
  std::size_t pick = 0;
  for (std::size_t i = 1; i < ranks.size(); ++i) {
    if (distance(ranks[i]) < distance(ranks[pick])) pick = i;
  }
  const std::size_t k = ranks[pick];
  auto at = [&](std::size_t i) { return values.begin() + static_cast<std::ptrdiff_t>(i); };
  std::nth_element(at(lo), at(k), at(hi));
  out[pick].low = values[k];
  if (k + 1 < hi) {
    out[pick].high = *std::min_element(at(k + 1), at(hi));
  } else {
    out[pick].high = k + 1 < values.size() ? values[k + 1] : values[k];
  }
  SelectOrderPairs(values, lo, k, ranks.first(pick), out.first(pick));
  SelectOrderPairs(values, k + 1, hi, ranks.subspan(pick + 1), out.subspan(pick + 1));
}

// The quantiles a ledger reports. Positions and interpolation are SortedQuantile's.
constexpr std::array<double, 5> kLedgerLevels = {0.01, 0.05, 0.5, 0.95, 0.99};

struct LedgerQuantiles {
  std::array<double, kLedgerLevels.size()> position{};
  std::array<std::size_t, kLedgerLevels.size()> rank{};
  std::array<OrderPair, kLedgerLevels.size()> pair{};

  double Interpolated(std::size_t level) const {
    const OrderPair& p = pair[level];
    return p.low + (position[level] - static_cast<double>(rank[level])) * (p.high - p.low);
  }
};

// Selects the order statistics of the levels [first, kLedgerLevels.size() - first) (all five
// with a histogram, p5, the median and p95 without), in one recursive selection. Reorders
// `values`.
LedgerQuantiles SelectLedgerQuantiles(std::span<double> values, bool with_percentiles_1_99) {
  const std::size_t n = values.size();
  LedgerQuantiles out;
  const std::size_t first = with_percentiles_1_99 ? 0 : 1;
  const std::size_t last = kLedgerLevels.size() - first;
  std::array<std::size_t, kLedgerLevels.size()> distinct{};
  std::size_t count = 0;
  for (std::size_t i = first; i < last; ++i) {
    out.position[i] = kLedgerLevels[i] * static_cast<double>(n - 1);
    out.rank[i] = static_cast<std::size_t>(std::floor(out.position[i]));
    // Ranks ascend with the levels; a tiny sample may give two levels the same rank.
    if (count == 0 || distinct[count - 1] != out.rank[i]) distinct[count++] = out.rank[i];
  }
  std::array<OrderPair, kLedgerLevels.size()> pairs{};
  SelectOrderPairs(values, 0, n, std::span(distinct).first(count), std::span(pairs).first(count));
  for (std::size_t i = first; i < last; ++i) {
    const auto* found = std::lower_bound(distinct.data(), distinct.data() + count, out.rank[i]);
    out.pair[i] = pairs[static_cast<std::size_t>(found - distinct.data())];
  }
  return out;
}

// Counts the samples in kLedgerHistogramBins equal bins over [p1, p99]; the tails are counted
// apart so that one extreme sample does not squeeze the rest into a single bin. The counts do
// not depend on the order of `values`.
LedgerHistogram Histogram(std::span<const double> values, const LedgerQuantiles& quantiles) {
  LedgerHistogram histogram;
  histogram.counts.assign(kLedgerHistogramBins, 0);
  // At the top order statistic the quantile is that value itself (no interpolation).
  auto quantile = [&](std::size_t level) {
    return quantiles.rank[level] + 1 >= values.size() ? quantiles.pair[level].low
                                                      : quantiles.Interpolated(level);
  };
  histogram.low = quantile(0);
  histogram.high = quantile(kLedgerLevels.size() - 1);
  const double width = (histogram.high - histogram.low) / static_cast<double>(kLedgerHistogramBins);
  for (double value : values) {
    if (value < histogram.low) {
      ++histogram.below;
    } else if (value > histogram.high) {
      ++histogram.above;
    } else if (width <= 0) {
      ++histogram.counts.front();
    } else {
      const auto bin = static_cast<std::size_t>((value - histogram.low) / width);
      ++histogram.counts[std::min(bin, kLedgerHistogramBins - 1)];
    }
  }
  return histogram;
}

// The share of samples that satisfied a test, `first` of the first half of the samples (in
// sample order) and `second` of the rest, with its standard error.
SampledProbability Share(std::uint64_t first, std::uint64_t second, std::uint64_t samples) {
  const std::uint64_t half = samples / 2;
  SampledProbability share;
  const double n = static_cast<double>(samples);
  share.p = static_cast<double>(first + second) / n;
  share.standard_error = std::sqrt(share.p * (1 - share.p) / n);
  share.first_half = half == 0 ? share.p : static_cast<double>(first) / static_cast<double>(half);
  share.second_half = static_cast<double>(second) / static_cast<double>(samples - half);
  return share;
}

// Runs `task(t)` for t in [0, tasks) on up to `threads` threads, tasks handed out in order.
template <typename Task>
void ForEachTask(std::size_t tasks, unsigned threads, Task&& task) {
  std::atomic<std::size_t> next{0};
  auto run = [&] {
    for (std::size_t t = next.fetch_add(1); t < tasks; t = next.fetch_add(1)) task(t);
  };
  std::vector<std::jthread> pool;
  for (unsigned w = 1; w < threads; ++w) pool.emplace_back(run);
  run();
}

// An uninitialised buffer of doubles for the per-sample columns. Large ones are aligned to and
// advised as huge pages: the workers first touch tens of megabytes, and 4 KiB pages cost one
// page fault each.
class ColumnBuffer {
 public:
  explicit ColumnBuffer(std::size_t count) {
    constexpr std::size_t kHugePage = std::size_t{2} << 20;
    const std::size_t bytes = std::max<std::size_t>(count, 1) * sizeof(double);
    if (bytes >= kHugePage) {
      const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
      data_.reset(static_cast<double*>(std::aligned_alloc(kHugePage, rounded)));
#ifdef MADV_HUGEPAGE
      // Advice only: where huge pages are off, the buffer is an ordinary one.
      if (data_) madvise(data_.get(), rounded, MADV_HUGEPAGE);
#endif
    } else {
      data_.reset(static_cast<double*>(std::malloc(bytes)));
    }
    if (!data_) throw std::bad_alloc();
  }
  double* get() const { return data_.get(); }

 private:
  struct Free {
    void operator()(double* p) const { std::free(p); }
  };
  std::unique_ptr<double[], Free> data_;
};

}  // namespace

LedgerDistribution SummarizeGains(std::span<double> values, ActorIndex actor, bool cardinal,
                                  double epsilon, bool histogram) {
  MEND_ASSERT(!values.empty(), "a ledger of no samples");
  LedgerDistribution entry;
  entry.actor = actor;
  entry.cardinal = cardinal;
  const std::size_t samples = values.size();
  const std::size_t half = samples / 2;
  // Sums in sample order, before any selection reorders the values.
  double sum = 0;
  double first_sum = 0;
  std::uint64_t losses = 0;
  for (std::size_t k = 0; k < samples; ++k) {
    sum += values[k];
    if (k + 1 == half) first_sum = sum;
    if (-values[k] > epsilon) ++losses;
  }
  const double n = static_cast<double>(samples);
  entry.mean = sum / n;
  double squares = 0;
  for (double value : values) squares += (value - entry.mean) * (value - entry.mean);
  entry.sd = samples > 1 ? std::sqrt(squares / (n - 1)) : 0.0;
  entry.mean_standard_error = entry.sd / std::sqrt(n);
  entry.first_half_mean = half == 0 ? entry.mean : first_sum / static_cast<double>(half);
  entry.second_half_mean = (sum - first_sum) / static_cast<double>(samples - half);
  entry.p_loss = static_cast<double>(losses) / n;
  const LedgerQuantiles quantiles = SelectLedgerQuantiles(values, histogram);
  entry.p5 = quantiles.Interpolated(1);
  entry.median = quantiles.Interpolated(2);
  entry.p95 = quantiles.Interpolated(3);
  if (histogram) entry.histogram = Histogram(values, quantiles);
  return entry;
}

std::optional<SampledDefault> MostFrequentDefault(const MonteCarloResult& result) {
  std::optional<SampledDefault> best;
  for (const StateProbabilities& state : result.states) {
    if (state.p_default > 0 && (!best || state.p_default > best->p)) {
      best = SampledDefault{state.state, state.p_default};
    }
  }
  return best;
}

double SortedQuantile(std::span<const double> sorted, double q) {
  MEND_ASSERT(!sorted.empty(), "quantile of no values");
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto lower = static_cast<std::size_t>(std::floor(position));
  const std::size_t upper = std::min(lower + 1, sorted.size() - 1);
  const double fraction = position - static_cast<double>(lower);
  return sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
}

// Welford within each chunk, chunks merged in chunk order. The spread's cells accumulate the
// change U_i(s) − U_i(s0), so the status quo's own spread is exactly 0; then one cell per state
// and actor for each expectation dimension accumulates its value.
Result<CentralMoments> ComputeCentralMoments(
    const CompiledCase& compiled, const ParameterSampler& sampler, unsigned requested_threads,
    const Collective* collective, std::stop_token stop,
    const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  const std::uint64_t samples = sampler.options().samples;
  const CaseDefinition& definition = compiled.definition;
  const std::optional<StateId> status_quo = compiled.space.Find(definition.status_quo);
  if (!status_quo) return Error::InvalidArgument("the status quo is not a feasible state");
  const std::size_t s0 = status_quo->value;
  const std::size_t actors = definition.actors.size();
  const std::size_t dimensions = definition.dimensions.size();
  const std::size_t states = compiled.space.size();
  // The slots a * dimensions + d of the expectation dimensions, in slot order.
  std::vector<std::size_t> expected_slots;
  for (std::size_t slot = 0; slot < actors * dimensions; ++slot) {
    if (definition.dimensions[slot % dimensions].expectation) expected_slots.push_back(slot);
  }
  const std::size_t spread_cells = actors * states;
  // With status weighed, the same pass also follows the linear utility without status in the
  // next spread_cells values (for sd_without_status); the expectation cells come last.
  const bool without_status = WeighsStatus(definition);
  const std::size_t neutral_cells = without_status ? spread_cells : 0;
  const std::size_t expected_first = spread_cells + neutral_cells;
  const std::size_t cells = expected_first + states * expected_slots.size();
  const std::uint64_t chunks = (samples + kMonteCarloChunk - 1) / kMonteCarloChunk;
  const Block block = LocalBlock(chunks, collective);
  const unsigned threads = ThreadCount(requested_threads, block.end - block.begin);
  // Serialised per local chunk: count, then means, then m2.
  const std::size_t stride = 1 + 2 * cells;
  std::vector<double> local((block.end - block.begin) * stride + 1, 0.0);
  // Built by each worker on its first chunk, in its own allocator arena (see RunMonteCarlo).
  std::vector<std::unique_ptr<SampleDraws>> draws(threads);
  std::vector<std::unique_ptr<SampleUtilityEvaluator>> evaluators(threads);
  const std::size_t width = actors * dimensions;
  std::atomic<bool> cancelled{false};
  const std::uint64_t failed = ForEachChunk(
      block, threads, samples, stop, cancelled, progress,
      [&](unsigned worker, std::uint64_t chunk) -> std::uint64_t {
        if (!draws[worker]) {
          draws[worker] = std::make_unique<SampleDraws>(sampler);
          evaluators[worker] = std::make_unique<SampleUtilityEvaluator>(compiled, nullptr);
          if (!expected_slots.empty()) evaluators[worker]->KeepDimensionValues();
        }
        double* out = local.data() + (chunk - block.begin) * stride;
        double* mean = out + 1;
        double* m2 = out + 1 + cells;
        std::uint64_t count = 0;
        const std::uint64_t last = std::min(samples, (chunk + 1) * kMonteCarloChunk);
        auto add = [&](std::size_t i, double value, double n) {
          const double delta = value - mean[i];
          mean[i] += delta / n;
          m2[i] += delta * (value - mean[i]);
        };
        for (std::uint64_t k = chunk * kMonteCarloChunk; k < last; ++k) {
          Result<std::span<const double>> values = draws[worker]->Values(k);
          if (!values) return k;
          Result<const UtilityTable*> table = evaluators[worker]->Evaluate(*values, k);
          if (!table) return k;
          ++count;
          const double n = static_cast<double>(count);
          const std::span<const double> linear = evaluators[worker]->linear();
          for (std::size_t i = 0; i < spread_cells; ++i) {
            add(i, linear[i] - linear[i - i % states + s0], n);
          }
          if (without_status) {
            const std::span<const double> neutral = evaluators[worker]->linear_without_status();
            for (std::size_t i = 0; i < spread_cells; ++i) {
              add(spread_cells + i, neutral[i] - neutral[i - i % states + s0], n);
            }
          }
          if (expected_slots.empty()) continue;
          const std::span<const double> dimension = evaluators[worker]->dimension_values();
          std::size_t i = expected_first;
          for (std::size_t s = 0; s < states; ++s) {
            for (std::size_t slot : expected_slots) add(i++, dimension[s * width + slot], n);
          }
        }
        out[0] = static_cast<double>(count);
        return kNoFailure;
      });
  if (cancelled) return Error::Cancelled("the Monte Carlo run was cancelled");
  local.back() = failed == kNoFailure ? -1.0 : static_cast<double>(failed);
  // Each process's block ends with its failure marker; strip them while merging.
  const std::vector<double> all = Gather(collective, std::move(local));
  // The whole run, and each half of the chunks for the split-half check.
  UtilityMoments total;
  std::array<UtilityMoments, 2> halves;
  std::uint64_t lowest_failure = kNoFailure;
  std::size_t at = 0;
  const int processes = Processes(collective);
  for (int r = 0; r < processes; ++r) {
    const Block theirs = BlockOf(chunks, r, processes);
    for (std::uint64_t c = theirs.begin; c < theirs.end; ++c, at += stride) {
      UtilityMoments moments;
      moments.count = static_cast<std::uint64_t>(all[at]);
      moments.mean.assign(all.begin() + static_cast<std::ptrdiff_t>(at + 1),
                          all.begin() + static_cast<std::ptrdiff_t>(at + 1 + cells));
      moments.m2.assign(all.begin() + static_cast<std::ptrdiff_t>(at + 1 + cells),
                        all.begin() + static_cast<std::ptrdiff_t>(at + stride));
      total.Merge(moments);
      halves[2 * c < chunks ? 0 : 1].Merge(moments);
    }
    if (all[at] >= 0)
      lowest_failure = std::min(lowest_failure, static_cast<std::uint64_t>(all[at]));
    ++at;
  }
  if (lowest_failure != kNoFailure) {
    return SampleError(compiled, sampler, nullptr, MonteCarloOptions{}, lowest_failure);
  }
  auto deviations = [&](const UtilityMoments& moments, std::size_t offset) {
    std::vector<std::vector<double>> sd(actors, std::vector<double>(states, 0.0));
    if (moments.count < 2) return sd;
    for (std::size_t a = 0; a < actors; ++a) {
      for (std::size_t s = 0; s < states; ++s) {
        sd[a][s] =
            std::sqrt(moments.m2[offset + a * states + s] / static_cast<double>(moments.count - 1));
      }
    }
    return sd;
  };
  CentralMoments out;
  out.spread.samples = samples;
  out.spread.sd = deviations(total, 0);
  if (without_status) out.spread.sd_without_status = deviations(total, spread_cells);
  out.spread.first_half_sd = deviations(halves[0], 0);
  out.spread.second_half_sd = deviations(halves[1], 0);
  if (!expected_slots.empty()) {
    out.expected_values.assign(states * width, 0.0);
    out.expected_standard_errors.assign(states * width, 0.0);
    const double n = static_cast<double>(total.count);
    std::size_t i = expected_first;
    for (std::size_t s = 0; s < states; ++s) {
      for (std::size_t slot : expected_slots) {
        out.expected_values[s * width + slot] = total.mean[i];
        if (total.count > 1) {
          out.expected_standard_errors[s * width + slot] =
              std::sqrt(total.m2[i] / (n - 1)) / std::sqrt(n);
        }
        ++i;
      }
    }
  }
  return out;
}

Result<UtilitySpread> ComputeUtilitySpread(
    const CompiledCase& compiled, const ParameterSampler& sampler, unsigned threads,
    const Collective* collective, std::stop_token stop,
    const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  MEND_TRY(CentralMoments moments,
           ComputeCentralMoments(compiled, sampler, threads, collective, stop, progress));
  return std::move(moments.spread);
}

Result<MonteCarloResult> RunMonteCarlo(
    const CompiledCase& compiled, const MonteCarloOptions& options,
    const MonteCarloCentral& central, const Collective* collective, std::stop_token stop,
    const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  SamplerOptions sampler_options;
  sampler_options.seed = options.seed;
  sampler_options.samples = options.samples;
  sampler_options.method = options.method;
  MEND_TRY(ParameterSampler sampler,
           ParameterSampler::Create(compiled.definition, compiled.parameters, sampler_options));
  const CaseDefinition& definition = compiled.definition;
  const std::size_t actors = definition.actors.size();
  const std::size_t states = compiled.space.size();

  MonteCarloResult result;
  result.options = options;
  const bool averse = central.spread != nullptr && AnyUncertaintyAversion(definition);
  if (averse) {
    result.spread = *central.spread;
  } else {
    result.spread.sd.assign(actors, std::vector<double>(states, 0.0));
  }
  result.central_utilities = central.utilities;
  result.central_default = central.default_state;
  result.central_alternative = central.alternative;
  const bool with_ledger = central.alternative.has_value() && central.default_state.has_value();
  const std::uint32_t a_star = with_ledger ? central.alternative->value : 0;
  const std::uint32_t d_star = with_ledger ? central.default_state->value : 0;
  auto main_progress = [&](std::uint64_t done, std::uint64_t total) {
    if (progress) progress(done, total);
  };

  const std::uint64_t chunks = (options.samples + kMonteCarloChunk - 1) / kMonteCarloChunk;
  const Block block = LocalBlock(chunks, collective);
  const unsigned threads = ThreadCount(options.threads, block.end - block.begin);
  const std::uint64_t first_sample = std::min(options.samples, block.begin * kMonteCarloChunk);
  const std::uint64_t local_samples =
      std::min(options.samples, block.end * kMonteCarloChunk) - first_sample;

  struct Worker {
    SampleDraws draws;
    SampleUtilityEvaluator evaluator;
    internal::SampleAnalyzer analyzer;
    std::vector<std::uint64_t> counts;
  };
  // Each worker's state is built by its own thread on its first chunk: its small per-sample
  // buffers then come from that thread's allocator arena instead of sharing cache lines with
  // another worker's (false sharing cost about a tenth of the two-thread speed at 4 states).
  std::vector<std::unique_ptr<Worker>> workers(threads);
  auto make_worker = [&] {
    return std::make_unique<Worker>(Worker{
        SampleDraws(sampler), SampleUtilityEvaluator(compiled, averse ? central.spread : nullptr),
        internal::SampleAnalyzer(compiled, options.concept_id, options.sanctions,
                                 options.force_general),
        std::vector<std::uint64_t>(states * kCountsPerState + kTrailingCounts, 0)});
  };
  // Per sample of this process, by columns of local_samples values each: the conditional ledger
  // (actors columns, with a central alternative), then the unconditional ledger (actors
  // columns). Every value is written by the worker that runs its sample, so the buffer starts
  // uninitialised and its pages are first touched in parallel.
  const std::size_t conditional_width = with_ledger ? actors : 0;
  const std::size_t own_at = conditional_width;
  const std::size_t columns = conditional_width + actors;
  const std::uint64_t half = options.samples / 2;
  const ColumnBuffer local(local_samples * columns);
  std::atomic<bool> cancelled{false};
  const std::uint64_t failed = ForEachChunk(
      block, threads, options.samples, stop, cancelled, main_progress,
      [&](unsigned index, std::uint64_t chunk) -> std::uint64_t {
        if (!workers[index]) workers[index] = make_worker();
        Worker& worker = *workers[index];
        std::uint64_t* counts = worker.counts.data();
        std::uint64_t* trailing = counts + states * kCountsPerState;
        const std::uint64_t last = std::min(options.samples, (chunk + 1) * kMonteCarloChunk);
        for (std::uint64_t k = chunk * kMonteCarloChunk; k < last; ++k) {
          Result<std::span<const double>> values = worker.draws.Values(k);
          if (!values) return k;
          Result<const UtilityTable*> table = worker.evaluator.Evaluate(*values, k);
          if (!table) return k;
          Result<const internal::SampleOutcome*> outcome = worker.analyzer.Analyze(**table);
          if (!outcome) return k;
          const internal::SampleOutcome& o = **outcome;
          for (std::size_t s = 0; s < states; ++s) {
            std::uint64_t* row = counts + s * kCountsPerState;
            const std::uint8_t bits = o.equilibrium[s];
            row[0] += bits & 1U;
            row[1] += (bits >> 1) & 1U;
            row[2] += (bits >> 2) & 1U;
            row[3] += (bits >> 3) & 1U;
            row[5] += o.improves[s];
          }
          if (o.default_state) {
            counts[o.default_state->value * kCountsPerState + 4] += 1;
          } else {
            trailing[kCycleCount] += 1;
          }
          if (o.alternative) counts[o.alternative->value * kCountsPerState + 6] += 1;
          const std::size_t second_half = k < half ? 0 : 1;
          trailing[kCentralDefaultCounts + second_half] +=
              o.default_state && o.default_state == central.default_state ? 1 : 0;
          trailing[kCentralAlternativeCounts + second_half] +=
              o.alternative && o.alternative == central.alternative ? 1 : 0;
          trailing[kNoAlternativeCounts + second_half] += o.alternative ? 0 : 1;
          double* out = local.get() + (k - first_sample);
          const std::vector<std::vector<double>>& u = (*table)->utility;
          if (with_ledger) {
            for (std::size_t a = 0; a < actors; ++a) {
              out[a * local_samples] = u[a][a_star] - u[a][d_star];
            }
          }
          double* own = out + own_at * local_samples;
          const bool has_pair = o.default_state && o.alternative;
          for (std::size_t a = 0; a < actors; ++a) {
            own[a * local_samples] =
                has_pair ? u[a][o.alternative->value] - u[a][o.default_state->value] : 0.0;
          }
        }
        return kNoFailure;
      });
  if (cancelled) return Error::Cancelled("the Monte Carlo run was cancelled");
  std::vector<std::uint64_t> counts(states * kCountsPerState + kTrailingCounts, 0);
  for (const auto& worker : workers) {
    if (!worker) continue;
    for (std::size_t i = 0; i < counts.size(); ++i) counts[i] += worker->counts[i];
  }
  const auto ran =
      std::find_if(workers.begin(), workers.end(), [](const auto& w) { return w != nullptr; });
  result.specialised = ran != workers.end()
                           ? (*ran)->analyzer.specialised()
                           : internal::SampleAnalyzer(compiled, options.concept_id,
                                                      options.sanctions, options.force_general)
                                 .specialised();

  // One process reads its own columns in place. Several send their columns, then their counts,
  // then their failure marker; the columns are stitched together in rank order.
  const int processes = Processes(collective);
  std::uint64_t lowest_failure = failed;
  std::vector<double> stitched;
  if (processes > 1) {
    std::vector<double> send(local.get(), local.get() + local_samples * columns);
    // Counts travel as doubles: exact below 2^53 samples.
    for (std::uint64_t c : counts) send.push_back(static_cast<double>(c));
    send.push_back(failed == kNoFailure ? -1.0 : static_cast<double>(failed));
    const std::vector<double> all = collective->AllGather(send);
    std::fill(counts.begin(), counts.end(), 0);
    stitched.resize(options.samples * columns);
    std::size_t at = 0;
    for (int r = 0; r < processes; ++r) {
      const Block theirs = BlockOf(chunks, r, processes);
      const std::uint64_t their_first = std::min(options.samples, theirs.begin * kMonteCarloChunk);
      const std::uint64_t their_samples =
          std::min(options.samples, theirs.end * kMonteCarloChunk) - their_first;
      for (std::size_t c = 0; c < columns; ++c) {
        const auto from = all.begin() + static_cast<std::ptrdiff_t>(at + c * their_samples);
        std::copy(
            from, from + static_cast<std::ptrdiff_t>(their_samples),
            stitched.begin() + static_cast<std::ptrdiff_t>(c * options.samples + their_first));
      }
      at += their_samples * columns;
      for (std::size_t i = 0; i < counts.size(); ++i)
        counts[i] += static_cast<std::uint64_t>(all[at + i]);
      if (all[at + counts.size()] >= 0) {
        lowest_failure =
            std::min(lowest_failure, static_cast<std::uint64_t>(all[at + counts.size()]));
      }
      at += counts.size() + 1;
    }
  }
  if (lowest_failure != kNoFailure) {
    return SampleError(compiled, sampler, averse ? central.spread : nullptr, options,
                       lowest_failure);
  }
  double* const per_sample = processes > 1 ? stitched.data() : local.get();
  auto column = [&](std::size_t c) {
    return std::span<double>(per_sample + c * options.samples, options.samples);
  };

  const double n = static_cast<double>(options.samples);
  for (std::uint32_t s = 0; s < states; ++s) {
    const std::uint64_t* row = counts.data() + s * kCountsPerState;
    StateProbabilities p;
    p.state = StateId{s};
    for (std::size_t c = 0; c < 4; ++c) p.p_equilibrium[c] = static_cast<double>(row[c]) / n;
    p.p_default = static_cast<double>(row[4]) / n;
    p.p_pareto_improves_default = static_cast<double>(row[5]) / n;
    p.p_alternative = static_cast<double>(row[6]) / n;
    result.states.push_back(p);
  }
  const std::uint64_t* trailing = counts.data() + states * kCountsPerState;
  result.p_cycle = static_cast<double>(trailing[kCycleCount]) / n;
  auto share = [&](std::size_t at) {
    return Share(trailing[at], trailing[at + 1], options.samples);
  };
  result.central_default_likelihood = share(kCentralDefaultCounts);
  result.central_alternative_likelihood = share(kCentralAlternativeCounts);
  result.no_alternative = share(kNoAlternativeCounts);

  if (options.keep_sample_gains) {
    result.sample_gains.resize(with_ledger ? options.samples * actors : 0);
    result.sample_unconditional_gains.resize(options.samples * actors);
    for (std::size_t a = 0; a < actors; ++a) {
      const std::span<const double> conditional = with_ledger ? column(a) : std::span<double>();
      const std::span<const double> unconditional = column(own_at + a);
      for (std::uint64_t k = 0; k < options.samples; ++k) {
        if (with_ledger) result.sample_gains[k * actors + a] = conditional[k];
        result.sample_unconditional_gains[k * actors + a] = unconditional[k];
      }
    }
  }
  // The ledgers' summaries, one task per column, each reordering its own column in place: the
  // same values whichever thread runs it. Only the conditional ledger is drawn as a histogram;
  // those tasks, the costlier, go first.
  struct Summary {
    std::size_t column = 0;
    std::size_t actor = 0;
    bool histogram = false;
    LedgerDistribution entry;
  };
  std::vector<Summary> summaries;
  for (std::size_t a = 0; a < actors; ++a) {
    if (with_ledger) summaries.push_back({a, a, true, {}});
  }
  for (std::size_t a = 0; a < actors; ++a) summaries.push_back({own_at + a, a, false, {}});
  ForEachTask(summaries.size(), ThreadCount(options.threads, summaries.size()), [&](std::size_t t) {
    Summary& summary = summaries[t];
    const std::size_t a = summary.actor;
    summary.entry =
        SummarizeGains(column(summary.column), ActorIndex{static_cast<std::uint32_t>(a)},
                       result.central_utilities.cardinal[a],
                       result.central_utilities.indifference[a], summary.histogram);
  });
  for (Summary& summary : summaries) {
    (summary.histogram ? result.ledger : result.unconditional_ledger)
        .push_back(std::move(summary.entry));
  }
  return result;
}

}  // namespace mend
