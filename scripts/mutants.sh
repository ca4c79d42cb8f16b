#!/usr/bin/env bash
# Mutation testing of the core with cargo-mutants: each mutant of src/ must make `cargo test`
# fail, or be listed in mutants/survivors.txt with the reason it is equivalent or harmless.
#   bash scripts/mutants.sh                  # every mutant of the core (~525; hours on 2 cores)
#   bash scripts/mutants.sh --file src/x.rs  # one file's
#   bash scripts/mutants.sh --in-diff BASE   # only the lines changed since BASE (what CI runs)
# Prints the score (caught / viable) and writes target/mutants.out/ (caught.txt, missed.txt, …).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
args=(--package patgate --no-shuffle --output target --jobs 1)
case "${1:-}" in
  --in-diff)
    if ! git rev-parse --verify --quiet "${2:-HEAD~1}^{commit}" >/dev/null; then
      echo "mutants: ${2:-HEAD~1} is not in this clone (shallow?); nothing to compare with"; exit 0
    fi
    mkdir -p target
    git diff "${2:-HEAD~1}" -- src/ ':!src/byte_search.rs' > target/mutants.diff
    if [ ! -s target/mutants.diff ]; then echo "mutants: no change to the core since ${2:-HEAD~1}"; exit 0; fi
    args+=(--in-diff target/mutants.diff) ;;
  --file) args+=(--file "$2") ;;
  "") ;;
  *) echo "usage: scripts/mutants.sh [--in-diff BASE | --file PATH]" >&2; exit 2 ;;
esac
# Installed only when there is something to mutate (a build of a few minutes on a new machine).
command -v cargo-mutants >/dev/null || cargo install cargo-mutants --version 27.1.0 --locked
rm -rf target/mutants.out target/mutants.out.old
# cargo-mutants exits 2 when mutants survive and 3 when some time out: those are judged below,
# against the reviewed list. Any other failure (a baseline that fails, a tool error) is this run's.
status=0
cargo mutants "${args[@]}" || status=$?
case $status in
  0 | 2 | 3) ;;
  *) echo "mutants: cargo-mutants failed (exit $status): no score"; exit 1 ;;
esac
out=target/mutants.out
count() { local n=0; [ -f "$out/$1" ] && n=$(grep -c . "$out/$1" || true); echo "${n:-0}"; }
caught=$(count caught.txt); missed=$(count missed.txt); timeouts=$(count timeout.txt); unviable=$(count unviable.txt)
viable=$((caught + missed + timeouts))
echo "mutants: $caught caught, $missed missed, $timeouts timed out (counted as caught by a hang), $unviable unviable"
[ "$viable" -gt 0 ] && echo "mutants: score $(( (caught + timeouts) * 1000 / viable / 10 )).$(( (caught + timeouts) * 1000 / viable % 10 ))% of $viable viable"
unlisted=$(grep -vxF -f <(sed -n 's/ — .*//p' mutants/survivors.txt) "$out/missed.txt" 2>/dev/null || true)
if [ -n "$unlisted" ]; then
  echo "mutants: survivors not in mutants/survivors.txt (add a test, or list them with a reason):"
  echo "$unlisted"
  exit 1
fi
echo "mutants: every survivor is reviewed"
