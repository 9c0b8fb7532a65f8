// SPDX-License-Identifier: Apache-2.0
#include "mpi_collective.hpp"

#include <climits>
#include <cstdlib>

#ifdef MEND_HAS_MPI
#include <mpi.h>
#endif

namespace mend::cli {
namespace {

#ifdef MEND_HAS_MPI
// Set by mpirun/mpiexec (OpenMPI, MPICH/Hydra) or by Slurm's srun with PMI/PMIx.
bool LaunchedByMpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "PMI_RANK"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

class MpiCollective : public Collective {
 public:
  MpiCollective() {
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  int rank() const override { return rank_; }
  int size() const override { return size_; }

  std::vector<double> AllGather(std::span<const double> local) const override {
    // MPI counts are ints: a process's part must stay below 2^31 doubles (16 GiB).
    const int count =
        local.size() > static_cast<std::size_t>(INT_MAX) ? INT_MAX : static_cast<int>(local.size());
    std::vector<int> counts(static_cast<std::size_t>(size_));
    MPI_Allgather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, MPI_COMM_WORLD);
    std::vector<int> offsets(counts.size(), 0);
    long long total = 0;
    for (std::size_t r = 0; r < counts.size(); ++r) {
      offsets[r] = static_cast<int>(total);
      total += counts[r];
    }
    std::vector<double> all(static_cast<std::size_t>(total));
    MPI_Allgatherv(local.data(), count, MPI_DOUBLE, all.data(), counts.data(), offsets.data(),
                   MPI_DOUBLE, MPI_COMM_WORLD);
    return all;
  }

 private:
  int rank_ = 0;
  int size_ = 1;
};

class MpiSessionImpl : public MpiSession {
 public:
  MpiSessionImpl() { MPI_Init(nullptr, nullptr); }
  ~MpiSessionImpl() override { MPI_Finalize(); }
  const Collective& collective() const override { return *collective_; }
  void Start() { collective_ = std::make_unique<MpiCollective>(); }

 private:
  std::unique_ptr<MpiCollective> collective_;
};
#endif

}  // namespace

bool MpiAvailable() {
#ifdef MEND_HAS_MPI
  return true;
#else
  return false;
#endif
}

std::unique_ptr<MpiSession> MpiSession::StartIfLaunched() {
#ifdef MEND_HAS_MPI
  if (!LaunchedByMpi()) return nullptr;
  auto session = std::make_unique<MpiSessionImpl>();
  session->Start();
  return session;
#else
  return nullptr;
#endif
}

}  // namespace mend::cli
