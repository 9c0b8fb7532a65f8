# mend_add_test(name SOURCES ... DEPS ... LABELS ...): a GoogleTest executable registered with
# CTest, test by test. mend_add_benchmark(name SOURCES ... DEPS ...): a Google Benchmark program.
include(GoogleTest)

function(mend_add_test name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;DEPS;LABELS")
  if(NOT MEND_BUILD_TESTS)
    return()
  endif()
  add_executable(${name} ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE ${arg_DEPS} mend::warnings GTest::gmock GTest::gtest_main)
  # TIMEOUT is a guard against hangs (hostile input, deadlocks), generous enough for sanitizer
  # builds; speed itself is measured by the benchmarks, never asserted in tests.
  gtest_discover_tests(${name}
    PROPERTIES LABELS "${arg_LABELS}" TIMEOUT 600
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    DISCOVERY_TIMEOUT 60)
endfunction()

function(mend_add_benchmark name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;DEPS")
  if(NOT MEND_BUILD_BENCHMARKS)
    return()
  endif()
  add_executable(${name} ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE ${arg_DEPS} mend::warnings benchmark::benchmark)
endfunction()
