#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang++-14, ASan + UBSan) and runs each for a
# given time on its seed corpus (fuzz/corpus/NAME) plus a working corpus kept in build/fuzz.
# A crash, leak, sanitizer report or timeout stops the run, leaves the input in
# build/fuzz/crashes/NAME/ and fails the script: turn it into a regression test (docs/fuzzing.md).
# Every run appends "date target seconds-run executions" to build/fuzz/fuzz-log.tsv.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (default 60 s, all targets)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(case_reader expression request); fi

# FUZZ_SKIP_BUILD=1 runs the targets as they were last built.
if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  if [ ! -f build/fuzz/CMakeCache.txt ]; then cmake --preset fuzz >/dev/null; fi
  fuzzers=()
  for target in "${targets[@]}"; do fuzzers+=("${target}_fuzzer"); done
  cmake --build build/fuzz --target "${fuzzers[@]}" -j "${FUZZ_JOBS:-2}"
fi

status=0
for target in "${targets[@]}"; do
  binary="build/fuzz/fuzz/${target}_fuzzer"
  work="build/fuzz/corpus/$target"
  crashes="build/fuzz/crashes/$target"
  mkdir -p "$work" "$crashes"
  log="build/fuzz/$target.log"
  echo "fuzz: $target for ${seconds}s"
  started=$SECONDS
  # -timeout: one input may take this long; -rss_limit_mb: the readers' budgets keep an input
  # far below it. The seed corpus is read, never written (the working corpus comes first).
  if ! "$binary" "$work" "fuzz/corpus/$target" -max_total_time="$seconds" -timeout=20 \
      -rss_limit_mb=2560 -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" \
      > "$log" 2>&1; then
    echo "fuzz: $target FAILED; see $log and $crashes/"
    tail -n 40 "$log"
    status=1
  fi
  executions="$(awk '/stat::number_of_executed_units/ {print $NF}' "$log")"
  # The seconds it really ran: a failure ends a target before its time.
  printf '%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$target" "$((SECONDS - started))" "${executions:-0}" \
    >> build/fuzz/fuzz-log.tsv
  echo "fuzz: $target ran ${executions:-0} inputs"
done
exit "$status"
