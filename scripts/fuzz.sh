#!/usr/bin/env bash
# Fuzzes the header parser, the token checker, the gate's verdict and the leak scanner with cargo-fuzz
# (libFuzzer, nightly). Usage: scripts/fuzz.sh [seconds per target, default 60].
# Seeds are in fuzz/corpus/<target>. The build and the growing corpus are kept in the machine's
# cache ($PATGATE_CACHE, default ~/.cache/patgate), so a later run on this machine, from any
# clone, starts where the last one ended; a crash stays under fuzz/artifacts. libFuzzer's seed is
# $PATGATE_FUZZ_SEED (default 1), printed with each target's figures.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds=${1:-60}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2 --locked
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
seed=${PATGATE_FUZZ_SEED:-1}
cache=${PATGATE_CACHE:-$HOME/.cache/patgate}/fuzz
mkdir -p "$cache"
cd fuzz
for target in header token verdict scan; do
  corpus=$cache/corpus/$target
  mkdir -p "$corpus"
  cp -n corpus/$target/* "$corpus"/ 2>/dev/null || true
  log=$cache/fuzz-$target.log
  cargo +nightly fuzz run --release --target-dir "$cache/target" "$target" "$corpus" -- -seed="$seed" -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1 || {
    tail -40 "$log"
    echo "fuzz: $target FOUND A FAILURE (see fuzz/artifacts/$target)"
    exit 1
  }
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  echo "fuzz: $target: $runs executions in ${seconds}s ($speed/s, seed $seed), coverage $cov edges, corpus $(ls "$corpus" | wc -l) inputs, no failure"
done
