#!/usr/bin/env python3
"""An independent oracle for patgate's leak scanner: Python's re, zlib.crc32, hashlib and base64.

Usage: oracle.py FILE [PREFIX...]   (default prefix: pat). Prints one JSON object per token found,
in order of position, with the fields `patgate scan --format json` prints (path aside)."""
import base64, hashlib, json, re, sys, zlib

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
MAX_BASIC = -(-(256 + 1 + 16 + 1 + 36) // 3) * 4  # base64 of a 256-byte user, ':' and a token


def base62(n, width=6):
    out = ""
    for _ in range(width):
        n, r = divmod(n, 62)
        out = B62[r] + out
    return out


def tokens(data, prefixes):
    alternatives = b"|".join(re.escape(p.encode()) for p in sorted(prefixes, key=len, reverse=True))
    pattern = re.compile(rb"(?<![A-Za-z0-9_])(" + alternatives + rb")_([0-9A-Za-z]{36})(?![A-Za-z0-9_])")
    for m in pattern.finditer(data):
        body = m.group(2)
        if base62(zlib.crc32(body[:30])).encode() == body[30:]:
            yield m.start(), m.group(0), m.group(1).decode()


def scan(data, prefixes):
    found = [(at, len(tok), tok, prefix, "plain") for at, tok, prefix in tokens(data, prefixes)]
    basic = re.compile(rb"(?<![A-Za-z0-9])[Bb](?:asic|ASIC)[ \t]+([A-Za-z0-9+/]+={0,2})(?![A-Za-z0-9+/=])")
    for m in basic.finditer(data):
        run = m.group(1)
        if len(run) > MAX_BASIC:
            continue
        try:
            decoded = base64.b64decode(run + b"=" * (-len(run) % 4), validate=True)
        except ValueError:
            continue
        for _, tok, prefix in tokens(decoded, prefixes):
            found.append((m.start(1), len(run), tok, prefix, "basic"))
    found.sort(key=lambda f: f[0])
    for at, length, tok, prefix, encoding in found:
        line_start = data.rfind(b"\n", 0, at) + 1
        yield {
            "line": data.count(b"\n", 0, at) + 1, "column": at - line_start + 1, "offset": at,
            "length": length, "prefix": prefix, "encoding": encoding, "hint": tok[-4:].decode(),
            "digest": base64.urlsafe_b64encode(hashlib.sha256(tok).digest()).rstrip(b"=").decode(),
        }


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    for match in scan(data, sys.argv[2:] or ["pat"]):
        print(json.dumps(match, sort_keys=True))
