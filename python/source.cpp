// SPDX-License-Identifier: Apache-2.0
#include "source.hpp"

#include "case_bindings.hpp"
#include "errors.hpp"
#include "interruptible.hpp"
#include <fmt/format.h>

namespace mend::python {
namespace py = pybind11;

const CompiledCase& Loaded::Case(std::string_view command) const {
  if (one == nullptr) {
    RaiseError(Error::InvalidArgument(
        fmt::format("mend.{} takes a case, not the portfolio '{}'; pick one of load(...).cases",
                    command, portfolio().definition.id)));
  }
  return *one;
}

bool IsText(py::handle source) {
  return py::isinstance<py::str>(source) &&
         source.cast<std::string>().find('\n') != std::string::npos;
}

std::string PathOf(py::handle source) {
  if (py::isinstance<py::str>(source)) return source.cast<std::string>();
  const py::module_ os = py::module_::import("os");
  if (!py::isinstance(source, os.attr("PathLike"))) {
    throw py::type_error(
        fmt::format("expected a mend.Case, a path or the text of a case, got {}",
                    py::str(py::type::handle_of(source).attr("__name__")).cast<std::string>()));
  }
  return os.attr("fsdecode")(source).cast<std::string>();
}

Loaded LoadSource(py::handle source) {
  if (const std::optional<Loaded> loaded = LoadedOf(source)) return *loaded;
  Loaded loaded;
  if (IsText(source)) {
    const std::string text = source.cast<std::string>();
    Result<CompiledCase> compiled = RunInterruptibly<Result<CompiledCase>>(
        [&](std::stop_token) { return ReadCase(text, std::string(kTextSourceName)); });
    loaded.document = std::make_shared<const Document>(ValueOrRaise(std::move(compiled)));
  } else {
    const std::string path = PathOf(source);
    Result<Document> document =
        RunInterruptibly<Result<Document>>([&](std::stop_token) { return ReadDocumentFile(path); });
    loaded.document = std::make_shared<const Document>(ValueOrRaise(std::move(document)));
  }
  loaded.one = std::get_if<CompiledCase>(loaded.document.get());
  return loaded;
}

}  // namespace mend::python
