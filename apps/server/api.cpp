// SPDX-License-Identifier: Apache-2.0
#include "api.hpp"

#include <atomic>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>

#include <fmt/format.h>

#include "mend/efficiency/efficiency.hpp"
#include "mend/io/analysis_json.hpp"
#include "mend/io/json_writer.hpp"
#include "mend/io/lenses_json.hpp"
#include "mend/io/montecarlo_json.hpp"
#include "mend/io/stability_json.hpp"
#include "mend/lenses/attachment.hpp"
#include "mend/lenses/dynamics.hpp"
#include "mend/lenses/linkage.hpp"
#include "mend/lenses/perception.hpp"
#include "mend/model/pattern.hpp"
#include "mend/report/brief.hpp"
#include "mend/report/brief_evidence.hpp"
#include "mend/report/case_analysis.hpp"
#include "mend/stability/stability.hpp"
#include "mend/stability/status_quo_analysis.hpp"
#include "mend/uncertainty/monte_carlo.hpp"
#include "mend/uncertainty/sensitivity.hpp"

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
      return Error::InvalidArgument(fmt::format(
          "options.concepts: unknown concept {}; expected nash, gmr, smr or seq", item.dump()));
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

// For analyses that take a stop token but report no progress: a timer thread requests the stop
// at the deadline, and a stop from outside (cancel request, closed connection) is forwarded.
class Watch {
 public:
  Watch(std::chrono::steady_clock::time_point deadline, std::stop_token external)
      : forward_(std::move(external), Forward{&source_}),
        timer_([this, deadline](std::stop_token own) {
          std::mutex mutex;
          std::condition_variable_any wake;
          std::unique_lock lock(mutex);
          if (deadline == std::chrono::steady_clock::time_point::max()) {
            wake.wait(lock, own, [] { return false; });
          } else {
            wake.wait_until(lock, own, deadline, [] { return false; });
          }
          if (!own.stop_requested()) {
            timed_out_ = true;
            source_.request_stop();
          }
        }) {}
  std::stop_token token() const { return source_.get_token(); }
  // The error to report for a cancelled analysis.
  Error Cancelled() const {
    return timed_out_ ? Error::Cancelled("the analysis exceeded the server's time limit")
                      : Error::Cancelled("the run was cancelled");
  }
  template <typename T>
  Result<T> Check(Result<T> result) const {
    if (!result && result.error().code == ErrorCode::kCancelled) return Cancelled();
    return result;
  }

 private:
  struct Forward {
    std::stop_source* source;
    void operator()() const { source->request_stop(); }
  };
  std::stop_source source_;
  std::atomic<bool> timed_out_{false};
  std::stop_callback<Forward> forward_;
  std::jthread timer_;  // last: stopped and joined first
};

Result<std::uint64_t> UnsignedOption(const json& options, const char* key, std::uint64_t fallback,
                                     std::uint64_t min, std::uint64_t max) {
  if (!options.contains(key)) return fallback;
  const json& value = options[key];
  if (!value.is_number_integer() ||
      (value.is_number_integer() && !value.is_number_unsigned() && value.get<std::int64_t>() < 0) ||
      value.get<std::uint64_t>() < min || value.get<std::uint64_t>() > max) {
    return Error::InvalidArgument(
        fmt::format("options.{}: expected an integer from {} to {}", key, min, max));
  }
  return value.get<std::uint64_t>();
}

Result<double> NumberOption(const json& options, const char* key, double fallback, double min,
                            double max, bool open_min = false) {
  if (!options.contains(key)) return fallback;
  const json& value = options[key];
  const bool ok = value.is_number() && std::isfinite(value.get<double>()) &&
                  (open_min ? value.get<double>() > min : value.get<double>() >= min) &&
                  value.get<double>() <= max;
  if (!ok) {
    return Error::InvalidArgument(fmt::format("options.{}: expected a number {} {} and at most {}",
                                              key, open_min ? "above" : "from", min, max));
  }
  return value.get<double>();
}

Result<StabilityConcept> ConceptOf(const json& options) {
  if (!options.contains("concept")) return StabilityConcept::kSeq;
  const json& value = options["concept"];
  std::optional<StabilityConcept> parsed =
      value.is_string() ? ParseStabilityConcept(value.get<std::string>()) : std::nullopt;
  if (!parsed) {
    return Error::InvalidArgument(fmt::format(
        "options.concept: unknown concept {}; expected nash, gmr, smr or seq", value.dump()));
  }
  return *parsed;
}

// Limits that keep one request of the server bounded (the CLI has none).
constexpr std::uint64_t kMaxViabilitySamples = 200'000;
constexpr std::uint64_t kMaxDynamicsDraws = 20'000'000;  // runs × rounds
constexpr std::uint64_t kMaxMonteCarloSamples = 1'000'000;
constexpr std::size_t kMaxKappas = 32;

// The analysis `mend analyze` runs on one case, cancelled at the deadline.
Result<CaseAnalysis> AnalyzeOne(const CompiledCase& compiled, StabilityConcept preferred,
                                SanctionRule rule, const AnalysisLimits& limits) {
  CaseAnalysis analysis;
  analysis.compiled = &compiled;
  analysis.sanctions = rule;
  StabilityOptions stability;
  stability.sanctions = rule;
  stability.threads = 1;  // requests already run in parallel
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
  return analysis;
}

}  // namespace

Result<CompiledCase> LoadCase(const std::string& source, const std::string& file,
                              const AnalysisLimits& limits) {
  ReadOptions options;
  options.max_file_bytes = limits.max_bytes;
  if (limits.max_states != 0) options.limits.max_states = limits.max_states;
  options.max_states_for = limits.max_states_for;  // the memory budget (budget.hpp)
  return ReadCase(source, file, options);
}

bool KnownCommand(const std::string& command) {
  return command == "states" || command == "stability" || command == "analyze" ||
         command == "perceptions" || command == "brief" || SeededCommand(command);
}

bool SeededCommand(const std::string& command) {
  return command == "viability" || command == "dynamics" || command == "montecarlo" ||
         command == "brief";
}

std::int64_t DefaultSeed(const std::string& command) { return SeededCommand(command) ? 1 : 0; }

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
      preferred =
          value.is_string() ? ParseStabilityConcept(value.get<std::string>()) : std::nullopt;
      if (!preferred) {
        return Error::InvalidArgument(fmt::format(
            "options.concept: unknown concept {}; expected nash, gmr, smr or seq", value.dump()));
      }
    }
    MEND_TRY(SanctionRule rule, SanctionsOf(given));
    return json{{"concept", StabilityConceptName(*preferred)},
                {"sanctions", SanctionRuleName(rule)}};
  }
  if (command == "perceptions") {
    MEND_TRY(OnlyKeys(given, {"concept", "sanctions"}));
    MEND_TRY(StabilityConcept concept_id, ConceptOf(given));
    MEND_TRY(SanctionRule rule, SanctionsOf(given));
    return json{{"concept", StabilityConceptName(concept_id)},
                {"sanctions", SanctionRuleName(rule)}};
  }
  if (command == "viability") {
    MEND_TRY(OnlyKeys(given, {"proposal", "samples"}));
    if (!given.contains("proposal") || !given["proposal"].is_string() ||
        given["proposal"].get<std::string>().empty() ||
        given["proposal"].get<std::string>().size() > 64) {
      return Error::InvalidArgument(
          "options.proposal: required, the proposed state as a Y/N pattern (e.g. \"YN\")");
    }
    MEND_TRY(std::uint64_t samples,
             UnsignedOption(given, "samples", ViabilityOptions{}.samples, 2, kMaxViabilitySamples));
    return json{{"proposal", given["proposal"].get<std::string>()}, {"samples", samples}};
  }
  if (command == "dynamics") {
    MEND_TRY(OnlyKeys(given, {"rounds", "runs", "kappas", "alpha", "theta", "crisis_length"}));
    const DynamicsOptions defaults;
    MEND_TRY(std::uint64_t rounds, UnsignedOption(given, "rounds", defaults.rounds, 1, 100'000));
    MEND_TRY(std::uint64_t runs, UnsignedOption(given, "runs", defaults.runs, 1, 1'000'000));
    if (rounds * runs > kMaxDynamicsDraws) {
      return Error::InvalidArgument(fmt::format(
          "options.runs: runs × rounds is at most {} on the server", kMaxDynamicsDraws));
    }
    json kappas = json::array();
    if (given.contains("kappas")) {
      const json& list = given["kappas"];
      if (!list.is_array() || list.empty() || list.size() > kMaxKappas) {
        return Error::InvalidArgument(
            fmt::format("options.kappas: expected a list of 1 to {} positive numbers", kMaxKappas));
      }
      for (const json& k : list) {
        if (!k.is_number() || !std::isfinite(k.get<double>()) || k.get<double>() <= 0) {
          return Error::InvalidArgument(
              fmt::format("options.kappas: {} is not a positive number", k.dump()));
        }
        kappas.push_back(k.get<double>());
      }
    } else {
      for (double k : defaults.kappas) kappas.push_back(k);
    }
    MEND_TRY(double alpha, NumberOption(given, "alpha", defaults.alpha, 0, 1, /*open_min=*/true));
    MEND_TRY(double theta, NumberOption(given, "theta", defaults.theta, 0, 1e6));
    MEND_TRY(std::uint64_t length,
             UnsignedOption(given, "crisis_length", defaults.crisis_length, 1, 100'000));
    return json{{"rounds", rounds}, {"runs", runs},   {"kappas", kappas},
                {"alpha", alpha},   {"theta", theta}, {"crisis_length", length}};
  }
  if (command == "montecarlo") {
    MEND_TRY(OnlyKeys(given, {"samples", "method", "concept"}));
    MEND_TRY(std::uint64_t samples,
             UnsignedOption(given, "samples", 10000, 1, kMaxMonteCarloSamples));
    std::string method = "monte-carlo";
    if (given.contains("method")) {
      const json& value = given["method"];
      if (!value.is_string() ||
          (value.get<std::string>() != "monte-carlo" && value.get<std::string>() != "lhs")) {
        return Error::InvalidArgument(fmt::format(
            "options.method: unknown method {}; expected monte-carlo or lhs", value.dump()));
      }
      method = value.get<std::string>();
    }
    MEND_TRY(StabilityConcept concept_id, ConceptOf(given));
    return json{
        {"samples", samples}, {"method", method}, {"concept", StabilityConceptName(concept_id)}};
  }
  if (command == "brief") {
    MEND_TRY(OnlyKeys(given, {"actor", "lang", "format", "concept", "samples"}));
    if (!given.contains("actor") || !given["actor"].is_string() ||
        given["actor"].get<std::string>().empty()) {
      return Error::InvalidArgument(
          "options.actor: required, the id of the actor the brief is for");
    }
    json canonical{{"actor", given["actor"]}};
    if (given.contains("lang")) {  // absent: the actor's own language, decided with the case
      const json& lang = given["lang"];
      if (!lang.is_string() || !ParseLanguage(lang.get<std::string>())) {
        return Error::InvalidArgument(
            fmt::format("options.lang: unknown language {}; expected en or ru", lang.dump()));
      }
      canonical["lang"] = lang;
    }
    const std::string format = given.value("format", json("markdown")).is_string()
                                   ? given.value("format", std::string("markdown"))
                                   : std::string();
    if (format != "markdown" && format != "html") {
      return Error::InvalidArgument(fmt::format(
          "options.format: unknown format {}; expected markdown or html", given["format"].dump()));
    }
    canonical["format"] = format;
    MEND_TRY(StabilityConcept concept_id, ConceptOf(given));
    canonical["concept"] = StabilityConceptName(concept_id);
    MEND_TRY(std::uint64_t samples,
             UnsignedOption(given, "samples", kBriefSamples, 0, kMaxViabilitySamples));
    canonical["samples"] = samples;
    return canonical;
  }
  return Error::InvalidArgument(
      fmt::format("command: unknown command '{}'; expected states, stability, analyze, "
                  "perceptions, viability, dynamics, montecarlo or brief",
                  command));
}

Result<json> CanonicalPortfolioOptions(const json& options) {
  return CanonicalOptions("analyze", options);
}

Result<std::string> RunPortfolio(const std::string& portfolio_id,
                                 const std::vector<const CompiledCase*>& cases,
                                 const std::vector<std::pair<std::string, bool>>& linkage,
                                 const json& options, const AnalysisLimits& limits) {
  if (cases.empty()) return Error::InvalidArgument("cases: expected at least one case");
  MEND_TRY(SanctionRule rule, SanctionsOf(options));
  const StabilityConcept preferred =
      ParseStabilityConcept(options.value("concept", "seq")).value_or(StabilityConcept::kSeq);
  std::vector<CaseAnalysis> analyses;
  analyses.reserve(cases.size());
  for (const CompiledCase* one : cases) {
    MEND_TRY(CaseAnalysis analysis, AnalyzeOne(*one, preferred, rule, limits));
    analyses.push_back(std::move(analysis));
  }
  PortfolioDefinition definition;
  definition.id = portfolio_id;
  definition.title.text = portfolio_id;
  for (const CompiledCase* one : cases) definition.cases.push_back({one->definition.id, {}});
  definition.linkage = linkage;
  std::vector<LinkageIssue> issues;
  for (const CaseAnalysis& analysis : analyses) {
    issues.push_back({analysis.compiled, &analysis.efficiency});
  }
  MEND_TRY(LinkageAnalysis result, AnalyzeLinkage(definition, issues));
  return PortfolioAnalysisJson(portfolio_id, analyses, LinkageJson(result));
}

Result<std::string> RunAnalysis(const CompiledCase& compiled, const std::string& command,
                                const json& options, const AnalysisLimits& limits,
                                const RunContext& context) {
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
    MEND_TRY(CaseAnalysis analysis, AnalyzeOne(compiled, preferred, rule, limits));
    return AnalysisJson(analysis);
  }
  if (command == "perceptions") {
    PerceptionOptions perception;
    MEND_TRY(perception.concept_id, ConceptOf(options));
    MEND_TRY(perception.sanctions, SanctionsOf(options));
    perception.threads = 1;
    MEND_TRY(PerceptionAnalysis analysis, AnalyzePerceptions(compiled, perception));
    return PerceptionsJson(compiled, analysis);
  }
  if (command == "viability") {
    const std::string pattern = options.value("proposal", "");
    const std::optional<StateCode> code = ParsePattern(pattern, compiled.space.option_count());
    const std::optional<StateId> state = code ? compiled.space.Find(*code) : std::nullopt;
    if (!state) {
      return Error::InvalidArgument(
          fmt::format("options.proposal: {} is not a feasible state of {}; expected {} Y/N letters",
                      pattern, compiled.definition.id, compiled.space.option_count()));
    }
    ViabilityOptions viability;
    viability.samples = options.value("samples", viability.samples);
    viability.seed = context.seed;
    MEND_TRY(ViabilityReport report, AnalyzeViability(compiled, *state, viability));
    return ViabilityJson(compiled, report);
  }
  if (command == "dynamics") {
    DynamicsOptions dynamics;
    dynamics.rounds = options.value("rounds", dynamics.rounds);
    dynamics.runs = options.value("runs", dynamics.runs);
    dynamics.kappas = options.value("kappas", dynamics.kappas);
    dynamics.alpha = options.value("alpha", dynamics.alpha);
    dynamics.theta = options.value("theta", dynamics.theta);
    dynamics.crisis_length = options.value("crisis_length", dynamics.crisis_length);
    dynamics.seed = context.seed;
    dynamics.threads = 1;
    Watch watch(limits.deadline, context.stop);
    MEND_TRY(DynamicsReport report,
             watch.Check(SimulateExpectations(compiled, dynamics, watch.token())));
    return DynamicsJson(compiled, dynamics, report);
  }
  if (command == "montecarlo") {
    MonteCarloOptions mc;
    mc.seed = context.seed;
    mc.samples = options.value("samples", mc.samples);
    mc.method = options.value("method", "monte-carlo") == "lhs" ? SamplingMethod::kLatinHypercube
                                                                : SamplingMethod::kMonteCarlo;
    MEND_TRY(mc.concept_id, ConceptOf(options));
    // A long job the analyst asked for: every core, as the CLI; results do not depend on it.
    mc.threads = 0;
    Watch watch(limits.deadline, context.stop);
    MEND_TRY(MonteCarloResult result,
             watch.Check(RunMonteCarlo(compiled, mc, nullptr, watch.token(), context.progress)));
    SensitivityOptions sensitivity;
    sensitivity.concept_id = mc.concept_id;
    MEND_TRY(std::vector<SensitivityEntry> tornado,
             AnalyzeSensitivity(compiled, result, sensitivity));
    return MonteCarloJson(compiled, result, tornado);
  }
  if (command == "brief") {
    // As `mend brief FILE --actor A`: the brief as text, wrapped in JSON for the API.
    const std::string actor_id = options.value("actor", "");
    const CaseDefinition& definition = compiled.definition;
    const std::optional<ActorIndex> actor = definition.FindActor(actor_id);
    if (!actor) {
      return Error::InvalidArgument(
          fmt::format("options.actor: case {} has no actor '{}'", definition.id, actor_id));
    }
    BriefOptions brief;
    brief.version = MEND_VERSION;
    const std::string& own = definition.actors[actor->value].language;
    const std::string lang = options.value("lang", own == "ru" ? "ru" : "en");
    brief.language = ParseLanguage(lang).value_or(Language::kEnglish);
    MEND_TRY(StabilityConcept concept_id, ConceptOf(options));
    MEND_TRY(CaseAnalysis analysis,
             AnalyzeOne(compiled, concept_id, SanctionRule::kTextbook, limits));
    // As `mend brief --samples N --seed S`: the Monte Carlo, sensitivity, perception and
    // viability evidence behind the ranges and caveats (none with samples 0).
    EvidenceOptions evidence_options;
    evidence_options.samples = options.value("samples", kBriefSamples);
    evidence_options.seed = context.seed;
    evidence_options.threads = 0;  // a document the analyst asked for; it does not depend on it
    MEND_TRY(CaseEvidence evidence, GatherEvidence(analysis, evidence_options));
    MEND_TRY(std::string markdown,
             BriefMarkdown(analysis, *actor, WithEvidence(brief, analysis, evidence, *actor)));
    const std::string format = options.value("format", "markdown");
    std::string text = markdown;
    if (format == "html") {
      const std::string title = Localized(definition.actors[actor->value].name, brief.language) +
                                ": " + Localized(definition.title, brief.language);
      text = BriefHtmlDocument(markdown, brief.language, title);
    }
    return json{{"case", definition.id},
                {"actor", actor_id},
                {"lang", lang},
                {"format", format},
                {"text", text}}
               .dump(1, ' ', false, json::error_handler_t::replace) +
           "\n";
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
  if (colon != std::string::npos && colon > 0 && error.message.find(' ') > colon &&
      error.where.known()) {
    object["key"] = error.message.substr(0, colon);
  }
  object["text"] = error.ToString();
  return object;
}

}  // namespace mend::server
