#!/usr/bin/env bash
# Installs what Jospar's build, tests and benchmarks need on Debian 12, skipping what is present.
# Idempotent: running it again installs nothing new. Also installs the browser tests' npm packages
# from the committed lock file into tests/browser/node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev libspdlog-dev
  nlohmann-json3-dev libexpected-dev libcli11-dev libyaml-cpp-dev libkainjow-mustache-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql libcurl4-openssl-dev
  libicu-dev libstemmer-dev libsodium-dev libjemalloc-dev
  libzip-dev libxml2-dev libxlsxwriter-dev
  liboath-dev libqrencode-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-14 libclang-rt-14-dev clang-format-14
  wrk nginx-light curl python3
  python3-sklearn python3-yaml time
  chromium nodejs npm
  python3-aiosmtpd
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# nodejs/npm may come from outside Debian's packages on some machines: a working node+npm is enough.
if command -v node >/dev/null && command -v npm >/dev/null; then
  tmp=(); for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || tmp+=("$p"); done
  missing=("${tmp[@]+"${tmp[@]}"}")
fi

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup: all Debian packages present"
fi

if [[ -f tests/browser/package-lock.json ]]; then
  if [[ ! -d tests/browser/node_modules ]] || [[ tests/browser/package-lock.json -nt tests/browser/node_modules ]]; then
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
    touch tests/browser/node_modules
  fi
fi
