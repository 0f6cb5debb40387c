#!/usr/bin/env bash
# Builds the playground (release, wasm-opt -Oz) and serves it on http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh
source scripts/env.sh
exec trunk serve --release --offline --address 127.0.0.1 --port 8080 "$@"
