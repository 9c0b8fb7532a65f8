// SPDX-License-Identifier: Apache-2.0
//
// `mend explain FILE --state PATTERN --actor ID`: where one actor's utility in one state comes
// from — the effect rules that fired, their expressions and values, the parameters they name
// (central values and distributions) and the sources cited. The text is the engine's
// (ExplanationText), which the server's POST /api/explain answers too.
#include "commands.hpp"
#include "output.hpp"
#include "table_options.hpp"
#include <fmt/format.h>

#include "mend/engine/explain.hpp"
#include "mend/io/case_reader.hpp"
#include "mend/model/pattern.hpp"

namespace mend::cli {

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
    const std::string text = ExplanationText(*analysis, *explanation, options->seed);
    return Emit(text, *output);
  };
}

}  // namespace mend::cli
