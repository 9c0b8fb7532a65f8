// SPDX-License-Identifier: Apache-2.0
//
// ParameterSampler: draws every uncertain parameter of a case for sample k of N, by inverse CDF
// from counter-based uniforms, with plain Monte Carlo or Latin hypercube sampling, and with the
// case's rank correlations imposed by the Iman–Conover method (Iman & Conover, 1982). The
// draws for sample k are a fixed function of (seed, N, k): any thread or process computing
// sample k gets the same numbers. A portfolio's shared parameter draws from the portfolio's
// stream, so sample k gives it the same value in every issue.
//
// Example:
//   MEND_TRY(ParameterSampler sampler, ParameterSampler::Create(compiled.definition,
//                                      compiled.parameters, {.seed = 7, .samples = 10000}));
//   MEND_TRY(std::vector<double> values, sampler.Sample(k));   // one value per parameter
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mend/core/result.hpp"
#include "mend/model/case.hpp"
#include "mend/value/expression.hpp"
#include "mend/value/parameter_model.hpp"

namespace mend {

enum class SamplingMethod { kMonteCarlo, kLatinHypercube };

struct SamplerOptions {
  std::uint64_t seed = 1;
  std::uint64_t samples = 10000;
  SamplingMethod method = SamplingMethod::kMonteCarlo;
};

/// Intervals of the quantile tables of ParameterSampler::ValuesInto.
inline constexpr int kQuantileTableIntervals = 1024;

class ParameterSampler {
 public:
  /// Prepares sampling. With correlations (or Latin hypercube) it precomputes, per affected
  /// parameter, the rank each sample takes: O(samples) memory per such parameter, computed
  /// deterministically from the seed. Fails with kInvalidArgument when samples is 0 or too large
  /// for the precomputation (over 2^28 with correlations or Latin hypercube).
  static Result<ParameterSampler> Create(const CaseDefinition& definition,
                                         const ParameterModel& parameters,
                                         const SamplerOptions& options);

  /// Returns the probability (quantile level) of every parameter in sample k (fixed
  /// parameters get 0.5). Pure: depends only on (seed, samples, k). Thread-safe.
  std::vector<double> Probabilities(std::uint64_t k) const;

  /// The same into a caller's buffer of one entry per parameter (allocates nothing).
  void ProbabilitiesInto(std::uint64_t k, std::span<double> probabilities) const;

  /// True when no distribution field is an expression: values then follow from the central
  /// distributions alone, without muparser (see ValuesInto).
  bool constant_fields() const { return constant_fields_; }

  /// Writes every parameter's value at `probabilities` into `values` using the central
  /// distributions. Precondition: constant_fields(). Allocates nothing; thread-safe.
  /// PERT, normal and lognormal quantiles (Boost's inverse incomplete beta takes ~60 µs) come
  /// from a table of exact quantiles at levels evenly spaced in logit(u) over [-13, 13], with
  /// cubic Hermite interpolation (slopes from the density); levels outside are computed exactly.
  /// The interpolation error stays below 1e-6 of the distribution's p0.1–p99.9 width
  /// (parameter_sampler_test checks it).
  void ValuesInto(std::span<const double> probabilities, std::span<double> values) const;

  /// Returns every parameter's value in sample k. Fails when a parameter whose fields are
  /// expressions becomes invalid in this sample (the message names the sample).
  Result<std::vector<double>> Sample(std::uint64_t k) const;

  const SamplerOptions& options() const { return options_; }

 private:
  friend class SampleDraws;
  ParameterSampler(const ParameterModel& parameters, SamplerOptions options)
      : parameters_(&parameters), options_(options) {}

  const ParameterModel* parameters_;
  SamplerOptions options_;
  std::vector<bool> uncertain_;
  // Per parameter: the random stream it draws from (its index, or a portfolio's shared stream).
  std::vector<std::uint64_t> streams_;
  bool constant_fields_ = false;
  std::vector<bool> constant_;  // per parameter: every field is a plain number
  // Every field compiled (for parameters whose fields are expressions), handles per parameter.
  std::shared_ptr<const ExpressionSet> fields_;
  std::vector<std::vector<std::size_t>> field_handles_;
  std::vector<DistributionKind> kinds_;
  std::vector<std::string> ids_;
  // Per parameter: empty, or the exact quantiles at the kQuantileTableIntervals + 1 nodes,
  // followed by the slopes there (see parameter_sampler.cpp).
  std::vector<std::vector<double>> quantile_tables_;
  // Per parameter: empty (independent draws) or the rank of each sample in 0..N-1.
  std::vector<std::vector<std::uint32_t>> ranks_;
  // Per correlated parameter under plain Monte Carlo: its N independent uniforms, sorted.
  std::vector<std::vector<double>> sorted_uniforms_;
};

/// One thread's draws from a sampler, into buffers reused from sample to sample. Parameters whose
/// fields are plain numbers use the sampler's tables; the others evaluate their fields with this
/// object's own copy of the compiled expressions (muparser is not thread-safe), in dependency
/// order — the same values as ParameterModel::ValuesAt, without touching shared state.
///
/// Example:
///   SampleDraws draws(sampler);                       // one per thread
///   MEND_TRY(std::span<const double> values, draws.Values(k));
class SampleDraws {
 public:
  /// `sampler` must outlive the draws.
  explicit SampleDraws(const ParameterSampler& sampler);

  /// Returns every parameter's value in sample k, valid until the next call. Fails with
  /// kInvalidArgument (naming the sample, parameter and field) when an expression field makes a
  /// distribution invalid. Allocates nothing.
  Result<std::span<const double>> Values(std::uint64_t k);

 private:
  const ParameterSampler* sampler_;
  std::optional<ExpressionSet> fields_;
  std::vector<double> probabilities_;
  std::vector<double> values_;
};

}  // namespace mend
