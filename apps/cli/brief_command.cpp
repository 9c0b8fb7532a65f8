// SPDX-License-Identifier: Apache-2.0
//
// `mend brief`: the brief of one actor — what confrontation over the issue costs it, in its
// language — as Markdown or an HTML page; for a portfolio, one brief per case.
#include "commands.hpp"
#include "output.hpp"
#include <fmt/format.h>

#include "mend/io/case_reader.hpp"
#include "mend/report/brief.hpp"
#include "mend/report/brief_evidence.hpp"
#include "mend/report/case_analysis.hpp"

namespace mend::cli {

Command AddBriefCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "brief", "The brief for one actor: what confrontation over the issue costs it, with figures");
  auto file = std::make_shared<std::string>();
  auto actor_id = std::make_shared<std::string>();
  auto lang = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("markdown");
  auto output = std::make_shared<std::string>();
  auto concept_name = std::make_shared<std::string>("seq");
  auto threads = std::make_shared<unsigned>(0);
  auto samples = std::make_shared<std::uint64_t>(kBriefSamples);
  auto seed = std::make_shared<std::uint64_t>(kBriefSeed);
  command->add_option("file", *file, "Case or portfolio file (YAML)")->required();
  command->add_option("--actor", *actor_id, "The actor the brief is for (its id)")->required();
  command
      ->add_option("--lang", *lang, "Language: en or ru (default: the actor's language, else en)")
      ->check(CLI::IsMember({"en", "ru"}));
  command->add_option("--format", *format, "Output format")
      ->check(CLI::IsMember({"markdown", "html"}))
      ->capture_default_str();
  command
      ->add_option(
          "--concept", *concept_name,
          "Prefer alternatives that are equilibria under this concept: nash, gmr, smr, seq")
      ->check(CLI::IsMember({"nash", "gmr", "smr", "seq"}))
      ->capture_default_str();
  command
      ->add_option("--samples", *samples,
                   "Monte Carlo samples behind the ranges, P(net gain), switching values and "
                   "the status-quo concern (0 = central figures only)")
      ->capture_default_str();
  command->add_option("--seed", *seed, "Random seed of the Monte Carlo")->capture_default_str();
  command
      ->add_option("--threads", *threads,
                   "Worker threads (0 = all cores); the brief does not depend on it")
      ->capture_default_str();
  command->add_option("-o,--output", *output, "Write to this file instead of stdout ('-')");
  return [=]() {
    Result<Document> document = ReadDocumentFile(*file);
    if (!document) return Report(document.error());
    std::vector<const CompiledCase*> cases;
    std::string portfolio_title;
    const auto* portfolio = std::get_if<CompiledPortfolio>(&*document);
    if (portfolio != nullptr) {
      for (const CompiledCase& one : portfolio->cases) cases.push_back(&one);
    } else {
      cases.push_back(&std::get<CompiledCase>(*document));
    }
    std::optional<ActorIndex> first_actor = cases.front()->definition.FindActor(*actor_id);
    if (!first_actor) {
      return Report(
          Error{ErrorCode::kInvalidArgument, fmt::format("{}: no actor '{}'", *file, *actor_id)});
    }
    BriefOptions options;
    options.version = MEND_VERSION;
    const std::string& own_language = cases.front()->definition.actors[first_actor->value].language;
    options.language = *ParseLanguage(!lang->empty() ? *lang : own_language == "ru" ? "ru" : "en");
    if (portfolio != nullptr) {
      options.portfolio_title = Localized(portfolio->definition.title, options.language);
    }
    std::string markdown;
    for (const CompiledCase* one : cases) {
      std::optional<ActorIndex> actor = one->definition.FindActor(*actor_id);
      if (!actor) continue;  // a portfolio's case need not involve every actor
      Result<CaseAnalysis> analysis = AnalyzeCase(*one, *ParseStabilityConcept(*concept_name),
                                                  SanctionRule::kTextbook, *threads);
      if (!analysis) return Report(analysis.error());
      Result<CaseEvidence> evidence =
          GatherEvidence(*analysis, {.samples = *samples, .seed = *seed, .threads = *threads});
      if (!evidence) return Report(evidence.error());
      Result<std::string> brief =
          BriefMarkdown(*analysis, *actor, WithEvidence(options, *analysis, *evidence, *actor));
      if (!brief) return Report(brief.error());
      markdown += (markdown.empty() ? "" : "\n---\n\n") + *brief;
    }
    if (*format == "html") {
      const CaseDefinition& definition = cases.front()->definition;
      const std::string title =
          Localized(definition.actors[first_actor->value].name, options.language) + ": " +
          (portfolio != nullptr ? options.portfolio_title
                                : Localized(definition.title, options.language));
      return Emit(BriefHtmlDocument(markdown, options.language, title), *output);
    }
    return Emit(markdown, *output);
  };
}

}  // namespace mend::cli
