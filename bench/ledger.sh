#!/usr/bin/env bash
# Transparency log benchmark (issue 4, section 4): durable appends per second beside raw SQLite single-row
# inserts with the same durability (WAL, synchronous=FULL, one commit each) in the same run; inclusion-proof
# generation on a 10,000,000-entry log (target < 1 ms each, memory printed); `jospar ledger check`
# throughput in entries/s on an export of 1,000,000 entries. Writes bench/results/ledger.json. The large
# log is built once by bulk inserts into build/release/bench-ledger/ (about 4 GB) and reused by later runs.
# Called by scripts/bench.sh; runs alone too. JOSPAR_LEDGER_BENCH_LOG / _CHECK_LOG change the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CCACHE_BASEDIR=$root
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target jospar_ledger_bench jospar >/dev/null
mkdir -p bench/results
echo "== transparency log"
"$root/build/release/bench/ledger/jospar_ledger_bench" --work "$root/build/release/bench-ledger" \
  --proof-log "${JOSPAR_LEDGER_BENCH_LOG:-10000000}" --check-log "${JOSPAR_LEDGER_BENCH_CHECK_LOG:-1000000}" \
  --jospar "$root/build/release/src/app/jospar" --json bench/results/ledger.json
