#!/usr/bin/env bash
# Runs every patgate test: native Rust, wasm in Node and headless Chrome, the JS API, and
# the release-module checks (size report and no-panic proof). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
# Each step says how long the one before it took, and the whole run its total at the end.
started=$SECONDS
last=$SECONDS
step() {
  [ -n "${current:-}" ] && printf '=== took %ss: %s\n' $((SECONDS - last)) "$current"
  current=$*
  last=$SECONDS
  printf '\n=== %s\n' "$*"
}
finish() {
  printf '=== took %ss: %s\n' $((SECONDS - last)) "$current"
  printf '\n=== every test passed in %ss\n' $((SECONDS - started))
}

step "native: unit, behaviour, property and randomness tests"
cargo test --quiet 2>&1

step "wasm in Node (wasm-bindgen-test)"
wasm-pack test --node

step "wasm in headless Chrome (wasm-bindgen-test)"
WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome

# The fuzz targets' build and corpus are kept in the machine's cache: a later run goes on from
# the corpus the last one grew (scripts/fuzz.sh).
step "fuzzing: the header parser, the token checker, the verdict and the scanner, 3 s each"
bash scripts/fuzz.sh 3

step "release module: build, size, no panic path"
bash scripts/build-pkg.sh --force
bash scripts/wasm-report.sh

step "the committed pkg/ is what the sources build, byte for byte"
# The run command serves pkg/ as committed while pkg/.sources matches the sources: it must be what
# they build. pkg/ was just built from them (--force; scripts/assemble-pkg.mjs empties it first),
# so any file that differs from the committed one, or that git does not track, fails.
if ! git ls-files --error-unmatch pkg/.sources >/dev/null 2>&1 || ! git diff --quiet -- pkg/ ||
  [ -n "$(git ls-files --others -- pkg/)" ]; then
  git status --short --untracked-files=all --ignored -- pkg/
  echo "the committed pkg/ is not what the sources build: run 'bash scripts/build-pkg.sh' (done just now: pkg/ holds their build) and commit pkg/, pkg/.sources with it, together with the sources" >&2
  exit 1
fi

step "JavaScript API, and the hostile table in Node and Chromium (node --test)"
node --test tests/js/ tests/hostile/

step "leak scanner: Node, Chromium and the CLI (cargo install) against a Python oracle; a pre-commit hook"
node --test --test-timeout=900000 tests/scan/

bash scripts/build-www.sh
step "portal rules at fixed instants and against the core (node --test)"
node --test tests/portal/

step "the worker's stores, in-process on Miniflare's D1: status against the core, each write's audit and notices"
node --test www/src/

step "edge gate and API on workerd with D1: routes, verdicts, abuse, cron, git and curl, restarts"
# Three files at a time: each starts its own workers on their own stores and ports, and most of
# a file's time is waiting on them, git or Chromium (the two cores are half idle at two files;
# three take about 10% less time, four no less than three). The longest files start first, so
# that none of them is the last one running.
longest=(portal abuse-races abuse scheduled clients quotas credential)
files=("${longest[@]/#/tests/www/}")
files=("${files[@]/%/.test.mjs}")
for f in tests/www/*.test.mjs; do [[ " ${files[*]} " == *" $f "* ]] || files+=("$f"); done
node --test --test-concurrency=3 --test-timeout=600000 "${files[@]}"

# The files whose rules read the calendar run again as if it were 23:30 UTC on this month's last
# day, when dates, "in N days" and month arithmetic are most likely to go wrong.
late=$(date -u -d "$(date -u +%Y-%m-01) +1 month -1 day" +%Y-%m-%d)T23:30:00Z
# (The portal's calendar days are pinned at every hour across month and year ends by
# tests/portal/time.test.mjs, against Python's zoneinfo; lifespans, the 7-day notice and the
# retention are whole days of milliseconds, the same on any day, pinned at their boundaries.)
step "the calendar's rules again with the clock at $late: dates and notices as the API writes them, every time boundary"
PATGATE_FAKE_NOW=$late node --test --test-concurrency=2 --test-timeout=600000 tests/www/api.test.mjs tests/www/boundaries.test.mjs

step "npm package from its tarball: Node ESM/CJS, browser, esbuild, Vite, workerd, Deno, TypeScript"
node --test --test-timeout=180000 tests/package/

step "publish dry-runs: the core crate as crates.io would get it, the npm package"
# (Its tests, benches and examples stay in the repository: cargo says so for each, unprinted here.
# --no-verify: the packaged crate's own build is the one every step above already made.)
published=$(cargo publish --dry-run --no-verify --allow-dirty -p patgate 2>&1) || { echo "$published"; exit 1; }
grep -v -e '^warning: ignoring ' -e '^ *Compiling ' <<<"$published" || true
npm publish --dry-run --loglevel=error ./pkg
finish
