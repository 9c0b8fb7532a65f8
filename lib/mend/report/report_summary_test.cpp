// SPDX-License-Identifier: Apache-2.0
#include "mend/report/report_summary.hpp"

#include <string>

#include <gtest/gtest.h>

#include "mend/engine/portfolio_analysis.hpp"
#include "mend/io/case_reader.hpp"
#include "mend/report/markdown.hpp"
#include "mend/report/number_format.hpp"
#include "mend/report/report_html.hpp"

namespace mend {
namespace {

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

Result<Document> Read(const std::string& relative) {
  return ReadDocumentFile(std::string(MEND_SOURCE_DIR) + "/" + relative);
}

AnalysisOptions Sampled() {
  AnalysisOptions options;
  options.samples = 300;
  options.seed = 7;
  options.monte_carlo = true;
  return options;
}

// Every figure of an issue's summary is the engine's: the ledger totals of the central block,
// the Monte Carlo percentiles and P(net gain) of the same pair, the unconditional ledger's means
// and the likelihoods of the central pair and of no alternative.
TEST(SummarizeIssue, ReadsEveryFigureFromTheCentralAnalysis) {
  Result<Document> document = Read("cases/us-russia/incidents.yaml");
  ASSERT_TRUE(document.has_value()) << document.error().message;
  const CompiledCase& compiled = std::get<CompiledCase>(*document);
  Result<CaseAnalysis> analysis = AnalyzeCase(compiled, Sampled());
  ASSERT_TRUE(analysis.has_value()) << analysis.error().message;
  ASSERT_EQ(analysis->CentralVerdict(), Verdict::kAlternative);
  const EfficiencyAgainst* block = analysis->CentralBlock();
  ASSERT_NE(block, nullptr);
  const MonteCarloResult& mc = *analysis->montecarlo;

  const IssueSummary summary = SummarizeIssue(*analysis);
  EXPECT_EQ(summary.verdict, Verdict::kAlternative);
  EXPECT_FALSE(summary.default_words.empty());
  EXPECT_FALSE(summary.change_words.empty());
  ASSERT_EQ(summary.gains.size(), block->ledger.size());
  for (const SummaryGain& gain : summary.gains) {
    const ActorLedger* entry = nullptr;
    for (const ActorLedger& candidate : block->ledger) {
      if (compiled.definition.actors[candidate.actor.value].id == gain.actor) entry = &candidate;
    }
    ASSERT_NE(entry, nullptr) << gain.actor;
    EXPECT_EQ(gain.total, entry->total) << gain.actor;
    for (const LedgerDistribution& unconditional : mc.unconditional_ledger) {
      if (unconditional.actor.value != entry->actor.value || !unconditional.cardinal) continue;
      ASSERT_TRUE(gain.expected.has_value()) << gain.actor;
      EXPECT_EQ(*gain.expected, unconditional.mean) << gain.actor;
    }
    for (const LedgerDistribution& sampled : mc.ledger) {
      if (sampled.actor.value != entry->actor.value || !sampled.cardinal) continue;
      ASSERT_TRUE(gain.p5 && gain.p95 && gain.p_gain) << gain.actor;
      EXPECT_EQ(*gain.p5, sampled.p5);
      EXPECT_EQ(*gain.p95, sampled.p95);
      EXPECT_EQ(*gain.p_gain, 1 - sampled.p_loss);
    }
  }
  // Deciders come first.
  EXPECT_TRUE(summary.gains.front().decider);
  ASSERT_TRUE(summary.likelihood.has_value());
  EXPECT_EQ(summary.likelihood->samples, 300u);
  EXPECT_EQ(summary.likelihood->p_default, mc.central_default_likelihood.p);
  EXPECT_EQ(summary.likelihood->p_alternative, mc.central_alternative_likelihood.p);
  EXPECT_EQ(summary.likelihood->p_no_alternative, mc.no_alternative.p);

  // The page says it in words, with each range beside its comparison and its likelihood.
  ReportSummary page{"Incidents", {summary}, std::nullopt};
  const std::string html = SummaryHtml(page);
  EXPECT_NE(html.find("By default:"), std::string::npos);
  EXPECT_NE(html.find("The better outcome:"), std::string::npos);
  EXPECT_NE(html.find("Who gains what from the default to the alternative"), std::string::npos);
  const SummaryGain& first = summary.gains.front();
  EXPECT_NE(html.find(FormatSigned(first.total, Language::kEnglish) + "</td><td class=\"num\">" +
                      FormatRange(*first.p5, *first.p95, Language::kEnglish)),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("How likely</span> (300 Monte Carlo samples, seed 7"), std::string::npos);
  EXPECT_NE(html.find(FormatPercent(*summary.likelihood->p_default, Language::kEnglish)),
            std::string::npos);
  // The figure draws one dot per cardinal gain and one bar per range.
  std::size_t cardinal = 0, ranged = 0;
  for (const SummaryGain& gain : summary.gains) {
    cardinal += gain.cardinal ? 1 : 0;
    ranged += gain.p5 ? 1 : 0;
  }
  const std::string svg = LedgerFigureSvg(page.issues);
  EXPECT_EQ(Count(svg, "<circle class=\"central\""), cardinal);
  EXPECT_EQ(Count(svg, "<line class=\"range\""), ranged);
}

// An ordinal case: the summary states the improving states, as the ledger and the brief do,
// and draws nothing (there are no figures).
TEST(SummarizeIssue, OrdinalCaseNamesTheImprovementsWithoutFigures) {
  Result<Document> document = Read("cases/classic/prisoners-dilemma.yaml");
  ASSERT_TRUE(document.has_value()) << document.error().message;
  Result<CaseAnalysis> analysis = AnalyzeCase(std::get<CompiledCase>(*document), {});
  ASSERT_TRUE(analysis.has_value()) << analysis.error().message;
  const IssueSummary summary = SummarizeIssue(*analysis);
  EXPECT_EQ(summary.verdict, Verdict::kImprovesOrdinal);
  ASSERT_EQ(summary.improvements.size(), analysis->DefaultBlock()->improvements.size());
  EXPECT_EQ(summary.improvements.front(),
            "Prisoner 1 starts “Cooperate”; Prisoner 2 starts “Cooperate”");
  EXPECT_EQ(summary.default_words,
            "Prisoner 1: none of its options; Prisoner 2: none of its options");
  const std::string html = SummaryHtml({"PD", {summary}, std::nullopt});
  EXPECT_NE(html.find("1 other outcome would leave every side better off"), std::string::npos)
      << html;
  EXPECT_EQ(html.find("Nothing leaves"), std::string::npos);
  EXPECT_TRUE(LedgerFigureSvg({summary}).empty());
}

// A portfolio's summary carries the linkage verdict of AnalyzePortfolio.
TEST(SummaryHtml, StatesThePortfolioLinkageVerdict) {
  Result<Document> document = Read("cases/us-russia/portfolio.yaml");
  ASSERT_TRUE(document.has_value()) << document.error().message;
  const CompiledPortfolio& portfolio = std::get<CompiledPortfolio>(*document);
  std::vector<const CompiledCase*> cases;
  for (const CompiledCase& one : portfolio.cases) cases.push_back(&one);
  Result<PortfolioAnalysis> analysis = AnalyzePortfolio(portfolio.definition, cases, {});
  ASSERT_TRUE(analysis.has_value()) << analysis.error().message;
  ReportSummary summary{"U.S.–Russia", {}, analysis->linkage};
  for (const CaseAnalysis& issue : analysis->cases) summary.issues.push_back(SummarizeIssue(issue));
  const std::string html = SummaryHtml(summary);
  EXPECT_EQ(Count(html, "<section class=\"issue-summary\""), analysis->cases.size());
  EXPECT_NE(html.find("<span class=\"label\">Linkage:</span>"), std::string::npos);
  EXPECT_NE(html.find(analysis->linkage.available ? "every decider accepts linkage"
                                                  : "so every issue must stand on its own"),
            std::string::npos)
      << html;
  // Three of the four issues have a single frontier state: the linked search cannot tell what
  // refusing linkage costs, and the summary says so rather than report a cost of 0.
  EXPECT_TRUE(analysis->linkage.trivial_search);
  EXPECT_NE(html.find("refusing linkage costs nothing here by construction, not by analysis"),
            std::string::npos)
      << html;
  // The linkage sentence names the issues by title.
  for (const std::string& id : analysis->linkage.positive_sum_alone) {
    for (const IssueSummary& issue : summary.issues) {
      if (issue.id == id) {
        EXPECT_NE(html.find(EscapeHtml(issue.title)), std::string::npos) << issue.title;
      }
    }
  }
}

// The page puts the summary first, the briefs (open, not folded away) next, the annex last.
TEST(ReportHtml, PutsTheSummaryThenTheBriefsThenTheAnnex) {
  ReportCase one;
  one.id = "arms";
  one.title = "Arms";
  one.briefs.push_back(ReportBrief{"us", "United States", "en", "<h1>Brief for US</h1>"});
  Result<std::string> html = ReportHtml("T", {one}, "<section id=\"summary\">S</section>", "", "1");
  ASSERT_TRUE(html.has_value()) << html.error().message;
  const std::size_t summary = html->find("id=\"summary\"");
  const std::size_t brief = html->find("<h1>Brief for US</h1>");
  const std::size_t annex = html->find("id=\"annex\"");
  ASSERT_NE(summary, std::string::npos);
  ASSERT_NE(brief, std::string::npos);
  ASSERT_NE(annex, std::string::npos);
  EXPECT_LT(summary, brief);
  EXPECT_LT(brief, annex);
  // No brief is folded away (the page's own markup, before its scripts).
  EXPECT_EQ(html->substr(0, html->find("<script")).find("<details"), std::string::npos);
  // The chart data carries no brief: the briefs are drawn once, in the page.
  EXPECT_NE(html->find("\"briefs\": []"), std::string::npos);
}

}  // namespace
}  // namespace mend
