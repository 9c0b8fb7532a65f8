// SPDX-License-Identifier: Apache-2.0
#include "mend/report/brief_document.hpp"

#include <fmt/format.h>

#include "mend/engine/case_analysis.hpp"
#include "mend/report/brief_evidence.hpp"

namespace mend {

Result<std::string> WriteBrief(const std::vector<const CompiledCase*>& cases,
                               const PortfolioDefinition* portfolio, AnalysisOptions options,
                               const BriefRequest& request, const RunControl& control) {
  if (cases.empty()) return Error::InvalidArgument("cases: expected at least one case");
  // The actor's language and name come from the first case it appears in: a decider of one
  // issue only (docs/analyses.md, portfolios) gets the brief of that issue.
  const CompiledCase* home = cases.front();
  for (const CompiledCase* one : cases) {
    if (one->definition.FindActor(request.actor)) {
      home = one;
      break;
    }
  }
  const CaseDefinition& first = home->definition;
  const std::optional<ActorIndex> first_actor = first.FindActor(request.actor);
  if (!first_actor) {
    if (cases.size() == 1) {
      return Error::InvalidArgument(
          fmt::format("actor: case '{}' has no actor '{}'", first.id, request.actor));
    }
    return Error::InvalidArgument(
        fmt::format("actor: no case of the portfolio (first: '{}') has an actor '{}'", first.id,
                    request.actor));
  }
  BriefOptions brief;
  brief.version = request.version;
  const std::string& own_language = first.actors[first_actor->value].language;
  brief.language =
      request.language.value_or(own_language == "ru" ? Language::kRussian : Language::kEnglish);
  if (portfolio != nullptr) brief.portfolio_title = Localized(portfolio->title, brief.language);
  options.monte_carlo = options.samples > 0;
  std::string markdown;
  for (const CompiledCase* one : cases) {
    const std::optional<ActorIndex> actor = one->definition.FindActor(request.actor);
    if (!actor) continue;  // a portfolio's case need not involve every actor
    MEND_TRY(CaseAnalysis analysis, AnalyzeCase(*one, options, control));
    MEND_TRY(CaseEvidence evidence, GatherEvidence(analysis));
    MEND_TRY(std::string text,
             BriefMarkdown(analysis, *actor, WithEvidence(brief, analysis, evidence, *actor)));
    markdown += (markdown.empty() ? "" : "\n---\n\n") + text;
  }
  if (!request.html) return markdown;
  const std::string title =
      Localized(first.actors[first_actor->value].name, brief.language) + ": " +
      (portfolio != nullptr ? brief.portfolio_title : Localized(first.title, brief.language));
  return BriefHtmlDocument(markdown, brief.language, title);
}

}  // namespace mend
