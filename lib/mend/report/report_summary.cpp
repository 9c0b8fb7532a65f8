// SPDX-License-Identifier: Apache-2.0
#include "mend/report/report_summary.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "mend/render/lenses_text.hpp"
#include "mend/report/brief.hpp"
#include "mend/report/markdown.hpp"
#include "mend/report/number_format.hpp"
#include "mend/report/outcome_words.hpp"

namespace mend {
namespace {

constexpr Language kRu = Language::kRussian;

// One string of the summary in its language.
const char* T(Language language, const char* en, const char* ru) {
  return language == kRu ? ru : en;
}

// A format string of the summary in its language.
auto R(Language language, const char* en, const char* ru) {
  return fmt::runtime(T(language, en, ru));
}

// Russian nouns after a count: 1 вопрос, 2 вопроса, 5 вопросов.
const char* RussianPlural(std::size_t n, const char* one, const char* few, const char* many) {
  const std::size_t tens = n % 100;
  if (tens >= 11 && tens <= 14) return many;
  switch (n % 10) {
    case 1:
      return one;
    case 2:
    case 3:
    case 4:
      return few;
    default:
      return many;
  }
}

// A unit without its "equivalent" note: the panel headings of the figure.
std::string Currency(const std::string& unit) {
  for (std::string_view suffix :
       {std::string_view(" equivalent"), std::string_view(" (эквивалент)"),
        std::string_view(" (в денежном эквиваленте)"), std::string_view(" (в эквиваленте)")}) {
    if (unit.ends_with(suffix)) return unit.substr(0, unit.size() - suffix.size());
  }
  return unit;
}

std::string UnitOrUtility(const std::string& unit, Language language) {
  return unit.empty() ? std::string(T(language, "utility units", "единицы полезности")) : unit;
}

std::string Samples(std::uint64_t samples, Language language) {
  return FormatNumber(static_cast<double>(samples), language);
}

// "A, B and C" ("A, B и C").
std::string JoinWords(const std::vector<std::string>& parts, Language language) {
  std::string out;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    out += (k == 0 ? "" : k + 1 == parts.size() ? T(language, " and ", " и ") : ", ") + parts[k];
  }
  return out;
}

// The likelihood of the comparison, read from the Monte Carlo run against the central pair.
std::optional<SummaryLikelihood> Likelihood(const CaseAnalysis& analysis, Language language) {
  if (!analysis.montecarlo) return std::nullopt;
  const MonteCarloResult& mc = *analysis.montecarlo;
  SummaryLikelihood out;
  out.samples = mc.options.samples;
  out.seed = mc.options.seed;
  out.p_cycle = mc.p_cycle;
  if (mc.central_default) out.p_default = mc.central_default_likelihood.p;
  if (mc.central_alternative) out.p_alternative = mc.central_alternative_likelihood.p;
  out.p_no_alternative = mc.no_alternative.p;
  const std::optional<SampledDefault> frequent = MostFrequentDefault(mc);
  if (frequent && mc.central_default && frequent->state != *mc.central_default) {
    out.p_most_frequent_default = frequent->p;
    out.most_frequent_default_words = OutcomeInWords(*analysis.compiled, frequent->state, language);
  }
  return out;
}

// One side's gain in words: its name, the central gain in its unit, then the 90 % range of the
// same change and the share of samples in which the alternative leaves it no worse off.
std::string GainWords(const SummaryGain& gain, Language language) {
  std::string out = "<span class=\"side\">" + EscapeHtml(gain.name) + "</span>";
  if (!gain.decider) out += T(language, " (third party)", " (третья сторона)");
  if (!gain.cardinal) {
    return out + T(language, " ranks the outcomes without figures", " ранжирует исходы без чисел");
  }
  out += fmt::format(" <span class=\"num\">{}</span> {}", FormatSigned(gain.total, language),
                     EscapeHtml(UnitOrUtility(gain.unit, language)));
  std::vector<std::string> notes;
  if (gain.p5 && gain.p95) {
    notes.push_back(fmt::format("{} {}", T(language, "90% range", "90 % диапазон"),
                                FormatRange(*gain.p5, *gain.p95, language)));
  }
  if (gain.p_gain) {
    notes.push_back(fmt::format(R(language, "no worse off in {}", "не в проигрыше в {}"),
                                FormatPercent(*gain.p_gain, language)));
  }
  if (!notes.empty()) out += fmt::format(" ({})", fmt::join(notes, ", "));
  return out;
}

// Who gains what, one sentence: every side's gain with its range.
std::string GainsSentence(const IssueSummary& issue) {
  const Language language = issue.language;
  std::vector<std::string> sides;
  for (const SummaryGain& gain : issue.gains) sides.push_back(GainWords(gain, language));
  return fmt::format("<p class=\"gains\"><span class=\"label\">{}</span> {}.</p>\n",
                     T(language, "Who gains what:", "Кто что выигрывает:"), fmt::join(sides, "; "));
}

std::string LikelihoodSentence(const SummaryLikelihood& likelihood, Verdict verdict,
                               Language language) {
  std::vector<std::string> parts;
  if (likelihood.p_default) {
    parts.push_back(fmt::format(
        R(language, "this default in {} of samples", "этот исход по умолчанию — в {} выборок"),
        FormatPercent(*likelihood.p_default, language)));
  }
  if (verdict == Verdict::kAlternative && likelihood.p_alternative) {
    parts.push_back(fmt::format(R(language, "this better outcome recommended in {}",
                                  "этот лучший исход рекомендуется в {}"),
                                FormatPercent(*likelihood.p_alternative, language)));
  }
  if (likelihood.p_no_alternative) {
    parts.push_back(fmt::format(R(language, "nothing better than the sample's own default in {}",
                                  "ничто не лучше собственного исхода выборки по умолчанию в {}"),
                                FormatPercent(*likelihood.p_no_alternative, language)));
  }
  if (likelihood.p_cycle && *likelihood.p_cycle > 0) {
    parts.push_back(fmt::format(R(language, "the moves cycle in {}", "ходы зацикливаются в {}"),
                                FormatPercent(*likelihood.p_cycle, language)));
  }
  if (parts.empty()) return "";
  std::string sentence = JoinWords(parts, language) + ".";
  if (likelihood.p_most_frequent_default) {
    sentence += fmt::format(R(language, " The samples' most frequent default is another: {} ({}).",
                              " Чаще всего в выборках исход по умолчанию другой: {} ({})."),
                            EscapeHtml(likelihood.most_frequent_default_words),
                            FormatPercent(*likelihood.p_most_frequent_default, language));
  }
  return sentence;
}

std::string IssueHtml(const IssueSummary& issue) {
  const Language language = issue.language;
  std::string out = fmt::format("<section class=\"issue-summary\" data-case=\"{}\">\n<h3>{}</h3>\n",
                                EscapeHtml(issue.id), EscapeHtml(issue.title));
  if (issue.verdict == Verdict::kNoDefault) {
    return out + "<p class=\"verdict\">" +
           T(language,
             "The moves from the status quo cycle and reach no single outcome: there is no "
             "default to count losses against.",
             "Ходы от статус-кво зацикливаются и не приводят к одному исходу: нет исхода по "
             "умолчанию, от которого считать потери.") +
           "</p>\n</section>\n";
  }
  out += fmt::format("<p><span class=\"label\">{}</span> {}.</p>\n",
                     T(language, "By default:", "По умолчанию:"), EscapeHtml(issue.default_words));
  switch (issue.verdict) {
    case Verdict::kNoDefault:
      break;
    case Verdict::kNotUnnecessary:
      out += std::string("<p class=\"verdict\">") +
             T(language,
               "Nothing leaves every side better off than the default: under these assumptions "
               "the confrontation over this issue is not unnecessary.",
               "Ни один исход не лучше исхода по умолчанию для всех сторон: при этих допущениях "
               "противостояние по этому вопросу не излишне.") +
             "</p>\n";
      break;
    case Verdict::kImprovesOrdinal: {
      const std::size_t n = issue.improvements.size();
      out += "<p class=\"verdict\">" +
             (language == kRu
                  ? fmt::format("{} {} исход{} улучшил{} бы положение каждой стороны по её "
                                "собственному ранжированию исходов. Стороны ранжируют исходы без "
                                "чисел, поэтому выигрыш в единицах не указан и ни один исход не "
                                "рекомендуется перед другим:",
                                n, RussianPlural(n, "другой", "других", "других"),
                                RussianPlural(n, "", "а", "ов"), n == 1 ? "" : "и")
                  : fmt::format("{} other outcome{} would leave every side better off, by each "
                                "side's own ranking of the outcomes. The sides rank outcomes "
                                "without figures, so no gain is given in units and none of them "
                                "is recommended over another:",
                                n, n == 1 ? "" : "s")) +
             "</p>\n<ul>\n";
      for (const std::string& words : issue.improvements) {
        out += fmt::format("<li>{}.</li>\n", EscapeHtml(words));
      }
      out += "</ul>\n";
      break;
    }
    case Verdict::kAlternative:
      out += fmt::format(
          "<p><span class=\"label\">{}</span> {}{} {}</p>\n",
          T(language, "The better outcome:", "Лучший исход:"), EscapeHtml(issue.change_words),
          T(language, "; all else as in the default.", "; всё остальное — как по умолчанию."),
          issue.self_enforcing
              ? fmt::format(
                    R(language, "It is self-enforcing ({}-stable): no side gains by leaving it.",
                      "Он самоподдерживающийся (устойчив по {}): ни одной стороне не "
                      "выгодно из него выйти."),
                    issue.concept_name)
              : fmt::format(R(language,
                              "It is not self-enforcing under {}: it needs monitoring or "
                              "commitments.",
                              "Он не самоподдерживающийся по {}: нужны контроль или "
                              "обязательства."),
                            issue.concept_name));
      out += GainsSentence(issue);
      break;
  }
  if (issue.likelihood) {
    const std::string sentence = LikelihoodSentence(*issue.likelihood, issue.verdict, language);
    if (!sentence.empty()) {
      out += fmt::format("<p class=\"likelihood\"><span class=\"label\">{}</span> {}</p>\n",
                         T(language, "How likely:", "Насколько вероятно:"), sentence);
    }
  } else if (issue.verdict == Verdict::kAlternative) {
    out += std::string("<p class=\"likelihood\">") +
           T(language,
             "Central figures only: ranges and likelihoods need a Monte Carlo run "
             "(<code>--samples</code> above 0).",
             "Только центральные значения: для диапазонов и вероятностей нужен расчёт "
             "Монте-Карло (<code>--samples</code> больше 0).") +
           "</p>\n";
  }
  return out + "</section>\n";
}

// Each id shown by its name in `names` (the id itself when it has none), joined in words.
std::string Titles(const std::vector<std::string>& ids,
                   const std::map<std::string, std::string>& names, Language language) {
  std::vector<std::string> parts;
  for (const std::string& id : ids) {
    auto it = names.find(id);
    parts.push_back(EscapeHtml(it != names.end() ? it->second : id));
  }
  return JoinWords(parts, language);
}

// The count of the linked search in words (a double: it may be huge), in the nominative
// ("было 2 комбинации") or the genitive ("среди 2 комбинаций").
std::string RussianCombinations(double combinations, bool genitive) {
  if (combinations >= 1e15) return fmt::format("{:.3g} комбинаций", combinations);
  const auto n = static_cast<std::uint64_t>(combinations);
  return fmt::format("{} {}", FormatNumber(combinations, kRu),
                     genitive ? RussianPlural(n, "комбинации", "комбинаций", "комбинаций")
                              : RussianPlural(n, "комбинация", "комбинации", "комбинаций"));
}

// LinkageVerdict's sentences in Russian, with the deciders by name: what refusing linkage costs
// beyond the issues alone and with transfers inside them, or that the search was too small to
// tell. The cases follow the English verdict's (lenses_text.cpp) one for one.
std::string RussianLinkageVerdict(const LinkageAnalysis& linkage,
                                  const std::map<std::string, std::string>& names) {
  const bool costs = std::any_of(linkage.refusal_cost.begin(), linkage.refusal_cost.end(),
                                 [](double x) { return x > 0; });
  std::vector<std::string> by_decider;
  for (std::size_t i = 0; i < linkage.deciders.size() && i < linkage.refusal_cost.size(); ++i) {
    auto it = names.find(linkage.deciders[i]);
    by_decider.push_back(fmt::format("{} {}", it != names.end() ? it->second : linkage.deciders[i],
                                     FormatSigned(linkage.refusal_cost[i], kRu)));
  }
  const std::string cost = fmt::format("{}", fmt::join(by_decider, ", "));
  const std::string searched = RussianCombinations(linkage.combinations, true);
  const std::string only = RussianCombinations(linkage.combinations, false);
  if (linkage.combinations == 0) {
    return "Ни один вопрос не мог войти в совместный поиск (ни у одного нет единственного исхода "
           "по умолчанию и сторон с количественными оценками): отказ от увязки здесь ничего не "
           "стоит по построению, а не по итогам анализа.";
  }
  if (linkage.trivial_search) {
    if (!costs) {
      return fmt::format(
          "В совместном поиске было лишь {}, и ни в каких двух вопросах не было выбора для "
          "размена: отказ от увязки здесь ничего не стоит по построению, а не по итогам анализа.",
          only);
    }
    return fmt::format(
        "В совместном поиске было лишь {}, и ни в каких двух вопросах не было выбора для "
        "размена: то, что добавляет совместная сделка ({}), берётся внутри одного вопроса, а не "
        "из увязки вопросов.",
        only, cost);
  }
  if (!costs) {
    return fmt::format(
        "Увязка здесь ничего не добавляет: лучшая совместная сделка среди {} не даёт ни одной "
        "стороне больше, чем решение вопросов по одному с компенсациями внутри каждого; отказ "
        "от увязки ничего не стоит.",
        searched);
  }
  return fmt::format(
      "Отказ от увязки стоит {} (единицы полезности) сверх решения вопросов по одному с "
      "компенсациями внутри каждого (совместная сделка искалась среди {}).",
      cost, searched);
}

std::string LinkageHtml(const LinkageAnalysis& linkage, const std::vector<IssueSummary>& issues,
                        Language language) {
  std::map<std::string, std::string> titles;
  std::map<std::string, std::string> names;  // actor id -> name, for who refuses linkage
  for (const IssueSummary& issue : issues) {
    titles[issue.id] = issue.title;
    for (const SummaryGain& gain : issue.gains) names.emplace(gain.actor, gain.name);
  }
  const bool ru = language == kRu;
  std::string out =
      fmt::format("<section class=\"linkage-summary\">\n<p><span class=\"label\">{}</span> ",
                  T(language, "Linkage:", "Увязка вопросов:"));
  if (linkage.positive_sum_alone.empty()) {
    out += T(language, "No issue is positive-sum on its own. ",
             "Ни один вопрос не выгоден всем сторонам сам по себе. ");
  } else if (ru) {
    out += fmt::format("Выгодны всем сторонам сами по себе: {}. ",
                       Titles(linkage.positive_sum_alone, titles, language));
  } else {
    out += fmt::format("Positive-sum on {} own: {}. ",
                       linkage.positive_sum_alone.size() == 1 ? "its" : "their",
                       Titles(linkage.positive_sum_alone, titles, language));
  }
  out +=
      linkage.needs_linkage.empty()
          ? std::string(T(language, "No issue needs a cross-issue deal to improve on its default. ",
                          "Ни одному вопросу не нужна сделка по нескольким вопросам, чтобы "
                          "улучшить исход по умолчанию. "))
          : fmt::format(R(language, "Only a cross-issue deal would move {}. ",
                          "Сдвинуть {} могла бы только сделка по нескольким вопросам. "),
                        Titles(linkage.needs_linkage, titles, language));
  if (!linkage.linked_beats_standalone) {
    out += T(language, "No cross-issue deal beats taking the issues one by one",
             "Никакая сделка по нескольким вопросам не лучше решения вопросов по одному");
  } else {
    std::vector<std::string> premium;
    for (std::size_t i = 0; i < linkage.deciders.size() && i < linkage.premium.size(); ++i) {
      auto it = names.find(linkage.deciders[i]);
      premium.push_back(
          fmt::format("{} {}", EscapeHtml(it != names.end() ? it->second : linkage.deciders[i]),
                      FormatSigned(linkage.premium[i], language)));
    }
    out += fmt::format(R(language,
                         "A cross-issue deal would add, over the issues taken one by one: {} "
                         "(utility)",
                         "Сделка по нескольким вопросам добавила бы к решению вопросов по одному: "
                         "{} (единицы полезности)"),
                       fmt::join(premium, ", "));
  }
  out += linkage.available
             ? std::string(T(language, "; every decider accepts linkage.",
                             "; все принимающие решения стороны согласны увязывать вопросы."))
             : fmt::format(
                   R(language, "; linkage is refused by {}, so every issue must stand on its own.",
                     "; увязку отвергает {}, поэтому каждый вопрос должен решаться сам "
                     "по себе."),
                   Titles(linkage.refused_by, names, language));
  // What refusing linkage costs beyond the issues alone and with transfers inside them, or that
  // the search was too small to tell.
  out += " " + EscapeHtml(ru ? RussianLinkageVerdict(linkage, names) : LinkageVerdict(linkage));
  return out + "</p>\n</section>\n";
}

// The characters (code points) of UTF-8 text.
std::size_t CodePoints(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// `text` in lines of at most `width` characters, broken at spaces (a longer word keeps a line
// of its own).
std::vector<std::string> WrapWords(std::string_view text, std::size_t width) {
  std::vector<std::string> lines(1);
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t space = text.find(' ', at);
    const std::string_view word =
        text.substr(at, space == std::string_view::npos ? std::string_view::npos : space - at);
    std::string& line = lines.back();
    if (!line.empty() && CodePoints(line) + 1 + CodePoints(word) > width) {
      lines.emplace_back(word);
    } else {
      line += (line.empty() ? "" : " ") + std::string(word);
    }
    if (space == std::string_view::npos) break;
    at = space + 1;
  }
  return lines;
}

}  // namespace

IssueSummary SummarizeIssue(const CaseAnalysis& analysis, Language language) {
  const CompiledCase& compiled = *analysis.compiled;
  const CaseDefinition& definition = compiled.definition;
  IssueSummary out;
  out.language = language;
  out.id = definition.id;
  out.title = Localized(definition.title, language);
  out.verdict = analysis.CentralVerdict();
  out.concept_name = StabilityConceptName(analysis.efficiency.concept_id);
  std::transform(out.concept_name.begin(), out.concept_name.end(), out.concept_name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  out.likelihood = Likelihood(analysis, language);
  const EfficiencyAgainst* block = analysis.DefaultBlock();
  if (block == nullptr) return out;
  const StateId d = block->default_state;
  out.default_words = OutcomeInWords(compiled, d, language);
  for (StateId s : block->improvements)
    out.improvements.push_back(ChangeInWords(compiled, d, s, language));
  if (out.verdict != Verdict::kAlternative) return out;
  const Recommendation& a = *block->alternative;
  out.alternative_words = OutcomeInWords(compiled, a.state, language);
  out.change_words = ChangeInWords(compiled, d, a.state, language);
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
      gain.name = Localized(actor.name, language);
      gain.decider = actor.is_decider();
      gain.cardinal = entry.cardinal;
      gain.total = entry.total;
      gain.unit = TotalUnitIn(definition, entry.actor, language);
      gain.currency = Currency(TotalUnit(definition, entry.actor));
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
  const Language language = summary.language;
  std::size_t alternatives = 0;
  for (const IssueSummary& issue : summary.issues) {
    if (issue.verdict == Verdict::kAlternative) ++alternatives;
  }
  std::string out =
      fmt::format("<section id=\"summary\" class=\"summary\" lang=\"{}\">\n<h2>{}</h2>\n",
                  LanguageCode(language), T(language, "Summary", "Резюме"));
  // One line for the whole page: what was analysed and on how many samples the ranges and the
  // likelihoods rest (the same run for every issue).
  std::string lead;
  if (summary.linkage) {
    const std::size_t n = summary.issues.size();
    lead = language == kRu
               ? fmt::format(
                     "Портфель «{}»: {} {}, каждый рассмотрен отдельно; в {} из них "
                     "лучший исход улучшает положение каждой стороны по сравнению с "
                     "исходом по умолчанию.",
                     EscapeHtml(summary.title), n,
                     RussianPlural(n, "вопрос", "вопроса", "вопросов"), alternatives)
               : fmt::format(
                     "The portfolio “{}” holds {} issue{}, each analysed on its own. In "
                     "{} of them an alternative leaves every side better off than the "
                     "default.",
                     EscapeHtml(summary.title), n, n == 1 ? "" : "s", alternatives);
  }
  for (const IssueSummary& issue : summary.issues) {
    if (!issue.likelihood) continue;
    lead += (lead.empty() ? "" : " ") +
            fmt::format(R(language, "Ranges and likelihoods: {} Monte Carlo samples, seed {}.",
                          "Диапазоны и вероятности: {} выборок Монте-Карло, зерно {}."),
                        Samples(issue.likelihood->samples, language), issue.likelihood->seed);
    break;
  }
  if (!lead.empty()) out += "<p class=\"portfolio\">" + lead + "</p>\n";
  for (const IssueSummary& issue : summary.issues) out += IssueHtml(issue);
  // The linkage verdict and the figure sit side by side in print, to keep the summary on a page.
  out += "<div class=\"summary-tail\">\n";
  if (summary.linkage) out += LinkageHtml(*summary.linkage, summary.issues, language);
  const std::string figure = LedgerFigureSvg(summary.issues, language);
  if (!figure.empty()) {
    out += "<figure class=\"ledger-figure\">\n" + figure + "<figcaption>" +
           T(language,
             "Each side's gain from the default to the alternative: the dot is the central "
             "figure, the bar its 90% range over the samples; right of the line is a gain.",
             "Выигрыш каждой стороны от исхода по умолчанию к лучшему исходу: точка — "
             "центральное значение, полоса — 90 % диапазон по выборкам; правее линии — "
             "выигрыш.") +
           "</figcaption>\n</figure>\n";
  }
  return out + "</div>\n</section>\n";
}

std::string LedgerFigureSvg(const std::vector<IssueSummary>& issues, Language language) {
  // One panel per issue and unit: figures in different units never share an axis.
  struct Panel {
    std::string heading;
    std::vector<const SummaryGain*> rows;
  };
  std::vector<Panel> panels;
  for (const IssueSummary& issue : issues) {
    std::vector<std::string> units;  // the English currencies, in order of appearance
    for (const SummaryGain& gain : issue.gains) {
      if (gain.cardinal && std::find(units.begin(), units.end(), gain.currency) == units.end()) {
        units.push_back(gain.currency);
      }
    }
    for (const std::string& unit : units) {
      Panel panel;
      for (const SummaryGain& gain : issue.gains) {
        if (!gain.cardinal || gain.currency != unit) continue;
        if (panel.rows.empty()) {
          panel.heading =
              fmt::format("{} ({})", issue.title, UnitOrUtility(Currency(gain.unit), language));
        }
        panel.rows.push_back(&gain);
      }
      panels.push_back(std::move(panel));
    }
  }
  if (panels.empty()) return "";
  // Text is sized without the font's metrics: at most about 7.8 px a character at 12 px (Cyrillic
  // in DejaVu Sans), 8.6 bold.
  constexpr double kWidth = 580, kRight = 150, kRow = 16, kHead = 18, kLine = 15, kGap = 6;
  constexpr double kCharacter = 7.8, kBoldCharacter = 8.6;
  // The label column fits the longest name ("Европейские союзники США"), within limits.
  std::size_t longest = 0;
  for (const Panel& panel : panels) {
    for (const SummaryGain* gain : panel.rows) longest = std::max(longest, CodePoints(gain->name));
  }
  const double label_width =
      std::clamp(12 + kCharacter * static_cast<double>(longest), 110.0, 0.4 * kWidth);
  const auto heading_width = static_cast<std::size_t>(kWidth / kBoldCharacter);
  std::vector<std::vector<std::string>> headings;
  double height = 0;
  for (const Panel& panel : panels) {
    headings.push_back(WrapWords(panel.heading, heading_width));
    height += kHead + kLine * static_cast<double>(headings.back().size() - 1) +
              kRow * static_cast<double>(panel.rows.size()) + kGap;
  }
  std::string out = fmt::format(
      "<svg class=\"ledger-figure\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" "
      "width=\"100%\" role=\"img\" aria-label=\"{}\" "
      "font-family=\"system-ui, sans-serif\" font-size=\"12\">\n",
      kWidth, height,
      T(language, "Gains from the default to the alternative",
        "Выигрыши от исхода по умолчанию к лучшему исходу"));
  double y = 0;
  for (std::size_t p = 0; p < panels.size(); ++p) {
    const Panel& panel = panels[p];
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
      return label_width + (v - low) / (high - low) * (kWidth - label_width - kRight);
    };
    for (std::size_t line = 0; line < headings[p].size(); ++line) {
      out += fmt::format("<text x=\"0\" y=\"{:.1f}\" font-weight=\"600\">{}</text>\n",
                         y + 15 + kLine * static_cast<double>(line), EscapeHtml(headings[p][line]));
    }
    const double top = y + kHead + kLine * static_cast<double>(headings[p].size() - 1);
    const double bottom = top + kRow * static_cast<double>(panel.rows.size());
    out += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"#8f1d0b\"/>\n",
        x(0), top - 4, bottom);
    for (std::size_t k = 0; k < panel.rows.size(); ++k) {
      const SummaryGain& gain = *panel.rows[k];
      const double mid = top + kRow * (static_cast<double>(k) + 0.5);
      // A name longer than the widest label column is set smaller rather than clipped.
      const double name_width = kCharacter * static_cast<double>(CodePoints(gain.name));
      const std::string size =
          name_width > label_width - 8
              ? fmt::format(" font-size=\"{:.1f}\"", 12 * (label_width - 8) / name_width)
              : std::string();
      out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\"{}>{}</text>\n",
                         label_width - 8, mid + 4, size, EscapeHtml(gain.name));
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
                         mid + 4, FormatSigned(gain.total, language),
                         gain.p5 && gain.p95
                             ? fmt::format(" [{}]", FormatRange(*gain.p5, *gain.p95, language))
                             : std::string());
    }
    y = bottom + kGap;
  }
  return out + "</svg>\n";
}

}  // namespace mend
