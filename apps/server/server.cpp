// SPDX-License-Identifier: Apache-2.0
#include "server.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <exception>
#include <fstream>
#include <limits>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <stop_token>
#include <thread>

#include "analysis_queue.hpp"
#include "api.hpp"
#include "budget.hpp"
#include "connection_guard.hpp"
#include "docs_page.hpp"
#include "http_guard.hpp"
#include "http_status.hpp"
#include "login_limiter.hpp"
#include "request_json.hpp"
#include "static_files.hpp"
#include "token.hpp"
#include <arpa/inet.h>
#include <fmt/format.h>
#include <httplib.h>
#include <malloc.h>
#include <nlohmann/json.hpp>

#include "mend/render/json_writer.hpp"

namespace mend::server {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'";
constexpr std::size_t kMaxMessageChars = 1000;
constexpr int kListenBacklog = 1024;
// A read of a request body (or an answer's write) waits at most this long for the client.
constexpr int kReadIdleSeconds = 10;
constexpr const char* kIdPattern = "([A-Za-z_][A-Za-z0-9_-]{0,127})";

std::string Dump(const json& value) {
  // Replace invalid UTF-8 instead of throwing: stored text is whatever the client sent.
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// With the charset parameter cpp-httplib leaves JSON uncompressed. Its Brotli encoder (chosen
// whenever a browser accepts "br") runs at the highest quality and took 2.5 s for a 535 kB
// states table; the workbench talks to the server over loopback, where compression buys nothing.
constexpr const char* kJsonContentType = "application/json; charset=utf-8";

void SendJson(httplib::Response& response, int status, const json& body) {
  response.status = status;
  response.set_content(Dump(body) + "\n", kJsonContentType);
}

void SendRawJson(httplib::Response& response, int status, const std::string& body) {
  response.status = status;
  response.set_content(body, kJsonContentType);
}

void SendError(httplib::Response& response, const Error& error) {
  SendJson(response, HttpStatus(error.code), json{{"error", ErrorObject(error)}});
}

// The `error` object of a server-only failure, as in every error body (and a stream's line).
json FailureObject(RequestFailure failure, const std::string& message) {
  return json{
      {"code", RequestFailureName(failure)}, {"message", message}, {"text", "error: " + message}};
}

void SendFailure(httplib::Response& response, RequestFailure failure, const std::string& message) {
  SendJson(response, HttpStatus(failure), json{{"error", FailureObject(failure, message)}});
}

// The Monte Carlo samples canonical options ask for (0 when none), for the memory budget.
std::uint64_t SamplesOf(const json& canonical) {
  const auto found = canonical.find("samples");
  return found != canonical.end() && found->is_number_unsigned() ? found->get<std::uint64_t>() : 0;
}

// One JSON line of a streamed answer (application/x-ndjson).
std::string Line(const json& value) { return Dump(value) + "\n"; }

// Re-renders pretty JSON text on one line, for a streamed answer.
std::string Compact(const std::string& text) {
  json value = json::parse(text, nullptr, false);
  return value.is_discarded() ? Dump(json(nullptr)) : Dump(value);
}

json VersionJson(const VersionInfo& info) {
  return json{
      {"version", info.version}, {"title", info.title},           {"message", info.message},
      {"origin", info.origin},   {"created_at", info.created_at}, {"checksum", info.checksum},
      {"bytes", info.bytes}};
}

// What identifies a run: its case, version, command, options, seed and mend version.
json RunKeyJson(std::int64_t id, const RunKey& key) {
  json options = json::parse(key.options, nullptr, false);
  return json{{"id", id},
              {"case", key.case_id},
              {"version", key.version},
              {"command", key.command},
              {"options", options.is_discarded() ? json::object() : options},
              {"seed", key.seed},
              {"mend_version", key.mend_version}};
}

json RunJson(const StoredRun& run, std::optional<bool> cached) {
  json object = RunKeyJson(run.id, run.key);
  object["created_at"] = run.created_at;
  object["elapsed_ms"] = run.elapsed_ms;
  if (cached) object["cached"] = *cached;
  return object;
}

json RemovedRunJson(const RemovedRun& removed) {
  json object = RunKeyJson(removed.id, removed.key);
  object["bytes"] = removed.bytes;
  object["removed_at"] = removed.removed_at;
  return object;
}

// {"run": ..., "result": <stored JSON text spliced byte for byte>}.
std::string RunWithResult(const StoredRun& run, bool cached) {
  std::string result = run.result;
  while (!result.empty() && (result.back() == '\n' || result.back() == ' ')) result.pop_back();
  return "{\"run\": " + Dump(RunJson(run, cached)) + ", \"result\": " + result + "}\n";
}

// A client-side route of the front end: letters, digits, '-', '_' and single slashes, no dot.
bool IsPlainRoute(const std::string& path) {
  if (path.find("//") != std::string::npos) return false;
  return std::all_of(path.begin(), path.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '/';
  });
}

// Where the pre-routing handler keeps the client's Accept-Encoding (see Server::Create).
constexpr const char* kAcceptEncodingHeader = "X-Mend-Accept-Encoding";

// "/assets/index-3f9c0a1b.js": a file under /assets/ whose name has a "-" followed by 8 or more
// letters, digits, '_' or '-' before the extension. The hash itself may contain '-'
// ("graph-Dc3Vo-DA.js"), so any dash of the name may start it, not only the last.
bool IsHashedAsset(const std::string& path) {
  if (path.rfind("/assets/", 0) != 0) return false;
  const std::size_t slash = path.rfind('/');
  const std::size_t dot = path.find('.', slash);
  if (dot == std::string::npos) return false;
  const std::string stem = path.substr(slash + 1, dot - slash - 1);
  const auto is_hash_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  };
  for (std::size_t dash = stem.find('-'); dash != std::string::npos;
       dash = stem.find('-', dash + 1)) {
    if (stem.size() - dash - 1 < 8) return false;
    if (std::all_of(stem.begin() + static_cast<std::ptrdiff_t>(dash) + 1, stem.end(), is_hash_char))
      return true;
  }
  return false;
}

// An Idempotency-Key: 1 to 255 printable ASCII characters.
bool ValidIdempotencyKey(const std::string& key) {
  return !key.empty() && key.size() <= 255 &&
         std::all_of(key.begin(), key.end(), [](char c) { return c >= ' ' && c <= '~'; });
}

// Why Bind failed, naming the address as given (`--host`) and, for IPv6, the likely cause.
std::string BindFailure(const std::string& given, const std::string& address, int port) {
  const std::string where = port == 0 ? fmt::format("{} (any port)", UrlHost(address))
                                      : fmt::format("{}:{}", UrlHost(address), port);
  if (address.find(':') == std::string::npos) {
    return fmt::format("--host {}: cannot bind {}", given, where);
  }
  return fmt::format(
      "--host {}: cannot bind {}: this machine has no such IPv6 address (is IPv6 "
      "disabled?) or the port is taken; use --host 127.0.0.1 instead",
      given, where);
}

// The declared Content-Length; 0 when absent or not a number (httplib answers those itself).
std::uint64_t ContentLength(const httplib::Request& request) {
  const std::string text = request.get_header_value("Content-Length");
  if (text.empty() || text.size() > 19) return text.size() > 19 ? UINT64_MAX : 0;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return 0;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

}  // namespace

std::string BindAddress(const std::string& host) {
  if (host == "localhost") return "127.0.0.1";
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    return host.substr(1, host.size() - 2);
  }
  return host;
}

std::string UrlHost(const std::string& host) {
  return host.find(':') != std::string::npos && host.front() != '[' ? "[" + host + "]" : host;
}

bool IsLoopbackHost(const std::string& host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  in_addr address{};
  if (inet_pton(AF_INET, host.c_str(), &address) == 1) {
    return (ntohl(address.s_addr) >> 24) == 127;
  }
  return false;
}

namespace {

// Why reading a request stopped, naming the limit.
std::string ReadTimeoutMessage(ReadTimeout timeout, const ServerOptions& options) {
  switch (timeout) {
    case ReadTimeout::kHead:
      return fmt::format("the request line and headers did not arrive within {} s",
                         options.head_timeout_seconds);
    case ReadTimeout::kRequest:
      return fmt::format(
          "the request did not arrive within {} s of its first byte "
          "(--request-timeout)",
          options.request_timeout_seconds);
    case ReadTimeout::kIdle:
    case ReadTimeout::kNone:
      break;
  }
  return fmt::format("no byte of the request arrived for {} s", kReadIdleSeconds);
}

unsigned AnalysisSlots(const ServerOptions& options) {
  return options.threads != 0 ? options.threads : std::max(8u, std::thread::hardware_concurrency());
}

ConnectionLimits ConnectionLimitsFor(const ServerOptions& options) {
  ConnectionLimits limits;
  limits.max_body_bytes = options.max_body_bytes;
  limits.max_head_bytes = options.max_head_bytes;
  limits.head_timeout =
      std::chrono::milliseconds(static_cast<std::int64_t>(options.head_timeout_seconds * 1000));
  limits.request_timeout =
      std::chrono::milliseconds(static_cast<std::int64_t>(options.request_timeout_seconds * 1000));
  limits.read_timeout = std::chrono::seconds(kReadIdleSeconds);
  limits.write_timeout = std::chrono::seconds(10);
  limits.keep_alive_timeout = std::chrono::seconds(5);
  return limits;
}

LoginLimits LoginLimitsFor(const ServerOptions& options) {
  LoginLimits limits;
  limits.attempts = options.login_attempts;
  limits.window =
      std::chrono::milliseconds(static_cast<std::int64_t>(options.login_window_seconds * 1000));
  return limits;
}

// Answers 429 to a client address that sent too many wrong tokens (LoginLimiter): an HTML page
// for a browser's page or form, JSON otherwise. The connection is closed after it.
void SendLocked(httplib::Response& response, const LoginCheck& check, const ServerOptions& options,
                bool html) {
  GuardedHttpServer::CloseAfterResponse();
  response.set_header("Connection", "close");
  response.set_header("Retry-After", std::to_string(check.retry_after_seconds));
  if (html) {
    response.status = HttpStatus(RequestFailure::kTooManyAttempts);
    response.set_content(LoginPage(true, check.retry_after_seconds), "text/html; charset=utf-8");
    return;
  }
  SendFailure(
      response, RequestFailure::kTooManyAttempts,
      fmt::format("too many wrong tokens came from this address ({} within {} s, "
                  "--login-attempts); try again in {} s",
                  options.login_attempts, options.login_window_seconds, check.retry_after_seconds));
}

// The analysis slot of the request being handled on this thread (a streamed answer keeps it
// until the stream ends).
thread_local std::shared_ptr<AnalysisQueue::Slot> current_slot;

// Whether a route loads or analyses cases: those pass through the analysis queue.
enum class Weight { kLight, kHeavy };

// A case loaded within the memory budget, or why not.
struct BudgetedLoad {
  std::optional<CompiledCase> compiled;
  std::optional<Error> error;              // the case does not load
  std::optional<std::string> over_budget;  // the case is larger than the budget allows
};

}  // namespace

struct Server::Impl {
  explicit Impl(const ServerOptions& server_options)
      : options(server_options),
        http(ConnectionLimitsFor(server_options)),
        queue(AnalysisSlots(server_options), 4 * AnalysisSlots(server_options)),
        budget{server_options.max_memory_bytes},
        login_limiter(LoginLimitsFor(server_options)) {}

  ServerOptions options;
  std::shared_ptr<Workspace> workspace;
  std::filesystem::path static_root;
  GuardedHttpServer http;
  AnalysisQueue queue;
  MemoryBudget budget;
  LoginLimiter login_limiter;
  HostPolicy host_policy;  // set by Bind(), once the port is known
  std::set<std::string> patterns;
  std::map<std::string, std::set<std::string>> methods_by_pattern;

  AnalysisLimits Limits() const {
    AnalysisLimits limits;
    limits.max_states = options.max_states;
    limits.max_bytes = options.max_body_bytes;
    limits.deadline =
        Clock::now() +
        std::chrono::milliseconds(static_cast<std::int64_t>(options.time_limit_seconds * 1000));
    return limits;
  }

  // Loads a case under the memory budget for `samples` Monte Carlo samples: the reader stops
  // enumerating at the number of states the budget allows for the case's actors.
  BudgetedLoad LoadWithinBudget(const std::string& source, const std::string& file,
                                std::uint64_t samples) const {
    AnalysisLimits limits = Limits();
    std::uint64_t actors = 0;
    std::uint64_t cap = 0;
    limits.max_states_for = [&](const CaseDefinition& definition) {
      actors = definition.actors.size();
      cap = budget.MaxStates(actors, samples);
      return cap;
    };
    Result<CompiledCase> compiled = LoadCase(source, file, limits);
    BudgetedLoad load;
    if (!compiled) {
      const std::uint64_t own_limit =
          options.max_states != 0 ? options.max_states : EnumerationLimits{}.max_states;
      if (cap != 0 && cap < own_limit &&
          compiled.error().message.find(fmt::format("more than {} feasible states", cap)) !=
              std::string::npos) {
        load.over_budget = budget.StatesRefusal(actors, samples);
      } else {
        load.error = compiled.error();
      }
      return load;
    }
    if (auto refusal = budget.Check({compiled->space.size(), actors, samples})) {
      load.over_budget = *refusal;
      return load;
    }
    load.compiled = std::move(*compiled);
    return load;
  }

  // Sends why a load failed: 422 over the budget, else the reader's error.
  void SendLoadFailure(httplib::Response& response, const BudgetedLoad& load) {
    if (load.over_budget) {
      return SendFailure(response, RequestFailure::kOverBudget, *load.over_budget);
    }
    SendError(response, *load.error);
  }

  // What a stored run may take of the workspace (--max-run-bytes, --runs-quota).
  RunStorageLimits RunLimits() const { return {options.max_run_bytes, options.runs_quota_bytes}; }

  // Why a run was not stored, as the API's failure and message (naming the limit).
  static std::pair<RequestFailure, std::string> RefusalOf(const RunRefusal& refusal,
                                                          const std::string& command) {
    if (refusal.reason == RunRefusal::Reason::kResultTooLarge) {
      return {
          RequestFailure::kOverBudget,
          fmt::format("the result is {} bytes, above the {} bytes a stored run may hold "
                      "(--max-run-bytes); nothing was stored{}",
                      refusal.result_bytes, refusal.limit_bytes,
                      command == "states" ? "; for states use POST /api/states with paging" : "")};
    }
    return {RequestFailure::kQuotaExceeded,
            fmt::format("stored runs hold {} bytes; this result ({} bytes) would exceed the "
                        "workspace's quota of {} bytes (--runs-quota); nothing was stored",
                        refusal.stored_bytes, refusal.result_bytes, refusal.limit_bytes)};
  }

  // Before computing a run to store: the quota already full refuses it at once (the store
  // itself checks again, in its transaction). Sends the refusal and returns false.
  bool RoomForRuns(httplib::Response& response) {
    if (options.runs_quota_bytes == 0) return true;
    Result<std::uint64_t> stored = workspace->StoredRunBytes();
    if (!stored) {
      SendError(response, stored.error());
      return false;
    }
    if (*stored < options.runs_quota_bytes) return true;
    SendFailure(response, RequestFailure::kQuotaExceeded,
                fmt::format("stored runs hold {} bytes, the workspace's whole quota of {} bytes "
                            "(--runs-quota); nothing was computed or stored",
                            *stored, options.runs_quota_bytes));
    return false;
  }

  // Stores a run within --max-run-bytes and --runs-quota; otherwise sends the refusal (nothing
  // stored) and returns nullopt.
  std::optional<StoredRun> StoreWithinQuota(httplib::Response& response, const RunKey& key,
                                            const std::string& result, double elapsed_ms) {
    Result<RunStoreOutcome> outcome =
        workspace->StoreRunWithin(key, result, elapsed_ms, RunLimits());
    if (!outcome) {
      SendError(response, outcome.error());
      return std::nullopt;
    }
    if (outcome->refusal) {
      const auto [failure, message] = RefusalOf(*outcome->refusal, key.command);
      SendFailure(response, failure, message);
      return std::nullopt;
    }
    return std::move(*outcome->run);
  }

  // Every handler runs inside this: the server answers every request, whatever happens.
  template <typename Handler>
  httplib::Server::Handler Guard(Handler handler) {
    return [this, handler](const httplib::Request& request, httplib::Response& response) {
      // A chunked body is bounded by the connection guard only roughly (its framing); the
      // limit itself is enforced here, before any handler sees the body.
      if (request.body.size() > options.max_body_bytes) {
        GuardedHttpServer::CloseAfterResponse();
        return SendFailure(
            response, RequestFailure::kPayloadTooLarge,
            fmt::format("the request body exceeds {} bytes (--max-body)", options.max_body_bytes));
      }
      try {
        handler(request, response);
      } catch (const std::bad_alloc&) {
        SendError(response, Error::Internal("out of memory while answering the request"));
      } catch (const std::exception& e) {
        SendError(response, Error::Internal(fmt::format("unexpected failure: {}", e.what())));
      } catch (...) {
        SendError(response, Error::Internal("unexpected failure"));
      }
    };
  }

  // Heavy handlers wait for a slot of the analysis queue (503 busy when it is full); light
  // ones run on the connection's thread at once.
  template <typename Handler>
  httplib::Server::Handler Queued(Handler handler) {
    return [this, handler](const httplib::Request& request, httplib::Response& response) {
      const auto wait_until =
          Clock::now() +
          std::chrono::milliseconds(static_cast<std::int64_t>(options.time_limit_seconds * 1000));
      std::shared_ptr<AnalysisQueue::Slot> slot = queue.Enter(wait_until);
      if (slot == nullptr) {
        response.set_header("Retry-After", "1");
        return SendFailure(response, RequestFailure::kBusy,
                           "the server is busy with other analyses; retry shortly");
      }
      current_slot = std::move(slot);
      struct Release {
        ~Release() { current_slot.reset(); }
      } release;
      handler(request, response);
    };
  }

  template <typename Handler>
  void Route(const std::string& method, const std::string& pattern, Handler handler,
             Weight weight = Weight::kLight) {
    methods_by_pattern[pattern].insert(method);
    httplib::Server::Handler guarded =
        weight == Weight::kHeavy ? Guard(Queued(handler)) : Guard(handler);
    if (method == "GET") http.Get(pattern, guarded);
    if (method == "POST") http.Post(pattern, guarded);
    if (method == "DELETE") http.Delete(pattern, guarded);
  }

  // Known paths answer 405 for the methods they do not serve.
  void RefuseOtherMethods() {
    for (const auto& [pattern, methods] : methods_by_pattern) {
      const std::string allowed = fmt::format("{}", fmt::join(methods, ", "));
      auto refuse = [allowed](const httplib::Request& request, httplib::Response& response) {
        response.set_header("Allow", allowed);
        SendFailure(response, RequestFailure::kMethodNotAllowed,
                    fmt::format("{} is not allowed here; use {}", request.method, allowed));
      };
      if (!methods.contains("GET")) http.Get(pattern, refuse);
      if (!methods.contains("POST")) http.Post(pattern, refuse);
      http.Put(pattern, refuse);
      http.Patch(pattern, refuse);
      if (!methods.contains("DELETE")) http.Delete(pattern, refuse);
    }
  }

  void Save(const httplib::Request& request, httplib::Response& response, const std::string& source,
            const std::string& file, const std::string& message, const std::string& origin,
            const std::string& expected_id, bool create_only = false) {
    BudgetedLoad compiled = LoadWithinBudget(source, file, 0);
    if (!compiled.compiled) return SendLoadFailure(response, compiled);
    const CaseDefinition& definition = compiled.compiled->definition;
    if (!expected_id.empty() && definition.id != expected_id) {
      return SendError(response, Error{ErrorCode::kFailedPrecondition,
                                       fmt::format("the source is case '{}', not '{}'",
                                                   definition.id, expected_id),
                                       {}});
    }
    const std::string key = request.get_header_value("Idempotency-Key");
    if (request.has_header("Idempotency-Key") && !ValidIdempotencyKey(key)) {
      return SendError(response,
                       Error::InvalidArgument("Idempotency-Key: expected 1 to 255 printable ASCII "
                                              "characters"));
    }
    Result<SavedVersion> saved = workspace->SaveVersion(
        {definition.id, definition.title.text, source, message, origin, key, create_only});
    if (!saved) return SendError(response, saved.error());
    // A retried save answers what the first one did; the header tells the two apart.
    if (saved->replayed) response.set_header("Idempotent-Replayed", "true");
    SendJson(response, 201,
             json{{"id", saved->info.case_id},
                  {"version", saved->info.version},
                  {"created", saved->created},
                  {"created_at", saved->info.created_at},
                  {"checksum", saved->info.checksum},
                  {"origin", saved->info.origin}});
  }

  void SaveFromJson(const httplib::Request& request, httplib::Response& response,
                    const std::string& expected_id) {
    Result<json> body = ParseRequestBody(request.body);
    if (!body) return SendError(response, body.error());
    Result<std::string> source = StringField(*body, "source", true);
    if (!source) return SendError(response, source.error());
    Result<std::string> message = StringField(*body, "message", false);
    if (!message) return SendError(response, message.error());
    if (message->size() > kMaxMessageChars) {
      return SendError(response, Error::InvalidArgument(fmt::format(
                                     "message: at most {} characters", kMaxMessageChars)));
    }
    Result<std::string> file = StringField(*body, "file", false, "case.yaml");
    if (!file) return SendError(response, file.error());
    // "Save as a new case": refused (409) when the id exists, decided in the storing transaction.
    bool create_only = false;
    if (body->contains("create_only")) {
      const json& flag = (*body)["create_only"];
      if (!flag.is_boolean()) {
        return SendError(response, Error::InvalidArgument("create_only: expected true or false"));
      }
      create_only = flag.get<bool>();
    }
    if (create_only && !expected_id.empty()) {
      return SendError(response,
                       Error::InvalidArgument("create_only: only for POST /api/cases (a new case); "
                                              "/api/cases/{id}/versions adds a version"));
    }
    Save(request, response, *source, *file, *message, "api", expected_id, create_only);
  }

  // POST /api/states, /api/stability: analyse the case in the body without storing anything.
  void Analyse(const httplib::Request& request, httplib::Response& response,
               const std::string& command) {
    Result<json> body = ParseRequestBody(request.body);
    if (!body) return SendError(response, body.error());
    Result<std::string> source = StringField(*body, "source", true);
    if (!source) return SendError(response, source.error());
    Result<std::string> file = StringField(*body, "file", false, "case.yaml");
    if (!file) return SendError(response, file.error());
    const bool seeded = SeededCommand(command);
    json given = json::object();
    for (const auto& [key, value] : body->items()) {
      if (key != "source" && key != "file" && !(seeded && key == "seed")) given[key] = value;
    }
    // /api/states answers in pages: {"offset", "limit"} are the server's, not the command's.
    std::uint64_t offset = 0;
    std::uint64_t page = options.states_page;
    if (command == "states") {
      for (const char* key : {"offset", "limit"}) {
        if (!given.contains(key)) continue;
        const json& value = given[key];
        const std::uint64_t most =
            std::string(key) == "limit" ? options.states_page : std::uint64_t{1} << 40;
        if (!value.is_number_unsigned() || value.get<std::uint64_t>() > most ||
            (std::string(key) == "limit" && value.get<std::uint64_t>() == 0)) {
          return SendError(response, Error::InvalidArgument(
                                         fmt::format("{}: expected an integer from {} to {}", key,
                                                     std::string(key) == "limit" ? 1 : 0, most)));
        }
        (std::string(key) == "limit" ? page : offset) = value.get<std::uint64_t>();
        given.erase(key);
      }
    }
    Result<json> canonical = CanonicalOptions(command, given);
    if (!canonical) return SendError(response, canonical.error());
    Result<std::int64_t> seed = SeedOf(*body, command);
    if (!seed) return SendError(response, seed.error());
    const AnalysisLimits limits = Limits();
    BudgetedLoad loaded = LoadWithinBudget(*source, *file, SamplesOf(*canonical));
    if (!loaded.compiled) return SendLoadFailure(response, loaded);
    const CompiledCase* compiled = &*loaded.compiled;
    if (command == "states") {
      return SendRawJson(response, 200, StatesPageJson(*compiled, offset, page));
    }
    RunContext context;
    context.seed = static_cast<std::uint64_t>(*seed);
    Result<std::string> result = RunAnalysis(*compiled, command, *canonical, limits, context);
    if (!result) return SendError(response, result.error());
    SendRawJson(response, 200, *result);
  }

  void RunStored(const httplib::Request& request, httplib::Response& response) {
    const std::string case_id = request.matches[1].str();
    Result<json> body = ParseRequestBody(request.body);
    if (!body) return SendError(response, body.error());
    Result<std::string> command = StringField(*body, "command", true);
    if (!command) return SendError(response, command.error());
    std::optional<int> version;
    if (body->contains("version")) {
      const json& v = (*body)["version"];
      if (!v.is_number_integer() || v.get<std::int64_t>() < 1 ||
          v.get<std::int64_t>() > std::numeric_limits<int>::max()) {
        return SendError(response, Error::InvalidArgument("version: expected a number from 1"));
      }
      version = v.get<int>();
    }
    Result<json> canonical =
        CanonicalOptions(*command, body->contains("options") ? (*body)["options"] : json());
    if (!canonical) return SendError(response, canonical.error());
    Result<std::int64_t> seed_or = SeedOf(*body, *command);
    if (!seed_or) return SendError(response, seed_or.error());
    const std::int64_t seed = *seed_or;
    Result<CaseVersion> stored = workspace->GetVersion(case_id, version);
    if (!stored) return SendError(response, stored.error());
    const RunKey key{case_id, stored->info.version, *command, Dump(*canonical), seed, MEND_VERSION};
    Result<std::optional<StoredRun>> found = workspace->FindRun(key);
    if (!found) return SendError(response, found.error());
    if (found->has_value()) return SendRawJson(response, 200, RunWithResult(**found, true));
    if (!RoomForRuns(response)) return;

    const AnalysisLimits limits = Limits();
    const auto start = Clock::now();
    BudgetedLoad loaded =
        LoadWithinBudget(stored->source, fmt::format("{}@v{}.yaml", case_id, stored->info.version),
                         SamplesOf(*canonical));
    if (!loaded.compiled) return SendLoadFailure(response, loaded);
    RunContext context;
    context.seed = static_cast<std::uint64_t>(seed);
    Result<std::string> result =
        RunAnalysis(*loaded.compiled, *command, *canonical, limits, context);
    if (!result) return SendError(response, result.error());
    const double elapsed_ms =
        std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    std::optional<StoredRun> run = StoreWithinQuota(response, key, *result, elapsed_ms);
    if (!run) return;
    SendRawJson(response, 201, RunWithResult(*run, false));
  }

  // POST /api/portfolio: cases of the workspace analysed as a portfolio, stored as a run.
  void Portfolio(const httplib::Request& request, httplib::Response& response) {
    Result<json> body = ParseRequestBody(request.body);
    if (!body) return SendError(response, body.error());
    for (const auto& [key, value] : body->items()) {
      if (key != "id" && key != "cases" && key != "linkage" && key != "concept" &&
          key != "sanctions") {
        return SendError(response, Error::InvalidArgument(fmt::format("{}: unknown field", key)));
      }
    }
    Result<std::string> id = StringField(*body, "id", false, "portfolio");
    if (!id) return SendError(response, id.error());
    if (id->empty() || id->size() > 128) {
      return SendError(response, Error::InvalidArgument("id: expected 1 to 128 characters"));
    }
    json given = json::object();
    for (const char* key : {"concept", "sanctions"}) {
      if (body->contains(key)) given[key] = (*body)[key];
    }
    Result<json> portfolio_options = CanonicalPortfolioOptions(given);
    if (!portfolio_options) return SendError(response, portfolio_options.error());
    const json cases = body->value("cases", json());
    if (!cases.is_array() || cases.empty() || cases.size() > 64) {
      return SendError(response, Error::InvalidArgument(
                                     "cases: expected a list of 1 to 64 case ids (or {\"id\", "
                                     "\"version\"} objects)"));
    }
    std::vector<std::pair<std::string, bool>> linkage;
    if (body->contains("linkage")) {
      const json& map = (*body)["linkage"];
      if (!map.is_object()) {
        return SendError(response, Error::InvalidArgument(
                                       "linkage: expected an object of actor ids and booleans"));
      }
      for (const auto& [actor, accepts] : map.items()) {
        if (!accepts.is_boolean()) {
          return SendError(response, Error::InvalidArgument(
                                         fmt::format("linkage.{}: expected true or false", actor)));
        }
        linkage.emplace_back(actor, accepts.get<bool>());
      }
    }
    std::vector<CaseVersion> versions;
    json resolved = json::array();
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const json& item = cases[i];
      std::string case_id;
      std::optional<int> version;
      if (item.is_string()) {
        case_id = item.get<std::string>();
      } else if (item.is_object() && item.contains("id") && item["id"].is_string()) {
        case_id = item["id"].get<std::string>();
        if (item.contains("version")) {
          const json& v = item["version"];
          if (!v.is_number_integer() || v.get<std::int64_t>() < 1 ||
              v.get<std::int64_t>() > std::numeric_limits<int>::max()) {
            return SendError(response, Error::InvalidArgument(fmt::format(
                                           "cases[{}].version: expected a number from 1", i)));
          }
          version = v.get<int>();
        }
      } else {
        return SendError(response,
                         Error::InvalidArgument(fmt::format(
                             "cases[{}]: expected a case id or {{\"id\", \"version\"}}", i)));
      }
      Result<CaseVersion> stored = workspace->GetVersion(case_id, version);
      if (!stored) return SendError(response, stored.error());
      for (const json& seen : resolved) {
        if (seen["id"] == case_id) {
          return SendError(response, Error::InvalidArgument(fmt::format(
                                         "cases[{}]: case '{}' is listed twice", i, case_id)));
        }
      }
      resolved.push_back({{"id", case_id}, {"version", stored->info.version}});
      versions.push_back(std::move(*stored));
    }
    json linkage_json = json::object();  // sorted by actor id: equal requests, equal keys
    for (const auto& [actor, accepts] : linkage) linkage_json[actor] = accepts;
    json key_options = *portfolio_options;
    key_options["id"] = *id;
    key_options["cases"] = resolved;
    key_options["linkage"] = linkage_json;
    const RunKey key{versions.front().info.case_id,
                     versions.front().info.version,
                     "portfolio",
                     Dump(key_options),
                     0,
                     MEND_VERSION};
    Result<std::optional<StoredRun>> found = workspace->FindRun(key);
    if (!found) return SendError(response, found.error());
    if (found->has_value()) return SendRawJson(response, 200, RunWithResult(**found, true));
    if (!RoomForRuns(response)) return;

    const AnalysisLimits limits = Limits();
    const auto start = Clock::now();
    std::vector<CompiledCase> compiled;
    compiled.reserve(versions.size());
    for (const CaseVersion& v : versions) {
      BudgetedLoad one =
          LoadWithinBudget(v.source, fmt::format("{}@v{}.yaml", v.info.case_id, v.info.version), 0);
      if (!one.compiled) return SendLoadFailure(response, one);
      compiled.push_back(std::move(*one.compiled));
    }
    std::vector<const CompiledCase*> pointers;
    for (const CompiledCase& one : compiled) pointers.push_back(&one);
    Result<std::string> result = RunPortfolio(*id, pointers, linkage, *portfolio_options, limits);
    if (!result) return SendError(response, result.error());
    const double elapsed_ms =
        std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    std::optional<StoredRun> run = StoreWithinQuota(response, key, *result, elapsed_ms);
    if (!run) return;
    SendRawJson(response, 201, RunWithResult(*run, false));
  }

  // Monte Carlo jobs in flight, by id, for POST /api/jobs/{job}/cancel.
  std::mutex jobs_mutex;
  std::map<std::string, std::shared_ptr<std::stop_source>> jobs;
  std::mt19937_64 job_ids{std::random_device{}()};

  std::pair<std::string, std::shared_ptr<std::stop_source>> StartJob() {
    std::lock_guard lock(jobs_mutex);
    std::string id;
    do {
      id = fmt::format("{:016x}", job_ids());
    } while (jobs.contains(id));
    auto stop = std::make_shared<std::stop_source>();
    jobs[id] = stop;
    return {id, stop};
  }
  void EndJob(const std::string& id) {
    std::lock_guard lock(jobs_mutex);
    jobs.erase(id);
  }
  // On shutdown: every running job stops within a chunk and ends its stream with "cancelled".
  void CancelJobs() {
    std::lock_guard lock(jobs_mutex);
    for (auto& [id, stop] : jobs) stop->request_stop();
  }

  // POST /api/montecarlo: JSON lines — the job id, progress, then the result or an error.
  // With "case" (and "version") the run is stored and a stored run is answered at once.
  void MonteCarlo(const httplib::Request& request, httplib::Response& response) {
    Result<json> body = ParseRequestBody(request.body);
    if (!body) return SendError(response, body.error());
    const bool stored_case = body->contains("case");
    if (stored_case == body->contains("source")) {
      return SendError(response,
                       Error::InvalidArgument("source: give either source or case, not both"));
    }
    json given = json::object();
    for (const auto& [key, value] : body->items()) {
      if (key != "source" && key != "file" && key != "case" && key != "version" && key != "seed") {
        given[key] = value;
      }
    }
    Result<json> canonical = CanonicalOptions("montecarlo", given);
    if (!canonical) return SendError(response, canonical.error());
    Result<std::int64_t> seed = SeedOf(*body, "montecarlo");
    if (!seed) return SendError(response, seed.error());
    std::string source;
    std::string file;
    std::optional<RunKey> key;
    if (stored_case) {
      Result<std::string> case_id = StringField(*body, "case", true);
      if (!case_id) return SendError(response, case_id.error());
      std::optional<int> version;
      if (body->contains("version")) {
        const json& v = (*body)["version"];
        if (!v.is_number_integer() || v.get<std::int64_t>() < 1 ||
            v.get<std::int64_t>() > std::numeric_limits<int>::max()) {
          return SendError(response, Error::InvalidArgument("version: expected a number from 1"));
        }
        version = v.get<int>();
      }
      Result<CaseVersion> found = workspace->GetVersion(*case_id, version);
      if (!found) return SendError(response, found.error());
      key = RunKey{*case_id, found->info.version, "montecarlo", Dump(*canonical),
                   *seed,    MEND_VERSION};
      Result<std::optional<StoredRun>> run = workspace->FindRun(*key);
      if (!run) return SendError(response, run.error());
      if (run->has_value()) {
        response.status = 200;
        response.set_content(Line(json{{"progress", {{"done", 1}, {"total", 1}}}}) +
                                 Compact(RunWithResult(**run, true)) + "\n",
                             "application/x-ndjson; charset=utf-8");
        return;
      }
      if (!RoomForRuns(response)) return;
      source = found->source;
      file = fmt::format("{}@v{}.yaml", *case_id, found->info.version);
    } else {
      Result<std::string> text = StringField(*body, "source", true);
      if (!text) return SendError(response, text.error());
      Result<std::string> name = StringField(*body, "file", false, "case.yaml");
      if (!name) return SendError(response, name.error());
      source = std::move(*text);
      file = std::move(*name);
    }
    const AnalysisLimits limits = Limits();
    BudgetedLoad loaded = LoadWithinBudget(source, file, SamplesOf(*canonical));
    if (!loaded.compiled) return SendLoadFailure(response, loaded);
    auto compiled = std::make_shared<const CompiledCase>(std::move(*loaded.compiled));
    // The stream runs after this handler returns: it keeps the analysis slot until it ends.
    std::shared_ptr<AnalysisQueue::Slot> slot = current_slot;
    // Named, not structured bindings: clang 14 (the fuzz build) cannot capture those.
    const std::pair<std::string, std::shared_ptr<std::stop_source>> started = StartJob();
    const std::string job = started.first;
    const std::shared_ptr<std::stop_source> stop = started.second;
    const json run_options = *canonical;
    const std::uint64_t run_seed = static_cast<std::uint64_t>(*seed);
    response.status = 200;
    response.set_header("X-Mend-Job", job);
    response.set_chunked_content_provider(
        "application/x-ndjson; charset=utf-8",
        [this, job, stop, compiled, run_options, run_seed, limits, key, slot](
            std::size_t, httplib::DataSink& sink) {
          bool gone = false;
          auto write = [&](const std::string& line) {
            if (gone) return;
            if (!sink.is_writable() || !sink.write(line.data(), line.size())) {
              gone = true;
              stop->request_stop();  // the client went away: stop the run
            }
          };
          try {
            write(Line(json{{"job", job}}));
            RunContext context;
            context.seed = run_seed;
            context.stop = stop->get_token();
            auto last = Clock::now() - std::chrono::seconds(1);
            context.progress = [&](std::uint64_t done, std::uint64_t total) {
              const auto now = Clock::now();
              if (done != total && now - last < std::chrono::milliseconds(100)) return;
              last = now;
              write(Line(json{{"progress", {{"done", done}, {"total", total}}}}));
            };
            const auto start = Clock::now();
            Result<std::string> result =
                RunAnalysis(*compiled, "montecarlo", run_options, limits, context);
            if (!result) {
              write(Line(json{{"error", ErrorObject(result.error())}}));
            } else if (key) {
              const double elapsed_ms =
                  std::chrono::duration<double, std::milli>(Clock::now() - start).count();
              // The limits of every stored run, checked in the transaction that stores it.
              Result<RunStoreOutcome> run =
                  workspace->StoreRunWithin(*key, *result, elapsed_ms, RunLimits());
              if (!run) {
                write(Line(json{{"error", ErrorObject(run.error())}}));
              } else if (run->refusal) {
                const auto [failure, message] = RefusalOf(*run->refusal, key->command);
                write(Line(json{{"error", FailureObject(failure, message)}}));
              } else {
                write(Compact(RunWithResult(*run->run, false)) + "\n");
              }
            } else {
              write("{\"result\": " + Compact(*result) + "}\n");
            }
          } catch (const std::exception& e) {
            write(Line(json{{"error", ErrorObject(Error::Internal(
                                          fmt::format("unexpected failure: {}", e.what())))}}));
          } catch (...) {
            write(Line(json{{"error", ErrorObject(Error::Internal("unexpected failure"))}}));
          }
          EndJob(job);
          sink.done();
          return true;
        },
        [this, job](bool) { EndJob(job); });
  }

  void RegisterRoutes() {
    // The browser's way in when the server has a token: the token in a JSON body becomes an
    // HttpOnly, SameSite=Strict cookie that authorises every later request of this site.
    Route("POST", "/api/login",
          [this](const httplib::Request& request, httplib::Response& response) {
            // JSON from scripts, or the login page's form (answered with a redirect or the page).
            const bool form = request.get_header_value("Content-Type")
                                  .rfind("application/x-www-form-urlencoded", 0) == 0;
            std::string given;
            if (form) {
              httplib::Params fields;  // decoded here: the body is the form's, not the query's
              httplib::detail::parse_query_text(request.body, fields);
              if (auto found = fields.find("token"); found != fields.end()) given = found->second;
            } else {
              Result<json> body = ParseRequestBody(request.body);
              if (!body) return SendError(response, body.error());
              Result<std::string> field = StringField(*body, "token", true);
              if (!field) return SendError(response, field.error());
              given = *field;
            }
            if (options.token.empty()) {
              return SendJson(response, 200,
                              json{{"authenticated", true}, {"token_required", false}});
            }
            const LoginCheck check =
                login_limiter.Check(request.remote_addr, options.token, {given}, Clock::now());
            if (check.verdict == LoginVerdict::kLocked) {
              return SendLocked(response, check, options, form);
            }
            if (check.verdict != LoginVerdict::kAccepted) {
              response.set_header("WWW-Authenticate", "Bearer");
              if (form) {
                response.status = HttpStatus(RequestFailure::kUnauthenticated);
                return response.set_content(LoginPage(true), "text/html; charset=utf-8");
              }
              return SendFailure(response, RequestFailure::kUnauthenticated,
                                 "token: not this server's");
            }
            response.set_header("Set-Cookie", TokenCookieHeader(options.token));
            if (form) {
              response.status = 303;
              response.set_header("Location", "/");
              return;
            }
            SendJson(response, 200, json{{"authenticated", true}, {"token_required", true}});
          });
    Route("POST", "/api/logout", [](const httplib::Request&, httplib::Response& response) {
      response.set_header("Set-Cookie", TokenCookieHeader(""));
      SendJson(response, 200, json{{"authenticated", false}});
    });
    Route("GET", "/api/health", [this](const httplib::Request&, httplib::Response& response) {
      Result<std::vector<CaseSummary>> cases = workspace->ListCases();
      if (!cases) return SendError(response, cases.error());
      SendJson(response, 200,
               json{{"status", "ok"},
                    {"mend_version", MEND_VERSION},
                    {"schema_version", workspace->schema_version()},
                    {"cases", cases->size()}});
    });
    // The definitions the workbench's glossary links to (docs/analyses.md, built in).
    Route("GET", "/docs/analyses", [](const httplib::Request&, httplib::Response& response) {
      response.set_content(DefinitionsPage(), "text/html; charset=utf-8");
    });
    Route("GET", "/api/cases", [this](const httplib::Request&, httplib::Response& response) {
      Result<std::vector<CaseSummary>> cases = workspace->ListCases();
      if (!cases) return SendError(response, cases.error());
      json list = json::array();
      for (const CaseSummary& c : *cases) {
        list.push_back({{"id", c.id},
                        {"title", c.title},
                        {"latest_version", c.latest_version},
                        {"versions", c.versions},
                        {"created_at", c.created_at},
                        {"updated_at", c.updated_at}});
      }
      SendJson(response, 200, json{{"cases", list}});
    });
    Route(
        "POST", "/api/cases",
        [this](const httplib::Request& request, httplib::Response& response) {
          SaveFromJson(request, response, "");
        },
        Weight::kHeavy);
    auto get_version = [this](const httplib::Request& request, httplib::Response& response) {
      std::optional<int> version;
      if (request.matches.size() > 2) {
        Result<int> parsed = ParseVersion(request.matches[2].str());
        if (!parsed) return SendError(response, Error::NotFound(parsed.error().message));
        version = *parsed;
      }
      Result<CaseVersion> found = workspace->GetVersion(request.matches[1].str(), version);
      if (!found) return SendError(response, found.error());
      json object = VersionJson(found->info);
      object["id"] = found->info.case_id;
      object["source"] = found->source;
      object.erase("bytes");
      SendJson(response, 200, object);
    };
    Route("GET", fmt::format("/api/cases/{}", kIdPattern), get_version);
    Route("GET", fmt::format("/api/cases/{}/versions/([0-9]{{1,9}})", kIdPattern), get_version);
    Route("GET", fmt::format("/api/cases/{}/versions", kIdPattern),
          [this](const httplib::Request& request, httplib::Response& response) {
            Result<std::vector<VersionInfo>> versions =
                workspace->ListVersions(request.matches[1].str());
            if (!versions) return SendError(response, versions.error());
            json list = json::array();
            for (const VersionInfo& info : *versions) list.push_back(VersionJson(info));
            SendJson(response, 200, json{{"id", request.matches[1].str()}, {"versions", list}});
          });
    Route(
        "POST", fmt::format("/api/cases/{}/versions", kIdPattern),
        [this](const httplib::Request& request, httplib::Response& response) {
          SaveFromJson(request, response, request.matches[1].str());
        },
        Weight::kHeavy);
    Route("GET", fmt::format("/api/cases/{}/export", kIdPattern),
          [this](const httplib::Request& request, httplib::Response& response) {
            std::optional<int> version;
            if (request.has_param("version")) {
              Result<int> parsed = ParseVersion(request.get_param_value("version"));
              if (!parsed) return SendError(response, parsed.error());
              version = *parsed;
            }
            Result<CaseVersion> found = workspace->GetVersion(request.matches[1].str(), version);
            if (!found) return SendError(response, found.error());
            const std::string name = version
                                         ? fmt::format("{}-v{}.yaml", found->info.case_id, *version)
                                         : found->info.case_id + ".yaml";
            response.set_header("Content-Disposition",
                                fmt::format("attachment; filename=\"{}\"", name));
            response.set_content(found->source, "application/yaml");
          });
    Route(
        "POST", "/api/import",
        [this](const httplib::Request& request, httplib::Response& response) {
          std::string name =
              request.has_param("name") ? request.get_param_value("name") : "import.yaml";
          // The name appears in messages and origins: keep it printable and short.
          name.erase(std::remove_if(name.begin(), name.end(),
                                    [](char c) {
                                      return static_cast<unsigned char>(c) < 0x20 || c == '/' ||
                                             c == '\\';
                                    }),
                     name.end());
          if (name.empty() || name.size() > 200) name = "import.yaml";
          Save(request, response, request.body, name, "", "import:" + name, "");
        },
        Weight::kHeavy);
    Route(
        "POST", "/api/validate",
        [this](const httplib::Request& request, httplib::Response& response) {
          Result<json> body = ParseRequestBody(request.body);
          if (!body) return SendError(response, body.error());
          Result<std::string> source = StringField(*body, "source", true);
          if (!source) return SendError(response, source.error());
          Result<std::string> file = StringField(*body, "file", false, "case.yaml");
          if (!file) return SendError(response, file.error());
          BudgetedLoad loaded = LoadWithinBudget(*source, *file, 0);
          // Over budget or out of time says nothing about the case: an error, not "invalid".
          if (loaded.over_budget || (loaded.error && loaded.error->code == ErrorCode::kCancelled)) {
            return SendLoadFailure(response, loaded);
          }
          if (!loaded.compiled) {
            return SendJson(
                response, 200,
                json{{"valid", false}, {"errors", json::array({ErrorObject(*loaded.error)})}});
          }
          const CompiledCase& compiled = *loaded.compiled;
          SendJson(response, 200,
                   json{{"valid", true},
                        {"kind", "case"},
                        {"id", compiled.definition.id},
                        {"options", compiled.definition.options.size()},
                        {"states", compiled.space.size()},
                        {"errors", json::array()}});
        },
        Weight::kHeavy);
    Route(
        "POST", "/api/states",
        [this](const httplib::Request& request, httplib::Response& response) {
          Analyse(request, response, "states");
        },
        Weight::kHeavy);
    Route(
        "POST", "/api/stability",
        [this](const httplib::Request& request, httplib::Response& response) {
          Analyse(request, response, "stability");
        },
        Weight::kHeavy);
    Route(
        "POST", "/api/analyze",
        [this](const httplib::Request& request, httplib::Response& response) {
          Analyse(request, response, "analyze");
        },
        Weight::kHeavy);
    Route(
        "POST", fmt::format("/api/cases/{}/runs", kIdPattern),
        [this](const httplib::Request& request, httplib::Response& response) {
          RunStored(request, response);
        },
        Weight::kHeavy);
    Route("GET", fmt::format("/api/cases/{}/runs", kIdPattern),
          [this](const httplib::Request& request, httplib::Response& response) {
            Result<std::vector<StoredRun>> runs = workspace->ListRuns(request.matches[1].str());
            if (!runs) return SendError(response, runs.error());
            json list = json::array();
            for (const StoredRun& run : *runs) list.push_back(RunJson(run, std::nullopt));
            SendJson(response, 200, json{{"id", request.matches[1].str()}, {"runs", list}});
          });
    Route("GET", "/api/runs/([0-9]{1,18})",
          [this](const httplib::Request& request, httplib::Response& response) {
            Result<StoredRun> run = workspace->GetRun(std::stoll(request.matches[1].str()));
            if (!run) return SendError(response, run.error());
            SendRawJson(response, 200, RunWithResult(*run, true));
          });
    // Frees the quota for new runs; the id is never reused and a later read says it was removed.
    Route("DELETE", "/api/runs/([0-9]{1,18})",
          [this](const httplib::Request& request, httplib::Response& response) {
            Result<RemovedRun> removed = workspace->RemoveRun(std::stoll(request.matches[1].str()));
            if (!removed) return SendError(response, removed.error());
            Result<std::uint64_t> stored = workspace->StoredRunBytes();
            if (!stored) return SendError(response, stored.error());
            SendJson(response, 200,
                     json{{"removed", RemovedRunJson(*removed)}, {"stored_bytes", *stored}});
          });
    for (const char* command :
         {"perceptions", "viability", "dynamics", "bridge", "brief", "explain"}) {
      Route(
          "POST", fmt::format("/api/{}", command),
          [this, command](const httplib::Request& request, httplib::Response& response) {
            Analyse(request, response, command);
          },
          Weight::kHeavy);
    }
    Route(
        "POST", "/api/portfolio",
        [this](const httplib::Request& request, httplib::Response& response) {
          Portfolio(request, response);
        },
        Weight::kHeavy);
    Route(
        "POST", "/api/montecarlo",
        [this](const httplib::Request& request, httplib::Response& response) {
          MonteCarlo(request, response);
        },
        Weight::kHeavy);
    Route("POST", "/api/jobs/([0-9a-f]{16})/cancel",
          [this](const httplib::Request& request, httplib::Response& response) {
            const std::string job = request.matches[1].str();
            std::shared_ptr<std::stop_source> stop;
            {
              std::lock_guard lock(jobs_mutex);
              auto found = jobs.find(job);
              if (found != jobs.end()) stop = found->second;
            }
            if (stop == nullptr) {
              return SendError(response,
                               Error::NotFound(fmt::format("no job '{}' is running", job)));
            }
            stop->request_stop();
            SendJson(response, 202, json{{"job", job}, {"cancelled", true}});
          });
    RefuseOtherMethods();
    // Everything else: unknown API paths, then the front end's files.
    http.Get(".*", Guard([this](const httplib::Request& request, httplib::Response& response) {
               ServeStatic(request, response);
             }));
  }

  void ServeStatic(const httplib::Request& request, httplib::Response& response) {
    if (request.path.rfind("/api/", 0) == 0 || request.path == "/api") {
      return SendFailure(response, RequestFailure::kNoRoute, "no such endpoint: " + request.path);
    }
    if (static_root.empty()) {
      if (request.path == "/") {
        return SendJson(response, 200,
                        json{{"mend", MEND_VERSION},
                             {"api", "/api/health"},
                             {"note", "no front end is being served (start with --static DIR)"}});
      }
      return SendError(response, Error::NotFound(fmt::format("no file '{}'", request.path)));
    }
    Result<std::filesystem::path> file = ResolveStaticPath(static_root, request.path);
    if (!file && IsPlainRoute(request.path)) {
      file = ResolveStaticPath(static_root, "/index.html");  // client-side routes
    }
    if (!file) return SendError(response, file.error());
    // Vite names bundled assets NAME-HASH.EXT under /assets/: their content never changes under
    // that name. Everything else (index.html above all) is revalidated.
    response.headers.erase("Cache-Control");
    response.set_header("Cache-Control", IsHashedAsset(request.path)
                                             ? "public, max-age=31536000, immutable"
                                             : "no-cache");
    response.set_header("Vary", "Accept-Encoding");
    // The precompressed copy made at build time (scripts/build-web.sh), when the client takes it.
    std::filesystem::path chosen = *file;
    if (request.get_header_value(kAcceptEncodingHeader).find("gzip") != std::string::npos) {
      std::filesystem::path gz = *file;
      gz += ".gz";
      std::error_code error;
      if (std::filesystem::is_regular_file(gz, error)) {
        chosen = gz;
        response.set_header("Content-Encoding", "gzip");
      }
    }
    std::ifstream in(chosen, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    if (!in && !in.eof()) return SendError(response, Error::Io("cannot read a static file"));
    response.set_content(content.str(), StaticContentType(*file));
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { Stop(); }

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options,
                                               std::shared_ptr<Workspace> workspace) {
  if (!IsLoopbackHost(options.host) && options.token.empty()) {
    return Error::InvalidArgument(fmt::format(
        "--host {}: refusing to serve beyond this machine without --token", options.host));
  }
  MEND_TRY(CheckTokenStrength(options.token));
  if (workspace == nullptr) return Error::Internal("a server needs a workspace");
  // httplib writes with send(..., 0): a client that closes its connection while an answer is
  // being written (a cancelled Monte Carlo stream) would raise SIGPIPE and end the process.
  std::signal(SIGPIPE, SIG_IGN);
  // glibc gives each thread that allocates concurrently an arena of its own and keeps what was
  // freed in it: a few arenas bound what idle workers hold (see also AnalysisQueue's trim).
  mallopt(M_ARENA_MAX, 4);
  // Fixed thresholds (which also turn off glibc's dynamic ones, which rise to 32 MiB after a
  // large block is freed): blocks from 1 MiB up (the tables of a large case) are mapped and
  // unmapped on their own, and a thread's heap gives back a free top above 1 MiB.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 20);
  auto impl = std::make_unique<Impl>(options);
  impl->workspace = std::move(workspace);
  if (!options.static_dir.empty()) {
    std::error_code error;
    impl->static_root = std::filesystem::canonical(options.static_dir, error);
    if (error || !std::filesystem::is_directory(impl->static_root)) {
      return Error::InvalidArgument(
          fmt::format("--static {}: not a directory", options.static_dir));
    }
  }
  GuardedHttpServer& http = impl->http;
  // Connections get many more threads than analyses get slots: a connection thread that waits
  // for a slow client or an analysis slot never keeps health checks, static files and reads
  // waiting (analyses queue in AnalysisQueue, heads time out in the connection guard).
  const unsigned connections = std::max(64u, 4 * AnalysisSlots(options) + 16);
  // httplib takes ownership of the queue it is handed.
  http.new_task_queue = [connections] { return new httplib::ThreadPool(connections); };  // NOLINT
  http.set_payload_max_length(options.max_body_bytes);
  http.set_tcp_nodelay(true);  // small JSON answers; Nagle would hold them for delayed ACKs
  http.set_default_headers({{"Content-Security-Policy", kContentSecurityPolicy},
                            {"X-Content-Type-Options", "nosniff"},
                            {"Referrer-Policy", "no-referrer"},
                            {"X-Frame-Options", "DENY"},
                            {"Cache-Control", "no-store"}});
  const std::string token = options.token;
  Impl* state = impl.get();
  // Runs on the request's head, before its body is read.
  http.set_pre_routing_handler(
      [token, state](const httplib::Request& request, httplib::Response& response) {
        // httplib would compress answers itself, Brotli at its highest quality (seconds of CPU
        // per bundle): it never sees the client's Accept-Encoding. Static files come
        // precompressed instead. The request object is httplib's own, not const.
        auto& headers = const_cast<httplib::Headers&>(request.headers);  // NOLINT
        if (auto found = headers.find("Accept-Encoding"); found != headers.end()) {
          headers.emplace(kAcceptEncodingHeader, found->second);
          headers.erase("Accept-Encoding");
        }
        const bool has_body = ContentLength(request) > 0 || request.has_header("Transfer-Encoding");
        // httplib returns header values by value: keep them alive while the facts view them.
        const std::string host = request.get_header_value("Host");
        const std::string origin = request.get_header_value("Origin");
        const std::string fetch_site = request.get_header_value("Sec-Fetch-Site");
        const std::string content_type = request.get_header_value("Content-Type");
        const std::string content_encoding = request.get_header_value("Content-Encoding");
        RequestFacts facts{request.method, request.path,     host,    origin, fetch_site,
                           content_type,   content_encoding, has_body};
        if (std::optional<Refusal> refusal = CheckRequest(state->host_policy, facts)) {
          GuardedHttpServer::CloseAfterResponse();  // the body, if any, is never read
          response.set_header("Connection", "close");
          SendFailure(response, refusal->failure, refusal->message);
          return httplib::Server::HandlerResponse::Handled;
        }
        if (ContentLength(request) > state->options.max_body_bytes) {
          GuardedHttpServer::CloseAfterResponse();
          response.set_header("Connection", "close");
          SendFailure(response, RequestFailure::kPayloadTooLarge,
                      fmt::format("the request body exceeds {} bytes (--max-body)",
                                  state->options.max_body_bytes));
          return httplib::Server::HandlerResponse::Handled;
        }
        if (token.empty()) return httplib::Server::HandlerResponse::Unhandled;
        // Logging in and out needs no token: the login checks it itself.
        if (request.method == "POST" &&
            (request.path == "/api/login" || request.path == "/api/logout")) {
          return httplib::Server::HandlerResponse::Unhandled;
        }
        // The token is checked, and wrong ones counted, by the address's limiter.
        const std::string authorization = request.get_header_value("Authorization");
        const std::string cookies = request.get_header_value("Cookie");
        const LoginCheck check = state->login_limiter.Check(
            request.remote_addr, token,
            {BearerToken(authorization), CookieValue(cookies, kTokenCookie)}, Clock::now());
        if (check.verdict == LoginVerdict::kAccepted) {
          return httplib::Server::HandlerResponse::Unhandled;
        }
        const bool page = request.method == "GET" && request.path.rfind("/api/", 0) != 0;
        if (check.verdict == LoginVerdict::kLocked) {
          SendLocked(response, check, state->options, page);
          return httplib::Server::HandlerResponse::Handled;
        }
        response.set_header("WWW-Authenticate", "Bearer");
        GuardedHttpServer::CloseAfterResponse();
        response.set_header("Connection", "close");
        if (page) {
          // A browser opening the workbench: the sign-in form instead.
          response.status = HttpStatus(RequestFailure::kUnauthenticated);
          response.set_content(LoginPage(false), "text/html; charset=utf-8");
          return httplib::Server::HandlerResponse::Handled;
        }
        SendFailure(response, RequestFailure::kUnauthenticated,
                    "this server needs Authorization: Bearer <token>, or the cookie POST "
                    "/api/login sets");
        return httplib::Server::HandlerResponse::Handled;
      });
  // Statuses httplib sets itself (413, 400 for unparsable requests, 404 for unrouted methods)
  // get the same JSON body as ours.
  http.set_error_handler([state](const httplib::Request& request, httplib::Response& response) {
    if (!response.body.empty()) return;
    // httplib answers 400 when reading the request failed; a time limit is why, say which.
    if (const ReadTimeout timeout = GuardedHttpServer::RequestTimeout();
        timeout != ReadTimeout::kNone) {
      GuardedHttpServer::CloseAfterResponse();
      response.set_header("Connection", "close");
      return SendFailure(response, RequestFailure::kRequestTimeout,
                         ReadTimeoutMessage(timeout, state->options));
    }
    if (response.status == 413) {
      return SendFailure(response, RequestFailure::kPayloadTooLarge,
                         "the request body exceeds the server's limit");
    }
    if (response.status == 404) {
      return SendFailure(response, RequestFailure::kNoRoute,
                         fmt::format("no route for {} {}", request.method, request.path));
    }
    const int status = response.status;
    SendError(response, Error::InvalidArgument(fmt::format("bad request (HTTP {})", status)));
    response.status = status;
  });
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
        SendError(response, Error::Internal("unexpected failure"));
      });
  impl->RegisterRoutes();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Result<int> Server::Bind() {
  const std::string host = BindAddress(impl_->options.host);
  int port = impl_->options.port;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(host);
    if (port <= 0) return Error::Io(BindFailure(impl_->options.host, host, 0));
  } else if (!impl_->http.bind_to_port(host, port)) {
    return Error::Io(BindFailure(impl_->options.host, host, port));
  }
  // httplib listens with a backlog of 5, which stalls clients under load.
  impl_->http.RaiseBacklog(kListenBacklog);
  impl_->host_policy = HostPolicy::For(impl_->options.host, port, impl_->options.allow_hosts);
  return port;
}

Status Server::Run() {
  if (!impl_->http.listen_after_bind()) return Error::Io("the server stopped listening");
  return Ok();
}

void Server::Stop() {
  if (impl_ == nullptr) return;
  impl_->CancelJobs();
  impl_->queue.Close();
  impl_->http.stop();
}

std::vector<NewVersion> BuiltinSeed() {
  std::vector<NewVersion> seed;
  for (const BuiltinCase& builtin : BuiltinCases()) {
    const std::string source(builtin.text);
    Result<CompiledCase> compiled =
        LoadCase(source, std::string("cases/") + builtin.path, AnalysisLimits{});
    if (!compiled) continue;  // portfolios, and anything this build cannot read
    seed.push_back({compiled->definition.id, compiled->definition.title.text, source,
                    "built-in case", std::string("builtin:") + builtin.path});
  }
  return seed;
}

}  // namespace mend::server
