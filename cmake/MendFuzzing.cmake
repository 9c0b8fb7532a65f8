# The fuzz preset: every target is instrumented for libFuzzer's coverage and checked by ASan and
# UBSan; only the targets under fuzz/ link libFuzzer's main.
if(MEND_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "MEND_BUILD_FUZZERS needs clang (the fuzz preset uses clang++-14)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
