// SPDX-License-Identifier: Apache-2.0
#include "connection_guard.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mend::server {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Waits for `events` on `sock` for at most `timeout`; true when ready.
bool Poll(int sock, short events, milliseconds timeout) {
  pollfd fd{sock, events, 0};
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    // Rounded up, and polled again if woken early: a false answer means the time has passed.
    const auto left = std::chrono::ceil<milliseconds>(deadline - Clock::now());
    const int result =
        ::poll(&fd, 1, static_cast<int>(std::max<milliseconds::rep>(0, left.count())));
    if (result > 0) return true;
    if (result == 0 && Clock::now() >= deadline) return false;
    if (result < 0 && errno != EINTR) return false;
  }
}

// The stream httplib reads requests from and writes answers to, with the limits of
// ConnectionLimits applied per request.
class GuardedStream final : public httplib::Stream {
 public:
  GuardedStream(int sock, const ConnectionLimits& limits) : sock_(sock), limits_(limits) {}

  // Starts the count for the next request on this connection.
  void BeginRequest() {
    in_head_ = true;
    head_bytes_ = 0;
    body_bytes_ = 0;
    line_length_ = 0;
    const auto now = Clock::now();
    head_deadline_ = now + limits_.head_timeout;
    request_deadline_ = now + limits_.request_timeout;
    close_requested_ = false;
    timeout_ = ReadTimeout::kNone;
  }
  bool buffered() const { return begin_ < end_; }
  // A read was refused (a limit, a timeout) or failed: the rest of the request was not read,
  // so nothing more on this connection can be trusted to start a request.
  bool failed() const { return failed_; }
  void RequestClose() { close_requested_ = true; }
  bool close_requested() const { return close_requested_; }
  ReadTimeout timeout() const { return timeout_; }

  bool is_readable() const override { return buffered() || Poll(sock_, POLLIN, WaitLimit()); }
  // Writable, and the client has not closed its side (a streamed answer stops when it goes).
  bool is_writable() const override {
    if (!Poll(sock_, POLLOUT, limits_.write_timeout)) return false;
    pollfd fd{sock_, POLLIN, 0};
    if (::poll(&fd, 1, 0) <= 0) return true;
    char byte = 0;
    const ssize_t n = ::recv(sock_, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n > 0 || (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
  }

  ssize_t read(char* ptr, std::size_t size) override {
    if (size == 0) return 0;
    // Checked on every read, buffered bytes or not: a client trickling its request a byte at a
    // time never waits long in a poll, and is stopped here.
    if (const ReadTimeout passed = DeadlinePassed(); passed != ReadTimeout::kNone) {
      timeout_ = passed;
      return Fail();
    }
    if (!buffered()) {
      if (!is_readable()) {
        const ReadTimeout passed = DeadlinePassed();
        timeout_ = passed != ReadTimeout::kNone ? passed : ReadTimeout::kIdle;
        return Fail();
      }
      ssize_t n;
      do {
        n = ::recv(sock_, buffer_.data(), buffer_.size(), 0);
      } while (n < 0 && errno == EINTR);
      if (n <= 0) {
        failed_ = true;
        return n;
      }
      begin_ = 0;
      end_ = static_cast<std::size_t>(n);
    }
    std::size_t count = std::min(size, end_ - begin_);
    if (in_head_) {
      // Hand out the head byte by byte up to its blank line, so that the body is counted
      // against the body's limit and not the head's.
      std::size_t i = 0;
      for (; i < count && in_head_; ++i) {
        if (head_bytes_ >= limits_.max_head_bytes) return Fail();
        ++head_bytes_;
        const char c = buffer_[begin_ + i];
        if (c == '\n') {
          if (line_length_ == 0) in_head_ = false;  // "\r\n\r\n" or "\n\n": the head is over
          line_length_ = 0;
        } else if (c != '\r') {
          ++line_length_;
        }
      }
      if (i == 0) return Fail();
      count = i;
    } else {
      const std::size_t allowed = limits_.max_body_bytes + limits_.max_body_bytes / 2 + 65536;
      if (body_bytes_ >= allowed) return Fail();
      count = std::min(count, allowed - body_bytes_);
      body_bytes_ += count;
    }
    std::memcpy(ptr, buffer_.data() + begin_, count);
    begin_ += count;
    return static_cast<ssize_t>(count);
  }

  ssize_t write(const char* ptr, std::size_t size) override {
    if (!is_writable()) return -1;
    ssize_t n;
    do {
      n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    Address(::getpeername, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    Address(::getsockname, ip, port);
  }
  socket_t socket() const override { return sock_; }

 private:
  ssize_t Fail() {
    failed_ = true;
    return -1;
  }

  // The deadline of what is being read: the head's or the whole request's, whichever is first.
  Clock::time_point Deadline() const {
    return in_head_ ? std::min(head_deadline_, request_deadline_) : request_deadline_;
  }

  // Which deadline has passed, if any.
  ReadTimeout DeadlinePassed() const {
    const auto now = Clock::now();
    if (now < Deadline()) return ReadTimeout::kNone;
    return in_head_ && head_deadline_ <= request_deadline_ ? ReadTimeout::kHead
                                                           : ReadTimeout::kRequest;
  }

  // How long one read may wait for a byte: until the deadline, and at most read_timeout. Rounded
  // up, so a wait cut short by the deadline ends past it and is reported as the deadline's.
  milliseconds WaitLimit() const {
    const auto left = std::chrono::ceil<milliseconds>(Deadline() - Clock::now());
    return std::clamp(left, milliseconds(0), limits_.read_timeout);
  }

  template <typename Query>
  void Address(Query query, std::string& ip, int& port) const {
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    ip.clear();
    port = 0;
    if (query(sock_, reinterpret_cast<sockaddr*>(&address), &length) != 0) return;
    std::array<char, INET6_ADDRSTRLEN> text{};
    if (address.ss_family == AF_INET) {
      const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
      inet_ntop(AF_INET, &v4->sin_addr, text.data(), text.size());
      port = ntohs(v4->sin_port);
    } else if (address.ss_family == AF_INET6) {
      const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
      inet_ntop(AF_INET6, &v6->sin6_addr, text.data(), text.size());
      port = ntohs(v6->sin6_port);
    }
    ip = text.data();
  }

  int sock_;
  const ConnectionLimits& limits_;
  std::array<char, 4096> buffer_{};
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  bool in_head_ = true;
  std::size_t head_bytes_ = 0;
  std::size_t body_bytes_ = 0;
  std::size_t line_length_ = 0;
  Clock::time_point head_deadline_{};
  Clock::time_point request_deadline_{};
  ReadTimeout timeout_ = ReadTimeout::kNone;
  bool close_requested_ = false;
  bool failed_ = false;
};

thread_local GuardedStream* current_stream = nullptr;

}  // namespace

GuardedHttpServer::GuardedHttpServer(const ConnectionLimits& limits) : limits_(limits) {}

bool GuardedHttpServer::RaiseBacklog(int backlog) {
  const socket_t sock = svr_sock_;
  if (sock == INVALID_SOCKET) return false;
  // Linux applies a new backlog to a socket that is already listening.
  return ::listen(sock, backlog) == 0;
}

void GuardedHttpServer::CloseAfterResponse() {
  if (current_stream != nullptr) current_stream->RequestClose();
}

ReadTimeout GuardedHttpServer::RequestTimeout() {
  return current_stream != nullptr ? current_stream->timeout() : ReadTimeout::kNone;
}

bool GuardedHttpServer::process_and_close_socket(socket_t sock) {
  GuardedStream stream(sock, limits_);
  current_stream = &stream;
  bool ok = true;
  for (std::size_t served = 0; served < limits_.keep_alive_max_requests; ++served) {
    // Wait for the next request in short steps, so that stop() is seen promptly.
    bool ready = stream.buffered();
    const auto idle_until = Clock::now() + limits_.keep_alive_timeout;
    while (!ready && svr_sock_ != INVALID_SOCKET && Clock::now() < idle_until) {
      ready = Poll(sock, POLLIN, std::min(milliseconds(100), limits_.keep_alive_timeout));
    }
    if (!ready || svr_sock_ == INVALID_SOCKET) break;
    stream.BeginRequest();
    bool connection_closed = false;
    const bool last = served + 1 == limits_.keep_alive_max_requests;
    ok = process_request(stream, last, connection_closed, nullptr);
    if (!ok || connection_closed || stream.close_requested() || stream.failed()) break;
  }
  current_stream = nullptr;
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ok;
}

}  // namespace mend::server
