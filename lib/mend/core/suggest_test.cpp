// SPDX-License-Identifier: Apache-2.0
#include "mend/core/suggest.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mend {
namespace {

using ::testing::ElementsAre;

TEST(NearestIds, FindsMisspellingsSwapsAndCaseDifferences) {
  const std::vector<std::string> ids = {"us_strike", "ru_strike", "ru_talks", "budget"};
  EXPECT_THAT(NearestIds("ru_strik", ids), ElementsAre("ru_strike"));
  EXPECT_THAT(NearestIds("ru_tlaks", ids), ElementsAre("ru_talks"));
  EXPECT_THAT(NearestIds("BUDGET", ids), ElementsAre("budget"));
  EXPECT_THAT(NearestIds("nothing_alike", ids), ElementsAre());
  EXPECT_THAT(NearestIds("", ids), ElementsAre());
  EXPECT_THAT(NearestIds(std::string(1000, 'x'), ids), ElementsAre());
}

TEST(DidYouMean, ListsOneOrSeveral) {
  EXPECT_EQ(DidYouMean("ru_strik", {"ru_strike"}), "; did you mean ru_strike?");
  EXPECT_EQ(DidYouMean("ab", {"aa", "bb", "zz"}), "; did you mean aa or bb?");
  EXPECT_EQ(DidYouMean("xyz", {"budget"}), "");
}

}  // namespace
}  // namespace mend
