// SPDX-License-Identifier: Apache-2.0
//
// `mend serve` as a process: an acknowledged save survives kill -9 of the server, SIGTERM stops
// it gracefully, a non-loopback --host without --token and a short --token are usage errors,
// and `--token generate` serves with a token it prints.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mend/storage/workspace.hpp"

namespace mend {
namespace {

using nlohmann::json;

struct Process {
  pid_t pid = -1;
  int port = 0;
  std::string log;  // what it printed up to its "serving" line
};

// Starts `mend serve` with `arguments` and waits for its "serving http://HOST:PORT" line.
Process StartServer(const std::vector<std::string>& arguments) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(pipe_fds[1], STDERR_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    std::vector<char*> argv;
    std::string binary = MEND_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copies = arguments;
    for (std::string& argument : copies) argv.push_back(argument.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  Process process{pid, 0, {}};
  std::string line;
  char c = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline && read(pipe_fds[0], &c, 1) == 1) {
    if (c != '\n') {
      line += c;
      continue;
    }
    process.log += line + "\n";
    const std::size_t at = line.find("serving http://127.0.0.1:");
    if (at != std::string::npos) {
      process.port = std::stoi(line.substr(at + 25));
      break;
    }
    line.clear();
  }
  // Keep draining stderr so the server never blocks on a full pipe.
  std::thread([fd = pipe_fds[0]] {
    char buffer[256];
    while (read(fd, buffer, sizeof buffer) > 0) {
    }
    close(fd);
  }).detach();
  return process;
}

int WaitExit(pid_t pid, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  return -1;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::filesystem::path TempDir(const std::string& name) {
  auto dir =
      std::filesystem::temp_directory_path() / ("mend-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(ServerCrash, EveryAcknowledgedSaveSurvivesKillNine) {
  const auto dir = TempDir("crash");
  const std::string workspace = (dir / "w.sqlite").string();
  std::string base = ReadFile(std::string(MEND_SOURCE_DIR) + "/cases/classic/chicken.yaml");
  base.replace(base.find("id: chicken"), 11, "id: crash-test");
  std::mutex mutex;
  std::map<int, std::string> acknowledged;  // version -> text
  std::mt19937 random(12345);
  int counter = 0;
  constexpr int kRounds = 6;
  constexpr int kWriters = 3;
  for (int round = 0; round < kRounds; ++round) {
    Process server = StartServer({"serve", "--workspace", workspace, "--port", "0"});
    ASSERT_GT(server.port, 0) << "the server did not start";
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w) {
      writers.emplace_back([&, w] {
        httplib::Client client("127.0.0.1", server.port);
        client.set_connection_timeout(2, 0);
        client.set_read_timeout(5, 0);
        while (!stop.load()) {
          std::string text;
          {
            std::lock_guard lock(mutex);
            text = base + "# save " + std::to_string(++counter) + " by writer " +
                   std::to_string(w) + "\n";
          }
          auto result =
              client.Post("/api/cases", json{{"source", text}}.dump(), "application/json");
          if (!result) break;  // the server is gone
          if (result->status != 201) continue;
          json body = json::parse(result->body, nullptr, false);
          std::lock_guard lock(mutex);
          acknowledged[body["version"].get<int>()] = text;
        }
      });
    }
    // Kill once a random number of saves of this round were acknowledged (a condition, not a
    // delay: a slow machine only takes longer), while the writers keep saving.
    const std::size_t before = [&] {
      std::lock_guard lock(mutex);
      return acknowledged.size();
    }();
    const std::size_t target =
        before + static_cast<std::size_t>(std::uniform_int_distribution<int>(3, 30)(random));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      {
        std::lock_guard lock(mutex);
        if (acknowledged.size() >= target) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    kill(server.pid, SIGKILL);
    waitpid(server.pid, nullptr, 0);
    stop.store(true);
    for (std::thread& writer : writers) writer.join();
  }
  ASSERT_GT(acknowledged.size(), 10u) << "too few saves to mean anything";

  auto opened = Workspace::Open(workspace, {});
  ASSERT_TRUE(opened) << opened.error().ToString();
  Workspace& w = **opened;
  auto checked = w.CheckIntegrity();
  ASSERT_TRUE(checked) << checked.error().ToString();
  for (const auto& [version, text] : acknowledged) {
    auto stored = w.GetVersion("crash-test", version);
    ASSERT_TRUE(stored) << "acknowledged version " << version << " is missing";
    EXPECT_EQ(stored->source, text) << "version " << version;
  }
  // Versions are consecutive: a crash never leaves a hole or a half-written version.
  auto history = w.ListVersions("crash-test");
  ASSERT_TRUE(history);
  for (std::size_t i = 0; i < history->size(); ++i) {
    EXPECT_EQ((*history)[i].version, static_cast<int>(history->size() - i));
  }
  EXPECT_GE(history->size(), acknowledged.size());
  std::printf("%zu acknowledged saves over %d kills, all intact\n", acknowledged.size(), kRounds);
  std::filesystem::remove_all(dir);
}

TEST(ServerProcess, StopsGracefullyOnSigterm) {
  const auto dir = TempDir("sigterm");
  Process server =
      StartServer({"serve", "--workspace", (dir / "w.sqlite").string(), "--port", "0"});
  ASSERT_GT(server.port, 0);
  httplib::Client client("127.0.0.1", server.port);
  auto health = client.Get("/api/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  kill(server.pid, SIGTERM);
  EXPECT_EQ(WaitExit(server.pid, std::chrono::seconds(10)), 0);
  std::filesystem::remove_all(dir);
}

TEST(ServerProcess, RefusesANonLoopbackHostWithoutAToken) {
  const auto dir = TempDir("host");
  const pid_t pid = fork();
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, STDERR_FILENO);
    const std::string workspace = (dir / "w.sqlite").string();
    execl(MEND_BINARY, MEND_BINARY, "serve", "--host", "0.0.0.0", "--workspace", workspace.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  EXPECT_EQ(WaitExit(pid, std::chrono::seconds(10)), 2);
  EXPECT_FALSE(std::filesystem::exists(dir / "w.sqlite"));
  std::filesystem::remove_all(dir);
}

// Runs `mend ARGUMENTS` to its end; returns (exit status, standard error).
std::pair<int, std::string> RunToEnd(const std::string& arguments) {
  const std::string command = std::string(MEND_BINARY) + " " + arguments + " 2>&1 >/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  std::string err;
  char buffer[512];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) err.append(buffer, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, err};
}

TEST(ServerProcess, RefusesAShortTokenAtStartAndOffersToGenerateOne) {
  const auto dir = TempDir("short-token");
  const std::string workspace = (dir / "w.sqlite").string();
  for (const std::string& token :
       {std::string("t"), std::string("s3cret-token"), std::string(31, 'k')}) {
    auto [status, err] = RunToEnd("serve --port 0 --workspace " + workspace + " --token " + token);
    EXPECT_EQ(status, 2) << token << ": " << err;
    EXPECT_NE(err.find(std::to_string(token.size()) + " characters"), std::string::npos) << err;
    EXPECT_NE(err.find("at least 32"), std::string::npos) << err;
    EXPECT_NE(err.find("--token generate"), std::string::npos) << err;
    EXPECT_FALSE(std::filesystem::exists(workspace));
  }
  std::filesystem::remove_all(dir);
}

TEST(ServerProcess, GeneratesAndPrintsATokenItThenRequires) {
  const auto dir = TempDir("generated-token");
  Process server = StartServer(
      {"serve", "--workspace", (dir / "w.sqlite").string(), "--port", "0", "--token", "generate"});
  ASSERT_GT(server.port, 0) << server.log;
  const std::size_t at = server.log.find("mend: token ");
  ASSERT_NE(at, std::string::npos) << server.log;
  const std::string token = server.log.substr(at + 12, server.log.find('\n', at) - at - 12);
  EXPECT_EQ(token.size(), 64U) << token;
  EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos) << token;
  httplib::Client client("127.0.0.1", server.port);
  auto refused = client.Get("/api/health");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  auto accepted = client.Get("/api/health", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->status, 200);
  kill(server.pid, SIGTERM);
  EXPECT_EQ(WaitExit(server.pid, std::chrono::seconds(10)), 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mend
