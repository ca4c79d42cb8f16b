#!/usr/bin/env bash
# Skips a build whose inputs have not changed since it last ran.
#   source scripts/stamp.sh; unchanged OUTPUT_DIR INPUT... && exit 0; ...build...; stamp OUTPUT_DIR INPUT...
# The stamp is a SHA-256 over every input file's content (tracked or not, ignored ones aside),
# and the toolchain's versions; it lives in OUTPUT_DIR, so removing the output rebuilds it.
# A committed output records its sources instead (pkg/.sources, scripts/build-pkg.sh): the same
# digest without the toolchain's versions, so that checking it needs only git.
inputs_listing() {
  # A file named is read as it is (built ones too); a folder, as git sees it (ignored files aside).
  for p in "$@"; do if [ -f "$p" ]; then echo "$p"; else git ls-files -co --exclude-standard -- "$p"; fi; done |
    LC_ALL=C sort -u | while read -r f; do if [ -f "$f" ]; then printf '%s %s\n' "$(git hash-object "$f")" "$f"; fi; done
}
inputs_digest() {
  {
    inputs_listing "$@"
    # (The run command has no wasm-bindgen while pkg/ matches its sources: a missing tool is no version.)
    rustc --version 2>/dev/null || true; wasm-bindgen --version 2>/dev/null || true; node --version
  } | sha256sum | cut -d' ' -f1
}
unchanged() {
  local out=$1; shift
  [ -f "$out/.inputs" ] && [ "$(cat "$out/.inputs")" = "$(inputs_digest "$@")" ]
}
stamp() {
  local out=$1; shift
  inputs_digest "$@" > "$out/.inputs"
}
# The record of a committed build's sources: what `record` writes to FILE, and whether FILE holds it.
sources_record() {
  echo "# The SHA-256 of the inputs this folder was built from (scripts/build-pkg.sh, scripts/stamp.sh)"
  inputs_listing "$@" | sha256sum | cut -d' ' -f1
}
recorded() {
  local file=$1; shift
  [ -f "$file" ] && [ "$(cat "$file")" = "$(sources_record "$@")" ]
}
record() {
  local file=$1; shift
  sources_record "$@" > "$file"
}
