// SPDX-License-Identifier: Apache-2.0
#include "mend/uncertainty/parameter_sampler.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "mend/uncertainty/random_stream.hpp"

namespace mend {
namespace {

constexpr std::uint64_t kMaxPrecomputedSamples = std::uint64_t{1} << 28;
// Stream numbers: parameter p draws from stream p; the precomputations use disjoint ranges.
constexpr std::uint64_t kPermutationStreams = std::uint64_t{1} << 32;
constexpr std::uint64_t kScoreStreams = std::uint64_t{2} << 32;

// A uniformly random permutation of 0..n-1 (Fisher–Yates driven by the keyed stream).
std::vector<std::uint32_t> KeyedPermutation(StreamKey key, std::uint64_t n) {
  std::vector<std::uint32_t> permutation(n);
  std::iota(permutation.begin(), permutation.end(), 0U);
  for (std::uint64_t i = n; i > 1; --i) {
    const std::uint64_t j = RandomBits(key, i - 1, 0) % i;  // bias below 2^-35 for n <= 2^28
    std::swap(permutation[i - 1], permutation[j]);
  }
  return permutation;
}

// Lower Cholesky factor of the m x m row-major matrix `a`; false if not positive definite.
bool Cholesky(std::vector<double> a, std::size_t m, std::vector<double>& lower) {
  lower.assign(m * m, 0.0);
  for (std::size_t j = 0; j < m; ++j) {
    double diagonal = a[j * m + j];
    for (std::size_t k = 0; k < j; ++k) diagonal -= lower[j * m + k] * lower[j * m + k];
    if (!(diagonal > 0)) return false;
    lower[j * m + j] = std::sqrt(diagonal);
    for (std::size_t i = j + 1; i < m; ++i) {
      double sum = a[i * m + j];
      for (std::size_t k = 0; k < j; ++k) sum -= lower[i * m + k] * lower[j * m + k];
      lower[i * m + j] = sum / lower[j * m + j];
    }
  }
  return true;
}

// Solves L x = b for lower-triangular L (m x m, row-major), in place.
void ForwardSubstitute(const std::vector<double>& lower, std::size_t m, double* b) {
  for (std::size_t i = 0; i < m; ++i) {
    double sum = b[i];
    for (std::size_t k = 0; k < i; ++k) sum -= lower[i * m + k] * b[k];
    b[i] = sum / lower[i * m + i];
  }
}

// Ranks (0-based, ties by sample index) of column j of the n x m row-major matrix.
std::vector<std::uint32_t> ColumnRanks(const std::vector<double>& matrix, std::uint64_t n,
                                       std::size_t m, std::size_t j) {
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return matrix[a * m + j] < matrix[b * m + j];
  });
  std::vector<std::uint32_t> ranks(n);
  for (std::uint64_t r = 0; r < n; ++r) ranks[order[r]] = static_cast<std::uint32_t>(r);
  return ranks;
}

// Iman–Conover: returns, per correlated parameter, the rank each sample takes so that the
// samples' rank correlations approximate `target` (m x m, row-major).
Result<std::vector<std::vector<std::uint32_t>>> ImanConoverRanks(std::uint64_t seed,
                                                                 std::uint64_t n,
                                                                 const std::vector<double>& target,
                                                                 std::size_t m) {
  // van der Waerden scores Φ^{-1}(i / (n + 1)), each column in its own random order.
  const boost::math::normal_distribution<double> standard;
  std::vector<double> scores(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    scores[i] = boost::math::quantile(standard, static_cast<double>(i + 1) /
                                                    static_cast<double>(n + 1));
  }
  std::vector<double> matrix(n * m);
  for (std::size_t j = 0; j < m; ++j) {
    const std::vector<std::uint32_t> order = KeyedPermutation({seed, kScoreStreams + j}, n);
    for (std::uint64_t k = 0; k < n; ++k) matrix[k * m + j] = scores[order[k]];
  }
  // The achieved correlation E of the scores (mean 0, same variance in every column).
  std::vector<double> achieved(m * m, 0.0);
  double variance = 0;
  for (double s : scores) variance += s * s;
  for (std::uint64_t k = 0; k < n; ++k) {
    for (std::size_t i = 0; i < m; ++i) {
      for (std::size_t j = 0; j <= i; ++j) achieved[i * m + j] += matrix[k * m + i] * matrix[k * m + j];
    }
  }
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j <= i; ++j) {
      achieved[i * m + j] /= variance;
      achieved[j * m + i] = achieved[i * m + j];
    }
  }
  std::vector<double> target_factor;
  std::vector<double> achieved_factor;
  if (!Cholesky(target, m, target_factor)) {
    return Error::InvalidArgument("correlations: the rank correlation matrix is not positive "
                                  "definite");
  }
  if (!Cholesky(achieved, m, achieved_factor)) {
    return Error::InvalidArgument(fmt::format(
        "correlations: {} samples are too few to impose {} correlated parameters", n, m));
  }
  // Row by row: t = P Q^{-1} s, which gives the rows correlation P P' = target.
  std::vector<double> row(m);
  for (std::uint64_t k = 0; k < n; ++k) {
    std::copy(matrix.begin() + static_cast<std::ptrdiff_t>(k * m),
              matrix.begin() + static_cast<std::ptrdiff_t>((k + 1) * m), row.begin());
    ForwardSubstitute(achieved_factor, m, row.data());
    for (std::size_t i = m; i-- > 0;) {
      double sum = 0;
      for (std::size_t j = 0; j <= i; ++j) sum += target_factor[i * m + j] * row[j];
      matrix[k * m + i] = sum;
    }
  }
  std::vector<std::vector<std::uint32_t>> ranks;
  for (std::size_t j = 0; j < m; ++j) ranks.push_back(ColumnRanks(matrix, n, m, j));
  return ranks;
}

}  // namespace

Result<ParameterSampler> ParameterSampler::Create(const CaseDefinition& definition,
                                                  const ParameterModel& parameters,
                                                  const SamplerOptions& options) {
  if (options.samples == 0) {
    return Error::InvalidArgument("samples: expected at least one sample");
  }
  ParameterSampler sampler(parameters, options);
  const std::size_t count = parameters.size();
  sampler.uncertain_.resize(count);
  sampler.ranks_.assign(count, {});
  sampler.sorted_uniforms_.assign(count, {});
  for (std::size_t p = 0; p < count; ++p) {
    sampler.uncertain_[p] = parameters.central_distribution(p).uncertain();
  }
  const bool latin = options.method == SamplingMethod::kLatinHypercube;
  const bool correlated = !definition.correlations.empty();
  if ((latin || correlated) && options.samples > kMaxPrecomputedSamples) {
    return Error::InvalidArgument(
        fmt::format("samples: expected at most {} with Latin hypercube sampling or correlations",
                    kMaxPrecomputedSamples));
  }
  const std::uint64_t n = options.samples;
  if (latin) {
    for (std::size_t p = 0; p < count; ++p) {
      if (sampler.uncertain_[p]) {
        sampler.ranks_[p] = KeyedPermutation({options.seed, kPermutationStreams + p}, n);
      }
    }
  }
  if (correlated) {
    std::vector<std::size_t> members;
    for (const Correlation& c : definition.correlations) {
      for (ParameterIndex index : {c.first, c.second}) {
        if (std::find(members.begin(), members.end(), index.value) == members.end()) {
          members.push_back(index.value);
        }
      }
    }
    std::sort(members.begin(), members.end());
    const std::size_t m = members.size();
    std::vector<double> target(m * m, 0.0);
    for (std::size_t i = 0; i < m; ++i) target[i * m + i] = 1.0;
    auto slot = [&](ParameterIndex index) {
      return static_cast<std::size_t>(std::find(members.begin(), members.end(), index.value) -
                                      members.begin());
    };
    for (const Correlation& c : definition.correlations) {
      target[slot(c.first) * m + slot(c.second)] = c.rank;
      target[slot(c.second) * m + slot(c.first)] = c.rank;
    }
    MEND_TRY(auto ranks, ImanConoverRanks(options.seed, n, target, m));
    for (std::size_t j = 0; j < m; ++j) {
      const std::size_t p = members[j];
      sampler.ranks_[p] = std::move(ranks[j]);
      if (!latin) {
        // Plain Monte Carlo keeps its independent uniforms and only reorders them.
        std::vector<double> uniforms(n);
        for (std::uint64_t k = 0; k < n; ++k) uniforms[k] = UniformOpen({options.seed, p}, k, 0);
        std::sort(uniforms.begin(), uniforms.end());
        sampler.sorted_uniforms_[p] = std::move(uniforms);
      }
    }
  }
  return sampler;
}

std::vector<double> ParameterSampler::Probabilities(std::uint64_t k) const {
  const std::size_t count = uncertain_.size();
  std::vector<double> probabilities(count, 0.5);
  const auto n = static_cast<double>(options_.samples);
  for (std::size_t p = 0; p < count; ++p) {
    if (!uncertain_[p]) continue;
    if (!sorted_uniforms_[p].empty()) {
      probabilities[p] = sorted_uniforms_[p][ranks_[p][k]];
    } else if (!ranks_[p].empty()) {
      // Latin hypercube: stratum ranks_[p][k] of n, a uniform position inside it.
      probabilities[p] =
          (static_cast<double>(ranks_[p][k]) + UniformOpen({options_.seed, p}, k, 0)) / n;
    } else {
      probabilities[p] = UniformOpen({options_.seed, p}, k, 0);
    }
  }
  return probabilities;
}

Result<std::vector<double>> ParameterSampler::Sample(std::uint64_t k) const {
  Result<std::vector<double>> values = parameters_->ValuesAt(Probabilities(k));
  if (!values) {
    return Error::InvalidArgument(fmt::format("sample {}: {}", k, values.error().message));
  }
  return values;
}

}  // namespace mend
