// SPDX-License-Identifier: Apache-2.0
#include "mend/engine/explain.hpp"

#include <fmt/format.h>

namespace mend {
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

Result<UtilityExplanation> ExplainUtility(const CaseAnalysis& analysis, StateId state,
                                          ActorIndex actor) {
  UtilityExplanation out;
  // The central case's values (expectation dimensions at their means), before ρ·sd.
  MEND_TRY(out.trace, ExplainState(*analysis.compiled, state, actor));
  const CaseDefinition& definition = analysis.source->definition;
  out.central_utility = analysis.compiled->utilities.at(actor, state);
  if (analysis.uncertainty_averse &&
      definition.preference_kind[actor.value] == PreferenceKind::kValuation) {
    out.uncertainty_aversion = definition.valuations[actor.value]->uncertainty_aversion;
    out.spread = analysis.spread.sd[actor.value][state.value];
    out.spread_standard_error = analysis.spread.StandardError(actor, state);
    out.trace.utility += out.uncertainty_aversion * out.spread;
  }
  return out;
}

std::string ExplanationText(const CaseAnalysis& analysis, const UtilityExplanation& explanation,
                            std::uint64_t seed) {
  std::string text = Render(*analysis.compiled, explanation.trace);
  if (explanation.uncertainty_aversion > 0) {
    text += fmt::format(
        "\nUncertainty aversion: rho {:.6g} x sd {:.6g} (standard error {:.3g}) of the change "
        "from the status quo over {} samples, seed {}: every analysis uses utility {:.6g}\n",
        explanation.uncertainty_aversion, explanation.spread, explanation.spread_standard_error,
        analysis.spread.samples, seed, explanation.central_utility);
  }
  return text;
}

}  // namespace mend
