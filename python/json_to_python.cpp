// SPDX-License-Identifier: Apache-2.0
#include "json_to_python.hpp"

#include <nlohmann/json.hpp>

namespace mend::python {
namespace py = pybind11;
namespace {

// ordered_json keeps the renderer's key order, which dicts then keep too.
py::object ToPython(const nlohmann::ordered_json& value) {
  using Type = nlohmann::ordered_json::value_t;
  switch (value.type()) {
    case Type::null:
    case Type::discarded:
      return py::none();
    case Type::boolean:
      return py::bool_(value.get<bool>());
    case Type::number_integer:
      return py::int_(value.get<std::int64_t>());
    case Type::number_unsigned:
      return py::int_(value.get<std::uint64_t>());
    case Type::number_float:
      return py::float_(value.get<double>());
    case Type::string:
      return py::str(value.get_ref<const std::string&>());
    case Type::array: {
      py::list list(value.size());
      std::size_t k = 0;
      for (const auto& item : value) list[k++] = ToPython(item);
      return list;
    }
    case Type::object: {
      py::dict dict;
      for (const auto& [key, item] : value.items()) dict[py::str(key)] = ToPython(item);
      return dict;
    }
    case Type::binary:
      break;
  }
  return py::none();  // binary values never come out of the renderers
}

}  // namespace

py::object JsonToPython(std::string_view json) {
  return ToPython(nlohmann::ordered_json::parse(json.begin(), json.end()));
}

}  // namespace mend::python
