//! Token digests: what servers store and look up instead of tokens.

use alloc::{borrow::ToOwned, string::String};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use core::fmt;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest as _, Sha256};
use subtle::ConstantTimeEq;

/// Characters in a digest's base64url text (32 bytes, no padding).
pub const DIGEST_TEXT_LEN: usize = 43;
/// Shortest pepper accepted: a pepper is a key, and a short key adds little.
pub const MIN_PEPPER_LEN: usize = 16;

/// The fewest bytes a pepper given as text decodes to: a secret typed or pasted as text is
/// made by a tool (`openssl rand -base64 32`, scripts/run.sh), so it is held to the recommended length.
pub const MIN_PEPPER_TEXT_BYTES: usize = 32;

/// A SHA-256 digest of a token, or its HMAC under a pepper: always exactly 32 bytes.
/// There is deliberately no `PartialEq`: the only comparison is [`Digest::ct_eq`], in
/// constant time, so no caller can compare digests with a variable-time `==` by accident.
#[derive(Clone, Copy)]
pub struct Digest([u8; 32]);

/// A digest text that is not 43 characters of canonical unpadded base64url.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DigestError;

impl DigestError {
    /// A human message.
    pub const MESSAGE: &'static str = "a digest must be 43 characters of unpadded base64url (a SHA-256 value)";

    /// The human message.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{digest::DigestError, Digest};
    ///
    /// let error = Digest::from_base64url("too short").unwrap_err();
    /// assert_eq!(error.message(), DigestError::MESSAGE);
    /// assert_eq!(error.to_string(), error.message());
    /// ```
    pub fn message(self) -> &'static str {
        Self::MESSAGE
    }
}


impl Digest {
    /// `SHA-256(token)`, the digest a portal sends at creation.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Digest;
    ///
    /// let digest = Digest::of("pat_abcdefghijklmnopqrstuvwxyz01232LolCm");
    /// assert_eq!(digest.to_base64url(), "HgUTBGS74Db959aRnX80zMzDwVcd5Puh80gQ5sWyIvI");
    /// ```
    pub fn of(token: &str) -> Self {
        Digest(Sha256::digest(token.as_bytes()).into())
    }

    /// `HMAC-SHA-256(pepper, digest)`: what a server with a pepper stores. Being keyed on the
    /// SHA-256 bytes, the server can pepper a digest it received without ever seeing the token.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Digest, Pepper};
    ///
    /// let pepper = Pepper::new(b"0123456789abcdef")?;
    /// // The server peppers what the portal sent; the token itself is not needed.
    /// let received = Digest::from_base64url("HgUTBGS74Db959aRnX80zMzDwVcd5Puh80gQ5sWyIvI")?;
    /// assert_eq!(received.peppered(&pepper).to_base64url(), "lGexF3dyBERJc4QXLTiHQ2tZyVJeCf3gQf3fZE_bLjw");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn peppered(&self, pepper: &Pepper) -> Self {
        Digest(pepper.mac(&self.0))
    }

    /// The digest of a presented token as the store holds it: peppered when a pepper is set.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Digest, Pepper};
    ///
    /// let token = "pat_abcdefghijklmnopqrstuvwxyz01232LolCm";
    /// assert!(Digest::stored_form(token, None).ct_eq(&Digest::of(token)));
    /// let pepper = Pepper::new(b"0123456789abcdef")?;
    /// let stored = Digest::stored_form(token, Some(&pepper));
    /// assert_eq!(stored.to_base64url(), "lGexF3dyBERJc4QXLTiHQ2tZyVJeCf3gQf3fZE_bLjw");
    /// # Ok::<(), patgate::digest::PepperError>(())
    /// ```
    pub fn stored_form(token: &str, pepper: Option<&Pepper>) -> Self {
        let plain = Digest::of(token);
        pepper.map_or(plain, |p| plain.peppered(p))
    }

    /// Reads a stored or received digest, strictly: 43 canonical base64url characters.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Digest;
    ///
    /// let text = "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"; // SHA-256 of ""
    /// assert!(Digest::from_base64url(text)?.to_hex().starts_with("e3b0c442"));
    /// assert!(Digest::from_base64url(&format!("{text}=")).is_err()); // padded
    /// assert!(Digest::from_base64url("47DEQpj8HBSa+/TImW-5JCeuQeRkm5NMpJWZG3hSuFU").is_err()); // not url-safe
    /// assert!(Digest::from_base64url("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFV").is_err()); // trailing bits
    /// # Ok::<(), patgate::digest::DigestError>(())
    /// ```
    pub fn from_base64url(text: &str) -> Result<Self, DigestError> {
        if text.len() != DIGEST_TEXT_LEN {
            return Err(DigestError);
        }
        let mut out = [0u8; 32];
        match URL_SAFE_NO_PAD.decode_slice(text, &mut out) {
            Ok(32) => Ok(Digest(out)),
            _ => Err(DigestError),
        }
    }

    /// The 43-character base64url text.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Digest;
    ///
    /// assert_eq!(Digest::of("abc").to_base64url(), "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    /// ```
    pub fn to_base64url(&self) -> String {
        // Through `write_base64url`: one base64 encoder in the module, not two.
        let mut text = [0u8; DIGEST_TEXT_LEN];
        let n = self.write_base64url(&mut text).unwrap_or_default();
        text.get(..n).and_then(|t| core::str::from_utf8(t).ok()).unwrap_or_default().to_owned()
    }

    /// Writes the 43-character base64url text into `out` (at least 43 bytes); returns its length.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Digest;
    ///
    /// let mut out = [0u8; 64];
    /// assert_eq!(Digest::of("").write_base64url(&mut out), Some(43));
    /// assert_eq!(&out[..43], b"47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
    /// assert_eq!(Digest::of("").write_base64url(&mut [0; 42]), None); // too small
    /// ```
    pub fn write_base64url(&self, out: &mut [u8]) -> Option<usize> {
        URL_SAFE_NO_PAD.encode_slice(self.0, out).ok()
    }

    /// The raw 32 bytes.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Digest;
    ///
    /// let digest = Digest::of("");
    /// assert_eq!(digest.as_bytes()[..4], [0xe3, 0xb0, 0xc4, 0x42]);
    /// assert!(Digest::from(*digest.as_bytes()).ct_eq(&digest));
    /// ```
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The 32 bytes in lower-case hex, as GitHub's secret-scanning feedback names a token.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Digest;
    ///
    /// assert_eq!(
    ///     Digest::of("").to_hex(),
    ///     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    /// );
    /// ```
    pub fn to_hex(&self) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.0.iter().flat_map(|b| [HEX[usize::from(b >> 4)] as char, HEX[usize::from(b & 15)] as char]).collect()
    }

    /// Equality in constant time: every byte is compared whatever the first difference, as
    /// four 64-bit words (subtle's comparison of each, without a branch on any of them).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Digest;
    ///
    /// let stored = Digest::of("pat_abcdefghijklmnopqrstuvwxyz01232LolCm");
    /// assert!(stored.ct_eq(&Digest::of("pat_abcdefghijklmnopqrstuvwxyz01232LolCm")));
    /// assert!(!stored.ct_eq(&Digest::of("pat_abcdefghijklmnopqrstuvwxyz01232LolCn")));
    /// ```
    pub fn ct_eq(&self, other: &Digest) -> bool {
        words(&self.0).ct_eq(&words(&other.0)).into()
    }
}

fn words(bytes: &[u8; 32]) -> [u64; 4] {
    let word = |at: usize| bytes.get(at..at + 8).and_then(|b| b.try_into().ok()).map_or(0, u64::from_le_bytes);
    [word(0), word(8), word(16), word(24)]
}

impl From<[u8; 32]> for Digest {
    fn from(bytes: [u8; 32]) -> Self {
        Digest(bytes)
    }
}

/// Digests never reach logs, so `Debug` does not print one.
impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Digest(<redacted>)")
    }
}

/// A server-side key mixed into stored digests, so that a leaked database alone cannot
/// confirm a guessed token. Held as a keyed HMAC state (the key's pads computed once);
/// never printed.
#[derive(Clone)]
pub struct Pepper(Hmac<Sha256>);

/// A pepper shorter than [`MIN_PEPPER_LEN`] bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PepperError;

impl PepperError {
    /// A human message.
    pub const MESSAGE: &'static str = "a pepper must be at least 16 bytes (32 random bytes recommended)";

    /// The human message.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{digest::PepperError, Pepper};
    ///
    /// let error = Pepper::new(b"too short").unwrap_err();
    /// assert_eq!(error.message(), PepperError::MESSAGE);
    /// ```
    pub fn message(self) -> &'static str {
        Self::MESSAGE
    }
}


impl Pepper {
    /// Takes the pepper's bytes (from an edge secret, never from the database).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{digest::PepperError, Pepper};
    ///
    /// let pepper = Pepper::new(&[7; 32])?;
    /// assert_eq!(format!("{pepper:?}"), "Pepper(<redacted>)");
    /// assert_eq!(Pepper::new(&[7; 15]).unwrap_err(), PepperError); // under 16 bytes
    /// # Ok::<(), PepperError>(())
    /// ```
    pub fn new(bytes: &[u8]) -> Result<Self, PepperError> {
        if bytes.len() < MIN_PEPPER_LEN {
            return Err(PepperError);
        }
        <Hmac<Sha256> as KeyInit>::new_from_slice(bytes).map(Pepper).map_err(|_| PepperError)
    }
}

impl Pepper {
    /// A pepper written as text: base64url without padding, decoded (strictly: canonical
    /// trailing bits), of at least [`MIN_PEPPER_TEXT_BYTES`] and at most 128 bytes. Text is never used as the
    /// key's bytes directly: two different secrets must never make one key.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Digest, Pepper};
    ///
    /// // The bytes 0, 1, …, 31 (`openssl rand -base64 32` makes such a text, base64url it).
    /// let pepper = Pepper::from_base64url("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8")?;
    /// let digest = Digest::of("pat_abcdefghijklmnopqrstuvwxyz01232LolCm").peppered(&pepper);
    /// assert_eq!(digest.to_base64url(), "7oBmXEptt-3ktOU4qrTN894qAs1A5l8axE8s6ScceGM");
    /// // 20 characters decode to 15 bytes: a pepper typed by hand, refused.
    /// assert!(Pepper::from_base64url("0123456789abcdef0123").is_err());
    /// # Ok::<(), patgate::digest::PepperTextError>(())
    /// ```
    pub fn from_base64url(text: &str) -> Result<Self, PepperTextError> {
        // At most 128 bytes (an HMAC key past 64 bytes is hashed first anyway): decoded in place.
        let mut bytes = [0u8; 128];
        match URL_SAFE_NO_PAD.decode_slice(text, &mut bytes) {
            Ok(n) if n >= MIN_PEPPER_TEXT_BYTES => bytes.get(..n).ok_or(PepperTextError).and_then(|key| Pepper::new(key).map_err(|_| PepperTextError)),
            _ => Err(PepperTextError),
        }
    }

    /// `HMAC-SHA-256(pepper, message)`.
    fn mac(&self, message: &[u8]) -> [u8; 32] {
        let mut mac = self.0.clone();
        mac.update(message);
        mac.finalize().into_bytes().into()
    }
}

impl fmt::Debug for Pepper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pepper(<redacted>)")
    }
}

/// Whether a presented token matches a stored digest, compared in constant time.
///
/// # Examples
///
/// ```rust
/// use patgate::{verify, Digest, Pepper};
///
/// let token = "pat_abcdefghijklmnopqrstuvwxyz01232LolCm";
/// let stored = Digest::from_base64url("HgUTBGS74Db959aRnX80zMzDwVcd5Puh80gQ5sWyIvI")?;
/// assert!(verify(token, &stored, None));
/// assert!(!verify("pat_0000000000000000000000000000002C8GjS", &stored, None));
/// // Under a pepper the store holds the HMAC, not the plain digest.
/// let pepper = Pepper::new(b"0123456789abcdef")?;
/// assert!(!verify(token, &stored, Some(&pepper)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify(token: &str, stored: &Digest, pepper: Option<&Pepper>) -> bool {
    Digest::stored_form(token, pepper).ct_eq(stored)
}

/// A pepper given as text that is not base64url (no padding) of at least [`MIN_PEPPER_TEXT_BYTES`] bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PepperTextError;

impl PepperTextError {
    /// A human message.
    pub const MESSAGE: &'static str = "a pepper given as text must be base64url (no padding) of at least 32 bytes; give other secrets as bytes";

    /// The human message.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{digest::PepperTextError, Pepper};
    ///
    /// let error = Pepper::from_base64url("c2hvcnQ").unwrap_err(); // "short"
    /// assert_eq!(error.message(), PepperTextError::MESSAGE);
    /// ```
    pub fn message(self) -> &'static str {
        Self::MESSAGE
    }
}

crate::error_type!(DigestError, PepperError, PepperTextError);

#[cfg(test)]
mod tests {
    use super::*;
    use hex_literal::hex;

    /// RFC 4231 §4 test cases whose keys meet the 16-byte minimum (1, 3, 4, 6, 7).
    #[test]
    fn hmac_sha256_matches_rfc4231() {
        let cases: [(&[u8], &[u8], [u8; 32]); 5] = [
            (&[0x0b; 20], b"Hi There", hex!("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")),
            (&[0xaa; 20], &[0xdd; 50], hex!("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")),
            (
                &hex!("0102030405060708090a0b0c0d0e0f10111213141516171819"),
                &[0xcd; 50],
                hex!("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
            ),
            (
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First",
                hex!("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
            ),
            (
                &[0xaa; 131],
                b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
                hex!("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
            ),
        ];
        for (key, data, expected) in cases {
            assert_eq!(Pepper::new(key).unwrap().mac(data), expected);
        }
    }
}
