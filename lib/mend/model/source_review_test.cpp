// SPDX-License-Identifier: Apache-2.0
#include "mend/model/source_review.hpp"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mend {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Source MakeSource(std::string id, std::optional<SourceKind> kind, std::string url,
                  std::string accessed, int line) {
  Source source;
  source.id = std::move(id);
  source.cite.text = "A citation";
  source.kind = kind;
  source.url = std::move(url);
  source.accessed = std::move(accessed);
  source.where = SourceLocation{"case.yaml", line, 5};
  if (!source.url.empty()) source.url_where = SourceLocation{"case.yaml", line + 1, 10};
  return source;
}

Parameter MakeParameter(std::string id, std::optional<std::size_t> source, int line) {
  Parameter parameter;
  parameter.id = std::move(id);
  parameter.source = source;
  parameter.where = SourceLocation{"case.yaml", line, 12};
  return parameter;
}

std::vector<SourceFindingKind> Kinds(const std::vector<SourceFinding>& findings) {
  std::vector<SourceFindingKind> kinds;
  for (const SourceFinding& finding : findings) kinds.push_back(finding.kind);
  return kinds;
}

CaseDefinition WithSources(std::vector<Source> sources, std::vector<Parameter> parameters) {
  CaseDefinition definition;
  definition.file = "case.yaml";
  definition.sources = std::move(sources);
  definition.parameters = std::move(parameters);
  return definition;
}

TEST(ReviewSources, APrimarySourceWithUrlAndDateCitedByAParameterGivesNoFinding) {
  const CaseDefinition definition =
      WithSources({MakeSource("cbo", SourceKind::kPrimary, "https://www.cbo.gov/publication/61362",
                              "2026-11-30", 3)},
                  {MakeParameter("cost", 0, 10)});
  EXPECT_TRUE(ReviewSources(definition).empty());
}

TEST(ReviewSources, WarnsOnASecondarySourceAtItsEntry) {
  const CaseDefinition definition = WithSources(
      {MakeSource("press", SourceKind::kSecondary, "https://example.org/story", "2026-11-30", 4)},
      {});
  const std::vector<SourceFinding> findings = ReviewSources(definition);
  ASSERT_THAT(Kinds(findings), ElementsAre(SourceFindingKind::kSecondarySource));
  EXPECT_EQ(findings[0].key, "sources[0].kind");
  EXPECT_EQ(findings[0].ToString(),
            "case.yaml:4:5: warning: sources[0].kind: source 'press' is secondary: a report of "
            "the figure, not the publisher's own page or document [secondary-source]");
}

TEST(ReviewSources, WarnsOnARefusedHostAtTheUrl) {
  const CaseDefinition definition =
      WithSources({MakeSource("incsea", SourceKind::kPrimary,
                              "https://en.wikipedia.org/wiki/Incidents_at_Sea", "2026-11-30", 6)},
                  {});
  const std::vector<SourceFinding> findings = ReviewSources(definition);
  ASSERT_THAT(Kinds(findings), ElementsAre(SourceFindingKind::kRefusedHost));
  EXPECT_EQ(findings[0].where.line, 7);
  EXPECT_EQ(findings[0].where.column, 10);
  EXPECT_THAT(findings[0].ToString(),
              HasSubstr("sources[0].url: source 'incsea' is cited through en.wikipedia.org (an "
                        "encyclopedia)"));
}

TEST(ReviewSources, WarnsOnAParameterRestingOnJudgementAlone) {
  const CaseDefinition definition =
      WithSources({MakeSource("authors", SourceKind::kJudgement, "", "", 2)},
                  {MakeParameter("p_escalate", 0, 9)});
  const std::vector<SourceFinding> findings = ReviewSources(definition);
  // A judgement source needs neither a URL nor a date: only the parameter is flagged.
  ASSERT_THAT(Kinds(findings), ElementsAre(SourceFindingKind::kJudgementOnly));
  EXPECT_EQ(findings[0].ToString(),
            "case.yaml:9:12: warning: parameters.p_escalate: parameter 'p_escalate' rests on "
            "judgement alone (source 'authors') [judgement-only]");
}

TEST(ReviewSources, WarnsOnUnsourcedParametersAndIncompleteSources) {
  const CaseDefinition definition =
      WithSources({MakeSource("bare", std::nullopt, "", "", 2),
                   MakeSource("undated", SourceKind::kPrimary, "https://www.state.gov/", "", 5)},
                  {MakeParameter("loose", std::nullopt, 12)});
  const std::vector<SourceFinding> findings = ReviewSources(definition);
  EXPECT_THAT(Kinds(findings),
              ElementsAre(SourceFindingKind::kUnclassifiedSource, SourceFindingKind::kMissingUrl,
                          SourceFindingKind::kMissingAccessed, SourceFindingKind::kMissingAccessed,
                          SourceFindingKind::kUnsourcedParameter));
  EXPECT_EQ(findings[4].key, "parameters.loose");
}

TEST(ReviewSources, LeavesAPortfoliosSharedSourceAndParameterToThePortfolio) {
  Source shared = MakeSource("pool", SourceKind::kSecondary, "https://news-pravda.com/x", "", 3);
  shared.where.file = "portfolio.yaml";
  shared.url_where.file = "portfolio.yaml";
  Parameter risk = MakeParameter("risk", 0, 20);
  risk.where.file = "portfolio.yaml";
  risk.shared = 0;
  EXPECT_TRUE(ReviewSources(WithSources({shared}, {risk})).empty());

  PortfolioDefinition portfolio;
  portfolio.file = "portfolio.yaml";
  portfolio.sources = {shared};
  portfolio.parameters = {risk};
  EXPECT_THAT(Kinds(ReviewSources(portfolio)),
              ElementsAre(SourceFindingKind::kSecondarySource, SourceFindingKind::kMissingAccessed,
                          SourceFindingKind::kRefusedHost));
}

TEST(UrlHost, ReadsTheHostOfHttpUrlsOnly) {
  EXPECT_EQ(UrlHost("https://en.Wikipedia.org/wiki/X"), "en.wikipedia.org");
  EXPECT_EQ(UrlHost("http://user@www.cbo.gov:443/publication/1?x#y"), "www.cbo.gov");
  EXPECT_EQ(UrlHost("https://doi.org/10.1093/epolic/eiaa006"), "doi.org");
  EXPECT_EQ(UrlHost("ftp://example.org/file"), "");
  EXPECT_EQ(UrlHost("doi:10.1016/j.ejpoleco.2017.01.001"), "");
}

TEST(RefusedHostOf, MatchesADomainAndItsSubdomainsButNotLookAlikes) {
  ASSERT_TRUE(RefusedHostOf("https://wikipedia.org/").has_value());
  EXPECT_EQ(RefusedHostOf("https://ru.wikipedia.org/wiki/X")->domain, "wikipedia.org");
  EXPECT_EQ(RefusedHostOf("https://uk.news.yahoo.com/story")->domain, "news.yahoo.com");
  EXPECT_FALSE(RefusedHostOf("https://notwikipedia.org/").has_value());
  EXPECT_FALSE(RefusedHostOf("https://www.sipri.org/databases/milex").has_value());
  EXPECT_FALSE(RefusedHostOf("https://doi.org/10.1080/00963402.2025.2494386").has_value());
  for (const RefusedHost& host : RefusedHosts()) {
    EXPECT_FALSE(host.reason.empty()) << host.domain;
    EXPECT_TRUE(RefusedHostOf(std::string("https://") + std::string(host.domain) + "/x"))
        << host.domain;
  }
}

TEST(IsIsoDate, AcceptsCalendarDatesOnly) {
  EXPECT_TRUE(IsIsoDate("2026-11-30"));
  EXPECT_TRUE(IsIsoDate("2024-02-29"));
  EXPECT_TRUE(IsIsoDate("2000-02-29"));
  EXPECT_FALSE(IsIsoDate("1900-02-29"));
  EXPECT_FALSE(IsIsoDate("2025-02-29"));
  EXPECT_FALSE(IsIsoDate("2026-04-31"));
  EXPECT_FALSE(IsIsoDate("2026-13-01"));
  EXPECT_FALSE(IsIsoDate("2026-00-10"));
  EXPECT_FALSE(IsIsoDate("2026-1-30"));
  EXPECT_FALSE(IsIsoDate("30/11/2026"));
  EXPECT_FALSE(IsIsoDate("2026-11-30T10:00"));
  EXPECT_FALSE(IsIsoDate("0999-01-01"));
}

}  // namespace
}  // namespace mend
