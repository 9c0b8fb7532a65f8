// SPDX-License-Identifier: Apache-2.0
#include "mend/uncertainty/parameter_sampler.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>

#include <boost/math/distributions/normal.hpp>
#include <fmt/format.h>

#include "mend/uncertainty/random_stream.hpp"

namespace mend {
namespace {

constexpr std::uint64_t kMaxPrecomputedSamples = std::uint64_t{1} << 28;
// Stream numbers: parameter p draws from stream p; the precomputations use disjoint ranges. A
// portfolio's shared parameter j draws from stream kSharedStreams + j in every case, so sample k
// gives it the same value in every issue (its Latin hypercube strata too).
constexpr std::uint64_t kPermutationStreams = std::uint64_t{1} << 32;
constexpr std::uint64_t kScoreStreams = std::uint64_t{2} << 32;
constexpr std::uint64_t kSharedStreams = std::uint64_t{3} << 32;
constexpr std::uint64_t kSharedPermutationStreams = std::uint64_t{4} << 32;

// The density of a validated distribution at x (the kinds that get quantile tables).
double Density(const Distribution& d, double x) {
  const double a = d.fields[0];
  const double b = d.fields[1];
  const double c = d.fields[2];
  constexpr double kInverseSqrtTwoPi = 0.3989422804014327;
  switch (d.kind) {
    case DistributionKind::kNormal: {
      const double z = (x - a) / b;
      return kInverseSqrtTwoPi * std::exp(-0.5 * z * z) / b;
    }
    case DistributionKind::kLognormal: {
      const double sigma = (std::log(b) - std::log(a)) / kNormalQuantile95;
      const double z = (std::log(x) - std::log(a)) / sigma;
      return kInverseSqrtTwoPi * std::exp(-0.5 * z * z) / (x * sigma);
    }
    case DistributionKind::kPert: {
      // A beta(α, β) on [min, max] with α = 1 + 4 (mode − min)/range, β = 1 + 4 (max − mode)/range.
      const double range = c - a;
      const double alpha = 1 + 4 * (b - a) / range;
      const double beta = 1 + 4 * (c - b) / range;
      const double y = (x - a) / range;
      const double log_beta = std::lgamma(alpha) + std::lgamma(beta) - std::lgamma(alpha + beta);
      return std::exp((alpha - 1) * std::log(y) + (beta - 1) * std::log1p(-y) - log_beta) / range;
    }
    default:
      return 0;
  }
}

// The tables are uniform in s = logit(u) over [-kLogitRange, kLogitRange]: as a function of s
// every tabulated quantile function is smooth, tails included (near u = 0 a PERT quantile goes
// like u^(1/α) = exp(s/α), a normal one like -sqrt(-2s)), so cubic interpolation stays accurate
// where a grid uniform in u would not. Levels beyond the range (2·10^-6 of the draws) are exact.
constexpr double kLogitRange = 13.0;

double Logit(double u) { return std::log(u) - std::log1p(-u); }

// Exact quantiles at the nodes s_i and the slopes dx/ds = u (1 - u) / density there.
std::vector<double> QuantileTable(const Distribution& d) {
  constexpr int n = kQuantileTableIntervals;
  std::vector<double> table(2 * (n + 1), 0.0);
  for (int i = 0; i <= n; ++i) {
    const double s = -kLogitRange + 2 * kLogitRange * i / n;
    const double u = 1 / (1 + std::exp(-s));
    const double x = d.Quantile(u);
    table[static_cast<std::size_t>(i)] = x;
    table[static_cast<std::size_t>(n + 1 + i)] = u * (1 - u) / Density(d, x);
  }
  return table;
}

double TabulatedQuantile(const Distribution& d, const std::vector<double>& table, double u) {
  constexpr int n = kQuantileTableIntervals;
  const double position = (Logit(u) + kLogitRange) * (n / (2 * kLogitRange));
  if (!(position >= 0 && position < n)) return d.Quantile(u);
  const double floor = std::floor(position);
  const auto k = static_cast<std::size_t>(floor);
  const double t = position - floor;
  const double h = 2 * kLogitRange / n;
  const double x0 = table[k];
  const double x1 = table[k + 1];
  const double m0 = table[n + 1 + k];
  const double m1 = table[n + 2 + k];
  const double t2 = t * t;
  const double t3 = t2 * t;
  return (2 * t3 - 3 * t2 + 1) * x0 + (t3 - 2 * t2 + t) * h * m0 + (-2 * t3 + 3 * t2) * x1 +
         (t3 - t2) * h * m1;
}

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
    scores[i] =
        boost::math::quantile(standard, static_cast<double>(i + 1) / static_cast<double>(n + 1));
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
      for (std::size_t j = 0; j <= i; ++j)
        achieved[i * m + j] += matrix[k * m + i] * matrix[k * m + j];
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
    return Error::InvalidArgument(
        "correlations: the rank correlation matrix is not positive "
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
  sampler.streams_.resize(count);
  for (std::size_t p = 0; p < count; ++p) {
    const std::optional<std::size_t> shared =
        p < definition.parameters.size() ? definition.parameters[p].shared : std::nullopt;
    sampler.streams_[p] = shared ? kSharedStreams + *shared : p;
  }
  // A field is constant when its text is a plain number: then the central distribution (fields
  // evaluated once) is the distribution of every sample, and muparser need not run per sample.
  MEND_ASSERT(definition.parameters.size() == count, "the parameter model belongs to the case");
  sampler.constant_.assign(count, true);
  std::vector<std::string> ids;
  for (const Parameter& parameter : definition.parameters) ids.push_back(parameter.id);
  ExpressionSet fields(ids);
  sampler.field_handles_.assign(count, {});
  for (std::size_t p = 0; p < count; ++p) {
    const Parameter& parameter = definition.parameters[p];
    sampler.kinds_.push_back(parameter.kind);
    sampler.ids_.push_back(parameter.id);
    for (const ParameterField& field : parameter.fields) {
      const std::string& text = field.expression;
      const std::size_t begin = text.find_first_not_of(" \t");
      const std::size_t end = text.find_last_not_of(" \t");
      bool number = false;
      if (begin != std::string::npos) {
        double value = 0;
        const char* first = text.data() + begin;
        const char* last = text.data() + end + 1;
        if (*first == '+') ++first;
        const auto [ptr, ec] = std::from_chars(first, last, value);
        number = ec == std::errc() && ptr == last;
      }
      if (!number) sampler.constant_[p] = false;
      // The model compiled these already, so they compile here too.
      MEND_TRY(std::size_t handle, fields.Add(text));
      sampler.field_handles_[p].push_back(handle);
    }
  }
  sampler.fields_ = std::make_shared<const ExpressionSet>(std::move(fields));
  sampler.constant_fields_ =
      std::all_of(sampler.constant_.begin(), sampler.constant_.end(), [](bool b) { return b; });
  sampler.quantile_tables_.assign(count, {});
  for (std::size_t p = 0; p < count; ++p) {
    if (!sampler.constant_[p]) continue;
    const Distribution& d = parameters.central_distribution(p);
    if (d.kind == DistributionKind::kPert || d.kind == DistributionKind::kNormal ||
        d.kind == DistributionKind::kLognormal) {
      sampler.quantile_tables_[p] = QuantileTable(d);
    }
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
        const std::optional<std::size_t> shared = definition.parameters[p].shared;
        const std::uint64_t stream =
            shared ? kSharedPermutationStreams + *shared : kPermutationStreams + p;
        sampler.ranks_[p] = KeyedPermutation({options.seed, stream}, n);
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
  std::vector<double> probabilities(uncertain_.size(), 0.5);
  ProbabilitiesInto(k, probabilities);
  return probabilities;
}

void ParameterSampler::ValuesInto(std::span<const double> probabilities,
                                  std::span<double> values) const {
  MEND_ASSERT(constant_fields_, "ValuesInto needs constant distribution fields");
  for (std::size_t p = 0; p < uncertain_.size(); ++p) {
    if (!uncertain_[p]) {
      values[p] = parameters_->central()[p];
    } else if (!quantile_tables_[p].empty()) {
      values[p] = TabulatedQuantile(parameters_->central_distribution(p), quantile_tables_[p],
                                    probabilities[p]);
    } else {
      values[p] = parameters_->central_distribution(p).Quantile(probabilities[p]);
    }
  }
}

void ParameterSampler::ProbabilitiesInto(std::uint64_t k, std::span<double> probabilities) const {
  const std::size_t count = uncertain_.size();
  MEND_ASSERT(probabilities.size() == count, "one probability per parameter");
  const auto n = static_cast<double>(options_.samples);
  for (std::size_t p = 0; p < count; ++p) {
    if (!uncertain_[p]) {
      probabilities[p] = 0.5;
      continue;
    }
    if (!sorted_uniforms_[p].empty()) {
      probabilities[p] = sorted_uniforms_[p][ranks_[p][k]];
    } else if (!ranks_[p].empty()) {
      // Latin hypercube: stratum ranks_[p][k] of n, a uniform position inside it.
      probabilities[p] =
          (static_cast<double>(ranks_[p][k]) + UniformOpen({options_.seed, streams_[p]}, k, 0)) / n;
    } else {
      probabilities[p] = UniformOpen({options_.seed, streams_[p]}, k, 0);
    }
  }
}

SampleDraws::SampleDraws(const ParameterSampler& sampler)
    : sampler_(&sampler),
      probabilities_(sampler.uncertain_.size(), 0.5),
      values_(sampler.uncertain_.size(), 0.0) {
  if (!sampler.constant_fields_) fields_.emplace(*sampler.fields_);
}

Result<std::span<const double>> SampleDraws::Values(std::uint64_t k) {
  const ParameterSampler& s = *sampler_;
  s.ProbabilitiesInto(k, probabilities_);
  if (!fields_) {
    s.ValuesInto(probabilities_, values_);
    return std::span<const double>(values_);
  }
  const ParameterModel& model = *s.parameters_;
  for (std::size_t p : model.evaluation_order()) {
    if (s.constant_[p]) {
      if (!s.uncertain_[p]) {
        values_[p] = model.central()[p];
      } else if (!s.quantile_tables_[p].empty()) {
        values_[p] = TabulatedQuantile(model.central_distribution(p), s.quantile_tables_[p],
                                       probabilities_[p]);
      } else {
        values_[p] = model.central_distribution(p).Quantile(probabilities_[p]);
      }
      continue;
    }
    // The parameters this one depends on come earlier in the order, so they are set.
    fields_->SetParameters(values_);
    Distribution distribution{s.kinds_[p], {}};
    for (std::size_t f = 0; f < s.field_handles_[p].size(); ++f) {
      distribution.fields[f] = fields_->Evaluate(s.field_handles_[p][f]);
    }
    if (Status valid = distribution.Validate(); !valid) {
      return Error::InvalidArgument(
          fmt::format("sample {}: parameters.{}.{}", k, s.ids_[p], valid.error().message));
    }
    values_[p] = distribution.Quantile(probabilities_[p]);
  }
  return std::span<const double>(values_);
}

Result<std::vector<double>> ParameterSampler::Sample(std::uint64_t k) const {
  if (constant_fields_) {
    // No expression to evaluate: no shared muparser state is touched, so this is thread-safe.
    std::vector<double> probabilities = Probabilities(k);
    std::vector<double> out(probabilities.size());
    ValuesInto(probabilities, out);
    return out;
  }
  Result<std::vector<double>> values = parameters_->ValuesAt(Probabilities(k));
  if (!values) {
    return Error::InvalidArgument(fmt::format("sample {}: {}", k, values.error().message));
  }
  return values;
}

}  // namespace mend
