//! Token format v1: `<prefix>_<30 random base62><6 base62 CRC-32>`, GitHub's published layout.

use alloc::{borrow::ToOwned, string::String};
use crate::{digest::Digest, secret::Secret};

/// The base62 alphabet, in GitHub's order: digits, upper case, lower case.
pub const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/// Random characters in a token (≈178.6 bits).
pub const RANDOM_LEN: usize = 30;
/// Checksum characters after the random part.
pub const CHECKSUM_LEN: usize = 6;
/// Characters after the prefix's separator.
pub const BODY_LEN: usize = RANDOM_LEN + CHECKSUM_LEN;
/// Longest allowed prefix.
pub const MAX_PREFIX_LEN: usize = 16;
/// The prefix used when a deployment names none.
pub const DEFAULT_PREFIX: &str = "pat";
/// Characters in a token's display hint: its last four, all from the checksum.
pub const HINT_LEN: usize = 4;

/// Whether `text` could be a v1 token's hint: four characters of the base62 alphabet.
///
/// # Examples
///
/// ```rust
/// use patgate::token::is_hint;
///
/// assert!(is_hint("olCm"));
/// assert!(!is_hint("olC")); // three characters
/// assert!(!is_hint("ol-m")); // `-` is not base62
/// ```
pub fn is_hint(text: &str) -> bool {
    text.len() == HINT_LEN && text.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// CRC-32/ISO-HDLC, the zlib and PNG CRC; one 1 KiB table keeps the wasm small.
const CRC32: crc::Crc<u32, crc::Table<1>> = crc::Crc::<u32, crc::Table<1>>::new(&crc::CRC_32_ISO_HDLC);
/// Bytes at or above this are rejected so that `byte % 62` is uniform (248 = 4 × 62).
const REJECT_FROM: u8 = 248;

/// A deployment's token prefix: 1–16 characters of `[a-z0-9_]`, `_` only inside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prefix(String);

/// Why a prefix was refused (a developer's mistake, not a client's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PrefixError;

impl PrefixError {
    /// A human message.
    pub const MESSAGE: &'static str =
        "a token prefix must be 1-16 characters of a-z, 0-9 and '_', not starting or ending with '_'";

    /// The human message.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::token::{Prefix, PrefixError};
    ///
    /// let error = Prefix::new("Pat").unwrap_err(); // upper case is refused
    /// assert_eq!(error.message(), PrefixError::MESSAGE);
    /// assert_eq!(error.to_string(), error.message());
    /// ```
    pub fn message(self) -> &'static str {
        Self::MESSAGE
    }
}

impl Prefix {
    /// Validates a prefix such as `pat`, `acme_pat` or `ghp`.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Prefix;
    ///
    /// assert!(Prefix::new("acme_pat").is_ok());
    /// assert!(Prefix::new("_pat").is_err()); // `_` only inside
    /// assert!(Prefix::new("pat-1").is_err());
    /// assert!(Prefix::new("a_very_long_prefix").is_err()); // 18 characters
    /// ```
    pub fn new(prefix: &str) -> Result<Self, PrefixError> {
        let b = prefix.as_bytes();
        let ok = (1..=MAX_PREFIX_LEN).contains(&b.len())
            && b.iter().all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
            && b.first() != Some(&b'_')
            && b.last() != Some(&b'_');
        if ok {
            Ok(Prefix(prefix.to_owned()))
        } else {
            Err(PrefixError)
        }
    }

    /// The prefix's text.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Prefix;
    ///
    /// assert_eq!(Prefix::new("ghp")?.as_str(), "ghp");
    /// assert_eq!(Prefix::default().as_str(), "pat");
    /// # Ok::<(), patgate::token::PrefixError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Prefix {
    fn default() -> Self {
        Prefix(DEFAULT_PREFIX.to_owned())
    }
}

/// Why a token failed the offline check. Each reason is checked before any store lookup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenError {
    /// No `_` separator, or the part before the last `_` is not this deployment's prefix.
    Prefix,
    /// The part after the last `_` is not exactly 36 characters.
    Length,
    /// The part after the last `_` holds a character outside base62.
    Alphabet,
    /// The last six characters are not the CRC-32 of the thirty before them.
    Checksum,
}

impl TokenError {
    /// A short machine-readable name: `prefix`, `length`, `alphabet` or `checksum`.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{token, Prefix, TokenError};
    ///
    /// let error = token::check("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", &Prefix::default()).unwrap_err();
    /// assert_eq!(error.code(), "prefix");
    /// assert_eq!(TokenError::Checksum.code(), "checksum");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            TokenError::Prefix => "prefix",
            TokenError::Length => "length",
            TokenError::Alphabet => "alphabet",
            TokenError::Checksum => "checksum",
        }
    }

    /// A human message that never repeats the token.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{token, Prefix, TokenError};
    ///
    /// // The last six characters are not the checksum of the thirty before them.
    /// let mistyped = "pat_abcdefghijklmnopqrstuvwxyz0123000000";
    /// let error = token::check(mistyped, &Prefix::default()).unwrap_err();
    /// assert_eq!(error, TokenError::Checksum);
    /// assert_eq!(error.message(), "the token's checksum does not match; it was mistyped or truncated");
    /// ```
    pub fn message(self) -> &'static str {
        match self {
            TokenError::Prefix => "the token does not start with this deployment's prefix",
            TokenError::Length => "the token does not have 36 characters after its prefix",
            TokenError::Alphabet => "the token holds characters outside 0-9, A-Z and a-z",
            TokenError::Checksum => "the token's checksum does not match; it was mistyped or truncated",
        }
    }
}

/// The platform's random source failed (no `crypto.getRandomValues`, or the OS refused).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RandomnessError;

impl RandomnessError {
    /// A human message.
    pub const MESSAGE: &'static str = "the platform's secure random generator is unavailable";

    /// The human message.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::token::RandomnessError;
    ///
    /// assert_eq!(RandomnessError.message(), "the platform's secure random generator is unavailable");
    /// assert_eq!(RandomnessError.to_string(), RandomnessError::MESSAGE);
    /// ```
    pub fn message(self) -> &'static str {
        Self::MESSAGE
    }
}

/// A new token with what a portal sends to the server instead of it.
#[derive(Debug)]
pub struct Generated {
    /// The token: shown once to its owner, never sent to a server.
    pub token: Secret,
    /// Its unpeppered digest, what the portal sends.
    pub digest: Digest,
    /// Its last four characters, for display.
    pub hint: String,
}

/// Generates a v1 token from the platform CSPRNG, with its digest and hint. Draws fresh
/// bytes from the platform for this token alone; [`RandomPool`] amortises the draw.
///
/// # Examples
///
/// ```rust
/// use patgate::{token, Digest, Prefix};
///
/// let prefix = Prefix::new("acme")?;
/// let created = token::generate(&prefix)?;
/// let text = created.token.expose();
/// assert!(text.starts_with("acme_") && text.len() == "acme_".len() + 36);
/// assert_eq!(token::check(text, &prefix), Ok(()));
/// assert!(created.digest.ct_eq(&Digest::of(text)));
/// assert_eq!(created.hint, &text[text.len() - 4..]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn generate(prefix: &Prefix) -> Result<Generated, RandomnessError> {
    // 64 bytes almost always yield the 30 accepted ones (each is kept with probability 248/256).
    generate_from(&mut RandomPool::with_block(64), prefix)
}

/// Generates a v1 token from `pool`, with its digest and hint.
///
/// # Examples
///
/// ```rust
/// use patgate::{token::{self, RandomPool}, Prefix};
///
/// // One platform call serves the whole batch.
/// let mut pool = RandomPool::new();
/// let prefix = Prefix::default();
/// let a = token::generate_from(&mut pool, &prefix)?;
/// let b = token::generate_from(&mut pool, &prefix)?;
/// assert_ne!(a.token.expose(), b.token.expose());
/// assert_eq!(token::check(b.token.expose(), &prefix), Ok(()));
/// # Ok::<(), patgate::token::RandomnessError>(())
/// ```
pub fn generate_from(pool: &mut RandomPool, prefix: &Prefix) -> Result<Generated, RandomnessError> {
    let mut text = String::with_capacity(prefix.0.len() + 1 + BODY_LEN);
    text.push_str(&prefix.0);
    text.push('_');
    let mut random = [0u8; RANDOM_LEN];
    for slot in random.iter_mut() {
        // Rejection sampling: bytes of 248 and above are redrawn, so `% 62` has no bias.
        let byte = loop {
            let b = pool.next()?;
            if b < REJECT_FROM {
                break b;
            }
        };
        *slot = ALPHABET[usize::from(byte % 62)];
    }
    text.extend(random.iter().chain(&checksum(&random)).map(|&c| char::from(c)));
    zeroize::Zeroize::zeroize(&mut random);
    let token = Secret::new(text);
    Ok(Generated { digest: Digest::of(token.expose()), hint: token.hint().to_owned(), token })
}

/// Random bytes drawn from the platform CSPRNG a block at a time (one `getRandomValues` call
/// serves many tokens in a browser or worker). Each byte is handed out once and wiped as it
/// is; the rest are wiped when the pool is dropped. Nothing outside reads the block.
pub struct RandomPool {
    block: [u8; POOL_BYTES],
    size: usize,
    next: usize,
}

/// The largest block: enough for about thirty tokens per platform call.
const POOL_BYTES: usize = 1024;

impl RandomPool {
    /// An empty pool drawing 1 KiB blocks: the first byte asked for draws a block.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::token::RandomPool;
    ///
    /// // `const`: a pool can be a field's initial value.
    /// const POOL: RandomPool = RandomPool::new();
    /// assert_eq!(POOL.block_len(), 1024);
    /// ```
    pub const fn new() -> Self {
        RandomPool::with_block(POOL_BYTES)
    }

    /// An empty pool drawing blocks of `size` bytes (1 to 1024).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::token::RandomPool;
    ///
    /// assert_eq!(RandomPool::with_block(64).block_len(), 64);
    /// // Out of range: the full 1 KiB.
    /// assert_eq!(RandomPool::with_block(0).block_len(), 1024);
    /// assert_eq!(RandomPool::with_block(4096).block_len(), 1024);
    /// ```
    pub const fn with_block(size: usize) -> Self {
        let size = if size == 0 || size > POOL_BYTES { POOL_BYTES } else { size };
        RandomPool { block: [0; POOL_BYTES], size, next: size }
    }

    /// Bytes drawn from the platform per call.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::token::RandomPool;
    ///
    /// assert_eq!(RandomPool::default().block_len(), 1024);
    /// assert_eq!(RandomPool::with_block(32).block_len(), 32);
    /// ```
    pub fn block_len(&self) -> usize {
        self.size
    }

    fn next(&mut self) -> Result<u8, RandomnessError> {
        if self.next >= self.size {
            let block = self.block.get_mut(..self.size).ok_or(RandomnessError)?;
            getrandom::fill(block).map_err(|_| RandomnessError)?;
            self.next = 0;
        }
        let b = core::mem::take(self.block.get_mut(self.next).ok_or(RandomnessError)?);
        self.next += 1;
        Ok(b)
    }
}

impl Default for RandomPool {
    fn default() -> Self {
        RandomPool::new()
    }
}

impl Drop for RandomPool {
    fn drop(&mut self) {
        // Bytes past the block size are never written.
        if let Some(block) = self.block.get_mut(..self.size) {
            zeroize::Zeroize::zeroize(block);
        }
    }
}

impl core::fmt::Debug for RandomPool {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("RandomPool(<redacted>)")
    }
}

/// The six base62 checksum characters of a token's random part.
///
/// # Examples
///
/// ```rust
/// use patgate::token::checksum;
///
/// // Base62 of the CRC-32 (zlib's) of the random part, six characters wide.
/// assert_eq!(&checksum(b"abcdefghijklmnopqrstuvwxyz0123"), b"2LolCm");
/// assert_eq!(&checksum(&[b'0'; 30]), b"2C8GjS");
/// ```
pub fn checksum(random: &[u8]) -> [u8; CHECKSUM_LEN] {
    let mut n = CRC32.checksum(random);
    let mut out = [b'0'; CHECKSUM_LEN];
    for slot in out.iter_mut().rev() {
        *slot = ALPHABET[(n % 62) as usize];
        n /= 62;
    }
    out
}

/// Checks a token offline: prefix, length, alphabet, then checksum.
///
/// # Examples
///
/// ```rust
/// use patgate::{token::check, Prefix, TokenError};
///
/// let prefix = Prefix::default();
/// assert_eq!(check("pat_abcdefghijklmnopqrstuvwxyz01232LolCm", &prefix), Ok(()));
/// assert_eq!(check("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", &prefix), Err(TokenError::Prefix));
/// assert_eq!(check("pat_abcdefghijklmnopqrstuvwxyz01232LolC", &prefix), Err(TokenError::Length));
/// assert_eq!(check("pat_abcdefghijklmnopqrstuvwxyz0123-LolCm", &prefix), Err(TokenError::Alphabet));
/// assert_eq!(check("pat_abcdefghijklmnopqrstuvwxyz01232LolCn", &prefix), Err(TokenError::Checksum));
/// ```
pub fn check(token: &str, prefix: &Prefix) -> Result<(), TokenError> {
    let bytes = token.as_bytes();
    let separator = bytes.iter().rposition(|&b| b == b'_').ok_or(TokenError::Prefix)?;
    let (head, body) = bytes.split_at_checked(separator).ok_or(TokenError::Prefix)?;
    if head != prefix.0.as_bytes() {
        return Err(TokenError::Prefix);
    }
    let body = body.get(1..).unwrap_or_default();
    if body.len() != BODY_LEN {
        return Err(TokenError::Length);
    }
    if !body.iter().all(u8::is_ascii_alphanumeric) {
        return Err(TokenError::Alphabet);
    }
    let (random, sum) = body.split_at_checked(RANDOM_LEN).ok_or(TokenError::Length)?;
    if checksum(random) != sum {
        return Err(TokenError::Checksum);
    }
    Ok(())
}

/// Whether `text` holds a token of `prefix` anywhere, as a word of its own (what a scan finds
/// written out plainly): a gate refuses a URL that carries one, whatever part holds it.
/// Linear in `text`: each position is compared with `prefix_` once, and only a match is read on.
///
/// # Examples
///
/// ```rust
/// use patgate::{token::appears_in, Prefix};
///
/// let prefix = Prefix::default();
/// assert!(appears_in("/repos/x?ref=pat_abcdefghijklmnopqrstuvwxyz01232LolCm", &prefix));
/// assert!(!appears_in("/repos/pat_abcdefghijklmnopqrstuvwxyz01232LolCn", &prefix)); // checksum
/// assert!(!appears_in("xpat_abcdefghijklmnopqrstuvwxyz01232LolCm", &prefix)); // part of a word
/// ```
pub fn appears_in(text: &str, prefix: &Prefix) -> bool {
    let text = text.as_bytes();
    (0..text.len()).any(|at| length_at(text, at, prefix).is_some())
}

/// The length of the token of `prefix` at `at` in `text`, if one is there: a word boundary
/// before it, `prefix_`, 36 base62 characters, a boundary after them, a valid checksum.
pub(crate) fn length_at(text: &[u8], at: usize, prefix: &Prefix) -> Option<usize> {
    let head = prefix.0.as_bytes();
    let rest = text.get(at..)?;
    if !rest.starts_with(head) || rest.get(head.len()) != Some(&b'_') || at.checked_sub(1).and_then(|i| text.get(i)).is_some_and(|&b| is_word(b)) {
        return None;
    }
    let body = rest.get(head.len() + 1..head.len() + 1 + BODY_LEN)?;
    if !body.iter().all(u8::is_ascii_alphanumeric) || rest.get(head.len() + 1 + BODY_LEN).is_some_and(|&b| is_word(b)) {
        return None;
    }
    let (random, sum) = body.split_at_checked(RANDOM_LEN)?;
    (checksum(random) == sum).then_some(head.len() + 1 + BODY_LEN)
}

/// Letters, digits and `_`: a token glued to one of these is part of a longer word.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

crate::error_type!(PrefixError, TokenError, RandomnessError);
