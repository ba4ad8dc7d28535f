#!/usr/bin/env bash
# Installs what is missing, builds the release binary, creates the SQLite database, imports the Open SDG
# data, loads the demo plan, creates a demo admin (printed once) and serves the portal on
# http://localhost:8080 (override with JOSPAR_LISTEN).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CCACHE_BASEDIR=$PWD
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
bin=build/release/src/app/jospar
mkdir -p var
db="sqlite:var/jospar.db"
"$bin" migrate --db "$db"
"$bin" import open-sdg ../shared/data/open-sdg-kz --db "$db"
"$bin" demo load --db "$db"
exec "$bin" serve --db "$db" --data-dir var --listen "${JOSPAR_LISTEN:-127.0.0.1:8080}"
