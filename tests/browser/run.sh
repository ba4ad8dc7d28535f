#!/usr/bin/env bash
# Browser tests of the portal: loads the real Open SDG data and the demo plan into a temporary SQLite
# database, creates a planner and an executor, serves the portal on a free loopback port and runs the
# node:test suites here (playwright-core driving Debian's Chromium, axe-core for WCAG 2.1 AA).
# Builds nothing: uses build/debug/src/app/jospar (scripts/test.sh builds it first). Stops its server
# and removes its files on exit.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${JOSPAR_BIN:-$root/build/debug/src/app/jospar}
chromium=${CHROMIUM:-/usr/bin/chromium}

if [[ ! -x $bin ]]; then echo "browser tests: $bin is missing; build first (cmake --build --preset debug)" >&2; exit 1; fi
if [[ ! -x $chromium ]]; then echo "browser tests: $chromium is missing (apt-get install chromium)" >&2; exit 1; fi
if [[ ! -d $here/node_modules/playwright-core || ! -d $here/node_modules/axe-core ]]; then
  echo "browser tests: node_modules missing; run scripts/setup.sh (npm ci in tests/browser)" >&2; exit 1
fi

work=$(mktemp -d /tmp/jospar-browser.XXXXXX)
server_pid=""
cleanup() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
db="sqlite:$work/jospar.db"
cd "$root"
echo "browser tests: loading Open SDG data and the demo plan"
"$bin" import open-sdg "$root/data/open-sdg-kz" --db "$db" >"$work/import.log" 2>&1 ||
  { cat "$work/import.log" >&2; exit 1; }
"$bin" demo load --db "$db" >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; exit 1; }

export JOSPAR_PLANNER=planner-bt JOSPAR_PLANNER_PASSWORD="planner-pass-$RANDOM$RANDOM"
export JOSPAR_EXECUTOR=executor-bt JOSPAR_EXECUTOR_PASSWORD="executor-pass-$RANDOM$RANDOM"
export JOSPAR_EXECUTOR_BODY=MLSP
echo "$JOSPAR_PLANNER_PASSWORD" | "$bin" user add "$JOSPAR_PLANNER" --role planner --password-stdin --db "$db" >/dev/null
echo "$JOSPAR_EXECUTOR_PASSWORD" | "$bin" user add "$JOSPAR_EXECUTOR" --role executor --body "$JOSPAR_EXECUTOR_BODY" \
  --password-stdin --db "$db" >/dev/null
# A planner of its own for second_factor.test.mjs, which switches two-factor sign-in on.
export JOSPAR_TWOFA=twofa-bt JOSPAR_TWOFA_PASSWORD="twofa-pass-$RANDOM$RANDOM"
echo "$JOSPAR_TWOFA_PASSWORD" | "$bin" user add "$JOSPAR_TWOFA" --role planner --password-stdin --db "$db" >/dev/null

port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});')
export JOSPAR_URL="http://127.0.0.1:$port"
# No SMTP: the server writes each mail as an .eml file under DATA-DIR/mail (persons.test.mjs reads the links
# in them), looking at the outbox every second; the links in mail point at this server.
export JOSPAR_MAIL_DIR="$work/mail"
"$bin" serve --db "$db" --listen "127.0.0.1:$port" --data-dir "$work" --mail-interval 1 --public-url "$JOSPAR_URL" \
  >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 150); do
  if curl -fsS -o /dev/null "$JOSPAR_URL/en/" 2>/dev/null; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/server.log" >&2; echo "browser tests: server exited" >&2; exit 1; fi
  sleep 0.2
done
curl -fsS -o /dev/null "$JOSPAR_URL/en/" || { cat "$work/server.log" >&2; echo "browser tests: server not ready" >&2; exit 1; }

export CHROMIUM="$chromium" JOSPAR_BROWSER_TMP="$work"
cd "$here"
status=0
# BROWSER_TESTS="progress.test.mjs ..." runs only those suites (default: all).
# shellcheck disable=SC2086
node --test --test-concurrency=1 ${BROWSER_TESTS:-./*.test.mjs} || status=$?
if grep -qE "ERROR: AddressSanitizer|runtime error:|LeakSanitizer" "$work/server.log"; then
  echo "browser tests: the server reported a sanitizer error" >&2; status=1
fi
if ((status)); then echo "--- server log (tail) ---" >&2; tail -n 50 "$work/server.log" >&2; fi
exit $status
