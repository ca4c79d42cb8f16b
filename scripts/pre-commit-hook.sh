#!/usr/bin/env bash
# The pre-commit framework's patgate hook (.pre-commit-hooks.yaml, language: script): builds the
# CLI from this checkout with cargo (the first time, then only when its sources change; cargo's
# own check takes well under a second), then scans what the commit stages. Needs only cargo.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$here/target}
cargo build --quiet --release --locked -p patgate-cli --manifest-path "$here/Cargo.toml" --target-dir "$target" >&2
exec "$target/release/patgate" scan --staged "$@"
