#!/usr/bin/env bash
# Runs every test: installs what is missing, builds the debug preset (ASan+UBSan), starts a throwaway
# PostgreSQL cluster for the store contract suite, runs the C++ suites (ctest), the unit suite again in the
# release build, the browser tests in Debian's Chromium, a bounded fuzzing run and the format check. Exits
# non-zero if anything fails, and ends with one line per stage run and its wall time (also after a failure).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

stages=()
stage() {  # stage NAME COMMAND...: runs the command and notes its wall time
  local name=$1 start=$SECONDS
  shift
  "$@"
  stages+=("$(printf '%-12s %5ds' "$name" $((SECONDS - start)))")
}
report() {
  local status=$?
  echo "---- stages (wall time) ----"
  for s in "${stages[@]+"${stages[@]}"}"; do echo "stage $s"; done
  echo "total        $(printf '%5ds' "$SECONDS")"
  if declare -F pg_cluster_stop >/dev/null; then pg_cluster_stop || true; fi
  return $status
}
trap report EXIT

build_debug() {
  cmake --preset debug >/dev/null
  cmake --build --preset debug -j"$(nproc)"
}
run_ctest() {
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  ctest --test-dir build/debug --output-on-failure -j"$(nproc)"
}
browser() { if [[ -x tests/browser/run.sh ]]; then tests/browser/run.sh; fi; }
# The unit suite once more in the release build (-O2, no sanitizers): optimisation changes what is inlined,
# and failures that only show there (two copies of a library's globals, say) are caught before a release.
# Only the unit test target and what it links are built (ccache keeps this short). Warnings are errors in
# the debug build above, which compiles every file; here they are not, because GCC 12 at -O3 reports false
# positives inside libstdc++ (bugs 105329 and kin) that say nothing about the code under test.
release_unit() {
  cmake --preset release -DJOSPAR_WERROR=OFF >/dev/null
  cmake --build --preset release --target jospar_unit_tests -j"$(nproc)"
  build/release/tests/jospar_unit_tests --gtest_brief=1
}
fuzz() { if [[ -x tests/fuzz/run.sh ]]; then tests/fuzz/run.sh; fi; }

stage setup scripts/setup.sh
export CCACHE_BASEDIR=$root  # cache hits across clones in different folders
stage build build_debug

# PostgreSQL for the store contract suite and the outage test: started here, stopped on exit.
source scripts/pg-cluster.sh
stage postgres pg_cluster_start
export JOSPAR_TEST_PG_URL=$PG_URL
export JOSPAR_PG_CTL="$PG_CTL_CMD"

stage ctest run_ctest
stage release release_unit
stage browser browser
stage fuzz fuzz
stage format scripts/format.sh --check
echo "all test suites passed"
