// SPDX-License-Identifier: Apache-2.0
#include "mend/model/pattern.hpp"

#include <gtest/gtest.h>

namespace mend {
namespace {

TEST(FormatPattern, WritesOptionZeroFirst) {
  EXPECT_EQ(FormatPattern(0b0011, 4), "YYNN");
  EXPECT_EQ(FormatPattern(0b1000, 4), "NNNY");
  EXPECT_EQ(FormatPattern(0, 0), "");
}

TEST(ParsePattern, RoundTripsAndRefusesWrongLengthOrLetters) {
  EXPECT_EQ(ParsePattern("YYNN", 4), StateCode{0b0011});
  EXPECT_EQ(ParsePattern("NNNY", 4), StateCode{0b1000});
  EXPECT_FALSE(ParsePattern("YYN", 4).has_value());
  EXPECT_FALSE(ParsePattern("YYNn", 4).has_value());
  EXPECT_FALSE(ParsePattern("YY N", 4).has_value());
  const std::string all_yes(64, 'Y');
  EXPECT_EQ(ParsePattern(all_yes, 64), ~StateCode{0});
  EXPECT_EQ(FormatPattern(~StateCode{0}, 64), all_yes);
}

TEST(PartialPattern, MatchesOnlyTheOptionsItFixes) {
  const PartialPattern pattern{.mask = 0b0101, .values = 0b0001};
  EXPECT_TRUE(pattern.Matches(0b0001));
  EXPECT_TRUE(pattern.Matches(0b1011));
  EXPECT_FALSE(pattern.Matches(0b0101));
  EXPECT_FALSE(pattern.Matches(0b0000));
  EXPECT_TRUE(PartialPattern{}.Matches(0b1111));
}

}  // namespace
}  // namespace mend
