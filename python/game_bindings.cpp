// SPDX-License-Identifier: Apache-2.0
#include "game_bindings.hpp"

#include <string>

#include "case_bindings.hpp"
#include "errors.hpp"
#include "interruptible.hpp"
#include "json_to_python.hpp"
#include "source.hpp"

#include "mend/engine/game_run.hpp"
#include "mend/io/case_game.hpp"
#include "mend/render/game_json.hpp"

namespace mend::python {
namespace py = pybind11;
namespace {

py::object Game(py::handle source, bool pure, bool mixed) {
  if (pure && mixed) {
    RaiseError(Error::InvalidArgument("pure: excludes mixed; give at most one of them"), "pure");
  }
  const GameEquilibria which = pure    ? GameEquilibria::kPure
                               : mixed ? GameEquilibria::kMixed
                                       : GameEquilibria::kAll;
  // A loaded case, text (its first word NFG: Gambit's format, otherwise a case) or a path.
  const std::optional<Loaded> loaded = LoadedOf(source);
  const bool text = !loaded && IsText(source);
  const std::string content = text ? source.cast<std::string>() : "";
  const std::string file = loaded ? "" : text ? std::string(kTextSourceName) : PathOf(source);
  const CompiledCase* one = loaded ? &loaded->Case("game") : nullptr;
  Result<std::string> json =
      RunInterruptibly<Result<std::string>>([&](std::stop_token stop) -> Result<std::string> {
        MEND_TRY(NormalFormGame game, one != nullptr ? CaseNormalForm(*one)
                                      : text         ? ReadGameText(content, file)
                                                     : ReadGameFile(file));
        MEND_TRY(GameRun run, RunGame(game, which, file, stop));
        return GameJson(game, run.pure ? &*run.pure : nullptr, run.mixed ? &*run.mixed : nullptr);
      });
  return JsonToPython(ValueOrRaise(std::move(json)));
}

}  // namespace

void AddGameBindings(py::module_& module) {
  module.def("game", &Game, py::arg("source"), py::kw_only(), py::arg("pure") = false,
             py::arg("mixed") = false,
             "`mend game --format json` as a dict: a Gambit .nfg file (or its text, first word\n"
             "NFG), or the one-shot normal form of a case (a .yaml path, case text or a\n"
             "mend.Case). pure=True: only pure equilibria; mixed=True: only mixed ones (two\n"
             "players). Payoffs and probabilities are exact 'p/q' strings.");
}

}  // namespace mend::python
