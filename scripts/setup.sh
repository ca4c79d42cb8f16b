#!/usr/bin/env bash
# Installs what patgate needs, skipping whatever is already there. Safe to run again: a second
# run only checks and returns within seconds.
#   bash scripts/setup.sh run     what serving the committed pkg/ needs: the npm packages (wrangler...)
#   bash scripts/setup.sh build   what building pkg/ from the sources needs too: the wasm toolchain
#   bash scripts/setup.sh         everything the tests need too: cargo-fuzz, nightly, Chromium
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-test}
case $mode in run | build | test) ;; *) echo "usage: bash scripts/setup.sh [run | build]" >&2; exit 2 ;; esac

say() { printf 'setup: %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

# The wasm toolchain, for building pkg/ (the run command skips it while pkg/ matches its sources).
if [ "$mode" != run ]; then
  # The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock exactly.
  wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)

  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi

  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
    say "installing wasm-bindgen-cli $wb_version (takes a few minutes)"
    # --locked fails against the current index for this CLI; its own Cargo.toml bounds suffice.
    cargo install wasm-bindgen-cli --version "$wb_version" --force
  fi

  if ! command -v wasm-pack >/dev/null; then
    say "installing wasm-pack (takes a few minutes)"
    cargo install wasm-pack --version 0.15.1 --locked
  fi
fi

# npm packages (wasm-opt from binaryen, playwright-core, wrangler, ...) pinned by package-lock.json.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.patgate-lock; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.patgate-lock
fi

case $mode in
  run) say "ready to run"; exit 0 ;;
  build) say "ready to build and run"; exit 0 ;;
esac

# Fuzzing: cargo-fuzz on the nightly toolchain (the machine image has nightly; add it if not).
if ! rustup toolchain list | grep -q '^nightly'; then
  say "installing the nightly toolchain (for cargo-fuzz)"
  rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null; then
  say "installing cargo-fuzz (takes a few minutes)"
  cargo install cargo-fuzz --version 0.13.2 --locked
fi

# Microsoft's Azure DevOps clients, for the tests only: the Node one (and a JSON-schema validator)
# from npm, the Python one from PyPI in a virtual environment, each pinned.
if [ ! -f tests/ado/node_modules/.package-lock.json ] || ! cmp -s tests/ado/package-lock.json tests/ado/node_modules/.patgate-lock; then
  say "installing the Azure DevOps Node client"
  npm ci --prefix tests/ado --no-audit --no-fund --loglevel=error
  cp tests/ado/package-lock.json tests/ado/node_modules/.patgate-lock
fi
if [ ! -x tests/ado/.venv/bin/python ] || ! cmp -s tests/ado/requirements.txt tests/ado/.venv/.patgate-requirements; then
  say "installing the Azure DevOps Python client"
  python3 -m venv tests/ado/.venv
  tests/ado/.venv/bin/pip install --quiet --disable-pip-version-check -r tests/ado/requirements.txt
  cp tests/ado/requirements.txt tests/ado/.venv/.patgate-requirements
fi
# The pre-commit framework, to run patgate's hook as its users do (tests/scan/), pinned.
if [ ! -x tests/scan/.venv/bin/pre-commit ] || ! cmp -s tests/scan/requirements.txt tests/scan/.venv/.patgate-requirements; then
  say "installing the pre-commit framework"
  python3 -m venv tests/scan/.venv
  tests/scan/.venv/bin/pip install --quiet --disable-pip-version-check -r tests/scan/requirements.txt
  cp tests/scan/requirements.txt tests/scan/.venv/.patgate-requirements
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  say "installing Debian's chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

say "ready"
