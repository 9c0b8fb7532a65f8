// SPDX-License-Identifier: Apache-2.0
#include "mend/model/source_review.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace mend {
namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

bool IsDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](unsigned char c) { return std::isdigit(c) != 0; });
}

int ToInt(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// Reviews sources and parameters that live in one file (a case's, or a portfolio's own).
std::vector<SourceFinding> Review(const std::vector<Source>& sources,
                                  const std::vector<Parameter>& parameters,
                                  std::string_view parameters_key, std::string_view own_file) {
  std::vector<SourceFinding> findings;
  auto add = [&](SourceFindingKind kind, std::string key, std::string message,
                 const SourceLocation& where) {
    findings.push_back(SourceFinding{kind, std::move(key), std::move(message), where});
  };
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const Source& source = sources[i];
    // A portfolio's source copied into one of its cases is reviewed with the portfolio.
    if (source.where.known() && source.where.file != own_file) continue;
    const std::string path = fmt::format("sources[{}]", i);
    if (!source.kind) {
      add(SourceFindingKind::kUnclassifiedSource, path + ".kind",
          fmt::format("source '{}' does not say its kind; expected kind: primary, secondary or "
                      "judgement",
                      source.id),
          source.where);
    } else if (*source.kind == SourceKind::kSecondary) {
      add(SourceFindingKind::kSecondarySource, path + ".kind",
          fmt::format("source '{}' is secondary: a report of the figure, not the publisher's own "
                      "page or document",
                      source.id),
          source.where);
    }
    const bool published = !source.kind || *source.kind != SourceKind::kJudgement;
    if (published && source.url.empty()) {
      add(SourceFindingKind::kMissingUrl, path + ".url",
          fmt::format("source '{}' has no url; expected the publisher's page or a DOI", source.id),
          source.where);
    }
    if (published && source.accessed.empty()) {
      add(SourceFindingKind::kMissingAccessed, path + ".accessed",
          fmt::format("source '{}' does not say when it was read; expected accessed: YYYY-MM-DD",
                      source.id),
          source.where);
    }
    if (auto refused = RefusedHostOf(source.url)) {
      add(SourceFindingKind::kRefusedHost, path + ".url",
          fmt::format("source '{}' is cited through {} ({}); expected the publisher's own page "
                      "or document",
                      source.id, UrlHost(source.url), refused->reason),
          source.url_where.known() ? source.url_where : source.where);
    }
  }
  for (const Parameter& parameter : parameters) {
    if (parameter.shared && parameters_key == "parameters" && !own_file.empty() &&
        parameter.where.known() && parameter.where.file != own_file) {
      continue;  // a portfolio's shared parameter: reviewed with the portfolio
    }
    const std::string key = fmt::format("{}.{}", parameters_key, parameter.id);
    if (!parameter.source) {
      add(SourceFindingKind::kUnsourcedParameter, key,
          fmt::format("parameter '{}' cites no source", parameter.id), parameter.where);
      continue;
    }
    if (*parameter.source >= sources.size()) continue;
    const Source& source = sources[*parameter.source];
    if (source.kind == SourceKind::kJudgement) {
      add(SourceFindingKind::kJudgementOnly, key,
          fmt::format("parameter '{}' rests on judgement alone (source '{}')", parameter.id,
                      source.id),
          parameter.where);
    }
  }
  return findings;
}

}  // namespace

const char* SourceFindingName(SourceFindingKind kind) {
  switch (kind) {
    case SourceFindingKind::kSecondarySource:
      return "secondary-source";
    case SourceFindingKind::kRefusedHost:
      return "refused-host";
    case SourceFindingKind::kJudgementOnly:
      return "judgement-only";
    case SourceFindingKind::kUnsourcedParameter:
      return "unsourced-parameter";
    case SourceFindingKind::kUnclassifiedSource:
      return "unclassified-source";
    case SourceFindingKind::kMissingUrl:
      return "missing-url";
    case SourceFindingKind::kMissingAccessed:
      return "missing-accessed";
  }
  return "secondary-source";
}

std::string SourceFinding::ToString() const {
  const std::string body =
      fmt::format("warning: {}: {} [{}]", key, message, SourceFindingName(kind));
  if (!where.known()) return body;
  if (where.line <= 0) return fmt::format("{}: {}", where.file, body);
  return fmt::format("{}:{}:{}: {}", where.file, where.line, where.column, body);
}

const std::vector<RefusedHost>& RefusedHosts() {
  // Pages that are not the publisher's own: they copy, summarise or re-host what someone else
  // published, and may change it without notice. docs/case-format.md explains each group.
  static const std::vector<RefusedHost> kHosts = {
      // Encyclopedias: tertiary summaries; cite what they cite.
      {"wikipedia.org", "an encyclopedia"},
      {"britannica.com", "an encyclopedia"},
      {"encyclopedia.com", "an encyclopedia"},
      // Encyclopedia mirrors and readers: copies of Wikipedia articles.
      {"wikiwand.com", "an encyclopedia mirror"},
      {"memim.com", "an encyclopedia mirror"},
      {"wikizero.com", "an encyclopedia mirror"},
      {"wiki2.org", "an encyclopedia mirror"},
      {"infogalactic.com", "an encyclopedia mirror"},
      {"alchetron.com", "an encyclopedia mirror"},
      {"dbpedia.org", "an encyclopedia mirror"},
      {"quickdigest.app", "an encyclopedia-style digest"},
      // News aggregators: rewrite or relay other outlets' reports.
      {"news-pravda.com", "a news aggregator"},
      {"particle.news", "a news aggregator"},
      {"briefly.co", "a news aggregator"},
      {"bignewsnetwork.com", "a news aggregator"},
      {"urdupoint.com", "a news aggregator"},
      {"devdiscourse.com", "a news aggregator"},
      {"newsbreak.com", "a news aggregator"},
      {"ground.news", "a news aggregator"},
      {"flipboard.com", "a news aggregator"},
      {"news.google.com", "a news aggregator"},
      {"news.yahoo.com", "a news aggregator"},
      {"msn.com", "a news aggregator"},
      {"searchenginego.com", "a news aggregator"},
      // Mirrors of documents and sites: copies whose fidelity cannot be checked.
      {"odvt.org", "a mirror of another outlet's site"},
      {"everycrsreport.com", "a mirror of Congressional Research Service reports"},
      {"yumpu.com", "a document mirror"},
      {"fdocuments.us", "a document mirror"},
      {"1library.net", "a document mirror"},
      {"docslib.org", "a document mirror"},
      {"dokumen.tips", "a document mirror"},
      {"5y1.org", "a document mirror"},
      {"scribd.com", "a document mirror"},
      {"cc.bingj.com", "a search engine's cache"},
      {"webcache.googleusercontent.com", "a search engine's cache"},
      // Reader and chart sites: re-present papers or data without being their publisher.
      {"researcher.life", "a reader site; cite the paper's DOI"},
      {"semanticscholar.org", "a reader site; cite the paper's DOI"},
      {"academia.edu", "a reader site; cite the paper's DOI"},
      {"researchgate.net", "a reader site; cite the paper's DOI"},
      {"beautifulchart.com", "a chart site relaying someone else's data"},
  };
  return kHosts;
}

std::string UrlHost(std::string_view url) {
  const std::string lower = Lower(url);
  std::string_view rest = lower;
  if (rest.rfind("https://", 0) == 0) {
    rest.remove_prefix(8);
  } else if (rest.rfind("http://", 0) == 0) {
    rest.remove_prefix(7);
  } else {
    return "";
  }
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) {
    rest.remove_prefix(at + 1);
  }
  rest = rest.substr(0, rest.find(':'));
  while (!rest.empty() && rest.back() == '.') rest.remove_suffix(1);
  return std::string(rest);
}

std::optional<RefusedHost> RefusedHostOf(std::string_view url) {
  const std::string host = UrlHost(url);
  if (host.empty()) return std::nullopt;
  for (const RefusedHost& refused : RefusedHosts()) {
    const std::string_view domain = refused.domain;
    if (host == domain) return refused;
    if (host.size() > domain.size() && host.ends_with(domain) &&
        host[host.size() - domain.size() - 1] == '.') {
      return refused;
    }
  }
  return std::nullopt;
}

bool IsIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  const std::string_view year = text.substr(0, 4);
  const std::string_view month = text.substr(5, 2);
  const std::string_view day = text.substr(8, 2);
  if (!IsDigits(year) || !IsDigits(month) || !IsDigits(day)) return false;
  const int y = ToInt(year);
  const int m = ToInt(month);
  const int d = ToInt(day);
  if (y < 1000 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int last = (m == 2 && leap) ? 29 : kDays[m - 1];
  return d <= last;
}

std::vector<SourceFinding> ReviewSources(const CaseDefinition& definition) {
  return Review(definition.sources, definition.parameters, "parameters", definition.file);
}

std::vector<SourceFinding> ReviewSources(const PortfolioDefinition& definition) {
  return Review(definition.sources, definition.parameters, "parameters", definition.file);
}

}  // namespace mend
