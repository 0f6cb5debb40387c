#!/usr/bin/env bash
# Runs every test: formatting, clippy, native tests of every crate, the wasm tests in headless
# Chromium, the release build, and the Playwright end-to-end tests against it. Exits non-zero on any
# failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh
source scripts/env.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native, all targets)"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo clippy (web crate for wasm32)"
cargo clippy -p ecs-playground-web --target wasm32-unknown-unknown -- -D warnings

step "cargo test (native: every crate, unit, property and scenario tests)"
cargo test --workspace

step "wasm-bindgen-test in headless Chromium"
cargo test -p ecs-playground-web --target wasm32-unknown-unknown

step "release build (trunk, wasm-opt -Oz)"
trunk build --release --offline
scripts/measure-size.sh

step "Playwright end-to-end tests against dist/"
node --test --test-concurrency=1 tests/e2e/*.test.mjs
