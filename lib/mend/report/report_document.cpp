// SPDX-License-Identifier: Apache-2.0
#include "mend/report/report_document.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "mend/engine/portfolio_analysis.hpp"
#include "mend/render/analysis_json.hpp"
#include "mend/render/json_writer.hpp"
#include "mend/render/lenses_text.hpp"
#include "mend/render/montecarlo_json.hpp"
#include "mend/report/brief.hpp"
#include "mend/report/brief_evidence.hpp"
#include "mend/report/markdown.hpp"
#include "mend/report/number_format.hpp"
#include "mend/report/report_html.hpp"
#include "mend/report/report_summary.hpp"

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
// total with its 90 % range and P(net gain), from the summary (the engine's verdict and figures).
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
             "conflict under these assumptions)\n";
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
      "  ledger       what each actor gains from the default to the alternative{}\n",
      sampled ? fmt::format(", 90% range over {} samples (seed {}), P(net gain)",
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
      line += fmt::format("  [{}]  P(net gain) {}", FormatRange(*gain.p5, *gain.p95, en),
                          FormatPercent(*gain.p_gain, en));
    }
    out += line + "\n";
  }
  return out;
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
    summary.issues.push_back(SummarizeIssue(analysis));
    if (request.headline) out.headline += Headline(analysis, summary.issues.back()) + "\n";
    ReportCase section;
    section.id = definition.id;
    section.title = definition.title.text;
    section.states_json = StatesJson(one);
    section.analysis_json = AnalysisJson(analysis);
    MEND_TRY(CaseEvidence evidence, GatherEvidence(analysis));
    if (analysis.montecarlo) section.montecarlo_json = MonteCarloJson(analysis);
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
  }
  if (request.headline && summary.linkage) out.headline += LinkageText(*summary.linkage, false);
  MEND_TRY(out.html, ReportHtml(request.title, sections, SummaryHtml(summary), request.bundle,
                                request.version));
  return out;
}

}  // namespace mend
