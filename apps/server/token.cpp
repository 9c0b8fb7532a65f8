// SPDX-License-Identifier: Apache-2.0
#include "token.hpp"

#include <random>

#include <fmt/format.h>

namespace mend::server {

Status CheckTokenStrength(std::string_view token) {
  if (token.empty()) return Ok();
  for (char c : token) {
    if (c <= ' ' || c > '~' || c == ';' || c == ',' || c == '"' || c == '\\') {
      return Error::InvalidArgument(
          "--token: expected printable ASCII without spaces, ';', ',', '\"' or '\\'; run "
          "`mend serve --token generate` to have one generated");
    }
  }
  if (token.size() < kMinTokenChars) {
    return Error::InvalidArgument(fmt::format(
        "--token: {} characters; a token needs at least {} (a short one can be guessed); run "
        "`mend serve --token generate` to have one generated and printed",
        token.size(), kMinTokenChars));
  }
  return Ok();
}

std::string GenerateToken() {
  std::random_device device;  // the kernel's random source (getrandom or /dev/urandom)
  std::string token;
  token.reserve(64);
  for (int i = 0; i < 8; ++i) token += fmt::format("{:08x}", device());
  return token;
}

bool TokenEquals(std::string_view candidate, std::string_view expected) {
  // Every character of `expected` is compared, whatever the candidate's length; a shorter
  // candidate is compared against NUL bytes, and any difference in length counts too.
  unsigned difference = candidate.size() == expected.size() ? 0u : 1u;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const unsigned char given = i < candidate.size() ? static_cast<unsigned char>(candidate[i]) : 0;
    difference |= given ^ static_cast<unsigned char>(expected[i]);
  }
  return difference == 0 && !expected.empty();
}

std::string_view CookieValue(std::string_view cookie_header, std::string_view name) {
  while (!cookie_header.empty()) {
    const std::size_t end = cookie_header.find(';');
    std::string_view pair = cookie_header.substr(0, end);
    cookie_header =
        end == std::string_view::npos ? std::string_view() : cookie_header.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    while (!pair.empty() && pair.back() == ' ') pair.remove_suffix(1);
    const std::size_t equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      return pair.substr(equals + 1);
    }
  }
  return {};
}

std::string_view BearerToken(std::string_view authorization) {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.substr(0, kBearer.size()) != kBearer) return {};
  return authorization.substr(kBearer.size());
}

bool Authorised(std::string_view token, std::string_view authorization,
                std::string_view cookie_header) {
  const std::string_view bearer = BearerToken(authorization);
  if (!bearer.empty() && TokenEquals(bearer, token)) return true;
  const std::string_view cookie = CookieValue(cookie_header, kTokenCookie);
  return !cookie.empty() && TokenEquals(cookie, token);
}

std::string TokenCookieHeader(std::string_view token) {
  if (token.empty()) {
    return fmt::format("{}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0", kTokenCookie);
  }
  return fmt::format("{}={}; HttpOnly; SameSite=Strict; Path=/", kTokenCookie, token);
}

std::string LoginPage(bool failed, std::uint64_t retry_after_seconds) {
  std::string notice;
  if (retry_after_seconds > 0) {
    notice = fmt::format(
        "<p role=\"alert\"><strong>Too many wrong tokens came from this address: try again in "
        "{} s.</strong></p>\n",
        retry_after_seconds);
  } else if (failed) {
    notice = "<p role=\"alert\"><strong>That token is not this server's.</strong></p>\n";
  }
  return fmt::format(
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>mend: sign in</title></head>\n<body style=\"font-family: sans-serif; margin: 4em\">"
      "<h1>mend</h1>\n<p>This server needs its token (the <code>--token</code> it was started "
      "with).</p>\n{}<form method=\"post\" action=\"/api/login\"><label>Token "
      "<input type=\"password\" name=\"token\" autocomplete=\"current-password\" autofocus "
      "required></label> <button type=\"submit\">Sign in</button></form>\n</body></html>\n",
      notice);
}

}  // namespace mend::server
