// SPDX-License-Identifier: Apache-2.0
#include "mend/report/report_document.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "mend/engine/lens_runs.hpp"
#include "mend/engine/portfolio_analysis.hpp"
#include "mend/render/analysis_json.hpp"
#include "mend/render/central_text.hpp"
#include "mend/render/json_writer.hpp"
#include "mend/render/lenses_text.hpp"
#include "mend/render/montecarlo_json.hpp"
#include "mend/report/brief.hpp"
#include "mend/report/brief_evidence.hpp"
#include "mend/report/markdown.hpp"
#include "mend/report/number_format.hpp"
#include "mend/report/outcome_words.hpp"
#include "mend/report/report_html.hpp"
#include "mend/report/report_summary.hpp"

namespace mend {
namespace {

// The ledger's note in Russian: the engine's efficiency verdict, which the analysis JSON (and
// so the annex's ledger) carries in English; one sentence per case of that verdict.
std::string RussianLedgerNote(const CaseAnalysis& analysis) {
  const EfficiencyAnalysis& efficiency = analysis.efficiency;
  const StateSpace& space = analysis.compiled->space;
  const char* concept_name = StabilityConceptName(efficiency.concept_id);
  if (efficiency.against.empty()) {
    return fmt::format(
        "Ходы от статус-кво зацикливаются, и ни одно равновесие {} из статус-кво не достижимо: "
        "потери не с чем сравнивать.",
        concept_name);
  }
  if (efficiency.against_reachable_equilibria) {
    return fmt::format(
        "Ходы от статус-кво зацикливаются: баланс потерь считается против каждого равновесия {}, "
        "достижимого из статус-кво.",
        concept_name);
  }
  const EfficiencyAgainst& block = efficiency.against.front();
  const std::string d = space.Pattern(block.default_state);
  switch (VerdictAgainst(block)) {
    case Verdict::kNoDefault:
    case Verdict::kNotUnnecessary:
      return fmt::format(
          "Ни одно состояние не лучше исхода по умолчанию {} для всех сторон: при этих "
          "допущениях конфликт не является ненужным.",
          d);
    case Verdict::kImprovesOrdinal:
      return fmt::format(
          "Состояний, лучших исхода по умолчанию {} для всех сторон: {}; для рекомендуемого "
          "лучшего исхода, точек торга и баланса потерь нужны количественные полезности, а "
          "предпочтения некоторых сторон порядковые.",
          d, block.improvements.size());
    case Verdict::kAlternative:
      break;
  }
  const Recommendation& a = *block.alternative;
  return fmt::format(
      "Состояние {} лучше исхода по умолчанию {} для всех сторон и {}: баланс потерь показывает, "
      "что "
      "теряется, если оставаться в исходе по умолчанию.",
      space.Pattern(a.state), d,
      a.self_enforcing
          ? fmt::format("самоподдерживающийся (равновесие по {})", concept_name)
          : fmt::format("не самоподдерживающийся (ни одно из лучших для всех состояний не "
                        "является равновесием по {})",
                        concept_name));
}

std::string NamesJson(const std::vector<std::pair<std::string, std::string>>& names) {
  std::string out = "{";
  for (const auto& [id, name] : names) {
    out += (out.size() > 1 ? ", " : "") + JsonString(id) + ": " + JsonString(name);
  }
  return out + "}";
}

// The robustness lines of a headline (docs/analyses.md, "Uncertainty"): how likely the default
// and the alternative are, the order of moves, the unconditional gains, the interval on which the
// conclusion holds and whether the figures have settled.
std::string Robustness(const CaseAnalysis& analysis, bool with_alternative) {
  const Language en = Language::kEnglish;
  const CaseDefinition& definition = analysis.compiled->definition;
  std::string out;
  const MonteCarloResult* mc = analysis.montecarlo ? &*analysis.montecarlo : nullptr;
  if (mc != nullptr) {
    const std::string samples =
        fmt::format("over {} samples (seed {})",
                    FormatNumber(static_cast<double>(mc->options.samples), en), mc->options.seed);
    if (with_alternative) {
      out += fmt::format(
          "  how likely   {}: this default is the default in {}, this alternative the "
          "recommended one in {}; no alternative in {}\n",
          samples, FormatPercent(mc->central_default_likelihood.p, en),
          FormatPercent(mc->central_alternative_likelihood.p, en),
          FormatPercent(mc->no_alternative.p, en));
    } else {
      out +=
          fmt::format("  how likely   {}: nothing Pareto-improves a sample's own default in {}\n",
                      samples, FormatPercent(mc->no_alternative.p, en));
    }
    const std::optional<SampledDefault> frequent = MostFrequentDefault(*mc);
    if (frequent && mc->central_default && frequent->state != *mc->central_default) {
      out += fmt::format("  most often   the samples' most frequent default is {} ({}), in {}\n",
                         analysis.compiled->space.Pattern(frequent->state),
                         OutcomeInWords(*analysis.compiled, frequent->state, en),
                         FormatPercent(frequent->p, en));
    }
  }
  if (const std::string orders = MoverOrdersSentence(analysis); !orders.empty()) {
    out += "  order        " + orders + "\n";
  }
  if (const std::string expected = ExpectationSentence(analysis); !expected.empty()) {
    out += "  expected     " + expected + "\n";
  }
  if (mc != nullptr && with_alternative) {
    out +=
        "  whatever happens  each sample's own alternative over its own default (0 when it "
        "has none): mean and 90% range\n";
    for (const LedgerDistribution& sampled : mc->unconditional_ledger) {
      if (!sampled.cardinal) continue;
      const std::string unit = TotalUnit(definition, sampled.actor);
      out += fmt::format("    {:<10} mean {} {}  [{}]\n", definition.actors[sampled.actor.value].id,
                         FormatSigned(sampled.mean, en), unit.empty() ? "(utility)" : unit,
                         FormatRange(sampled.p5, sampled.p95, en));
    }
  }
  if (const std::string holds = HoldsSentence(analysis); !holds.empty()) {
    out += "  holds        " + holds + "\n";
  }
  if (mc != nullptr && !analysis.convergence.empty()) {
    out += fmt::format(
        "  settled?     {} figure(s) have not converged at {} samples (mend montecarlo lists "
        "them)\n",
        analysis.convergence.size(), FormatNumber(static_cast<double>(mc->options.samples), en));
  }
  return out;
}

// What it would take, for an issue without an alternative (`mend bridge`, docs/lenses.md): the
// state that most raises the deciders' total, who blocks it and by how much, and the smallest
// transfer that would close the gap. Empty when no state raises the total or nobody blocks it.
std::string WouldTake(const CaseAnalysis& analysis) {
  Result<BridgeReport> bridge = RunBridge(analysis, std::nullopt, 1);
  if (!bridge || !bridge->cardinal || bridge->targets.empty()) return "";
  const BridgeTarget& target = bridge->targets[0];
  if (target.blockers.empty() || target.total_gain <= 0) return "";
  const CompiledCase& compiled = *analysis.compiled;
  const CaseDefinition& definition = compiled.definition;
  const Language en = Language::kEnglish;
  auto id_of = [&](ActorIndex a) { return definition.actors[a.value].id; };
  auto unit_of = [&](DimensionIndex d) { return definition.dimensions[d.value].unit; };
  std::string out =
      fmt::format("  would take   {} raises the deciders' total by {}: {}\n",
                  compiled.space.Pattern(target.state), FormatNumber(target.total_gain, en),
                  ChangeInWords(compiled, bridge->default_state, target.state, en, nullptr));
  for (const BridgeBlocker& blocker : target.blockers) {
    out += fmt::format("               {} would lose {} in its own utility", id_of(blocker.actor),
                       FormatNumber(blocker.shortfall, en));
    if (blocker.money_dimension) {
      out += fmt::format(" ({} {})", FormatNumber(blocker.money_shortfall, en),
                         unit_of(*blocker.money_dimension));
    }
    out += "\n";
  }
  if (target.transfer) {
    const Transfer& transfer = *target.transfer;
    std::string concept_name(StabilityConceptName(bridge->concept_id));
    for (char& c : concept_name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::vector<std::string> from, to;
    for (const TransferLeg& leg : transfer.from) from.push_back(id_of(leg.actor));
    for (const TransferLeg& leg : transfer.to) to.push_back(id_of(leg.actor));
    const bool stable =
        std::find(target.stable_with_transfer.begin(), target.stable_with_transfer.end(),
                  bridge->concept_id) != target.stable_with_transfer.end();
    out +=
        fmt::format("               a transfer of {} {} from {} to {} closes it{} (mend bridge)\n",
                    FormatNumber(transfer.amount, en), unit_of(transfer.dimension),
                    fmt::join(from, ", "), fmt::join(to, ", "),
                    stable ? fmt::format(", and the state is then {}-stable", concept_name)
                           : ", though the state is not then stable");
  } else {
    out += "               no transfer in a common monetary dimension closes it (mend bridge)\n";
  }
  return out;
}

// The headline of one issue: its default, its alternative in words, each actor's ledger total
// with its mean, 90 % range and P(net gain), from the summary (the engine's verdict and
// figures), then the robustness lines.
std::string Headline(const CaseAnalysis& analysis, const IssueSummary& summary) {
  const CompiledCase& compiled = *analysis.compiled;
  const CaseDefinition& definition = compiled.definition;
  const Language en = Language::kEnglish;
  std::string out = fmt::format("== {} ({})\n", definition.title.text, definition.id);
  const EfficiencyAgainst* block = analysis.DefaultBlock();
  if (block == nullptr) {
    return out + "  default      none: the moves from the status quo cycle\n";
  }
  out += fmt::format("  default      {}  ({})\n", compiled.space.Pattern(block->default_state),
                     summary.default_words);
  switch (summary.verdict) {
    case Verdict::kNoDefault:
    case Verdict::kNotUnnecessary:
      return out +
             "  alternative  none: nothing leaves every decider better off (not an unnecessary "
             "conflict under these assumptions)\n" +
             (summary.verdict == Verdict::kNotUnnecessary ? WouldTake(analysis) : std::string()) +
             Robustness(analysis, false);
    case Verdict::kImprovesOrdinal:
      out += fmt::format(
          "  alternative  none recommended: {} state{} Pareto-improve{} the default, but the "
          "preferences are ordinal\n",
          summary.improvements.size(), summary.improvements.size() == 1 ? "" : "s",
          summary.improvements.size() == 1 ? "s" : "");
      for (const std::string& words : summary.improvements) {
        out += fmt::format("               {}\n", words);
      }
      return out;
    case Verdict::kAlternative:
      break;
  }
  const Recommendation& a = *block->alternative;
  out +=
      fmt::format("  alternative  {}, {}\n               {}\n", compiled.space.Pattern(a.state),
                  a.self_enforcing ? "self-enforcing" : "not self-enforcing", summary.change_words);
  const bool sampled = summary.likelihood.has_value() &&
                       std::any_of(summary.gains.begin(), summary.gains.end(),
                                   [](const SummaryGain& gain) { return gain.p5.has_value(); });
  out += fmt::format(
      "  ledger       what each actor gains from this default to this alternative{}\n",
      sampled ? fmt::format(": central figure, mean and 90% range over {} samples (seed {}), "
                            "P(net gain)",
                            FormatNumber(static_cast<double>(summary.likelihood->samples), en),
                            summary.likelihood->seed)
              : std::string(", central figures"));
  for (const SummaryGain& gain : summary.gains) {
    if (!gain.cardinal) {
      out += fmt::format("    {:<10} ranks the states without figures\n", gain.actor);
      continue;
    }
    std::string line = fmt::format("    {:<10} {} {}", gain.actor, FormatSigned(gain.total, en),
                                   gain.unit.empty() ? "(utility)" : gain.unit);
    if (gain.p5 && gain.p95 && gain.p_gain) {
      std::string mean;
      if (analysis.montecarlo) {
        for (const LedgerDistribution& d : analysis.montecarlo->ledger) {
          if (definition.actors[d.actor.value].id == gain.actor && d.cardinal)
            mean = "  mean " + FormatSigned(d.mean, en);
        }
      }
      line += fmt::format("{}  [{}]  P(net gain) {}", mean, FormatRange(*gain.p5, *gain.p95, en),
                          FormatPercent(*gain.p_gain, en));
    }
    out += line + "\n";
  }
  return out + Robustness(analysis, true);
}

}  // namespace

Result<ReportDocument> BuildReport(const std::vector<const CompiledCase*>& cases,
                                   const PortfolioDefinition* portfolio, AnalysisOptions options,
                                   const ReportRequest& request, const RunControl& control) {
  if (cases.empty()) return Error::InvalidArgument("cases: expected at least one case");
  options.monte_carlo = options.samples > 0;
  // The one central analysis: the portfolio's (every issue and the linkage) or the case's.
  ReportSummary summary;
  summary.title = request.title;
  summary.language = request.language;
  std::vector<CaseAnalysis> analyses;
  if (portfolio != nullptr) {
    MEND_TRY(PortfolioAnalysis analysis, AnalyzePortfolio(*portfolio, cases, options, control));
    analyses = std::move(analysis.cases);
    summary.linkage = std::move(analysis.linkage);
  } else {
    MEND_TRY(CaseAnalysis analysis, AnalyzeCase(*cases.front(), options, control));
    analyses.push_back(std::move(analysis));
  }
  ReportDocument out;
  if (request.headline && portfolio != nullptr) {
    out.headline =
        fmt::format("Portfolio {}: {}, issue by issue\n\n", portfolio->id, request.title);
  }
  std::vector<ReportCase> sections;
  for (const CaseAnalysis& analysis : analyses) {
    const CompiledCase& one = *analysis.source;
    const CaseDefinition& definition = one.definition;
    summary.issues.push_back(SummarizeIssue(analysis, request.language));
    if (request.headline) {
      // The headline is English text for the terminal, whatever the page's language.
      const IssueSummary english = request.language == Language::kEnglish
                                       ? summary.issues.back()
                                       : SummarizeIssue(analysis, Language::kEnglish);
      out.headline += Headline(analysis, english) + "\n";
    }
    ReportCase section;
    section.id = definition.id;
    section.title = Localized(definition.title, request.language);
    section.states_json = StatesJson(one);
    section.analysis_json = AnalysisJson(analysis);
    if (request.language == Language::kRussian) section.ledger_note = RussianLedgerNote(analysis);
    MEND_TRY(CaseEvidence evidence, GatherEvidence(analysis));
    if (analysis.montecarlo) section.montecarlo_json = MonteCarloJson(analysis);
    std::vector<std::pair<std::string, std::string>> names;
    for (const Option& option : definition.options) {
      names.emplace_back(option.id, Localized(option.name, request.language));
    }
    section.option_names_json = NamesJson(names);
    names.clear();
    for (const Option& option : definition.options) {
      names.emplace_back(option.id, definition.actors[option.owner.value].id);
    }
    section.option_owners_json = NamesJson(names);
    names.clear();
    for (const Actor& actor : definition.actors) {
      names.emplace_back(actor.id, Localized(actor.name, request.language));
    }
    section.actor_names_json = NamesJson(names);
    // Every decider's brief in its own language, and in the report's too when that differs.
    for (ActorIndex actor : definition.Deciders()) {
      const Actor& who = definition.actors[actor.value];
      const Language own = who.language == "ru" ? Language::kRussian : Language::kEnglish;
      std::vector<Language> languages = {own};
      if (request.language != own) languages.push_back(request.language);
      for (Language language : languages) {
        BriefOptions brief;
        brief.language = language;
        brief.version = request.version;
        if (portfolio != nullptr) brief.portfolio_title = Localized(portfolio->title, language);
        MEND_TRY(std::string markdown,
                 BriefMarkdown(analysis, actor, WithEvidence(brief, analysis, evidence, actor)));
        section.briefs.push_back(ReportBrief{who.id, Localized(who.name, language),
                                             LanguageCode(language), MarkdownToHtml(markdown)});
      }
    }
    sections.push_back(std::move(section));
  }
  if (request.headline && summary.linkage) out.headline += LinkageText(*summary.linkage, false);
  MEND_TRY(out.html, ReportHtml(request.title, sections, SummaryHtml(summary), request.bundle,
                                request.version, request.language));
  return out;
}

}  // namespace mend
