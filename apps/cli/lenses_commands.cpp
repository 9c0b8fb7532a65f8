// SPDX-License-Identifier: Apache-2.0
//
// The lens subcommands: `mend viability` (status-quo attachment), `mend perceptions`
// (misperception and hypergames) and `mend dynamics` (expectation crises), plus the readable
// linkage section of `mend analyze PORTFOLIO`. Each reads one case, calls the library and
// renders text, Markdown or the JSON of the CLI contract.
#include <algorithm>
#include <sstream>

#include "commands.hpp"
#include "lenses_text.hpp"
#include "output.hpp"
#include <fmt/format.h>

#include "mend/io/case_reader.hpp"
#include "mend/io/lenses_json.hpp"
#include "mend/lenses/attachment.hpp"
#include "mend/lenses/dynamics.hpp"
#include "mend/lenses/perception.hpp"

namespace mend::cli {
namespace {

std::string Number(double value) {
  if (value == 0) return "0";
  return fmt::format("{:.4g}", value);
}

std::string Signed(double value) { return value > 0 ? "+" + Number(value) : Number(value); }

// Minimal text/Markdown writer: headings, items, pipe or padded tables.
class Page {
 public:
  explicit Page(bool markdown) : markdown_(markdown) {}
  void Heading(const std::string& text, int level = 0) {
    if (markdown_) {
      out_ += std::string(static_cast<std::size_t>(level) + 1, '#') + " " + text + "\n\n";
    } else {
      out_ += text + "\n" + std::string(Width(text), level == 0 ? '=' : '-') + "\n";
    }
  }
  void Line(const std::string& text) { out_ += text + "\n"; }
  void Item(const std::string& text) { out_ += (markdown_ ? "- " : "  ") + text + "\n"; }
  void Gap() { out_ += "\n"; }
  void Table(const std::vector<std::vector<std::string>>& rows) {
    if (rows.empty()) return;
    std::vector<std::size_t> width(rows[0].size(), 0);
    for (const auto& row : rows) {
      for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], Width(row[c]));
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
      std::string line = markdown_ ? "|" : " ";
      for (std::size_t c = 0; c < rows[r].size(); ++c) {
        const std::string pad(width[c] - Width(rows[r][c]), ' ');
        line += " " + (c == 0 ? rows[r][c] + pad : pad + rows[r][c]) + (markdown_ ? " |" : " ");
      }
      out_ += line + "\n";
      if (r == 0 && markdown_) {
        std::string rule = "|";
        for (std::size_t c = 0; c < width.size(); ++c) {
          rule += (c == 0 ? " :" : " ") + std::string(std::max<std::size_t>(width[c], 2) - 1, '-') +
                  (c == 0 ? " |" : ": |");
        }
        out_ += rule + "\n";
      }
    }
  }
  const std::string& str() const { return out_; }

 private:
  static std::size_t Width(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
  }
  bool markdown_;
  std::string out_;
};

// Reads a single case; a portfolio is refused with a usage hint.
Result<CompiledCase> ReadSingleCase(const std::string& file, const char* command) {
  MEND_TRY(Document document, ReadDocumentFile(file));
  if (auto* one = std::get_if<CompiledCase>(&document)) return std::move(*one);
  return Error::InvalidArgument(fmt::format(
      "{}: {} analyses one case; run it on each case file of the portfolio", file, command));
}

void AddFormatOptions(CLI::App* command, std::shared_ptr<std::string> format,
                      std::shared_ptr<std::string> output) {
  command->add_option("--format", *format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  command->add_option("-o,--output", *output, "Write to this file instead of stdout ('-')");
}

// ---- mend viability --------------------------------------------------------------------

std::string ViabilityText(const CompiledCase& compiled, const ViabilityReport& report,
                          bool markdown) {
  const CaseDefinition& definition = compiled.definition;
  Page page(markdown);
  page.Heading(
      fmt::format("Viability of {} — {}", compiled.space.Pattern(report.proposal), definition.id));
  page.Line(fmt::format("Against the status quo {}: {}.", compiled.space.Pattern(report.status_quo),
                        report.viable
                            ? "viable — no decider needs more persuading"
                            : "not viable — some decider still has a benefit to be shown"));
  if (report.samples > 0) {
    page.Line(fmt::format("Uncertainty spreads from {} Monte Carlo samples, seed {}.",
                          report.samples, report.seed));
  }
  page.Gap();
  std::vector<std::vector<std::string>> rows = {{"decider", "gain at central values", "λ", "ρ",
                                                 "sd(s0)", "sd(p)", "persuasion gap",
                                                 "closing dimension"}};
  for (const DeciderViability& d : report.deciders) {
    std::string closing = "";
    if (d.closing_dimension) {
      const DimensionIndex k = *d.closing_dimension;
      const auto relief = std::find_if(d.relief.begin(), d.relief.end(),
                                       [&](const DimensionRelief& r) { return r.dimension == k; });
      closing =
          fmt::format("{} (gap {} without its uncertainty{})", definition.dimensions[k.value].id,
                      Number(relief->gap), d.closes ? ": closes it" : "");
    } else if (d.gap > 0) {
      closing = "none: removing uncertainty does not help";
    }
    rows.push_back({definition.actors[d.decider.value].id, Signed(d.proposal_central_gain),
                    Number(d.loss_aversion), Number(d.uncertainty_aversion),
                    Number(d.status_quo_sd), Number(d.proposal_sd), Number(d.gap), closing});
  }
  page.Table(rows);
  page.Gap();
  page.Line(
      "Utility is reference-dependent: losses against the status quo weigh λ times, and ρ times "
      "the spread of the utility over the samples is subtracted. The gap is max(0, u(s0) − u(p)).");
  return page.str();
}

// ---- mend perceptions ------------------------------------------------------------------

std::string PerceptionsText(const CompiledCase& compiled, const PerceptionAnalysis& analysis,
                            bool markdown) {
  const CaseDefinition& definition = compiled.definition;
  const StateSpace& space = compiled.space;
  auto id = [&](ActorIndex a) { return definition.actors[a.value].id; };
  auto list = [&](const std::vector<StateId>& states) {
    if (states.empty()) return std::string("none");
    std::string out;
    for (StateId s : states) out += (out.empty() ? "" : ", ") + space.Pattern(s);
    return out;
  };
  Page page(markdown);
  page.Heading(fmt::format("Perceptions — {}", definition.id));
  if (definition.perceptions.empty()) {
    page.Line("The case has no perceptions block: every decider sees the true game.");
    page.Gap();
  }
  page.Heading("Hypergame equilibria", 1);
  for (StabilityConcept c : kAllStabilityConcepts) {
    const auto k = static_cast<std::size_t>(c);
    page.Item(fmt::format("{}: {} (true game: {})", StabilityConceptName(c),
                          list(analysis.hypergame_equilibria[k]),
                          list(analysis.true_equilibria[k])));
  }
  page.Line(kHypergameNote);
  page.Gap();
  page.Heading("Each holder's proposal and the reality check", 1);
  page.Item("True default: " + (analysis.default_state ? space.Pattern(*analysis.default_state)
                                                       : std::string("none (the dynamics cycle)")));
  page.Item("True recommended alternative a*: " + (analysis.true_alternative
                                                       ? space.Pattern(*analysis.true_alternative)
                                                       : std::string("none")));
  for (const HolderProposal& p : analysis.proposals) {
    if (!p.proposal) {
      page.Item(
          fmt::format("{} sees nothing that improves the default: no proposal; cost of "
                      "misperception {}",
                      id(p.holder), Number(p.cost_of_misperception)));
      continue;
    }
    std::string losers;
    for (const auto& [actor, change] : p.losers) {
      losers += (losers.empty() ? "" : ", ") + fmt::format("{} {}", id(actor), Signed(change));
    }
    page.Item(fmt::format("{} proposes {}: {}, {}; {}; cost of misperception {}", id(p.holder),
                          space.Pattern(*p.proposal),
                          p.truly_pareto_improving ? "truly Pareto-improving"
                                                   : "NOT truly Pareto-improving (rejected)",
                          p.self_enforcing ? "self-enforcing" : "not self-enforcing",
                          losers.empty() ? "nobody truly loses" : "would truly lose: " + losers,
                          Number(p.cost_of_misperception)));
  }
  page.Gap();
  page.Heading("Perceived versus actual", 1);
  std::vector<std::vector<std::string>> rows = {{"holder", "about", "dimension", "perceived weight",
                                                 "actual weight", "perceived ledger",
                                                 "actual ledger"}};
  for (const PerceptionGap& g : analysis.gaps) {
    const bool differs = g.perceived_weight != g.actual_weight;
    rows.push_back({id(g.holder), id(g.about),
                    definition.dimensions[g.dimension.value].id + (differs ? " *" : ""),
                    Number(g.perceived_weight), Number(g.actual_weight), Signed(g.perceived_ledger),
                    Signed(g.actual_ledger)});
  }
  page.Table(rows);
  page.Gap();
  page.Line(
      "Ledger: the subject's weighted change on the holder's proposal against the true "
      "default, as the holder sees it and as it is. * marks a misread weight.");
  for (const PerceivedValuation& v : analysis.valuations) {
    if (!v.applied) {
      page.Item(
          fmt::format("{} about {}: the subject has ordinal preferences or payoffs; the "
                      "overrides do not apply",
                      id(v.holder), id(v.about)));
    } else if (v.perceived_loss_aversion != v.actual_loss_aversion ||
               v.perceived_indifference != v.actual_indifference ||
               v.perceived_uncertainty_aversion != v.actual_uncertainty_aversion) {
      page.Item(
          fmt::format("{} about {}: λ {} (actual {}), ε {} (actual {}), ρ {} (actual {}; "
                      "echoed, not applied)",
                      id(v.holder), id(v.about), Number(v.perceived_loss_aversion),
                      Number(v.actual_loss_aversion), Number(v.perceived_indifference),
                      Number(v.actual_indifference), Number(v.perceived_uncertainty_aversion),
                      Number(v.actual_uncertainty_aversion)));
    }
  }
  return page.str();
}

// ---- mend dynamics ---------------------------------------------------------------------

std::string DynamicsText(const CompiledCase& compiled, const DynamicsOptions& options,
                         const DynamicsReport& report, bool markdown) {
  const CaseDefinition& definition = compiled.definition;
  Page page(markdown);
  page.Heading(fmt::format("Expectation dynamics — {}", definition.id));
  std::string means;
  for (std::size_t i = 0; i < report.deciders.size(); ++i) {
    means += (means.empty() ? "" : ", ") +
             fmt::format("{} {}", definition.actors[report.deciders[i].value].id,
                         Number(report.mean_gain[i]));
  }
  page.Line(fmt::format(
      "Engagement: {} instead of the default {}; mean gain per round {}. {} runs of {} rounds, "
      "seed {}; α = {}, θ = {} of the mean gain, crises last {} rounds.",
      compiled.space.Pattern(report.alternative), compiled.space.Pattern(report.default_state),
      means, options.runs, options.rounds, options.seed, Number(options.alpha),
      Number(options.theta), options.crisis_length));
  page.Gap();
  std::vector<std::string> head = {"κ", "crises per round", "time in crisis"};
  for (ActorIndex i : report.deciders) head.push_back("mean gain " + definition.actors[i.value].id);
  std::vector<std::vector<std::string>> rows = {head};
  for (const KappaResult& k : report.by_kappa) {
    std::vector<std::string> row = {Number(k.kappa), fmt::format("{:.4f}", k.crisis_frequency),
                                    fmt::format("{:.1f} %", 100 * k.time_in_crisis)};
    for (double g : k.mean_gain) row.push_back(Number(g));
    rows.push_back(row);
  }
  page.Table(rows);
  page.Gap();
  page.Line(fmt::format("Fewest crises at κ = {}.", Number(report.best_kappa)));
  return page.str();
}

Result<std::vector<double>> ParseKappas(const std::string& text) {
  std::vector<double> out;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    try {
      std::size_t used = 0;
      const double value = std::stod(item, &used);
      if (used != item.size()) throw std::invalid_argument(item);
      out.push_back(value);
    } catch (const std::exception&) {
      return Error::InvalidArgument(
          fmt::format("--kappa: '{}' is not a number; expected e.g. 1,1.5,2,3", item));
    }
  }
  return out;
}

}  // namespace

std::string LinkageText(const LinkageAnalysis& linkage, bool markdown) {
  Page page(markdown);
  page.Heading("Linkage: the portfolio under the no-linkage rule", 1);
  std::vector<std::string> head = {"issue", "default", "standalone a*", "linked deal"};
  std::vector<std::vector<std::string>> rows = {head};
  for (const LinkageIssueResult& issue : linkage.issues) {
    rows.push_back({issue.case_id, issue.default_pattern.empty() ? "none" : issue.default_pattern,
                    issue.standalone_pattern.empty() ? "none" : issue.standalone_pattern,
                    issue.linked_pattern.empty() ? "none" : issue.linked_pattern});
  }
  page.Table(rows);
  page.Gap();
  std::vector<std::vector<std::string>> gains = {
      {"decider", "standalone gains", "linked gains", "linkage premium"}};
  for (std::size_t i = 0; i < linkage.deciders.size(); ++i) {
    gains.push_back({linkage.deciders[i], Signed(linkage.standalone_gains[i]),
                     Signed(linkage.linked_gains[i]), Signed(linkage.premium[i])});
  }
  page.Table(gains);
  page.Gap();
  auto join = [](const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
    return out.empty() ? std::string("none") : out;
  };
  page.Item("Positive-sum on their own: " + join(linkage.positive_sum_alone));
  page.Item("Positive-sum only with linkage: " + join(linkage.needs_linkage));
  if (!linkage.linked_beats_standalone) {
    page.Item(
        "No cross-issue deal beats the issues taken one by one: the linked deal is the "
        "standalone one.");
  }
  page.Item(linkage.available
                ? "Every decider accepts linkage: the linked deal is available."
                : "Linkage is refused by " + join(linkage.refused_by) +
                      ": the linked deal is unavailable, and the issues that need linkage stay "
                      "in their defaults.");
  return page.str();
}

Command AddViabilityCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "viability",
      "Would a status-quo-attached decider accept this proposal, and what would it take?");
  auto file = std::make_shared<std::string>();
  auto proposal = std::make_shared<std::string>();
  auto samples = std::make_shared<std::uint64_t>(ViabilityOptions{}.samples);
  auto seed = std::make_shared<std::uint64_t>(ViabilityOptions{}.seed);
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  command->add_option("file", *file, "Case file (YAML)")->required();
  command->add_option("--proposal", *proposal, "The proposed state as a Y/N pattern")->required();
  command->add_option("--samples", *samples, "Monte Carlo samples for the utility spread")
      ->capture_default_str();
  command->add_option("--seed", *seed, "Random seed")->capture_default_str();
  AddFormatOptions(command, format, output);
  return [=]() {
    Result<CompiledCase> compiled = ReadSingleCase(*file, "viability");
    if (!compiled) return Report(compiled.error());
    const std::optional<StateCode> code = ParsePattern(*proposal, compiled->space.option_count());
    std::optional<StateId> state = code ? compiled->space.Find(*code) : std::nullopt;
    if (!state) {
      return Report(Error::InvalidArgument(
          fmt::format("--proposal {}: expected a feasible state of {} as {} Y/N letters", *proposal,
                      compiled->definition.id, compiled->space.option_count())));
    }
    Result<ViabilityReport> report =
        AnalyzeViability(*compiled, *state, {.samples = *samples, .seed = *seed});
    if (!report) return Report(report.error());
    return Emit(*format == "json" ? ViabilityJson(*compiled, *report)
                                  : ViabilityText(*compiled, *report, *format == "markdown"),
                *output);
  };
}

Command AddPerceptionsCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "perceptions",
      "What each side believes the other wants: hypergames, proposals, reality checks");
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  auto concept_name = std::make_shared<std::string>("seq");
  auto sanctions = std::make_shared<std::string>("textbook");
  command->add_option("file", *file, "Case file (YAML)")->required();
  command->add_option("--concept", *concept_name, "Concept for self-enforcing: nash, gmr, smr, seq")
      ->check(CLI::IsMember({"nash", "gmr", "smr", "seq"}))
      ->capture_default_str();
  command->add_option("--sanctions", *sanctions, "Sanction rule: textbook or gmcr-plus")
      ->check(CLI::IsMember({"textbook", "gmcr-plus"}))
      ->capture_default_str();
  AddFormatOptions(command, format, output);
  return [=]() {
    Result<CompiledCase> compiled = ReadSingleCase(*file, "perceptions");
    if (!compiled) return Report(compiled.error());
    PerceptionOptions options;
    options.concept_id = *ParseStabilityConcept(*concept_name);
    options.sanctions = *ParseSanctionRule(*sanctions);
    Result<PerceptionAnalysis> analysis = AnalyzePerceptions(*compiled, options);
    if (!analysis) return Report(analysis.error());
    return Emit(*format == "json" ? PerceptionsJson(*compiled, *analysis)
                                  : PerceptionsText(*compiled, *analysis, *format == "markdown"),
                *output);
  };
}

Command AddDynamicsCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "dynamics", "Simulate how inflated expectations of engagement lead to crises");
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  auto kappas = std::make_shared<std::string>("1,1.5,2,3");
  auto options = std::make_shared<DynamicsOptions>();
  command->add_option("file", *file, "Case file (YAML)")->required();
  command->add_option("--rounds", options->rounds, "Rounds per run")->capture_default_str();
  command->add_option("--runs", options->runs, "Simulated runs")->capture_default_str();
  command->add_option("--kappa", *kappas, "Initial over-expectations, comma-separated")
      ->capture_default_str();
  command->add_option("--seed", options->seed, "Random seed")->capture_default_str();
  command->add_option("--alpha", options->alpha, "Learning rate α")->capture_default_str();
  command->add_option("--theta", options->theta, "Tolerance θ as a share of the mean gain")
      ->capture_default_str();
  command->add_option("--crisis-length", options->crisis_length, "Rounds a crisis lasts (L)")
      ->capture_default_str();
  command->add_option("--threads", options->threads, "Worker threads (0 = all cores)")
      ->capture_default_str();
  AddFormatOptions(command, format, output);
  return [=]() {
    Result<std::vector<double>> parsed = ParseKappas(*kappas);
    if (!parsed) return Report(parsed.error());
    options->kappas = *parsed;
    Result<CompiledCase> compiled = ReadSingleCase(*file, "dynamics");
    if (!compiled) return Report(compiled.error());
    Result<DynamicsReport> report = SimulateExpectations(*compiled, *options);
    if (!report) return Report(report.error());
    return Emit(*format == "json"
                    ? DynamicsJson(*compiled, *options, *report)
                    : DynamicsText(*compiled, *options, *report, *format == "markdown"),
                *output);
  };
}

}  // namespace mend::cli
