#!/usr/bin/env bash
# Formats the C++ sources with the pinned clang-format-14; --check only reports (exit 1 on a diff).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp' 2>/dev/null)
((${#files[@]})) || exit 0
if [[ ${1:-} == --check ]]; then
  clang-format-14 --dry-run --Werror "${files[@]}"
  echo "format: ok"
else
  clang-format-14 -i "${files[@]}"
fi
