// SPDX-License-Identifier: Apache-2.0
#include "mend/engine/command_table.hpp"

#include <charconv>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "mend/core/assert.hpp"

namespace mend {
namespace {

// 2^53: every count up to it is exact as a JSON number (a double).
constexpr double kLargestExactCount = 9007199254740992.0;

OptionSpec Concept() {
  return {.name = "concept",
          .type = OptionType::kChoice,
          .help = "Prefer alternatives that are equilibria under this concept",
          .default_value = "seq",
          .choices = {"nash", "gmr", "smr", "seq"}};
}

OptionSpec Sanctions() {
  return {.name = "sanctions",
          .type = OptionType::kChoice,
          .help = "Sanction rule: textbook, or gmcr-plus (one move of one opponent, as gmcr-py)",
          .default_value = "textbook",
          .choices = {"textbook", "gmcr-plus"}};
}

OptionSpec Samples(double min, std::string_view help) {
  return {.name = "samples",
          .type = OptionType::kCount,
          .help = help,
          .default_value = "2000",
          .min = min,
          .max = 1e9};
}

OptionSpec Seed() {
  return {.name = "seed",
          .type = OptionType::kCount,
          .help = "Random seed: the same case, seed and samples give the same bytes",
          .default_value = "1",
          .min = 0,
          .max = kLargestExactCount};
}

OptionSpec Method() {
  return {.name = "method",
          .type = OptionType::kChoice,
          .help = "Sampling: monte-carlo, or lhs (Latin hypercube)",
          .default_value = "monte-carlo",
          .choices = {"monte-carlo", "lhs"}};
}

OptionSpec Threads() {
  return {.name = "threads",
          .type = OptionType::kCount,
          .help = "Worker threads (0 = all cores); results do not depend on it",
          .default_value = "0",
          .min = 0,
          .max = 4096};
}

// The options of the central analysis every command that reports a default shares.
std::vector<OptionSpec> CentralOptions(double min_samples, std::string_view samples_help) {
  return {Concept(), Sanctions(), Samples(min_samples, samples_help), Seed(), Method(), Threads()};
}

constexpr std::string_view kSpreadSamplesHelp =
    "Samples that measure the spread rho*sd of deciders averse to uncertainty (0: central "
    "figures only, refused when some decider has rho > 0)";

std::vector<CommandSpec> BuildTable() {
  std::vector<CommandSpec> table;
  table.push_back({.name = "states",
                   .summary = "List a case's feasible states with each actor's utility",
                   .options = {}});
  table.push_back(
      {.name = "stability",
       .summary = "Stability of every state for every decider, the equilibria and the default",
       .options = {{.name = "concepts",
                    .type = OptionType::kChoiceList,
                    .help = "Comma-separated concepts: nash,gmr,smr,seq",
                    .default_value = "nash,gmr,smr,seq",
                    .choices = {"nash", "gmr", "smr", "seq"}},
                   Sanctions(),
                   Threads()}});
  table.push_back({.name = "analyze",
                   .summary = "The default, the positive-sum alternative and the loss ledger",
                   .options = CentralOptions(0, kSpreadSamplesHelp),
                   .seeded = true});
  std::vector<OptionSpec> montecarlo = CentralOptions(1, "Number of samples");
  montecarlo.push_back({.name = "top",
                        .type = OptionType::kCount,
                        .help = "Sensitivity rows shown in text and Markdown, largest swing "
                                "first (0: all; JSON lists all)",
                        .default_value = "20",
                        .min = 0,
                        .max = 1e6});
  table.push_back({.name = "montecarlo",
                   .summary = "How robust each conclusion is: Monte Carlo over every uncertain "
                              "parameter",
                   .options = std::move(montecarlo),
                   .seeded = true});
  std::vector<OptionSpec> viability = CentralOptions(0, kSpreadSamplesHelp);
  viability.insert(viability.begin(),
                   {.name = "proposal",
                    .type = OptionType::kText,
                    .help = "The proposed state as a Y/N pattern, options in file order",
                    .required = true});
  table.push_back({.name = "viability",
                   .summary = "Persuasion gaps: is a proposal viable for deciders attached to "
                              "the status quo",
                   .options = viability,
                   .seeded = true});
  table.push_back({.name = "perceptions",
                   .summary = "Hypergame: each side's proposal from its own picture of the other",
                   .options = CentralOptions(0, kSpreadSamplesHelp),
                   .seeded = true});
  std::vector<OptionSpec> dynamics = CentralOptions(0, kSpreadSamplesHelp);
  dynamics.push_back({.name = "rounds",
                      .type = OptionType::kCount,
                      .help = "Rounds per run",
                      .default_value = "100",
                      .min = 1,
                      .max = 1e6});
  dynamics.push_back({.name = "runs",
                      .type = OptionType::kCount,
                      .help = "Simulated runs",
                      .default_value = "1000",
                      .min = 1,
                      .max = 1e7});
  dynamics.push_back({.name = "kappas",
                      .type = OptionType::kNumberList,
                      .help = "Initial over-expectations κ, comma-separated (each above 0)",
                      .default_value = "1,1.5,2,3",
                      .min = 0,
                      .max = 1e6,
                      .open_min = true,
                      .max_items = 32});
  dynamics.push_back({.name = "alpha",
                      .type = OptionType::kNumber,
                      .help = "Revision rate α after each crisis, in (0, 1]",
                      .default_value = "0.05",
                      .min = 0,
                      .max = 1,
                      .open_min = true});
  dynamics.push_back({.name = "theta",
                      .type = OptionType::kNumber,
                      .help = "Tolerance θ as a share of the low quantile of the gain",
                      .default_value = "0.1",
                      .min = 0,
                      .max = 1e6});
  dynamics.push_back({.name = "quantile",
                      .type = OptionType::kNumber,
                      .help = "Low quantile p of the expected gain below which a round "
                              "disappoints, in (0, 1)",
                      .default_value = "0.15",
                      .min = 0,
                      .max = 1,
                      .open_min = true});
  dynamics.push_back({.name = "patience",
                      .type = OptionType::kCount,
                      .help = "Disappointing rounds in a row that start a crisis",
                      .default_value = "2",
                      .min = 1,
                      .max = 1e5});
  dynamics.push_back({.name = "crisis_length",
                      .type = OptionType::kCount,
                      .help = "Rounds a crisis lasts (L)",
                      .default_value = "3",
                      .min = 1,
                      .max = 1e5});
  table.push_back({.name = "dynamics",
                   .summary = "How over-expectation causes crises: repeated engagement",
                   .options = dynamics,
                   .seeded = true});
  std::vector<OptionSpec> bridge = CentralOptions(0, kSpreadSamplesHelp);
  bridge.insert(bridge.begin(),
                {.name = "target",
                 .type = OptionType::kText,
                 .help = "Analyse this state (Y/N pattern) instead of the states that raise the "
                         "deciders' total"});
  bridge.insert(bridge.begin() + 1, {.name = "limit",
                                     .type = OptionType::kCount,
                                     .help = "At most this many candidate states, best first",
                                     .default_value = "3",
                                     .min = 1,
                                     .max = 1000});
  table.push_back({.name = "bridge",
                   .summary = "What it would take: blockers, shortfalls, transfers and the "
                              "preferences that would make a state stable",
                   .options = bridge,
                   .seeded = true});
  std::vector<OptionSpec> brief =
      CentralOptions(0, "Monte Carlo samples behind the ranges (0: central figures only)");
  brief.insert(brief.begin(), {.name = "actor",
                               .type = OptionType::kText,
                               .help = "The actor the brief is for (its id)",
                               .required = true});
  brief.insert(brief.begin() + 1, {.name = "lang",
                                   .type = OptionType::kChoice,
                                   .help = "Language: en or ru (default: the actor's language)",
                                   .choices = {"en", "ru"}});
  table.push_back({.name = "brief",
                   .summary = "One side's brief: what confrontation over the issue costs it",
                   .options = brief,
                   .seeded = true});
  std::vector<OptionSpec> explain = CentralOptions(0, kSpreadSamplesHelp);
  explain.insert(explain.begin(), {.name = "state",
                                   .type = OptionType::kText,
                                   .help = "The state's Y/N pattern, options in file order",
                                   .required = true});
  explain.insert(
      explain.begin() + 1,
      {.name = "actor", .type = OptionType::kText, .help = "The actor's id", .required = true});
  table.push_back({.name = "explain",
                   .summary = "Trace an actor's utility in a state to effects, parameters and "
                              "sources",
                   .options = explain,
                   .seeded = true});
  std::vector<OptionSpec> report =
      CentralOptions(0, "Monte Carlo samples behind the ranges (0: central figures only)");
  report.insert(report.begin(),
                {.name = "lang",
                 .type = OptionType::kChoice,
                 .help = "Language of the summary and the annex: en or ru (default en); each "
                         "brief comes in its decider's language and in this one",
                 .default_value = "en",
                 .choices = {"en", "ru"}});
  table.push_back({.name = "report",
                   .summary = "One self-contained HTML page: charts and every decider's brief",
                   .options = report,
                   .seeded = true});
  return table;
}

std::string ChoiceList(const OptionSpec& spec) {
  std::string out;
  for (std::size_t k = 0; k < spec.choices.size(); ++k) {
    out += (k == 0                         ? ""
            : k + 1 == spec.choices.size() ? " or "
                                           : ", ") +
           std::string(spec.choices[k]);
  }
  return out;
}

std::string Range(const OptionSpec& spec) {
  return fmt::format("{} {} to {}", spec.open_min ? "above" : "from", spec.min, spec.max);
}

bool InRange(const OptionSpec& spec, double value) {
  return std::isfinite(value) && (spec.open_min ? value > spec.min : value >= spec.min) &&
         value <= spec.max;
}

// Splits CLI text "a,b,c" into items; JSON lists arrive as lists already.
std::vector<OptionInput> Items(const OptionInput& input) {
  if (input.kind == OptionInput::Kind::kList) return input.items;
  if (input.kind != OptionInput::Kind::kText) return {input};
  std::vector<OptionInput> items;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = input.text.find(',', start);
    items.push_back(OptionInput::Text(input.text.substr(start, comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return items;
}

Result<double> NumberOf(const OptionSpec& spec, const OptionInput& input, bool want_integer) {
  double value = 0;
  bool ok = false;
  if (input.kind == OptionInput::Kind::kNumber) {
    value = input.number;
    ok = !want_integer || input.integral || value == std::floor(value);
  } else if (input.kind == OptionInput::Kind::kText && !input.text.empty()) {
    const char* begin = input.text.data();
    const char* end = begin + input.text.size();
    if (want_integer) {
      std::uint64_t integer = 0;
      const auto [ptr, ec] = std::from_chars(begin, end, integer);
      ok = ec == std::errc() && ptr == end;
      value = static_cast<double>(integer);
    } else {
      const auto [ptr, ec] = std::from_chars(begin, end, value);
      ok = ec == std::errc() && ptr == end;
    }
  }
  if (!ok || !InRange(spec, value)) {
    return Error::InvalidArgument(fmt::format(
        "{}: {} is not {} {}", spec.name, input.written.empty() ? input.text : input.written,
        want_integer ? "an integer" : "a number", Range(spec)));
  }
  return value;
}

Result<std::string> ChoiceOf(const OptionSpec& spec, const OptionInput& input) {
  if (input.kind == OptionInput::Kind::kText) {
    for (std::string_view choice : spec.choices) {
      if (input.text == choice) return std::string(choice);
    }
  }
  return Error::InvalidArgument(fmt::format(
      "{}: unknown value {}; expected {}", spec.name,
      input.written.empty() ? "'" + input.text + "'" : input.written, ChoiceList(spec)));
}

Result<OptionValue> ValueOf(const OptionSpec& spec, const OptionInput& input) {
  switch (spec.type) {
    case OptionType::kChoice: {
      MEND_TRY(std::string choice, ChoiceOf(spec, input));
      return OptionValue(std::move(choice));
    }
    case OptionType::kChoiceList: {
      const std::vector<OptionInput> items = Items(input);
      std::set<std::string> wanted;
      for (const OptionInput& item : items) {
        MEND_TRY(std::string choice, ChoiceOf(spec, item));
        wanted.insert(std::move(choice));
      }
      // In the table's order, whatever order they were given in: equal options, equal text.
      std::vector<std::string> ordered;
      for (std::string_view choice : spec.choices) {
        if (wanted.count(std::string(choice)) != 0) ordered.emplace_back(choice);
      }
      if (ordered.empty()) {
        return Error::InvalidArgument(
            fmt::format("{}: expected a non-empty list of {}", spec.name, ChoiceList(spec)));
      }
      return OptionValue(std::move(ordered));
    }
    case OptionType::kCount: {
      MEND_TRY(double value, NumberOf(spec, input, /*want_integer=*/true));
      return OptionValue(static_cast<std::uint64_t>(value));
    }
    case OptionType::kNumber: {
      MEND_TRY(double value, NumberOf(spec, input, /*want_integer=*/false));
      return OptionValue(value);
    }
    case OptionType::kNumberList: {
      const std::vector<OptionInput> items = Items(input);
      if (items.empty() || items.size() > spec.max_items) {
        return Error::InvalidArgument(fmt::format("{}: expected a list of 1 to {} numbers {}",
                                                  spec.name, spec.max_items, Range(spec)));
      }
      std::vector<double> numbers;
      for (const OptionInput& item : items) {
        MEND_TRY(double value, NumberOf(spec, item, /*want_integer=*/false));
        numbers.push_back(value);
      }
      return OptionValue(std::move(numbers));
    }
    case OptionType::kText:
      if (input.kind != OptionInput::Kind::kText || input.text.empty() ||
          input.text.size() > spec.max_items) {
        return Error::InvalidArgument(
            fmt::format("{}: expected a text of 1 to {} characters", spec.name, spec.max_items));
      }
      return OptionValue(input.text);
  }
  return Error::Internal("unknown option type");
}

template <typename T>
const T& Get(const CommandOptions& options, std::string_view name) {
  const auto it = options.values.find(name);
  MEND_ASSERT(it != options.values.end(), "option read before it was validated");
  const T* value = std::get_if<T>(&it->second);
  MEND_ASSERT(value != nullptr, "option read as another type than its spec's");
  return *value;
}

}  // namespace

const std::vector<CommandSpec>& CommandTable() {
  static const std::vector<CommandSpec> table = BuildTable();
  return table;
}

const CommandSpec* FindCommand(std::string_view name) {
  for (const CommandSpec& spec : CommandTable()) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

Result<OptionValue> ParseOption(const OptionSpec& option, const OptionInput& input) {
  return ValueOf(option, input);
}

const OptionSpec* FindOption(const CommandSpec& spec, std::string_view name) {
  for (const OptionSpec& option : spec.options) {
    if (option.name == name) return &option;
  }
  return nullptr;
}

OptionInput OptionInput::Text(std::string value) {
  OptionInput input;
  input.kind = Kind::kText;
  input.text = std::move(value);
  return input;
}

OptionInput OptionInput::Number(double value, bool integral) {
  OptionInput input;
  input.kind = Kind::kNumber;
  input.number = value;
  input.integral = integral;
  input.written = fmt::format("{}", value);
  return input;
}

OptionInput OptionInput::List(std::vector<OptionInput> items) {
  OptionInput input;
  input.kind = Kind::kList;
  input.items = std::move(items);
  input.written = "a list";
  return input;
}

OptionInput OptionInput::Other(std::string written) {
  OptionInput input;
  input.kind = Kind::kOther;
  input.written = std::move(written);
  return input;
}

const std::string& CommandOptions::Text(std::string_view name) const {
  return Get<std::string>(*this, name);
}
std::uint64_t CommandOptions::Count(std::string_view name) const {
  return Get<std::uint64_t>(*this, name);
}
double CommandOptions::Number(std::string_view name) const { return Get<double>(*this, name); }
const std::vector<std::string>& CommandOptions::Texts(std::string_view name) const {
  return Get<std::vector<std::string>>(*this, name);
}
const std::vector<double>& CommandOptions::Numbers(std::string_view name) const {
  return Get<std::vector<double>>(*this, name);
}

Result<CommandOptions> ParseCommandOptions(
    const CommandSpec& spec, const std::vector<std::pair<std::string, OptionInput>>& given) {
  CommandOptions options;
  options.spec = &spec;
  for (const auto& [name, input] : given) {
    const OptionSpec* option = FindOption(spec, name);
    if (option == nullptr) {
      return Error::InvalidArgument(
          fmt::format("{}: unknown option of {}", name.empty() ? "(empty)" : name, spec.name));
    }
    MEND_TRY(OptionValue value, ValueOf(*option, input));
    options.values.insert_or_assign(name, std::move(value));
  }
  for (const OptionSpec& option : spec.options) {
    if (options.Has(option.name)) continue;
    if (option.required) {
      return Error::InvalidArgument(fmt::format("{}: required ({})", option.name, option.help));
    }
    if (option.default_value.empty()) continue;
    MEND_TRY(OptionValue value,
             ValueOf(option, OptionInput::Text(std::string(option.default_value))));
    options.values.emplace(std::string(option.name), std::move(value));
  }
  return options;
}

}  // namespace mend
