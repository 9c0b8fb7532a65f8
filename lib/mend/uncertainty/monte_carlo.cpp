// SPDX-License-Identifier: Apache-2.0
#include "mend/uncertainty/monte_carlo.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "mend/efficiency/efficiency.hpp"
#include "mend/stability/status_quo_analysis.hpp"
#include "mend/uncertainty/internal/sample_analyzer.hpp"

namespace mend {
namespace {

constexpr std::uint64_t kNoFailure = std::numeric_limits<std::uint64_t>::max();
// Per state, in this order: equilibrium under each concept (4), default, improves, alternative.
constexpr std::size_t kCountsPerState = 7;

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

// The same value as SortedQuantile on the sorted values, by selection in O(n): order statistics
// are unique values, so the result does not depend on how `values` gets permuted.
double SelectQuantile(std::vector<double>& values, double q) {
  const double position = q * static_cast<double>(values.size() - 1);
  const auto lower = static_cast<std::size_t>(std::floor(position));
  const auto nth = values.begin() + static_cast<std::ptrdiff_t>(lower);
  std::nth_element(values.begin(), nth, values.end());
  const double low = *nth;
  if (lower + 1 >= values.size()) return low;
  const double high = *std::min_element(nth + 1, values.end());
  return low + (position - static_cast<double>(lower)) * (high - low);
}

// p5, the median and p95 of `values` with the values SelectQuantile gives, in about two passes of
// selection instead of three: the median's selection partitions the values, so p5 is selected
// among the lower part only and p95 among the upper part.
struct ThreeQuantiles {
  double p5 = 0;
  double median = 0;
  double p95 = 0;
};

ThreeQuantiles SelectThreeQuantiles(std::vector<double>& values) {
  const std::size_t n = values.size();
  auto at = [&](std::size_t i) { return values.begin() + static_cast<std::ptrdiff_t>(i); };
  auto position = [&](double q) { return q * static_cast<double>(n - 1); };
  const double middle = position(0.5);
  const auto m = static_cast<std::size_t>(std::floor(middle));
  std::nth_element(values.begin(), at(m), values.end());
  const double median_low = values[m];
  const double median_high = m + 1 < n ? *std::min_element(at(m + 1), values.end()) : median_low;
  ThreeQuantiles out;
  out.median = median_low + (middle - static_cast<double>(m)) * (median_high - median_low);
  // Below the median: order statistics 0..m-1 sit in [0, m), the next one up is values[m].
  const double low_position = position(0.05);
  const auto l = static_cast<std::size_t>(std::floor(low_position));
  if (l < m) {
    std::nth_element(values.begin(), at(l), at(m));
    const double low = values[l];
    const double high = l + 1 < m ? *std::min_element(at(l + 1), at(m)) : values[m];
    out.p5 = low + (low_position - static_cast<double>(l)) * (high - low);
  } else {
    out.p5 = median_low + (low_position - static_cast<double>(m)) * (median_high - median_low);
  }
  // Above the median: order statistics m+1..n-1 sit in [m+1, n).
  const double high_position = position(0.95);
  const auto h = static_cast<std::size_t>(std::floor(high_position));
  if (h > m) {
    std::nth_element(at(m + 1), at(h), values.end());
    const double low = values[h];
    const double high = h + 1 < n ? *std::min_element(at(h + 1), values.end()) : low;
    out.p95 = low + (high_position - static_cast<double>(h)) * (high - low);
  } else {
    out.p95 = median_low + (high_position - static_cast<double>(m)) * (median_high - median_low);
  }
  return out;
}

// Counts the samples in kLedgerHistogramBins equal bins over [p1, p99]; the tails are counted
// apart so that one extreme sample does not squeeze the rest into a single bin. The counts do
// not depend on the order of `values` (selection reorders it).
LedgerHistogram Histogram(std::vector<double>& values) {
  LedgerHistogram histogram;
  histogram.counts.assign(kLedgerHistogramBins, 0);
  histogram.low = SelectQuantile(values, 0.01);
  histogram.high = SelectQuantile(values, 0.99);
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

// The share of samples whose value at `offset` satisfies `test`, with its standard error and
// the shares in each half of the samples (in sample order).
template <typename Test>
SampledProbability Share(std::span<const double> per_sample, std::size_t stride, std::size_t offset,
                         Test test) {
  const std::size_t samples = per_sample.size() / stride;
  const std::size_t half = samples / 2;
  std::uint64_t first = 0;
  std::uint64_t second = 0;
  for (std::size_t k = 0; k < samples; ++k) {
    if (test(per_sample[k * stride + offset])) ++(k < half ? first : second);
  }
  SampledProbability share;
  const double n = static_cast<double>(samples);
  share.p = static_cast<double>(first + second) / n;
  share.standard_error = std::sqrt(share.p * (1 - share.p) / n);
  share.first_half = half == 0 ? share.p : static_cast<double>(first) / static_cast<double>(half);
  share.second_half = static_cast<double>(second) / static_cast<double>(samples - half);
  return share;
}

}  // namespace

LedgerDistribution SummarizeGains(std::vector<double>& values, ActorIndex actor, bool cardinal,
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
  const ThreeQuantiles quantiles = SelectThreeQuantiles(values);
  entry.p5 = quantiles.p5;
  entry.median = quantiles.median;
  entry.p95 = quantiles.p95;
  if (histogram) entry.histogram = Histogram(values);
  return entry;
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
  std::vector<std::unique_ptr<SampleDraws>> draws;
  std::vector<std::unique_ptr<SampleUtilityEvaluator>> evaluators;
  for (unsigned w = 0; w < threads; ++w) {
    draws.push_back(std::make_unique<SampleDraws>(sampler));
    evaluators.push_back(std::make_unique<SampleUtilityEvaluator>(compiled, nullptr));
    if (!expected_slots.empty()) evaluators.back()->KeepDimensionValues();
  }
  const std::size_t width = actors * dimensions;
  std::atomic<bool> cancelled{false};
  const std::uint64_t failed = ForEachChunk(
      block, threads, samples, stop, cancelled, progress,
      [&](unsigned worker, std::uint64_t chunk) -> std::uint64_t {
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
  std::vector<std::unique_ptr<Worker>> workers;
  for (unsigned w = 0; w < threads; ++w) {
    workers.push_back(std::make_unique<Worker>(Worker{
        SampleDraws(sampler), SampleUtilityEvaluator(compiled, averse ? central.spread : nullptr),
        internal::SampleAnalyzer(compiled, options.concept_id, options.sanctions,
                                 options.force_general),
        std::vector<std::uint64_t>(states * kCountsPerState + 1, 0)}));
  }
  result.specialised = workers.front()->analyzer.specialised();
  // Per sample of this process, [local sample * stride + ...]: the conditional ledger (actors
  // values, with a central alternative), the unconditional ledger (actors values), the sample's
  // own default and alternative (state number, or -1). Then, after the gather, the counts and
  // the failure marker.
  const std::size_t conditional_width = with_ledger ? actors : 0;
  const std::size_t stride = conditional_width + actors + 2;
  std::vector<double> local(local_samples * stride, 0.0);
  std::atomic<bool> cancelled{false};
  const std::uint64_t failed = ForEachChunk(
      block, threads, options.samples, stop, cancelled, main_progress,
      [&](unsigned index, std::uint64_t chunk) -> std::uint64_t {
        Worker& worker = *workers[index];
        std::uint64_t* counts = worker.counts.data();
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
            counts[states * kCountsPerState] += 1;
          }
          if (o.alternative) counts[o.alternative->value * kCountsPerState + 6] += 1;
          double* out = local.data() + (k - first_sample) * stride;
          const std::vector<std::vector<double>>& u = (*table)->utility;
          if (with_ledger) {
            for (std::size_t a = 0; a < actors; ++a) out[a] = u[a][a_star] - u[a][d_star];
          }
          double* own = out + conditional_width;
          const bool has_pair = o.default_state && o.alternative;
          for (std::size_t a = 0; a < actors; ++a) {
            own[a] = has_pair ? u[a][o.alternative->value] - u[a][o.default_state->value] : 0.0;
          }
          own[actors] = o.default_state ? static_cast<double>(o.default_state->value) : -1.0;
          own[actors + 1] = o.alternative ? static_cast<double>(o.alternative->value) : -1.0;
        }
        return kNoFailure;
      });
  if (cancelled) return Error::Cancelled("the Monte Carlo run was cancelled");
  std::vector<std::uint64_t> counts(states * kCountsPerState + 1, 0);
  for (const auto& worker : workers) {
    for (std::size_t i = 0; i < counts.size(); ++i) counts[i] += worker->counts[i];
  }
  // Counts travel as doubles: exact below 2^53 samples.
  for (std::uint64_t c : counts) local.push_back(static_cast<double>(c));
  local.push_back(failed == kNoFailure ? -1.0 : static_cast<double>(failed));
  const std::size_t tail = counts.size() + 1;
  const std::vector<double> all = Gather(collective, std::move(local));

  // Unpack: each process sent its per-sample block, then its counts, then its failure marker.
  const int processes = Processes(collective);
  // One process reads its own block in place; several are stitched together in rank order.
  std::vector<double> stitched;
  if (processes > 1) stitched.reserve(options.samples * stride);
  std::fill(counts.begin(), counts.end(), 0);
  std::uint64_t lowest_failure = kNoFailure;
  std::size_t at = 0;
  for (int r = 0; r < processes; ++r) {
    const Block theirs = BlockOf(chunks, r, processes);
    const std::uint64_t their_samples = std::min(options.samples, theirs.end * kMonteCarloChunk) -
                                        std::min(options.samples, theirs.begin * kMonteCarloChunk);
    const std::size_t block_size = their_samples * stride;
    if (processes > 1) {
      stitched.insert(stitched.end(), all.begin() + static_cast<std::ptrdiff_t>(at),
                      all.begin() + static_cast<std::ptrdiff_t>(at + block_size));
    }
    at += block_size;
    for (std::size_t i = 0; i < counts.size(); ++i)
      counts[i] += static_cast<std::uint64_t>(all[at + i]);
    if (all[at + counts.size()] >= 0) {
      lowest_failure =
          std::min(lowest_failure, static_cast<std::uint64_t>(all[at + counts.size()]));
    }
    at += tail;
  }
  if (lowest_failure != kNoFailure) {
    return SampleError(compiled, sampler, averse ? central.spread : nullptr, options,
                       lowest_failure);
  }
  const std::span<const double> per_sample =
      processes > 1 ? std::span<const double>(stitched)
                    : std::span<const double>(all).first(options.samples * stride);

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
  result.p_cycle = static_cast<double>(counts[states * kCountsPerState]) / n;

  const std::size_t own_at = conditional_width;
  const double central_d = central.default_state ? central.default_state->value : -2.0;
  const double central_a = central.alternative ? central.alternative->value : -2.0;
  result.central_default_likelihood =
      Share(per_sample, stride, own_at + actors, [&](double d) { return d == central_d; });
  result.central_alternative_likelihood =
      Share(per_sample, stride, own_at + actors + 1, [&](double a) { return a == central_a; });
  result.no_alternative =
      Share(per_sample, stride, own_at + actors + 1, [](double a) { return a < 0; });
  if (options.keep_sample_gains) {
    result.sample_gains.resize(with_ledger ? options.samples * actors : 0);
    result.sample_unconditional_gains.resize(options.samples * actors);
    for (std::uint64_t k = 0; k < options.samples; ++k) {
      for (std::size_t a = 0; a < actors; ++a) {
        if (with_ledger) result.sample_gains[k * actors + a] = per_sample[k * stride + a];
        result.sample_unconditional_gains[k * actors + a] = per_sample[k * stride + own_at + a];
      }
    }
  }
  std::vector<double> column(options.samples);
  auto summarize = [&](std::size_t offset, std::size_t a, bool histogram) {
    for (std::uint64_t k = 0; k < options.samples; ++k) column[k] = per_sample[k * stride + offset];
    return SummarizeGains(column, ActorIndex{static_cast<std::uint32_t>(a)},
                          result.central_utilities.cardinal[a],
                          result.central_utilities.indifference[a], histogram);
  };
  // Only the conditional ledger is drawn as a histogram.
  for (std::size_t a = 0; a < actors; ++a) {
    if (with_ledger) result.ledger.push_back(summarize(a, a, true));
    result.unconditional_ledger.push_back(summarize(own_at + a, a, false));
  }
  return result;
}

}  // namespace mend
