#!/usr/bin/env bash
# patgate's main job: the portal with its edge gate on http://127.0.0.1:${PORT:-8787}, run by
# wrangler on workerd, with D1 kept in SQLite under www/.wrangler/state (survives restarts).
# Installs what is missing, builds the wasm package if its sources changed, builds the site,
# applies migrations, serves.
set -euo pipefail
cd "$(dirname "$0")/.."
# pkg/ is committed with the digest of its sources (pkg/.sources): while they match, it is served
# as it is and only the npm packages are needed; once they differ, the wasm toolchain is installed
# (the first time only) and pkg/ is built from the sources.
if bash scripts/build-pkg.sh --current; then
  bash scripts/setup.sh run
else
  bash scripts/setup.sh build
  bash scripts/build-pkg.sh
fi
bash scripts/build-www.sh
export PATH="$PWD/node_modules/.bin:$PATH"
export WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_HIDE_BANNER=true
port=${PORT:-8787}
state=${PATGATE_STATE:-$PWD/www/.wrangler/state}
mkdir -p "$state/logs"
chmod 700 "$state" "$state/logs"
# wrangler writes a debug log of all it sees, D1's answers included (digests, password hashes):
# it is kept with the store it mirrors, for its owner only, the last ten runs' (three commands each).
export WRANGLER_LOG_PATH="$state/logs"
find "$state/logs" -name 'wrangler-*.log' -printf '%T@ %p\n' | sort -rn | tail -n +30 | cut -d' ' -f2- | xargs -r -d '\n' rm -f

# The pepper is the store's key: made once per store, kept beside it (on Cloudflare: a secret).
[ -s "$state/pepper" ] || node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))' > "$state/pepper"
chmod 600 "$state/pepper"

cd www
wrangler d1 migrations apply DB --local --persist-to "$state" >/dev/null
users=$(wrangler d1 execute DB --local --persist-to "$state" --json --command "SELECT count(*) AS n FROM users" 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s)[0].results[0].n)}catch{console.log(0)}})')
password=${PATGATE_DEMO_PASSWORD:-}
if [ "$users" = "0" ] && [ -z "$password" ]; then
  password=$(node -e 'process.stdout.write(require("crypto").randomBytes(12).toString("base64url"))')
  echo "patgate: new store; the demo accounts admin, alice and bob have the password: $password"
  echo "patgate: (printed once; set PATGATE_DEMO_PASSWORD to choose it)"
fi

# wrangler dev runs no cron trigger (and its local assets proxy cannot dispatch one): a loop runs
# the hourly job (7-day notices, webhook delivery, the audit log's retention) at start and every
# hour while the server runs, through a route that only this run's key opens.
scheduler_key=$(node -e 'process.stdout.write(require("crypto").randomBytes(24).toString("base64url"))')
every=${PATGATE_HOURLY_EVERY_S:-3600}
umask 077 # what is written from here on (the secrets file, the loop's header file) is its owner's only
# The loop's header, read by curl from this file: never on a command line other users can read.
printf 'x-patgate-scheduler-key: %s\n' "$scheduler_key" > "$state/scheduler-header"

# The worker's local secrets, kept with the store and passed by --env-file (never www/.dev.vars,
# which every wrangler started in www/ would read, the tests' too): the pepper (also in $state),
# the scheduler's key (this run's), and the demo password when one is set (the store keeps only its hash).
secrets=$state/secrets.env
rm -f .dev.vars # an earlier version's
{
  echo "PATGATE_LOCAL_SCHEDULER_KEY=$scheduler_key"
  echo "PATGATE_PEPPER=$(cat "$state/pepper")"
  [ -n "$password" ] && echo "PATGATE_DEMO_PASSWORD=$password"
  [ -n "${PATGATE_WEBHOOK_URL:-}" ] && echo "PATGATE_WEBHOOK_URL=$PATGATE_WEBHOOK_URL"
  # GitHub's secret-scanning keys, as JSON on one line (its meta/public_keys/secret_scanning answer).
  [ -n "${PATGATE_GITHUB_SCANNING_KEYS:-}" ] && echo "PATGATE_GITHUB_SCANNING_KEYS='$PATGATE_GITHUB_SCANNING_KEYS'"
} > "$secrets"
chmod 600 "$secrets"
# The worker listens on a port of its own; users connect to scripts/peer-proxy.mjs on $port,
# which tells the worker each request's real peer (as Cloudflare's edge does) and proves itself
# with this run's key: the per-address limits count peers, not what a client writes in a header.
peer_key=$(node -e 'process.stdout.write(require("crypto").randomBytes(24).toString("base64url"))')
echo "PATGATE_PEER_KEY=$peer_key" >> "$secrets"
inner=$(node ../scripts/ports.mjs)
# wrangler's own inspector port (the first free from 9229) races any other wrangler starting beside it.
inspector=$(node ../scripts/ports.mjs)
echo "patgate: serving http://127.0.0.1:$port"
server=$$ # the server's process once `exec` below replaces this shell
(
  hourly() { curl -fsS -o /dev/null -X POST -H "@$state/scheduler-header" "http://127.0.0.1:$port/_apis/local/scheduled" 2>/dev/null; }
  until hourly; do kill -0 "$server" 2>/dev/null || exit 0; sleep 2; done
  while :; do
    for ((s = 0; s < every; s += 5)); do sleep 5; kill -0 "$server" 2>/dev/null || exit 0; done
    hourly || echo "patgate: the hourly run failed; it runs again in $every s" >&2
  done
) &
PATGATE_PEER_KEY=$peer_key node ../scripts/peer-proxy.mjs --listen "127.0.0.1:$port" --upstream "$inner" --watch "$server" &
exec wrangler dev --ip 127.0.0.1 --port "$inner" --inspector-port "$inspector" --local --persist-to "$state" --env-file "$secrets" --log-level "${PATGATE_LOG_LEVEL:-warn}"
