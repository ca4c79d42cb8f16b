#!/usr/bin/env bash
# patgate's benchmarks, side by side in one run (see BENCHMARKS.md). Prints tables and writes
# benches/js/results.json. Takes about ten minutes (seeding a million tokens is two of them); run
# it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-pkg.sh
bash scripts/build-www.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
out=target/bench
rm -rf "$out" && mkdir -p "$out"
step() { printf '\n=== %s\n' "$*"; }
keep() { tee "$out/$1.log" | grep -v '^{'; grep '^{' "$out/$1.log" >> "$out/lines.jsonl"; }

step "sizes";                        node benches/js/sizes.mjs | keep sizes
# The native core's verify loop (software SHA-256), which node.mjs times beside the wasm one.
CARGO_TARGET_DIR=target/soft-sha RUSTFLAGS='--cfg sha2_backend="soft"' cargo build --quiet --release --example verify_loop
step "Node: verify, generate, load"; node benches/js/node.mjs | keep node
step "Chromium: verify, generate";   node benches/js/browser.mjs | keep chromium
step "workerd: module load";         node benches/js/workerd-load.mjs | keep workerd
step "workerd: the worker's path";   node benches/js/workerd-path.mjs | keep workerd-path

step "native Rust (criterion): sha2's default backend, then the software one"
criterion_json() { # <target dir> <label>
  node -e '
    const fs = require("fs"), [dir, label] = process.argv.slice(1);
    const ns = (id) => JSON.parse(fs.readFileSync(`${dir}/criterion/${id}/new/estimates.json`)).median.point_estimate;
    console.log(JSON.stringify({ native: { [label]: { verifyNs: ns("verify"), generateNs: ns("generate") } } }));' "$1" "$2"
}
cargo bench --quiet --bench core -- --noplot --warm-up-time 1 --measurement-time 3 2>/dev/null | grep -E 'time:|^(verify|generate)' | tee "$out/native.log"
criterion_json target default >> "$out/lines.jsonl"
CARGO_TARGET_DIR=target/soft-sha RUSTFLAGS='--cfg sha2_backend="soft"' \
  cargo bench --quiet --bench core -- --noplot --warm-up-time 1 --measurement-time 3 2>/dev/null | grep -E 'time:|^(verify|generate)' | tee "$out/native-soft.log"
criterion_json target/soft-sha soft >> "$out/lines.jsonl"

step "constant time (dudect-style Welch t-test)"
cargo bench --quiet --bench constant_time 2>/dev/null | keep constant-time

step "end to end through the gate (wrangler dev, autocannon)"; node benches/js/e2e.mjs | keep e2e

step "scale: a million tokens against a hundred (seeded with scripts/seed.py)"; node benches/js/scale.mjs 1000000 | keep scale

step "leak scanner: patgate scan, ripgrep and detect-secrets on one corpus"
# The anchors, installed here only: ripgrep from Debian, detect-secrets from PyPI in a venv.
command -v rg >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ripgrep >/dev/null; }
[ -x target/bench-venv/bin/detect-secrets ] || { python3 -m venv target/bench-venv && target/bench-venv/bin/pip install -q detect-secrets==1.5.0; }
cargo build --quiet --release -p patgate-cli
node benches/js/scan.mjs target/release/patgate target/bench-venv/bin/detect-secrets | keep scan
step "summary"; node benches/js/report.mjs "$out/lines.jsonl" benches/js/results.json
