// SPDX-License-Identifier: Apache-2.0
//
// `mend serve` end to end: open (or create and seed) the workspace, start the server, print
// where it listens, and stop gracefully on SIGINT or SIGTERM.
//
// Example:
//   Status status = Serve({.workspace = "w.sqlite"}, [](const std::string& line) { ... });
#pragma once

#include <functional>
#include <string>

#include "server.hpp"

#include "mend/core/result.hpp"

namespace mend::server {

struct ServeOptions {
  std::string workspace = "mend-workspace.sqlite";
  ServerOptions server;
};

/// Runs until SIGINT/SIGTERM. `log` receives one line per event (start, stop). Errors: those
/// of Workspace::Open, Server::Create and Server::Bind.
Status Serve(const ServeOptions& options, const std::function<void(const std::string&)>& log);

}  // namespace mend::server
