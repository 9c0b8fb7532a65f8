// SPDX-License-Identifier: Apache-2.0
#include "analysis_bindings.hpp"

#include <string>
#include <vector>

#include "errors.hpp"
#include "interruptible.hpp"
#include "json_to_python.hpp"
#include "options.hpp"
#include "source.hpp"

#include "mend/engine/case_analysis.hpp"
#include "mend/engine/lens_runs.hpp"
#include "mend/engine/portfolio_analysis.hpp"
#include "mend/engine/stability_run.hpp"
#include "mend/render/analysis_json.hpp"
#include "mend/render/bridge_json.hpp"
#include "mend/render/json_writer.hpp"
#include "mend/render/lenses_json.hpp"
#include "mend/render/montecarlo_json.hpp"
#include "mend/render/stability_json.hpp"

namespace mend::python {
namespace py = pybind11;
namespace {

// Runs `work` (engine and renderer, no Python) interruptibly and returns its JSON as dicts.
template <typename Work>
py::object RunToPython(Work&& work) {
  Result<std::string> json = RunInterruptibly<Result<std::string>>(std::forward<Work>(work));
  return JsonToPython(ValueOrRaise(std::move(json)));
}

py::object States(py::handle source) {
  const Loaded loaded = LoadSource(source);
  return RunToPython([&](std::stop_token) -> Result<std::string> {
    return loaded.is_portfolio() ? StatesJson(loaded.portfolio()) : StatesJson(*loaded.one);
  });
}

py::object Stability(py::handle source, const py::kwargs& kwargs) {
  const AnalysisOptions options = AnalysisOptionsOf("stability", kwargs);
  const Loaded loaded = LoadSource(source);
  const CompiledCase& compiled = loaded.Case("stability");
  return RunToPython([&](std::stop_token stop) -> Result<std::string> {
    MEND_TRY(StabilityRun run, RunStability(compiled, options, RunControl{.stop = stop}));
    return StabilityJson(compiled, run.report, run.status_quo, options.sanctions);
  });
}

py::object Analyze(py::handle source, const py::kwargs& kwargs) {
  const AnalysisOptions options = AnalysisOptionsOf("analyze", kwargs);
  const Loaded loaded = LoadSource(source);
  return RunToPython([&](std::stop_token stop) -> Result<std::string> {
    const RunControl control{.stop = stop};
    if (!loaded.is_portfolio()) {
      MEND_TRY(CaseAnalysis analysis, AnalyzeCase(*loaded.one, options, control));
      return AnalysisJson(analysis);
    }
    const CompiledPortfolio& portfolio = loaded.portfolio();
    std::vector<const CompiledCase*> cases;
    for (const CompiledCase& one : portfolio.cases) cases.push_back(&one);
    MEND_TRY(PortfolioAnalysis analysis,
             AnalyzePortfolio(portfolio.definition, cases, options, control));
    return PortfolioAnalysisJson(portfolio.definition.id, analysis.cases,
                                 LinkageJson(analysis.linkage));
  });
}

py::object MonteCarlo(py::handle source, const py::kwargs& kwargs) {
  const AnalysisOptions options = AnalysisOptionsOf("montecarlo", kwargs);
  const Loaded loaded = LoadSource(source);
  return RunToPython([&](std::stop_token stop) -> Result<std::string> {
    const RunControl control{.stop = stop};
    if (!loaded.is_portfolio()) {
      MEND_TRY(CaseAnalysis analysis, AnalyzeCase(*loaded.one, options, control));
      return MonteCarloJson(analysis);
    }
    const CompiledPortfolio& portfolio = loaded.portfolio();
    std::vector<const CompiledCase*> cases;
    for (const CompiledCase& one : portfolio.cases) cases.push_back(&one);
    MEND_TRY(PortfolioAnalysis analysis,
             AnalyzePortfolio(portfolio.definition, cases, options, control));
    return PortfolioMonteCarloJson(analysis);
  });
}

py::object Bridge(py::handle source, const py::kwargs& kwargs) {
  const CommandOptions given = CommandOptionsOf("bridge", kwargs);
  const AnalysisOptions options = ValueOrRaise(ToAnalysisOptions(given));
  const Loaded loaded = LoadSource(source);
  const CompiledCase& compiled = loaded.Case("bridge");
  std::optional<StateId> target;
  if (given.Has("target")) {
    target = ValueOrRaise(FeasibleStateOf(compiled, given.Text("target"), "target"));
  }
  return RunToPython([&](std::stop_token stop) -> Result<std::string> {
    MEND_TRY(CaseAnalysis analysis, AnalyzeCase(compiled, options, RunControl{.stop = stop}));
    MEND_TRY(BridgeReport report, RunBridge(analysis, target, given.Count("limit")));
    return BridgeJson(*analysis.compiled, report);
  });
}

}  // namespace

void AddAnalysisBindings(py::module_& module) {
  module.def("states", &States, py::arg("source"),
             "`mend states --format json` as a dict: every feasible state's number, pattern and\n"
             "each actor's utility (for a portfolio, per case). mend.utilities() gives the same\n"
             "utilities as a numpy array.");
  module.def("stability", &Stability, py::arg("source"),
             "`mend stability --format json` as a dict. Options: concepts, sanctions, threads.");
  module.def("analyze", &Analyze, py::arg("source"),
             "`mend analyze --format json` as a dict (a case or a portfolio). Options: concept,\n"
             "sanctions, samples, seed, method, threads.");
  module.def(
      "montecarlo", &MonteCarlo, py::arg("source"),
      "`mend montecarlo --format json` as a dict (a case or a portfolio). Options: concept,\n"
      "sanctions, samples, seed, method, threads.");
  module.def("bridge", &Bridge, py::arg("source"),
             "`mend bridge --format json` as a dict: what it would take to reach a blocked state.\n"
             "Options: target (a pattern), limit, concept, sanctions, samples, seed, method,\n"
             "threads.");
}

}  // namespace mend::python
