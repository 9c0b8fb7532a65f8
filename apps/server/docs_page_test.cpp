// SPDX-License-Identifier: Apache-2.0
#include "docs_page.hpp"

#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mend::server {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(HeadingAnchor, KeepsLettersAndDigitsAndDropsMarkup) {
  EXPECT_EQ(HeadingAnchor("Stability of a state for a decider"),
            "stability-of-a-state-for-a-decider");
  EXPECT_EQ(HeadingAnchor("Status-quo attachment as a lens: viability"),
            "status-quo-attachment-as-a-lens-viability");
  EXPECT_EQ(HeadingAnchor("The <code>seq</code> rule &amp; GMR"), "the-seq-rule--gmr");
  EXPECT_EQ(HeadingAnchor("Ожидания κ"), "Ожидания-κ");  // non-ASCII kept as it is
}

TEST(WithHeadingIds, GivesEveryHeadingAnIdAndNumbersRepeats) {
  EXPECT_EQ(WithHeadingIds("<h2>Notes</h2>\n<p>x</p>\n<h3>Notes</h3>\n<hr />\n<h2>Notes</h2>\n"),
            "<h2 id=\"notes\">Notes</h2>\n<p>x</p>\n<h3 id=\"notes-1\">Notes</h3>\n<hr />\n"
            "<h2 id=\"notes-2\">Notes</h2>\n");
  EXPECT_EQ(WithHeadingIds("<p>no headings</p>"), "<p>no headings</p>");
}

TEST(DefinitionsPage, RendersEveryHeadingOfTheDefinitionsWithItsAnchor) {
  const std::string& page = DefinitionsPage();
  EXPECT_THAT(page, HasSubstr("<!doctype html>"));
  EXPECT_THAT(page, Not(HasSubstr("<script")));
  // Every heading of the embedded docs/analyses.md is a target of the page.
  std::istringstream lines{std::string(AnalysesMarkdown())};
  std::string line;
  int headings = 0;
  bool in_code = false;
  while (std::getline(lines, line)) {
    if (line.rfind("```", 0) == 0) in_code = !in_code;
    if (in_code || line.rfind("#", 0) != 0) continue;
    const std::size_t text = line.find_first_not_of('#');
    if (text == std::string::npos || line[text] != ' ') continue;
    ++headings;
    EXPECT_THAT(page, HasSubstr("id=\"" + HeadingAnchor(line.substr(text + 1)) + "\"")) << line;
  }
  EXPECT_GT(headings, 5);
}

}  // namespace
}  // namespace mend::server
