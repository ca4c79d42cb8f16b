#!/usr/bin/env bash
# Builds the wasm modules from the bindings crate wasm/ (release, without std, SIMD on (.cargo/config.toml), wasm-opt -Oz from
# npm's binaryen): the full one, and the edge one without the `portal` feature for the workerd
# entry; then composes the npm package in pkg/ (see scripts/assemble-pkg.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
# Nothing to do when no input changed since pkg/ was built (the run command calls this each time).
source scripts/stamp.sh
inputs=(src wasm build.rs Cargo.toml Cargo.lock .cargo data js scripts/assemble-pkg.mjs scripts/build-pkg.sh)
if unchanged pkg "${inputs[@]}"; then echo "pkg: up to date"; exit 0; fi
# The edge module first: the full build is the one left in target/ (scripts/wasm-report.sh reads it).
wasm-pack --quiet build wasm --release --target web --out-dir ../target/wasm-edge --out-name edge --mode no-install --no-pack -- --no-default-features >/dev/null
wasm-pack --quiet build wasm --release --target web --out-dir ../target/wasm-web --out-name patgate --mode no-install --no-pack -- --no-default-features --features portal >/dev/null
node scripts/assemble-pkg.mjs target/wasm-web target/wasm-edge pkg
stamp pkg "${inputs[@]}"
