#!/usr/bin/env bash
# Reports the shipped .wasm size and proves patgate's own code has no panic path.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
wasm=pkg/patgate_bg.wasm
printf 'shipped %s: %d bytes raw, %d bytes gzip -9\n' "$wasm" "$(wc -c <"$wasm")" "$(gzip -9c "$wasm" | wc -c)"
# The same release build through wasm-bindgen, keeping its (demangled) names and before
# wasm-opt inlines across functions (the shipped file has no names).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wasm-bindgen --keep-debug --target web --out-dir "$tmp" target/wasm32-unknown-unknown/release/patgate.wasm
wasm-dis "$tmp/patgate_bg.wasm" -o "$tmp/patgate.wat"
python3 scripts/nopanic-check.py "$tmp/patgate.wat"
