// SPDX-License-Identifier: Apache-2.0
#include "commands.hpp"
#include "output.hpp"
#include "serve.hpp"
#include "token.hpp"
#include <fmt/format.h>

namespace mend::cli {

Command AddServeCommand(CLI::App& app) {
  CLI::App* command =
      app.add_subcommand("serve", "Run the web workbench: the JSON API and the front end");
  auto options = std::make_shared<server::ServeOptions>();
  command
      ->add_option("--workspace", options->workspace,
                   "SQLite workspace (created and seeded with the built-in cases if new)")
      ->capture_default_str();
  command
      ->add_option("--host", options->server.host,
                   "Address to bind; non-loopback addresses need --token")
      ->capture_default_str();
  command->add_option("--port", options->server.port, "TCP port (0 picks a free one)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  command->add_option("--token", options->server.token,
                      "Require this token (at least 32 characters) on every request, as "
                      "Authorization: Bearer TOKEN or the cookie of POST /api/login; "
                      "`--token generate` makes one and prints it");
  command->add_option("--static", options->server.static_dir,
                      "Directory of the built front end to serve");
  command->add_option("--max-body", options->server.max_body_bytes, "Largest request body, bytes")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30))
      ->capture_default_str();
  command
      ->add_option("--time-limit", options->server.time_limit_seconds,
                   "Cancel an analysis after this many seconds")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command
      ->add_option("--max-states", options->server.max_states,
                   "Refuse cases with more feasible states (0: the loader's default)")
      ->capture_default_str();
  command
      ->add_option("--threads", options->server.threads,
                   "Analyses processed at once (0: max(8, cores))")
      ->capture_default_str();
  command->add_option("--allow-host", options->server.allow_hosts,
                      "Also accept this Host name (NAME or NAME:PORT; repeatable), e.g. behind a "
                      "reverse proxy");
  command
      ->add_option("--max-memory", options->server.max_memory_bytes,
                   "Memory one request may use by estimate (states x actors x samples), bytes; "
                   "0: no limit")
      ->capture_default_str();
  command
      ->add_option("--max-run-bytes", options->server.max_run_bytes,
                   "Largest result a stored run may hold, bytes; 0: no limit")
      ->capture_default_str();
  command
      ->add_option("--runs-quota", options->server.runs_quota_bytes,
                   "Most bytes all stored runs may hold together; 0: no limit")
      ->capture_default_str();
  command
      ->add_option("--request-timeout", options->server.request_timeout_seconds,
                   "A request (headers and body) must arrive within this many seconds of its "
                   "first byte; a slower client is answered 408 and disconnected")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command
      ->add_option("--login-attempts", options->server.login_attempts,
                   "With --token: different wrong tokens one client address may send within "
                   "--login-window before it is answered 429 (0: no limit)")
      ->capture_default_str();
  command
      ->add_option("--login-window", options->server.login_window_seconds,
                   "Seconds over which --login-attempts are counted")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  return [options]() {
    if (options->server.token == server::kGenerateToken) {
      options->server.token = server::GenerateToken();
      fmt::print(stderr, "mend: token {}\n", options->server.token);
      std::fflush(stderr);
    }
    if (Status strength = server::CheckTokenStrength(options->server.token); !strength) {
      fmt::print(stderr, "error: {}\n", strength.error().message);
      return kExitUsageError;
    }
    if (!server::IsLoopbackHost(options->server.host) && options->server.token.empty()) {
      fmt::print(stderr,
                 "error: --host {}: refusing to serve beyond this machine without --token\n",
                 options->server.host);
      return kExitUsageError;
    }
    Status status = server::Serve(*options, [](const std::string& line) {
      fmt::print(stderr, "{}\n", line);
      std::fflush(stderr);
    });
    if (!status) return Fail(status.error());
    return kExitOk;
  };
}

}  // namespace mend::cli
