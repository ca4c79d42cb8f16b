#!/usr/bin/env python3
"""Lists the largest functions and data in a .wasm that keeps its name section.

Usage: wasm-sizes.py FILE [N]. Used to decide which code earns its bytes."""
import sys


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1
        r |= (x & 0x7F) << s; s += 7
        if x < 0x80:
            return r, i


def main(path, top):
    b = open(path, "rb").read()
    i, imports, bodies, names, data = 8, 0, [], {}, 0
    while i < len(b):
        sid = b[i]; size, i = leb(b, i + 1); end = i + size
        if sid == 2:  # imports: count function imports, which precede defined functions
            n, j = leb(b, i)
            for _ in range(n):
                for _ in range(2):
                    l, j = leb(b, j); j += l
                kind = b[j]; j += 1
                if kind == 0: _, j = leb(b, j); imports += 1
                elif kind == 1: j += 1; fl, j = leb(b, j); _, j = leb(b, j); j = leb(b, j)[1] if fl & 1 else j
                elif kind == 2: fl, j = leb(b, j); _, j = leb(b, j); j = leb(b, j)[1] if fl & 1 else j
                elif kind == 3: j += 2
        elif sid == 10:
            n, j = leb(b, i)
            for k in range(n):
                l, j2 = leb(b, j); bodies.append((imports + k, j2 - j + l)); j = j2 + l
        elif sid == 11:
            data = size
        elif sid == 0:
            l, j = leb(b, i); name = b[j:j + l].decode(); j += l
            if name == "name":
                while j < end:
                    sub = b[j]; ss, j = leb(b, j + 1); se = j + ss
                    if sub == 1:
                        n, j = leb(b, j)
                        for _ in range(n):
                            idx, j = leb(b, j); l, j = leb(b, j); names[idx] = b[j:j + l].decode(errors="replace"); j += l
                    j = se
        i = end
    total = sum(s for _, s in bodies)
    print(f"code {total} bytes in {len(bodies)} functions; data {data} bytes")
    for idx, s in sorted(bodies, key=lambda x: -x[1])[:top]:
        print(f"{s:7d}  {names.get(idx, f'func[{idx}]')[:150]}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 40)
