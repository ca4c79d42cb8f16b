#!/usr/bin/env bash
# Builds the wasm module (release, size-tuned, wasm-opt -Oz from npm's binaryen) and composes
# the npm package in pkg/ (see scripts/assemble-pkg.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
wasm-pack --quiet build --release --target web --out-dir target/wasm-web --mode no-install --no-pack >/dev/null
node scripts/assemble-pkg.mjs target/wasm-web pkg
