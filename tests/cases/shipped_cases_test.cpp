// SPDX-License-Identifier: Apache-2.0
//
// The built-in case library: every shipped case and portfolio loads with the library, and
// every parameter of the U.S.-Russia portfolio names its source (the loader already checks
// that a cited source exists in the case), and every parameter and unit is given in both
// languages.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mend/io/case_reader.hpp"
#include "mend/model/source_review.hpp"

namespace mend {
namespace {

namespace fs = std::filesystem;

const fs::path kCases = fs::path(MEND_SOURCE_DIR) / "cases";

std::vector<fs::path> YamlFilesUnder(const fs::path& root) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<const CompiledCase*> CasesOf(const Document& document) {
  if (const auto* one = std::get_if<CompiledCase>(&document)) return {one};
  std::vector<const CompiledCase*> cases;
  for (const CompiledCase& c : std::get<CompiledPortfolio>(document).cases) cases.push_back(&c);
  return cases;
}

TEST(ShippedCases, EveryFileLoads) {
  const std::vector<fs::path> files = YamlFilesUnder(kCases);
  ASSERT_FALSE(files.empty());
  for (const fs::path& file : files) {
    Result<Document> document = ReadDocumentFile(file.string());
    EXPECT_TRUE(document.has_value()) << file << ": " << document.error().message;
  }
}

TEST(ShippedCases, UsRussiaPortfolioHasFiveCasesWithTheSameDeciders) {
  Result<Document> document = ReadDocumentFile((kCases / "us-russia" / "portfolio.yaml").string());
  ASSERT_TRUE(document.has_value()) << document.error().message;
  const auto* portfolio = std::get_if<CompiledPortfolio>(&*document);
  ASSERT_NE(portfolio, nullptr);
  EXPECT_GE(portfolio->cases.size(), 5u);
}

// A parameter that two issues of a portfolio both define describes one figure of the world; it
// must be declared in the portfolio's `parameters:` so that it is drawn once per sample for both.
// Left in each case, the two issues would draw it independently (or define it differently), and
// the portfolio's sums would count the same risk twice with unrelated draws.
TEST(ShippedCases, NoParameterIsDefinedInTwoIssuesOfAPortfolioWithoutBeingShared) {
  int portfolios = 0;
  for (const fs::path& file : YamlFilesUnder(kCases)) {
    Result<Document> document = ReadDocumentFile(file.string());
    ASSERT_TRUE(document.has_value()) << file << ": " << document.error().message;
    const auto* portfolio = std::get_if<CompiledPortfolio>(&*document);
    if (portfolio == nullptr) continue;
    ++portfolios;
    const auto shared = [&](const std::string& id) {
      const auto& declared = portfolio->definition.parameters;
      return std::any_of(declared.begin(), declared.end(),
                         [&](const Parameter& p) { return p.id == id; });
    };
    const auto& cases = portfolio->cases;
    for (std::size_t a = 0; a < cases.size(); ++a) {
      for (std::size_t b = a + 1; b < cases.size(); ++b) {
        for (const Parameter& mine : cases[a].definition.parameters) {
          const auto& theirs = cases[b].definition.parameters;
          const bool in_both = std::any_of(theirs.begin(), theirs.end(),
                                           [&](const Parameter& p) { return p.id == mine.id; });
          EXPECT_TRUE(!in_both || shared(mine.id))
              << file.filename().string() << ": parameter '" << mine.id << "' is defined in both "
              << cases[a].definition.id << " and " << cases[b].definition.id
              << " but not in the portfolio's parameters";
        }
      }
    }
  }
  EXPECT_GT(portfolios, 0);
}

TEST(ShippedCases, EveryUsRussiaParameterCitesASource) {
  const std::vector<fs::path> files = YamlFilesUnder(kCases / "us-russia");
  ASSERT_FALSE(files.empty());
  for (const fs::path& file : files) {
    Result<Document> document = ReadDocumentFile(file.string());
    ASSERT_TRUE(document.has_value()) << file << ": " << document.error().message;
    for (const CompiledCase* compiled : CasesOf(*document)) {
      const CaseDefinition& definition = compiled->definition;
      EXPECT_FALSE(definition.sources.empty()) << file;
      for (const Parameter& parameter : definition.parameters) {
        ASSERT_TRUE(parameter.source.has_value())
            << file << ": parameter '" << parameter.id << "' cites no source";
        ASSERT_LT(*parameter.source, definition.sources.size());
        const auto& source = definition.sources[*parameter.source];
        ASSERT_TRUE(source.kind.has_value())
            << file << ": source '" << source.id << "' does not say its kind";
        if (*source.kind == SourceKind::kJudgement) continue;  // judgement has no publisher
        EXPECT_FALSE(source.url.empty())
            << file << ": source of parameter '" << parameter.id << "' has no url";
      }
    }
  }
}

// A Russian brief names parameters by `name_ru` and shows units by `unit_ru`: every shipped
// parameter has a name in both languages, and every unit (of a parameter or a dimension) a
// Russian one.
TEST(ShippedCases, EveryParameterAndUnitIsGivenInBothLanguages) {
  const std::vector<fs::path> files = YamlFilesUnder(kCases);
  ASSERT_FALSE(files.empty());
  int units = 0;
  for (const fs::path& file : files) {
    Result<Document> document = ReadDocumentFile(file.string());
    ASSERT_TRUE(document.has_value()) << file << ": " << document.error().message;
    std::vector<const Parameter*> parameters;
    std::vector<const Dimension*> dimensions;
    for (const CompiledCase* compiled : CasesOf(*document)) {
      for (const Parameter& p : compiled->definition.parameters) parameters.push_back(&p);
      for (const Dimension& d : compiled->definition.dimensions) dimensions.push_back(&d);
    }
    if (const auto* portfolio = std::get_if<CompiledPortfolio>(&*document)) {
      for (const Parameter& p : portfolio->definition.parameters) parameters.push_back(&p);
    }
    for (const Parameter* parameter : parameters) {
      EXPECT_FALSE(parameter->name.text.empty())
          << file << ": parameter '" << parameter->id << "' has no name";
      EXPECT_FALSE(parameter->name.ru.empty())
          << file << ": parameter '" << parameter->id << "' has no name_ru";
      if (parameter->unit.empty()) continue;
      ++units;
      EXPECT_FALSE(parameter->unit_ru.empty())
          << file << ": parameter '" << parameter->id << "' has unit '" << parameter->unit
          << "' but no unit_ru";
    }
    for (const Dimension* dimension : dimensions) {
      if (dimension->unit.empty()) continue;
      ++units;
      EXPECT_FALSE(dimension->unit_ru.empty())
          << file << ": dimension '" << dimension->id << "' has unit '" << dimension->unit
          << "' but no unit_ru";
    }
  }
  EXPECT_GT(units, 0);
}

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// What `mend validate --strict` may still say about the U.S.-Russia library: a secondary source
// or a parameter resting on judgement, each named in the case's doc (docs/cases/<id>.md) with
// the reason; nothing on a refused host, and no source without its kind, URL or date.
TEST(ShippedCases, EveryStrictFindingIsASecondarySourceOrJudgementTheCaseDocExplains) {
  const fs::path docs = fs::path(MEND_SOURCE_DIR) / "docs" / "cases";
  int judgement = 0;
  for (const fs::path& file : YamlFilesUnder(kCases / "us-russia")) {
    Result<Document> document = ReadDocumentFile(file.string());
    ASSERT_TRUE(document.has_value()) << file << ": " << document.error().message;
    if (const auto* portfolio = std::get_if<CompiledPortfolio>(&*document)) {
      // The shared parameters are explained in the docs of the cases that use them.
      std::string texts;
      for (const CompiledCase& one : portfolio->cases)
        texts += ReadText(docs / (one.definition.id + ".md"));
      for (const SourceFinding& finding : ReviewSources(portfolio->definition)) {
        if (finding.kind == SourceFindingKind::kJudgementOnly) continue;
        EXPECT_EQ(finding.kind, SourceFindingKind::kSecondarySource) << finding.ToString();
        const std::size_t open = finding.key.find('[');
        const std::size_t index = std::stoul(finding.key.substr(open + 1));
        const std::string& id = portfolio->definition.sources[index].id;
        EXPECT_NE(texts.find("`" + id + "`"), std::string::npos)
            << "no case doc explains " << finding.ToString();
      }
      continue;
    }
    const CaseDefinition& definition = std::get<CompiledCase>(*document).definition;
    const fs::path doc = docs / (definition.id + ".md");
    ASSERT_TRUE(fs::exists(doc)) << doc;
    const std::string text = ReadText(doc);
    for (const SourceFinding& finding : ReviewSources(definition)) {
      const bool explained_kind = finding.kind == SourceFindingKind::kSecondarySource ||
                                  finding.kind == SourceFindingKind::kJudgementOnly;
      EXPECT_TRUE(explained_kind) << finding.ToString();
      // The finding's key ends with the parameter id (parameters.p_escalate) or is a source's
      // index; the doc names parameters and sources by id, in backquotes.
      std::string id;
      if (finding.kind == SourceFindingKind::kJudgementOnly) {
        id = finding.key.substr(finding.key.find('.') + 1);
        ++judgement;
      } else {
        const std::size_t open = finding.key.find('[');
        const std::size_t index = std::stoul(finding.key.substr(open + 1));
        id = definition.sources[index].id;
      }
      EXPECT_NE(text.find("`" + id + "`"), std::string::npos)
          << doc.filename().string() << " does not explain " << finding.ToString();
    }
  }
  EXPECT_GT(judgement, 0);
}

TEST(ShippedCases, UsRussiaCasesAreSmallEnoughToRead) {
  for (const fs::path& file : YamlFilesUnder(kCases / "us-russia")) {
    Result<Document> document = ReadDocumentFile(file.string());
    ASSERT_TRUE(document.has_value()) << file << ": " << document.error().message;
    for (const CompiledCase* compiled : CasesOf(*document)) {
      EXPECT_LE(compiled->space.size(), 64u) << file;
    }
  }
}

}  // namespace
}  // namespace mend
