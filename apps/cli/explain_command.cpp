// SPDX-License-Identifier: Apache-2.0
//
// `mend explain FILE --state PATTERN --actor ID`: where one actor's utility in one state comes
// from — the effect rules that fired, their expressions and values, the parameters they name
// (central values and distributions) and the sources cited.
#include "commands.hpp"
#include "output.hpp"
#include "table_options.hpp"
#include <fmt/format.h>

#include "mend/engine/explain.hpp"
#include "mend/io/case_reader.hpp"
#include "mend/model/pattern.hpp"

namespace mend::cli {
namespace {

// "{us_cut: Y, ru_cut: N}", or "always" for an empty pattern.
std::string WhenText(const PartialPattern& when, const CaseDefinition& definition) {
  std::string out;
  for (std::size_t k = 0; k < definition.options.size(); ++k) {
    if (((when.mask >> k) & 1u) == 0) continue;
    out += fmt::format("{}{}: {}", out.empty() ? "" : ", ", definition.options[k].id,
                       ((when.values >> k) & 1u) != 0 ? "Y" : "N");
  }
  return out.empty() ? "always" : "{" + out + "}";
}

const char* PreferenceName(PreferenceKind kind) {
  switch (kind) {
    case PreferenceKind::kValuation:
      return "valuation of effects";
    case PreferenceKind::kPrioritization:
      return "option prioritisation (ordinal)";
    case PreferenceKind::kRanking:
      return "direct ranking (ordinal)";
    case PreferenceKind::kPayoffs:
      return "payoffs";
    case PreferenceKind::kNone:
      break;
  }
  return "none";
}

std::string Describe(const Parameter& parameter, const Distribution& central, double value) {
  std::string fields;
  for (const ParameterField& field : parameter.fields) {
    fields += fmt::format("{}{}: {}", fields.empty() ? "" : ", ", field.name, field.expression);
  }
  std::string text = fmt::format("{} = {:.6g}", parameter.id, value);
  if (parameter.kind == DistributionKind::kFixed) {
    text += " (fixed)";
  } else {
    text += fmt::format(" (median of {} {{{}}}; mean {:.6g}, 5%-95% {:.6g} to {:.6g})",
                        DistributionName(parameter.kind), fields, central.Mean(),
                        central.Quantile(0.05), central.Quantile(0.95));
  }
  if (!parameter.unit.empty()) text += " " + parameter.unit;
  return text;
}

std::string Render(const CompiledCase& compiled, const StateTrace& trace) {
  const CaseDefinition& definition = compiled.definition;
  const Actor& actor = definition.actors[trace.actor.value];
  std::string out =
      fmt::format("{}: state {} (number {}), actor {}\n", definition.id,
                  compiled.space.Pattern(trace.state), trace.state.value + 1, actor.id);
  out += fmt::format("Preferences: {}; utility {:.6g}\n", PreferenceName(trace.preference),
                     trace.utility);
  const auto& valuation = definition.valuations[trace.actor.value];
  if (valuation && valuation->reference_dependent) {
    out += fmt::format("Reference dependence: losses against the status quo {} weigh x{:.6g}\n",
                       definition.PatternOf(definition.status_quo), valuation->loss_aversion);
  }
  if (trace.preference != PreferenceKind::kValuation) {
    out += "No effects: this actor's utility comes straight from its preferences.\n";
    return out;
  }
  for (const DimensionTrace& d : trace.dimensions) {
    const Dimension& dimension = definition.dimensions[d.dimension.value];
    out += fmt::format("\n{} [{}]{}: value {:.6g}", dimension.id, dimension.unit,
                       dimension.is_status() ? " (status)" : "", d.value);
    if (valuation && valuation->reference_dependent) {
      out += fmt::format(" (status quo {:.6g})", d.status_quo_value);
    }
    if (dimension.expectation && !compiled.expected_values.empty()) {
      out += fmt::format(
          " (an expected cost: its mean over {} samples; the terms below are at "
          "the central values)",
          compiled.expected_samples);
    }
    out += fmt::format("; weight {:.6g}; contributes {:.6g}\n", d.weight, d.contribution);
    if (d.terms.empty()) out += "  no effect rule for this dimension fired\n";
    for (const TermTrace& term : d.terms) {
      const Effect& effect = definition.effects[term.effect];
      out += fmt::format("  {} when {}: {} = {:.6g}\n", term.key, WhenText(effect.when, definition),
                         term.expression, term.value);
      if (!effect.note.text.empty()) out += "    note: " + effect.note.text + "\n";
    }
  }
  if (!trace.parameters.empty()) out += "\nParameters (central values):\n";
  for (ParameterIndex p : trace.parameters) {
    const Parameter& parameter = definition.parameters[p.value];
    out += "  " + Describe(parameter, compiled.parameters.central_distribution(p.value),
                           compiled.parameters.central()[p.value]);
    if (parameter.source)
      out += fmt::format(" [source: {}]", definition.sources[*parameter.source].id);
    out += "\n";
  }
  if (!trace.sources.empty()) out += "\nSources:\n";
  for (std::size_t s : trace.sources) {
    const Source& source = definition.sources[s];
    out += fmt::format("  {}: {}{}\n", source.id, source.cite.text,
                       source.url.empty() ? "" : " <" + source.url + ">");
  }
  return out;
}

}  // namespace

Command AddExplainCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "explain", "Trace an actor's utility in a state to effects, parameters and sources");
  auto file = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  command->add_option("file", *file, "Case file (YAML)")->required();
  auto table = std::make_shared<TableOptions>(*command, "explain");
  command->add_option("-o,--output", *output, "Write to this file instead of stdout ('-')");
  return [=]() {
    Result<CommandOptions> given = table->Parse();
    if (!given) return FailUsage(given.error());
    Result<AnalysisOptions> options = ToAnalysisOptions(*given);
    if (!options) return FailUsage(options.error());
    Result<Document> document = ReadDocumentFile(*file);
    if (!document) return Fail(document.error());
    const auto* compiled = std::get_if<CompiledCase>(&*document);
    if (compiled == nullptr) {
      return Fail(
          Error::InvalidArgument("expected a case file, got a portfolio").At({*file, 0, 0}));
    }
    const CaseDefinition& definition = compiled->definition;
    const std::string& state = given->Text("state");
    const std::string& actor = given->Text("actor");
    std::optional<StateCode> code = ParsePattern(state, definition.option_count());
    if (!code) {
      fmt::print(stderr, "error: --state: expected {} letters Y or N, got '{}'\n",
                 definition.option_count(), state);
      return kExitUsageError;
    }
    std::optional<StateId> id = compiled->space.Find(*code);
    if (!id) {
      return Fail(Error::InvalidArgument(
          fmt::format("--state: {} is not a feasible state of case '{}'", state, definition.id)));
    }
    std::optional<ActorIndex> who = definition.FindActor(actor);
    if (!who) {
      return Fail(Error::InvalidArgument(
          fmt::format("--actor: case '{}' has no actor '{}'", definition.id, actor)));
    }
    Result<CaseAnalysis> analysis = AnalyzeCase(*compiled, *options);
    if (!analysis) return Fail(analysis.error());
    Result<UtilityExplanation> explanation = ExplainUtility(*analysis, *id, *who);
    if (!explanation) return Fail(explanation.error());
    std::string text = Render(*analysis->compiled, explanation->trace);
    if (explanation->uncertainty_aversion > 0) {
      text += fmt::format(
          "\nUncertainty aversion: rho {:.6g} x sd {:.6g} (standard error {:.3g}) of the change "
          "from the status quo over {} samples, seed {}: every analysis uses utility {:.6g}\n",
          explanation->uncertainty_aversion, explanation->spread,
          explanation->spread_standard_error, analysis->spread.samples, options->seed,
          explanation->central_utility);
    }
    return Emit(text, *output);
  };
}

}  // namespace mend::cli
