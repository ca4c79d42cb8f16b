#!/usr/bin/env bash
# Builds the wasm module into pkg/ (release, size-tuned, wasm-opt -Oz from npm's binaryen).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
wasm-pack --quiet build --release --target web --out-dir pkg --mode no-install --no-pack >/dev/null
rm -f pkg/.gitignore
