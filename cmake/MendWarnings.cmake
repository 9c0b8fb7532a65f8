# mend::warnings: the project's warning set, linked PRIVATE so it never leaks to consumers.
add_library(mend_warnings INTERFACE)
add_library(mend::warnings ALIAS mend_warnings)
target_compile_options(mend_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough -Wno-missing-field-initializers)
# -Wno-missing-field-initializers: designated initializers ({.kind = ..., .options = ...}) leave
# defaulted members out on purpose; every member has a default initializer.
# -Wno-sign-conversion: size_t/index mixing is pervasive in STL-facing code and the checks that
# matter (narrowing of values) stay on through -Wconversion.
if(MEND_WARNINGS_AS_ERRORS)
  target_compile_options(mend_warnings INTERFACE -Werror)
endif()
if(MEND_ENABLE_ASSERTS)
  target_compile_definitions(mend_warnings INTERFACE MEND_ENABLE_ASSERTS=1)
endif()
install(TARGETS mend_warnings EXPORT mendTargets)
