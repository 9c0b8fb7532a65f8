// SPDX-License-Identifier: Apache-2.0
#include <set>

#include "commands.hpp"
#include "output.hpp"
#include <fmt/format.h>

#include "mend/io/case_reader.hpp"
#include "mend/model/source_review.hpp"

namespace mend::cli {
namespace {

// The reviewer's findings on a loaded file (docs/case-format.md, "Reviewing sources"): a
// portfolio's own sources and shared parameters, then each case's. A portfolio source copied
// into its cases is reported once.
std::vector<std::string> StrictWarnings(const Document& document) {
  std::vector<std::vector<SourceFinding>> groups;
  if (const auto* one = std::get_if<CompiledCase>(&document)) {
    groups.push_back(ReviewSources(one->definition));
  } else {
    const auto& portfolio = std::get<CompiledPortfolio>(document);
    groups.push_back(ReviewSources(portfolio.definition));
    for (const CompiledCase& c : portfolio.cases) groups.push_back(ReviewSources(c.definition));
  }
  std::vector<std::string> lines;
  std::set<std::string> seen;
  for (const auto& group : groups) {
    for (const SourceFinding& finding : group) {
      std::string line = finding.ToString();
      if (seen.insert(line).second) lines.push_back(std::move(line));
    }
  }
  return lines;
}

}  // namespace

Command AddValidateCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "validate", "Check case and portfolio files; print one located error per bad file");
  auto files = std::make_shared<std::vector<std::string>>();
  auto max_states = std::make_shared<std::uint64_t>(EnumerationLimits{}.max_states);
  auto quiet = std::make_shared<bool>(false);
  auto strict = std::make_shared<bool>(false);
  command->add_option("files", *files, "Case or portfolio files (YAML)")->required();
  command->add_option("--max-states", *max_states, "Refuse cases with more feasible states")
      ->capture_default_str();
  command->add_flag("-q,--quiet", *quiet, "Print nothing for files that are valid");
  command->add_flag("--strict", *strict,
                    "Also review sources: warn on secondary sources, aggregator, encyclopedia "
                    "and mirror URLs, and parameters resting on judgement alone; exit 1 on any "
                    "warning");
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
      if (*strict) {
        const std::vector<std::string> warnings = StrictWarnings(*document);
        for (const std::string& warning : warnings) fmt::print(stderr, "{}\n", warning);
        if (!warnings.empty()) {
          exit_code = kExitInputError;
          if (!*quiet) {
            fmt::print("{}: {} source warning{} (--strict)\n", file, warnings.size(),
                       warnings.size() == 1 ? "" : "s");
          }
          continue;
        }
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
