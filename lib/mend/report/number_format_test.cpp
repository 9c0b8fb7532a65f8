// SPDX-License-Identifier: Apache-2.0
#include "mend/report/number_format.hpp"

#include <gtest/gtest.h>

namespace mend {
namespace {

TEST(FormatNumber, KeepsThreeSignificantDigitsAndGroupsThousands) {
  EXPECT_EQ(FormatNumber(12.3456789, Language::kEnglish), "12.3");
  EXPECT_EQ(FormatNumber(12345.678, Language::kEnglish), "12,346");
  EXPECT_EQ(FormatNumber(1234567, Language::kEnglish), "1,234,567");
  EXPECT_EQ(FormatNumber(0.0456789, Language::kEnglish), "0.046");
  EXPECT_EQ(FormatNumber(2.5, Language::kEnglish), "2.5");
  EXPECT_EQ(FormatNumber(-3.14159, Language::kEnglish), "-3.14");
  EXPECT_EQ(FormatNumber(0, Language::kEnglish), "0");
  EXPECT_EQ(FormatNumber(0.0001, Language::kEnglish), "0");
}

TEST(FormatNumber, WritesRussianWithDecimalCommaNoBreakSpaceAndMinusSign) {
  EXPECT_EQ(FormatNumber(12.3456789, Language::kRussian), "12,3");
  EXPECT_EQ(FormatNumber(12345.678, Language::kRussian), "12\u00a0346");
  EXPECT_EQ(FormatNumber(1234, Language::kRussian), "1234");
  EXPECT_EQ(FormatNumber(-0.5, Language::kRussian), "\u22120,5");
}

TEST(FormatSigned, AddsPlusToGains) {
  EXPECT_EQ(FormatSigned(1.5, Language::kEnglish), "+1.5");
  EXPECT_EQ(FormatSigned(-1.5, Language::kEnglish), "-1.5");
  EXPECT_EQ(FormatSigned(0, Language::kEnglish), "0");
}

TEST(FormatRange, RoundsBothEndsAlike) {
  EXPECT_EQ(FormatRange(2.13456, 15.349, Language::kEnglish), "2.1\u201315.3");
  EXPECT_EQ(FormatRange(-1.5, 7.25, Language::kRussian), "\u22121,5\u20137,25");
}

TEST(FormatPercent, ShowsWholePercentagesAndTheEnds) {
  EXPECT_EQ(FormatPercent(0.834, Language::kEnglish), "83%");
  EXPECT_EQ(FormatPercent(0.834, Language::kRussian), "83\u00a0%");
  EXPECT_EQ(FormatPercent(0.001, Language::kEnglish), "<1%");
  EXPECT_EQ(FormatPercent(0.999, Language::kEnglish), ">99%");
  EXPECT_EQ(FormatPercent(1, Language::kEnglish), "100%");
}

}  // namespace
}  // namespace mend
