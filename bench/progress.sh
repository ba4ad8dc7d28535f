#!/usr/bin/env bash
# Progress roll-up benchmark (issue 3, section 6): the roll-up of the whole synthetic plan (100,000
# documents, 1,000,000 indicators) must take under 1 s. Printed beside its baseline from the same run (the
# same status rule as a SQLite GROUP BY); when `jospar demo generate` exists, also on a generated plan
# loaded from SQLite, beside the time to load it. Writes bench/results/progress.json (and
# progress_db.json). Called by scripts/bench.sh; runs alone too.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CCACHE_BASEDIR=$root
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target jospar_progress_bench jospar >/dev/null
mkdir -p bench/results
bench=$root/build/release/bench/progress/jospar_progress_bench
echo "== progress roll-up (synthetic plan in memory)"
"$bench" --documents 100000 --indicators 1000000 --seed 42 --json bench/results/progress.json

bin=$root/build/release/src/app/jospar
if "$bin" demo generate --help >/dev/null 2>&1; then
  work=$(mktemp -d /tmp/jospar-progress-bench.XXXXXX)
  trap 'rm -rf "$work"' EXIT
  db="sqlite:$work/plan.db"
  "$bin" migrate --db "$db" >/dev/null
  echo "== progress roll-up (plan made by jospar demo generate, loaded from SQLite)"
  "$bin" demo generate --documents 100000 --indicators 1000000 --seed 42 --db "$db" >/dev/null
  "$bench" --db "$db" --json bench/results/progress_db.json
else
  echo "(jospar demo generate is not available: the database variant is skipped)"
fi
