// SPDX-License-Identifier: Apache-2.0
#include "case_bindings.hpp"

#include <fmt/format.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

namespace mend::python {
namespace py = pybind11;
namespace {

struct CaseObject {
  Loaded loaded;
};
struct PortfolioObject {
  Loaded loaded;
};

py::object Wrap(const Loaded& loaded) {
  if (loaded.is_portfolio()) return py::cast(PortfolioObject{loaded});
  return py::cast(CaseObject{loaded});
}

// Actors × states, copied: the array outlives nothing and may be changed freely.
py::array_t<double> Utilities(const CompiledCase& compiled) {
  const std::vector<std::vector<double>>& table = compiled.utilities.utility;
  const auto states = static_cast<py::ssize_t>(compiled.space.size());
  py::array_t<double> array({static_cast<py::ssize_t>(table.size()), states});
  auto cells = array.mutable_unchecked<2>();
  for (std::size_t a = 0; a < table.size(); ++a) {
    for (py::ssize_t s = 0; s < states; ++s) {
      cells(static_cast<py::ssize_t>(a), s) = table[a][static_cast<std::size_t>(s)];
    }
  }
  return array;
}

py::dict Validate(const Loaded& loaded) {
  py::dict result;
  if (loaded.is_portfolio()) {
    const CompiledPortfolio& portfolio = loaded.portfolio();
    result["kind"] = "portfolio";
    result["id"] = portfolio.definition.id;
    result["cases"] = portfolio.cases.size();
  } else {
    result["kind"] = "case";
    result["id"] = loaded.one->definition.id;
    result["options"] = loaded.one->definition.option_count();
    result["states"] = loaded.one->space.size();
  }
  return result;
}

void AddCaseClass(py::module_& module) {
  py::class_<CaseObject>(module, "Case",
                         "A case read by mend.load(): pass it to any binding instead of a path "
                         "or text, to read it only once.")
      .def_property_readonly("id", [](const CaseObject& c) { return c.loaded.one->definition.id; })
      .def_property_readonly(
          "title", [](const CaseObject& c) { return c.loaded.one->definition.title.text; })
      .def_property_readonly(
          "actors",
          [](const CaseObject& c) {
            std::vector<std::string> ids;
            for (const Actor& actor : c.loaded.one->definition.actors) ids.push_back(actor.id);
            return ids;
          },
          "Actor ids in file order: the rows of `utilities`.")
      .def_property_readonly(
          "options",
          [](const CaseObject& c) {
            std::vector<std::string> ids;
            for (const Option& option : c.loaded.one->definition.options) ids.push_back(option.id);
            return ids;
          },
          "Option ids in file order: the letters of a pattern.")
      .def_property_readonly(
          "patterns",
          [](const CaseObject& c) {
            const StateSpace& space = c.loaded.one->space;
            std::vector<std::string> patterns;
            patterns.reserve(space.size());
            for (std::uint32_t s = 0; s < space.size(); ++s) {
              patterns.push_back(space.Pattern(StateId{s}));
            }
            return patterns;
          },
          "The feasible states' Y/N patterns in `mend states` order: the columns of "
          "`utilities`.")
      .def_property_readonly("status_quo",
                             [](const CaseObject& c) {
                               const CaseDefinition& definition = c.loaded.one->definition;
                               return definition.PatternOf(definition.status_quo);
                             })
      .def_property_readonly(
          "utilities", [](const CaseObject& c) { return Utilities(*c.loaded.one); },
          "Every actor's utility in every feasible state at the parameters' central values (the "
          "figures of `mend states`): a float64 array of shape (actors, states).")
      .def("__repr__", [](const CaseObject& c) {
        return fmt::format("<mend.Case '{}': {} options, {} feasible states>",
                           c.loaded.one->definition.id, c.loaded.one->definition.option_count(),
                           c.loaded.one->space.size());
      });
}

void AddPortfolioClass(py::module_& module) {
  py::class_<PortfolioObject>(module, "Portfolio", "A portfolio read by mend.load().")
      .def_property_readonly(
          "id", [](const PortfolioObject& p) { return p.loaded.portfolio().definition.id; })
      .def_property_readonly(
          "title",
          [](const PortfolioObject& p) { return p.loaded.portfolio().definition.title.text; })
      .def_property_readonly(
          "cases",
          [](const PortfolioObject& p) {
            py::list cases;
            for (const CompiledCase& one : p.loaded.portfolio().cases) {
              cases.append(CaseObject{Loaded{p.loaded.document, &one}});
            }
            return cases;
          },
          "The portfolio's cases (mend.Case), in file order.")
      .def("__repr__", [](const PortfolioObject& p) {
        return fmt::format("<mend.Portfolio '{}': {} cases>", p.loaded.portfolio().definition.id,
                           p.loaded.portfolio().cases.size());
      });
}

}  // namespace

std::optional<Loaded> LoadedOf(py::handle source) {
  if (py::isinstance<CaseObject>(source)) return source.cast<const CaseObject&>().loaded;
  if (py::isinstance<PortfolioObject>(source)) {
    return source.cast<const PortfolioObject&>().loaded;
  }
  return std::nullopt;
}

void AddCaseBindings(py::module_& module) {
  AddCaseClass(module);
  AddPortfolioClass(module);
  module.def(
      "load", [](py::handle source) { return Wrap(LoadSource(source)); }, py::arg("source"),
      "Reads a case or portfolio (a path, or the text of a case) once: returns a mend.Case or a\n"
      "mend.Portfolio that every binding takes in place of the path. Raises MendError.");
  module.def(
      "validate", [](py::handle source) { return Validate(LoadSource(source)); }, py::arg("source"),
      "Checks a case or portfolio as `mend validate` does. Returns {'kind': 'case', 'id', "
      "'options',\n'states'} or {'kind': 'portfolio', 'id', 'cases'}; raises MendError (located) "
      "otherwise.");
  module.def(
      "utilities",
      [](py::handle source) { return Utilities(LoadSource(source).Case("utilities")); },
      py::arg("source"),
      "Every actor's utility in every feasible state (the figures of `mend states`): a float64\n"
      "numpy array of shape (actors, states), rows in the order of Case.actors, columns in the\n"
      "order of the states of mend.states().");
}

}  // namespace mend::python
