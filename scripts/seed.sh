#!/usr/bin/env bash
# Fills the store the run command uses (PATGATE_STATE, default www/.wrangler/state) with synthetic
# users, memberships and tokens, for the scale benchmarks; run it while the worker is stopped.
#   bash scripts/seed.sh --tokens 1000000 [--expiring 100000] [--heavy 50000]
# Most tokens are active; about 10% revoked, 7% expired, 3% regenerated within their grace period;
# three users hold --heavy tokens each. A million tokens take a few minutes on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
state=${PATGATE_STATE:-$PWD/www/.wrangler/state}
# A store must exist with its demo accounts first: the run command makes it (briefly started here).
if ! ls "$state"/v3/d1/miniflare-D1DatabaseObject/*.sqlite >/dev/null 2>&1; then
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  PATGATE_STATE=$state PORT=$port bash scripts/run.sh > "$state.seed-run.log" 2>&1 &
  run=$!
  for _ in $(seq 1 240); do curl -s -o /dev/null "http://127.0.0.1:$port/_apis/policies" && break; sleep 0.5; done
  kill "$run"; wait "$run" 2>/dev/null || true
  grep -h "password" "$state.seed-run.log" || true
fi
(cd www && npx wrangler d1 migrations apply DB --local --persist-to "$state" >/dev/null)
python3 scripts/seed.py --state "$state" "$@"
