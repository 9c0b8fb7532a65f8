// SPDX-License-Identifier: Apache-2.0
//
// `mend analyze`: stability, the default, the positive-sum alternative and the loss ledger of a
// case, or of every case of a portfolio, as a readable report, Markdown or JSON.
#include <algorithm>
#include <cmath>

#include "commands.hpp"
#include "interrupt.hpp"
#include "lenses_text.hpp"
#include "output.hpp"
#include <fmt/format.h>

#include "mend/efficiency/efficiency.hpp"
#include "mend/io/analysis_json.hpp"
#include "mend/io/case_reader.hpp"
#include "mend/io/lenses_json.hpp"
#include "mend/lenses/linkage.hpp"
#include "mend/stability/stability.hpp"
#include "mend/stability/status_quo_analysis.hpp"

namespace mend::cli {
namespace {

// Lists longer than this are cut in the readable formats (JSON always lists everything).
constexpr std::size_t kMaxListed = 12;

std::string Number(double value) {
  if (value == 0) return "0";
  std::string text = fmt::format("{:.4g}", value);
  return text;
}

std::string Signed(double value) { return value > 0 ? "+" + Number(value) : Number(value); }

std::string List(const StateSpace& space, const std::vector<StateId>& states) {
  if (states.empty()) return "none";
  std::string out;
  for (std::size_t k = 0; k < states.size() && k < kMaxListed; ++k) {
    out += (k == 0 ? "" : ", ") + space.Pattern(states[k]);
  }
  if (states.size() > kMaxListed) out += fmt::format(", ... ({} in all)", states.size());
  return out;
}

class Writer {
 public:
  explicit Writer(bool markdown) : markdown_(markdown) {}

  void Heading(int level, const std::string& text) {
    out_ += markdown_ ? std::string(static_cast<std::size_t>(level) + 1, '#') + " " + text + "\n\n"
                      : text + "\n" + std::string(text.size(), level == 0 ? '=' : '-') + "\n";
  }
  void Line(const std::string& text) { out_ += (markdown_ ? "" : "") + text + "\n"; }
  void Item(const std::string& text) { out_ += (markdown_ ? "- " : "  ") + text + "\n"; }
  void Gap() { out_ += "\n"; }
  // A table: markdown pipes, or columns padded to their widest cell.
  void Table(const std::vector<std::vector<std::string>>& rows) {
    if (rows.empty()) return;
    std::vector<std::size_t> width(rows[0].size(), 0);
    for (const auto& row : rows) {
      for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], Length(row[c]));
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
      std::string line = markdown_ ? "|" : " ";
      for (std::size_t c = 0; c < rows[r].size(); ++c) {
        const std::string padding(width[c] - Length(rows[r][c]), ' ');
        line +=
            " " + (c == 0 ? rows[r][c] + padding : padding + rows[r][c]) + (markdown_ ? " |" : " ");
      }
      out_ += line + "\n";
      if (r == 0 && markdown_) {
        std::string rule = "|";
        for (std::size_t c = 0; c < width.size(); ++c) {
          rule += (c == 0 ? " :" : " ") + std::string(width[c] - 1, '-') + (c == 0 ? " |" : ": |");
        }
        out_ += rule + "\n";
      }
    }
  }
  std::string str() const { return out_; }

 private:
  // Display width in code points (dimension names and units may hold non-ASCII text).
  static std::size_t Length(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
  }
  bool markdown_;
  std::string out_;
};

void WriteLedger(Writer& w, const CompiledCase& compiled, const EfficiencyAgainst& block) {
  const CaseDefinition& definition = compiled.definition;
  std::vector<bool> used(definition.dimensions.size(), false);
  for (const ActorLedger& entry : block.ledger) {
    for (const LedgerEntry& item : entry.dimensions) used[item.dimension.value] = true;
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head = {"actor"};
  for (std::size_t k = 0; k < used.size(); ++k) {
    if (!used[k]) continue;
    const Dimension& dimension = definition.dimensions[k];
    head.push_back(dimension.id + (dimension.unit.empty() ? "" : " [" + dimension.unit + "]") +
                   (dimension.is_status() ? " (status)" : ""));
  }
  head.push_back("total (utility)");
  head.push_back("without status");
  rows.push_back(head);
  for (const ActorLedger& entry : block.ledger) {
    const Actor& actor = definition.actors[entry.actor.value];
    std::vector<std::string> row = {actor.id + (actor.is_decider() ? "" : " (affected)")};
    for (std::size_t k = 0; k < used.size(); ++k) {
      if (!used[k]) continue;
      auto it = std::find_if(entry.dimensions.begin(), entry.dimensions.end(),
                             [&](const LedgerEntry& e) { return e.dimension.value == k; });
      row.push_back(it == entry.dimensions.end()
                        ? ""
                        : fmt::format("{} (w {})", Signed(it->natural), Signed(it->weighted)));
    }
    row.push_back(entry.cardinal ? Signed(entry.total) : "ordinal");
    row.push_back(entry.cardinal ? Signed(entry.status_neutral_total) : "ordinal");
    rows.push_back(row);
  }
  w.Table(rows);
  w.Gap();
  w.Line(
      fmt::format("Each cell: the change in natural units from the default {} to {}, then "
                  "(w ...) its weighted share of the actor's utility change.",
                  compiled.space.Pattern(block.default_state),
                  compiled.space.Pattern(block.alternative->state)));
  std::string losses;
  for (const ActorLedger& entry : block.ledger) {
    if (!entry.cardinal) continue;
    losses += (losses.empty() ? "" : ", ") +
              fmt::format("{} {}", definition.actors[entry.actor.value].id, Number(entry.total));
  }
  w.Line("Unnecessary loss of the default (utility): " + losses + ".");
}

void WriteBlock(Writer& w, const CaseAnalysis& analysis, const EfficiencyAgainst& block) {
  const CompiledCase& compiled = *analysis.compiled;
  const StateSpace& space = compiled.space;
  const CaseDefinition& definition = compiled.definition;
  w.Line(EfficiencyVerdict(compiled, analysis.efficiency, block));
  w.Gap();
  w.Item(fmt::format("States that Pareto-improve {}: {}", space.Pattern(block.default_state),
                     List(space, block.improvements)));
  if (!block.alternative) return;
  const Recommendation& a = *block.alternative;
  std::string gains;
  for (ActorIndex i : analysis.report.deciders()) {
    gains += fmt::format(
        "{}{} {}", gains.empty() ? "" : ", ", definition.actors[i.value].id,
        Signed(compiled.utilities.at(i, a.state) - compiled.utilities.at(i, block.default_state)));
  }
  w.Item(fmt::format("Recommended alternative a*: {} (state {}), chosen by {}; {}; gains {}",
                     space.Pattern(a.state), a.state.value + 1, a.rule,
                     a.self_enforcing ? "self-enforcing" : "not self-enforcing", gains));
  w.Item(fmt::format(
      "Largest Nash product: {}; Kalai-Smorodinsky point: {}; largest total gain: {}",
      space.Pattern(block.nash_product->state), space.Pattern(block.kalai_smorodinsky->state),
      space.Pattern(block.largest_total_gain->state)));
  w.Gap();
  WriteLedger(w, compiled, block);
}

void WriteCase(Writer& w, const CaseAnalysis& analysis) {
  const CompiledCase& compiled = *analysis.compiled;
  const CaseDefinition& definition = compiled.definition;
  const StateSpace& space = compiled.space;
  const StatusQuoAnalysis& sq = analysis.status_quo;
  const EfficiencyAnalysis& efficiency = analysis.efficiency;
  w.Heading(0, fmt::format("{} — {}", definition.id, definition.title.text));
  w.Line(fmt::format("{} feasible states; {} sanctions; alternatives preferred when {}-stable.",
                     space.size(), SanctionRuleName(analysis.sanctions),
                     StabilityConceptName(efficiency.concept_id)));
  w.Gap();

  w.Heading(1, "The default: where the conflict goes");
  w.Item(fmt::format("Status quo: {} (state {})", space.Pattern(sq.status_quo),
                     sq.status_quo.value + 1));
  std::string path = space.Pattern(sq.dynamics.path.front());
  for (std::size_t m = 0; m < sq.dynamics.movers.size() && m < 3 * kMaxListed; ++m) {
    path += fmt::format(
        " -{}-> {}", definition.actors[analysis.report.deciders()[sq.dynamics.movers[m]].value].id,
        space.Pattern(sq.dynamics.path[m + 1]));
  }
  if (sq.dynamics.movers.size() > 3 * kMaxListed) path += " ...";
  w.Item("Best-response dynamics: " + path);
  if (sq.dynamics.cycle) {
    w.Item("The dynamics cycle through " + List(space, sq.dynamics.cycle_states) +
           ": there is no single default outcome");
  }
  if (sq.default_state) {
    w.Item(fmt::format("Default outcome: {} (state {}){}", space.Pattern(*sq.default_state),
                       sq.default_state->value + 1,
                       sq.explicit_default ? ", set by the case" : ""));
  }
  w.Gap();

  w.Heading(1, "Equilibria");
  for (StabilityConcept c : analysis.report.concepts()) {
    w.Item(
        fmt::format("{}: {}", StabilityConceptName(c), List(space, analysis.report.Equilibria(c))));
  }
  for (const auto& [c, states] : sq.reachable_equilibria) {
    if (c == efficiency.concept_id) {
      w.Item(fmt::format("{} equilibria reachable from the status quo: {}", StabilityConceptName(c),
                         List(space, states)));
    }
  }
  w.Gap();

  w.Heading(1, "Positive-sum alternative and the loss ledger");
  w.Item("Pareto frontier (deciders): " + List(space, efficiency.frontier_deciders));
  w.Item("Pareto frontier (deciders and affected): " + List(space, efficiency.frontier_all_actors));
  w.Gap();
  if (efficiency.against_reachable_equilibria) {
    w.Line(efficiency.against.empty()
               ? "The dynamics cycle and no equilibrium is reachable from the status quo: there is "
                 "no default to count losses against."
               : "The dynamics cycle: the ledger is computed against each reachable equilibrium.");
    w.Gap();
  }
  for (const EfficiencyAgainst& block : efficiency.against) {
    if (efficiency.against_reachable_equilibria) {
      w.Heading(2, "Against " + space.Pattern(block.default_state));
    }
    WriteBlock(w, analysis, block);
    w.Gap();
  }
}

Result<CaseAnalysis> Analyze(const CompiledCase& compiled, StabilityConcept concept_id,
                             SanctionRule sanctions, unsigned threads, std::stop_token stop) {
  CaseAnalysis analysis;
  analysis.compiled = &compiled;
  analysis.sanctions = sanctions;
  StabilityOptions options;
  options.sanctions = sanctions;
  options.threads = threads;
  MEND_TRY(analysis.report, AnalyzeStability(compiled, options, stop));
  MEND_TRY(analysis.status_quo, AnalyzeStatusQuo(compiled, analysis.report, stop));
  EfficiencyOptions efficiency_options;
  efficiency_options.concept_id = concept_id;
  MEND_TRY(analysis.efficiency,
           AnalyzeEfficiency(compiled, analysis.report, analysis.status_quo, efficiency_options));
  return analysis;
}

}  // namespace

Command AddAnalyzeCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "analyze",
      "The default, the positive-sum alternative and the loss ledger of a case or portfolio");
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  auto concept_name = std::make_shared<std::string>("seq");
  auto sanctions = std::make_shared<std::string>("textbook");
  auto threads = std::make_shared<unsigned>(0);
  auto max_states = std::make_shared<std::uint64_t>(EnumerationLimits{}.max_states);
  command->add_option("file", *file, "Case or portfolio file (YAML)")->required();
  command->add_option("--format", *format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  command
      ->add_option(
          "--concept", *concept_name,
          "Prefer alternatives that are equilibria under this concept: nash, gmr, smr, seq")
      ->check(CLI::IsMember({"nash", "gmr", "smr", "seq"}))
      ->capture_default_str();
  command->add_option("--sanctions", *sanctions, "Sanction rule: textbook or gmcr-plus")
      ->check(CLI::IsMember({"textbook", "gmcr-plus"}))
      ->capture_default_str();
  command->add_option("--threads", *threads, "Worker threads (0 = all cores)")
      ->capture_default_str();
  command->add_option("-o,--output", *output, "Write to this file instead of stdout ('-')");
  command->add_option("--max-states", *max_states, "Refuse cases with more feasible states")
      ->capture_default_str();
  return [=]() {
    // Ctrl-C cancels in every phase; loading and the efficiency analysis take no stop token, so
    // they are checked after they return.
    InterruptWatcher interrupt;
    ReadOptions read_options;
    read_options.limits.max_states = *max_states;
    Result<Document> document = ReadDocumentFile(*file, read_options);
    if (interrupt.interrupted()) return Report(InterruptWatcher::Cancelled("analyze"));
    if (!document) return Report(document.error());
    const StabilityConcept concept_id = *ParseStabilityConcept(*concept_name);
    const SanctionRule rule = *ParseSanctionRule(*sanctions);

    std::vector<const CompiledCase*> cases;
    const auto* portfolio = std::get_if<CompiledPortfolio>(&*document);
    if (portfolio != nullptr) {
      for (const CompiledCase& one : portfolio->cases) cases.push_back(&one);
    } else {
      cases.push_back(&std::get<CompiledCase>(*document));
    }
    std::vector<CaseAnalysis> analyses;
    for (const CompiledCase* one : cases) {
      Result<CaseAnalysis> analysis = Analyze(*one, concept_id, rule, *threads, interrupt.token());
      if (interrupt.interrupted()) return Report(InterruptWatcher::Cancelled("analyze"));
      if (!analysis) return Report(analysis.error());
      analyses.push_back(std::move(*analysis));
    }
    // A portfolio also gets the no-linkage analysis (lenses/linkage.hpp).
    std::optional<LinkageAnalysis> linkage;
    if (portfolio != nullptr) {
      std::vector<LinkageIssue> issues;
      for (const CaseAnalysis& analysis : analyses) {
        issues.push_back({analysis.compiled, &analysis.efficiency});
      }
      Result<LinkageAnalysis> result = AnalyzeLinkage(portfolio->definition, issues);
      if (!result) return Report(result.error());
      linkage = std::move(*result);
    }
    std::string text;
    if (*format == "json") {
      text = portfolio != nullptr
                 ? PortfolioAnalysisJson(portfolio->definition.id, analyses, LinkageJson(*linkage))
                 : AnalysisJson(analyses.front());
    } else {
      Writer w(*format == "markdown");
      if (portfolio != nullptr) {
        w.Heading(0, fmt::format("Portfolio {} — {}", portfolio->definition.id,
                                 portfolio->definition.title.text));
        w.Line("Each case is analysed on its own (no linkage).");
        w.Gap();
      }
      for (const CaseAnalysis& analysis : analyses) WriteCase(w, analysis);
      text = w.str();
      if (linkage) text += LinkageText(*linkage, *format == "markdown");
    }
    if (interrupt.interrupted()) return Report(InterruptWatcher::Cancelled("analyze"));
    return Emit(text, *output);
  };
}

}  // namespace mend::cli
