#!/usr/bin/env bash
# Keeps the layering of STYLE.md, by path:
# - layers: core includes nothing of store, web, formats, analytics or app and no I/O, SQL, JSON, HTTP or
#   ICU header; only the store holds SQL and talks to databases; web does not include the store; only
#   src/web/server.cpp includes RESTinio.
# - modules: a file under <layer>/<module>/ includes the folders of other modules only in the directions
#   allowed below (plan, people and voice use base, audit, accounts and ledger; voice may use plan; plan
#   uses neither people nor voice), in every layer.
set -euo pipefail
root=${1:-.}
fail=0
check() {  # pattern, message, paths...
  local pattern=$1 msg=$2; shift 2
  if grep -rnE "$pattern" "$@" 2>/dev/null; then echo "architecture: $msg"; fail=1; fi
}
# Pure cryptographic functions (libsodium: SHA-256, Ed25519) are allowed in core: they do no I/O. Key
# generation (randomness) and key files live in app/.
check '#include [<"](sqlite3|libpq-fe|pqxx|nlohmann|restinio|yaml-cpp|asio|spdlog|unicode/|curl/)' \
  "core must not include I/O, JSON, HTTP or ICU headers" "$root/src/core"
check '#include "(store|web|formats|analytics|app)/' "core must not include another layer" "$root/src/core"
check '#include [<"]store/' "web must not include the store implementation" "$root/src/web"
check '#include [<"](sqlite3|libpq-fe)' "only the store talks to databases" "$root/src/web" "$root/src/formats" "$root/src/analytics"
check '\b(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM)\b' "SQL belongs in src/store" "$root/src/core" "$root/src/web" "$root/src/formats"
files=$(grep -rlE '#include [<"]restinio' "$root/src" | grep -v 'src/web/server.cpp' || true)
if [[ -n $files ]]; then echo "architecture: RESTinio included outside src/web/server.cpp: $files"; fail=1; fi

# Module directions: module -> the modules it may include (besides itself), in every layer.
declare -A allowed=(
  [base]=""
  [ledger]="base"
  [audit]="base ledger"
  [accounts]="base audit ledger"
  [plan]="base audit accounts ledger"
  [people]="base audit accounts ledger"
  [voice]="base audit accounts ledger plan"
  [opendata]="base audit accounts ledger plan people voice"
)
modules="${!allowed[*]}"
for layer in core store web; do
  for module in $modules; do
    dir="$root/src/$layer/$module"
    [[ -d $dir ]] || continue
    for other in $modules; do
      [[ $other == "$module" ]] && continue
      [[ " ${allowed[$module]} " == *" $other "* ]] && continue
      check "#include \"(core|store|web)/$other/" "$layer/$module must not use module $other" "$dir"
    done
  done
done
# The base is under every module: it includes nothing of them (the unit of work only declares them).
if ((fail)); then exit 1; fi
echo "architecture: layering ok"
