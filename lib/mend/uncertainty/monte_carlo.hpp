// SPDX-License-Identifier: Apache-2.0
//
// Monte Carlo over every uncertain parameter of a case (docs/analyses.md, "Uncertainty"): each
// sample runs the full pipeline — utilities (with uncertainty aversion ρ_i·sd_i(s), the spread of
// the change from the status quo measured on the same samples), stability under Nash, GMR, SMR
// and SEQ, the default, the states that Pareto-improve it and the recommended alternative a* —
// and the run reports per state P(equilibrium) per concept, P(default), P(Pareto-improves the
// default), P(recommended); the share of samples with no alternative; per actor two ledgers —
// the conditional one (the central a* against the central default, in every sample) and the
// unconditional one (each sample's own a* against its own default, 0 without one) — with mean,
// median, 5th and 95th percentiles and P(loss); and the standard errors and split-half check of
// these figures (docs/analyses.md, "Convergence").
//
// The central default and a* are not computed here: the engine (lib/mend/engine) computes the
// one central analysis every command reports and hands it in, so that `mend montecarlo` and
// `mend analyze` can never disagree on what "central" means.
//
// Samples are cut into fixed chunks of kMonteCarloChunk; threads take chunks, and processes
// (through a Collective, e.g. MPI) take contiguous blocks of chunks. Counts are integers and
// the per-sample ledger values are gathered in sample order before any floating-point sum, so
// the result is bit-for-bit the same for any number of threads or processes.
//
// Example:
//   MEND_TRY(UtilitySpread spread, ComputeUtilitySpread(compiled, sampler, 0));
//   MonteCarloCentral central{.spread = &spread, .utilities = u, .default_state = d,
//                             .alternative = a};
//   MEND_TRY(MonteCarloResult mc, RunMonteCarlo(compiled, {.seed = 7, .samples = 20000}, central));
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <stop_token>
#include <vector>

#include "mend/core/ids.hpp"
#include "mend/core/result.hpp"
#include "mend/stability/stability.hpp"
#include "mend/uncertainty/parameter_sampler.hpp"
#include "mend/uncertainty/sample_utilities.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

/// Samples per chunk: fixed, so the split of work never depends on threads or processes.
inline constexpr std::uint64_t kMonteCarloChunk = 256;

struct MonteCarloOptions {
  std::uint64_t seed = 1;
  std::uint64_t samples = 10000;
  SamplingMethod method = SamplingMethod::kMonteCarlo;
  /// Worker threads in this process; 0 means one per hardware thread. Results do not depend on it.
  unsigned threads = 0;
  /// a* prefers equilibria under this concept (SEQ, as in `mend analyze`).
  StabilityConcept concept_id = StabilityConcept::kSeq;
  /// Which sequences of opponents' moves count as a sanction (as in `mend analyze`).
  SanctionRule sanctions = SanctionRule::kTextbook;
  /// Use the general stability engine even where a per-sample path applies (for tests).
  bool force_general = false;
  /// Keep every sample's gains in the result (MonteCarloResult::sample_gains), e.g. to sum a
  /// portfolio's issues sample by sample.
  bool keep_sample_gains = false;
};

/// How the processes of a distributed run talk to each other. The library never links MPI; the
/// application supplies an adapter. Every process calls the same methods in the same order.
class Collective {
 public:
  virtual ~Collective() = default;
  /// This process's rank in 0..size()-1.
  virtual int rank() const = 0;
  virtual int size() const = 0;
  /// Returns, on every process, the concatenation of every process's `local` in rank order.
  virtual std::vector<double> AllGather(std::span<const double> local) const = 0;
};

/// Per state, the share of samples in which it is each of these.
struct StateProbabilities {
  StateId state;
  /// Indexed by StabilityConcept (Nash, GMR, SMR, SEQ).
  std::array<double, 4> p_equilibrium{};
  double p_default = 0;
  double p_pareto_improves_default = 0;
  double p_alternative = 0;
};

/// Bins of a ledger histogram: fixed, so a report can draw it without the raw samples.
inline constexpr std::size_t kLedgerHistogramBins = 24;

/// A compact histogram of one actor's sampled ledger: kLedgerHistogramBins equal bins between
/// the 1st and 99th percentiles (`low`, `high`), and the samples below and above that span.
/// Counts are integers, so the histogram is as deterministic as the samples.
struct LedgerHistogram {
  double low = 0;
  double high = 0;
  std::vector<std::uint64_t> counts;  // kLedgerHistogramBins entries; the last bin includes `high`
  std::uint64_t below = 0;
  std::uint64_t above = 0;
};

/// The distribution over samples of one actor's gain u_i(to) − u_i(from): for the conditional
/// ledger the central a* against the central d; for the unconditional ledger each sample's own
/// a* against its own default (0 in a sample without an alternative).
struct LedgerDistribution {
  ActorIndex actor;
  bool cardinal = true;
  double mean = 0;
  /// The sample standard deviation and the Monte Carlo standard error of the mean (sd/√n).
  double sd = 0;
  double mean_standard_error = 0;
  double median = 0;
  double p5 = 0;
  double p95 = 0;
  /// Share of samples in which from ≻_i to (the actor ends worse off, beyond ε_i).
  double p_loss = 0;
  /// The means of the first and the second half of the samples (split-half check).
  double first_half_mean = 0;
  double second_half_mean = 0;
  LedgerHistogram histogram;
};

/// A share of samples with its Monte Carlo standard error √(p(1−p)/n) and the shares in the
/// first and the second half of the samples.
struct SampledProbability {
  double p = 0;
  double standard_error = 0;
  double first_half = 0;
  double second_half = 0;
};

struct MonteCarloResult {
  MonteCarloOptions options;
  /// sd_i(s) over the samples (all zero when no actor is averse to uncertainty).
  UtilitySpread spread;
  /// The central utilities with uncertainty aversion applied.
  UtilityTable central_utilities;
  /// The central default and a* (nullopt when there is none).
  std::optional<StateId> central_default;
  std::optional<StateId> central_alternative;
  std::vector<StateProbabilities> states;
  /// Share of samples whose best-response dynamics cycle (no single default).
  double p_cycle = 0;
  /// How often the central default is the sample's default and the central a* its alternative
  /// (p 0 when there is no central one), and how often a sample has no alternative at all.
  SampledProbability central_default_likelihood;
  SampledProbability central_alternative_likelihood;
  SampledProbability no_alternative;
  /// The conditional ledger: one entry per actor when the central analysis has an alternative;
  /// empty otherwise.
  std::vector<LedgerDistribution> ledger;
  /// The unconditional ledger: one entry per actor, always (without histograms).
  std::vector<LedgerDistribution> unconditional_ledger;
  /// With MonteCarloOptions::keep_sample_gains: per sample k and actor a, at [k * actors + a],
  /// the conditional gain (empty without a central alternative) and the unconditional one.
  std::vector<double> sample_gains;
  std::vector<double> sample_unconditional_gains;
  /// True when a per-sample stability path ran instead of the general engine.
  bool specialised = false;
};

/// A state and the share of samples in which it was the default.
struct SampledDefault {
  StateId state;
  double p = 0;
};

/// The state that is most often the samples' default (the lowest id among equals), or nullopt
/// when no sample has one. Where it is not the central default, the central pattern is not the
/// likely one, and a reader should be told so beside it.
std::optional<SampledDefault> MostFrequentDefault(const MonteCarloResult& result);

/// Summarises one actor's gains over the samples (in sample order): mean, sd and the standard
/// error of the mean, the split-half means, median, p5, p95, P(loss beyond `epsilon`) and the
/// histogram (when asked). `values` is reordered. Precondition: not empty.
LedgerDistribution SummarizeGains(std::span<double> values, ActorIndex actor, bool cardinal,
                                  double epsilon, bool histogram = true);

/// Returns the quantile at level q (0 <= q <= 1) of `sorted` (ascending), interpolating
/// linearly between order statistics (Hyndman & Fan type 7). Precondition: not empty.
double SortedQuantile(std::span<const double> sorted, double q);

/// What the central analysis measures on its seeded sample run, in one pass over the samples.
struct CentralMoments {
  /// sd_i(s) (see UtilitySpread).
  UtilitySpread spread;
  /// The means over the samples of every state's values on the dimensions marked
  /// `expectation`, laid out as CompiledCase::expected_values (the other dimensions' entries 0),
  /// and the standard errors of those means (sd/√n); both empty when no dimension is marked.
  std::vector<double> expected_values;
  std::vector<double> expected_standard_errors;
};

/// Measures, over samples [0, samples) of `sampler`, sd_i(s) — the spread of the change from the
/// status quo of every actor's linear utility — and the means of the expectation dimensions'
/// values, in fixed chunks merged in chunk order: bit-identical for any `threads` (0: one per
/// hardware thread) and, with `collective`, any number of processes.
/// Cost: samples × states × (effects + actors × dimensions).
/// Fails with the lowest failing sample's error, or kCancelled on `stop`.
[[nodiscard]] Result<CentralMoments> ComputeCentralMoments(
    const CompiledCase& compiled, const ParameterSampler& sampler, unsigned threads,
    const Collective* collective = nullptr, std::stop_token stop = {},
    const std::function<void(std::uint64_t, std::uint64_t)>& progress = {});

/// The spread alone (ComputeCentralMoments(...).spread).
[[nodiscard]] Result<UtilitySpread> ComputeUtilitySpread(
    const CompiledCase& compiled, const ParameterSampler& sampler, unsigned threads,
    const Collective* collective = nullptr, std::stop_token stop = {},
    const std::function<void(std::uint64_t, std::uint64_t)>& progress = {});

/// The central analysis a run is measured against (computed by the engine).
struct MonteCarloCentral {
  /// ρ_i·sd_i(s) is subtracted from each sample's utilities; null when no actor has ρ > 0.
  const UtilitySpread* spread = nullptr;
  /// The central utilities, uncertainty aversion applied.
  UtilityTable utilities;
  std::optional<StateId> default_state;
  std::optional<StateId> alternative;
};

/// Runs the Monte Carlo against `central`. With `collective`, this process computes its block of
/// chunks and the processes exchange partial results; every process returns the same result.
/// Cost: samples × (parameters + effects + states × (actors × dimensions + stability)).
/// Memory: samples × (2·actors + 2) doubles (the exact ledger quantiles, the split halves).
/// Deterministic: bit-identical for any `threads` and any number of processes.
/// Fails with kInvalidArgument for bad options (samples 0) or when a sample makes a parameter
/// or an effect invalid (the lowest such sample is named); kCancelled on `stop`.
/// `progress(done, total)` is called on the calling thread now and then (samples of this process).
[[nodiscard]] Result<MonteCarloResult> RunMonteCarlo(
    const CompiledCase& compiled, const MonteCarloOptions& options,
    const MonteCarloCentral& central, const Collective* collective = nullptr,
    std::stop_token stop = {},
    const std::function<void(std::uint64_t, std::uint64_t)>& progress = {});

}  // namespace mend
