#!/usr/bin/env bash
# Coherence benchmark (issue 3, section 6): generates the synthetic plan (100,000 documents, 1,000,000
# indicators; `jospar demo generate`, timed) into a fresh SQLite database with the Open SDG framework,
# then runs bench/coherence/coherence_bench (full check with memory, incremental re-check after real
# edits) and, as a baseline from the same run, two plain SQL scans with the sqlite3 shell that answer two
# of the same questions (documents below the top tier without a parent; plan indicators without a
# target). Writes bench/results/coherence.json. Called by scripts/bench.sh; runs alone too.
# BENCH_COHERENCE_DB=/path/plan.db keeps the generated plan: made there on the first run, reused (copied,
# since the benchmark's edits write to it) on later runs, so the 3-4 minutes of generation are paid once.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
DOCS=${BENCH_DOCUMENTS:-100000}
INDS=${BENCH_INDICATORS:-1000000}
export CCACHE_BASEDIR=$root
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target jospar jospar_coherence_bench >/dev/null
bin=$root/build/release/src/app/jospar
bench=$root/build/release/bench/coherence/jospar_coherence_bench
work=$(mktemp -d /tmp/jospar-coherence-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p bench/results
file=$work/plan.db
db="sqlite:$file"
generate() {  # $1: database file
  "$bin" migrate --db "sqlite:$1" >/dev/null
  "$bin" import open-sdg "$root/data/open-sdg-kz" --db "sqlite:$1" >/dev/null 2>&1
  echo "== coherence: generating $DOCS documents, $INDS indicators"
  local t0 t1
  t0=$(date +%s.%N)
  "$bin" demo generate --documents "$DOCS" --indicators "$INDS" --seed 42 --quiet --db "sqlite:$1"
  t1=$(date +%s.%N)
  gen_s=$(python3 -c "print(round($t1-$t0,1))")
}
gen_s=0
kept=${BENCH_COHERENCE_DB:-}
if [ -n "$kept" ]; then
  if [ ! -s "$kept" ]; then generate "$kept"; else echo "== coherence: reusing the plan in $kept (not regenerated)"; fi
  cp "$kept" "$file"
else
  generate "$file"
fi
# A plan kept from an older schema is migrated here (timed apart), so the check below runs on a normal,
# already-migrated database (migration 009 adds the narrow copies the snapshot reads and fills them).
m0=$(date +%s.%N)
"$bin" migrate --db "$db" >/dev/null
m1=$(date +%s.%N)
migrate_s=$(python3 -c "print(round($m1-$m0,1))")
db_mb=$(python3 -c "import os; print(round(os.path.getsize('$file')/1e6))")

sql_time() {  # query -> "count seconds"
  python3 - "$file" "$1" <<'PY'
import subprocess, sys, time
t = time.perf_counter()
out = subprocess.run(["sqlite3", sys.argv[1], sys.argv[2]], capture_output=True, text=True, check=True).stdout.strip()
print(out, round(time.perf_counter() - t, 3))
PY
}
read -r orphans orphans_s < <(sql_time "SELECT COUNT(*) FROM documents WHERE tier > 1 AND parent_id IS NULL AND status IN ('draft','approved','in_force')")
read -r notarget notarget_s < <(sql_time "SELECT COUNT(*) FROM indicators i JOIN goals g ON g.id = i.goal_id JOIN documents d ON d.id = g.document_id WHERE d.status IN ('draft','approved','in_force') AND (i.target_value IS NULL OR i.target_year IS NULL)")

# The same full check with glibc's malloc asked for transparent huge pages (a process setting an operator
# can give `jospar serve`): first, on the unedited plan, no edits. Then the measured run with default settings.
echo "== coherence: full check with GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (transparent huge pages for malloc)"
GLIBC_TUNABLES=glibc.malloc.hugetlb=1 "$bench" --db "$db" --edits 0 --json "$work/thp.json" | sed -n '1,8p'
echo "== coherence: default settings"
"$bench" --db "$db" --edits 20 --json "$work/bench.json" | tee "$work/bench.txt"
echo "  baseline, sqlite3 shell (a new process each, same database):"
echo "    documents below the top tier without a parent: $orphans in ${orphans_s} s"
echo "    plan indicators of live documents without a target: $notarget in ${notarget_s} s"
echo "  jospar migrate on the plan before the check: ${migrate_s} s (no-op when already migrated)"
if [ "$gen_s" = 0 ]; then echo "  plan reused from \$BENCH_COHERENCE_DB, database ${db_mb} MB"
else echo "  generating the plan (jospar demo generate): ${gen_s} s, database ${db_mb} MB"; fi

python3 - "$work/bench.json" "$orphans" "$orphans_s" "$notarget" "$notarget_s" "$gen_s" "$db_mb" "$DOCS" "$INDS" "$migrate_s" <<'PY'
import json, sys, datetime, platform
b = json.load(open(sys.argv[1]))
cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '?')
b["machine"] = {"cpu": cpu, "kernel": platform.release(), "date": datetime.datetime.utcnow().strftime('%Y-%m-%d')}
b["plan"] = {"documents": int(sys.argv[8]), "indicators": int(sys.argv[9]), "seed": 42,
             "generate_s": float(sys.argv[6]) or None, "database_mb": int(sys.argv[7]),
             "migrate_before_check_s": float(sys.argv[10])}
b["baseline_sql"] = {
  "documents_without_parent": {"count": int(sys.argv[2]), "seconds": float(sys.argv[3])},
  "live_indicators_without_target": {"count": int(sys.argv[4]), "seconds": float(sys.argv[5])}}
t = json.load(open(sys.argv[1].replace('bench.json', 'thp.json')))
b["with_glibc_malloc_hugetlb"] = {k: t[k] for k in ("findings", "errors", "warnings", "full_check_ms",
    "full_check_cpu_ms", "baseline_load_snapshot_ms", "baseline_load_snapshot_cpu_ms", "load_average_before",
    "peak_rss_mb")}
json.dump(b, open('bench/results/coherence.json', 'w'), indent=2)
PY
