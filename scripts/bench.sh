#!/usr/bin/env bash
# The benchmark: builds the release preset, times the full Open SDG import, then loads the server with wrk
# (64 connections) on the JSON indicator read and the indicator HTML page, and in the same run nginx
# serving a static file of the same size as the JSON response. Prints requests/s, p50/p99, the ratio to
# nginx and the server's peak RSS; writes bench/results/*.json. Reports only: it never fails on a figure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}

scripts/setup.sh >/dev/null
export CCACHE_BASEDIR=$root  # cache hits across clones in different folders
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target jospar
bin=$root/build/release/src/app/jospar
data=$root/data/open-sdg-kz
work=$(mktemp -d /tmp/jospar-bench.XXXXXX)
server_pid=""; nginx_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  [[ -n $nginx_pid ]] && kill "$nginx_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mkdir -p bench/results

# --- 1. Open SDG import: three runs into fresh databases, median wall time --------------------------
import_times=()
for run in 1 2 3; do
  db="sqlite:$work/import$run.db"
  "$bin" migrate --db "$db" >/dev/null
  t0=$(date +%s.%N)
  "$bin" import open-sdg "$data" --db "$db" >/dev/null 2>&1
  t1=$(date +%s.%N)
  import_times+=("$(python3 -c "print(round($t1-$t0,3))")")
done
import_median=$(printf '%s\n' "${import_times[@]}" | sort -n | sed -n 2p)
echo "import: Open SDG full import ${import_times[*]} s (median $import_median s)"

# --- 2. Server and nginx under wrk -------------------------------------------------------------------
db="sqlite:$work/serve.db"
"$bin" migrate --db "$db" >/dev/null
"$bin" import open-sdg "$data" --db "$db" >/dev/null 2>&1
"$bin" demo load --db "$db" >/dev/null 2>&1
port=$(free_port)
"$bin" serve --db "$db" --data-dir "$work" --listen "127.0.0.1:$port" --threads "$(nproc)" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
ind_id=$(curl -sf "http://127.0.0.1:$port/api/v1/indicators?limit=1&q=1.1.1" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
json_url="http://127.0.0.1:$port/api/v1/indicators/$ind_id"
html_url="http://127.0.0.1:$port/en/indicators/$ind_id"
curl -sf "$json_url" >"$work/static.json"
html_bytes=$(curl -sf "$html_url" | wc -c)

nport=$(free_port)
mkdir -p "$work/nginx/www"
cp "$work/static.json" "$work/nginx/www/file.json"
chmod -R a+rX "$work"  # nginx's workers run as an unprivileged user
cat >"$work/nginx/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:$nport; root $work/nginx/www; }
}
NGINX
nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nport/file.json" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$nport/file.json" >/dev/null || { echo "bench: nginx does not serve the file" >&2; exit 1; }

run_wrk() {  # name url
  local out="$work/wrk-$1.txt"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$2" >"$out"
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
# Warm up, then measure.
wrk -t2 -c"$CONNECTIONS" -d2s "$json_url" >/dev/null
nginx_res=$(run_wrk nginx_static "http://127.0.0.1:$nport/file.json")
json_res=$(run_wrk api_indicator_json "$json_url")
html_res=$(run_wrk indicator_html "$html_url")
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")

python3 - "$nginx_res" "$json_res" "$html_res" "$rss_kb" "$import_median" "$(nproc)" "$html_bytes" \
  "$(stat -c %s "$work/static.json")" <<'PY'
import json, sys, platform, datetime, subprocess
nginx, js, html = (json.loads(a) for a in sys.argv[1:4])
rss_mb = int(sys.argv[4]) / 1024
imp = float(sys.argv[5])
cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '?')
machine = {"cpu": cpu, "cores": int(sys.argv[6]), "kernel": platform.release(),
           "date": datetime.datetime.utcnow().strftime('%Y-%m-%d')}
for r in (js, html):
    r["ratio_to_nginx"] = round(r["rps"] / nginx["rps"], 3)
http = {"machine": machine, "connections": 64, "nginx_static": nginx, "api_indicator_json": js,
        "indicator_html": html, "server_peak_rss_mb": round(rss_mb, 1),
        "json_bytes": int(sys.argv[8]), "html_bytes": int(sys.argv[7]),
        "targets": {"json_ratio": 0.6, "json_p99_ms": 10, "html_ratio": 0.3, "rss_mb": 100}}
json.dump(http, open('bench/results/http.json', 'w'), indent=2)
json.dump({"machine": machine, "open_sdg_import_s": imp, "target_s": 5}, open('bench/results/import.json', 'w'), indent=2)
print()
print(f"machine: {cpu}, {machine['cores']} cores (wrk runs on the same cores)")
print(f"{'endpoint':24} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'vs nginx':>9}  target")
print(f"{'nginx static file':24} {nginx['rps']:10.0f} {nginx['p50_ms']:8.2f} {nginx['p99_ms']:8.2f} {1:9.2f}")
print(f"{'GET /api/v1/indicators/ID':24} {js['rps']:10.0f} {js['p50_ms']:8.2f} {js['p99_ms']:8.2f} {js['ratio_to_nginx']:9.2f}  >=0.6, p99<10ms")
print(f"{'indicator HTML page':24} {html['rps']:10.0f} {html['p50_ms']:8.2f} {html['p99_ms']:8.2f} {html['ratio_to_nginx']:9.2f}  >=0.3")
print(f"server peak RSS: {rss_mb:.1f} MB (target < 100 MB)")
print(f"Open SDG import: {imp:.2f} s (target < 5 s)")
for r in (js, html, nginx):
    if r["non_2xx"] or r["socket_errors"]:
        print(f"WARNING {r['name']}: non-2xx {r['non_2xx']}, socket errors {r['socket_errors']}")
PY
# Other benchmarks register here as they are built (bench/*.sh, each printing its figures).
for extra in bench/*.sh; do [[ -x $extra ]] && "$extra"; done
exit 0
