#!/usr/bin/env bash
# Builds the wasm modules from the bindings crate wasm/ (release, without std, SIMD on (.cargo/config.toml), wasm-opt -Oz from
# npm's binaryen): the full one, and the edge one without the `portal` feature for the workerd
# entry; then composes the npm package in pkg/ (see scripts/assemble-pkg.mjs).
# pkg/ is committed with pkg/.sources, the digest of every input it was built from: while the
# sources match it, the run command serves pkg/ as committed, without the wasm toolchain.
#   bash scripts/build-pkg.sh           builds pkg/ unless pkg/.sources matches the sources
#   bash scripts/build-pkg.sh --force   builds pkg/ from the sources whatever pkg/.sources says (the test command)
#   bash scripts/build-pkg.sh --current exits 0 when pkg/.sources matches the sources, else 1; needs only git
# The build is reproducible: the same sources and toolchain make the same bytes in any folder.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/stamp.sh
inputs=(src wasm build.rs Cargo.toml Cargo.lock .cargo data js scripts/assemble-pkg.mjs scripts/build-pkg.sh)
case ${1:-} in
  --current) recorded pkg/.sources "${inputs[@]}"; exit ;;
  --force) ;;
  "") if recorded pkg/.sources "${inputs[@]}"; then echo "pkg: up to date with its sources (pkg/.sources)"; exit 0; fi ;;
  *) echo "usage: bash scripts/build-pkg.sh [--force | --current]" >&2; exit 2 ;;
esac
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
# Panic locations name the crates' files: cargo's home and this folder are written as /cargo and
# ., so that where the build runs never reaches the module's bytes, and crates.io's sources by
# their crate alone (`sha2-0.11.1/src/…`: half a kilobyte less of paths).
home=${CARGO_HOME:-$HOME/.cargo}
remaps="\"--remap-path-prefix=$home=/cargo\""
for registry in "$home"/registry/src/*/; do remaps+=", \"--remap-path-prefix=${registry%/}=\""; done
remap="target.wasm32-unknown-unknown.rustflags=[$remaps, \"--remap-path-prefix=$PWD=.\"]"
# The edge module first: the full build is the one left in target/ (scripts/wasm-report.sh reads it).
# The edge's core and bindings at opt-level "z": 7.7 KB smaller, and the same verify in workerd
# (the hashing and the checksum it spends its time in stay at 3; BENCHMARKS.md).
small='profile.release.package.patgate.opt-level="z"'
wasm-pack --quiet build wasm --release --target web --out-dir ../target/wasm-edge --out-name edge --mode no-install --no-pack -- --config "$remap" --config "$small" --config "${small/patgate/patgate-wasm}" --no-default-features >/dev/null
wasm-pack --quiet build wasm --release --target web --out-dir ../target/wasm-web --out-name patgate --mode no-install --no-pack -- --config "$remap" --no-default-features --features portal >/dev/null
node scripts/assemble-pkg.mjs target/wasm-web target/wasm-edge pkg
record pkg/.sources "${inputs[@]}"
