// SPDX-License-Identifier: Apache-2.0
#include "api.hpp"

#include <fmt/format.h>

#include <stop_token>

#include "mend/efficiency/efficiency.hpp"
#include "mend/io/analysis_json.hpp"
#include "mend/io/json_writer.hpp"
#include "mend/io/stability_json.hpp"
#include "mend/stability/stability.hpp"
#include "mend/stability/status_quo_analysis.hpp"

namespace mend::server {
namespace {

using nlohmann::json;

Result<std::vector<StabilityConcept>> ConceptsOf(const json& options) {
  if (!options.contains("concepts")) {
    return std::vector<StabilityConcept>(kAllStabilityConcepts.begin(),
                                         kAllStabilityConcepts.end());
  }
  const json& list = options["concepts"];
  if (!list.is_array() || list.empty()) {
    return Error::InvalidArgument("options.concepts: expected a non-empty list of concepts");
  }
  std::array<bool, kAllStabilityConcepts.size()> wanted{};
  for (const json& item : list) {
    std::optional<StabilityConcept> parsed =
        item.is_string() ? ParseStabilityConcept(item.get<std::string>()) : std::nullopt;
    if (!parsed) {
      return Error::InvalidArgument(
          fmt::format("options.concepts: unknown concept {}; expected nash, gmr, smr or seq",
                      item.dump()));
    }
    wanted[static_cast<std::size_t>(*parsed)] = true;
  }
  std::vector<StabilityConcept> concepts;
  for (StabilityConcept c : kAllStabilityConcepts) {
    if (wanted[static_cast<std::size_t>(c)]) concepts.push_back(c);
  }
  return concepts;
}

Result<SanctionRule> SanctionsOf(const json& options) {
  if (!options.contains("sanctions")) return SanctionRule::kTextbook;
  const json& value = options["sanctions"];
  std::optional<SanctionRule> rule =
      value.is_string() ? ParseSanctionRule(value.get<std::string>()) : std::nullopt;
  if (!rule) {
    return Error::InvalidArgument(fmt::format(
        "options.sanctions: unknown rule {}; expected textbook or gmcr-plus", value.dump()));
  }
  return *rule;
}

Status OnlyKeys(const json& options, std::initializer_list<const char*> keys) {
  for (const auto& [key, value] : options.items()) {
    bool known = false;
    for (const char* allowed : keys) known = known || key == allowed;
    if (!known) return Error::InvalidArgument(fmt::format("options.{}: unknown option", key));
  }
  return Ok();
}

// Stops work once the deadline passes; checked from the analysis' progress callback.
struct Deadline {
  std::stop_source stop;
  std::chrono::steady_clock::time_point at;
  ProgressCallback Callback() {
    return [this](std::uint64_t, std::uint64_t) {
      if (std::chrono::steady_clock::now() > at) stop.request_stop();
    };
  }
  Error Exceeded() const {
    return Error::Cancelled("the analysis exceeded the server's time limit");
  }
};

}  // namespace

Result<CompiledCase> LoadCase(const std::string& source, const std::string& file,
                              const AnalysisLimits& limits) {
  ReadOptions options;
  options.max_file_bytes = limits.max_bytes;
  if (limits.max_states != 0) options.limits.max_states = limits.max_states;
  return ReadCase(source, file, options);
}

bool KnownCommand(const std::string& command) {
  return command == "states" || command == "stability" || command == "analyze";
}

Result<json> CanonicalOptions(const std::string& command, const json& options) {
  if (!options.is_null() && !options.is_object()) {
    return Error::InvalidArgument("options: expected an object");
  }
  const json given = options.is_null() ? json::object() : options;
  if (command == "states") {
    MEND_TRY(OnlyKeys(given, {}));
    return json::object();
  }
  if (command == "stability") {
    MEND_TRY(OnlyKeys(given, {"concepts", "sanctions"}));
    MEND_TRY(std::vector<StabilityConcept> concepts, ConceptsOf(given));
    MEND_TRY(SanctionRule rule, SanctionsOf(given));
    json names = json::array();
    for (StabilityConcept c : concepts) names.push_back(StabilityConceptName(c));
    return json{{"concepts", names}, {"sanctions", SanctionRuleName(rule)}};
  }
  if (command == "analyze") {
    MEND_TRY(OnlyKeys(given, {"concept", "sanctions"}));
    std::optional<StabilityConcept> preferred = StabilityConcept::kSeq;
    if (given.contains("concept")) {
      const json& value = given["concept"];
      preferred = value.is_string() ? ParseStabilityConcept(value.get<std::string>()) : std::nullopt;
      if (!preferred) {
        return Error::InvalidArgument(fmt::format(
            "options.concept: unknown concept {}; expected nash, gmr, smr or seq", value.dump()));
      }
    }
    MEND_TRY(SanctionRule rule, SanctionsOf(given));
    return json{{"concept", StabilityConceptName(*preferred)},
                {"sanctions", SanctionRuleName(rule)}};
  }
  return Error::InvalidArgument(fmt::format(
      "command: unknown command '{}'; expected states, stability or analyze", command));
}

Result<std::string> RunAnalysis(const CompiledCase& compiled, const std::string& command,
                                const json& options, const AnalysisLimits& limits) {
  if (command == "states") return StatesJson(compiled);
  if (command == "stability") {
    MEND_TRY(std::vector<StabilityConcept> concepts, ConceptsOf(options));
    MEND_TRY(SanctionRule rule, SanctionsOf(options));
    StabilityOptions stability;
    stability.concepts = concepts;
    stability.sanctions = rule;
    stability.threads = 1;  // requests already run in parallel
    Deadline deadline{{}, limits.deadline};
    Result<StabilityReport> report =
        AnalyzeStability(compiled, stability, deadline.stop.get_token(), deadline.Callback());
    if (!report) {
      return report.error().code == ErrorCode::kCancelled ? deadline.Exceeded() : report.error();
    }
    Result<StatusQuoAnalysis> sq = AnalyzeStatusQuo(compiled, *report, deadline.stop.get_token());
    if (!sq) return sq.error().code == ErrorCode::kCancelled ? deadline.Exceeded() : sq.error();
    return StabilityJson(compiled, *report, *sq, rule);
  }
  if (command == "analyze") {
    // As `mend analyze`: every concept, then the efficiency analysis preferring `concept`.
    MEND_TRY(SanctionRule rule, SanctionsOf(options));
    const StabilityConcept preferred =
        ParseStabilityConcept(options.value("concept", "seq")).value_or(StabilityConcept::kSeq);
    CaseAnalysis analysis;
    analysis.compiled = &compiled;
    analysis.sanctions = rule;
    StabilityOptions stability;
    stability.sanctions = rule;
    stability.threads = 1;
    Deadline deadline{{}, limits.deadline};
    Result<StabilityReport> report =
        AnalyzeStability(compiled, stability, deadline.stop.get_token(), deadline.Callback());
    if (!report) {
      return report.error().code == ErrorCode::kCancelled ? deadline.Exceeded() : report.error();
    }
    analysis.report = std::move(*report);
    Result<StatusQuoAnalysis> sq =
        AnalyzeStatusQuo(compiled, analysis.report, deadline.stop.get_token());
    if (!sq) return sq.error().code == ErrorCode::kCancelled ? deadline.Exceeded() : sq.error();
    analysis.status_quo = std::move(*sq);
    EfficiencyOptions efficiency;
    efficiency.concept_id = preferred;
    MEND_TRY(analysis.efficiency,
             AnalyzeEfficiency(compiled, analysis.report, analysis.status_quo, efficiency));
    return AnalysisJson(analysis);
  }
  return Error::InvalidArgument(fmt::format("command: unknown command '{}'", command));
}

json ErrorObject(const Error& error) {
  json object{{"code", ErrorCodeName(error.code)}, {"message", error.message}};
  if (error.where.known()) {
    object["file"] = error.where.file;
    if (error.where.line > 0) {
      object["line"] = error.where.line;
      object["column"] = error.where.column;
    }
  }
  // Located messages read "KEY: what was expected"; the key is a path without spaces.
  const std::size_t colon = error.message.find(": ");
  if (colon != std::string::npos && colon > 0 &&
      error.message.find(' ') > colon && error.where.known()) {
    object["key"] = error.message.substr(0, colon);
  }
  object["text"] = error.ToString();
  return object;
}

}  // namespace mend::server
