// The same hot path written in JavaScript, as a team without patgate would: parse the
// Authorization header (Basic or Bearer), check prefix, length, alphabet and CRC-32, hash
// with SHA-256, compare with the stored digest in constant time. Only the hash differs
// between the variants. Runs in Node and in browsers.

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const TOKEN = /^[0-9A-Za-z]{36}$/;
const UTF8 = new TextDecoder("utf-8", { fatal: true });
const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

export function crc32(text, start, end) {
  let c = -1;
  for (let i = start; i < end; i++) c = CRC[(c ^ text.charCodeAt(i)) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

export function checksum(text, start, end) {
  let n = crc32(text, start, end);
  let out = "";
  for (let i = 0; i < 6; i++) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

/** Header → token, or null when the header or the token's format is wrong (no hashing then). */
export function tokenOf(header, prefix = "pat") {
  if (typeof header !== "string" || header.length > 8192 || /[\x00-\x1f\x7f]/.test(header)) return null;
  const space = header.indexOf(" ");
  if (space < 0) return null;
  const scheme = header.slice(0, space).toLowerCase();
  const credentials = header.slice(space + 1).replace(/^ +/, "");
  if (credentials === "" || credentials.includes(" ")) return null;
  let token;
  if (scheme === "basic") {
    if (!B64.test(credentials)) return null;
    let decoded;
    try {
      const binary = atob(credentials);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      decoded = UTF8.decode(bytes);
    } catch {
      return null;
    }
    const colon = decoded.indexOf(":");
    if (colon < 0) return null;
    token = decoded.slice(colon + 1);
  } else if (scheme === "bearer") {
    token = credentials;
  } else {
    return null;
  }
  const sep = token.lastIndexOf("_");
  if (sep < 0 || token.slice(0, sep) !== prefix) return null;
  const body = token.slice(sep + 1);
  if (!TOKEN.test(body)) return null;
  if (checksum(body, 0, 30) !== body.slice(30)) return null;
  return token;
}

export function fromBase64url(text) {
  const s = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

/** Constant-time equality of two 32-byte digests. */
export function equal32(a, b) {
  if (a.length !== 32 || b.length !== 32) return false;
  let diff = 0;
  for (let i = 0; i < 32; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

const encoder = new TextEncoder();

/** verify(header, storedDigest) → boolean, for a synchronous SHA-256 of bytes. */
export function verifierWith(sha256) {
  return (header, stored) => {
    const token = tokenOf(header);
    return token !== null && equal32(sha256(encoder.encode(token)), fromBase64url(stored));
  };
}

/**
 * The plainest JavaScript verify, the upper bound of what JavaScript can do: `atob`, the CRC-32
 * table and a reused hasher, with no canonical-base64, UTF-8 or control-character checks (it
 * accepts headers patgate refuses, so it is a speed bound, not an alternative to ship).
 */
export function plainVerifierWith(sha256) {
  return (header, stored) => {
    if (header.length > 8192 || header.slice(0, 6).toLowerCase() !== "basic ") return false;
    let decoded;
    try {
      decoded = atob(header.slice(6));
    } catch {
      return false;
    }
    const token = decoded.slice(decoded.indexOf(":") + 1);
    if (token.length !== 40 || !token.startsWith("pat_") || checksum(token, 4, 34) !== token.slice(34)) return false;
    const bytes = new Uint8Array(40);
    for (let i = 0; i < 40; i++) bytes[i] = token.charCodeAt(i);
    return equal32(sha256(bytes), fromBase64url(stored));
  };
}

/** The same with WebCrypto, which is asynchronous. */
export async function verifyWebCrypto(header, stored) {
  const token = tokenOf(header);
  if (token === null) return false;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(token)));
  return equal32(digest, fromBase64url(stored));
}

const pool = new Uint8Array(1024);
let poolAt = pool.length;

/**
 * The same generator drawing random bytes 1 KiB at a time, as patgate's core does: the leanest
 * JavaScript generator (each byte used once and wiped).
 */
export function generateJsPooled(prefix = "pat") {
  let random = "";
  while (random.length < 30) {
    if (poolAt === pool.length) {
      crypto.getRandomValues(pool);
      poolAt = 0;
    }
    const b = pool[poolAt];
    pool[poolAt++] = 0;
    if (b < 248) random += ALPHABET[b % 62];
  }
  return `${prefix}_${random}${checksum(random, 0, 30)}`;
}

/** A JavaScript generator: getRandomValues, rejection sampling to base62, CRC-32. */
export function generateJs(prefix = "pat") {
  const bytes = crypto.getRandomValues(new Uint8Array(64));
  let random = "";
  let i = 0;
  while (random.length < 30) {
    if (i === bytes.length) {
      crypto.getRandomValues(bytes);
      i = 0;
    }
    const b = bytes[i++];
    if (b < 248) random += ALPHABET[b % 62];
  }
  return `${prefix}_${random}${checksum(random, 0, 30)}`;
}
