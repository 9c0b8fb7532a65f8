// SPDX-License-Identifier: Apache-2.0
//
// `mend brief --lang ru` of every shipped case and every decider speaks Russian about the
// case's figures: it shows none of the case's English units (of a parameter or a dimension)
// and no parameter's raw id (as Markdown escapes it, `ua\_strike\_loss`) where the parameter
// has a name. The sources, which cite titles as published, are left out of the check.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "mend/io/case_reader.hpp"
#include "mend/report/markdown.hpp"

namespace mend {
namespace {

namespace fs = std::filesystem;

std::string Capture(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer{};
  while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
  EXPECT_EQ(pclose(pipe), 0) << command;
  return out;
}

// The brief up to its sources, without URLs and code spans.
std::string CheckedText(const std::string& brief) {
  std::string text = brief.substr(0, brief.find(". Источники и метод"));
  text = std::regex_replace(text, std::regex(R"(https?://\S+)"), "");
  return std::regex_replace(text, std::regex("`[^`]*`"), "");
}

// True when `needle` occurs in `text` as a whole word (not inside a longer identifier).
bool HasWord(const std::string& text, const std::string& needle) {
  auto word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '\\';
  };
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + 1)) {
    const bool open = at == 0 || !word(text[at - 1]);
    const std::size_t end = at + needle.size();
    if (open && (end == text.size() || !word(text[end]))) return true;
  }
  return false;
}

std::vector<fs::path> ShippedCaseFiles() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(MEND_SOURCE_DIR) / "cases")) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(RussianBrief, ShowsNoEnglishUnitAndNoRawParameterId) {
  int briefs = 0;
  int units_checked = 0;
  for (const fs::path& file : ShippedCaseFiles()) {
    Result<Document> document = ReadDocumentFile(file.string());
    ASSERT_TRUE(document.has_value()) << file << ": " << document.error().message;
    const auto* compiled = std::get_if<CompiledCase>(&*document);
    if (compiled == nullptr) continue;  // a portfolio: its cases are shipped files too
    const CaseDefinition& definition = compiled->definition;
    // English units that Russian shows otherwise, and the ids of named parameters.
    std::set<std::string> english_units;
    for (const Dimension& d : definition.dimensions) {
      if (!d.unit.empty() && d.unit != d.unit_ru) english_units.insert(d.unit);
    }
    std::set<std::string> named_ids;
    for (const Parameter& p : definition.parameters) {
      if (!p.unit.empty() && p.unit != p.unit_ru) english_units.insert(p.unit);
      if (!p.name.text.empty() || !p.name.ru.empty()) named_ids.insert(EscapeMarkdown(p.id));
    }
    for (const Actor& actor : definition.actors) {
      if (!actor.is_decider()) continue;
      const std::string brief = Capture(std::string(MEND_BINARY) + " brief " + file.string() +
                                        " --actor " + actor.id + " --lang ru");
      ASSERT_FALSE(brief.empty()) << file << " --actor " << actor.id;
      ++briefs;
      const std::string text = CheckedText(brief);
      for (const std::string& unit : english_units) {
        ++units_checked;
        EXPECT_FALSE(HasWord(text, EscapeMarkdown(unit)))
            << file << " --actor " << actor.id << ": the Russian brief shows the English unit '"
            << unit << "'\n"
            << brief;
      }
      for (const std::string& id : named_ids) {
        EXPECT_FALSE(HasWord(text, id))
            << file << " --actor " << actor.id << ": the Russian brief shows the raw id '" << id
            << "' of a named parameter\n"
            << brief;
      }
    }
  }
  EXPECT_GT(briefs, 0);
  EXPECT_GT(units_checked, 0);
}

// The check itself: a brief that showed an English unit or a raw id would be caught.
TEST(RussianBrief, TheCheckCatchesUnitsAndIdsAsWholeWords) {
  const std::string text = CheckedText(
      "Если бы параметр ua\\_strike\\_loss (USD bn/yr) был равен 3\n## 9. Источники и метод\n"
      "- index of sources");
  EXPECT_TRUE(HasWord(text, EscapeMarkdown("ua_strike_loss")));
  EXPECT_TRUE(HasWord(text, EscapeMarkdown("USD bn/yr")));
  EXPECT_FALSE(HasWord(text, "index"));                        // only in the sources
  EXPECT_FALSE(HasWord(text, EscapeMarkdown("strike_loss")));  // inside a longer id
}

}  // namespace
}  // namespace mend
