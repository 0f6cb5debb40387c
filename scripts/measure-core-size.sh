#!/usr/bin/env bash
# Prints the size of the core crates compiled to WebAssembly with no user interface
# (scripts/core-floor), built and optimised as the playground is: the floor under the page's size.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
export CARGO_TARGET_DIR="$PWD/target/core-floor"
(cd scripts/core-floor && cargo build --release --offline --target wasm32-unknown-unknown --quiet)
out="$CARGO_TARGET_DIR/out"
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/core_floor.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types "$out/core_floor_bg.wasm" -o "$out/core_floor_opt.wasm"
f="$out/core_floor_opt.wasm"
printf '%-50s %8d bytes  %8d gzip\n' "core crates, no UI" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)"
