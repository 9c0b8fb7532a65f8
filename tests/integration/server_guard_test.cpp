// SPDX-License-Identifier: Apache-2.0
//
// What a web page or a slow client cannot make `mend serve` do, on a real server on an
// ephemeral loopback port: answer a foreign Host (DNS rebinding) or a cross-site request,
// inflate an encoded body, buffer a chunked body, request line or header line without bound,
// be held by slowloris clients, starve health checks behind analyses, keep the memory of large
// requests, or take work beyond its memory budget. Waits are conditions with deadlines; the only
// time bound asserted is the "health answers within 1 s while 8 analyses run".
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "server.hpp"
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mend::server {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using Clock = std::chrono::steady_clock;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string CasePath(const std::string& relative) {
  return std::string(MEND_SOURCE_DIR) + "/cases/" + relative;
}

// A case of `options` unconstrained options (2^options states) owned by two deciders.
std::string WideCase(int options) {
  std::string text =
      "mend: 1\nid: wide\ntitle: Wide\nactors:\n  - {id: a, role: decider}\n"
      "  - {id: b, role: decider}\ndimensions:\n  - {id: cost, unit: USD}\n"
      "options:\n";
  for (const char* owner : {"a", "b"}) {
    text += std::string("  ") + owner + ":\n";
    for (int k = 0; k < options; ++k) {
      if ((k % 2 == 0) == (std::string(owner) == "a")) {
        text += "    - {id: o" + std::to_string(k) + "}\n";
      }
    }
  }
  text += "status_quo: " + std::string(static_cast<std::size_t>(options), 'N') + "\neffects:\n";
  for (int k = 0; k < options; ++k) {
    text += "  - when: {o" + std::to_string(k) + ": Y}\n    a: {cost: -" + std::to_string(k + 1) +
            "}\n    b: {cost: " + std::to_string(k % 5) + "}\n";
  }
  text += "valuation:\n  a: {weights: {cost: 1}}\n  b: {weights: {cost: 1}}\n";
  return text;
}

class TestServer {
 public:
  explicit TestServer(ServerOptions options = {}) {
    dir_ = std::filesystem::temp_directory_path() /
           ("mend-guard-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "static" / "assets");
    std::ofstream(dir_ / "static" / "index.html") << "<!doctype html><title>mend</title>";
    std::ofstream(dir_ / "static" / "assets" / "index-3f9c0a1b.js") << "console.log('plain');";
    std::ofstream(dir_ / "static" / "assets" / "index-3f9c0a1b.js.gz") << "GZIPPED";
    // Vite's hashes may contain '-': a lazily loaded chunk as the build names it.
    std::ofstream(dir_ / "static" / "assets" / "graph-Dc3Vo-DA.js") << "export {};";
    std::ofstream(dir_ / "static" / "assets" / "logo.svg") << "<svg/>";
    WorkspaceOptions workspace_options;
    workspace_options.seed = BuiltinSeed();
    auto workspace = Workspace::Open((dir_ / "w.sqlite").string(), workspace_options);
    EXPECT_TRUE(workspace) << workspace.error().ToString();
    options.port = 0;
    options.static_dir = (dir_ / "static").string();
    auto server = Server::Create(options, std::shared_ptr<Workspace>(std::move(*workspace)));
    EXPECT_TRUE(server) << server.error().ToString();
    server_ = std::move(*server);
    auto port = server_->Bind();
    EXPECT_TRUE(port);
    port_ = *port;
    thread_ = std::thread([this] { (void)server_->Run(); });
  }
  ~TestServer() {
    server_->Stop();
    thread_.join();
    server_.reset();
    std::filesystem::remove_all(dir_);
  }
  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(60, 0);
    return client;
  }
  int port() const { return port_; }

 private:
  static inline int counter_ = 0;
  std::filesystem::path dir_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
};

// A raw TCP connection to the server, for requests httplib's client would not send.
class RawConnection {
 public:
  explicit RawConnection(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  }
  ~RawConnection() { ::close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }
  // False once the server has closed the connection (or reset it).
  bool Send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }
  // Reads until the server closes the connection or `limit` passes; returns what came.
  std::string ReadUntilClosed(std::chrono::seconds limit) {
    std::string received;
    const auto deadline = Clock::now() + limit;
    char buffer[4096];
    while (Clock::now() < deadline) {
      pollfd fd{fd_, POLLIN, 0};
      if (::poll(&fd, 1, 100) <= 0) continue;
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      received.append(buffer, static_cast<std::size_t>(n));
    }
    return received;
  }
  bool closed() const { return closed_; }
  // True once the server has closed its side (checked without waiting).
  bool PeerClosed() {
    if (closed_) return true;
    char byte = 0;
    const ssize_t n = ::recv(fd_, &byte, 1, MSG_DONTWAIT | MSG_PEEK);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) closed_ = true;
    return closed_;
  }

 private:
  int fd_;
  bool connected_ = false;
  bool closed_ = false;
};

int Status(const httplib::Result& result) { return result ? result->status : -1; }

std::string Code(const httplib::Result& result) {
  if (!result) return "no answer";
  json body = json::parse(result->body, nullptr, false);
  return body.is_object() && body.contains("error") ? body["error"].value("code", "") : "";
}

bool HealthAnswers(const TestServer& server, std::chrono::seconds limit) {
  httplib::Client client("127.0.0.1", server.port());
  client.set_connection_timeout(limit);
  client.set_read_timeout(limit);
  client.set_write_timeout(limit);
  auto result = client.Get("/api/health");
  return result && result->status == 200;
}

TEST(ServerGuard, RefusesAForeignHostAndAcceptsTheServersOwnNames) {
  ServerOptions options;
  options.allow_hosts = {"mend.example", "proxy.example:8443"};
  TestServer server(options);
  auto client = server.Client();
  for (const char* host :
       {"evil.example", "evil.example:8080", "127.0.0.1.evil.example", "localhost.evil.example",
        "mend.example.evil", "proxy.example:1", "127.0.0.1:x", "[::1"}) {
    auto get = client.Get("/api/cases", {{"Host", host}});
    EXPECT_EQ(Status(get), 403) << host;
    EXPECT_EQ(Code(get), "forbidden") << host;
    auto post = client.Post("/api/cases", {{"Host", host}}, "{}", "application/json");
    EXPECT_EQ(Status(post), 403) << host;
  }
  for (const std::string& host :
       {std::string("127.0.0.1:") + std::to_string(server.port()), std::string("localhost"),
        std::string("LOCALHOST:1234"), std::string("[::1]:80"), std::string("mend.example"),
        std::string("mend.example:443"), std::string("proxy.example:8443")}) {
    EXPECT_EQ(Status(client.Get("/api/health", {{"Host", host}})), 200) << host;
  }
}

TEST(ServerGuard, RefusesCrossSiteStateChangingRequests) {
  TestServer server;
  auto client = server.Client();
  const std::string source = ReadFile(CasePath("classic/chicken.yaml"));
  const std::string body = json{{"source", source}}.dump();
  const std::string own = "http://127.0.0.1:" + std::to_string(server.port());
  // The server's own pages.
  EXPECT_EQ(Status(client.Post("/api/validate", {{"Origin", own}}, body, "application/json")), 200);
  EXPECT_EQ(Status(client.Post("/api/validate", {{"Sec-Fetch-Site", "same-origin"}}, body,
                               "application/json")),
            200);
  // Another origin: another site, another program on this machine, an opaque origin.
  for (const std::string& origin :
       {std::string("http://evil.example"), std::string("http://127.0.0.1:1"),
        std::string("https://127.0.0.1:") + std::to_string(server.port()) + "/x",
        std::string("null"), std::string("file://")}) {
    auto result = client.Post("/api/cases", {{"Origin", origin}}, body, "application/json");
    EXPECT_EQ(Status(result), 403) << origin;
    EXPECT_EQ(Code(result), "forbidden") << origin;
  }
  auto cross =
      client.Post("/api/cases", {{"Sec-Fetch-Site", "cross-site"}}, body, "application/json");
  EXPECT_EQ(Status(cross), 403);
  // Bodies a form or a no-cors fetch can send without a preflight.
  for (const char* type :
       {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
    auto result = client.Post("/api/cases", body, type);
    EXPECT_EQ(Status(result), 415) << type;
    EXPECT_EQ(Code(result), "unsupported-media-type") << type;
  }
  EXPECT_EQ(Status(client.Post("/api/import", source, "text/plain")), 415);
  EXPECT_EQ(Status(client.Post("/api/validate", body, "application/json; charset=utf-8")), 200);
  // Reads are not refused for a foreign Origin's navigation.
  EXPECT_EQ(Status(client.Get("/api/health", {{"Sec-Fetch-Site", "cross-site"}})), 200);
  // Nothing was stored by the refused requests.
  auto versions = json::parse(client.Get("/api/cases/chicken/versions")->body);
  EXPECT_EQ(versions["versions"].size(), 1u);
}

TEST(ServerGuard, RefusesEncodedBodiesAndBoundsChunkedOnes) {
  ServerOptions options;
  options.max_body_bytes = 64 << 10;
  TestServer server(options);
  auto client = server.Client();
  auto gzip = client.Post("/api/validate", {{"Content-Encoding", "gzip"}}, "\x1f\x8b\x08",
                          "application/json");
  EXPECT_EQ(Status(gzip), 415);
  EXPECT_EQ(Code(gzip), "unsupported-media-type");
  // A chunked body ten times the limit: refused, and the server reads no more than the limit
  // (plus framing) before it ends the connection.
  RawConnection raw(server.port());
  ASSERT_TRUE(raw.connected());
  std::string head =
      "POST /api/validate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  ASSERT_TRUE(raw.Send(head));
  const std::string chunk = "1000\r\n" + std::string(0x1000, 'x') + "\r\n";
  std::size_t sent = 0;
  while (sent < 10 * options.max_body_bytes && raw.Send(chunk)) sent += 0x1000;
  raw.Send("0\r\n\r\n");
  const std::string answer = raw.ReadUntilClosed(std::chrono::seconds(30));
  EXPECT_TRUE(answer.empty() || answer.find(" 413 ") != std::string::npos ||
              answer.find(" 400 ") != std::string::npos)
      << answer.substr(0, 200);
  EXPECT_TRUE(raw.closed());
  // A chunked body within the limit is read.
  RawConnection small(server.port());
  const std::string json_body = "{\"source\": \"mend: 1\"}";
  std::ostringstream chunked;
  chunked << head << std::hex << json_body.size() << "\r\n" << json_body << "\r\n0\r\n\r\n";
  ASSERT_TRUE(small.Send(chunked.str()));
  EXPECT_THAT(small.ReadUntilClosed(std::chrono::seconds(10)), HasSubstr("HTTP/1.1 200"));
  EXPECT_TRUE(HealthAnswers(server, std::chrono::seconds(10)));
}

TEST(ServerGuard, EndsConnectionsWhoseRequestLineOrHeaderNeverEnds) {
  TestServer server;
  for (const std::string& prefix :
       {std::string("GET /"), std::string("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: ")}) {
    RawConnection raw(server.port());
    ASSERT_TRUE(raw.connected());
    // 4 MiB without a newline, unauthenticated: the server stops reading long before.
    std::size_t sent = 0;
    bool open = raw.Send(prefix);
    const std::string block(64 << 10, 'a');
    while (open && sent < (std::size_t{4} << 20)) {
      open = raw.Send(block);
      sent += block.size();
    }
    raw.ReadUntilClosed(std::chrono::seconds(30));
    EXPECT_TRUE(!open || raw.closed()) << prefix;
  }
  EXPECT_TRUE(HealthAnswers(server, std::chrono::seconds(10)));
}

TEST(ServerGuard, SlowClientsNeitherHoldTheServerNorKeepTheirConnection) {
  ServerOptions options;
  options.head_timeout_seconds = 2;
  TestServer server(options);
  // Sixteen clients that send a header line now and then and never finish their request.
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 16; ++i) {
    slow.push_back(std::make_unique<RawConnection>(server.port()));
    ASSERT_TRUE(slow.back()->connected());
    ASSERT_TRUE(slow.back()->Send("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  }
  EXPECT_TRUE(HealthAnswers(server, std::chrono::seconds(1)));
  // Each keeps trickling header lines; the server ends them at the head's time limit. The loop
  // is bounded (about 30 s of trickling) and ends as soon as every connection is closed.
  std::size_t closed = 0;
  for (int round = 0; round < 300 && closed < slow.size(); ++round) {
    closed = 0;
    for (auto& connection : slow) {
      if (connection->PeerClosed() || !connection->Send("X-Slow: 1\r\n")) closed += 1;
    }
    if (closed < slow.size()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the trickle's pace
    }
  }
  EXPECT_EQ(closed, slow.size());
  EXPECT_TRUE(HealthAnswers(server, std::chrono::seconds(1)));
}

TEST(ServerGuard, EndsRequestsWhoseBodyOrHeadTricklesPastTheRequestTimeout) {
  ServerOptions options;
  options.request_timeout_seconds = 3;
  options.head_timeout_seconds = 600;  // the whole request's limit is the one that acts
  TestServer server(options);
  // Four clients trickle a body (a byte every 100 ms, never idle long enough for the read
  // timeout) and four trickle header lines, all at once.
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 8; ++i) {
    slow.push_back(std::make_unique<RawConnection>(server.port()));
    ASSERT_TRUE(slow.back()->connected());
    const bool body = i % 2 == 0;
    ASSERT_TRUE(slow.back()->Send(body ? "POST /api/validate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                         "Content-Type: application/json\r\n"
                                         "Content-Length: 100000\r\n\r\n{\"source\": \""
                                       : "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  }
  // Bounded (about 60 s of trickling); ends as soon as the server has closed all eight. Health
  // is asked for every half second meanwhile, while the slow clients are still connected.
  std::size_t closed = 0;
  int health_checks = 0;
  int health_answers = 0;
  for (int round = 0; round < 600 && closed < slow.size(); ++round) {
    closed = 0;
    for (std::size_t i = 0; i < slow.size(); ++i) {
      const std::string trickle = i % 2 == 0 ? "x" : "X-Slow: 1\r\n";
      if (slow[i]->PeerClosed() || !slow[i]->Send(trickle)) closed += 1;
    }
    if (closed < slow.size() && round % 5 == 0) {
      health_checks += 1;
      health_answers += HealthAnswers(server, std::chrono::seconds(10)) ? 1 : 0;
    }
    if (closed < slow.size()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the trickle's pace
    }
  }
  EXPECT_EQ(closed, slow.size());
  EXPECT_GE(health_checks, 1);
  EXPECT_EQ(health_answers, health_checks);
  EXPECT_TRUE(HealthAnswers(server, std::chrono::seconds(10)));
}

TEST(ServerGuard, AnswersABodyThatStopsComingWith408NamingTheLimit) {
  ServerOptions options;
  options.request_timeout_seconds = 2;
  TestServer server(options);
  RawConnection raw(server.port());
  ASSERT_TRUE(raw.connected());
  // Ten of the hundred bytes announced, then nothing: the request's time limit (2 s) comes
  // before the 10 s a read may wait for a byte.
  ASSERT_TRUE(raw.Send(
      "POST /api/validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Content-Length: 100\r\n\r\n{\"source\":"));
  const std::string answer = raw.ReadUntilClosed(std::chrono::seconds(60));
  EXPECT_TRUE(raw.closed());
  EXPECT_THAT(answer, HasSubstr("HTTP/1.1 408"));
  EXPECT_THAT(answer, HasSubstr("\"request-timeout\""));
  EXPECT_THAT(answer, HasSubstr("--request-timeout"));
  EXPECT_TRUE(HealthAnswers(server, std::chrono::seconds(10)));
}

TEST(ServerGuard, HealthAnswersWithinASecondWhileEightAnalysesRun) {
  ServerOptions options;
  options.threads = 8;
  TestServer server(options);
  const std::string source = ReadFile(CasePath("us-russia/incidents.yaml"));
  // Eight Monte Carlo streams, each holding an analysis slot until it is cancelled.
  std::vector<std::string> jobs(8);
  std::vector<std::thread> streams;
  std::atomic<int> started{0};
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    streams.emplace_back([&, i] {
      httplib::Client client("127.0.0.1", server.port());
      client.set_read_timeout(120, 0);
      httplib::Request request;
      request.method = "POST";
      request.path = "/api/montecarlo";
      request.headers = {{"Content-Type", "application/json"}};
      request.body = json{{"source", source}, {"samples", 1000000}}.dump();
      std::string received;
      request.content_receiver = [&](const char* data, std::size_t size, std::uint64_t,
                                     std::uint64_t) {
        received.append(data, size);
        if (jobs[i].empty() && received.find('\n') != std::string::npos) {
          const json first = json::parse(received.substr(0, received.find('\n')), nullptr, false);
          if (!first.is_object() || !first.contains("job")) return false;  // not a stream
          jobs[i] = first["job"].get<std::string>();
          started.fetch_add(1);
        }
        return true;
      };
      (void)client.send(request);
    });
  }
  const auto deadline = Clock::now() + std::chrono::seconds(120);
  while (started.load() < 8 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(started.load(), 8);
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(HealthAnswers(server, std::chrono::seconds(1)));
    EXPECT_EQ(Status(server.Client().Get("/api/cases")), 200);
    EXPECT_EQ(Status(server.Client().Get("/")), 200);
  }
  for (const std::string& job : jobs) {
    (void)server.Client().Post("/api/jobs/" + job + "/cancel", "", "application/json");
  }
  for (std::thread& stream : streams) stream.join();
}

TEST(ServerGuard, RefusesAnalysesBeyondTheQueue) {
  ServerOptions options;
  options.threads = 1;  // one slot, four waiting at most
  TestServer server(options);
  const std::string source = ReadFile(CasePath("us-russia/incidents.yaml"));
  std::mutex job_mutex;
  std::string job;
  auto job_id = [&] {
    std::lock_guard lock(job_mutex);
    return job;
  };
  std::thread stream([&] {
    httplib::Client client("127.0.0.1", server.port());
    client.set_read_timeout(120, 0);
    httplib::Request request;
    request.method = "POST";
    request.path = "/api/montecarlo";
    request.headers = {{"Content-Type", "application/json"}};
    request.body = json{{"source", source}, {"samples", 1000000}}.dump();
    std::string received;
    request.content_receiver = [&](const char* data, std::size_t size, std::uint64_t,
                                   std::uint64_t) {
      received.append(data, size);
      std::lock_guard lock(job_mutex);
      if (received.find('\n') != std::string::npos && job.empty()) {
        const json first = json::parse(received.substr(0, received.find('\n')), nullptr, false);
        if (!first.is_object() || !first.contains("job")) return false;  // not a stream
        job = first["job"].get<std::string>();
      }
      return true;
    };
    (void)client.send(request);
  });
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  while (job_id().empty() && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_FALSE(job_id().empty());
  // Five more analyses: four wait for the slot, the fifth is refused at once.
  std::vector<int> statuses(5, 0);
  std::vector<std::thread> waiting;
  std::atomic<int> answered{0};
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    waiting.emplace_back([&, i] {
      statuses[i] = Status(server.Client().Post("/api/validate", json{{"source", source}}.dump(),
                                                "application/json"));
      answered.fetch_add(1);
    });
  }
  const auto refused_by = Clock::now() + std::chrono::seconds(60);
  while (answered.load() < 1 && Clock::now() < refused_by) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(answered.load(), 1);
  EXPECT_TRUE(HealthAnswers(server, std::chrono::seconds(5)));
  (void)server.Client().Post("/api/jobs/" + job_id() + "/cancel", "", "application/json");
  for (std::thread& t : waiting) t.join();
  stream.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 503), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 4);
}

TEST(ServerGuard, RefusesWorkBeyondTheMemoryBudgetWithTheNumbers) {
  ServerOptions options;
  options.max_memory_bytes = 4 << 20;
  TestServer server(options);
  auto client = server.Client();
  // 2^16 states × 2 actors is above 4 MiB: refused while the states are enumerated.
  auto wide =
      client.Post("/api/validate", json{{"source", WideCase(16)}}.dump(), "application/json");
  EXPECT_EQ(Status(wide), 422) << (wide ? wide->body : "");
  EXPECT_EQ(Code(wide), "over-budget");
  EXPECT_THAT(wide->body, HasSubstr("feasible states"));
  EXPECT_THAT(wide->body, HasSubstr("2 actors"));
  EXPECT_THAT(wide->body, HasSubstr("--max-memory"));
  EXPECT_EQ(
      Status(client.Post("/api/states", json{{"source", WideCase(16)}}.dump(), "application/json")),
      422);
  // Samples count too: a brief of a small case with 200,000 samples.
  const std::string source = ReadFile(CasePath("us-russia/incidents.yaml"));
  auto brief = client.Post("/api/brief",
                           json{{"source", source}, {"actor", "us"}, {"samples", 200000}}.dump(),
                           "application/json");
  EXPECT_EQ(Status(brief), 422);
  EXPECT_THAT(brief->body, HasSubstr("200000 samples"));
  // Small work passes.
  EXPECT_EQ(Status(client.Post("/api/validate", json{{"source", WideCase(4)}}.dump(),
                               "application/json")),
            200);
}

TEST(ServerGuard, PagesTheStatesAndLimitsStoredRuns) {
  ServerOptions options;
  options.states_page = 3;
  options.max_run_bytes = 500;
  TestServer server(options);
  auto client = server.Client();
  const std::string source = ReadFile(CasePath("classic/chicken.yaml"));
  auto first = client.Post("/api/states", json{{"source", source}}.dump(), "application/json");
  ASSERT_EQ(Status(first), 200);
  json page = json::parse(first->body);
  EXPECT_EQ(page["total_states"], 4);
  EXPECT_EQ(page["offset"], 0);
  EXPECT_EQ(page["next_offset"], 3);
  EXPECT_EQ(page["states"].size(), 3u);
  auto second = client.Post("/api/states", json{{"source", source}, {"offset", 3}}.dump(),
                            "application/json");
  page = json::parse(second->body);
  EXPECT_EQ(page["states"].size(), 1u);
  EXPECT_EQ(page["states"][0]["number"], 4);
  EXPECT_TRUE(page["next_offset"].is_null());
  EXPECT_EQ(Status(client.Post("/api/states", json{{"source", source}, {"limit", 4}}.dump(),
                               "application/json")),
            400);
  // A stored run larger than --max-run-bytes is refused and not stored.
  auto big = client.Post("/api/cases/chicken/runs", json{{"command", "analyze"}}.dump(),
                         "application/json");
  EXPECT_EQ(Status(big), 422) << (big ? big->body : "");
  EXPECT_THAT(big->body, HasSubstr("--max-run-bytes"));
  EXPECT_EQ(json::parse(client.Get("/api/cases/chicken/runs")->body)["runs"].size(), 0u);
}

TEST(ServerGuard, KeepsStoredRunsWithinTheirQuota) {
  ServerOptions options;
  options.runs_quota_bytes = 1;
  TestServer server(options);
  auto result = server.Client().Post("/api/cases/chicken/runs", json{{"command", "states"}}.dump(),
                                     "application/json");
  EXPECT_EQ(Status(result), 507);
  EXPECT_EQ(Code(result), "quota-exceeded");
}

// The lines of a streamed answer, parsed.
std::vector<json> JsonLines(const std::string& text) {
  std::vector<json> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) lines.push_back(json::parse(line, nullptr, false));
  }
  return lines;
}

int RunCount(httplib::Client& client, const std::string& case_id) {
  auto runs = client.Get("/api/cases/" + case_id + "/runs");
  return runs && runs->status == 200 ? static_cast<int>(json::parse(runs->body)["runs"].size())
                                     : -1;
}

TEST(ServerGuard, StoresMonteCarloRunsOnlyWithinTheRunLimits) {
  const std::string stored = json{{"case", "incidents"}, {"samples", 64}}.dump();
  {
    // A Monte Carlo result above --max-run-bytes: the stream ends with the refusal.
    ServerOptions options;
    options.max_run_bytes = 500;
    TestServer server(options);
    auto client = server.Client();
    auto streamed = client.Post("/api/montecarlo", stored, "application/json");
    ASSERT_EQ(Status(streamed), 200);
    std::vector<json> lines = JsonLines(streamed->body);
    ASSERT_FALSE(lines.empty());
    const json& last = lines.back();
    ASSERT_TRUE(last.contains("error")) << last.dump();
    EXPECT_EQ(last["error"]["code"], "over-budget");
    EXPECT_THAT(last["error"]["message"].get<std::string>(), HasSubstr("--max-run-bytes"));
    EXPECT_THAT(last["error"]["message"].get<std::string>(), HasSubstr("nothing was stored"));
    EXPECT_EQ(RunCount(client, "incidents"), 0);
    // The same refusal by the runs route, and a case text (nothing stored) is not limited.
    auto run = client.Post("/api/cases/incidents/runs",
                           json{{"command", "montecarlo"}, {"options", {{"samples", 64}}}}.dump(),
                           "application/json");
    EXPECT_EQ(Status(run), 422);
    EXPECT_EQ(RunCount(client, "incidents"), 0);
    auto text = client.Post(
        "/api/montecarlo",
        json{{"source", ReadFile(CasePath("us-russia/incidents.yaml"))}, {"samples", 64}}.dump(),
        "application/json");
    ASSERT_EQ(Status(text), 200);
    EXPECT_TRUE(JsonLines(text->body).back().contains("result")) << text->body.substr(0, 300);
  }
  {
    // A quota of one byte: refused in the stream, with the quota named.
    ServerOptions options;
    options.runs_quota_bytes = 1;
    TestServer server(options);
    auto client = server.Client();
    auto streamed = client.Post("/api/montecarlo", stored, "application/json");
    ASSERT_EQ(Status(streamed), 200);
    const json last = JsonLines(streamed->body).back();
    EXPECT_EQ(last["error"]["code"], "quota-exceeded") << last.dump();
    EXPECT_THAT(last["error"]["message"].get<std::string>(), HasSubstr("--runs-quota"));
    EXPECT_EQ(RunCount(client, "incidents"), 0);
  }
}

// The size of the `states` run of chicken, from the quota refusal that names it ("this result
// (N bytes)"); every seed gives the same result.
std::uint64_t StatesRunBytes() {
  ServerOptions options;
  options.runs_quota_bytes = 1;
  TestServer server(options);
  auto refused = server.Client().Post("/api/cases/chicken/runs", json{{"command", "states"}}.dump(),
                                      "application/json");
  EXPECT_EQ(Status(refused), 507);
  const std::string message =
      refused ? json::parse(refused->body)["error"]["message"].get<std::string>() : "";
  const std::size_t open = message.find("this result (");
  EXPECT_NE(open, std::string::npos) << message;
  return open == std::string::npos ? 0 : std::stoull(message.substr(open + 13));
}

TEST(ServerGuard, CountsTheRunsQuotaInTheTransactionThatStoresARun) {
  const std::uint64_t bytes = StatesRunBytes();
  ASSERT_GT(bytes, 10U);
  {
    // Room for one run and a half: of six concurrent runs exactly one is stored. Six versions
    // of the same text give six runs of equal size under different keys.
    ServerOptions options;
    options.runs_quota_bytes = bytes + bytes / 2;
    TestServer server(options);
    const std::string source = json{{"source", ReadFile(CasePath("classic/chicken.yaml"))}}.dump();
    for (int i = 0; i < 5; ++i) {
      ASSERT_EQ(
          Status(server.Client().Post("/api/cases/chicken/versions", source, "application/json")),
          201);
    }
    std::vector<int> statuses(6, 0);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < statuses.size(); ++i) {
      threads.emplace_back([&, i] {
        statuses[i] = Status(server.Client().Post(
            "/api/cases/chicken/runs", json{{"command", "states"}, {"version", i + 1}}.dump(),
            "application/json"));
      });
    }
    for (std::thread& thread : threads) thread.join();
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), 1);
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 507), 5);
    auto client = server.Client();
    EXPECT_EQ(RunCount(client, "chicken"), 1);
  }
  {
    // A quota filled exactly: the next run to store is refused before it is computed, and a
    // stored run is still answered.
    ServerOptions options;
    options.runs_quota_bytes = bytes;
    TestServer server(options);
    auto client = server.Client();
    const std::string first = json{{"command", "states"}}.dump();
    ASSERT_EQ(Status(client.Post("/api/cases/chicken/runs", first, "application/json")), 201);
    auto full = client.Post("/api/montecarlo", json{{"case", "incidents"}, {"samples", 64}}.dump(),
                            "application/json");
    EXPECT_EQ(Status(full), 507);
    EXPECT_EQ(Code(full), "quota-exceeded");
    EXPECT_THAT(full->body, HasSubstr("nothing was computed"));
    EXPECT_EQ(Status(client.Post("/api/cases/chicken/runs", first, "application/json")), 200);
    EXPECT_EQ(RunCount(client, "incidents"), 0);
  }
}

TEST(ServerGuard, RemovingAStoredRunMakesRoomAndItsIdSaysItWasRemoved) {
  const std::uint64_t bytes = StatesRunBytes();
  ASSERT_GT(bytes, 10U);
  ServerOptions options;
  options.runs_quota_bytes = bytes;  // room for one states run
  TestServer server(options);
  auto client = server.Client();
  auto first = client.Post("/api/cases/chicken/runs", json{{"command", "states"}}.dump(),
                           "application/json");
  ASSERT_EQ(Status(first), 201);
  const std::int64_t id = json::parse(first->body)["run"]["id"].get<std::int64_t>();
  // A second version of the same text gives a run of the same size under another key.
  const std::string source = json{{"source", ReadFile(CasePath("classic/chicken.yaml"))}}.dump();
  ASSERT_EQ(Status(client.Post("/api/cases/chicken/versions", source, "application/json")), 201);
  const std::string second = json{{"command", "states"}, {"version", 2}}.dump();
  EXPECT_EQ(Status(client.Post("/api/cases/chicken/runs", second, "application/json")), 507);
  // A page of another origin may not remove it.
  const std::string path = "/api/runs/" + std::to_string(id);
  EXPECT_EQ(Status(client.Delete(path, {{"Origin", "http://evil.example"}})), 403);
  auto removed = client.Delete(path);
  ASSERT_EQ(Status(removed), 200) << (removed ? removed->body : "");
  const json body = json::parse(removed->body);
  EXPECT_EQ(body["removed"]["id"], id);
  EXPECT_EQ(body["removed"]["command"], "states");
  EXPECT_EQ(body["removed"]["bytes"], bytes);
  EXPECT_EQ(body["stored_bytes"], 0);
  EXPECT_EQ(RunCount(client, "chicken"), 0);
  // The quota has room again; the old id answers 404 saying when the run was removed.
  EXPECT_EQ(Status(client.Post("/api/cases/chicken/runs", second, "application/json")), 201);
  auto gone = client.Get(path);
  EXPECT_EQ(Status(gone), 404);
  EXPECT_EQ(Code(gone), "not-found");
  EXPECT_THAT(gone->body, HasSubstr("was removed at"));
  EXPECT_EQ(Status(client.Delete(path)), 404);
  EXPECT_EQ(Status(client.Delete("/api/runs/999999")), 404);
  // Runs of a case are listed and read, not removed, by their case's path.
  EXPECT_EQ(Status(client.Delete("/api/cases/chicken/runs")), 405);
}

TEST(ServerGuard, ServesPrecompressedAssetsAndCachesHashedOnes) {
  TestServer server;
  auto client = server.Client();
  client.set_decompress(false);  // the bytes as sent
  auto gz = client.Get("/assets/index-3f9c0a1b.js", {{"Accept-Encoding", "br, gzip"}});
  ASSERT_EQ(Status(gz), 200);
  EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(gz->body, "GZIPPED");  // the build's file as it is, not compressed again
  EXPECT_EQ(gz->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(gz->get_header_value_count("Cache-Control"), 1u);
  auto plain = client.Get("/assets/index-3f9c0a1b.js");
  EXPECT_EQ(plain->body, "console.log('plain');");
  EXPECT_EQ(plain->get_header_value("Content-Encoding"), "");
  auto index = client.Get("/", {{"Accept-Encoding", "br"}});
  EXPECT_EQ(index->get_header_value("Cache-Control"), "no-cache");
  EXPECT_EQ(index->get_header_value("Content-Encoding"), "");  // never Brotli per request
  EXPECT_EQ(client.Get("/api/health")->get_header_value("Cache-Control"), "no-store");
  auto chunk = client.Get("/assets/graph-Dc3Vo-DA.js");
  ASSERT_EQ(Status(chunk), 200);
  EXPECT_EQ(chunk->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(client.Get("/assets/logo.svg")->get_header_value("Cache-Control"), "no-cache");
}

long ResidentKilobytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

TEST(ServerGuard, ReturnsTheMemoryOfLargeRequestsWhenIdle) {
  TestServer server;
  auto client = server.Client();
  ASSERT_EQ(Status(client.Post("/api/validate", json{{"source", WideCase(4)}}.dump(),
                               "application/json")),
            200);
  const long baseline = ResidentKilobytes();
  // Three large requests on different connections (so different worker threads): 2^20 states.
  long peak = 0;
  for (int i = 0; i < 3; ++i) {
    auto fresh = server.Client();
    auto result =
        fresh.Post("/api/validate", json{{"source", WideCase(20)}}.dump(), "application/json");
    ASSERT_EQ(Status(result), 200) << (result ? result->body : "");
    EXPECT_EQ(json::parse(result->body)["states"], 1 << 20);
    peak = std::max(peak, ResidentKilobytes());
  }
  const long idle = ResidentKilobytes();
  std::printf("resident memory: baseline %ld kB, after three large requests %ld kB\n", baseline,
              idle);
  EXPECT_LE(idle, 2 * baseline);
}

}  // namespace
}  // namespace mend::server
