#!/usr/bin/env bash
# PostgreSQL beside SQLite (issue 11, section 4): the same `jospar serve` (release build) on each backend,
# loaded by wrk with the JSON indicator read (GET /api/v1/indicators/{id}) and a durable write mix
# (3 of 4: an indicator value reported, POST /api/v1/indicators/{id}/observations; 1 of 4: a plan edit,
# POST /api/v1/goals; each one transaction with its history row and transparency-log entry, committed to
# disk: SQLite synchronous=FULL, PostgreSQL with fsync on and synchronous_commit on). The unsafe-request
# limit stays on with a burst no client reaches, so the write path pays for the limiter's turn (on
# PostgreSQL one UPSERT in the database). One server at a time on the same cores as wrk. Prints both and
# writes bench/results/backends.json. Called by scripts/bench.sh; runs alone too.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
DURATION=${BENCH_DURATION:-10s}
READ_CONNECTIONS=${BENCH_CONNECTIONS:-64}
WRITE_CONNECTIONS=${BENCH_WRITE_CONNECTIONS:-16}
export CCACHE_BASEDIR=$root
cmake --preset release ${JOSPAR_CMAKE_ARGS:-} >/dev/null  # e.g. JOSPAR_CMAKE_ARGS=-DJOSPAR_WERROR=OFF
cmake --build --preset release -j"$(nproc)" --target jospar >/dev/null
bin=$root/build/release/src/app/jospar
data=$root/data/open-sdg-kz
work=$(mktemp -d /tmp/jospar-bench-backends.XXXXXX)
chmod 755 "$work"
server_pid=""
source scripts/pg-cluster.sh
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  pg_cluster_stop || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mkdir -p bench/results
echo "== PostgreSQL beside SQLite: JSON read and durable write mix"
PG_CLUSTER_FSYNC=on pg_cluster_start >/dev/null

cat >"$work/writes.lua" <<'LUA'
-- The durable write mix: 3 reported values to 1 new goal, each request unique (thread id, counter).
local counter = 0
local next_tid = 0
function setup(thread) next_tid = next_tid + 1; thread:set("bench_tid", next_tid) end
function request()
  counter = counter + 1
  local h = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN") }
  if counter % 4 == 0 then
    local body = string.format('{"document_id":%s,"code":"B%d.%d","title":{"en":"Bench goal"}}',
      os.getenv("BENCH_DOC"), bench_tid, counter)
    return wrk.format("POST", "/api/v1/goals", h, body)
  end
  local body = string.format('{"period":"2025","value":%d,"series":"B%d-%d"}', counter, bench_tid, counter)
  return wrk.format("POST", "/api/v1/indicators/" .. os.getenv("BENCH_IND") .. "/observations", h, body)
end
LUA

run_wrk() {  # name connections url [script]
  local out="$work/wrk-$1.txt"
  if [[ -n ${4:-} ]]; then
    wrk -t2 -c"$2" -d"$DURATION" --latency -s "$4" "$3" >"$out"
  else
    wrk -t2 -c"$2" -d"$DURATION" --latency "$3" >"$out"
  fi
  python3 - "$1" "$out" <<'PY'
import re, sys, json
name, path = sys.argv[1], sys.argv[2]
t = open(path).read()
def lat(p):
    m = re.search(r'^\s+%s%%\s+([\d.]+)(us|ms|s)' % p, t, re.M)
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == 'us' else v * 1000 if u == 's' else v
rps = float(re.search(r'Requests/sec:\s+([\d.]+)', t).group(1))
non2xx = re.search(r'Non-2xx or 3xx responses: (\d+)', t)
errs = re.search(r'Socket errors: (.*)', t)
print(json.dumps({"name": name, "rps": rps, "p50_ms": lat(50), "p99_ms": lat(99),
                  "non_2xx": int(non2xx.group(1)) if non2xx else 0, "socket_errors": errs.group(1) if errs else ""}))
PY
}

results=()
for backend in sqlite postgresql; do
  if [[ $backend == sqlite ]]; then db="sqlite:$work/bench.db"; else db=$PG_URL; fi
  "$bin" migrate --db "$db" >/dev/null
  "$bin" import open-sdg "$data" --db "$db" >/dev/null 2>&1
  "$bin" user add bench --role admin --db "$db" >/dev/null
  token=$("$bin" user token bench --db "$db" 2>/dev/null | grep '^jsp_')
  port=$(free_port)
  "$bin" serve --db "$db" --data-dir "$work/var-$backend" --listen "127.0.0.1:$port" --threads "$(nproc)" \
    --access-log false --write-burst 1000000 --write-per-minute 60000 >"$work/server-$backend.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  api() { curl -sf -X "$1" -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$port$2" ${3:+-d "$3"}; }
  id_of() { python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
  ind_id=$(curl -sf "http://127.0.0.1:$port/api/v1/indicators?limit=1&q=1.1.1" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  doc=$(api POST /api/v1/documents '{"code":"BENCH","tier":2,"type":"national_plan","title":{"en":"Bench"}}' | id_of)
  wrk -t2 -c"$READ_CONNECTIONS" -d2s "http://127.0.0.1:$port/api/v1/indicators/$ind_id" >/dev/null
  results+=("$(run_wrk "${backend}_json_read" "$READ_CONNECTIONS" "http://127.0.0.1:$port/api/v1/indicators/$ind_id")")
  results+=("$(BENCH_TOKEN=$token BENCH_DOC=$doc BENCH_IND=$ind_id \
    run_wrk "${backend}_write_mix" "$WRITE_CONNECTIONS" "http://127.0.0.1:$port" "$work/writes.lua")")
  rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
  results+=("{\"name\": \"${backend}_rss\", \"rss_mb\": $((rss_kb / 1024))}")
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
done

python3 - "$(nproc)" "$READ_CONNECTIONS" "$WRITE_CONNECTIONS" "$DURATION" "${results[@]}" <<'PY'
import json, sys, platform, datetime, os
cores, rc, wc, dur = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rs = {r["name"]: r for r in (json.loads(a) for a in sys.argv[5:])}
cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '?')
machine = {"cpu": cpu, "cores": cores, "kernel": platform.release(), "load_avg": os.getloadavg()[0],
           "date": datetime.datetime.utcnow().strftime('%Y-%m-%d %H:%M')}
out = {"machine": machine, "read_connections": rc, "write_connections": wc, "duration": dur, "results": rs}
json.dump(out, open('bench/results/backends.json', 'w'), indent=2)
print(f"machine: {cpu}, {cores} cores, load average {machine['load_avg']:.2f} (wrk on the same cores)")
print(f"{'':30} {'SQLite req/s':>13} {'p50/p99 ms':>14} {'PostgreSQL req/s':>17} {'p50/p99 ms':>14}")
for what, label, c in (("json_read", "GET /api/v1/indicators/ID", rc), ("write_mix", "durable write mix", wc)):
    s, p = rs[f"sqlite_{what}"], rs[f"postgresql_{what}"]
    print(f"{label + f' ({c} conn)':30} {s['rps']:13.0f} {s['p50_ms']:6.2f}/{s['p99_ms']:<7.2f} "
          f"{p['rps']:17.0f} {p['p50_ms']:6.2f}/{p['p99_ms']:<7.2f}")
print(f"server peak RSS: SQLite {rs['sqlite_rss']['rss_mb']} MB, PostgreSQL {rs['postgresql_rss']['rss_mb']} MB "
      "(the jospar process; PostgreSQL's own processes not counted)")
for r in rs.values():
    if r.get("non_2xx") or r.get("socket_errors"):
        print(f"WARNING {r['name']}: non-2xx {r['non_2xx']}, socket errors {r['socket_errors']}")
PY
