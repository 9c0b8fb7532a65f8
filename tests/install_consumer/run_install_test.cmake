# Installs mend's build tree into a fresh prefix, then configures, builds and runs the consumer
# in tests/install_consumer against it. Run by CTest (install_consumer) as:
#   cmake -DMEND_BUILD_DIR=... -DMEND_SOURCE_DIR=... -DWORK_DIR=... -DGENERATOR=... -P this file
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${what} failed (${status}):\n${out}\n${err}")
  endif()
  message(STATUS "${what}: ok")
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

run("install" ${CMAKE_COMMAND} --install "${MEND_BUILD_DIR}" --prefix "${prefix}")
run("configure consumer" ${CMAKE_COMMAND} -S "${MEND_SOURCE_DIR}/tests/install_consumer"
    -B "${WORK_DIR}/build" -G "${GENERATOR}" -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_BUILD_TYPE=Release)
run("build consumer" ${CMAKE_COMMAND} --build "${WORK_DIR}/build")
run("run consumer" "${WORK_DIR}/build/mend_consumer")
message(STATUS "${last_output}")
