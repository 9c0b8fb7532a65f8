// SPDX-License-Identifier: Apache-2.0
#include "mend/uncertainty/sensitivity.hpp"

#include <cmath>

#include <fmt/format.h>

#include "mend/uncertainty/internal/sample_analyzer.hpp"
#include "mend/uncertainty/sample_utilities.hpp"

namespace mend {
namespace {

// What the conclusions are with every parameter at its median except one at quantile q.
struct Point {
  double value = 0;  // the parameter's value
  bool dominated = false;
  std::optional<StateId> alternative;
  std::vector<double> ledger;  // per actor, central a* against central d
};

int Sign(double x) { return (x > 0) - (x < 0); }

class PointEvaluator {
 public:
  PointEvaluator(const CompiledCase& compiled, const MonteCarloResult& mc, StabilityConcept c,
                 SanctionRule sanctions)
      : compiled_(&compiled),
        mc_(&mc),
        parameters_(compiled.parameters),
        evaluator_(compiled, &mc.spread),
        analyzer_(compiled, c, sanctions),
        probabilities_(compiled.parameters.size(), 0.5) {}

  Result<Point> At(std::size_t parameter, double q) {
    std::fill(probabilities_.begin(), probabilities_.end(), 0.5);
    probabilities_[parameter] = q;
    Result<std::vector<double>> values = parameters_.ValuesAt(probabilities_);
    if (!values) {
      return Error::InvalidArgument(
          fmt::format("sensitivity at quantile {}: {}", q, values.error().message));
    }
    MEND_TRY(const UtilityTable* table, evaluator_.Evaluate(*values, 0));
    MEND_TRY(const internal::SampleOutcome* outcome, analyzer_.Analyze(*table));
    Point point;
    point.value = (*values)[parameter];
    if (outcome->default_state) {
      for (std::uint8_t improves : outcome->improves)
        point.dominated = point.dominated || improves != 0;
    }
    point.alternative = outcome->alternative;
    if (mc_->central_alternative && mc_->central_default) {
      for (const std::vector<double>& u : table->utility) {
        point.ledger.push_back(u[mc_->central_alternative->value] - u[mc_->central_default->value]);
      }
    }
    return point;
  }

 private:
  const CompiledCase* compiled_;
  const MonteCarloResult* mc_;
  ParameterModel parameters_;
  SampleUtilityEvaluator evaluator_;
  internal::SampleAnalyzer analyzer_;
  std::vector<double> probabilities_;
};

// A conclusion as a comparable key: the flag, the alternative, or the ledger's sign.
using Key = std::int64_t;

Key KeyOf(const Point& point, SensitivityFigure figure, std::size_t actor) {
  switch (figure) {
    case SensitivityFigure::kDefaultDominated:
      return point.dominated ? 1 : 0;
    case SensitivityFigure::kAlternative:
      return point.alternative ? static_cast<Key>(point.alternative->value) : -1;
    case SensitivityFigure::kLedgerTotal:
      return Sign(point.ledger[actor]);
  }
  return 0;
}

}  // namespace

std::string SensitivityFigureName(const CaseDefinition& definition, const SensitivityEntry& entry) {
  switch (entry.figure) {
    case SensitivityFigure::kLedgerTotal:
      return fmt::format("ledger.{}.total", definition.actors[entry.actor->value].id);
    case SensitivityFigure::kDefaultDominated:
      return "default_pareto_dominated";
    case SensitivityFigure::kAlternative:
      return "alternative";
  }
  return "";
}

Result<std::vector<SensitivityEntry>> AnalyzeSensitivity(const CompiledCase& compiled,
                                                         const MonteCarloResult& mc,
                                                         const SensitivityOptions& options) {
  PointEvaluator evaluate(compiled, mc, options.concept_id, options.sanctions);
  const std::size_t actors = compiled.definition.actors.size();
  const bool with_ledger = mc.central_alternative && mc.central_default;
  std::vector<SensitivityEntry> entries;
  for (std::size_t p = 0; p < compiled.parameters.size(); ++p) {
    if (!compiled.parameters.central_distribution(p).uncertain()) continue;
    // The grid: the median, then steps outwards to each end of the scanned range.
    const int steps = std::max(1, options.grid_steps);
    std::vector<double> down{0.5};
    std::vector<double> up{0.5};
    for (int j = 1; j <= steps; ++j) {
      down.push_back(0.5 + (options.scan_low_quantile - 0.5) * j / steps);
      up.push_back(0.5 + (options.scan_high_quantile - 0.5) * j / steps);
    }
    std::vector<Point> down_points;
    std::vector<Point> up_points;
    for (double q : down) {
      MEND_TRY(Point point, evaluate.At(p, q));
      down_points.push_back(std::move(point));
    }
    for (double q : up) {
      MEND_TRY(Point point, evaluate.At(p, q));
      up_points.push_back(std::move(point));
    }
    MEND_TRY(const Point low, evaluate.At(p, options.low_quantile));
    MEND_TRY(const Point high, evaluate.At(p, options.high_quantile));

    std::vector<std::pair<SensitivityFigure, std::size_t>> figures;
    if (with_ledger) {
      for (std::size_t a = 0; a < actors; ++a) {
        if (mc.central_utilities.cardinal[a])
          figures.emplace_back(SensitivityFigure::kLedgerTotal, a);
      }
    }
    figures.emplace_back(SensitivityFigure::kDefaultDominated, 0);
    figures.emplace_back(SensitivityFigure::kAlternative, 0);

    for (const auto& [figure, actor] : figures) {
      SensitivityEntry entry;
      entry.parameter = p;
      entry.figure = figure;
      entry.median = down_points.front().value;
      switch (figure) {
        case SensitivityFigure::kLedgerTotal:
          entry.actor = ActorIndex{static_cast<std::uint32_t>(actor)};
          entry.low = low.ledger[actor];
          entry.high = high.ledger[actor];
          break;
        case SensitivityFigure::kDefaultDominated:
          entry.low = low.dominated ? 1 : 0;
          entry.high = high.dominated ? 1 : 0;
          break;
        case SensitivityFigure::kAlternative:
          entry.low_state = low.alternative;
          entry.high_state = high.alternative;
          break;
      }
      // The first flip on each side of the median, bisected: the ends of the interval.
      const Key central = KeyOf(down_points.front(), figure, actor);
      for (int side = 0; side < 2; ++side) {
        const std::vector<double>& qs = side == 0 ? down : up;
        const std::vector<Point>& points = side == 0 ? down_points : up_points;
        for (std::size_t j = 1; j < qs.size(); ++j) {
          if (KeyOf(points[j], figure, actor) == central) continue;
          double inside = qs[j - 1];
          double outside = qs[j];
          for (int b = 0; b < options.bisection_steps; ++b) {
            const double middle = 0.5 * (inside + outside);
            MEND_TRY(Point point, evaluate.At(p, middle));
            (KeyOf(point, figure, actor) == central ? inside : outside) = middle;
          }
          const double q = 0.5 * (inside + outside);
          MEND_TRY(Point point, evaluate.At(p, q));
          (side == 0 ? entry.holds_from : entry.holds_to) = point.value;
          (side == 0 ? entry.holds_from_quantile : entry.holds_to_quantile) = q;
          break;
        }
      }
      const bool from_nearer = entry.holds_from_quantile &&
                               (!entry.holds_to_quantile ||
                                0.5 - *entry.holds_from_quantile <= *entry.holds_to_quantile - 0.5);
      if (from_nearer) {
        entry.switching_value = entry.holds_from;
        entry.switching_quantile = entry.holds_from_quantile;
      } else if (entry.holds_to_quantile) {
        entry.switching_value = entry.holds_to;
        entry.switching_quantile = entry.holds_to_quantile;
      }
      entries.push_back(std::move(entry));
    }
  }
  return entries;
}

}  // namespace mend
