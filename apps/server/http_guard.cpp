// SPDX-License-Identifier: Apache-2.0
#include "http_guard.hpp"

#include <algorithm>
#include <cctype>

#include <arpa/inet.h>
#include <fmt/format.h>

namespace mend::server {
namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Splits "name[:port]" (IPv6 in brackets). The port is 0 when absent, -1 when malformed.
std::pair<std::string, int> SplitHostPort(std::string_view authority) {
  std::string_view name = authority;
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return {"", -1};
    name = authority.substr(0, close + 1);
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return {"", -1};
      port_text = rest.substr(1);
      if (port_text.empty()) return {"", -1};
    }
  } else {
    const std::size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      name = authority.substr(0, colon);
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) return {"", -1};
    }
  }
  int port = 0;
  if (!port_text.empty()) {
    if (port_text.size() > 5) return {"", -1};
    for (char c : port_text) {
      if (c < '0' || c > '9') return {"", -1};
      port = port * 10 + (c - '0');
    }
    if (port == 0 || port > 65535) return {"", -1};
  }
  if (name.empty()) return {"", -1};
  return {Lower(name), port};
}

bool IsIpLiteral(const std::string& name) {
  in_addr v4{};
  if (inet_pton(AF_INET, name.c_str(), &v4) == 1) return true;
  if (name.size() > 2 && name.front() == '[' && name.back() == ']') {
    in6_addr v6{};
    return inet_pton(AF_INET6, name.substr(1, name.size() - 2).c_str(), &v6) == 1;
  }
  return false;
}

bool LocalName(const HostPolicy& policy, const std::string& name) {
  return std::find(policy.local_names.begin(), policy.local_names.end(), name) !=
             policy.local_names.end() ||
         (policy.any_ip_literal && IsIpLiteral(name));
}

bool ExtraName(const HostPolicy& policy, const std::string& name, int port) {
  return std::any_of(policy.extra.begin(), policy.extra.end(), [&](const auto& entry) {
    return entry.first == name && (entry.second == 0 || entry.second == port);
  });
}

bool StateChanging(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool JsonType(std::string_view type) { return type == "application/json"; }

bool YamlType(std::string_view type) {
  return type == "application/yaml" || type == "application/x-yaml" || type == "text/yaml";
}

}  // namespace

HostPolicy HostPolicy::For(const std::string& bound_host, int port,
                           const std::vector<std::string>& allowed) {
  HostPolicy policy;
  policy.port = port;
  policy.local_names = {"localhost", "127.0.0.1", "[::1]"};
  std::string bound = Lower(bound_host);
  if (bound.find(':') != std::string::npos && bound.front() != '[') bound = "[" + bound + "]";
  policy.local_names.push_back(bound);
  policy.any_ip_literal = bound == "0.0.0.0" || bound == "[::]";
  for (const std::string& entry : allowed) {
    auto [name, entry_port] = SplitHostPort(entry);
    if (entry_port >= 0) policy.extra.emplace_back(name, entry_port);
  }
  return policy;
}

bool HostAllowed(const HostPolicy& policy, std::string_view host) {
  auto [name, port] = SplitHostPort(Trim(host));
  if (port < 0) return false;
  return LocalName(policy, name) || ExtraName(policy, name, port);
}

bool OriginAllowed(const HostPolicy& policy, std::string_view origin) {
  origin = Trim(origin);
  int default_port = 0;
  if (origin.substr(0, 7) == "http://") {
    origin.remove_prefix(7);
    default_port = 80;
  } else if (origin.substr(0, 8) == "https://") {
    origin.remove_prefix(8);
    default_port = 443;
  } else {
    return false;  // "null", other schemes
  }
  if (origin.find('/') != std::string_view::npos) return false;
  auto [name, port] = SplitHostPort(origin);
  if (port < 0) return false;
  if (port == 0) port = default_port;
  // Another program on this machine (a different port) is another origin.
  return (LocalName(policy, name) && port == policy.port) || ExtraName(policy, name, port);
}

std::optional<Refusal> CheckRequest(const HostPolicy& policy, const RequestFacts& request) {
  if (request.host.empty()) {
    return Refusal{RequestFailure::kForbidden, "the request has no Host header"};
  }
  if (!HostAllowed(policy, request.host)) {
    return Refusal{RequestFailure::kForbidden,
                   fmt::format("Host '{}' does not name this server; start it with --allow-host "
                               "NAME to accept another name",
                               request.host.substr(0, 200))};
  }
  const std::string encoding = Lower(Trim(request.content_encoding));
  if (!encoding.empty() && encoding != "identity") {
    return Refusal{RequestFailure::kUnsupportedMediaType,
                   "request bodies may not be content-encoded (Content-Encoding: identity only)"};
  }
  if (!StateChanging(request.method)) return std::nullopt;
  if (!request.origin.empty() && !OriginAllowed(policy, request.origin)) {
    return Refusal{RequestFailure::kForbidden,
                   fmt::format("Origin '{}' is not this server; cross-site requests are refused",
                               request.origin.substr(0, 200))};
  }
  if (Lower(Trim(request.sec_fetch_site)) == "cross-site") {
    return Refusal{RequestFailure::kForbidden,
                   "Sec-Fetch-Site: cross-site; cross-site requests are refused"};
  }
  if (!request.has_body) return std::nullopt;
  std::string_view type = request.content_type;
  type = Trim(type.substr(0, type.find(';')));
  const std::string lower = Lower(type);
  if (JsonType(lower) || (request.path == "/api/import" && YamlType(lower))) return std::nullopt;
  // The login page's form (a browser without scripts signing in).
  if (request.path == "/api/login" && lower == "application/x-www-form-urlencoded") {
    return std::nullopt;
  }
  return Refusal{RequestFailure::kUnsupportedMediaType,
                 request.path == "/api/import"
                     ? "Content-Type: expected application/json or application/yaml"
                     : "Content-Type: expected application/json"};
}

}  // namespace mend::server
