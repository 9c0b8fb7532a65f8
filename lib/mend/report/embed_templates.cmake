# Writes OUTPUT, a C++ file defining mend::internal::EmbeddedTemplate over every file given in
# FILES (paths relative to ROOT). Run with `cmake -P` at build time whenever a template changes.
set(body "")
string(REPLACE "," ";" file_list "${FILES}")
foreach(relative IN LISTS file_list)
  file(READ "${ROOT}/${relative}" text)
  string(FIND "${text}" ")mend_template\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${relative} contains the raw-string delimiter")
  endif()
  string(APPEND body "  if (path == \"${relative}\") return std::string_view(R\"mend_template(${text})mend_template\");\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from lib/mend/report/templates by embed_templates.cmake; do not edit.
#include \"mend/report/internal/templates.hpp\"

namespace mend::internal {

std::optional<std::string_view> EmbeddedTemplate(std::string_view path) {
${body}  return std::nullopt;
}

}  // namespace mend::internal
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
