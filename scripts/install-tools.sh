#!/usr/bin/env bash
# Installs what building and testing the playground needs, and skips whatever is already present,
# so a second run takes seconds. Works on a fresh Debian 12 machine with rustup, Node 20 and root.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

say() { printf '\033[1m[install]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in clippy rustfmt; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done

# Trunk 0.22 needs a newer rustc than this machine's 1.95, so 0.21.14 is pinned.
if ! trunk --version 2>/dev/null | grep -q ' 0\.21\.14'; then
  say "installing trunk 0.21.14 (about 20 minutes on 2 cores, once)"
  cargo install --locked trunk --version 0.21.14
fi

# The CLI must equal the wasm-bindgen in Cargo.lock; its own lock file names a crate version the
# registry lacks, hence no --locked.
wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wasm_bindgen_version" ]; then
  say "installing wasm-bindgen-cli $wasm_bindgen_version"
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version"
fi

if [ ! -x "$CHROMIUM" ] || [ ! -x "$CHROMEDRIVER" ]; then
  say "installing Debian's chromium and chromium-driver"
  as_root apt-get update
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y chromium chromium-driver
fi

# wasm-opt comes from the npm package binaryen 132 (Debian's binaryen 108 breaks the output);
# Playwright is playwright-core driving Debian's Chromium, so no browser is downloaded.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -f node_modules/playwright-core/package.json ]; then
  say "installing npm packages (binaryen, playwright-core)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
