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
#include "mpi_collective.hpp"
#include "output.hpp"
#include <fmt/format.h>
#include <unistd.h>

#include "mend/io/case_reader.hpp"
#include "mend/io/montecarlo_json.hpp"
#include "mend/uncertainty/monte_carlo.hpp"
#include "mend/uncertainty/sensitivity.hpp"

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

// States listed in the readable formats (JSON lists all).
constexpr std::size_t kMaxStatesListed = 16;

std::string Number(double value) {
  if (value == 0) return "0";
  return fmt::format("{:.4g}", value);
}

std::string Percent(double p) { return fmt::format("{:.1f}%", 100 * p); }

class Table {
 public:
  // The first `left` columns are text (left-aligned); the others are figures.
  Table(bool markdown, std::size_t left) : markdown_(markdown), left_(left) {}
  void Row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  std::string str() const {
    if (rows_.empty()) return "";
    std::vector<std::size_t> width(rows_[0].size(), 0);
    for (const auto& row : rows_) {
      for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
    }
    std::string out;
    for (std::size_t r = 0; r < rows_.size(); ++r) {
      std::string line = markdown_ ? "|" : " ";
      for (std::size_t c = 0; c < rows_[r].size(); ++c) {
        const std::string pad(width[c] - rows_[r][c].size(), ' ');
        line +=
            " " + (c < left_ ? rows_[r][c] + pad : pad + rows_[r][c]) + (markdown_ ? " |" : " ");
      }
      out += line + "\n";
      if (r == 0 && markdown_) {
        std::string rule = "|";
        for (std::size_t c = 0; c < width.size(); ++c) {
          rule += (c < left_ ? " :" : " ") +
                  std::string(std::max<std::size_t>(width[c], 2) - 1, '-') +
                  (c < left_ ? " |" : ": |");
        }
        out += rule + "\n";
      }
    }
    return out;
  }

 private:
  bool markdown_;
  std::size_t left_;
  std::vector<std::vector<std::string>> rows_;
};

std::string Readable(const CompiledCase& compiled, const MonteCarloResult& mc,
                     const std::vector<SensitivityEntry>& sensitivity, bool markdown) {
  const CaseDefinition& definition = compiled.definition;
  const StateSpace& space = compiled.space;
  auto heading = [&](int level, const std::string& text) {
    return markdown ? std::string(static_cast<std::size_t>(level) + 1, '#') + " " + text + "\n\n"
                    : text + "\n" + std::string(text.size(), level == 0 ? '=' : '-') + "\n";
  };
  auto pattern = [&](const std::optional<StateId>& s) {
    return s ? space.Pattern(*s) : std::string("none");
  };
  std::string out =
      heading(0, fmt::format("Monte Carlo: {} ({})", definition.title.text, definition.id));
  out += fmt::format("{} samples ({}), seed {}. Central default {}, central alternative {}.\n",
                     mc.options.samples,
                     mc.options.method == SamplingMethod::kLatinHypercube ? "Latin hypercube"
                                                                          : "plain Monte Carlo",
                     mc.options.seed, pattern(mc.central_default), pattern(mc.central_alternative));
  if (mc.p_cycle > 0) {
    out += fmt::format("In {} of the samples best-response dynamics cycle: no single default.\n",
                       Percent(mc.p_cycle));
  }
  out += "\n" + heading(1, "How likely each state is");
  std::vector<const StateProbabilities*> listed;
  for (const StateProbabilities& p : mc.states) {
    const bool any =
        p.p_default > 0 || p.p_alternative > 0 || p.p_pareto_improves_default > 0 ||
        std::any_of(p.p_equilibrium.begin(), p.p_equilibrium.end(), [](double x) { return x > 0; });
    if (any) listed.push_back(&p);
  }
  std::stable_sort(listed.begin(), listed.end(), [](const auto* a, const auto* b) {
    return a->p_alternative + a->p_default > b->p_alternative + b->p_default;
  });
  Table states(markdown, 1);
  states.Row({"state", "Nash", "GMR", "SMR", "SEQ", "default", "improves default", "recommended"});
  for (std::size_t i = 0; i < listed.size() && i < kMaxStatesListed; ++i) {
    const StateProbabilities& p = *listed[i];
    states.Row({space.Pattern(p.state), Percent(p.p_equilibrium[0]), Percent(p.p_equilibrium[1]),
                Percent(p.p_equilibrium[2]), Percent(p.p_equilibrium[3]), Percent(p.p_default),
                Percent(p.p_pareto_improves_default), Percent(p.p_alternative)});
  }
  out += states.str();
  if (listed.size() > kMaxStatesListed) {
    out += fmt::format("... {} more states with a non-zero probability (see --format json)\n",
                       listed.size() - kMaxStatesListed);
  }
  out += "\n" + heading(1, "The ledger under uncertainty");
  if (mc.ledger.empty()) {
    out +=
        "Nothing Pareto-improves the central default: the conflict is not unnecessary under the "
        "central assumptions, and there is no ledger to sample.\n";
  } else {
    out += fmt::format(
        "What each actor gains in {} over the default {} (u(a*) − u(d)), over the "
        "samples.\n\n",
        pattern(mc.central_alternative), pattern(mc.central_default));
    Table ledger(markdown, 1);
    ledger.Row({"actor", "mean", "median", "p5", "p95", "P(loss)"});
    for (const LedgerDistribution& entry : mc.ledger) {
      const std::string& id = definition.actors[entry.actor.value].id;
      if (!entry.cardinal) {
        ledger.Row({id, "ordinal", "", "", "", ""});
        continue;
      }
      ledger.Row({id, Number(entry.mean), Number(entry.median), Number(entry.p5), Number(entry.p95),
                  Percent(entry.p_loss)});
    }
    out += ledger.str();
  }
  out += "\n" + heading(1, "Sensitivity: each parameter at its 5th and 95th percentile");
  std::vector<const SensitivityEntry*> tornado;
  for (const SensitivityEntry& entry : sensitivity) tornado.push_back(&entry);
  // Ledger figures by swing, largest first (the tornado); conclusions after them.
  std::stable_sort(tornado.begin(), tornado.end(), [](const auto* a, const auto* b) {
    const bool la = a->figure == SensitivityFigure::kLedgerTotal;
    const bool lb = b->figure == SensitivityFigure::kLedgerTotal;
    if (la != lb) return la;
    return std::abs(a->high - a->low) > std::abs(b->high - b->low);
  });
  Table table(markdown, 2);
  table.Row({"parameter", "figure", "at p5", "at p95", "switching value"});
  for (const SensitivityEntry* entry : tornado) {
    std::string low;
    std::string high;
    switch (entry->figure) {
      case SensitivityFigure::kLedgerTotal:
        low = Number(entry->low);
        high = Number(entry->high);
        break;
      case SensitivityFigure::kDefaultDominated:
        low = entry->low != 0 ? "yes" : "no";
        high = entry->high != 0 ? "yes" : "no";
        break;
      case SensitivityFigure::kAlternative:
        low = pattern(entry->low_state);
        high = pattern(entry->high_state);
        break;
    }
    const std::string switching = entry->switching_value
                                      ? fmt::format("{} (p{:.0f})", Number(*entry->switching_value),
                                                    100 * *entry->switching_quantile)
                                      : "no switch within the range";
    table.Row({definition.parameters[entry->parameter].id,
               SensitivityFigureName(definition, *entry), low, high, switching});
  }
  out += tornado.empty() ? "No parameter is uncertain.\n" : table.str();
  return out;
}

}  // namespace

Command AddMonteCarloCommand(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "montecarlo", "How robust each conclusion is: Monte Carlo over every uncertain parameter");
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto output = std::make_shared<std::string>();
  auto samples = std::make_shared<std::uint64_t>(10000);
  auto seed = std::make_shared<std::uint64_t>(1);
  auto threads = std::make_shared<unsigned>(0);
  auto latin = std::make_shared<bool>(false);
  auto concept_name = std::make_shared<std::string>("seq");
  auto quiet = std::make_shared<bool>(false);
  command->add_option("file", *file, "Case file (YAML)")->required();
  command->add_option("--samples", *samples, "Number of samples")->capture_default_str();
  command->add_option("--seed", *seed, "Random seed")->capture_default_str();
  command
      ->add_option("--threads", *threads,
                   "Worker threads per process (0 = all cores, shared among the processes "
                   "mpirun puts on a node)")
      ->capture_default_str();
  command->add_flag("--lhs", *latin, "Latin hypercube sampling instead of plain Monte Carlo");
  command
      ->add_option(
          "--concept", *concept_name,
          "Prefer alternatives that are equilibria under this concept: nash, gmr, smr, seq")
      ->check(CLI::IsMember({"nash", "gmr", "smr", "seq"}))
      ->capture_default_str();
  command->add_option("--format", *format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  command->add_option("-o,--output", *output, "Write to this file instead of stdout ('-')");
  command->add_flag("-q,--quiet", *quiet, "No progress on stderr");
  return [=]() {
    const std::unique_ptr<MpiSession> mpi = MpiSession::StartIfLaunched();
    const Collective* collective = mpi ? &mpi->collective() : nullptr;
    const bool leader = collective == nullptr || collective->rank() == 0;
    Result<Document> document = ReadDocumentFile(*file);
    if (!document) return leader ? Report(document.error()) : kExitInputError;
    const auto* compiled = std::get_if<CompiledCase>(&*document);
    if (compiled == nullptr) {
      if (leader)
        std::fprintf(stderr, "error: mend montecarlo takes a case file, not a portfolio\n");
      return kExitInputError;
    }
    MonteCarloOptions options;
    options.seed = *seed;
    options.samples = *samples;
    options.method = *latin ? SamplingMethod::kLatinHypercube : SamplingMethod::kMonteCarlo;
    options.threads = *threads;
    if (options.threads == 0 && collective != nullptr) {
      // Share the node's cores among the processes mpirun placed on it.
      options.threads = std::max(1U, std::thread::hardware_concurrency() / LocalProcesses());
    }
    options.concept_id = *ParseStabilityConcept(*concept_name);
    const bool tty = isatty(STDERR_FILENO) != 0;
    int last_reported = -1;
    auto progress = [&](std::uint64_t done, std::uint64_t total) {
      if (*quiet || !leader || total == 0) return;
      const int percent = static_cast<int>(100 * done / total);
      // Every 10 % in a log, every percent on a terminal.
      const int step = tty ? percent : percent / 10 * 10;
      if (step == last_reported) return;
      last_reported = step;
      std::fprintf(stderr,
                   tty ? "\rmend montecarlo: %3d%% of %llu samples%s"
                       : "mend montecarlo: %d%% of %llu samples%s",
                   step, static_cast<unsigned long long>(options.samples),
                   tty ? (done == total ? "\n" : "") : "\n");
      std::fflush(stderr);
    };
    Result<MonteCarloResult> mc = RunMonteCarlo(*compiled, options, collective, {}, progress);
    if (!mc) return leader ? Report(mc.error()) : kExitInputError;
    if (!leader) return kExitOk;  // every process holds the result; rank 0 writes it
    SensitivityOptions sensitivity_options;
    sensitivity_options.concept_id = options.concept_id;
    Result<std::vector<SensitivityEntry>> sensitivity =
        AnalyzeSensitivity(*compiled, *mc, sensitivity_options);
    if (!sensitivity) return Report(sensitivity.error());
    const std::string text = *format == "json"
                                 ? MonteCarloJson(*compiled, *mc, *sensitivity)
                                 : Readable(*compiled, *mc, *sensitivity, *format == "markdown");
    return Emit(text, *output);
  };
}

}  // namespace mend::cli
