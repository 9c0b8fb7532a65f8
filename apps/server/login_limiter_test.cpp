// SPDX-License-Identifier: Apache-2.0
#include "login_limiter.hpp"

#include <string>

#include <gtest/gtest.h>

namespace mend::server {
namespace {

using std::chrono::seconds;

const std::string kToken = "0123456789abcdef0123456789abcdef";
const LoginLimiter::Clock::time_point kStart{};

LoginLimits Limits(std::size_t attempts, seconds window, std::size_t addresses = 4096) {
  LoginLimits limits;
  limits.attempts = attempts;
  limits.window = window;
  limits.max_addresses = addresses;
  return limits;
}

TEST(LoginLimiter, LocksAnAddressAfterTooManyWrongTokensUntilTheWindowPasses) {
  LoginLimiter limiter(Limits(3, seconds(60)));
  const std::string address = "192.0.2.7";
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(
        limiter.Check(address, kToken, {"wrong-" + std::to_string(i)}, kStart + seconds(i)).verdict,
        LoginVerdict::kRefused);
  }
  // Locked: the right token too, so a guess that happens to be right says nothing.
  const LoginCheck locked = limiter.Check(address, kToken, {kToken}, kStart + seconds(10));
  EXPECT_EQ(locked.verdict, LoginVerdict::kLocked);
  EXPECT_EQ(locked.retry_after_seconds, 50U);  // the first wrong token was at 0, the window 60
  EXPECT_EQ(limiter.Check(address, kToken, {"wrong-9"}, kStart + seconds(59)).retry_after_seconds,
            1U);
  // Another address is not affected.
  EXPECT_EQ(limiter.Check("192.0.2.8", kToken, {kToken}, kStart + seconds(10)).verdict,
            LoginVerdict::kAccepted);
  // Once the oldest wrong token is a window old, one more try is allowed; the right token works.
  EXPECT_EQ(limiter.Check(address, kToken, {kToken}, kStart + seconds(60)).verdict,
            LoginVerdict::kAccepted);
  // The other two (at 1 s and 2 s) still count: one more wrong token locks the address again,
  // until the one at 1 s is a window old.
  EXPECT_EQ(limiter.Check(address, kToken, {"wrong-3"}, kStart + seconds(60)).verdict,
            LoginVerdict::kRefused);
  const LoginCheck again = limiter.Check(address, kToken, {kToken}, kStart + seconds(60));
  EXPECT_EQ(again.verdict, LoginVerdict::kLocked);
  EXPECT_EQ(again.retry_after_seconds, 1U);
  EXPECT_EQ(limiter.Check(address, kToken, {kToken}, kStart + seconds(61)).verdict,
            LoginVerdict::kAccepted);
}

TEST(LoginLimiter, CountsTheSameWrongTokenOnceAndNoTokenNever) {
  LoginLimiter limiter(Limits(2, seconds(60)));
  // A stale cookie sent with every request of a page.
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(limiter.Check("192.0.2.7", kToken, {"", "stale"}, kStart).verdict,
              LoginVerdict::kRefused);
  }
  // Requests without any token (a browser before signing in).
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(limiter.Check("192.0.2.7", kToken, {"", ""}, kStart).verdict, LoginVerdict::kRefused);
  }
  EXPECT_EQ(limiter.Check("192.0.2.7", kToken, {"", kToken}, kStart).verdict,
            LoginVerdict::kAccepted);
  EXPECT_EQ(limiter.Check("192.0.2.7", kToken, {"other"}, kStart).verdict, LoginVerdict::kRefused);
  EXPECT_EQ(limiter.Check("192.0.2.7", kToken, {kToken}, kStart).verdict, LoginVerdict::kLocked);
}

TEST(LoginLimiter, CountsAnIpv6HostByItsPrefix) {
  EXPECT_EQ(LoginLimiter::AddressKey("192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(LoginLimiter::AddressKey("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(LoginLimiter::AddressKey("::ffff:192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(LoginLimiter::AddressKey("::1"), "::/64");
  LoginLimiter limiter(Limits(2, seconds(60)));
  EXPECT_EQ(limiter.Check("2001:db8:1:2::a", kToken, {"x"}, kStart).verdict,
            LoginVerdict::kRefused);
  EXPECT_EQ(limiter.Check("2001:db8:1:2::b", kToken, {"y"}, kStart).verdict,
            LoginVerdict::kRefused);
  EXPECT_EQ(limiter.Check("2001:db8:1:2::c", kToken, {kToken}, kStart).verdict,
            LoginVerdict::kLocked);
  EXPECT_EQ(limiter.Check("2001:db8:1:3::a", kToken, {kToken}, kStart).verdict,
            LoginVerdict::kAccepted);
}

TEST(LoginLimiter, RemembersABoundedNumberOfAddresses) {
  LoginLimiter limiter(Limits(2, seconds(60), 8));
  for (int i = 0; i < 100; ++i) {
    (void)limiter.Check("192.0.2." + std::to_string(i), kToken, {"x"}, kStart + seconds(i % 30));
    EXPECT_LE(limiter.remembered(), 8U);
  }
}

TEST(LoginLimiter, AttemptsOfZeroMeansNoLimit) {
  LoginLimiter limiter(Limits(0, seconds(60)));
  for (int i = 0; i < 50; ++i) {
    EXPECT_EQ(limiter.Check("192.0.2.7", kToken, {"w" + std::to_string(i)}, kStart).verdict,
              LoginVerdict::kRefused);
  }
  EXPECT_EQ(limiter.Check("192.0.2.7", kToken, {kToken}, kStart).verdict, LoginVerdict::kAccepted);
  EXPECT_EQ(limiter.remembered(), 0U);
}

}  // namespace
}  // namespace mend::server
