//! Finding leaked tokens in text: every well-formed token of the chosen prefixes whose checksum
//! holds, written out plainly (also in `user:token@host` URLs and `Bearer` headers) or inside a
//! `Basic` credential, as logs and shell histories show them.
//!
//! One forward pass per prefix with `memchr`'s substring search (the search ripgrep uses), so a
//! scan is linear and allocates nothing; only a candidate costs more than a comparison, and only
//! a found token is hashed.

use alloc::{borrow::ToOwned, vec::Vec};
use crate::{
    digest::Digest,
    secret::Secret,
    token::{length_at, Prefix, BODY_LEN, HINT_LEN, MAX_PREFIX_LEN},
};
use base64::{engine::general_purpose::STANDARD_PAD_INDIFFERENT, Engine};
use core::fmt;
use zeroize::Zeroize;

// Natively, ripgrep's searches: Aho-Corasick with its vectorised Teddy prefilter finds every
// needle in one pass over the text, and memchr's substring search looks inside a credential.
#[cfg(not(target_arch = "wasm32"))]
use aho_corasick::{AhoCorasick, Input, MatchKind};
#[cfg(not(target_arch = "wasm32"))]
use memchr::memmem::Finder;

#[cfg(target_arch = "wasm32")]
use crate::byte_search::{newlines, Cursor, Finder, Needles};

#[cfg(not(target_arch = "wasm32"))]
fn newlines(bytes: &[u8]) -> (usize, Option<usize>) {
    (memchr::memchr_iter(b'\n', bytes).count(), memchr::memrchr(b'\n', bytes))
}


/// GitHub's classic token prefixes, which share patgate's layout and checksum.
pub const GITHUB_PREFIXES: [&str; 5] = ["ghp", "gho", "ghu", "ghs", "ghr"];
/// Most prefixes one scanner looks for.
pub const MAX_PREFIXES: usize = 8;
/// Longest token of any prefix.
const MAX_TOKEN_LEN: usize = MAX_PREFIX_LEN + 1 + BODY_LEN;
/// Longest `Basic` credential looked into: base64 of a 256-byte user name, `:` and a token.
const MAX_BASIC_LEN: usize = (256 + 1 + MAX_TOKEN_LEN).div_ceil(3) * 4;

/// Why a scanner could not be built (a caller's mistake).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScanError {
    /// No prefix, or more than [`MAX_PREFIXES`].
    PrefixCount,
    /// The same prefix twice.
    DuplicatePrefix,
}

impl ScanError {
    /// A short machine-readable name.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{scan::ScanError, Scanner};
    ///
    /// assert_eq!(Scanner::new(&[]).err(), Some(ScanError::PrefixCount));
    /// assert_eq!(ScanError::PrefixCount.code(), "prefix_count");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            ScanError::PrefixCount => "prefix_count",
            ScanError::DuplicatePrefix => "duplicate_prefix",
        }
    }

    /// A human message.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{scan::ScanError, Prefix, Scanner};
    ///
    /// let twice = [Prefix::default(), Prefix::default()];
    /// assert_eq!(Scanner::new(&twice).err().map(ScanError::message), Some("a scan's token prefixes must differ"));
    /// ```
    pub fn message(self) -> &'static str {
        match self {
            ScanError::PrefixCount => "a scan needs 1 to 8 token prefixes",
            ScanError::DuplicatePrefix => "a scan's token prefixes must differ",
        }
    }
}

crate::error_type!(ScanError);

/// How a found token was written in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// As itself.
    Plain,
    /// Inside the base64 of a `Basic` credential (`user:token`).
    Basic,
}

impl Encoding {
    /// `plain` or `basic`.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::scan::Encoding;
    ///
    /// assert_eq!(Encoding::Plain.as_str(), "plain");
    /// assert_eq!(Encoding::Basic.as_str(), "basic");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Plain => "plain",
            Encoding::Basic => "basic",
        }
    }
}

/// A token found in text. Its position is in bytes; the token itself is reachable only through
/// [`Found::reveal`], is never in `Debug`, and is wiped when the value is dropped.
pub struct Found {
    /// Byte offset of the token, or of the base64 credential holding it.
    pub offset: usize,
    /// Bytes of the text it spans (the token, or the whole base64 credential).
    pub length: usize,
    /// Line, from 1 (lines end at `\n`).
    pub line: usize,
    /// Column in bytes from 1, as `git grep --column` and ripgrep count.
    pub column: usize,
    /// Which of the scanner's prefixes it has.
    pub prefix: usize,
    /// How it was written.
    pub encoding: Encoding,
    token: [u8; MAX_TOKEN_LEN],
    token_len: usize,
}

impl Found {
    fn token(&self) -> &str {
        // Only ASCII from the token alphabet, the prefix and `_` is ever copied in.
        self.token.get(..self.token_len).and_then(|t| core::str::from_utf8(t).ok()).unwrap_or_default()
    }

    /// The token's last four characters, safe to show.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Scanner;
    ///
    /// let found = Scanner::default().scan(b"token=pat_abcdefghijklmnopqrstuvwxyz01232LolCm").next().unwrap();
    /// assert_eq!(found.hint(), "olCm");
    /// // `Debug` shows the hint, never the token.
    /// assert_eq!(format!("{found:?}"), r#"Found { offset: 6, line: 1, column: 7, prefix: 0, encoding: Plain, hint: "olCm", .. }"#);
    /// ```
    pub fn hint(&self) -> &str {
        let t = self.token();
        t.get(t.len().saturating_sub(HINT_LEN)..).unwrap_or_default()
    }

    /// The token's digest, as the store keeps it (before any pepper).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Scanner;
    ///
    /// let found = Scanner::default().scan(b"PAT=pat_abcdefghijklmnopqrstuvwxyz01232LolCm").next().unwrap();
    /// assert_eq!(found.digest().to_base64url(), "HgUTBGS74Db959aRnX80zMzDwVcd5Puh80gQ5sWyIvI");
    /// ```
    pub fn digest(&self) -> Digest {
        Digest::of(self.token())
    }

    /// The token itself, for a caller that must revoke or report it.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Scanner;
    ///
    /// let found = Scanner::default().scan(b"PAT=pat_abcdefghijklmnopqrstuvwxyz01232LolCm").next().unwrap();
    /// assert_eq!(found.reveal().expose(), "pat_abcdefghijklmnopqrstuvwxyz01232LolCm");
    /// ```
    pub fn reveal(&self) -> Secret {
        Secret::new(self.token().to_owned())
    }
}

impl fmt::Debug for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Found")
            .field("offset", &self.offset)
            .field("line", &self.line)
            .field("column", &self.column)
            .field("prefix", &self.prefix)
            .field("encoding", &self.encoding)
            .field("hint", &self.hint())
            .finish_non_exhaustive()
    }
}

impl Drop for Found {
    fn drop(&mut self) {
        self.token.zeroize();
    }
}

/// Finds tokens of up to eight prefixes.
pub struct Scanner {
    prefixes: Vec<Prefix>,
    /// Each `prefix_`, searched for inside a decoded credential.
    finders: Vec<Finder<'static>>,
    /// Every needle: each `prefix_`, then `asic` and `ASIC` unless Basic is off.
    needles: Needles,
}

/// Every needle in one automaton, searched from a cursor (the wasm build has its own, needle by
/// needle: see byte_search.rs).
#[cfg(not(target_arch = "wasm32"))]
struct Needles(AhoCorasick);

#[cfg(not(target_arch = "wasm32"))]
type Cursor = usize;

#[cfg(not(target_arch = "wasm32"))]
impl Needles {
    fn new(needles: &[Vec<u8>]) -> Result<Needles, ScanError> {
        AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(needles).map(Needles).map_err(|_| ScanError::PrefixCount)
    }
    fn start(&self, _text: &[u8]) -> Cursor {
        0
    }
    /// The leftmost candidate at or after the cursor: its position and needle.
    fn candidate(&self, cursor: &Cursor, text: &[u8]) -> Option<(usize, usize)> {
        let input = Input::new(text).span((*cursor).min(text.len())..text.len());
        self.0.find(input).map(|m| (m.start(), m.pattern().as_usize()))
    }
    /// Looks for the next candidate from `from` on (every needle's at once).
    fn resume(&self, cursor: &mut Cursor, _text: &[u8], _needle: usize, from: usize) {
        *cursor = from;
    }
}

impl Default for Scanner {
    /// A scanner for patgate's default prefix, `pat`.
    fn default() -> Self {
        Scanner::new(&[Prefix::default()]).unwrap_or_else(|_| unreachable!("one prefix"))
    }
}

impl Scanner {
    /// A scanner for these prefixes (1 to [`MAX_PREFIXES`], all different).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Prefix, Scanner};
    ///
    /// let scanner = Scanner::new(&[Prefix::new("acme")?, Prefix::default()])?;
    /// let text = b"pat_abcdefghijklmnopqrstuvwxyz01232LolCm acme_abcdefghijklmnopqrstuvwxyz01232LolCm";
    /// let prefixes: Vec<usize> = scanner.scan(text).map(|found| found.prefix).collect();
    /// assert_eq!(prefixes, [1, 0]); // in order of position; `prefix` counts the scanner's prefixes
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(prefixes: &[Prefix]) -> Result<Self, ScanError> {
        if prefixes.is_empty() || prefixes.len() > MAX_PREFIXES {
            return Err(ScanError::PrefixCount);
        }
        if prefixes.iter().enumerate().any(|(i, p)| prefixes[..i].contains(p)) {
            return Err(ScanError::DuplicatePrefix);
        }
        Scanner::build(prefixes, true)
    }

    /// This scanner without the search for `Basic` credentials: only tokens written out plainly,
    /// the same work as a search for the prefixes' pattern (and as fast, see BENCHMARKS.md).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{scan::Encoding, Scanner};
    ///
    /// // base64 of "alice:pat_abcdefghijklmnopqrstuvwxyz01232LolCm"
    /// let header = b"Authorization: Basic YWxpY2U6cGF0X2FiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzJMb2xDbQ==";
    /// let found = Scanner::default().scan(header).next().unwrap();
    /// assert_eq!((found.encoding, found.offset, found.length), (Encoding::Basic, 21, 64));
    /// assert_eq!(Scanner::default().without_basic().scan(header).count(), 0);
    /// ```
    pub fn without_basic(self) -> Self {
        Scanner::build(&self.prefixes, false).unwrap_or(self)
    }

    fn build(prefixes: &[Prefix], basic_credentials: bool) -> Result<Self, ScanError> {
        let basic: &[&[u8]] = if basic_credentials { &[b"asic", b"ASIC"] } else { &[] };
        let needles: Vec<Vec<u8>> = prefixes.iter().map(|p| [p.as_str().as_bytes(), b"_"].concat()).chain(basic.iter().map(|b| b.to_vec())).collect();
        let finders = needles.iter().take(prefixes.len()).map(|n| Finder::new(n).into_owned()).collect();
        Ok(Scanner { prefixes: prefixes.to_vec(), finders, needles: Needles::new(&needles)? })
    }

    /// GitHub's classic prefixes ([`GITHUB_PREFIXES`]).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Scanner;
    ///
    /// let scanner = Scanner::new(&Scanner::github_prefixes().collect::<Vec<_>>())?;
    /// assert_eq!(scanner.prefixes().len(), 5);
    /// assert_eq!(scanner.scan(b"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").count(), 1);
    /// # Ok::<(), patgate::scan::ScanError>(())
    /// ```
    pub fn github_prefixes() -> impl Iterator<Item = Prefix> {
        GITHUB_PREFIXES.iter().filter_map(|p| Prefix::new(p).ok())
    }

    /// The prefixes, in the order [`Found::prefix`] counts them.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Prefix, Scanner};
    ///
    /// assert_eq!(Scanner::default().prefixes(), [Prefix::default()]);
    /// ```
    pub fn prefixes(&self) -> &[Prefix] {
        &self.prefixes
    }

    /// Every token in `text`, in order of position.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Scanner;
    ///
    /// let log = b"ok\n  git push https://ci:pat_abcdefghijklmnopqrstuvwxyz01232LolCm@example.com\n";
    /// let found: Vec<_> = Scanner::default().scan(log).collect();
    /// assert_eq!(found.len(), 1);
    /// assert_eq!((found[0].line, found[0].column, found[0].length), (2, 23, 40));
    /// // A mistyped token (its checksum fails) is not a leak.
    /// assert_eq!(Scanner::default().scan(b"pat_abcdefghijklmnopqrstuvwxyz01232LolCn").count(), 0);
    /// ```
    pub fn scan<'a>(&'a self, text: &'a [u8]) -> Scan<'a> {
        // The two `Basic` needles sit after the prefixes'.
        let basic_from = self.finders.len();
        Scan { scanner: self, text, cursor: self.needles.start(text), basic_from, lines: Lines::default(), inner: Inner::default() }
    }

    /// The length of the token of prefix `p` starting at `at` in `text`, if one is there.
    fn token_at(&self, text: &[u8], at: usize, p: usize) -> Option<usize> {
        length_at(text, at, self.prefixes.get(p)?)
    }
}

/// Line and column of increasing offsets, counting each byte once.
#[derive(Default)]
struct Lines {
    at: usize,
    line: usize,
    line_start: usize,
}

impl Lines {
    fn locate(&mut self, text: &[u8], offset: usize) -> (usize, usize) {
        let between = text.get(self.at.min(offset)..offset).unwrap_or_default();
        let (count, last) = newlines(between);
        self.line += count;
        if let Some(nl) = last {
            self.line_start = self.at + nl + 1;
        }
        self.at = self.at.max(offset);
        (self.line + 1, offset.saturating_sub(self.line_start) + 1)
    }
}

/// A `Basic` credential's decoded bytes, searched for tokens before the scan moves on.
struct Inner {
    decoded: [u8; MAX_BASIC_LEN],
    len: usize,
    from: usize,
    offset: usize,
    length: usize,
}

impl Default for Inner {
    fn default() -> Self {
        Inner { decoded: [0; MAX_BASIC_LEN], len: 0, from: 0, offset: 0, length: 0 }
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.decoded.zeroize();
    }
}

/// The tokens of one text, found lazily: see [`Scanner::scan`].
pub struct Scan<'a> {
    scanner: &'a Scanner,
    text: &'a [u8],
    /// Where the next candidates are looked for.
    cursor: Cursor,
    basic_from: usize,
    lines: Lines,
    inner: Inner,
}

impl Scan<'_> {
    fn found(&mut self, offset: usize, length: usize, prefix: usize, encoding: Encoding, token: &[u8]) -> Found {
        let (line, column) = self.lines.locate(self.text, offset);
        let mut copy = [0; MAX_TOKEN_LEN];
        for (to, from) in copy.iter_mut().zip(token) {
            *to = *from;
        }
        Found { offset, length, line, column, prefix, encoding, token: copy, token_len: token.len().min(MAX_TOKEN_LEN) }
    }

    /// The next token inside the decoded credential, if any is left.
    fn next_inner(&mut self) -> Option<Found> {
        let scanner = self.scanner;
        while self.inner.from < self.inner.len {
            let from = self.inner.from;
            let hay = self.inner.decoded.get(..self.inner.len)?;
            let rest = hay.get(from..)?;
            let (at, p) = scanner.finders.iter().enumerate().filter_map(|(p, f)| f.find(rest).map(|i| (from + i, p))).min()?;
            let Some(len) = scanner.token_at(hay, at, p) else {
                self.inner.from = at + 1;
                continue;
            };
            let mut token = [0; MAX_TOKEN_LEN];
            for (to, from) in token.iter_mut().zip(hay.get(at..at + len)?) {
                *to = *from;
            }
            self.inner.from = at + len;
            let (offset, length) = (self.inner.offset, self.inner.length);
            let found = self.found(offset, length, p, Encoding::Basic, token.get(..len)?);
            token.zeroize();
            return Some(found);
        }
        None
    }

    /// At `at`, an `asic`/`ASIC` match: if it is the word `Basic` followed by blanks and a base64
    /// run of bounded length, decode the run for [`Scan::next_inner`]; the end of the run.
    fn open_basic(&mut self, at: usize) -> Option<usize> {
        let text = self.text;
        let start = at.checked_sub(1)?;
        let word = text.get(start..start + 5)?;
        if !word.eq_ignore_ascii_case(b"basic") || start.checked_sub(1).and_then(|i| text.get(i)).is_some_and(u8::is_ascii_alphanumeric) {
            return None;
        }
        let after = text.get(start + 5..)?;
        let blanks = after.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
        let window = after.get(blanks..)?;
        let window = window.get(..window.len().min(MAX_BASIC_LEN + 1))?;
        let base64 = |b: &u8| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/';
        let mut run = window.iter().take_while(|b| base64(b)).count();
        run += window.iter().skip(run).take(2).take_while(|&&b| b == b'=').count();
        if blanks == 0 || run == 0 || run > MAX_BASIC_LEN || window.get(run).is_some_and(|b| base64(b) || *b == b'=') {
            return None;
        }
        let run_at = start + 5 + blanks;
        let len = STANDARD_PAD_INDIFFERENT.decode_slice(window.get(..run)?, &mut self.inner.decoded).ok()?;
        self.inner.len = len;
        self.inner.from = 0;
        self.inner.offset = run_at;
        self.inner.length = run;
        Some(run_at + run)
    }

    fn close_basic(&mut self) {
        self.inner.decoded.zeroize();
        self.inner.len = 0;
        self.inner.from = 0;
    }
}

impl Iterator for Scan<'_> {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            if self.inner.len > 0 {
                if let Some(found) = self.next_inner() {
                    return Some(found);
                }
                self.close_basic();
            }
            let (at, search) = self.scanner.needles.candidate(&self.cursor, self.text)?;
            if search < self.basic_from {
                let text = self.text;
                if let Some(token) = self.scanner.token_at(text, at, search).and_then(|len| text.get(at..at + len)) {
                    self.scanner.needles.resume(&mut self.cursor, text, search, at + token.len());
                    return Some(self.found(at, token.len(), search, Encoding::Plain, token));
                }
                self.scanner.needles.resume(&mut self.cursor, text, search, at + 1);
            } else {
                let end = self.open_basic(at);
                self.scanner.needles.resume(&mut self.cursor, self.text, search, end.unwrap_or(at + 1));
            }
        }
    }
}
