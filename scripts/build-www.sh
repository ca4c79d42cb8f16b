#!/usr/bin/env bash
# Prepares www/public: the browser build of the npm package (pkg/) and the demo git repository
# as static files for git's dumb HTTP protocol (reachable only through the gate).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf www/public/pkg www/public/_repos
mkdir -p www/public/pkg
cp pkg/browser.js pkg/api.js pkg/patgate.js pkg/patgate_bg.wasm www/public/pkg/

repo=www/public/_repos/fabrikam/demo/demo.git
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git init -q -b main "$work"
cp -r www/demo-repo/. "$work"/
git -C "$work" add -A
GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z" \
  git -C "$work" -c user.name="patgate" -c user.email="demo@patgate.invalid" commit -q -m "The demo repository"
mkdir -p "$(dirname "$repo")"
git clone -q --bare "$work" "$repo"
git -C "$repo" gc -q
git -C "$repo" update-server-info
rm -rf "$repo/hooks" "$repo/logs" "$repo/description" "$repo/config.worktree"
