// SPDX-License-Identifier: Apache-2.0
//
// The MPI adapter of the Monte Carlo Collective. The `mend` binary links MPI when the build
// finds it, but only initialises it when started by mpirun (OpenMPI, MPICH or Slurm's PMI set
// their variables in the environment); otherwise it runs as a single process, as always.
//
// Example:
//   std::unique_ptr<MpiSession> mpi = MpiSession::StartIfLaunched();   // null: not under mpirun
//   const Collective* collective = mpi ? &mpi->collective() : nullptr;
#pragma once

#include <memory>

#include "mend/engine/run_control.hpp"

namespace mend::cli {

class MpiSession {
 public:
  /// Initialises MPI when the process was launched by an MPI starter and the binary has MPI;
  /// returns null otherwise. MPI is finalised when the session is destroyed.
  static std::unique_ptr<MpiSession> StartIfLaunched();

  virtual ~MpiSession() = default;
  virtual const Collective& collective() const = 0;
};

/// True when the build linked MPI.
bool MpiAvailable();

}  // namespace mend::cli
