// SPDX-License-Identifier: Apache-2.0
//
// libFuzzer target: what the server makes of a request before any analysis runs — the JSON
// body (fields, seed, options of every command and of a portfolio), the memory budget of the
// work it asks for, and the Host/Origin/Content-Type checks on headers taken from the input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api.hpp"
#include "budget.hpp"
#include "http_guard.hpp"
#include "request_json.hpp"
#include <nlohmann/json.hpp>

namespace {

// Header values from the first lines of the input, so the fuzzer can steer them.
std::string_view Line(std::string_view& text) {
  const std::size_t end = text.find('\n');
  std::string_view line = text.substr(0, end);
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using mend::server::HostPolicy;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static const HostPolicy policy = HostPolicy::For("127.0.0.1", 8080, {"mend.example", "a:9"});
  std::string_view rest = text;
  mend::server::RequestFacts facts;
  facts.method = "POST";
  facts.path = "/api/import";
  facts.host = Line(rest);
  facts.origin = Line(rest);
  facts.content_type = Line(rest);
  facts.sec_fetch_site = Line(rest);
  facts.has_body = true;
  (void)mend::server::CheckRequest(policy, facts);
  (void)mend::server::HostAllowed(policy, text);
  (void)mend::server::OriginAllowed(policy, text);

  mend::Result<nlohmann::json> body = mend::server::ParseRequestBody(text);
  if (!body) return 0;
  (void)mend::server::StringField(*body, "source", true);
  (void)mend::server::StringField(*body, "file", false, "case.yaml");
  for (const char* command : {"states", "stability", "analyze", "perceptions", "viability",
                              "dynamics", "montecarlo", "brief", "unknown"}) {
    (void)mend::server::SeedOf(*body, command);
    const nlohmann::json options = body->contains("options") ? (*body)["options"] : *body;
    mend::Result<nlohmann::json> canonical = mend::server::CanonicalOptions(command, options);
    if (canonical && canonical->contains("samples") && (*canonical)["samples"].is_number()) {
      const mend::server::MemoryBudget budget;
      const auto samples = (*canonical)["samples"].get<std::uint64_t>();
      (void)budget.Check({samples, 7, samples});
      (void)budget.MaxStates(7, samples);
    }
  }
  (void)mend::server::CanonicalPortfolioOptions(*body);
  if (body->contains("version") && (*body)["version"].is_string()) {
    (void)mend::server::ParseVersion((*body)["version"].get<std::string>());
  }
  return 0;
}
