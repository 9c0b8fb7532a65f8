// SPDX-License-Identifier: Apache-2.0
//
// The phases of `mend stability CASE --format json` on one case file, each timed on its own,
// beside a trivially parallel loop over arrays of the case's size measured in the same run (what
// the machine gives at that moment; compare phases by their ratio to it). The case is usually
// written by bench/make_stability_case.sh; bench/stability_command.sh times the whole command.
//
// Usage: stability_command_benchmark CASE.yaml [--benchmark_* flags]
#include <algorithm>
#include <cstdio>
#include <optional>
#include <ostream>
#include <random>
#include <streambuf>
#include <string>
#include <thread>

#include <benchmark/benchmark.h>

#include "mend/io/case_reader.hpp"
#include "mend/render/stability_json.hpp"
#include "mend/stability/stability.hpp"
#include "mend/stability/status_quo_analysis.hpp"

namespace mend {
namespace {

// An output stream that discards everything, as `-o /dev/null` does without the system calls.
class NullBuffer : public std::streambuf {
 protected:
  std::streamsize xsputn(const char*, std::streamsize count) override { return count; }
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
};

CompiledCase Load(const std::string& path) {
  ReadOptions options;
  options.limits.max_states = std::uint64_t{1} << 30;
  Result<Document> document = ReadDocumentFile(path, options);
  if (!document) {
    std::fprintf(stderr, "%s\n", document.error().ToString().c_str());
    std::exit(2);
  }
  return std::get<CompiledCase>(std::move(document).value());
}

// Whole seconds at the sizes that matter; wall time, as threads do the work.
void Unit(benchmark::internal::Benchmark* b) { b->Unit(benchmark::kMillisecond)->UseRealTime(); }

void Register(const std::string& path) {
  // Loaded once, lazily, so the load benchmark alone does not pay for it twice.
  static std::optional<CompiledCase> compiled;
  static std::optional<StabilityWithStatusQuo> analysis;
  auto loaded = [path]() -> const CompiledCase& {
    if (!compiled) compiled = Load(path);
    return *compiled;
  };
  auto analysed = [loaded]() -> const StabilityWithStatusQuo& {
    if (!analysis) analysis = AnalyzeStabilityAndStatusQuo(loaded(), {}).value();
    return *analysis;
  };

  Unit(benchmark::RegisterBenchmark("BM_Load", [path](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(Load(path).space.size());
  }));
  Unit(benchmark::RegisterBenchmark("BM_Stability", [loaded](benchmark::State& state) {
    const CompiledCase& c = loaded();
    for (auto _ : state) benchmark::DoNotOptimize(AnalyzeStability(c, {}).has_value());
    state.counters["states"] = static_cast<double>(c.space.size());
  }));
  Unit(benchmark::RegisterBenchmark("BM_StatusQuo", [loaded, analysed](benchmark::State& state) {
    const CompiledCase& c = loaded();
    const StabilityReport& report = analysed().report;
    for (auto _ : state) benchmark::DoNotOptimize(AnalyzeStatusQuo(c, report).has_value());
    state.counters["evolution"] = static_cast<double>(analysed().status_quo.evolution.size());
  }));
  Unit(benchmark::RegisterBenchmark("BM_StabilityAndStatusQuo", [loaded](benchmark::State& state) {
    const CompiledCase& c = loaded();
    for (auto _ : state) benchmark::DoNotOptimize(AnalyzeStabilityAndStatusQuo(c, {}).has_value());
  }));
  Unit(benchmark::RegisterBenchmark("BM_WriteJson", [loaded, analysed](benchmark::State& state) {
    const CompiledCase& c = loaded();
    const StabilityWithStatusQuo& a = analysed();
    NullBuffer null;
    std::ostream out(&null);
    for (auto _ : state) {
      benchmark::DoNotOptimize(
          WriteStabilityJson(out, c, a.report, a.status_quo, SanctionRule::kTextbook).has_value());
    }
  }));
  // The trivially parallel reference: random reads over arrays as large as the case's, split in
  // halves with nothing shared.
  Unit(benchmark::RegisterBenchmark("BM_ParallelReference",
                                    [loaded](benchmark::State& state) {
                                      const auto threads = static_cast<unsigned>(state.range(0));
                                      const std::size_t count = loaded().space.size();
                                      std::vector<double> values(count);
                                      std::vector<std::uint32_t> next(count);
                                      std::mt19937_64 rng(11);
                                      for (std::size_t k = 0; k < count; ++k) {
                                        values[k] = static_cast<double>(rng() % 1000);
                                        next[k] = static_cast<std::uint32_t>(rng() % count);
                                      }
                                      std::vector<double> out(count);
                                      for (auto _ : state) {
                                        auto work = [&](std::size_t begin, std::size_t end) {
                                          for (std::size_t k = begin; k < end; ++k) {
                                            const std::uint32_t a = next[k];
                                            out[k] = std::min(values[a], values[next[a]]);
                                          }
                                        };
                                        std::vector<std::thread> pool;
                                        for (unsigned t = 0; t < threads; ++t) {
                                          pool.emplace_back(work, count * t / threads,
                                                            count * (t + 1) / threads);
                                        }
                                        for (std::thread& t : pool) t.join();
                                        benchmark::DoNotOptimize(out.data());
                                      }
                                    })
           ->Arg(1)
           ->Arg(2));
}

}  // namespace
}  // namespace mend

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CASE.yaml [--benchmark_* flags]\n", argv[0]);
    return 2;
  }
  mend::Register(argv[1]);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
