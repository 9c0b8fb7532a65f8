// SPDX-License-Identifier: Apache-2.0
//
// The reviewer's reading of a case's sources (`mend validate --strict`): which sources are not
// the publisher's own page or document, which are cited through an aggregator, an encyclopedia
// or a mirror, and which parameters rest on the authors' judgement alone. Findings are warnings:
// the case loads either way; a reviewer, or a strict run, decides what to do with them.
//
// Example:
//   for (const SourceFinding& finding : ReviewSources(compiled.definition)) {
//     fmt::print(stderr, "{}\n", finding.ToString());
//   }
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mend/core/error.hpp"
#include "mend/model/case.hpp"

namespace mend {

/// What a finding is about (docs/case-format.md, "Reviewing sources").
enum class SourceFindingKind {
  kSecondarySource,     // a source of kind secondary
  kRefusedHost,         // a URL whose host is an aggregator, encyclopedia, mirror or reader
  kJudgementOnly,       // a parameter whose only source is of kind judgement
  kUnsourcedParameter,  // a parameter that cites no source
  kUnclassifiedSource,  // a source without `kind`
  kMissingUrl,          // a primary or secondary source without `url`
  kMissingAccessed,     // a primary or secondary source without `accessed`
};

/// Returns the finding's name as the docs and the CLI write it ("secondary-source", ...).
const char* SourceFindingName(SourceFindingKind kind);

struct SourceFinding {
  SourceFindingKind kind = SourceFindingKind::kSecondarySource;
  std::string key;      // "sources[2].kind", "parameters.p_escalate"
  std::string message;  // single line, no trailing period
  SourceLocation where;

  /// Returns "FILE:LINE:COLUMN: warning: KEY: MESSAGE [name]" (the location omitted if unknown).
  std::string ToString() const;
};

/// A host whose pages are not a publisher's own: the domain (matched with its subdomains) and
/// why it is refused.
struct RefusedHost {
  std::string_view domain;
  std::string_view reason;
};

/// Returns the refused hosts, in the order docs/case-format.md lists them.
const std::vector<RefusedHost>& RefusedHosts();

/// Returns the lower-cased host of an http(s) URL ("en.wikipedia.org"), or "" when `url` has
/// none (no scheme, or not http/https).
std::string UrlHost(std::string_view url);

/// Returns the refused host `url` falls under (its host equals the domain or ends with
/// "." + domain), if any.
std::optional<RefusedHost> RefusedHostOf(std::string_view url);

/// Returns true for a calendar date written YYYY-MM-DD (years 1000 to 9999, leap years honoured).
bool IsIsoDate(std::string_view text);

/// Reviews a case's sources and parameters: every finding, in file order (sources first).
/// Deterministic; never fails.
std::vector<SourceFinding> ReviewSources(const CaseDefinition& definition);

/// Reviews a portfolio's own sources and shared parameters (its cases are reviewed with
/// ReviewSources).
std::vector<SourceFinding> ReviewSources(const PortfolioDefinition& definition);

}  // namespace mend
