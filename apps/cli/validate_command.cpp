// SPDX-License-Identifier: Apache-2.0
#include "commands.hpp"
#include "output.hpp"
#include <fmt/format.h>

#include "mend/io/case_reader.hpp"

namespace mend::cli {

Command AddValidateCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "validate", "Check case and portfolio files; print one located error per bad file");
  auto files = std::make_shared<std::vector<std::string>>();
  auto max_states = std::make_shared<std::uint64_t>(EnumerationLimits{}.max_states);
  auto quiet = std::make_shared<bool>(false);
  command->add_option("files", *files, "Case or portfolio files (YAML)")->required();
  command->add_option("--max-states", *max_states, "Refuse cases with more feasible states")
      ->capture_default_str();
  command->add_flag("-q,--quiet", *quiet, "Print nothing for files that are valid");
  return [=]() {
    ReadOptions options;
    options.limits.max_states = *max_states;
    int exit_code = kExitOk;
    for (const std::string& file : *files) {
      Result<Document> document = ReadDocumentFile(file, options);
      if (!document) {
        exit_code = Fail(document.error());
        continue;
      }
      if (*quiet) continue;
      if (const auto* one = std::get_if<CompiledCase>(&*document)) {
        fmt::print("{}: ok: case '{}', {} options, {} feasible states\n", file, one->definition.id,
                   one->definition.option_count(), one->space.size());
      } else {
        const auto& portfolio = std::get<CompiledPortfolio>(*document);
        fmt::print("{}: ok: portfolio '{}', {} cases\n", file, portfolio.definition.id,
                   portfolio.cases.size());
      }
    }
    return exit_code;
  };
}

}  // namespace mend::cli
