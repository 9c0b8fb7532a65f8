// SPDX-License-Identifier: Apache-2.0
#include "serve.hpp"

#include <atomic>
#include <csignal>
#include <thread>

#include "token.hpp"
#include <fmt/format.h>
#include <pthread.h>

namespace mend::server {

Status Serve(const ServeOptions& options, const std::function<void(const std::string&)>& log) {
  // Server::Create checks this too; checking first avoids creating a workspace for nothing.
  if (!IsLoopbackHost(options.server.host) && options.server.token.empty()) {
    return Error::InvalidArgument(fmt::format(
        "--host {}: refusing to serve beyond this machine without --token", options.server.host));
  }
  MEND_TRY(CheckTokenStrength(options.server.token));
  WorkspaceOptions workspace_options;
  workspace_options.seed = BuiltinSeed();
  MEND_TRY(std::unique_ptr<Workspace> opened,
           Workspace::Open(options.workspace, workspace_options));
  std::shared_ptr<Workspace> workspace = std::move(opened);
  MEND_TRY(std::unique_ptr<Server> server, Server::Create(options.server, workspace));

  // Signals are taken by one thread with sigwait (blocked everywhere else, including the
  // server's workers, which inherit this mask), so stopping runs outside a signal handler.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &signals, &previous);
  MEND_TRY(int port, server->Bind());
  log(fmt::format("mend: serving http://{}:{} (workspace {})", UrlHost(options.server.host), port,
                  options.workspace));
  std::atomic<bool> signalled{false};
  std::thread waiter([&signals, &server, &log, &signalled] {
    int received = 0;
    sigwait(&signals, &received);
    signalled.store(true);
    log(fmt::format("mend: {} received, stopping", received == SIGINT ? "SIGINT" : "SIGTERM"));
    server->Stop();
  });
  Status status = server->Run();
  // Run() may also end on its own; wake the waiter so it can be joined.
  if (!signalled.load()) pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  server.reset();
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  log("mend: stopped");
  return status;
}

}  // namespace mend::server
