// SPDX-License-Identifier: Apache-2.0
#include "mend/lenses/dynamics.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "mend/efficiency/efficiency.hpp"
#include "mend/stability/status_quo_analysis.hpp"
#include "mend/uncertainty/parameter_sampler.hpp"
#include "mend/uncertainty/sample_utilities.hpp"

namespace mend {
namespace {

// Runs are handed to workers in chunks of this many; each round's draw depends only on its
// (run, round) key, so how chunks fall on threads changes nothing.
constexpr std::uint64_t kRunsPerChunk = 8;

}  // namespace

Status ValidateDynamicsOptions(const DynamicsOptions& options) {
  if (options.rounds == 0) return Error::InvalidArgument("rounds: expected at least 1");
  if (options.runs == 0) return Error::InvalidArgument("runs: expected at least 1");
  if (options.kappas.empty()) return Error::InvalidArgument("kappas: expected at least one value");
  for (double kappa : options.kappas) {
    if (!std::isfinite(kappa) || kappa <= 0) {
      return Error::InvalidArgument(fmt::format("kappas: {} is not a number above 0", kappa));
    }
  }
  if (!(options.alpha > 0 && options.alpha <= 1)) {
    return Error::InvalidArgument(fmt::format("alpha: {} is not in (0, 1]", options.alpha));
  }
  if (!(options.theta >= 0) || !std::isfinite(options.theta)) {
    return Error::InvalidArgument(fmt::format("theta: {} is not a share >= 0", options.theta));
  }
  if (!(options.quantile > 0 && options.quantile < 1)) {
    return Error::InvalidArgument(fmt::format("quantile: {} is not in (0, 1)", options.quantile));
  }
  if (options.patience == 0) return Error::InvalidArgument("patience: expected at least 1");
  if (options.rounds > (std::uint64_t{1} << 40) / options.runs) {
    return Error::InvalidArgument("runs × rounds: too many rounds to simulate");
  }
  if (options.crisis_length == 0)
    return Error::InvalidArgument("crisis_length: expected at least 1");
  return Ok();
}

Result<DynamicsReport> SimulateExpectations(const CompiledCase& compiled,
                                            const DynamicsOptions& options, std::stop_token stop) {
  MEND_TRY(ValidateDynamicsOptions(options));
  const CaseDefinition& definition = compiled.definition;
  StabilityOptions stability_options;
  stability_options.sanctions = options.sanctions;
  stability_options.threads = options.threads;
  MEND_TRY(StabilityReport report, AnalyzeStability(compiled, stability_options, stop));
  MEND_TRY(StatusQuoAnalysis status_quo, AnalyzeStatusQuo(compiled, report, stop));
  if (!status_quo.default_state) {
    return Error::InvalidArgument(fmt::format(
        "case '{}': the default dynamics cycle and the case sets no default; expectation "
        "dynamics need a single default to engage from",
        definition.id));
  }
  const StateId d = *status_quo.default_state;
  EfficiencyAgainst block = AnalyzeAgainst(compiled, report, options.concept_id, d);
  if (!block.alternative) {
    return Error::InvalidArgument(fmt::format(
        "case '{}': nothing Pareto-improves the default {} (or utilities are ordinal), so there "
        "is no engagement whose expectations could be simulated",
        definition.id, compiled.space.Pattern(d)));
  }
  return SimulateExpectations(compiled, Engagement{d, block.alternative->state}, options, stop);
}

Result<DynamicsReport> SimulateExpectations(const CompiledCase& compiled,
                                            const Engagement& engagement,
                                            const DynamicsOptions& options, std::stop_token stop) {
  MEND_TRY(ValidateDynamicsOptions(options));
  const CaseDefinition& definition = compiled.definition;
  const StateId d = engagement.default_state;
  const StateId a = engagement.alternative;
  if (d.value >= compiled.space.size() || a.value >= compiled.space.size()) {
    return Error::InvalidArgument("the engagement's states are not states of the case");
  }

  DynamicsReport out;
  out.default_state = d;
  out.alternative = a;
  out.deciders = definition.Deciders();
  const std::size_t n = out.deciders.size();
  const std::uint64_t rounds = options.rounds;
  const std::uint64_t total = options.runs * rounds;

  MEND_TRY(ParameterSampler sampler,
           ParameterSampler::Create(definition, compiled.parameters,
                                    {.seed = options.seed, .samples = total}));
  // gains[(run × rounds + round) × n + i]: decider i's gain of a* over d in that round's draw.
  std::vector<double> gains(total * n);
  const std::uint64_t chunks = (options.runs + kRunsPerChunk - 1) / kRunsPerChunk;
  std::atomic<std::uint64_t> next_chunk{0};
  std::mutex error_mutex;
  std::optional<std::pair<std::uint64_t, Error>> first_error;  // lowest failing sample wins
  auto work = [&]() {
    SampleUtilityEvaluator evaluator(compiled, nullptr);
    SampleDraws draws(sampler);  // this thread's own compiled fields: nothing shared is mutated
    for (;;) {
      const std::uint64_t chunk = next_chunk.fetch_add(1);
      if (chunk >= chunks || stop.stop_requested()) return;
      const std::uint64_t end_run = std::min(options.runs, (chunk + 1) * kRunsPerChunk);
      for (std::uint64_t run = chunk * kRunsPerChunk; run < end_run; ++run) {
        for (std::uint64_t t = 0; t < rounds; ++t) {
          const std::uint64_t k = run * rounds + t;
          Result<std::span<const double>> values = draws.Values(k);
          Result<const UtilityTable*> table =
              values ? evaluator.Evaluate(*values, k) : Result<const UtilityTable*>(values.error());
          if (!table) {
            std::lock_guard lock(error_mutex);
            if (!first_error || k < first_error->first) first_error.emplace(k, table.error());
            return;
          }
          for (std::size_t i = 0; i < n; ++i) {
            gains[k * n + i] = (*table)->at(out.deciders[i], a) - (*table)->at(out.deciders[i], d);
          }
        }
      }
    }
  };
  unsigned threads = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
  threads = static_cast<unsigned>(std::clamp<std::uint64_t>(threads, 1, chunks));
  {
    std::vector<std::jthread> pool;
    for (unsigned w = 1; w < threads; ++w) pool.emplace_back(work);
    work();
  }
  if (stop.stop_requested()) return Error::Cancelled("expectation dynamics cancelled");
  if (first_error) return first_error->second;

  out.mean_gain.assign(n, 0.0);
  for (std::uint64_t k = 0; k < total; ++k) {
    for (std::size_t i = 0; i < n; ++i) out.mean_gain[i] += gains[k * n + i];
  }
  for (double& m : out.mean_gain) m /= static_cast<double>(total);
  out.low_quantile.resize(n);
  {
    // The lower empirical quantile: the smallest draw with at least a share p of draws at or
    // below it.
    std::vector<double> column(total);
    const auto rank =
        static_cast<std::uint64_t>(std::ceil(options.quantile * static_cast<double>(total)));
    const std::uint64_t index = std::clamp<std::uint64_t>(rank, 1, total) - 1;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::uint64_t k = 0; k < total; ++k) column[k] = gains[k * n + i];
      std::nth_element(column.begin(), column.begin() + static_cast<std::ptrdiff_t>(index),
                       column.end());
      out.low_quantile[i] = column[index];
    }
  }

  // scale[i] = s_i: decider i expects s_i × G_i. A round disappoints i when
  // g_i < Q_i + (s_i − 1 − θ) |Q_i|; `patience` of them in a row start a crisis, after which
  // s_i ← s_i + α (ḡ_i / μ_i − s_i) with ḡ_i the run's mean realised gain over engaged rounds.
  std::vector<double> scale(n);
  std::vector<double> realised(n);
  std::vector<std::uint64_t> streak(n);
  for (double kappa : options.kappas) {
    KappaResult result;
    result.kappa = kappa;
    result.mean_gain.assign(n, 0.0);
    std::uint64_t crises = 0;
    std::uint64_t crisis_rounds = 0;
    for (std::uint64_t run = 0; run < options.runs; ++run) {
      std::fill(scale.begin(), scale.end(), kappa);
      std::fill(realised.begin(), realised.end(), 0.0);
      std::fill(streak.begin(), streak.end(), 0);
      std::uint64_t engaged = 0;
      std::uint64_t remaining = 0;
      for (std::uint64_t t = 0; t < rounds; ++t) {
        if (remaining > 0) {  // in crisis: the default, a gain of 0
          --remaining;
          ++crisis_rounds;
          continue;
        }
        bool crisis = false;
        const double* g = gains.data() + (run * rounds + t) * n;
        ++engaged;
        for (std::size_t i = 0; i < n; ++i) {
          result.mean_gain[i] += g[i];
          realised[i] += g[i];
          const double q = out.low_quantile[i];
          const double threshold = q + (scale[i] - 1 - options.theta) * std::abs(q);
          streak[i] = g[i] < threshold ? streak[i] + 1 : 0;
          if (streak[i] >= options.patience) crisis = true;
        }
        if (!crisis) continue;
        ++crises;
        remaining = options.crisis_length;
        for (std::size_t i = 0; i < n; ++i) {
          streak[i] = 0;
          // A decider whose mean gain is 0 has nothing to scale: it learns that it expects right.
          const double mu = out.mean_gain[i];
          const double evidence = mu != 0 ? realised[i] / static_cast<double>(engaged) / mu : 1.0;
          scale[i] += options.alpha * (evidence - scale[i]);
        }
      }
    }
    result.crisis_frequency = static_cast<double>(crises) / static_cast<double>(total);
    result.time_in_crisis = static_cast<double>(crisis_rounds) / static_cast<double>(total);
    for (double& m : result.mean_gain) m /= static_cast<double>(total);
    for (double m : result.mean_gain) result.total_gain += m;
    out.by_kappa.push_back(std::move(result));
  }
  const auto best = std::min_element(out.by_kappa.begin(), out.by_kappa.end(),
                                     [](const KappaResult& x, const KappaResult& y) {
                                       return x.crisis_frequency < y.crisis_frequency;
                                     });
  out.best_kappa = best->kappa;
  return out;
}

}  // namespace mend
