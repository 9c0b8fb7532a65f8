// SPDX-License-Identifier: Apache-2.0
//
// `mend report`: one self-contained HTML file with the analysis of a case or portfolio, its
// charts (the web/src/report bundle, inlined), the Monte Carlo results (ranges, histograms,
// tornado) and every decider's brief; optionally a PDF of it printed by headless Chromium, and
// with --headline the portfolio's headline as text (what `make demo` prints).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "commands.hpp"
#include "lenses_text.hpp"
#include "output.hpp"
#include <fmt/format.h>
#include <unistd.h>

#include "mend/io/case_reader.hpp"
#include "mend/io/json_writer.hpp"
#include "mend/io/montecarlo_json.hpp"
#include "mend/lenses/linkage.hpp"
#include "mend/report/brief.hpp"
#include "mend/report/brief_evidence.hpp"
#include "mend/report/case_analysis.hpp"
#include "mend/report/markdown.hpp"
#include "mend/report/report_html.hpp"

namespace mend::cli {
namespace {

namespace fs = std::filesystem;

// Where the chart bundle may be: given, from the environment, installed beside the binary, or
// the source tree's build output.
std::vector<fs::path> BundleCandidates(const std::string& given) {
  if (!given.empty()) return {given};
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("MEND_REPORT_BUNDLE"); env != nullptr && *env != '\0') {
    candidates.emplace_back(env);
  }
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    candidates.push_back(self.parent_path() / "../share/mend/report.js");
    candidates.push_back(self.parent_path() / "report.js");
  }
  candidates.push_back(fs::path(MEND_SOURCE_DIR) / "web/dist-report/report.js");
  return candidates;
}

Result<std::string> ReadBundle(const std::string& given) {
  for (const fs::path& path : BundleCandidates(given)) {
    std::ifstream in(path, std::ios::binary);
    if (!in) continue;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  return Error::NotFound(
      "the report's chart bundle (report.js) was not found; build it with scripts/build-web.sh "
      "or `npm run build:report` in web/, or give --bundle");
}

std::string NamesJson(const std::vector<std::pair<std::string, std::string>>& names) {
  std::string out = "{";
  for (const auto& [id, name] : names) {
    out += (out.size() > 1 ? ", " : "") + JsonString(id) + ": " + JsonString(name);
  }
  return out + "}";
}

std::string ShellQuote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string FindChromium() {
  for (const char* candidate :
       {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
    if (access(candidate, X_OK) == 0) return candidate;
  }
  return "";
}

// The headline of one issue: its default, its alternative in words, and each actor's ledger
// total with its 90 % range and P(net gain).
std::string Headline(const CaseAnalysis& analysis, const CaseEvidence& evidence) {
  const CompiledCase& compiled = *analysis.compiled;
  const CaseDefinition& definition = compiled.definition;
  const Language en = Language::kEnglish;
  std::string out = fmt::format("== {} ({})\n", definition.title.text, definition.id);
  const EfficiencyAgainst* block = nullptr;
  for (const EfficiencyAgainst& candidate : analysis.efficiency.against) {
    if (candidate.alternative && !candidate.ledger.empty()) {
      block = &candidate;
      break;
    }
  }
  if (analysis.efficiency.against.empty()) {
    return out + "  default      none: the moves from the status quo cycle\n";
  }
  const StateId d =
      block != nullptr ? block->default_state : analysis.efficiency.against.front().default_state;
  out += fmt::format("  default      {}\n", compiled.space.Pattern(d));
  if (block == nullptr) {
    return out +
           "  alternative  none: nothing leaves every decider better off (not an unnecessary "
           "conflict under these assumptions)\n";
  }
  const Recommendation& a = *block->alternative;
  std::string changes;
  const StateCode from = compiled.space.code(d);
  const StateCode to = compiled.space.code(a.state);
  for (int k = 0; k < definition.option_count(); ++k) {
    const StateCode bit = StateCode{1} << k;
    if ((from & bit) == (to & bit)) continue;
    const Option& option = definition.options[static_cast<std::size_t>(k)];
    changes += fmt::format("               {} {}: {}\n", definition.actors[option.owner.value].id,
                           (to & bit) != 0 ? "starts" : "stops", option.name.text);
  }
  out += fmt::format("  alternative  {}, {}\n{}", compiled.space.Pattern(a.state),
                     a.self_enforcing ? "self-enforcing" : "not self-enforcing", changes);
  const bool same = evidence.montecarlo && evidence.montecarlo->central_default == d &&
                    evidence.montecarlo->central_alternative == a.state;
  out += fmt::format(
      "  ledger       what each actor gains from the alternative{}\n",
      same
          ? fmt::format(", 90% range over {} samples (seed {}), P(net gain)",
                        FormatNumber(static_cast<double>(evidence.montecarlo->options.samples), en),
                        evidence.montecarlo->options.seed)
          : std::string(", central figures"));
  for (const ActorLedger& entry : block->ledger) {
    const Actor& actor = definition.actors[entry.actor.value];
    if (!entry.cardinal) {
      out += fmt::format("    {:<10} ranks the states without figures\n", actor.id);
      continue;
    }
    const std::string unit = TotalUnit(definition, entry.actor);
    std::string line = fmt::format("    {:<10} {} {}", actor.id, FormatSigned(entry.total, en),
                                   unit.empty() ? "(utility)" : unit);
    if (same) {
      for (const LedgerDistribution& sampled : evidence.montecarlo->ledger) {
        if (sampled.actor.value != entry.actor.value || !sampled.cardinal) continue;
        line += fmt::format("  [{}]  P(net gain) {}", FormatRange(sampled.p5, sampled.p95, en),
                            FormatPercent(1 - sampled.p_loss, en));
      }
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace

Command AddReportCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "report", "A self-contained HTML report: the analysis, its charts and every decider's brief");
  auto file = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  auto bundle = std::make_shared<std::string>();
  auto pdf = std::make_shared<std::string>();
  auto concept_name = std::make_shared<std::string>("seq");
  auto threads = std::make_shared<unsigned>(0);
  auto samples = std::make_shared<std::uint64_t>(kBriefSamples);
  auto seed = std::make_shared<std::uint64_t>(kBriefSeed);
  auto headline = std::make_shared<bool>(false);
  command->add_option("file", *file, "Case or portfolio file (YAML)")->required();
  command->add_option("-o,--output", *output, "The HTML file to write ('-' for stdout)")
      ->required();
  command->add_option("--pdf", *pdf, "Also print the report to this PDF with headless Chromium");
  command->add_option("--bundle", *bundle, "The chart bundle (default: web/dist-report/report.js)");
  command
      ->add_option(
          "--concept", *concept_name,
          "Prefer alternatives that are equilibria under this concept: nash, gmr, smr, seq")
      ->check(CLI::IsMember({"nash", "gmr", "smr", "seq"}))
      ->capture_default_str();
  command
      ->add_option("--samples", *samples,
                   "Monte Carlo samples per case behind the ranges, histograms, tornado and "
                   "the briefs' figures (0 = central figures only)")
      ->capture_default_str();
  command->add_option("--seed", *seed, "Random seed of the Monte Carlo")->capture_default_str();
  command
      ->add_option("--threads", *threads,
                   "Worker threads (0 = all cores); the report does not depend on it")
      ->capture_default_str();
  command->add_flag("--headline", *headline,
                    "Also print the headline per issue (default, alternative, ledger with 90 % "
                    "ranges) and, for a portfolio, what needs linkage; to stdout, or to stderr "
                    "when the report goes to stdout");
  return [=]() {
    Result<std::string> script = ReadBundle(*bundle);
    if (!script) return Report(script.error());
    Result<Document> document = ReadDocumentFile(*file);
    if (!document) return Report(document.error());
    std::vector<const CompiledCase*> cases;
    std::string title;
    const auto* portfolio = std::get_if<CompiledPortfolio>(&*document);
    if (portfolio != nullptr) {
      for (const CompiledCase& one : portfolio->cases) cases.push_back(&one);
      title = portfolio->definition.title.text;
    } else {
      cases.push_back(&std::get<CompiledCase>(*document));
      title = cases.front()->definition.title.text;
    }
    std::vector<ReportCase> sections;
    std::vector<CaseAnalysis> analyses;
    std::string headline_text =
        portfolio != nullptr
            ? fmt::format("Portfolio {}: {}, issue by issue\n\n", portfolio->definition.id, title)
            : "";
    for (const CompiledCase* one : cases) {
      const CaseDefinition& definition = one->definition;
      Result<CaseAnalysis> analysis = AnalyzeCase(*one, *ParseStabilityConcept(*concept_name),
                                                  SanctionRule::kTextbook, *threads);
      if (!analysis) return Report(analysis.error());
      ReportCase section;
      section.id = definition.id;
      section.title = definition.title.text;
      section.states_json = StatesJson(*one);
      section.analysis_json = AnalysisJson(*analysis);
      Result<CaseEvidence> evidence =
          GatherEvidence(*analysis, {.samples = *samples, .seed = *seed, .threads = *threads});
      if (!evidence) return Report(evidence.error());
      if (evidence->montecarlo) {
        section.montecarlo_json =
            MonteCarloJson(*one, *evidence->montecarlo, evidence->sensitivity);
      }
      if (*headline) headline_text += Headline(*analysis, *evidence) + "\n";
      std::vector<std::pair<std::string, std::string>> names;
      for (const Option& option : definition.options)
        names.emplace_back(option.id, option.name.text);
      section.option_names_json = NamesJson(names);
      names.clear();
      for (const Option& option : definition.options) {
        names.emplace_back(option.id, definition.actors[option.owner.value].id);
      }
      section.option_owners_json = NamesJson(names);
      names.clear();
      for (const Actor& actor : definition.actors) names.emplace_back(actor.id, actor.name.text);
      section.actor_names_json = NamesJson(names);
      // Every decider's brief in its own language, and in English too when that differs.
      for (ActorIndex actor : definition.Deciders()) {
        const Actor& who = definition.actors[actor.value];
        std::vector<Language> languages = {Language::kEnglish};
        if (who.language == "ru") languages.insert(languages.begin(), Language::kRussian);
        for (Language language : languages) {
          BriefOptions options;
          options.language = language;
          options.version = MEND_VERSION;
          if (portfolio != nullptr) {
            options.portfolio_title = Localized(portfolio->definition.title, language);
          }
          Result<std::string> markdown =
              BriefMarkdown(*analysis, actor, WithEvidence(options, *analysis, *evidence, actor));
          if (!markdown) return Report(markdown.error());
          section.briefs.push_back(ReportBrief{who.id, Localized(who.name, language),
                                               LanguageCode(language), MarkdownToHtml(*markdown)});
        }
      }
      sections.push_back(std::move(section));
      analyses.push_back(std::move(*analysis));
    }
    if (*headline && portfolio != nullptr) {
      std::vector<LinkageIssue> issues;
      for (const CaseAnalysis& analysis : analyses) {
        issues.push_back({analysis.compiled, &analysis.efficiency});
      }
      Result<LinkageAnalysis> linkage = AnalyzeLinkage(portfolio->definition, issues);
      if (!linkage) return Report(linkage.error());
      headline_text += LinkageText(*linkage, false);
    }
    Result<std::string> html = ReportHtml(title, sections, *script, MEND_VERSION);
    if (!html) return Report(html.error());
    const int written = Emit(*html, *output);
    if (written != kExitOk) return written;
    if (*headline) {
      if (*output != "-") headline_text += fmt::format("\nmend report: wrote {}\n", *output);
      std::fputs(headline_text.c_str(), *output == "-" ? stderr : stdout);
    }
    if (pdf->empty()) return kExitOk;
    if (*output == "-") {
      return Report(Error::InvalidArgument("--pdf needs the HTML written to a file (-o FILE)"));
    }
    const std::string chromium = FindChromium();
    if (chromium.empty()) {
      return Report(Error::NotFound("--pdf needs Chromium (Debian package chromium)"));
    }
    std::error_code error;
    const fs::path page = fs::absolute(*output, error);
    const std::string command_line = fmt::format(
        "{} --headless --no-sandbox --disable-gpu --disable-background-networking "
        "--no-pdf-header-footer --virtual-time-budget=5000 --print-to-pdf={} {} >/dev/null 2>&1",
        ShellQuote(chromium), ShellQuote(*pdf), ShellQuote("file://" + page.string()));
    if (std::system(command_line.c_str()) != 0 || !fs::exists(*pdf)) {
      return Report(Error::Io("headless Chromium did not print the PDF").At({*pdf, 0, 0}));
    }
    return kExitOk;
  };
}

}  // namespace mend::cli
