#!/usr/bin/env bash
# Bounded fuzzing run: builds the libFuzzer targets (preset `fuzz`, clang-14, ASan+UBSan) and runs each for
# JOSPAR_FUZZ_SECONDS (default 30) seconds from the committed seed corpus. Fails on any crash, leak,
# sanitizer report or timeout; the crashing input is left in build/fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
export CCACHE_BASEDIR=$root  # the same compiler cache as the other builds, hits across clones
secs=${JOSPAR_FUZZ_SECONDS:-30}
targets=(fuzz_csv fuzz_opensdg_yaml fuzz_demo_plan fuzz_xlsx fuzz_legacy_csv fuzz_ledger fuzz_iin fuzz_workdays
  fuzz_registration_form fuzz_breached_passwords)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)" --target "${targets[@]}"

artifacts=$root/build/fuzz/artifacts
mkdir -p "$artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# One target per core at a time: each run is single-threaded, so two cores halve the stage's wall time.
run_one() {
  local t=$1 corpus=tests/fuzz/corpus/${1#fuzz_} scratch
  scratch=$(mktemp -d)  # new inputs go here; the committed corpus is only read
  if ! build/fuzz/tests/fuzz/$t -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
      -artifact_prefix="$artifacts/$t-" -print_final_stats=1 "$scratch" "$corpus" 2>"$scratch.log"; then
    tail -n 60 "$scratch.log"
    echo "fuzz: $t FAILED (artifacts in $artifacts)"
    rm -rf "$scratch" "$scratch.log"
    return 1
  fi
  echo "fuzz: $t ran ${secs}s: $(grep -E '^stat::number_of_executed_units' "$scratch.log" | tr -s ' ')"
  rm -rf "$scratch" "$scratch.log"
}
export -f run_one
export secs artifacts
printf '%s\n' "${targets[@]}" | xargs -P "$(nproc)" -I{} bash -c 'run_one "$@"' _ {}
echo "fuzz: all targets ran without a crash"
