// SPDX-License-Identifier: Apache-2.0
//
// The `--token` of `mend serve`: how long it must be, how one is generated, and how a request
// proves it knows it (an `Authorization: Bearer` header, or the cookie POST /api/login sets).
// The comparison takes the same time whatever the candidate is: it always runs over the full
// length of the expected token, so neither the token's characters nor its length leak.
// Pure functions: no sockets, unit-tested directly.
//
// Example:
//   MEND_TRY(CheckTokenStrength(options.token));
//   if (!Authorised(token, request.get_header_value("Authorization"),
//                   request.get_header_value("Cookie"))) { ... 401 ... }
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "mend/core/result.hpp"

namespace mend::server {

/// The shortest token `mend serve` accepts.
inline constexpr std::size_t kMinTokenChars = 32;

/// The value of `--token` that asks the server to generate a token and print it.
inline constexpr std::string_view kGenerateToken = "generate";

/// The cookie POST /api/login sets (HttpOnly, SameSite=Strict, Path=/).
inline constexpr std::string_view kTokenCookie = "mend_token";

/// kInvalidArgument for a non-empty token shorter than kMinTokenChars, or one with characters
/// other than printable ASCII without spaces (a header and a cookie must carry it unchanged).
/// The message offers `--token generate`. An empty token (no authentication) is accepted.
Status CheckTokenStrength(std::string_view token);

/// 64 hex digits (256 bits) from the system's random source (std::random_device).
std::string GenerateToken();

/// True when `candidate` equals `expected`, in time that depends on the length of `expected`
/// only.
bool TokenEquals(std::string_view candidate, std::string_view expected);

/// The value of cookie `name` in a Cookie header ("a=1; b=2"); empty when absent.
std::string_view CookieValue(std::string_view cookie_header, std::string_view name);

/// The token of an "Authorization: Bearer <token>" header; empty for any other header.
std::string_view BearerToken(std::string_view authorization);

/// True when `authorization` is "Bearer <token>" or `cookie_header` carries kTokenCookie with
/// the token.
bool Authorised(std::string_view token, std::string_view authorization,
                std::string_view cookie_header);

/// The Set-Cookie value that stores `token` in the browser; an empty token clears the cookie.
std::string TokenCookieHeader(std::string_view token);

/// The page a browser gets instead of the workbench without the token: a form (no script)
/// that posts the token to /api/login. `failed` adds that the last token was wrong; a
/// `retry_after_seconds` above 0, that this address sent too many wrong tokens and may try
/// again after that many seconds.
std::string LoginPage(bool failed, std::uint64_t retry_after_seconds = 0);

}  // namespace mend::server
