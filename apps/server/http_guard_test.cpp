// SPDX-License-Identifier: Apache-2.0
#include "http_guard.hpp"

#include "budget.hpp"
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mend::server {
namespace {

using ::testing::HasSubstr;

const HostPolicy kPolicy = HostPolicy::For("127.0.0.1", 8080, {"mend.example", "proxy:8443"});

RequestFacts Post(std::string_view content_type) {
  RequestFacts facts;
  facts.method = "POST";
  facts.path = "/api/cases";
  facts.host = "127.0.0.1:8080";
  facts.content_type = content_type;
  facts.has_body = true;
  return facts;
}

TEST(HostAllowed, AcceptsTheServersNamesAndRefusesOthers) {
  for (const char* host : {"127.0.0.1", "127.0.0.1:8080", "localhost", "LocalHost:99", "[::1]",
                           "[::1]:8080", "mend.example", "mend.example:1", "proxy:8443"}) {
    EXPECT_TRUE(HostAllowed(kPolicy, host)) << host;
  }
  for (const char* host : {"", "evil.example", "127.0.0.2", "127.0.0.1.nip.io", "proxy",
                           "proxy:8444", "localhost:", "localhost:0", "localhost:65536",
                           "localhost:8o", "[::1", "::1", "[::1]x", "mend.example.evil"}) {
    EXPECT_FALSE(HostAllowed(kPolicy, host)) << host;
  }
}

TEST(HostAllowed, AWildcardBindTakesAnyAddressButNoName) {
  const HostPolicy any = HostPolicy::For("0.0.0.0", 80, {});
  EXPECT_TRUE(HostAllowed(any, "192.168.1.20:80"));
  EXPECT_TRUE(HostAllowed(any, "[fe80::1]"));
  EXPECT_FALSE(HostAllowed(any, "attacker.example"));
}

TEST(OriginAllowed, OnlyTheServersOwnOrigins) {
  EXPECT_TRUE(OriginAllowed(kPolicy, "http://127.0.0.1:8080"));
  EXPECT_TRUE(OriginAllowed(kPolicy, "http://localhost:8080"));
  EXPECT_TRUE(OriginAllowed(kPolicy, "https://mend.example"));
  EXPECT_TRUE(OriginAllowed(kPolicy, "https://proxy:8443"));
  for (const char* origin :
       {"null", "http://127.0.0.1", "http://127.0.0.1:3000", "http://evil.example:8080",
        "https://proxy", "ftp://127.0.0.1:8080", "http://127.0.0.1:8080/path", ""}) {
    EXPECT_FALSE(OriginAllowed(kPolicy, origin)) << origin;
  }
}

TEST(CheckRequest, RefusesWhatACrossSitePageCouldSend) {
  EXPECT_FALSE(CheckRequest(kPolicy, Post("application/json")));
  EXPECT_FALSE(CheckRequest(kPolicy, Post("Application/JSON; charset=utf-8")));
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "", "json"}) {
    auto refusal = CheckRequest(kPolicy, Post(type));
    ASSERT_TRUE(refusal) << type;
    EXPECT_EQ(refusal->failure, RequestFailure::kUnsupportedMediaType);
  }
  RequestFacts import = Post("application/yaml");
  import.path = "/api/import";
  EXPECT_FALSE(CheckRequest(kPolicy, import));
  // The sign-in form posts a form to /api/login only; a foreign form there is still refused.
  RequestFacts login = Post("application/x-www-form-urlencoded");
  login.path = "/api/login";
  EXPECT_FALSE(CheckRequest(kPolicy, login));
  login.origin = "http://evil.example";
  EXPECT_EQ(CheckRequest(kPolicy, login)->failure, RequestFailure::kForbidden);
  RequestFacts empty = Post("");
  empty.has_body = false;  // a cancel request has no body
  EXPECT_FALSE(CheckRequest(kPolicy, empty));
  RequestFacts foreign = Post("application/json");
  foreign.origin = "http://evil.example";
  EXPECT_EQ(CheckRequest(kPolicy, foreign)->failure, RequestFailure::kForbidden);
  RequestFacts cross = Post("application/json");
  cross.sec_fetch_site = "cross-site";
  EXPECT_EQ(CheckRequest(kPolicy, cross)->failure, RequestFailure::kForbidden);
  RequestFacts encoded = Post("application/json");
  encoded.content_encoding = "gzip";
  EXPECT_EQ(CheckRequest(kPolicy, encoded)->failure, RequestFailure::kUnsupportedMediaType);
  RequestFacts rebinding = Post("application/json");
  rebinding.host = "evil.example:8080";
  auto refusal = CheckRequest(kPolicy, rebinding);
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->failure, RequestFailure::kForbidden);
  EXPECT_THAT(refusal->message, HasSubstr("--allow-host"));
  RequestFacts get;
  get.method = "GET";
  get.host = "localhost";
  get.sec_fetch_site = "cross-site";  // a link from another site opens the workbench
  EXPECT_FALSE(CheckRequest(kPolicy, get));
}

TEST(MemoryBudget, EstimatesGrowWithStatesActorsAndSamples) {
  const MemoryBudget budget{1 << 20};
  EXPECT_LT(MemoryBudget::Estimate({16, 2, 0}), MemoryBudget::Estimate({16, 3, 0}));
  EXPECT_LT(MemoryBudget::Estimate({16, 2, 0}), MemoryBudget::Estimate({16, 2, 10}));
  EXPECT_EQ(MemoryBudget::Estimate({~0ull, ~0ull, ~0ull}), ~0ull);  // saturates
  EXPECT_FALSE(budget.Check({16, 2, 2000}));
  auto refusal = budget.Check({1 << 20, 4, 0});
  ASSERT_TRUE(refusal);
  EXPECT_THAT(*refusal, HasSubstr("1048576 feasible states × 4 actors"));
  EXPECT_THAT(*refusal, HasSubstr("1.0 MiB"));
  EXPECT_GE(budget.MaxStates(2, 0), 1u);
  EXPECT_EQ(budget.MaxStates(2, ~0ull), 1u);
  EXPECT_EQ(MemoryBudget{0}.MaxStates(2, 5), ~0ull);
  EXPECT_FALSE(MemoryBudget{0}.Check({~0ull, 9, 9}));
}

}  // namespace
}  // namespace mend::server
