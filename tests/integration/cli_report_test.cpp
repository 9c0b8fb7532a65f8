// SPDX-License-Identifier: Apache-2.0
//
// `mend report` end to end on the U.S.-Russia portfolio, HTML and PDF (headless Chromium, as a
// user runs it): the page opens with the summary, then every brief open (not folded into a
// <details>), then the annex; and the PDF's text (pdftotext) holds the summary, every brief's
// heading — one per decider and language, counted from the case files — and the annex, in that
// order. Waits on the processes only.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "testkit/run_mend.hpp"
#include <gtest/gtest.h>
#include <unistd.h>

#include "mend/io/case_reader.hpp"

namespace mend {
namespace {

namespace fs = std::filesystem;

// Collapses every run of whitespace to one space, so wrapped lines read as one.
std::string Squeeze(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// The text of an HTML fragment: tags dropped, the entities cmark-gfm writes decoded.
std::string HtmlText(std::string html) {
  html = std::regex_replace(html, std::regex("<[^>]*>"), "");
  for (const auto& [entity, text] :
       {std::pair{"&quot;", "\""}, std::pair{"&#39;", "'"}, std::pair{"&lt;", "<"},
        std::pair{"&gt;", ">"}, std::pair{"&amp;", "&"}}) {
    html = std::regex_replace(html, std::regex(entity), text);
  }
  return Squeeze(html);
}

// How many briefs the report must hold: per case, per decider, its language and English.
std::size_t ExpectedBriefs(const std::string& portfolio) {
  Result<Document> document = ReadDocumentFile(portfolio);
  EXPECT_TRUE(document.has_value()) << document.error().message;
  if (!document) return 0;
  std::size_t count = 0;
  for (const CompiledCase& one : std::get<CompiledPortfolio>(*document).cases) {
    for (ActorIndex actor : one.definition.Deciders()) {
      count += one.definition.actors[actor.value].language == "ru" ? 2 : 1;
    }
  }
  return count;
}

// The printed summary (in Russian with `ru`) is all on page 1: its heading, every issue's title,
// the linkage verdict and its last line (the figure's caption), which no later page repeats.
void ExpectSummaryOnFirstPage(const std::vector<std::string>& pages, bool ru) {
  const std::string& first = pages.at(0);
  EXPECT_NE(first.find(ru ? "Резюме" : "Summary"), std::string::npos) << first;
  Result<Document> document =
      ReadDocumentFile(testkit::SourcePath("cases/us-russia/portfolio.yaml"));
  ASSERT_TRUE(document.has_value()) << document.error().message;
  for (const CompiledCase& one : std::get<CompiledPortfolio>(*document).cases) {
    const std::string& title = ru ? one.definition.title.ru : one.definition.title.text;
    ASSERT_FALSE(title.empty()) << one.definition.id;
    EXPECT_NE(first.find(title), std::string::npos) << "page 1 lacks the issue " << title;
  }
  EXPECT_NE(first.find(ru ? "Увязка вопросов:" : "Linkage:"), std::string::npos) << first;
  const std::string last_line = ru ? "правее линии — выигрыш." : "right of the line is a gain.";
  EXPECT_NE(first.find(last_line), std::string::npos)
      << "the summary's last line is not on page 1:\n"
      << first << "\n--- page 2:\n"
      << pages.at(1);
  for (std::size_t page = 1; page < pages.size(); ++page) {
    EXPECT_EQ(pages[page].find(last_line), std::string::npos) << "page " << page + 1;
  }
}

class CliReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ =
        new fs::path(fs::temp_directory_path() / ("mend-cli-report-" + std::to_string(::getpid())));
    fs::create_directories(*dir_);
    const fs::path html = *dir_ / "portfolio.html";
    const fs::path pdf = *dir_ / "portfolio.pdf";
    result_ = new testkit::CommandResult(testkit::RunMend(
        "report " + testkit::SourcePath("cases/us-russia/portfolio.yaml") + " -o " + html.string() +
        " --pdf " + pdf.string() + " --bundle " + MEND_REPORT_BUNDLE));
    html_ = new std::string(testkit::ReadFile(html));
    PdfText english = ReadPdf(pdf);
    pdf_status_ = english.status;
    pdf_text_ = new std::string(std::move(english.text));
    pdf_pages_ = new std::vector<std::string>(std::move(english.pages));
    // The same portfolio in Russian.
    const fs::path russian = *dir_ / "portfolio-ru.html";
    const fs::path russian_pdf = *dir_ / "portfolio-ru.pdf";
    russian_result_ = new testkit::CommandResult(testkit::RunMend(
        "report " + testkit::SourcePath("cases/us-russia/portfolio.yaml") + " --lang ru -o " +
        russian.string() + " --pdf " + russian_pdf.string() + " --bundle " + MEND_REPORT_BUNDLE));
    russian_html_ = new std::string(testkit::ReadFile(russian));
    PdfText russian_text = ReadPdf(russian_pdf);
    russian_pdf_status_ = russian_text.status;
    russian_pdf_pages_ = new std::vector<std::string>(std::move(russian_text.pages));
  }
  // A PDF's text (pdftotext's exit status, the whole text and each page, squeezed).
  struct PdfText {
    int status = -1;
    std::string text;
    std::vector<std::string> pages;
  };
  static PdfText ReadPdf(const fs::path& pdf) {
    const fs::path out = pdf.string() + ".txt";
    const std::string command =
        std::string(MEND_PDFTOTEXT) + " -enc UTF-8 " + pdf.string() + " " + out.string();
    PdfText read;
    read.status = std::system(command.c_str());
    const std::string raw = testkit::ReadFile(out);
    read.text = Squeeze(raw);
    // pdftotext ends every page with a form feed.
    std::size_t from = 0;
    for (std::size_t at = raw.find('\f'); at != std::string::npos; at = raw.find('\f', from)) {
      read.pages.push_back(Squeeze(raw.substr(from, at - from)));
      from = at + 1;
    }
    if (from < raw.size()) read.pages.push_back(Squeeze(raw.substr(from)));
    return read;
  }
  static void TearDownTestSuite() {
    std::error_code ignored;
    fs::remove_all(*dir_, ignored);
    delete dir_;
    delete result_;
    delete html_;
    delete pdf_text_;
    delete pdf_pages_;
    delete russian_result_;
    delete russian_html_;
    delete russian_pdf_pages_;
  }

  // The headings of the briefs in the page, in order.
  static std::vector<std::string> BriefHeadings() {
    std::vector<std::string> out;
    const std::regex article(R"(<article class="brief"[^>]*>\s*<h1>([\s\S]*?)</h1>)");
    for (auto it = std::sregex_iterator(html_->begin(), html_->end(), article);
         it != std::sregex_iterator(); ++it) {
      out.push_back(HtmlText((*it)[1]));
    }
    return out;
  }

  static fs::path* dir_;
  static testkit::CommandResult* result_;
  static std::string* html_;
  static int pdf_status_;
  static std::string* pdf_text_;
  static std::vector<std::string>* pdf_pages_;
  static testkit::CommandResult* russian_result_;
  static std::string* russian_html_;
  static int russian_pdf_status_;
  static std::vector<std::string>* russian_pdf_pages_;
};

fs::path* CliReport::dir_ = nullptr;
testkit::CommandResult* CliReport::result_ = nullptr;
std::string* CliReport::html_ = nullptr;
int CliReport::pdf_status_ = -1;
std::string* CliReport::pdf_text_ = nullptr;
std::vector<std::string>* CliReport::pdf_pages_ = nullptr;
testkit::CommandResult* CliReport::russian_result_ = nullptr;
std::string* CliReport::russian_html_ = nullptr;
int CliReport::russian_pdf_status_ = -1;
std::vector<std::string>* CliReport::russian_pdf_pages_ = nullptr;

TEST_F(CliReport, HtmlPutsTheSummaryThenTheOpenBriefsThenTheAnnex) {
  ASSERT_EQ(result_->exit_code, 0) << result_->err;
  // The page itself, without the inlined data and chart scripts.
  const std::string page = html_->substr(0, html_->find("<script"));
  const std::size_t summary = page.find("<section id=\"summary\"");
  const std::size_t briefs = page.find("<section id=\"briefs\"");
  const std::size_t annex = page.find("<section id=\"annex\"");
  ASSERT_NE(summary, std::string::npos);
  ASSERT_NE(briefs, std::string::npos);
  ASSERT_NE(annex, std::string::npos);
  EXPECT_LT(summary, briefs);
  EXPECT_LT(briefs, annex);
  EXPECT_EQ(page.find("<details"), std::string::npos) << "a brief is folded away";
  // The summary speaks in words and names each comparison.
  const std::string head = page.substr(summary, briefs - summary);
  EXPECT_NE(head.find("By default:"), std::string::npos);
  EXPECT_NE(head.find("from the default to the alternative"), std::string::npos);
  EXPECT_NE(head.find("<span class=\"label\">Linkage:</span>"), std::string::npos);
  EXPECT_NE(head.find("<svg class=\"ledger-figure\""), std::string::npos);
  // Every brief sits between the briefs heading and the annex.
  const std::vector<std::string> headings = BriefHeadings();
  EXPECT_EQ(headings.size(), ExpectedBriefs(testkit::SourcePath("cases/us-russia/portfolio.yaml")));
  std::size_t last = briefs;
  for (std::size_t at = page.find("<article class=\"brief\""); at != std::string::npos;
       at = page.find("<article class=\"brief\"", at + 1)) {
    EXPECT_GT(at, briefs);
    last = at;
  }
  EXPECT_LT(last, annex);
}

TEST_F(CliReport, PdfTextHoldsEveryBriefHeadingBetweenTheSummaryAndTheAnnex) {
  ASSERT_EQ(result_->exit_code, 0) << result_->err;
  ASSERT_EQ(pdf_status_, 0) << MEND_PDFTOTEXT << " failed";
  const std::vector<std::string> headings = BriefHeadings();
  ASSERT_EQ(headings.size(), ExpectedBriefs(testkit::SourcePath("cases/us-russia/portfolio.yaml")));
  const std::size_t summary = pdf_text_->find("Summary");
  const std::size_t annex = pdf_text_->find("Annex: states, stability");
  ASSERT_NE(summary, std::string::npos) << *pdf_text_;
  ASSERT_NE(annex, std::string::npos) << *pdf_text_;
  std::size_t from = summary;
  for (const std::string& heading : headings) {
    const std::size_t at = pdf_text_->find(heading, from);
    EXPECT_NE(at, std::string::npos) << "the PDF lacks the brief \"" << heading << "\"";
    if (at == std::string::npos) continue;
    EXPECT_LT(at, annex) << heading;
    from = at;
  }
}

// The summary is one printed A4 page: every issue's headline, the linkage verdict and the
// figure's caption (the summary's last line) are on page 1, and the first brief opens page 2.
TEST_F(CliReport, PdfSummaryFitsOnTheFirstPage) {
  ASSERT_EQ(result_->exit_code, 0) << result_->err;
  ASSERT_EQ(pdf_status_, 0) << MEND_PDFTOTEXT << " failed";
  ASSERT_GE(pdf_pages_->size(), 2u);
  ExpectSummaryOnFirstPage(*pdf_pages_, false);
  const std::string& first = pdf_pages_->at(0);
  const std::string& second = pdf_pages_->at(1);
  const std::vector<std::string> headings = BriefHeadings();
  ASSERT_FALSE(headings.empty());
  EXPECT_EQ(first.find(headings.front()), std::string::npos);
  EXPECT_NE(second.find(headings.front()), std::string::npos)
      << "page 2 does not open with the first brief:\n"
      << second;
}

// The Russian summary, about a fifth longer than the English, also fits its printed page.
TEST_F(CliReport, RussianPdfSummaryFitsOnTheFirstPage) {
  ASSERT_EQ(russian_result_->exit_code, 0) << russian_result_->err;
  ASSERT_EQ(russian_pdf_status_, 0) << MEND_PDFTOTEXT << " failed";
  ASSERT_GE(russian_pdf_pages_->size(), 2u);
  ExpectSummaryOnFirstPage(*russian_pdf_pages_, true);
}

// `--lang ru`: the page, its summary and its headings in Russian; the briefs of the English-
// speaking decider also in Russian.
TEST_F(CliReport, RussianReportSpeaksRussian) {
  ASSERT_EQ(russian_result_->exit_code, 0) << russian_result_->err;
  const std::string page = russian_html_->substr(0, russian_html_->find("<script"));
  EXPECT_NE(page.find("<html lang=\"ru\">"), std::string::npos);
  EXPECT_NE(page.find("<h2>Резюме</h2>"), std::string::npos);
  EXPECT_NE(page.find("По умолчанию:"), std::string::npos);
  EXPECT_NE(page.find("Увязка вопросов:"), std::string::npos);
  EXPECT_NE(page.find("Приложение:"), std::string::npos);
  for (const char* english :
       {"By default:", "The better outcome:", "Who gains what:", "How likely:", "Linkage:",
        "<h2>Summary</h2>", "<h2>Briefs</h2>", "Annex: states"}) {
    EXPECT_EQ(page.find(english), std::string::npos) << english;
  }
  EXPECT_NE(page.find("data-actor=\"us\" data-lang=\"ru\""), std::string::npos)
      << "no Russian brief for the United States";
  EXPECT_NE(russian_html_->find("\"lang\": \"ru\""), std::string::npos)
      << "the annex's data does not carry the language";
}

// The headline names the samples' most frequent default where the central default is not it:
// strategic arms (the U.S. builds alone at the central values; both build in most samples), with
// a larger share than the central default's; investment, whose central default is also the most
// frequent one, has no such line.
TEST(CliHeadline, NamesTheMostFrequentDefaultWhereTheCentralOneIsNot) {
  const testkit::CommandResult run =
      testkit::RunMend("report " + testkit::SourcePath("cases/us-russia/portfolio.yaml") +
                       " --headline -o /dev/null");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto section = [&](const std::string& id) {
    const std::size_t at = run.out.find("(" + id + ")");
    EXPECT_NE(at, std::string::npos) << id;
    return at == std::string::npos ? std::string()
                                   : run.out.substr(at, run.out.find("\n== ", at) - at);
  };
  const std::string arms = section("strategic-arms");
  const std::regex central(R"(default +([YN-]+) )");
  const std::regex central_share(R"(this default is the default in ([0-9]+)%)");
  const std::regex frequent(
      R"(most often +the samples' most frequent default is ([YN-]+) \(.+\), in ([0-9]+)%)");
  std::smatch d, share, f;
  ASSERT_TRUE(std::regex_search(arms, d, central)) << arms;
  ASSERT_TRUE(std::regex_search(arms, share, central_share)) << arms;
  ASSERT_TRUE(std::regex_search(arms, f, frequent)) << arms;
  EXPECT_NE(f[1].str(), d[1].str());
  EXPECT_GT(std::stoi(f[2].str()), std::stoi(share[1].str()));
  EXPECT_EQ(section("investment").find("most often"), std::string::npos);
}

}  // namespace
}  // namespace mend
