#!/usr/bin/env bash
# patgate's main job. Installs what is missing, builds the module and runs the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-pkg.sh
node scripts/demo.mjs
