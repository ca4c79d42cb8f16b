#!/usr/bin/env python3
"""Checks that patgate's own code in the release .wasm cannot panic.

Reads the text form (wasm-dis) of the module as wasm-bindgen emits it from the release build,
with names kept and before wasm-opt inlines across functions. A panic entry point is any
function of core/std/alloc that starts a panic. The check fails if any function of the
`patgate` crate, or an export wrapper, calls one: a panic there would trap the instance
(and, in a worker, the isolate). Panic sites inside dependencies are listed for review.
It also fails if the module links std: the shipped modules are built without it.

Usage: nopanic-check.py MODULE.wat"""
import re
import sys

ENTRY = re.compile(
    r"panicking::|slice_index_fail|slice_error_fail|str_index_overflow|unwrap_failed|expect_failed"
    r"|::expect::|len_mismatch_fail|panic_const|capacity_overflow|begin_panic|rust_begin_unwind"
)
# Allocation failure aborts the instance like running out of stack; no input reaches it
# except by exhausting memory, which the header cap and JS string limits bound.
ALLOC_FAILURE = re.compile(r"handle_alloc_error|raw_vec::handle_error|__rdl_oom|default_alloc_error_hook")

# The core crate and the bindings crate (patgate_wasm), and their trait impls (`<patgate::X as T>::f`).
OWN = ("patgate::", "<patgate::", "patgate_wasm::", "<patgate_wasm::")


def parse(path):
    edges, current = {}, None
    func = re.compile(r'\s*\(func \$("(?:[^"\\]|\\.)*"|\S+)')
    call = re.compile(r'\(call \$("(?:[^"\\]|\\.)*"|\S+)')
    for line in open(path):
        m = func.match(line)
        if m:
            current = m.group(1).strip('"')
            edges.setdefault(current, set())
            continue
        for m in call.finditer(line):
            if current:
                edges[current].add(m.group(1).strip('"'))
    return edges


def main(path):
    edges = parse(path)
    entries = {f for f in edges if ENTRY.search(f) and not ALLOC_FAILURE.search(f)}
    own, deps = [], {}
    for caller, callees in sorted(edges.items()):
        hits = sorted(callees & entries)
        if not hits or caller in entries:
            continue
        # Export bodies are inlined into wasm-bindgen's `maybe_catch_unwind` wrappers.
        # patgate's functions (core and bindings), their trait impls and export wrappers.
        if caller.startswith(OWN) or "maybe_catch_unwind" in caller or " shim" in caller:
            own.append((caller, hits))
        else:
            deps.setdefault(caller.split("::")[0].lstrip("<"), []).append(caller)
    for crate, callers in sorted(deps.items()):
        print(f"dependency panic sites: {crate}: {len(callers)}")
    for caller, hits in own:
        print(f"PANIC PATH in patgate: {caller}\n    -> {', '.join(hits)}")
    checked = sum(1 for f in edges if f.startswith(OWN))
    print(f"{len(edges)} functions, {checked} of them patgate's; {len(own)} of patgate's can panic")
    # The shipped modules are built without std (no panic runtime, no formatting machinery).
    with_std = sorted(f for f in edges if re.match(r"<?std(\[|::)", f))
    if with_std:
        print(f"{len(with_std)} functions of std in the module, e.g. {with_std[0]}: it was built with std")
        return 1
    if checked < 10:
        print("too few patgate functions found: the module has lost its name section")
        return 1
    return 1 if own else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
