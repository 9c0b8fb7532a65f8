// SPDX-License-Identifier: Apache-2.0
#include "login_limiter.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <random>

#include "token.hpp"
#include <arpa/inet.h>
#include <netinet/in.h>

namespace mend::server {

LoginLimiter::LoginLimiter(const LoginLimits& limits) : limits_(limits) {
  std::random_device device;
  key_ = (std::uint64_t{device()} << 32) ^ device();
}

std::string LoginLimiter::AddressKey(const std::string& address) {
  if (address.find(':') == std::string::npos) return address;
  in6_addr v6{};
  if (inet_pton(AF_INET6, address.c_str(), &v6) != 1) return address;
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (IN6_IS_ADDR_V4MAPPED(&v6)) {
    in_addr v4{};
    std::memcpy(&v4, &v6.s6_addr[12], sizeof(v4));
    inet_ntop(AF_INET, &v4, text.data(), text.size());
    return text.data();
  }
  std::fill(std::begin(v6.s6_addr) + 8, std::end(v6.s6_addr), std::uint8_t{0});
  inet_ntop(AF_INET6, &v6, text.data(), text.size());
  return std::string(text.data()) + "/64";
}

std::uint64_t LoginLimiter::Fingerprint(std::string_view candidate) const {
  // FNV-1a from a random start, then a final mix: tells equal candidates apart from different
  // ones within this process, and says nothing of the text to anyone without the key.
  std::uint64_t hash = key_;
  for (unsigned char c : candidate) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  hash ^= hash >> 31;
  hash *= 0x7fb5d329728ea185ull;
  hash ^= hash >> 27;
  return hash;
}

void LoginLimiter::Forget(Clock::time_point now) {
  for (auto it = wrong_.begin(); it != wrong_.end();) {
    it = it->second.empty() || it->second.back().at + limits_.window <= now ? wrong_.erase(it)
                                                                            : std::next(it);
  }
  while (!wrong_.empty() && wrong_.size() >= limits_.max_addresses) {
    auto oldest = std::min_element(wrong_.begin(), wrong_.end(), [](const auto& a, const auto& b) {
      return a.second.back().at < b.second.back().at;
    });
    wrong_.erase(oldest);
  }
}

LoginCheck LoginLimiter::Check(const std::string& address, std::string_view token,
                               std::initializer_list<std::string_view> candidates,
                               Clock::time_point now) {
  std::lock_guard lock(mutex_);
  const std::string key = AddressKey(address);
  if (limits_.attempts != 0) {
    if (auto found = wrong_.find(key); found != wrong_.end()) {
      std::deque<Attempt>& attempts = found->second;
      while (!attempts.empty() && attempts.front().at + limits_.window <= now) {
        attempts.pop_front();
      }
      if (attempts.empty()) {
        wrong_.erase(found);
      } else if (attempts.size() >= limits_.attempts) {
        const auto left = attempts.front().at + limits_.window - now;
        const auto seconds = std::chrono::ceil<std::chrono::seconds>(left).count();
        return {LoginVerdict::kLocked,
                static_cast<std::uint64_t>(std::max<decltype(seconds)>(seconds, 1))};
      }
    }
  }
  // Every candidate is compared (no early exit), each over the token's full length.
  bool accepted = false;
  std::string_view given;
  for (std::string_view candidate : candidates) {
    if (candidate.empty()) continue;
    if (given.empty()) given = candidate;
    accepted = TokenEquals(candidate, token) || accepted;
  }
  if (accepted) return {LoginVerdict::kAccepted, 0};
  if (given.empty() || limits_.attempts == 0) return {LoginVerdict::kRefused, 0};
  auto found = wrong_.find(key);
  if (found == wrong_.end()) {
    if (wrong_.size() >= limits_.max_addresses) Forget(now);
    found = wrong_.emplace(key, std::deque<Attempt>()).first;
  }
  const std::uint64_t fingerprint = Fingerprint(given);
  std::deque<Attempt>& attempts = found->second;
  // The same wrong token again (a stale cookie sent with every request) counts once.
  const bool seen = std::any_of(attempts.begin(), attempts.end(), [&](const Attempt& attempt) {
    return attempt.fingerprint == fingerprint;
  });
  if (!seen) attempts.push_back({now, fingerprint});
  return {LoginVerdict::kRefused, 0};
}

std::size_t LoginLimiter::remembered() const {
  std::lock_guard lock(mutex_);
  return wrong_.size();
}

}  // namespace mend::server
