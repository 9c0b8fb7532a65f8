// SPDX-License-Identifier: Apache-2.0
#include "mend/report/report_summary.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "mend/render/lenses_text.hpp"
#include "mend/report/brief.hpp"
#include "mend/report/markdown.hpp"
#include "mend/report/number_format.hpp"
#include "mend/report/outcome_words.hpp"

namespace mend {
namespace {

constexpr Language kEn = Language::kEnglish;

// A unit without " equivalent": figures in one currency share a panel of the figure.
std::string Currency(const std::string& unit) {
  constexpr std::string_view kSuffix = " equivalent";
  return unit.ends_with(kSuffix) ? unit.substr(0, unit.size() - kSuffix.size()) : unit;
}

std::string UnitOrUtility(const std::string& unit) {
  return unit.empty() ? std::string("utility units") : unit;
}

std::string Samples(std::uint64_t samples) {
  return FormatNumber(static_cast<double>(samples), kEn);
}

// The likelihood of the comparison, read from the Monte Carlo run against the central pair.
std::optional<SummaryLikelihood> Likelihood(const CaseAnalysis& analysis) {
  if (!analysis.montecarlo) return std::nullopt;
  const MonteCarloResult& mc = *analysis.montecarlo;
  SummaryLikelihood out;
  out.samples = mc.options.samples;
  out.seed = mc.options.seed;
  out.p_cycle = mc.p_cycle;
  if (mc.central_default) out.p_default = mc.central_default_likelihood.p;
  if (mc.central_alternative) out.p_alternative = mc.central_alternative_likelihood.p;
  out.p_no_alternative = mc.no_alternative.p;
  return out;
}

// One row of the gains table: the side, its central gain, the 90 % range of the same change and
// the share of samples in which the alternative leaves it no worse off.
std::string GainRow(const SummaryGain& gain) {
  const std::string name =
      EscapeHtml(gain.name) + (gain.decider ? "" : " <span class=\"note\">(third party)</span>");
  if (!gain.cardinal) {
    return fmt::format(
        "<tr><th scope=\"row\">{}</th><td colspan=\"5\">ranks the outcomes without "
        "figures</td></tr>",
        name);
  }
  return fmt::format(
      "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td>"
      "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
      name, FormatSigned(gain.total, kEn),
      gain.p5 && gain.p95 ? FormatRange(*gain.p5, *gain.p95, kEn) : std::string("—"),
      EscapeHtml(UnitOrUtility(gain.unit)),
      gain.p_gain ? FormatPercent(*gain.p_gain, kEn) : std::string("—"),
      gain.expected ? FormatSigned(*gain.expected, kEn) : std::string("—"));
}

std::string GainsTable(const IssueSummary& issue) {
  // The caption names the comparison of every figure in the table; the samples behind the range
  // and the share are named by the likelihood line below it.
  std::string out =
      "<table class=\"gains\">\n<caption>Who gains what from the default to the alternative"
      "</caption>\n<thead><tr><th scope=\"col\">Side</th><th scope=\"col\">Gain</th>"
      "<th scope=\"col\">90% range of that gain</th><th scope=\"col\">Unit</th>"
      "<th scope=\"col\">No worse off in</th><th scope=\"col\">Expected*</th></tr></thead>\n"
      "<tbody>\n";
  for (const SummaryGain& gain : issue.gains) out += GainRow(gain) + "\n";
  return out + "</tbody>\n</table>\n";
}

std::string LikelihoodSentence(const SummaryLikelihood& likelihood, Verdict verdict) {
  std::string out = fmt::format("({} Monte Carlo samples, seed {}, as for the ranges): ",
                                Samples(likelihood.samples), likelihood.seed);
  std::vector<std::string> parts;
  if (likelihood.p_default) {
    parts.push_back(fmt::format("the moves end in this default in {} of samples",
                                FormatPercent(*likelihood.p_default, kEn)));
  }
  if (verdict == Verdict::kAlternative && likelihood.p_alternative) {
    parts.push_back(fmt::format("this alternative is recommended in {}",
                                FormatPercent(*likelihood.p_alternative, kEn)));
  }
  if (likelihood.p_no_alternative) {
    parts.push_back(fmt::format("nothing improves on the sample's default in {}",
                                FormatPercent(*likelihood.p_no_alternative, kEn)));
  }
  if (likelihood.p_cycle && *likelihood.p_cycle > 0) {
    parts.push_back(fmt::format("the moves cycle in {}", FormatPercent(*likelihood.p_cycle, kEn)));
  }
  if (parts.empty()) return "";
  for (std::size_t k = 0; k < parts.size(); ++k) {
    out += (k == 0 ? "" : k + 1 == parts.size() ? " and " : ", ") + parts[k];
  }
  return out + ".";
}

std::string IssueHtml(const IssueSummary& issue) {
  std::string out = fmt::format("<section class=\"issue-summary\" data-case=\"{}\">\n<h3>{}</h3>\n",
                                EscapeHtml(issue.id), EscapeHtml(issue.title));
  if (issue.verdict == Verdict::kNoDefault) {
    return out +
           "<p class=\"verdict\">The moves from the status quo cycle and reach no single outcome: "
           "there is no default to count losses against.</p>\n</section>\n";
  }
  out += fmt::format("<p><span class=\"label\">By default:</span> {}.</p>\n",
                     EscapeHtml(issue.default_words));
  switch (issue.verdict) {
    case Verdict::kNoDefault:
      break;
    case Verdict::kNotUnnecessary:
      out +=
          "<p class=\"verdict\">Nothing leaves every side better off than the default: under "
          "these assumptions the confrontation over this issue is not unnecessary.</p>\n";
      break;
    case Verdict::kImprovesOrdinal:
      out += fmt::format(
          "<p class=\"verdict\">{} other outcome{} would leave every side better off, by each "
          "side's own ranking of the outcomes. The sides rank outcomes without figures, so no "
          "gain is given in units and none of them is recommended over another:</p>\n<ul>\n",
          issue.improvements.size(), issue.improvements.size() == 1 ? "" : "s");
      for (const std::string& words : issue.improvements) {
        out += fmt::format("<li>{}.</li>\n", EscapeHtml(words));
      }
      out += "</ul>\n";
      break;
    case Verdict::kAlternative:
      out += fmt::format(
          "<p><span class=\"label\">The better outcome:</span> {}; all else as in the default. "
          "{}</p>\n",
          EscapeHtml(issue.change_words),
          issue.self_enforcing
              ? fmt::format("It is self-enforcing ({}-stable): no side gains by leaving it.",
                            issue.concept_name)
              : fmt::format("It is not self-enforcing under {}: it needs monitoring or "
                            "commitments.",
                            issue.concept_name));
      out += GainsTable(issue);
      break;
  }
  if (issue.likelihood) {
    const std::string sentence = LikelihoodSentence(*issue.likelihood, issue.verdict);
    if (!sentence.empty()) {
      out += fmt::format("<p class=\"likelihood\"><span class=\"label\">How likely</span> {}</p>\n",
                         sentence);
    }
  } else if (issue.verdict == Verdict::kAlternative) {
    out +=
        "<p class=\"likelihood\">Central figures only: ranges and likelihoods need a Monte Carlo "
        "run (<code>--samples</code> above 0).</p>\n";
  }
  return out + "</section>\n";
}

// "A, B and C", each id shown by its name in `titles` (the id itself when it has none).
std::string Titles(const std::vector<std::string>& ids,
                   const std::map<std::string, std::string>& titles) {
  std::string out;
  for (std::size_t k = 0; k < ids.size(); ++k) {
    auto it = titles.find(ids[k]);
    out += (k == 0                ? ""
            : k + 1 == ids.size() ? " and "
                                  : ", ") +
           EscapeHtml(it != titles.end() ? it->second : ids[k]);
  }
  return out;
}

std::string LinkageHtml(const LinkageAnalysis& linkage, const std::vector<IssueSummary>& issues) {
  std::map<std::string, std::string> titles;
  std::map<std::string, std::string> names;  // actor id -> name, for who refuses linkage
  for (const IssueSummary& issue : issues) {
    titles[issue.id] = issue.title;
    for (const SummaryGain& gain : issue.gains) names.emplace(gain.actor, gain.name);
  }
  std::string out =
      "<section class=\"linkage-summary\">\n<p><span class=\"label\">Linkage:</span> ";
  out += linkage.positive_sum_alone.empty()
             ? "No issue is positive-sum on its own. "
             : fmt::format("Positive-sum on {} own: {}. ",
                           linkage.positive_sum_alone.size() == 1 ? "its" : "their",
                           Titles(linkage.positive_sum_alone, titles));
  out += linkage.needs_linkage.empty()
             ? "No issue needs a cross-issue deal to improve on its default. "
             : fmt::format("Only a cross-issue deal would move {}. ",
                           Titles(linkage.needs_linkage, titles));
  if (!linkage.linked_beats_standalone) {
    out += "No cross-issue deal beats taking the issues one by one";
  } else {
    std::string premium;
    for (std::size_t i = 0; i < linkage.deciders.size() && i < linkage.premium.size(); ++i) {
      premium +=
          fmt::format("{}{} {}", premium.empty() ? "" : ", ", EscapeHtml(linkage.deciders[i]),
                      FormatSigned(linkage.premium[i], kEn));
    }
    out += fmt::format(
        "A cross-issue deal would add, over the issues taken one by one: {} "
        "(utility)",
        premium);
  }
  out += linkage.available
             ? "; every decider accepts linkage."
             : fmt::format("; linkage is refused by {}, so every issue must stand on its own.",
                           Titles(linkage.refused_by, names));
  // What refusing linkage costs beyond the issues alone and with transfers inside them, or that
  // the search was too small to tell.
  out += " " + EscapeHtml(LinkageVerdict(linkage));
  return out + "</p>\n</section>\n";
}

}  // namespace

IssueSummary SummarizeIssue(const CaseAnalysis& analysis) {
  const CompiledCase& compiled = *analysis.compiled;
  const CaseDefinition& definition = compiled.definition;
  IssueSummary out;
  out.id = definition.id;
  out.title = definition.title.text;
  out.verdict = analysis.CentralVerdict();
  out.concept_name = StabilityConceptName(analysis.efficiency.concept_id);
  std::transform(out.concept_name.begin(), out.concept_name.end(), out.concept_name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  out.likelihood = Likelihood(analysis);
  const EfficiencyAgainst* block = analysis.DefaultBlock();
  if (block == nullptr) return out;
  const StateId d = block->default_state;
  out.default_words = OutcomeInWords(compiled, d, kEn);
  for (StateId s : block->improvements)
    out.improvements.push_back(ChangeInWords(compiled, d, s, kEn));
  if (out.verdict != Verdict::kAlternative) return out;
  const Recommendation& a = *block->alternative;
  out.alternative_words = OutcomeInWords(compiled, a.state, kEn);
  out.change_words = ChangeInWords(compiled, d, a.state, kEn);
  out.self_enforcing = a.self_enforcing;
  // The sampled ledger belongs to the engine's central pair; it is shown only for that pair.
  const MonteCarloResult* mc = analysis.montecarlo ? &*analysis.montecarlo : nullptr;
  const bool same = mc != nullptr && mc->central_default == d && mc->central_alternative == a.state;
  for (bool deciders : {true, false}) {
    for (const ActorLedger& entry : block->ledger) {
      const Actor& actor = definition.actors[entry.actor.value];
      if (actor.is_decider() != deciders) continue;
      SummaryGain gain;
      gain.actor = actor.id;
      gain.name = actor.name.text;
      gain.decider = actor.is_decider();
      gain.cardinal = entry.cardinal;
      gain.total = entry.total;
      gain.unit = TotalUnit(definition, entry.actor);
      if (mc != nullptr) {
        for (const LedgerDistribution& sampled : mc->unconditional_ledger) {
          if (sampled.actor.value == entry.actor.value && sampled.cardinal) {
            gain.expected = sampled.mean;
          }
        }
      }
      if (same) {
        for (const LedgerDistribution& sampled : mc->ledger) {
          if (sampled.actor.value != entry.actor.value || !sampled.cardinal) continue;
          gain.p5 = sampled.p5;
          gain.p95 = sampled.p95;
          gain.p_gain = 1 - sampled.p_loss;
        }
      }
      out.gains.push_back(gain);
    }
  }
  return out;
}

std::string SummaryHtml(const ReportSummary& summary) {
  std::size_t alternatives = 0;
  for (const IssueSummary& issue : summary.issues) {
    if (issue.verdict == Verdict::kAlternative) ++alternatives;
  }
  std::string out = "<section id=\"summary\" class=\"summary\">\n<h2>Summary</h2>\n";
  if (summary.linkage) {
    out += fmt::format(
        "<p class=\"portfolio\">The portfolio “{}” holds {} issue{}, each analysed on its own. In "
        "{} of them an alternative leaves every side better off than the default.</p>\n",
        EscapeHtml(summary.title), summary.issues.size(), summary.issues.size() == 1 ? "" : "s",
        alternatives);
  }
  bool expected = false;
  for (const IssueSummary& issue : summary.issues) {
    out += IssueHtml(issue);
    for (const SummaryGain& gain : issue.gains) expected = expected || gain.expected.has_value();
  }
  if (expected) {
    out +=
        "<p class=\"note\">* Expected: the mean gain over the samples when each sample moves from "
        "its own default to its own alternative (0 in a sample without one).</p>\n";
  }
  // The linkage verdict and the figure sit side by side in print, to keep the summary on a page.
  out += "<div class=\"summary-tail\">\n";
  if (summary.linkage) out += LinkageHtml(*summary.linkage, summary.issues);
  const std::string figure = LedgerFigureSvg(summary.issues);
  if (!figure.empty()) {
    out += "<figure class=\"ledger-figure\">\n" + figure +
           "<figcaption>Each side's gain from the default to the alternative: the dot is the "
           "central figure, the bar its 90% range over the samples; right of the line is a "
           "gain.</figcaption>\n</figure>\n";
  }
  return out + "</div>\n</section>\n";
}

std::string LedgerFigureSvg(const std::vector<IssueSummary>& issues) {
  // One panel per issue and unit: figures in different units never share an axis.
  struct Panel {
    std::string heading;
    std::vector<const SummaryGain*> rows;
  };
  std::vector<Panel> panels;
  for (const IssueSummary& issue : issues) {
    std::vector<std::string> units;
    for (const SummaryGain& gain : issue.gains) {
      const std::string unit = Currency(gain.unit);
      if (gain.cardinal && std::find(units.begin(), units.end(), unit) == units.end()) {
        units.push_back(unit);
      }
    }
    for (const std::string& unit : units) {
      Panel panel{fmt::format("{} ({})", issue.title, UnitOrUtility(unit)), {}};
      for (const SummaryGain& gain : issue.gains) {
        if (gain.cardinal && Currency(gain.unit) == unit) panel.rows.push_back(&gain);
      }
      panels.push_back(std::move(panel));
    }
  }
  if (panels.empty()) return "";
  constexpr double kWidth = 580, kLabel = 110, kRight = 150, kRow = 16, kHead = 18, kGap = 6;
  double height = 0;
  for (const Panel& panel : panels)
    height += kHead + kRow * static_cast<double>(panel.rows.size()) + kGap;
  std::string out = fmt::format(
      "<svg class=\"ledger-figure\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" "
      "width=\"100%\" role=\"img\" aria-label=\"Gains from the default to the alternative\" "
      "font-family=\"system-ui, sans-serif\" font-size=\"12\">\n",
      kWidth, height);
  double y = 0;
  for (const Panel& panel : panels) {
    double low = 0, high = 0;
    for (const SummaryGain* gain : panel.rows) {
      low = std::min({low, gain->total, gain->p5.value_or(gain->total)});
      high = std::max({high, gain->total, gain->p95.value_or(gain->total)});
    }
    if (high - low <= 0) high = low + 1;
    const double span = high - low;
    low -= span * 0.04;
    high += span * 0.04;
    auto x = [&](double v) {
      return kLabel + (v - low) / (high - low) * (kWidth - kLabel - kRight);
    };
    out += fmt::format("<text x=\"0\" y=\"{:.1f}\" font-weight=\"600\">{}</text>\n", y + 15,
                       EscapeHtml(panel.heading));
    const double top = y + kHead;
    const double bottom = top + kRow * static_cast<double>(panel.rows.size());
    out += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"#8f1d0b\"/>\n",
        x(0), top - 4, bottom);
    for (std::size_t k = 0; k < panel.rows.size(); ++k) {
      const SummaryGain& gain = *panel.rows[k];
      const double mid = top + kRow * (static_cast<double>(k) + 0.5);
      out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                         kLabel - 8, mid + 4, EscapeHtml(gain.name));
      if (gain.p5 && gain.p95) {
        out += fmt::format(
            "<line class=\"range\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" "
            "stroke=\"#1f5fa8\" stroke-width=\"7\" stroke-opacity=\"0.55\"/>\n",
            x(*gain.p5), x(*gain.p95), mid, mid);
      }
      out += fmt::format(
          "<circle class=\"central\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4.5\" fill=\"#111\"/>\n",
          x(gain.total), mid);
      out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\">{}{}</text>\n", kWidth - kRight + 8,
                         mid + 4, FormatSigned(gain.total, kEn),
                         gain.p5 && gain.p95
                             ? fmt::format(" [{}]", FormatRange(*gain.p5, *gain.p95, kEn))
                             : std::string());
    }
    y = bottom + kGap;
  }
  return out + "</svg>\n";
}

}  // namespace mend
