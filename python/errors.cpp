// SPDX-License-Identifier: Apache-2.0
#include "errors.hpp"

#include <Python.h>

namespace mend::python {
namespace py = pybind11;
namespace {

// Owned by the module for the life of the interpreter (a static py::object would be released
// after the interpreter has gone).
PyObject* error_type = nullptr;

constexpr const char* kErrorDoc =
    "An input or analysis error of mend. str(error) is the CLI's error line; the attributes\n"
    "code ('invalid-argument', 'not-found', 'io', ...), message, file, line, column and key\n"
    "(None when unknown) carry its parts.";

}  // namespace

void AddErrors(py::module_& module) {
  error_type = PyErr_NewExceptionWithDoc("mend.MendError", kErrorDoc, PyExc_Exception, nullptr);
  if (error_type == nullptr) throw py::error_already_set();
  module.add_object("MendError", py::handle(error_type));
}

void RaiseError(const Error& error, const std::string& key) {
  const py::handle type(error_type);
  py::object instance = type(error.ToString());
  const auto or_none = [](bool known, auto value) -> py::object {
    return known ? py::cast(value) : py::none();
  };
  const std::string own_key = key.empty() ? error.Key() : key;
  instance.attr("code") = ErrorCodeName(error.code);
  instance.attr("message") = error.message;
  instance.attr("file") = or_none(error.where.known(), error.where.file);
  instance.attr("line") = or_none(error.where.line > 0, error.where.line);
  instance.attr("column") = or_none(error.where.column > 0, error.where.column);
  instance.attr("key") = or_none(!own_key.empty(), own_key);
  PyErr_SetObject(error_type, instance.ptr());
  throw py::error_already_set();
}

}  // namespace mend::python
