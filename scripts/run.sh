#!/usr/bin/env bash
# Installs what is missing, builds the release binary, creates the SQLite database, imports the Open SDG
# data, loads the demo plan, creates a demo admin (printed once) and serves the portal on
# http://localhost:8080 (override with JOSPAR_LISTEN).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CCACHE_BASEDIR=$PWD
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target jospar
bin=build/release/src/app/jospar
mkdir -p var
db="sqlite:var/jospar.db"
"$bin" migrate --db "$db"
"$bin" import open-sdg data/open-sdg-kz --db "$db"
"$bin" demo load --db "$db"
# Demo accounts, created once; their generated passwords are printed now and kept in var/demo-accounts.txt
# (readable only by you) so that a later run can show them again.
accounts=var/demo-accounts.txt
existing=$("$bin" user list --db "$db" | cut -f2)
for spec in "admin admin" "planner planner" "executor executor MDD"; do
  read -r name role body <<<"$spec"
  grep -qx "$name" <<<"$existing" && continue
  password=$("$bin" user add "$name" --role "$role" ${body:+--body "$body"} --db "$db" | sed -n 's/^password: //p')
  (umask 077; echo "$name ($role${body:+, body $body}): password $password" >>"$accounts")
done
[[ -f $accounts ]] && { echo "demo accounts (from $accounts):"; cat "$accounts"; }
exec "$bin" serve --db "$db" --data-dir var --listen "${JOSPAR_LISTEN:-127.0.0.1:8080}"
