// SPDX-License-Identifier: Apache-2.0
#include "token.hpp"

#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mend::server {
namespace {

using ::testing::HasSubstr;

const std::string kToken = "0123456789abcdef0123456789abcdef";  // 32 characters

TEST(CheckTokenStrength, RefusesShortTokensAndOffersToGenerateOne) {
  EXPECT_TRUE(CheckTokenStrength(""));  // no token: no authentication
  EXPECT_TRUE(CheckTokenStrength(kToken));
  for (const std::string& short_token :
       {std::string("t"), std::string("s3cret-token"), kToken.substr(0, 31)}) {
    Status status = CheckTokenStrength(short_token);
    ASSERT_FALSE(status) << short_token;
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(status.error().message,
                HasSubstr(std::to_string(short_token.size()) + " characters"));
    EXPECT_THAT(status.error().message, HasSubstr("at least 32"));
    EXPECT_THAT(status.error().message, HasSubstr("--token generate"));
  }
  for (const std::string& bad : {kToken + " x", kToken + ";x", kToken + "\xc3\xa9"}) {
    EXPECT_FALSE(CheckTokenStrength(bad)) << bad;
  }
}

TEST(GenerateToken, MakesDistinctStrongTokens) {
  std::set<std::string> tokens;
  for (int i = 0; i < 100; ++i) {
    const std::string token = GenerateToken();
    EXPECT_EQ(token.size(), 64U);
    EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos) << token;
    EXPECT_TRUE(CheckTokenStrength(token));
    tokens.insert(token);
  }
  EXPECT_EQ(tokens.size(), 100U);
}

TEST(TokenEquals, AcceptsOnlyTheTokenWhateverTheCandidatesLength) {
  EXPECT_TRUE(TokenEquals(kToken, kToken));
  for (const std::string& wrong : {std::string(), kToken.substr(0, 1), kToken.substr(0, 31),
                                   kToken + "0", kToken + kToken, std::string(kToken.size(), 'x'),
                                   kToken.substr(0, 31) + "g", std::string(kToken.size(), '\0')}) {
    EXPECT_FALSE(TokenEquals(wrong, kToken)) << wrong;
  }
  EXPECT_FALSE(TokenEquals("", ""));  // no token is never a match
}

TEST(Authorised, TakesTheBearerHeaderOrTheLoginCookie) {
  EXPECT_TRUE(Authorised(kToken, "Bearer " + kToken, ""));
  EXPECT_TRUE(Authorised(kToken, "", "mend_token=" + kToken));
  EXPECT_TRUE(Authorised(kToken, "", "theme=dark; mend_token=" + kToken + "; lang=en"));
  EXPECT_FALSE(Authorised(kToken, kToken, ""));
  EXPECT_FALSE(Authorised(kToken, "Basic " + kToken, ""));
  EXPECT_FALSE(Authorised(kToken, "Bearer wrong", "mend_token=wrong"));
  EXPECT_FALSE(Authorised(kToken, "", "other_token=" + kToken));
  EXPECT_FALSE(Authorised(kToken, "", "xmend_token=" + kToken));
  EXPECT_FALSE(Authorised(kToken, "", "mend_token=" + kToken.substr(1)));
}

TEST(TokenCookieHeader, IsHttpOnlyAndStrictForTheWholeSite) {
  EXPECT_EQ(TokenCookieHeader(kToken),
            "mend_token=" + kToken + "; HttpOnly; SameSite=Strict; Path=/");
  EXPECT_EQ(TokenCookieHeader(""), "mend_token=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
}

}  // namespace
}  // namespace mend::server
