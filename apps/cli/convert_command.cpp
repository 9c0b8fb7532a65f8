// SPDX-License-Identifier: Apache-2.0
#include <filesystem>
#include <fstream>
#include <sstream>

#include "commands.hpp"
#include "output.hpp"
#include <fmt/format.h>

#include "mend/io/case_reader.hpp"
#include "mend/io/case_yaml_writer.hpp"
#include "mend/io/gmcr_reader.hpp"
#include "mend/io/gmcr_writer.hpp"

namespace mend::cli {
namespace {

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

Result<std::string> ReadText(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return Error::NotFound("no such file; expected a case or .gmcr file").At({path, 0, 0});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Io("cannot open the file for reading").At({path, 0, 0});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// A gmcr-py file as a mend YAML case, led by a comment naming the source.
int GmcrToYaml(const std::string& in, const std::string& out) {
  Result<std::string> text = ReadText(in);
  if (!text) return Fail(text.error());
  Result<CaseDefinition> definition = ParseGmcrDefinition(*text, in);
  if (!definition) return Fail(definition.error());
  // Compiling checks what the YAML reader will check again (feasible states, rankings).
  Result<CompiledCase> compiled = CompileCase(*definition);
  if (!compiled) return Fail(compiled.error());
  const std::string source = std::filesystem::path(in).filename().string();
  Result<std::string> yaml = WriteCaseYaml(
      *definition,
      fmt::format("Converted by mend convert from the gmcr-py file {}.\n"
                  "Options keep the file's order (grouped by decision maker, as gmcr-py numbers "
                  "states), so state numbers agree.\n"
                  "gmcr-py files have no status quo: the first feasible state ({}) stands in for "
                  "it; set status_quo as needed.",
                  source, definition->PatternOf(definition->status_quo)));
  if (!yaml) return Fail(yaml.error());
  return Emit(*yaml, out);
}

int CaseToGmcr(const std::string& in, const std::string& out) {
  Result<Document> document = ReadDocumentFile(in);
  if (!document) return Fail(document.error());
  const auto* compiled = std::get_if<CompiledCase>(&*document);
  if (compiled == nullptr) {
    return Fail(Error::InvalidArgument("expected a case file, got a portfolio").At({in, 0, 0}));
  }
  Result<GmcrExport> exported = WriteGmcr(*compiled);
  if (!exported) return Fail(exported.error());
  const int code = Emit(exported->text, out);
  if (code != kExitOk) return code;
  fmt::print(stderr,
             "mend convert: the .gmcr file keeps the graph model (deciders, options, "
             "feasible states, preference order, coalitions); it does not keep:\n");
  for (const std::string& loss : exported->losses) fmt::print(stderr, "  - {}\n", loss);
  return kExitOk;
}

}  // namespace

Command AddConvertCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "convert", "Convert between gmcr-py save files (.gmcr) and mend cases (.yaml)");
  auto input = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  command->add_option("file", *input, "Input: a mend case (YAML) or a gmcr-py file (.gmcr)")
      ->required();
  command
      ->add_option("-o,--output", *output,
                   "Output file; .gmcr writes a gmcr-py file, anything else a mend YAML case")
      ->required();
  return [=]() {
    if (EndsWith(*output, ".gmcr")) return CaseToGmcr(*input, *output);
    Result<std::string> text = ReadText(*input);
    if (!text) return Fail(text.error());
    if (!LooksLikeGmcr(*input, *text)) {
      return Fail(Error::InvalidArgument(
                      "is a mend case already; expected a .gmcr file to convert to YAML, or "
                      "an output ending in .gmcr")
                      .At({*input, 0, 0}));
    }
    return GmcrToYaml(*input, *output);
  };
}

}  // namespace mend::cli
