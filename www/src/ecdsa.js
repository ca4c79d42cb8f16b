// ECDSA signatures as GitHub sends them (DER) and as WebCrypto verifies them (r‖s).

/**
 * An ASN.1 DER ECDSA signature `SEQUENCE { INTEGER r, INTEGER s }` as WebCrypto's 64-byte r‖s, or
 * null. DER only (what GitHub sends): each integer positive and in its one minimal form, so a
 * signature has one accepted encoding. (Its `s` may be high or low: GitHub's signer does not
 * normalise it, and either verifies.)
 */
export function rawSignature(der) {
  let i = 0;
  if (der.length < 8 || der.length > 72 || der[i++] !== 0x30 || der[i++] !== der.length - 2) return null;
  const raw = new Uint8Array(64);
  for (const at of [0, 32]) {
    if (der[i++] !== 0x02) return null;
    const n = der[i++];
    if (n < 1 || n > 33 || i + n > der.length) return null;
    let v = der.subarray(i, i + n);
    i += n;
    if (v[0] & 0x80) return null; // a negative integer
    if (v[0] === 0 && n > 1) {
      if (!(v[1] & 0x80)) return null; // a leading zero is DER only before a high bit
      v = v.subarray(1);
    }
    if (v.length > 32) return null;
    raw.set(v, at + 32 - v.length);
  }
  return i === der.length ? raw : null;
}
