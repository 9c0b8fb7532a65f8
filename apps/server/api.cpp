// SPDX-License-Identifier: Apache-2.0
#include "api.hpp"

#include <atomic>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>

#include "request_json.hpp"
#include <fmt/format.h>

#include "mend/engine/command_table.hpp"
#include "mend/engine/explain.hpp"
#include "mend/engine/lens_runs.hpp"
#include "mend/engine/portfolio_analysis.hpp"
#include "mend/engine/stability_run.hpp"
#include "mend/model/pattern.hpp"
#include "mend/render/analysis_json.hpp"
#include "mend/render/bridge_json.hpp"
#include "mend/render/json_writer.hpp"
#include "mend/render/lenses_json.hpp"
#include "mend/render/montecarlo_json.hpp"
#include "mend/render/stability_json.hpp"
#include "mend/report/brief_document.hpp"

namespace mend::server {
namespace {

using nlohmann::json;

// Limits that keep one request of the server bounded (the CLI has none): checked after the
// command table has validated the options.
constexpr std::uint64_t kMaxViabilitySamples = 200'000;
constexpr std::uint64_t kMaxDynamicsDraws = 20'000'000;  // runs × rounds
constexpr std::uint64_t kMaxMonteCarloSamples = 1'000'000;

// Options the server decides itself rather than the client: the seed travels beside the
// options (the run's key has its own column), and the thread count is the server's.
bool ServerDecides(std::string_view option) { return option == "seed" || option == "threads"; }

json JsonOf(const OptionValue& value) {
  return std::visit([](const auto& v) { return json(v); }, value);
}

Status ServerLimits(const std::string& command, const CommandOptions& options) {
  if (command == "viability" && options.Count("samples") > kMaxViabilitySamples) {
    return Error::InvalidArgument(
        fmt::format("samples: at most {} on the server for viability", kMaxViabilitySamples));
  }
  if (command == "explain" && options.Count("samples") > kMaxViabilitySamples) {
    return Error::InvalidArgument(
        fmt::format("samples: at most {} on the server for explain", kMaxViabilitySamples));
  }
  if (command == "brief" && options.Count("samples") > kMaxViabilitySamples) {
    return Error::InvalidArgument(
        fmt::format("samples: at most {} on the server for a brief", kMaxViabilitySamples));
  }
  if ((command == "montecarlo" || command == "analyze" || command == "perceptions" ||
       command == "dynamics" || command == "bridge") &&
      options.Count("samples") > kMaxMonteCarloSamples) {
    return Error::InvalidArgument(
        fmt::format("samples: at most {} on the server", kMaxMonteCarloSamples));
  }
  if (command == "dynamics" &&
      options.Count("rounds") * options.Count("runs") > kMaxDynamicsDraws) {
    return Error::InvalidArgument(
        fmt::format("runs: runs × rounds is at most {} on the server", kMaxDynamicsDraws));
  }
  return Ok();
}

// Rebuilds validated options from canonical JSON, with the run's seed and thread count.
Result<CommandOptions> Reparse(const std::string& command, const json& canonical,
                               std::uint64_t seed, unsigned threads) {
  const CommandSpec* spec = FindCommand(command);
  if (spec == nullptr) return Error::InvalidArgument(fmt::format("command: unknown '{}'", command));
  std::vector<std::pair<std::string, OptionInput>> inputs;
  for (const auto& [key, value] : canonical.items()) {
    if (command == "brief" && key == "format") continue;
    inputs.emplace_back(key, OptionInputOf(value));
  }
  for (const OptionSpec& option : spec->options) {
    if (option.name == "seed") inputs.emplace_back("seed", OptionInput::Number(double(seed), true));
    if (option.name == "threads") {
      inputs.emplace_back("threads", OptionInput::Number(double(threads), true));
    }
  }
  return ParseCommandOptions(*spec, inputs);
}

// Stops a run at the deadline and when the client goes away: a timer thread requests the stop
// at the deadline, and a stop from outside (cancel request, closed connection) is forwarded.
class Watch {
 public:
  Watch(std::chrono::steady_clock::time_point deadline, std::stop_token external)
      : deadline_(deadline),
        forward_(std::move(external), Forward{&source_}),
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
  // A result that arrives after the deadline is refused as well, whether or not the timer
  // thread got to request the stop first: the limit does not depend on thread scheduling.
  template <typename T>
  Result<T> Check(Result<T> result) {
    if (std::chrono::steady_clock::now() > deadline_) timed_out_ = true;
    if (timed_out_ || (!result && result.error().code == ErrorCode::kCancelled) ||
        token().stop_requested()) {
      return Cancelled();
    }
    return result;
  }

 private:
  struct Forward {
    std::stop_source* source;
    void operator()() const { source->request_stop(); }
  };
  std::chrono::steady_clock::time_point deadline_;
  std::stop_source source_;
  std::atomic<bool> timed_out_{false};
  std::stop_callback<Forward> forward_;
  std::jthread timer_;  // last: stopped and joined first
};

Result<StateId> ProposalState(const CompiledCase& compiled, const std::string& pattern,
                              std::string_view key = "proposal") {
  return FeasibleStateOf(compiled, pattern, fmt::format("options.{}", key));
}

}  // namespace

Result<CompiledCase> LoadCase(const std::string& source, const std::string& file,
                              const AnalysisLimits& limits) {
  ReadOptions options;
  options.max_file_bytes = limits.max_bytes;
  if (limits.max_states != 0) options.limits.max_states = limits.max_states;
  options.max_states_for = limits.max_states_for;  // the memory budget (budget.hpp)
  // The time limit covers loading too: enumerating the states of a case whose constraints
  // reject nearly every combination can take long without ever reaching --max-states.
  Watch watch(limits.deadline, {});
  options.limits.stop = watch.token();
  return watch.Check(ReadCase(source, file, options));
}

bool KnownCommand(const std::string& command) {
  return command != "report" && FindCommand(command) != nullptr;
}

bool SeededCommand(const std::string& command) {
  const CommandSpec* spec = FindCommand(command);
  return spec != nullptr && spec->seeded;
}

Result<json> CanonicalOptions(const std::string& command, const json& options) {
  if (!options.is_null() && !options.is_object()) {
    return Error::InvalidArgument("options: expected an object");
  }
  if (!KnownCommand(command)) {
    return Error::InvalidArgument(
        fmt::format("command: unknown command '{}'; expected states, stability, analyze, "
                    "perceptions, viability, dynamics, montecarlo, brief or explain",
                    command));
  }
  const CommandSpec& spec = *FindCommand(command);
  std::vector<std::pair<std::string, OptionInput>> inputs;
  // A brief comes back as text in JSON: its format (markdown or html) is the route's own option,
  // as --format is the CLI's.
  std::string brief_format = "markdown";
  if (options.is_object()) {
    for (const auto& [key, value] : options.items()) {
      if (command == "brief" && key == "format") {
        if (!value.is_string() ||
            (value.get<std::string>() != "markdown" && value.get<std::string>() != "html")) {
          return Error::InvalidArgument(fmt::format(
              "options.format: unknown format {}; expected markdown or html", value.dump()));
        }
        brief_format = value.get<std::string>();
        continue;
      }
      if (ServerDecides(key)) {
        return Error::InvalidArgument(fmt::format("options.{}: unknown option", key));
      }
      inputs.emplace_back(key, OptionInputOf(value));
    }
  }
  Result<CommandOptions> parsed = ParseCommandOptions(spec, inputs);
  if (!parsed) return Error::InvalidArgument("options." + parsed.error().message);
  if (Status limited = ServerLimits(command, *parsed); !limited) {
    return Error::InvalidArgument("options." + limited.error().message);
  }
  // In the table's order, so that equal options give equal text.
  json canonical = json::object();
  for (const OptionSpec& option : spec.options) {
    if (ServerDecides(option.name) || !parsed->Has(option.name)) continue;
    canonical[std::string(option.name)] = JsonOf(parsed->values.at(std::string(option.name)));
  }
  if (command == "brief") canonical["format"] = brief_format;
  return canonical;
}

Result<json> CanonicalPortfolioOptions(const json& options) {
  return CanonicalOptions("analyze", options);
}

Result<std::string> RunPortfolio(const std::string& portfolio_id,
                                 const std::vector<const CompiledCase*>& cases,
                                 const std::vector<std::pair<std::string, bool>>& linkage,
                                 const json& options, const AnalysisLimits& limits) {
  if (cases.empty()) return Error::InvalidArgument("cases: expected at least one case");
  MEND_TRY(CommandOptions given, Reparse("analyze", options, kDefaultSeed, 1));
  MEND_TRY(AnalysisOptions analysis_options, ToAnalysisOptions(given));
  PortfolioDefinition definition;
  definition.id = portfolio_id;
  definition.title.text = portfolio_id;
  for (const CompiledCase* one : cases) definition.cases.push_back({one->definition.id, {}});
  definition.linkage = linkage;
  Watch watch(limits.deadline, {});
  RunControl control;
  control.stop = watch.token();
  MEND_TRY(PortfolioAnalysis portfolio,
           watch.Check(AnalyzePortfolio(definition, cases, analysis_options, control)));
  return PortfolioAnalysisJson(portfolio_id, portfolio.cases, LinkageJson(portfolio.linkage));
}

Result<std::string> RunAnalysis(const CompiledCase& compiled, const std::string& command,
                                const json& options, const AnalysisLimits& limits,
                                const RunContext& context) {
  if (command == "states") return StatesJson(compiled);
  // Requests already run in parallel, so an analysis takes one thread; Monte Carlo and briefs
  // are long jobs the analyst asked for and take every core (no result depends on it).
  const bool long_job = command == "montecarlo" || command == "brief";
  MEND_TRY(CommandOptions given, Reparse(command, options, context.seed, long_job ? 0 : 1));
  MEND_TRY(AnalysisOptions analysis_options, ToAnalysisOptions(given));
  Watch watch(limits.deadline, context.stop);
  RunControl control;
  control.stop = watch.token();
  if (context.progress) {
    control.progress = [progress = context.progress](std::string_view phase, std::uint64_t done,
                                                     std::uint64_t total) {
      if (phase == "monte carlo") progress(done, total);
    };
  }
  if (command == "stability") {
    MEND_TRY(StabilityRun run, watch.Check(RunStability(compiled, analysis_options, control)));
    return StabilityJson(compiled, run.report, run.status_quo, analysis_options.sanctions);
  }
  if (command == "brief") {
    // As `mend brief FILE --actor A`: the brief as text, wrapped in JSON for the API.
    BriefRequest request;
    request.actor = given.Text("actor");
    const std::optional<ActorIndex> actor = compiled.definition.FindActor(request.actor);
    if (!actor) {
      return Error::InvalidArgument(fmt::format("options.actor: case {} has no actor '{}'",
                                                compiled.definition.id, request.actor));
    }
    const std::string& own = compiled.definition.actors[actor->value].language;
    const std::string lang = given.Has("lang") ? given.Text("lang") : own == "ru" ? "ru" : "en";
    request.language = ParseLanguage(lang);
    const std::string format = options.value("format", "markdown");
    request.html = format == "html";
    request.version = MEND_VERSION;
    MEND_TRY(std::string text,
             watch.Check(WriteBrief({&compiled}, nullptr, analysis_options, request, control)));
    return json{{"case", compiled.definition.id},
                {"actor", request.actor},
                {"lang", lang},
                {"format", format},
                {"text", text}}
               .dump(1, ' ', false, json::error_handler_t::replace) +
           "\n";
  }
  // explain: the state and the actor are checked before the (longer) analysis runs.
  std::optional<StateId> explained_state;
  std::optional<ActorIndex> explained_actor;
  if (command == "explain") {
    MEND_TRY(explained_state, ProposalState(compiled, given.Text("state"), "state"));
    explained_actor = compiled.definition.FindActor(given.Text("actor"));
    if (!explained_actor) {
      return Error::InvalidArgument(fmt::format("options.actor: case {} has no actor '{}'",
                                                compiled.definition.id, given.Text("actor")));
    }
  }
  MEND_TRY(CaseAnalysis analysis, watch.Check(AnalyzeCase(compiled, analysis_options, control)));
  if (command == "analyze") return AnalysisJson(analysis);
  if (command == "explain") {
    // The text `mend explain` prints, and the cited sources again as data for links.
    MEND_TRY(UtilityExplanation why, ExplainUtility(analysis, *explained_state, *explained_actor));
    const CaseDefinition& definition = analysis.compiled->definition;
    json sources = json::array();
    for (std::size_t s : why.trace.sources) {
      const Source& source = definition.sources[s];
      sources.push_back({{"id", source.id}, {"cite", source.cite.text}, {"url", source.url}});
    }
    return json{{"case", definition.id},
                {"state", analysis.compiled->space.Pattern(*explained_state)},
                {"actor", definition.actors[explained_actor->value].id},
                {"utility", why.central_utility},
                {"text", ExplanationText(analysis, why, context.seed)},
                {"sources", sources}}
               .dump(1, ' ', false, json::error_handler_t::replace) +
           "\n";
  }
  if (command == "montecarlo") return MonteCarloJson(analysis);
  if (command == "perceptions") {
    MEND_TRY(PerceptionAnalysis perceptions, watch.Check(RunPerceptions(analysis)));
    return PerceptionsJson(*analysis.compiled, perceptions);
  }
  if (command == "viability") {
    MEND_TRY(StateId state, ProposalState(compiled, given.Text("proposal")));
    MEND_TRY(ViabilityReport report, watch.Check(RunViability(analysis, state)));
    return ViabilityJson(compiled, report);
  }
  if (command == "bridge") {
    std::optional<StateId> target;
    if (given.Has("target")) {
      MEND_TRY(target, ProposalState(compiled, given.Text("target"), "target"));
    }
    MEND_TRY(BridgeReport report, watch.Check(RunBridge(analysis, target, given.Count("limit"))));
    return BridgeJson(*analysis.compiled, report);
  }
  if (command == "dynamics") {
    MEND_TRY(DynamicsOptions dynamics, ToDynamicsOptions(given));
    MEND_TRY(DynamicsReport report, watch.Check(RunDynamics(analysis, dynamics, control)));
    return DynamicsJson(compiled, dynamics, report);
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
  if (const std::string key = error.Key(); !key.empty()) object["key"] = key;
  object["text"] = error.ToString();
  return object;
}

}  // namespace mend::server
