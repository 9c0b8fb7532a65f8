// SPDX-License-Identifier: Apache-2.0
//
// The `mend serve` HTTP server: routes of docs/api.md mapped to library calls over a
// Workspace, plus static serving of the built front end. Binds loopback unless a token is set.
//
// Example:
//   MEND_TRY(auto server, Server::Create(options, workspace));
//   MEND_TRY(int port, server->Bind());
//   std::thread stopper([&] { WaitForSignal(); server->Stop(); });
//   MEND_TRY(server->Run());
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "mend/core/result.hpp"
#include "mend/storage/workspace.hpp"

namespace mend::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 picks a free port
  /// When non-empty (at least 32 characters, token.hpp), every request needs
  /// `Authorization: Bearer <token>` or the cookie POST /api/login sets.
  std::string token;
  /// Directory of the built front end; empty serves no files.
  std::string static_dir;
  std::size_t max_body_bytes = std::size_t{8} << 20;
  /// An analysis running longer than this is cancelled.
  double time_limit_seconds = 30;
  /// Cases with more feasible states are refused; 0 keeps the loader's default.
  std::uint64_t max_states = 0;
  /// Analyses (requests that load or analyse cases) processed at once; 0 picks max(8, cores).
  /// Four times as many wait at most; beyond that a request is refused (503 busy). Other
  /// requests have threads of their own.
  unsigned threads = 0;
  /// Further names the Host header may carry (--allow-host): "name" for any port, "name:port".
  std::vector<std::string> allow_hosts;
  /// Estimated memory one request may use (states × actors × samples, budget.hpp); 0: no limit.
  std::uint64_t max_memory_bytes = std::uint64_t{1} << 30;
  /// Largest result one stored run may hold; 0: no limit.
  std::uint64_t max_run_bytes = std::uint64_t{16} << 20;
  /// Most bytes all stored runs of the workspace may hold together; 0: no limit.
  std::uint64_t runs_quota_bytes = std::uint64_t{1} << 30;
  /// States per page of POST /api/states, by default and at most.
  std::uint64_t states_page = 10'000;
  /// A request line and headers larger than this end the connection.
  std::size_t max_head_bytes = std::size_t{64} << 10;
  /// A request line and headers must arrive completely within this many seconds.
  double head_timeout_seconds = 10;
  /// A whole request (head and body) must arrive within this many seconds of its first byte
  /// (--request-timeout); a client that sends it slower is answered 408 and disconnected.
  double request_timeout_seconds = 30;
  /// With a token: different wrong tokens one client address may send within
  /// `login_window_seconds` before its requests are answered 429 (--login-attempts); 0: no
  /// limit.
  std::size_t login_attempts = 10;
  double login_window_seconds = 60;
};

/// The address to bind for `--host`: "localhost" binds 127.0.0.1, and an IPv6 literal in
/// brackets ("[::1]") loses them.
std::string BindAddress(const std::string& host);

/// `host` as it appears in a URL: an IPv6 literal gets brackets ("::1" -> "[::1]").
std::string UrlHost(const std::string& host);

/// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopbackHost(const std::string& host);

class Server {
 public:
  /// Checks the options: kInvalidArgument for a non-loopback host without a token, a token
  /// shorter than 32 characters, or a static directory that does not exist.
  static Result<std::unique_ptr<Server>> Create(const ServerOptions& options,
                                                std::shared_ptr<Workspace> workspace);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds the socket and returns the port (useful with port 0). kIo when it cannot bind (for an
  /// IPv6 host the message says the machine may have no IPv6).
  Result<int> Bind();
  /// Serves until Stop(); requires Bind().
  Status Run();
  /// Stops accepting; Run() returns once requests in flight are done. Thread-safe.
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// A built-in case file compiled into the binary (cases/**/*.yaml).
struct BuiltinCase {
  const char* path;  // relative to cases/, e.g. "classic/chicken.yaml"
  std::string_view text;
};
std::span<const BuiltinCase> BuiltinCases();

/// The built-in cases as versions to seed a new workspace with (portfolios and files that do
/// not load are skipped).
std::vector<NewVersion> BuiltinSeed();

}  // namespace mend::server
