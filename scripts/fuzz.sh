#!/usr/bin/env bash
# Fuzzes the header parser, the token checker, the gate's verdict and the leak scanner with cargo-fuzz
# (libFuzzer, nightly). Usage: scripts/fuzz.sh [seconds per target, default 60].
# Seeds are in fuzz/corpus/<target>; the growing corpus and any crash stay under fuzz/target.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds=${1:-60}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2 --locked
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
cd fuzz
for target in header token verdict scan; do
  corpus=target/corpus/$target
  mkdir -p "$corpus"
  cp -n corpus/$target/* "$corpus"/ 2>/dev/null || true
  log=target/fuzz-$target.log
  cargo +nightly fuzz run --release "$target" "$corpus" -- -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1 || {
    tail -40 "$log"
    echo "fuzz: $target FOUND A FAILURE (see fuzz/artifacts/$target)"
    exit 1
  }
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  echo "fuzz: $target: $runs executions in ${seconds}s ($speed/s), coverage $cov edges, corpus $(ls "$corpus" | wc -l) inputs, no failure"
done
