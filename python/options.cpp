// SPDX-License-Identifier: Apache-2.0
#include "options.hpp"

#include <string>
#include <utility>
#include <vector>

#include "errors.hpp"

namespace mend::python {
namespace py = pybind11;
namespace {

OptionInput InputOf(py::handle value) {
  // bool is an int in Python; no option takes one.
  if (py::isinstance<py::bool_>(value)) return OptionInput::Other(py::repr(value));
  if (py::isinstance<py::int_>(value)) {
    // Through double, as a JSON number is: the table checks the range and integrality.
    return OptionInput::Number(value.cast<double>(), true);
  }
  if (py::isinstance<py::float_>(value)) {
    const double number = value.cast<double>();
    return OptionInput::Number(number, false);
  }
  if (py::isinstance<py::str>(value)) return OptionInput::Text(value.cast<std::string>());
  if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    std::vector<OptionInput> items;
    for (py::handle item : value) items.push_back(InputOf(item));
    return OptionInput::List(std::move(items));
  }
  return OptionInput::Other(py::repr(value));
}

// Option messages read "NAME: expected ..."; the name is the key.
std::string OptionKey(const Error& error) {
  const std::size_t colon = error.message.find(": ");
  return colon == std::string::npos ? "" : error.message.substr(0, colon);
}

}  // namespace

CommandOptions CommandOptionsOf(std::string_view command, const py::kwargs& kwargs) {
  const CommandSpec* spec = FindCommand(command);
  if (spec == nullptr) {
    RaiseError(Error::Internal(std::string(command) + ": not a command of the engine's table"));
  }
  std::vector<std::pair<std::string, OptionInput>> inputs;
  for (const auto& [name, value] : kwargs) {
    inputs.emplace_back(name.cast<std::string>(), InputOf(value));
  }
  Result<CommandOptions> options = ParseCommandOptions(*spec, inputs);
  if (!options) RaiseError(options.error(), OptionKey(options.error()));
  return std::move(options).value();
}

AnalysisOptions AnalysisOptionsOf(std::string_view command, const py::kwargs& kwargs) {
  Result<AnalysisOptions> options = ToAnalysisOptions(CommandOptionsOf(command, kwargs));
  if (!options) RaiseError(options.error(), OptionKey(options.error()));
  return std::move(options).value();
}

}  // namespace mend::python
