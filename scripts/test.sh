#!/usr/bin/env bash
# Runs every test: installs what is missing, builds the debug preset (ASan+UBSan), starts a throwaway
# PostgreSQL cluster for the store contract suite, runs the C++ suites (ctest), the unit suite again in the
# release build, the browser tests in Debian's Chromium, a bounded fuzzing run and the format check. Exits
# non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

scripts/setup.sh

export CCACHE_BASEDIR=$root  # cache hits across clones in different folders
cmake --preset debug >/dev/null
cmake --build --preset debug -j"$(nproc)"

# PostgreSQL for the store contract suite and the outage test: started here, stopped on exit.
source scripts/pg-cluster.sh
pg_cluster_start
trap pg_cluster_stop EXIT
export JOSPAR_TEST_PG_URL=$PG_URL
export JOSPAR_PG_CTL="$PG_CTL_CMD"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir build/debug --output-on-failure -j"$(nproc)"

# The unit suite once more in the release build (-O2, no sanitizers): optimisation changes what is inlined,
# and failures that only show there (two copies of a library's globals, say) are caught before a release.
# Only the unit test target and what it links are built (ccache keeps this short).
cmake --preset release >/dev/null
cmake --build --preset release --target jospar_unit_tests -j"$(nproc)"
build/release/tests/jospar_unit_tests --gtest_brief=1

if [[ -x tests/browser/run.sh ]]; then tests/browser/run.sh; fi
if [[ -x tests/fuzz/run.sh ]]; then tests/fuzz/run.sh; fi
scripts/format.sh --check
echo "all test suites passed"
