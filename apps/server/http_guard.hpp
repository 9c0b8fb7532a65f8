// SPDX-License-Identifier: Apache-2.0
//
// Who may talk to the server, decided from a request's headers before its body is read:
// the Host must name this server (DNS rebinding), a state-changing request must come from this
// server's own pages (Origin, Sec-Fetch-Site) and carry a JSON body (or YAML for an import),
// and request bodies may not be content-encoded (a small gzip body inflates without bound).
// Pure functions of the headers: no sockets, so they are unit-tested and fuzzed directly.
//
// Example:
//   HostPolicy policy = HostPolicy::For("127.0.0.1", 8080, {"mend.example"});
//   if (auto refusal = CheckRequest(policy, facts)) return Refuse(*refusal);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http_status.hpp"

namespace mend::server {

/// The names a request may use to address this server.
struct HostPolicy {
  /// Creates the policy for a server bound to `bound_host`:`port`. The bound address,
  /// `localhost`, `127.0.0.1` and `[::1]` are always accepted; `allowed` adds names given with
  /// `--allow-host` ("name" for any port, "name:port" for one). A wildcard bind (0.0.0.0, ::)
  /// also accepts any IP literal: a DNS-rebinding page can only use names.
  static HostPolicy For(const std::string& bound_host, int port,
                        const std::vector<std::string>& allowed);

  std::vector<std::string> local_names;            // lower case, IPv6 in brackets
  std::vector<std::pair<std::string, int>> extra;  // --allow-host; port 0 for any
  bool any_ip_literal = false;
  int port = 0;
};

/// What CheckRequest looks at; empty strings stand for absent headers.
struct RequestFacts {
  std::string_view method;
  std::string_view path;
  std::string_view host;
  std::string_view origin;
  std::string_view sec_fetch_site;
  std::string_view content_type;
  std::string_view content_encoding;
  bool has_body = false;  // Content-Length above 0, or Transfer-Encoding
};

/// Why a request is refused, and what to say.
struct Refusal {
  RequestFailure failure;
  std::string message;
};

/// Returns true if the Host header value ("name" or "name:port") names this server.
bool HostAllowed(const HostPolicy& policy, std::string_view host);

/// Returns true if `origin` ("scheme://name[:port]") is one of this server's own origins.
bool OriginAllowed(const HostPolicy& policy, std::string_view origin);

/// Returns the refusal for a request that may not proceed, or nullopt. Checked in order:
/// a foreign or missing Host (403); a Content-Encoding other than identity (415); for POST,
/// PUT, PATCH and DELETE, a foreign Origin (403), `Sec-Fetch-Site: cross-site` (403), and a
/// body that is not `application/json` (415; `/api/import` also takes application/yaml,
/// application/x-yaml and text/yaml, `/api/login` application/x-www-form-urlencoded).
std::optional<Refusal> CheckRequest(const HostPolicy& policy, const RequestFacts& request);

}  // namespace mend::server
