// SPDX-License-Identifier: Apache-2.0
//
// LoginLimiter: how many wrong tokens one client address may try. Every check of a token
// (POST /api/login, a Bearer header, the login cookie) goes through Check, which compares the
// candidates with the token and counts the wrong ones per address. After `attempts` different
// wrong tokens from one address within `window`, that address is locked: every check from it
// answers kLocked, whatever the candidate (the right token too, so that a locked client learns
// nothing from its guesses), until the oldest of those attempts is `window` old. Other addresses
// are not affected. An IPv6 address counts by its /64 prefix (what one host usually holds).
//
// Wrong tokens are kept only as keyed 64-bit fingerprints (to count the same stale token once),
// never as text. The comparison and the count happen under one lock, so concurrent guesses
// cannot pass the limit together, and a locked address is refused before any comparison: the
// time of an answer does not depend on the candidate. Pure: the caller passes the time.
//
// Example:
//   LoginLimiter limiter({.attempts = 10, .window = std::chrono::seconds(60)});
//   LoginCheck check = limiter.Check(request.remote_addr, token, {bearer, cookie}, Clock::now());
//   if (check.verdict == LoginVerdict::kLocked) { ... 429, Retry-After: check.retry_after ... }
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mend::server {

struct LoginLimits {
  /// Different wrong tokens one address may send within `window`; 0: no limit.
  std::size_t attempts = 10;
  std::chrono::milliseconds window{60'000};
  /// Addresses remembered at most (the oldest are forgotten first).
  std::size_t max_addresses = 4096;
};

enum class LoginVerdict {
  kAccepted,  // a candidate is the token
  kRefused,   // no candidate is (counted when one was given)
  kLocked,    // the address sent too many wrong tokens; nothing was compared
};

struct LoginCheck {
  LoginVerdict verdict = LoginVerdict::kRefused;
  /// For kLocked: whole seconds until the address may try again (at least 1).
  std::uint64_t retry_after_seconds = 0;
};

class LoginLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  explicit LoginLimiter(const LoginLimits& limits);

  /// Checks the candidates (empty ones are absent) from `address` against `token`.
  LoginCheck Check(const std::string& address, std::string_view token,
                   std::initializer_list<std::string_view> candidates, Clock::time_point now);

  /// Addresses currently remembered (for tests of the bound).
  std::size_t remembered() const;

  /// The key an address is counted under: itself for IPv4, its /64 prefix for IPv6.
  static std::string AddressKey(const std::string& address);

 private:
  struct Attempt {
    Clock::time_point at;
    std::uint64_t fingerprint;
  };
  std::uint64_t Fingerprint(std::string_view candidate) const;
  void Forget(Clock::time_point now);

  LoginLimits limits_;
  std::uint64_t key_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::deque<Attempt>> wrong_;
};

}  // namespace mend::server
