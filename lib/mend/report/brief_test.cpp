// SPDX-License-Identifier: Apache-2.0
#include "mend/report/brief.hpp"

#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "mend/engine/case_analysis.hpp"
#include "mend/io/case_reader.hpp"
#include "mend/render/analysis_json.hpp"
#include "mend/report/brief_evidence.hpp"
#include "mend/report/markdown.hpp"
#include "mend/report/report_html.hpp"

namespace mend {
namespace {

constexpr const char* kScript = "<script>alert(1)</script>";

// A two-decider case with a hostile string in every free-text field, in both languages.
std::string HostileCase() {
  const std::string h = std::string("\"") + kScript +
                        " <img src=x onerror=alert(2)> [x](javascript:alert(3)) *b* | `c` &amp;\"";
  return "mend: 1\nid: hostile\ntitle: " + h + "\ntitle_ru: " + h + "\nsummary: " + h +
         "\nsources:\n  - {id: s1, cite: " + h + ", url: " + h +
         "}\n"
         "actors:\n"
         "  - {id: us, name: " +
         h + ", name_ru: " + h +
         ", role: decider, language: en}\n"
         "  - {id: ru, name: " +
         h +
         ", role: decider, language: ru}\n"
         "  - {id: eu, name: " +
         h +
         ", role: affected}\n"
         "dimensions:\n"
         "  - {id: budget, name: " +
         h + ", name_ru: " + h + ", unit: " + h +
         "}\n"
         "  - {id: pride, name: " +
         h +
         ", unit: index, tags: [status]}\n"
         "parameters:\n"
         "  save: {value: 20, unit: " +
         h + ", source: s1, note: " + h +
         "}\n"
         "options:\n"
         "  us:\n    - {id: us_restrain, name: " +
         h + ", name_ru: " + h +
         "}\n"
         "  ru:\n    - {id: ru_restrain, name: " +
         h +
         "}\n"
         "status_quo: NN\n"
         "effects:\n"
         "  - when: {us_restrain: Y}\n    us: {budget: save, pride: -30}\n    ru: {pride: 10}\n"
         "    source: s1\n    note: " +
         h +
         "\n"
         "  - when: {ru_restrain: Y}\n    ru: {budget: 15, pride: -25}\n    us: {pride: 12}\n"
         "    eu: {budget: 3}\n"
         "  - when: {us_restrain: Y, ru_restrain: Y}\n    us: {pride: 5}\n    ru: {pride: 5}\n"
         "valuation:\n"
         "  us: {weights: {budget: 1, pride: 1}}\n"
         "  ru: {weights: {budget: 1, pride: 1}}\n"
         "  eu: {weights: {budget: 1}}\n";
}

class HostileBrief : public ::testing::TestWithParam<const char*> {};

TEST_P(HostileBrief, EveryCaseStringRendersAsText) {
  Result<CompiledCase> compiled = ReadCase(HostileCase(), "hostile.yaml");
  ASSERT_TRUE(compiled.has_value()) << compiled.error().message;
  Result<CaseAnalysis> analysis = AnalyzeCase(*compiled, AnalysisOptions{});
  ASSERT_TRUE(analysis.has_value()) << analysis.error().message;
  BriefOptions options;
  options.language = *ParseLanguage(GetParam());
  options.version = "<b>1</b>";
  options.portfolio_title = kScript;
  for (ActorIndex actor : {ActorIndex{0}, ActorIndex{1}, ActorIndex{2}}) {
    Result<std::string> markdown = BriefMarkdown(*analysis, actor, options);
    ASSERT_TRUE(markdown.has_value()) << markdown.error().message;
    // The ledger exists, so the hostile names reached every section.
    EXPECT_NE(markdown->find("| "), std::string::npos);
    const std::string html = BriefHtmlDocument(*markdown, options.language, kScript);
    EXPECT_EQ(html.find("<script"), std::string::npos) << html;
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_EQ(html.find("<b>"), std::string::npos);
    EXPECT_EQ(html.find("href=\"javascript"), std::string::npos);
    EXPECT_EQ(html.find("<em>b</em>"), std::string::npos);
    EXPECT_EQ(html.find("<code>c</code>"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    // The entity the case wrote stays text too: "&amp;" is shown, not "&".
    EXPECT_NE(html.find("&amp;amp;"), std::string::npos);
  }
}

INSTANTIATE_TEST_SUITE_P(Languages, HostileBrief, ::testing::Values("en", "ru"));

TEST(ReportHtml, KeepsCaseStringsInsideItsDataScript) {
  ReportCase one;
  one.id = kScript;
  one.title = std::string(kScript) + "</script><!--";
  one.option_names_json = "{" + JsonString("x") + ": " + JsonString(kScript) + "}";
  one.briefs.push_back(ReportBrief{"us", kScript, "en", "<p>&lt;script&gt;</p>"});
  Result<std::string> html =
      ReportHtml(kScript, {one}, "<p>summary</p>", "console.log('</script>')", "1");
  ASSERT_TRUE(html.has_value()) << html.error().message;
  // Exactly the page's own three script elements close (data, charts, layout); the title is
  // escaped text.
  std::size_t closes = 0;
  for (std::size_t at = html->find("</script"); at != std::string::npos;
       at = html->find("</script", at + 1)) {
    ++closes;
  }
  EXPECT_EQ(closes, 3u) << *html;
  EXPECT_NE(html->find("<title>&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(html->find("<!--"), std::string::npos);
}

// The section numbers of a brief, in order ("## 3. ..." gives 3).
std::vector<int> SectionNumbers(const std::string& markdown) {
  std::vector<int> out;
  const std::regex heading(R"(\n## (\d+)\. )");
  for (auto it = std::sregex_iterator(markdown.begin(), markdown.end(), heading);
       it != std::sregex_iterator(); ++it) {
    out.push_back(std::stoi((*it)[1]));
  }
  return out;
}

Result<CompiledCase> ShippedCase(const std::string& relative) {
  Result<Document> document = ReadDocumentFile(std::string(MEND_SOURCE_DIR) + "/" + relative);
  if (!document) return document.error();
  return std::get<CompiledCase>(std::move(*document));
}

class OrdinalBrief : public ::testing::TestWithParam<const char*> {};

// The prisoners' dilemma ranks its states: one state Pareto-improves the default, which the
// ledger of `mend analyze` says; the brief must say so too, not that nothing does.
TEST_P(OrdinalBrief, StatesTheImprovementTheLedgerStates) {
  Result<CompiledCase> compiled = ShippedCase("cases/classic/prisoners-dilemma.yaml");
  ASSERT_TRUE(compiled.has_value()) << compiled.error().message;
  Result<CaseAnalysis> analysis = AnalyzeCase(*compiled, AnalysisOptions{});
  ASSERT_TRUE(analysis.has_value()) << analysis.error().message;
  ASSERT_EQ(analysis->CentralVerdict(), Verdict::kImprovesOrdinal);
  const EfficiencyAgainst* block = analysis->DefaultBlock();
  ASSERT_NE(block, nullptr);
  const std::size_t improvements = block->improvements.size();
  ASSERT_GE(improvements, 1u);
  const std::string ledger = EfficiencyVerdict(*analysis->compiled, analysis->efficiency, *block);
  EXPECT_NE(ledger.find(std::to_string(improvements) + " state"), std::string::npos) << ledger;

  BriefOptions options;
  options.language = *ParseLanguage(GetParam());
  Result<std::string> markdown = BriefMarkdown(*analysis, ActorIndex{0}, options);
  ASSERT_TRUE(markdown.has_value()) << markdown.error().message;
  const bool ru = options.language == Language::kRussian;
  // The same count, the same improving state in words, and no "nothing improves".
  EXPECT_NE(markdown->find(ru ? "по ранжированию исходов самими сторонами): " +
                                    std::to_string(improvements)
                              : std::to_string(improvements) + " other outcome"),
            std::string::npos)
      << *markdown;
  EXPECT_NE(markdown->find(ru ? "Prisoner 1 начинает «Cooperate»; Prisoner 2 начинает «Cooperate»"
                              : "Prisoner 1 starts “Cooperate”; Prisoner 2 starts “Cooperate”"),
            std::string::npos)
      << *markdown;
  EXPECT_EQ(markdown->find(ru ? "Ни один исход не улучшает" : "Nothing leaves every side"),
            std::string::npos)
      << *markdown;
  EXPECT_EQ(SectionNumbers(*markdown), (std::vector<int>{1, 2})) << *markdown;
}

INSTANTIATE_TEST_SUITE_P(Languages, OrdinalBrief, ::testing::Values("en", "ru"));

// A brief with every evidence section but perceptions numbers its sections 1, 2, 3, ... with no
// gap where the missing section would have been (it used to jump from 4 to 6).
TEST(BriefMarkdown, NumbersItsSectionsWithoutGaps) {
  Result<CompiledCase> compiled = ShippedCase("cases/us-russia/strategic-arms.yaml");
  ASSERT_TRUE(compiled.has_value()) << compiled.error().message;
  AnalysisOptions analysis_options;
  analysis_options.samples = 200;
  analysis_options.monte_carlo = true;
  Result<CaseAnalysis> analysis = AnalyzeCase(*compiled, analysis_options);
  ASSERT_TRUE(analysis.has_value()) << analysis.error().message;
  ASSERT_EQ(analysis->CentralVerdict(), Verdict::kAlternative);
  Result<CaseEvidence> evidence = GatherEvidence(*analysis);
  ASSERT_TRUE(evidence.has_value()) << evidence.error().message;
  for (Language language : {Language::kEnglish, Language::kRussian}) {
    BriefOptions options;
    options.language = language;
    options = WithEvidence(options, *analysis, *evidence, ActorIndex{0});
    Result<std::string> markdown = BriefMarkdown(*analysis, ActorIndex{0}, options);
    ASSERT_TRUE(markdown.has_value()) << markdown.error().message;
    const std::vector<int> numbers = SectionNumbers(*markdown);
    ASSERT_GE(numbers.size(), 5u) << *markdown;
    for (std::size_t k = 0; k < numbers.size(); ++k) {
      EXPECT_EQ(numbers[k], static_cast<int>(k) + 1) << *markdown;
    }
  }
}

TEST(MarkdownToHtml, DropsRawHtmlAndRendersTables) {
  const std::string html = MarkdownToHtml("<script>x</script>\n\n| a | b |\n|--|--|\n| 1 | 2 |\n");
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("<table>"), std::string::npos);
}

TEST(Localized, FallsBackToTheOriginalAndSaysSo) {
  bool untranslated = false;
  EXPECT_EQ(Localized({"Russia", "Россия"}, Language::kRussian, &untranslated), "Россия");
  EXPECT_FALSE(untranslated);
  EXPECT_EQ(Localized({"Europe", ""}, Language::kRussian, &untranslated), "Europe");
  EXPECT_TRUE(untranslated);
}

}  // namespace
}  // namespace mend
