// SPDX-License-Identifier: Apache-2.0
//
// `mend montecarlo`: Monte Carlo over every uncertain parameter of a case — how likely each
// state is to be an equilibrium, the default and the recommended alternative, the distribution
// of each actor's ledger, and the tornado with switching values — as text, Markdown or JSON.
// Under mpirun the processes split the samples; rank 0 writes the output.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "commands.hpp"
#include "interrupt.hpp"
#include "mpi_collective.hpp"
#include "output.hpp"
#include "table_options.hpp"
#include <fmt/format.h>
#include <unistd.h>

#include "mend/engine/case_analysis.hpp"
#include "mend/engine/portfolio_analysis.hpp"
#include "mend/io/case_reader.hpp"
#include "mend/render/montecarlo_json.hpp"
#include "mend/render/montecarlo_text.hpp"

namespace mend::cli {
namespace {

// How many processes of this run share this node (OpenMPI, MPICH/Hydra, Slurm set it); 1 if
// unknown.
unsigned LocalProcesses() {
  for (const char* name :
       {"OMPI_COMM_WORLD_LOCAL_SIZE", "MPI_LOCALNRANKS", "SLURM_NTASKS_PER_NODE"}) {
    if (const char* value = std::getenv(name)) {
      const long count = std::strtol(value, nullptr, 10);
      if (count > 0) return static_cast<unsigned>(count);
    }
  }
  return 1;
}

}  // namespace

Command AddMonteCarloCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "montecarlo", "How robust each conclusion is: Monte Carlo over every uncertain parameter");
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  auto quiet = std::make_shared<bool>(false);
  command->add_option("file", *file, "Case or portfolio file (YAML)")->required();
  auto table = std::make_shared<TableOptions>(*command, "montecarlo");
  table->AddSwitch("--lhs", "method", "lhs", "Same as --method lhs (Latin hypercube sampling)");
  command->add_option("--format", *format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  command->add_option("-o,--output", *output, "Write to this file instead of stdout ('-')");
  command->add_flag("-q,--quiet", *quiet, "No progress on stderr");
  return [=]() {
    const std::unique_ptr<MpiSession> mpi = MpiSession::StartIfLaunched();
    const Collective* collective = mpi ? &mpi->collective() : nullptr;
    const bool leader = collective == nullptr || collective->rank() == 0;
    Result<CommandOptions> given = table->Parse();
    if (!given) return leader ? FailUsage(given.error()) : kExitUsageError;
    Result<AnalysisOptions> options = ToAnalysisOptions(*given);
    if (!options) return leader ? FailUsage(options.error()) : kExitUsageError;
    if (options->threads == 0 && collective != nullptr) {
      // Share the node's cores among the processes mpirun placed on it.
      options->threads = std::max(1U, std::thread::hardware_concurrency() / LocalProcesses());
    }
    Result<Document> document = ReadDocumentFile(*file);
    if (!document) return leader ? Fail(document.error()) : kExitInputError;
    InterruptWatcher interrupt;
    const RunControl control = ProgressControl("montecarlo", interrupt.token(), *quiet, collective);
    if (const auto* portfolio = std::get_if<CompiledPortfolio>(&*document)) {
      std::vector<const CompiledCase*> cases;
      for (const CompiledCase& one : portfolio->cases) cases.push_back(&one);
      options->monte_carlo = true;
      Result<PortfolioAnalysis> analysis =
          AnalyzePortfolio(portfolio->definition, cases, *options, control);
      if (interrupt.interrupted()) {
        return leader ? Fail(InterruptWatcher::Cancelled("montecarlo")) : kExitInputError;
      }
      if (!analysis) return leader ? Fail(analysis.error()) : kExitInputError;
      if (!leader) return kExitOk;
      return Emit(*format == "json" ? PortfolioMonteCarloJson(*analysis)
                                    : PortfolioMonteCarloText(*analysis, *format == "markdown",
                                                              given->Count("top")),
                  *output);
    }
    const auto& compiled = std::get<CompiledCase>(*document);
    Result<CaseAnalysis> analysis = AnalyzeCase(compiled, *options, control);
    if (interrupt.interrupted()) {
      return leader ? Fail(InterruptWatcher::Cancelled("montecarlo")) : kExitInputError;
    }
    if (!analysis) return leader ? Fail(analysis.error()) : kExitInputError;
    if (!leader) return kExitOk;  // every process holds the result; rank 0 writes it
    const std::string text =
        *format == "json" ? MonteCarloJson(*analysis)
                          : MonteCarloText(*analysis, *format == "markdown", given->Count("top"));
    return Emit(text, *output);
  };
}

}  // namespace mend::cli
