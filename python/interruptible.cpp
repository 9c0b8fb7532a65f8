// SPDX-License-Identifier: Apache-2.0
#include "interruptible.hpp"

#include <chrono>
#include <exception>
#include <future>
#include <thread>

#include <Python.h>
#include <pybind11/pybind11.h>

namespace mend::python {
namespace py = pybind11;

void RunInterruptiblyImpl(const std::function<void(std::stop_token)>& work) {
  constexpr auto kSignalCheck = std::chrono::milliseconds(50);
  std::stop_source stop;
  std::promise<void> done;
  std::future<void> finished = done.get_future();
  std::exception_ptr failure;
  bool interrupted = false;
  {
    py::gil_scoped_release release;
    std::jthread worker([&] {
      try {
        work(stop.get_token());
      } catch (...) {
        failure = std::current_exception();
      }
      done.set_value();
    });
    while (finished.wait_for(kSignalCheck) != std::future_status::ready) {
      py::gil_scoped_acquire acquire;
      // Runs the Python signal handlers; SIGINT's raises KeyboardInterrupt (returns -1).
      if (PyErr_CheckSignals() != 0) {
        interrupted = true;
        stop.request_stop();
        break;
      }
    }
    finished.wait();
  }  // the worker is joined, then the GIL is taken back
  if (interrupted) throw py::error_already_set();  // the pending KeyboardInterrupt
  if (failure) std::rethrow_exception(failure);
}

}  // namespace mend::python
