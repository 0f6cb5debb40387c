#!/usr/bin/env bash
# Prints the size of the built WebAssembly and JS glue in dist/, raw and gzip -9.
set -euo pipefail
cd "$(dirname "$0")/.."
for f in dist/*.wasm dist/*.js; do
  printf '%-50s %8d bytes  %8d gzip\n' "$f" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)"
done
