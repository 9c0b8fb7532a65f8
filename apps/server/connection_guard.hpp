// SPDX-License-Identifier: Apache-2.0
//
// GuardedHttpServer: cpp-httplib's server (0.11.4, Debian 12) with the connection handling
// replaced by one that bounds what a client can make it hold. httplib reads a request line or
// header line into a buffer that grows without limit, reads chunked bodies past
// set_payload_max_length, and gives a client sending one header line (or one body byte) every
// few seconds as long as it likes. Here every byte httplib reads comes through a stream that
//   - refuses a request head (request line and headers) above `max_head_bytes`,
//   - refuses a head that has not arrived completely within `head_timeout`,
//   - refuses a request (head and body) that has not arrived completely within
//     `request_timeout` of its first byte,
//   - refuses body bytes beyond `max_body_bytes` (plus room for chunk framing), and
//   - times out any one read of a body after `read_timeout`;
// a refused read ends the connection (after a 408 when httplib answers it, see
// RequestTimeout()). Routing, handlers and responses stay httplib's.
//
// Example:
//   GuardedHttpServer http(ConnectionLimits{.max_body_bytes = 8 << 20});
//   http.Get("/api/health", handler);
//   int port = http.bind_to_any_port("127.0.0.1");
//   http.RaiseBacklog(1024);
//   http.listen_after_bind();
#pragma once

#include <chrono>
#include <cstddef>

#include <httplib.h>

namespace mend::server {

struct ConnectionLimits {
  std::size_t max_head_bytes = std::size_t{64} << 10;
  std::chrono::milliseconds head_timeout{10'000};
  std::chrono::milliseconds request_timeout{30'000};
  std::size_t max_body_bytes = std::size_t{8} << 20;
  std::chrono::milliseconds read_timeout{10'000};
  std::chrono::milliseconds write_timeout{10'000};
  std::chrono::milliseconds keep_alive_timeout{5'000};
  std::size_t keep_alive_max_requests = 100;
};

/// Which time limit ended the reading of a request.
enum class ReadTimeout { kNone, kHead, kRequest, kIdle };

class GuardedHttpServer : public httplib::Server {
 public:
  explicit GuardedHttpServer(const ConnectionLimits& limits);

  /// Sets the listen backlog of the bound socket (httplib listens with a backlog of 5).
  /// Returns false if the server is not bound.
  bool RaiseBacklog(int backlog);

  /// Ends the connection of the request being handled on this thread after its response: for
  /// refusals sent before the body was read, whose unread bytes must not be parsed as the next
  /// request. No effect outside a request.
  static void CloseAfterResponse();

  /// The time limit that stopped the reading of the request being answered on this thread
  /// (kNone when none did, or outside a request): httplib answers such a request 400 itself.
  static ReadTimeout RequestTimeout();

 private:
  bool process_and_close_socket(socket_t sock) override;

  ConnectionLimits limits_;
};

}  // namespace mend::server
