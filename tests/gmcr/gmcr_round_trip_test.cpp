// SPDX-License-Identifier: Apache-2.0
//
// Round trips through gmcr-py's format keep the equilibria: every classic case YAML → .gmcr →
// YAML, and every .gmcr test file → YAML → .gmcr, under every concept and both sanction rules.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mend/io/case_reader.hpp"
#include "mend/io/case_yaml_writer.hpp"
#include "mend/io/gmcr_reader.hpp"
#include "mend/io/gmcr_writer.hpp"
#include "mend/stability/stability.hpp"

namespace mend {
namespace {

std::vector<std::string> Files(const std::string& folder, const std::string& extension) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() == extension) files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Equilibria by pattern, per concept and rule: what must survive a conversion.
std::vector<std::vector<std::string>> AllEquilibria(const CompiledCase& compiled) {
  std::vector<std::vector<std::string>> all;
  for (SanctionRule rule : {SanctionRule::kTextbook, SanctionRule::kGmcrPlus}) {
    StabilityOptions options;
    options.sanctions = rule;
    options.threads = 1;
    Result<StabilityReport> report = AnalyzeStability(compiled, options);
    EXPECT_TRUE(report.has_value()) << report.error().message;
    for (StabilityConcept c : kAllStabilityConcepts) {
      std::vector<std::string> patterns;
      for (StateId s : report->Equilibria(c)) patterns.push_back(compiled.space.Pattern(s));
      all.push_back(std::move(patterns));
    }
  }
  return all;
}

TEST(GmcrRoundTrip, ClassicCasesKeepTheirEquilibriaThroughGmcrAndBack) {
  const std::vector<std::string> files =
      Files(std::string(MEND_SOURCE_DIR) + "/cases/classic", ".yaml");
  ASSERT_FALSE(files.empty());
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    Result<Document> document = ReadDocumentFile(file);
    ASSERT_TRUE(document.has_value()) << document.error().ToString();
    const CompiledCase& original = std::get<CompiledCase>(*document);

    Result<GmcrExport> exported = WriteGmcr(original);
    ASSERT_TRUE(exported.has_value()) << exported.error().message;
    Result<CompiledCase> from_gmcr = ReadGmcrCase(exported->text, "converted.gmcr");
    ASSERT_TRUE(from_gmcr.has_value()) << from_gmcr.error().ToString();
    EXPECT_EQ(from_gmcr->space.size(), original.space.size());
    EXPECT_EQ(AllEquilibria(*from_gmcr), AllEquilibria(original));

    Result<std::string> yaml = WriteCaseYaml(from_gmcr->definition, "converted");
    ASSERT_TRUE(yaml.has_value()) << yaml.error().message;
    Result<CompiledCase> back = ReadCase(*yaml, "converted.yaml");
    ASSERT_TRUE(back.has_value()) << back.error().ToString() << "\n" << *yaml;
    EXPECT_EQ(AllEquilibria(*back), AllEquilibria(original));
  }
}

TEST(GmcrRoundTrip, TestFilesKeepTheirEquilibriaThroughYamlAndBack) {
  const std::vector<std::string> files =
      Files(std::string(MEND_SOURCE_DIR) + "/tests/gmcr", ".gmcr");
  ASSERT_GE(files.size(), 4u);
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    Result<Document> document = ReadDocumentFile(file);
    ASSERT_TRUE(document.has_value()) << document.error().ToString();
    const CompiledCase& original = std::get<CompiledCase>(*document);

    Result<std::string> yaml = WriteCaseYaml(original.definition, "converted");
    ASSERT_TRUE(yaml.has_value()) << yaml.error().message;
    Result<CompiledCase> from_yaml = ReadCase(*yaml, "converted.yaml");
    ASSERT_TRUE(from_yaml.has_value()) << from_yaml.error().ToString() << "\n" << *yaml;
    EXPECT_EQ(AllEquilibria(*from_yaml), AllEquilibria(original));

    Result<GmcrExport> exported = WriteGmcr(*from_yaml);
    ASSERT_TRUE(exported.has_value()) << exported.error().message;
    Result<CompiledCase> again = ReadGmcrCase(exported->text, "again.gmcr");
    ASSERT_TRUE(again.has_value()) << again.error().ToString();
    EXPECT_EQ(AllEquilibria(*again), AllEquilibria(original));
  }
}

TEST(GmcrWriter, SaysWhatTheFileCannotHold) {
  Result<Document> document =
      ReadDocumentFile(std::string(MEND_SOURCE_DIR) + "/cases/us-russia/strategic-arms.yaml");
  ASSERT_TRUE(document.has_value()) << document.error().ToString();
  Result<GmcrExport> exported = WriteGmcr(std::get<CompiledCase>(*document));
  ASSERT_TRUE(exported.has_value()) << exported.error().message;
  std::string losses;
  for (const std::string& loss : exported->losses) losses += loss + "\n";
  EXPECT_THAT(losses, ::testing::HasSubstr("values:"));
  EXPECT_THAT(losses, ::testing::HasSubstr("uncertainty:"));
  EXPECT_THAT(losses, ::testing::HasSubstr("status quo"));
}

TEST(GmcrWriter, KeepsCoalitionsThatPartitionTheDeciders) {
  const std::string yaml = R"(mend: 1
id: trio
actors: [{id: a}, {id: b}, {id: c}]
options: {a: [{id: x}], b: [{id: y}], c: [{id: z}]}
status_quo: NNN
preferences:
  a: [x]
  b: [y]
  c: [z]
coalitions: [[a, c], [b]]
)";
  Result<CompiledCase> compiled = ReadCase(yaml, "trio.yaml");
  ASSERT_TRUE(compiled.has_value()) << compiled.error().ToString();
  Result<GmcrExport> exported = WriteGmcr(*compiled);
  ASSERT_TRUE(exported.has_value()) << exported.error().message;
  EXPECT_THAT(exported->text, ::testing::HasSubstr(R"("coalitions":[[0,2],1])"));
  Result<CaseDefinition> back = ParseGmcrDefinition(exported->text, "trio.gmcr");
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  ASSERT_EQ(back->coalitions.size(), 2u);
  EXPECT_EQ(back->coalitions[0].members.size(), 2u);
}

}  // namespace
}  // namespace mend
