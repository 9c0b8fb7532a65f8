// SPDX-License-Identifier: Apache-2.0
#include "mend/render/montecarlo_text.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "mend/core/assert.hpp"
#include "mend/render/central_text.hpp"
#include "mend/render/text_page.hpp"

namespace mend {
namespace {

// Collects a table's rows, then renders them with the one table writer.
class Rows {
 public:
  Rows(bool markdown, std::size_t left) : markdown_(markdown), left_(left) {}
  void Row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  std::string str() const {
    TextPage page(markdown_);
    page.Table(rows_, left_);
    return page.str();
  }

 private:
  bool markdown_;
  std::size_t left_;
  std::vector<std::vector<std::string>> rows_;
};

// States listed in the readable formats (JSON lists all).
constexpr std::size_t kMaxStatesListed = 16;

std::string LedgerTable(const CaseDefinition& definition,
                        const std::vector<LedgerDistribution>& ledger, bool markdown) {
  Rows rows(markdown, 1);
  rows.Row({"actor", "mean", "(±95 %)", "median", "p5", "p95", "P(loss)"});
  for (const LedgerDistribution& entry : ledger) {
    const std::string& id = definition.actors[entry.actor.value].id;
    if (!entry.cardinal) {
      rows.Row({id, "ordinal", "", "", "", "", ""});
      continue;
    }
    rows.Row({id, TextNumber(entry.mean), TextNumber(1.96 * entry.mean_standard_error),
              TextNumber(entry.median), TextNumber(entry.p5), TextNumber(entry.p95),
              TextPercent(entry.p_loss)});
  }
  return rows.str();
}

// "120 .. 5,400 (p12–p97)", "up to 5400 (to p97)", "from 120 (from p12)" or "the whole range".
std::string HoldsOn(const SensitivityEntry& entry) {
  auto value = [&](double v) { return TextNumberApart(v, entry.median); };
  auto level = [](double q) { return fmt::format("p{:.3g}", 100 * q); };
  if (entry.holds_from && entry.holds_to) {
    return fmt::format("{} .. {} ({}–{})", value(*entry.holds_from), value(*entry.holds_to),
                       level(*entry.holds_from_quantile), level(*entry.holds_to_quantile));
  }
  if (entry.holds_from) {
    return fmt::format("from {} ({} up)", value(*entry.holds_from),
                       level(*entry.holds_from_quantile));
  }
  if (entry.holds_to) {
    return fmt::format("up to {} (to {})", value(*entry.holds_to), level(*entry.holds_to_quantile));
  }
  return "the whole range";
}

// A row that says nothing: the figure is the same at both ends and never flips.
bool Silent(const SensitivityEntry& entry) {
  if (entry.holds_from || entry.holds_to) return false;
  if (entry.figure == SensitivityFigure::kAlternative) return entry.low_state == entry.high_state;
  return entry.low == entry.high;
}

}  // namespace

std::string MonteCarloText(const CaseAnalysis& analysis, bool markdown, std::size_t top) {
  MEND_ASSERT(analysis.montecarlo.has_value(), "MonteCarloText of an analysis without its run");
  const CompiledCase& compiled = *analysis.source;
  const MonteCarloResult& mc = *analysis.montecarlo;
  const std::vector<SensitivityEntry>& sensitivity = analysis.sensitivity;
  const CaseDefinition& definition = compiled.definition;
  const StateSpace& space = compiled.space;
  auto heading = [&](int level, const std::string& text) {
    return markdown
               ? std::string(static_cast<std::size_t>(level) + 1, '#') + " " + text + "\n\n"
               : text + "\n" + std::string(TextPage::Width(text), level == 0 ? '=' : '-') + "\n";
  };
  auto pattern = [&](const std::optional<StateId>& s) {
    return s ? space.Pattern(*s) : std::string("none");
  };
  std::string out =
      heading(0, fmt::format("Monte Carlo: {} ({})", definition.title.text, definition.id));
  out += fmt::format("{} samples ({}), seed {}. Central default {}, central alternative {}.\n",
                     mc.options.samples,
                     mc.options.method == SamplingMethod::kLatinHypercube ? "Latin hypercube"
                                                                          : "plain Monte Carlo",
                     mc.options.seed, pattern(mc.central_default), pattern(mc.central_alternative));
  if (mc.p_cycle > 0) {
    out += fmt::format("In {} of the samples best-response dynamics cycle: no single default.\n",
                       TextPercent(mc.p_cycle));
  }
  out += LikelihoodSentence(analysis) + "\n";
  if (const std::string orders = MoverOrdersSentence(analysis); !orders.empty()) {
    out += orders + "\n";
  }
  if (const std::string expected = ExpectationSentence(analysis); !expected.empty()) {
    out += expected + "\n";
  }
  if (!analysis.convergence.empty()) {
    out += fmt::format("\nNot converged at {} samples:\n", mc.options.samples);
    for (const ConvergenceWarning& warning : analysis.convergence) {
      out += fmt::format("- {} = {}: {}; about {} samples would do.\n", warning.figure,
                         TextNumber(warning.value), warning.reason, warning.suggested_samples);
    }
  }
  out += "\n" + heading(1, "How likely each state is");
  std::vector<const StateProbabilities*> listed;
  for (const StateProbabilities& p : mc.states) {
    const bool any =
        p.p_default > 0 || p.p_alternative > 0 || p.p_pareto_improves_default > 0 ||
        std::any_of(p.p_equilibrium.begin(), p.p_equilibrium.end(), [](double x) { return x > 0; });
    if (any) listed.push_back(&p);
  }
  std::stable_sort(listed.begin(), listed.end(), [](const auto* a, const auto* b) {
    return a->p_alternative + a->p_default > b->p_alternative + b->p_default;
  });
  Rows states(markdown, 1);
  states.Row({"state", "Nash", "GMR", "SMR", "SEQ", "default", "improves default", "recommended"});
  for (std::size_t i = 0; i < listed.size() && i < kMaxStatesListed; ++i) {
    const StateProbabilities& p = *listed[i];
    states.Row({space.Pattern(p.state), TextPercent(p.p_equilibrium[0]),
                TextPercent(p.p_equilibrium[1]), TextPercent(p.p_equilibrium[2]),
                TextPercent(p.p_equilibrium[3]), TextPercent(p.p_default),
                TextPercent(p.p_pareto_improves_default), TextPercent(p.p_alternative)});
  }
  out += states.str();
  if (listed.size() > kMaxStatesListed) {
    out += fmt::format("... {} more states with a non-zero probability (see --format json)\n",
                       listed.size() - kMaxStatesListed);
  }
  out += "\n" + heading(1, "The ledger under uncertainty");
  if (mc.ledger.empty()) {
    out +=
        "Nothing Pareto-improves the central default: the conflict is not unnecessary under the "
        "central assumptions, and there is no ledger to sample.\n";
  } else {
    out += fmt::format(
        "What each actor gains in {} over the default {} (u(a*) − u(d)), over the "
        "samples.\n\n",
        pattern(mc.central_alternative), pattern(mc.central_default));
    out += LedgerTable(definition, mc.ledger, markdown);
  }
  out += "\n" + heading(1, "The unconditional ledger");
  out += fmt::format(
      "What each actor gains in each sample's own alternative over that sample's own default "
      "(0 in the {} of samples without an alternative).\n\n",
      TextPercent(mc.no_alternative.p));
  out += LedgerTable(definition, mc.unconditional_ledger, markdown);
  out += "\n" + heading(1, "Sensitivity: each parameter at its 5th and 95th percentile");
  std::vector<const SensitivityEntry*> tornado;
  std::size_t silent = 0;
  for (const SensitivityEntry& entry : sensitivity) {
    if (Silent(entry)) {
      ++silent;
    } else {
      tornado.push_back(&entry);
    }
  }
  // Ledger figures by swing, largest first (the tornado); conclusions after them.
  std::stable_sort(tornado.begin(), tornado.end(), [](const auto* a, const auto* b) {
    const bool la = a->figure == SensitivityFigure::kLedgerTotal;
    const bool lb = b->figure == SensitivityFigure::kLedgerTotal;
    if (la != lb) return la;
    return std::abs(a->high - a->low) > std::abs(b->high - b->low);
  });
  // --top keeps the largest ledger swings; every conclusion that can flip stays.
  std::size_t beyond_top = 0;
  if (top > 0) {
    std::size_t ledger_rows = 0;
    std::erase_if(tornado, [&](const SensitivityEntry* entry) {
      if (entry->figure != SensitivityFigure::kLedgerTotal) return false;
      if (++ledger_rows <= top) return false;
      ++beyond_top;
      return true;
    });
  }
  Rows table(markdown, 2);
  table.Row({"parameter", "figure", "at p5", "at p95", "holds on"});
  for (const SensitivityEntry* entry : tornado) {
    std::string low;
    std::string high;
    switch (entry->figure) {
      case SensitivityFigure::kLedgerTotal:
        low = TextNumber(entry->low);
        high = TextNumber(entry->high);
        break;
      case SensitivityFigure::kDefaultDominated:
        low = entry->low != 0 ? "yes" : "no";
        high = entry->high != 0 ? "yes" : "no";
        break;
      case SensitivityFigure::kAlternative:
        low = pattern(entry->low_state);
        high = pattern(entry->high_state);
        break;
    }
    table.Row({definition.parameters[entry->parameter].id,
               SensitivityFigureName(definition, *entry), low, high, HoldsOn(*entry)});
  }
  if (sensitivity.empty()) {
    out += "No parameter is uncertain.\n";
  } else if (tornado.empty()) {
    out += "No parameter moves any figure between its 5th and 95th percentile.\n";
  } else {
    out += table.str();
  }
  if (silent > 0) {
    out += fmt::format(
        "{} left out: the figure is the same at both ends and holds over the whole range "
        "(see --format json).\n",
        silent == 1 ? std::string("1 row") : fmt::format("{} rows", silent));
  }
  if (beyond_top > 0) {
    out += fmt::format("{} smaller ledger swings left out (--top {}; 0 shows all).\n", beyond_top,
                       top);
  }
  return out;
}

std::string PortfolioMonteCarloText(const PortfolioAnalysis& portfolio, bool markdown,
                                    std::size_t top) {
  MEND_ASSERT(portfolio.ledger.has_value(), "PortfolioMonteCarloText without the summed run");
  std::string out;
  for (const CaseAnalysis& issue : portfolio.cases)
    out += MonteCarloText(issue, markdown, top) + "\n";
  const PortfolioLedger& ledger = *portfolio.ledger;
  CaseDefinition named;
  for (const std::string& id : ledger.actors) named.actors.push_back(Actor{.id = id});
  const std::string title =
      fmt::format("The portfolio {}: every issue together", portfolio.definition.id);
  out += markdown ? "## " + title + "\n\n"
                  : title + "\n" + std::string(TextPage::Width(title), '=') + "\n";
  if (!ledger.shared_parameters.empty()) {
    out += fmt::format("Drawn once per sample for every issue: {}.\n",
                       fmt::join(ledger.shared_parameters, ", "));
  }
  out +=
      "\nThe sum over the issues of each issue's central alternative against its central "
      "default (0 for an issue without one), sample by sample:\n\n";
  out += LedgerTable(named, ledger.conditional, markdown);
  out +=
      "\nThe sum over the issues of each sample's own alternative against its own default "
      "(the unconditional ledger):\n\n";
  out += LedgerTable(named, ledger.unconditional, markdown);
  return out;
}

}  // namespace mend
