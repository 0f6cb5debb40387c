# Sourced by the other scripts: puts cargo-installed tools and the npm-installed wasm-opt on PATH.
export PATH="$HOME/.cargo/bin:$(pwd)/node_modules/.bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
