// SPDX-License-Identifier: Apache-2.0
#include "mend/report/brief.hpp"

#include <string>

#include <gtest/gtest.h>

#include "mend/engine/case_analysis.hpp"
#include "mend/io/case_reader.hpp"
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
  Result<std::string> html = ReportHtml(kScript, {one}, "console.log('</script>')", "1");
  ASSERT_TRUE(html.has_value()) << html.error().message;
  // Exactly the page's own two script elements close; the title is escaped text.
  std::size_t closes = 0;
  for (std::size_t at = html->find("</script"); at != std::string::npos;
       at = html->find("</script", at + 1)) {
    ++closes;
  }
  EXPECT_EQ(closes, 2u) << *html;
  EXPECT_NE(html->find("<title>&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(html->find("<!--"), std::string::npos);
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
