// SPDX-License-Identifier: Apache-2.0
#include "mend/report/report_summary.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "mend/engine/portfolio_analysis.hpp"
#include "mend/io/case_reader.hpp"
#include "mend/render/lenses_text.hpp"
#include "mend/report/markdown.hpp"
#include "mend/report/number_format.hpp"
#include "mend/report/outcome_words.hpp"
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

// A portfolio's central analysis and the summary built from it, for the linkage tests.
struct PortfolioSummary {
  PortfolioAnalysis analysis;
  ReportSummary summary;
};

PortfolioSummary SummarizePortfolio(const std::string& relative, const std::string& title) {
  Result<Document> document = Read(relative);
  EXPECT_TRUE(document.has_value()) << document.error().message;
  const CompiledPortfolio& portfolio = std::get<CompiledPortfolio>(*document);
  std::vector<const CompiledCase*> cases;
  for (const CompiledCase& one : portfolio.cases) cases.push_back(&one);
  Result<PortfolioAnalysis> analysis = AnalyzePortfolio(portfolio.definition, cases, {});
  EXPECT_TRUE(analysis.has_value()) << analysis.error().message;
  PortfolioSummary out{std::move(*analysis), {}};
  out.summary = ReportSummary{title, Language::kEnglish, {}, out.analysis.linkage};
  for (const CaseAnalysis& issue : out.analysis.cases) {
    out.summary.issues.push_back(SummarizeIssue(issue));
  }
  return out;
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
  ReportSummary page{"Incidents", Language::kEnglish, {summary}, std::nullopt};
  const std::string html = SummaryHtml(page);
  EXPECT_NE(html.find("By default:"), std::string::npos);
  EXPECT_NE(html.find("The better outcome:"), std::string::npos);
  EXPECT_NE(html.find("Who gains what:"), std::string::npos);
  // Each side's gain in words: its central figure in its unit, then the 90 % range of that gain.
  const SummaryGain& first = summary.gains.front();
  EXPECT_NE(html.find(EscapeHtml(first.name) + "</span> <span class=\"num\">" +
                      FormatSigned(first.total, Language::kEnglish) + "</span> " +
                      EscapeHtml(first.unit.empty() ? "utility units" : first.unit) +
                      " (90% range " + FormatRange(*first.p5, *first.p95, Language::kEnglish)),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("How likely:"), std::string::npos);
  EXPECT_NE(html.find("Ranges and likelihoods: 300 Monte Carlo samples, seed 7."),
            std::string::npos);
  EXPECT_EQ(html.find("<table"), std::string::npos) << "the summary holds a table";
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

// Long names (Russian runs longer than English) are neither clipped nor run off the figure: the
// label column widens to the longest name and a long panel heading wraps onto more lines.
TEST(LedgerFigureSvg, MakesRoomForLongNamesAndWrapsLongHeadings) {
  IssueSummary issue;
  issue.title = "Мораторий на ядерные испытания после отзыва Россией ратификации ДВЗЯИ";
  for (const char* name : {"США", "Европейские союзники США (третья сторона)"}) {
    SummaryGain gain;
    gain.name = name;
    gain.total = 1.5;
    gain.p5 = -0.5;
    gain.p95 = 3.0;
    gain.unit = "млрд долл. в год (в денежном эквиваленте)";
    gain.currency = "USD bn/yr";
    issue.gains.push_back(gain);
  }
  const std::string svg = LedgerFigureSvg({issue}, Language::kRussian);
  auto characters = [](const std::string& text) {
    return std::count_if(text.begin(), text.end(),
                         [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
  };
  // Each label ends at its x, so it starts at x − (its width): at 12 units a character is at
  // most 7.8 wide; a name too long for the widest column is set in a smaller size instead.
  const std::regex label(
      R"re(<text x="([0-9.]+)" y="[0-9.]+" text-anchor="end"(?: font-size="([0-9.]+)")?>([^<]*)</text>)re");
  std::size_t labels = 0;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), label); it != std::sregex_iterator();
       ++it, ++labels) {
    const double size = (*it)[2].matched ? std::stod((*it)[2]) : 12.0;
    EXPECT_GE(std::stod((*it)[1]) + 0.05,
              7.8 * size / 12 * static_cast<double>(characters((*it)[3])))
        << (*it)[3];
  }
  EXPECT_EQ(labels, 2u) << svg;
  // Heading lines of at most 580 / 8.6 characters, the whole heading kept.
  const std::regex heading(R"re(<text x="0" y="[0-9.]+" font-weight="600">([^<]*)</text>)re");
  std::string joined;
  std::size_t lines = 0;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), heading);
       it != std::sregex_iterator(); ++it, ++lines) {
    EXPECT_LE(characters((*it)[1]), 67) << (*it)[1];
    joined += (joined.empty() ? "" : " ") + std::string((*it)[1]);
  }
  EXPECT_GE(lines, 2u) << svg;
  // The heading names the currency, without "(в денежном эквиваленте)".
  EXPECT_EQ(joined, issue.title + " (млрд долл. в год)");
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
  const std::string html = SummaryHtml({"PD", Language::kEnglish, {summary}, std::nullopt});
  EXPECT_NE(html.find("1 other outcome would leave every side better off"), std::string::npos)
      << html;
  EXPECT_EQ(html.find("Nothing leaves"), std::string::npos);
  EXPECT_TRUE(LedgerFigureSvg({summary}).empty());
}

// A portfolio's summary carries the linkage verdict of AnalyzePortfolio.
TEST(SummaryHtml, StatesThePortfolioLinkageVerdict) {
  const PortfolioSummary portfolio =
      SummarizePortfolio("cases/us-russia/portfolio.yaml", "U.S.–Russia");
  const PortfolioAnalysis* analysis = &portfolio.analysis;
  const ReportSummary& summary = portfolio.summary;
  const std::string html = SummaryHtml(summary);
  EXPECT_EQ(Count(html, "<section class=\"issue-summary\""), analysis->cases.size());
  EXPECT_NE(html.find("<span class=\"label\">Linkage:</span>"), std::string::npos);
  EXPECT_NE(html.find(analysis->linkage.available ? "every decider accepts linkage"
                                                  : "so every issue must stand on its own"),
            std::string::npos)
      << html;
  // Investment and the space station each offer several frontier states: the linked search
  // can trade one issue against the other, and the summary states what refusing linkage costs.
  EXPECT_FALSE(analysis->linkage.trivial_search);
  EXPECT_NE(html.find("Refusing linkage costs"), std::string::npos) << html;
  EXPECT_EQ(html.find("by construction, not by analysis"), std::string::npos) << html;
  // The linkage sentence names the issues by title.
  for (const std::string& id : analysis->linkage.positive_sum_alone) {
    for (const IssueSummary& issue : summary.issues) {
      if (issue.id == id) {
        EXPECT_NE(html.find(EscapeHtml(issue.title)), std::string::npos) << issue.title;
      }
    }
  }
}

// A portfolio in which no two issues offer a choice: the linked search cannot tell what refusing
// linkage costs, and the summary says so rather than report a cost of 0.
TEST(SummaryHtml, SaysWhenTheLinkedSearchIsTooSmallToTell) {
  const PortfolioSummary portfolio =
      SummarizePortfolio("tests/golden/lenses-linkage-trivial/portfolio.yaml", "Trivial");
  const PortfolioAnalysis* analysis = &portfolio.analysis;
  const ReportSummary& summary = portfolio.summary;
  const std::string html = SummaryHtml(summary);
  EXPECT_TRUE(analysis->linkage.trivial_search);
  EXPECT_NE(html.find("refusing linkage costs nothing here by construction, not by analysis"),
            std::string::npos)
      << html;
}

// The text of an HTML fragment, tags dropped, runs of white space made one space.
std::string TextOf(const std::string& html) {
  std::string out;
  bool tag = false;
  for (char c : html) {
    if (c == '<') tag = true;
    if (!tag) out += (c == '\n' || c == '\t') ? ' ' : c;
    if (c == '>') {
      tag = false;
      out += ' ';
    }
  }
  return out;
}

// The longest run of consecutive English words (ASCII letters, two or more) in `text`, and
// where it is: three in a row make an English phrase.
std::string LongestEnglishRun(const std::string& text, std::size_t& longest) {
  longest = 0;
  std::string run_text, best;
  std::size_t run = 0;
  std::size_t k = 0;
  while (k < text.size()) {
    while (k < text.size() && text[k] == ' ') ++k;
    std::size_t end = k;
    while (end < text.size() && text[end] != ' ') ++end;
    std::string word = text.substr(k, end - k);
    // Punctuation around a word does not make it less English.
    while (!word.empty() && std::ispunct(static_cast<unsigned char>(word.back()))) word.pop_back();
    while (!word.empty() && std::ispunct(static_cast<unsigned char>(word.front())))
      word.erase(0, 1);
    const bool english = word.size() >= 2 && std::all_of(word.begin(), word.end(), [](char c) {
                           return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '\'';
                         });
    if (english) {
      ++run;
      run_text += (run_text.empty() ? "" : " ") + word;
      if (run > longest) {
        longest = run;
        best = run_text;
      }
    } else if (!word.empty()) {
      run = 0;
      run_text.clear();
    }
    k = end;
  }
  return best;
}

// Where the central default is not the samples' most frequent one (strategic arms: the U.S.
// builds alone at the central values, both build in most samples), the summary says which one
// is, in words and with its share, from the engine's MostFrequentDefault; where it is, nothing.
TEST(SummarizeIssue, NamesTheMostFrequentDefaultWhereItIsNotTheCentralOne) {
  std::size_t differing = 0;
  for (const char* file :
       {"cases/us-russia/strategic-arms.yaml", "cases/us-russia/investment.yaml"}) {
    Result<Document> document = Read(file);
    ASSERT_TRUE(document.has_value()) << document.error().message;
    const CompiledCase& compiled = std::get<CompiledCase>(*document);
    Result<CaseAnalysis> analysis = AnalyzeCase(compiled, Sampled());
    ASSERT_TRUE(analysis.has_value()) << analysis.error().message;
    const MonteCarloResult& mc = *analysis->montecarlo;
    const std::optional<SampledDefault> frequent = MostFrequentDefault(mc);
    ASSERT_TRUE(frequent.has_value()) << file;
    ASSERT_TRUE(mc.central_default.has_value()) << file;
    const IssueSummary summary = SummarizeIssue(*analysis);
    ASSERT_TRUE(summary.likelihood.has_value()) << file;
    const std::string html = SummaryHtml({"", Language::kEnglish, {summary}, std::nullopt});
    if (frequent->state == *mc.central_default) {
      EXPECT_FALSE(summary.likelihood->p_most_frequent_default.has_value()) << file;
      EXPECT_EQ(html.find("most frequent default"), std::string::npos) << file;
      continue;
    }
    ++differing;
    ASSERT_TRUE(summary.likelihood->p_most_frequent_default.has_value()) << file;
    EXPECT_EQ(*summary.likelihood->p_most_frequent_default, frequent->p) << file;
    EXPECT_GT(frequent->p, mc.central_default_likelihood.p) << file;
    const std::string words = OutcomeInWords(compiled, frequent->state, Language::kEnglish);
    EXPECT_EQ(summary.likelihood->most_frequent_default_words, words);
    EXPECT_NE(html.find("The samples' most frequent default is another: " + EscapeHtml(words) +
                        " (" + FormatPercent(frequent->p, Language::kEnglish) + ")."),
              std::string::npos)
        << html;
  }
  EXPECT_EQ(differing, 1u) << "strategic arms differs, investment does not";
}

// With Russian asked for, the summary of the U.S.–Russia portfolio has no English sentence of
// its template (nor any three English words in a row: the case strings are given by their
// Russian translations), and says the template's Russian words instead.
TEST(SummaryHtml, RussianSummaryHasNoEnglishSentence) {
  Result<Document> document = Read("cases/us-russia/portfolio.yaml");
  ASSERT_TRUE(document.has_value()) << document.error().message;
  const CompiledPortfolio& portfolio = std::get<CompiledPortfolio>(*document);
  std::vector<const CompiledCase*> cases;
  for (const CompiledCase& one : portfolio.cases) cases.push_back(&one);
  Result<PortfolioAnalysis> analysis = AnalyzePortfolio(portfolio.definition, cases, Sampled());
  ASSERT_TRUE(analysis.has_value()) << analysis.error().message;
  ReportSummary english{"U.S.–Russia", Language::kEnglish, {}, analysis->linkage};
  ReportSummary russian{"США и Россия", Language::kRussian, {}, analysis->linkage};
  for (const CaseAnalysis& issue : analysis->cases) {
    english.issues.push_back(SummarizeIssue(issue, Language::kEnglish));
    russian.issues.push_back(SummarizeIssue(issue, Language::kRussian));
  }
  const std::string en = SummaryHtml(english);
  const std::string ru = SummaryHtml(russian);
  // The template's sentences, as the English summary says them (so the list is not empty talk).
  for (const char* sentence :
       {"By default:", "The better outcome:", "all else as in the default",
        "Who gains what:", "90% range", "no worse off in", "How likely:", "of samples",
        "Linkage:", "Ranges and likelihoods:", "Monte Carlo samples", "right of the line is a gain",
        "Summary", "The portfolio", "utility"}) {
    if (en.find(sentence) == std::string::npos) continue;
    EXPECT_EQ(ru.find(sentence), std::string::npos) << sentence;
  }
  EXPECT_NE(en.find("By default:"), std::string::npos);
  EXPECT_NE(ru.find("По умолчанию:"), std::string::npos);
  EXPECT_NE(ru.find("Насколько вероятно:"), std::string::npos);
  EXPECT_NE(ru.find("Увязка вопросов:"), std::string::npos);
  EXPECT_NE(ru.find("lang=\"ru\""), std::string::npos);
  std::size_t longest = 0;
  const std::string run = LongestEnglishRun(TextOf(ru), longest);
  EXPECT_LT(longest, 3u) << "English in the Russian summary: \"" << run << "\"";
  // The matcher itself finds the English phrases of the English summary.
  LongestEnglishRun(TextOf(en), longest);
  EXPECT_GE(longest, 3u);
  // Numbers as a Russian reader writes them: a decimal comma, no decimal point between digits.
  EXPECT_NE(ru.find(FormatSigned(english.issues.front().gains.front().total, Language::kRussian)),
            std::string::npos);
}

// Every case of the linkage verdict (what refusing linkage costs, or why the search cannot tell)
// is said in Russian in a Russian summary: none of LinkageVerdict's English sentences, which the
// English summary carries, and no three English words in a row; costs in Russian numbers.
TEST(SummaryHtml, SaysEveryLinkageVerdictInRussian) {
  LinkageAnalysis base;
  base.deciders = {"us", "ru"};
  base.premium = {0, 0};
  base.refusal_cost = {0, 0};
  std::vector<LinkageAnalysis> verdicts;
  LinkageAnalysis none = base;  // no issue could be searched
  none.combinations = 0;
  verdicts.push_back(none);
  LinkageAnalysis trivial = base;  // one combination, nothing to trade
  trivial.combinations = 1;
  verdicts.push_back(trivial);
  LinkageAnalysis trivial_cost = base;  // a gain from within one issue
  trivial_cost.combinations = 3;
  trivial_cost.refusal_cost = {1.5, 0};
  verdicts.push_back(trivial_cost);
  LinkageAnalysis adds_nothing = base;
  adds_nothing.combinations = 24;
  adds_nothing.trivial_search = false;
  verdicts.push_back(adds_nothing);
  LinkageAnalysis costs = base;  // refused, at a cost
  costs.combinations = 24;
  costs.trivial_search = false;
  costs.refusal_cost = {2.25, 0.5};
  costs.available = false;
  costs.refused_by = {"us"};
  verdicts.push_back(costs);
  for (const LinkageAnalysis& linkage : verdicts) {
    const std::string verdict = LinkageVerdict(linkage);
    const std::string en = SummaryHtml({"P", Language::kEnglish, {}, linkage});
    const std::string ru = SummaryHtml({"П", Language::kRussian, {}, linkage});
    EXPECT_NE(en.find(EscapeHtml(verdict)), std::string::npos) << en;
    EXPECT_EQ(ru.find(EscapeHtml(verdict)), std::string::npos) << ru;
    std::size_t longest = 0;
    const std::string run = LongestEnglishRun(TextOf(ru), longest);
    EXPECT_LT(longest, 3u) << "English in the Russian linkage verdict: \"" << run << "\"\n" << ru;
    for (double cost : linkage.refusal_cost) {
      if (cost > 0) {
        EXPECT_NE(ru.find(FormatSigned(cost, Language::kRussian)), std::string::npos) << ru;
      }
    }
  }
}

// The page's own words (headings, notes, the language of the page) follow the report's language.
TEST(ReportHtml, SaysThePagesOwnWordsInRussian) {
  ReportCase one;
  one.id = "arms";
  one.title = "Вооружения";
  Result<std::string> html = ReportHtml("Т", {one}, "", "", "1", Language::kRussian);
  ASSERT_TRUE(html.has_value()) << html.error().message;
  const std::string page = html->substr(0, html->find("<script"));
  EXPECT_NE(page.find("<html lang=\"ru\">"), std::string::npos);
  EXPECT_NE(page.find("Приложение:"), std::string::npos);
  for (const char* english : {"Briefs", "Annex", "the briefs", "Figures come from", "need"}) {
    EXPECT_EQ(page.find(english), std::string::npos) << english;
  }
  EXPECT_NE(html->find("\"lang\": \"ru\""), std::string::npos);
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
