#!/usr/bin/env bash
# Keeps the layering of STYLE.md: core includes no I/O, SQL, JSON or HTTP library; only the store holds
# SQL; only src/web/server.cpp includes RESTinio; web does not include the store implementation.
set -euo pipefail
root=${1:-.}
fail=0
check() {  # pattern, paths..., message
  local pattern=$1 msg=$2; shift 2
  if grep -rnE "$pattern" "$@" 2>/dev/null; then echo "architecture: $msg"; fail=1; fi
}
# Pure cryptographic functions (libsodium: SHA-256, Ed25519) are allowed in core: they do no I/O. Key
# generation (randomness) and key files live in app/.
check '#include [<"](sqlite3|libpq-fe|pqxx|nlohmann|restinio|yaml-cpp|asio|spdlog|unicode/)' \
  "architecture: core must not include I/O, JSON, HTTP or ICU headers" "$root/src/core"
check '#include [<"]store/' "web must not include the store implementation" "$root/src/web"
# Pure cryptographic functions (libsodium: SHA-256, Ed25519) are allowed in core: they do no I/O. Key
# generation (randomness) and key files live in app/.
check '#include [<"](sqlite3|libpq-fe)' "only the store talks to databases" "$root/src/web" "$root/src/formats" "$root/src/analytics"
check '\b(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM)\b' "SQL belongs in src/store" "$root/src/core" "$root/src/web" "$root/src/formats"
files=$(grep -rlE '#include [<"]restinio' "$root/src" | grep -v 'src/web/server.cpp' || true)
if [[ -n $files ]]; then echo "architecture: RESTinio included outside src/web/server.cpp: $files"; fail=1; fi
if ((fail)); then exit 1; fi
echo "architecture: layering ok"
