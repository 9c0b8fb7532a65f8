// SPDX-License-Identifier: Apache-2.0
#include "mend/value/parameter_model.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace mend {
namespace {

std::string FieldKey(const Parameter& parameter, const ParameterField& field) {
  return fmt::format("parameters.{}.{}", parameter.id, field.name);
}

// Cholesky factorisation succeeds exactly when the symmetric matrix is positive definite.
// `m` is n x n, row-major.
bool PositiveDefinite(std::vector<double> m, std::size_t n) {
  auto at = [&](std::size_t i, std::size_t j) -> double& { return m[i * n + j]; };
  for (std::size_t j = 0; j < n; ++j) {
    double diagonal = at(j, j);
    for (std::size_t k = 0; k < j; ++k) diagonal -= at(j, k) * at(j, k);
    if (!(diagonal > 1e-12)) return false;
    at(j, j) = std::sqrt(diagonal);
    for (std::size_t i = j + 1; i < n; ++i) {
      double sum = at(i, j);
      for (std::size_t k = 0; k < j; ++k) sum -= at(i, k) * at(j, k);
      at(i, j) = sum / at(j, j);
    }
  }
  return true;
}

}  // namespace

Result<ParameterModel> ParameterModel::Compile(const CaseDefinition& definition) {
  std::vector<std::string> ids;
  for (const Parameter& parameter : definition.parameters) ids.push_back(parameter.id);
  ParameterModel model{ExpressionSet(ids)};
  model.ids_ = ids;
  const std::size_t n = ids.size();

  std::vector<std::vector<std::size_t>> depends_on(n);
  for (std::size_t p = 0; p < n; ++p) {
    const Parameter& parameter = definition.parameters[p];
    model.kinds_.push_back(parameter.kind);
    std::vector<std::size_t> handles;
    for (const ParameterField& field : parameter.fields) {
      Result<std::size_t> handle = model.fields_.Add(field.expression);
      if (!handle) {
        return Error::InvalidArgument(
                   fmt::format("{}: {}", FieldKey(parameter, field), handle.error().message))
            .At(field.where);
      }
      for (std::size_t used : model.fields_.UsedParameters(*handle)) {
        depends_on[p].push_back(used);
      }
      handles.push_back(*handle);
    }
    model.field_handles_.push_back(std::move(handles));
  }

  // Depth-first topological order; a grey node met again is a dependency cycle.
  enum class Mark { kWhite, kGrey, kBlack };
  std::vector<Mark> marks(n, Mark::kWhite);
  std::vector<std::size_t> path;
  std::optional<Error> cycle;
  auto visit = [&](auto&& self, std::size_t p) -> void {
    if (cycle) return;
    marks[p] = Mark::kGrey;
    path.push_back(p);
    for (std::size_t q : depends_on[p]) {
      if (marks[q] == Mark::kGrey) {
        std::string chain;
        auto start = std::find(path.begin(), path.end(), q);
        for (auto it = start; it != path.end(); ++it) chain += ids[*it] + " -> ";
        chain += ids[q];
        const Parameter& parameter = definition.parameters[p];
        cycle = Error::InvalidArgument(
                    fmt::format("parameters.{}: its fields depend on themselves ({}); expected "
                                "expressions over other parameters only",
                                parameter.id, chain))
                    .At(parameter.where);
        return;
      }
      if (marks[q] == Mark::kWhite) self(self, q);
      if (cycle) return;
    }
    path.pop_back();
    marks[p] = Mark::kBlack;
    model.order_.push_back(p);
  };
  for (std::size_t p = 0; p < n; ++p) {
    if (marks[p] == Mark::kWhite) visit(visit, p);
    if (cycle) return *cycle;
  }

  // Central values, validating every distribution at them.
  model.central_.assign(n, 0.0);
  model.distributions_.assign(n, Distribution{});
  for (std::size_t p : model.order_) {
    const Parameter& parameter = definition.parameters[p];
    model.fields_.SetParameters(model.central_);
    Distribution distribution{parameter.kind, {}};
    for (std::size_t f = 0; f < parameter.fields.size(); ++f) {
      distribution.fields[f] = model.fields_.Evaluate(model.field_handles_[p][f]);
    }
    if (Status valid = distribution.Validate(); !valid) {
      // Point at the field the message starts with.
      SourceLocation where = parameter.where;
      for (const ParameterField& field : parameter.fields) {
        if (valid.error().message.rfind(field.name + ":", 0) == 0) where = field.where;
      }
      return Error::InvalidArgument(fmt::format("parameters.{}.{} ({} distribution)", parameter.id,
                                                valid.error().message,
                                                DistributionName(parameter.kind)))
          .At(where);
    }
    model.distributions_[p] = distribution;
    model.central_[p] = distribution.Median();
  }

  // Correlations: between two distinct uncertain parameters, at most once per pair, |rank| < 1,
  // and together a positive definite matrix (else no joint distribution has them).
  std::vector<std::size_t> correlated;
  for (const Correlation& correlation : definition.correlations) {
    for (ParameterIndex index : {correlation.first, correlation.second}) {
      if (!model.distributions_[index.value].uncertain()) {
        return Error::InvalidArgument(
                   fmt::format("correlations: parameter '{}' is fixed; expected uncertain "
                               "parameters only",
                               ids[index.value]))
            .At(correlation.where);
      }
      if (std::find(correlated.begin(), correlated.end(), index.value) == correlated.end()) {
        correlated.push_back(index.value);
      }
    }
  }
  if (!definition.correlations.empty()) {
    const std::size_t m = correlated.size();
    std::vector<double> matrix(m * m, 0.0);
    for (std::size_t i = 0; i < m; ++i) matrix[i * m + i] = 1.0;
    auto slot = [&](ParameterIndex index) {
      return static_cast<std::size_t>(std::find(correlated.begin(), correlated.end(), index.value) -
                                      correlated.begin());
    };
    for (const Correlation& correlation : definition.correlations) {
      const std::size_t i = slot(correlation.first);
      const std::size_t j = slot(correlation.second);
      if (matrix[i * m + j] != 0.0) {
        return Error::InvalidArgument(fmt::format("correlations: the pair {}, {} appears twice",
                                                  ids[correlation.first.value],
                                                  ids[correlation.second.value]))
            .At(correlation.where);
      }
      matrix[i * m + j] = matrix[j * m + i] = correlation.rank;
    }
    if (!PositiveDefinite(matrix, m)) {
      return Error::InvalidArgument(
                 "correlations: the rank correlations together are not positive definite (no "
                 "joint distribution has them); expected a consistent set, e.g. weaker values")
          .At(definition.correlations.front().where);
    }
  }
  return model;
}

Result<std::vector<double>> ParameterModel::ValuesAt(std::span<const double> probabilities) const {
  std::lock_guard lock(*fields_mutex_);
  MEND_ASSERT(probabilities.size() == size(), "one probability per parameter");
  std::vector<double> values(size(), 0.0);
  for (std::size_t p : order_) {
    fields_.SetParameters(values);
    Distribution distribution{kinds_[p], {}};
    for (std::size_t f = 0; f < field_handles_[p].size(); ++f) {
      distribution.fields[f] = fields_.Evaluate(field_handles_[p][f]);
    }
    if (Status valid = distribution.Validate(); !valid) {
      return Error::InvalidArgument(
          fmt::format("parameters.{}.{}", ids_[p], valid.error().message));
    }
    values[p] = distribution.Quantile(probabilities[p]);
  }
  return values;
}

}  // namespace mend
