#!/usr/bin/env bash
# The long fuzz run: every property test of the parsers, validators, loader, share decoder and
# simulator with many more cases than the test command's short pass. Prints one line per target
# with the cases it ran clean. Usage: scripts/fuzz-long.sh [multiplier] (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
m="${1:-1}"
run() {
  local cases=$(( $2 * m )); shift 2
  local start=$SECONDS
  PROPTEST_CASES=$cases cargo test --release -q "$@" > /tmp/fuzz-long.out 2>&1 || { cat /tmp/fuzz-long.out; exit 1; }
  printf '%-60s %8d cases per property, clean, %4ds\n' "$*" "$cases" $(( SECONDS - start ))
}
run query 100000 -p ecs-placement --lib query::
run validator 20000 -p ecs-model --test no_panic
run placement 5000 -p ecs-placement --test properties
run loader 10000 -p ecs-scenario --test fuzz_loader
run decoder 50000 -p ecs-scenario --test codec
run import 50000 -p ecs-scenario --test import
run simulator 1000 -p ecs-sim --test properties
