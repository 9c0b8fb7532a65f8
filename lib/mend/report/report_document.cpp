// SPDX-License-Identifier: Apache-2.0
#include "mend/report/report_document.hpp"

#include <fmt/format.h>

#include "mend/render/analysis_json.hpp"
#include "mend/render/central_text.hpp"
#include "mend/render/json_writer.hpp"
#include "mend/render/lenses_text.hpp"
#include "mend/render/montecarlo_json.hpp"
#include "mend/report/brief.hpp"
#include "mend/report/brief_evidence.hpp"
#include "mend/report/markdown.hpp"
#include "mend/report/number_format.hpp"
#include "mend/report/report_html.hpp"

namespace mend {
namespace {

std::string NamesJson(const std::vector<std::pair<std::string, std::string>>& names) {
  std::string out = "{";
  for (const auto& [id, name] : names) {
    out += (out.size() > 1 ? ", " : "") + JsonString(id) + ": " + JsonString(name);
  }
  return out + "}";
}

// The headline of one issue: its default, its alternative in words, and each actor's ledger
// total with its 90 % range and P(net gain).
std::string Headline(const CaseAnalysis& analysis, const CaseEvidence& evidence) {
  const CompiledCase& compiled = *analysis.compiled;
  const CaseDefinition& definition = compiled.definition;
  const Language en = Language::kEnglish;
  std::string out = fmt::format("== {} ({})\n", definition.title.text, definition.id);
  const EfficiencyAgainst* block = nullptr;
  for (const EfficiencyAgainst& candidate : analysis.efficiency.against) {
    if (candidate.alternative && !candidate.ledger.empty()) {
      block = &candidate;
      break;
    }
  }
  if (analysis.efficiency.against.empty()) {
    return out + "  default      none: the moves from the status quo cycle\n";
  }
  const StateId d =
      block != nullptr ? block->default_state : analysis.efficiency.against.front().default_state;
  out += fmt::format("  default      {}\n", compiled.space.Pattern(d));
  if (block == nullptr) {
    out +=
        "  alternative  none: nothing leaves every decider better off (not an unnecessary "
        "conflict under these assumptions)\n";
    if (evidence.montecarlo) {
      const MonteCarloResult& mc = *evidence.montecarlo;
      out += fmt::format(
          "  how likely   over {} samples (seed {}): nothing Pareto-improves a sample's own "
          "default in {}\n",
          FormatNumber(static_cast<double>(mc.options.samples), en), mc.options.seed,
          FormatPercent(mc.no_alternative.p, en));
    }
    if (const std::string holds = HoldsSentence(analysis); !holds.empty()) {
      out += "  holds        " + holds + "\n";
    }
    return out;
  }
  const Recommendation& a = *block->alternative;
  std::string changes;
  const StateCode from = compiled.space.code(d);
  const StateCode to = compiled.space.code(a.state);
  for (int k = 0; k < definition.option_count(); ++k) {
    const StateCode bit = StateCode{1} << k;
    if ((from & bit) == (to & bit)) continue;
    const Option& option = definition.options[static_cast<std::size_t>(k)];
    changes += fmt::format("               {} {}: {}\n", definition.actors[option.owner.value].id,
                           (to & bit) != 0 ? "starts" : "stops", option.name.text);
  }
  out += fmt::format("  alternative  {}, {}\n{}", compiled.space.Pattern(a.state),
                     a.self_enforcing ? "self-enforcing" : "not self-enforcing", changes);
  const bool same = evidence.montecarlo && evidence.montecarlo->central_default == d &&
                    evidence.montecarlo->central_alternative == a.state;
  const MonteCarloResult* mc = same ? &*evidence.montecarlo : nullptr;
  if (mc != nullptr) {
    out += fmt::format(
        "  how likely   over {} samples (seed {}): the default {} is the default in {}, the "
        "alternative the recommended one in {}; no alternative in {}\n",
        FormatNumber(static_cast<double>(mc->options.samples), en), mc->options.seed,
        compiled.space.Pattern(d), FormatPercent(mc->central_default_likelihood.p, en),
        FormatPercent(mc->central_alternative_likelihood.p, en),
        FormatPercent(mc->no_alternative.p, en));
  }
  if (const std::string orders = MoverOrdersSentence(analysis); !orders.empty()) {
    out += "  order        " + orders + "\n";
  }
  out += fmt::format(
      "  ledger       what each actor gains from this alternative over this default{}\n",
      mc != nullptr ? ": central figure, mean and 90% range over the samples, P(net gain)"
                    : std::string(", central figures"));
  for (const ActorLedger& entry : block->ledger) {
    const Actor& actor = definition.actors[entry.actor.value];
    if (!entry.cardinal) {
      out += fmt::format("    {:<10} ranks the states without figures\n", actor.id);
      continue;
    }
    const std::string unit = TotalUnit(definition, entry.actor);
    std::string line = fmt::format("    {:<10} {} {}", actor.id, FormatSigned(entry.total, en),
                                   unit.empty() ? "(utility)" : unit);
    if (mc != nullptr) {
      for (const LedgerDistribution& sampled : mc->ledger) {
        if (sampled.actor.value != entry.actor.value || !sampled.cardinal) continue;
        line += fmt::format("  mean {}  [{}]  P(net gain) {}", FormatSigned(sampled.mean, en),
                            FormatRange(sampled.p5, sampled.p95, en),
                            FormatPercent(1 - sampled.p_loss, en));
      }
    }
    out += line + "\n";
  }
  if (mc != nullptr) {
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
        "  settled?     {} figure(s) have not converged at {} samples (mend "
        "montecarlo lists them)\n",
        analysis.convergence.size(), FormatNumber(static_cast<double>(mc->options.samples), en));
  }
  return out;
}

}  // namespace

Result<ReportDocument> BuildReport(const std::vector<const CompiledCase*>& cases,
                                   const PortfolioDefinition* portfolio, AnalysisOptions options,
                                   const ReportRequest& request, const RunControl& control) {
  if (cases.empty()) return Error::InvalidArgument("cases: expected at least one case");
  options.monte_carlo = options.samples > 0;
  ReportDocument out;
  std::vector<ReportCase> sections;
  std::vector<CaseAnalysis> analyses;
  if (request.headline && portfolio != nullptr) {
    out.headline =
        fmt::format("Portfolio {}: {}, issue by issue\n\n", portfolio->id, request.title);
  }
  for (const CompiledCase* one : cases) {
    const CaseDefinition& definition = one->definition;
    MEND_TRY(CaseAnalysis analysis, AnalyzeCase(*one, options, control));
    ReportCase section;
    section.id = definition.id;
    section.title = definition.title.text;
    section.states_json = StatesJson(*one);
    section.analysis_json = AnalysisJson(analysis);
    MEND_TRY(CaseEvidence evidence, GatherEvidence(analysis));
    if (analysis.montecarlo) section.montecarlo_json = MonteCarloJson(analysis);
    if (request.headline) out.headline += Headline(analysis, evidence) + "\n";
    std::vector<std::pair<std::string, std::string>> names;
    for (const Option& option : definition.options) names.emplace_back(option.id, option.name.text);
    section.option_names_json = NamesJson(names);
    names.clear();
    for (const Option& option : definition.options) {
      names.emplace_back(option.id, definition.actors[option.owner.value].id);
    }
    section.option_owners_json = NamesJson(names);
    names.clear();
    for (const Actor& actor : definition.actors) names.emplace_back(actor.id, actor.name.text);
    section.actor_names_json = NamesJson(names);
    // Every decider's brief in its own language, and in English too when that differs.
    for (ActorIndex actor : definition.Deciders()) {
      const Actor& who = definition.actors[actor.value];
      std::vector<Language> languages = {Language::kEnglish};
      if (who.language == "ru") languages.insert(languages.begin(), Language::kRussian);
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
    analyses.push_back(std::move(analysis));
  }
  if (request.headline && portfolio != nullptr) {
    std::vector<LinkageIssue> issues;
    for (const CaseAnalysis& analysis : analyses) {
      issues.push_back({analysis.compiled, &analysis.efficiency});
    }
    MEND_TRY(LinkageAnalysis linkage, AnalyzeLinkage(*portfolio, issues));
    out.headline += LinkageText(linkage, false);
  }
  MEND_TRY(out.html, ReportHtml(request.title, sections, request.bundle, request.version));
  return out;
}

}  // namespace mend
