#!/usr/bin/env bash
# Runs every patgate test: native Rust, wasm in Node and headless Chrome, the JS API, and
# the release-module checks (size report and no-panic proof). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
step() { printf '\n=== %s\n' "$*"; }

step "native: unit, behaviour, property and randomness tests"
cargo test --quiet 2>&1

step "wasm in Node (wasm-bindgen-test)"
wasm-pack test --node

step "wasm in headless Chrome (wasm-bindgen-test)"
WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome

step "fuzzing: the header parser, the token checker and the verdict, 20 s each"
bash scripts/fuzz.sh 20

step "release module: build, size, no panic path"
bash scripts/build-pkg.sh
bash scripts/wasm-report.sh

step "JavaScript API, and the hostile table in Node and Chromium (node --test)"
node --test tests/js/ tests/hostile/

step "edge gate and API on workerd with D1: routes, verdicts, cron, git and curl, restarts"
bash scripts/build-www.sh
node --test --test-timeout=600000 tests/www/

step "npm package from its tarball: Node ESM/CJS, browser, esbuild, Vite, workerd, Deno, TypeScript"
node --test --test-timeout=180000 tests/package/
