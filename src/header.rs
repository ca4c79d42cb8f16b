//! The `Authorization` header: `Basic` (RFC 7617) and `Bearer` (RFC 6750), parsed strictly.
//!
//! Grammar accepted (RFC 9110 §11.6.2, with SPEC.md's stricter choices):
//! `scheme 1*SP credentials`, where `scheme` is `Basic` or `Bearer` in any ASCII case and
//! `credentials` is one token68 without spaces. Nothing is ever trimmed or case-folded
//! inside the credentials.

use alloc::{borrow::ToOwned, string::String, vec};
use crate::secret::Secret;
use base64::{engine::general_purpose::STANDARD, Engine};
use core::fmt;

/// Default cap on an `Authorization` value, in bytes; longer values get 431 unhashed.
pub const DEFAULT_MAX_HEADER_BYTES: usize = 8 * 1024;

/// The two schemes patgate accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// `Basic base64(user-id ":" token)`, what git, npm and curl send.
    Basic,
    /// `Bearer token`.
    Bearer,
}

impl Scheme {
    /// `basic` or `bearer`.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{header, Scheme};
    ///
    /// assert_eq!(Scheme::Basic.name(), "basic");
    /// let credential = header::parse(Some("BEARER pat_x"), 8192)?; // any ASCII case
    /// assert_eq!(credential.scheme.name(), "bearer");
    /// # Ok::<(), patgate::HeaderError>(())
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Basic => "basic",
            Scheme::Bearer => "bearer",
        }
    }
}

/// A credential read from a header. The username is whatever the client sent (git sends
/// anything); only the token authenticates.
pub struct Credential {
    /// Which scheme carried it.
    pub scheme: Scheme,
    /// Basic's user-id (possibly empty); `None` for Bearer.
    pub username: Option<String>,
    /// The presented token, not yet checked.
    pub token: Secret,
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credential")
            .field("scheme", &self.scheme)
            .field("username", &self.username)
            .field("token", &self.token)
            .finish()
    }
}

/// Why a header value gave no credential. [`HeaderError::status`] maps each to SPEC's verdicts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderError {
    /// No header at all (401 with a challenge).
    Missing,
    /// A scheme other than Basic or Bearer (401 with a challenge).
    UnknownScheme,
    /// Longer than the cap (431).
    TooLarge,
    /// Empty, or spaces before the scheme (400).
    Empty,
    /// A control character (NUL, tab, CR, LF, DEL, …) in the header or the decoded credentials (400).
    ControlCharacter,
    /// A scheme with no credentials after it (400).
    NoCredentials,
    /// A space inside or after the credentials: two credentials or trailing junk (400).
    MultipleCredentials,
    /// Basic credentials that are not canonical, padded, standard-alphabet base64 (400).
    BadBase64,
    /// Basic credentials that do not decode to UTF-8 (400).
    NotUtf8,
    /// Basic credentials without the `:` between user-id and token (400).
    NoColon,
    /// Bearer credentials outside RFC 6750's b64token characters (400).
    BadBearer,
}

impl HeaderError {
    /// The HTTP status SPEC.md assigns: 401, 400 or 431.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::header;
    ///
    /// let status = |value: Option<&str>| header::parse(value, 16).unwrap_err().status();
    /// assert_eq!(status(None), 401); // a challenge asks for credentials
    /// assert_eq!(status(Some("Digest abc")), 401);
    /// assert_eq!(status(Some("Bearer a b")), 400);
    /// assert_eq!(status(Some("Bearer 0123456789abcdef")), 431); // over the 16-byte cap
    /// ```
    pub fn status(self) -> u16 {
        match self {
            HeaderError::Missing | HeaderError::UnknownScheme => 401,
            HeaderError::TooLarge => 431,
            _ => 400,
        }
    }

    /// A short machine-readable name.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{header, HeaderError};
    ///
    /// let error = header::parse(Some("Basic"), 8192).unwrap_err();
    /// assert_eq!(error, HeaderError::NoCredentials);
    /// assert_eq!(error.code(), "no_credentials");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            HeaderError::Missing => "missing",
            HeaderError::UnknownScheme => "unknown_scheme",
            HeaderError::TooLarge => "too_large",
            HeaderError::Empty => "empty",
            HeaderError::ControlCharacter => "control_character",
            HeaderError::NoCredentials => "no_credentials",
            HeaderError::MultipleCredentials => "multiple_credentials",
            HeaderError::BadBase64 => "bad_base64",
            HeaderError::NotUtf8 => "not_utf8",
            HeaderError::NoColon => "no_colon",
            HeaderError::BadBearer => "bad_bearer",
        }
    }

    /// A human message, safe to send to the client: it never quotes the header.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{header, HeaderError};
    ///
    /// // base64 of "pat_secret": no user-id, no colon.
    /// let error = header::parse(Some("Basic cGF0X3NlY3JldA=="), 8192).unwrap_err();
    /// assert_eq!(error, HeaderError::NoColon);
    /// assert_eq!(error.message(), "Basic credentials must be user-id ':' token");
    /// ```
    pub fn message(self) -> &'static str {
        match self {
            HeaderError::Missing => "authentication is required",
            HeaderError::UnknownScheme => "only the Basic and Bearer schemes are accepted",
            HeaderError::TooLarge => "the Authorization header is too large",
            HeaderError::Empty => "the Authorization header is empty or starts with a space",
            HeaderError::ControlCharacter => "the credentials contain a control character",
            HeaderError::NoCredentials => "the scheme is not followed by credentials",
            HeaderError::MultipleCredentials => "exactly one credential is allowed, with no spaces in it",
            HeaderError::BadBase64 => "Basic credentials must be canonical, padded standard base64",
            HeaderError::NotUtf8 => "Basic credentials must decode to UTF-8",
            HeaderError::NoColon => "Basic credentials must be user-id ':' token",
            HeaderError::BadBearer => "a Bearer token holds characters outside RFC 6750's b64token",
        }
    }
}


/// Parses an `Authorization` value (`None` when the request had none).
///
/// # Examples
///
/// ```rust
/// use patgate::{header::{self, DEFAULT_MAX_HEADER_BYTES}, HeaderError, Scheme};
///
/// // base64 of "alice:pat_abcdefghijklmnopqrstuvwxyz01232LolCm"
/// let value = "Basic YWxpY2U6cGF0X2FiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzJMb2xDbQ==";
/// let credential = header::parse(Some(value), DEFAULT_MAX_HEADER_BYTES)?;
/// assert_eq!(credential.scheme, Scheme::Basic);
/// assert_eq!(credential.username.as_deref(), Some("alice"));
/// assert_eq!(credential.token.expose(), "pat_abcdefghijklmnopqrstuvwxyz01232LolCm");
/// assert_eq!(header::parse(Some("Bearer pat_x\t"), 8192).unwrap_err(), HeaderError::ControlCharacter);
/// # Ok::<(), HeaderError>(())
/// ```
pub fn parse(value: Option<&str>, max_bytes: usize) -> Result<Credential, HeaderError> {
    let mut scratch = zeroize::Zeroizing::new(vec![0u8; decoded_capacity(value)]);
    let parts = parse_into(value, max_bytes, &mut scratch)?;
    Ok(Credential {
        scheme: parts.scheme,
        username: parts.username.map(str::to_owned),
        token: Secret::new(parts.token.to_owned()),
    })
}

/// A credential borrowed from the header and from the caller's scratch buffer, which holds the
/// decoded Basic credentials (the gate's hot path allocates nothing).
pub(crate) struct Parts<'a> {
    pub scheme: Scheme,
    pub username: Option<&'a str>,
    pub token: &'a str,
}

/// Bytes a scratch buffer needs to decode `value`'s credentials.
pub(crate) fn decoded_capacity(value: Option<&str>) -> usize {
    value.map_or(0, |v| v.len() / 4 * 3 + 3)
}

/// [`parse`] without copies: Basic credentials are decoded into `scratch`, which the caller
/// wipes afterwards.
pub(crate) fn parse_into<'a>(value: Option<&'a str>, max_bytes: usize, scratch: &'a mut [u8]) -> Result<Parts<'a>, HeaderError> {
    let value = value.ok_or(HeaderError::Missing)?;
    if value.len() > max_bytes {
        return Err(HeaderError::TooLarge);
    }
    if value.bytes().any(is_control) {
        return Err(HeaderError::ControlCharacter);
    }
    if value.is_empty() || value.starts_with(' ') {
        return Err(HeaderError::Empty);
    }
    let (scheme_text, rest) = split_at_byte(value, b' ');
    // ASCII-only folding: a Unicode look-alike (`Bеarer`, a Kelvin sign) is an unknown scheme.
    let scheme = if scheme_text.eq_ignore_ascii_case("basic") {
        Scheme::Basic
    } else if scheme_text.eq_ignore_ascii_case("bearer") {
        Scheme::Bearer
    } else {
        return Err(HeaderError::UnknownScheme);
    };
    let credentials = rest.trim_start_matches(' ');
    if credentials.is_empty() {
        return Err(HeaderError::NoCredentials);
    }
    if credentials.bytes().any(|c| c == b' ') {
        return Err(HeaderError::MultipleCredentials);
    }
    match scheme {
        Scheme::Basic => parse_basic(credentials, scratch),
        Scheme::Bearer => parse_bearer(credentials),
    }
}

fn parse_basic<'a>(credentials: &str, scratch: &'a mut [u8]) -> Result<Parts<'a>, HeaderError> {
    // STANDARD (RFC 4648 §4) requires canonical padding and rejects non-zero trailing bits
    // and '-' / '_'.
    let len = STANDARD.decode_slice(credentials, scratch).map_err(|_| HeaderError::BadBase64)?;
    let bytes = scratch.get(..len).ok_or(HeaderError::BadBase64)?;
    let text = core::str::from_utf8(bytes).map_err(|_| HeaderError::NotUtf8)?;
    if text.bytes().any(is_control) {
        return Err(HeaderError::ControlCharacter);
    }
    let (user, token) = split_at_byte(text, b':');
    let token = token.strip_prefix(':').ok_or(HeaderError::NoColon)?;
    Ok(Parts { scheme: Scheme::Basic, username: Some(user), token })
}

fn parse_bearer(credentials: &str) -> Result<Parts<'_>, HeaderError> {
    // b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
    let body = credentials.trim_end_matches('=');
    let ok = !body.is_empty() && body.bytes().all(|c| c.is_ascii_alphanumeric() || b"-._~+/".contains(&c));
    if !ok {
        return Err(HeaderError::BadBearer);
    }
    Ok(Parts { scheme: Scheme::Bearer, username: None, token: credentials })
}

/// Splits before the first `byte` (an ASCII byte, so both halves stay valid UTF-8); the
/// second half starts with it, or is empty when it is absent.
fn split_at_byte(text: &str, byte: u8) -> (&str, &str) {
    let at = text.bytes().position(|c| c == byte).unwrap_or(text.len());
    text.split_at_checked(at).unwrap_or((text, ""))
}

/// RFC 5234 CTL: %x00-1F / %x7F.
fn is_control(c: u8) -> bool {
    c < 0x20 || c == 0x7f
}

/// A username that cannot be written into a Basic credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UsernameError;

impl UsernameError {
    /// A human message.
    pub const MESSAGE: &'static str = "a Basic user-id may not contain ':' or control characters";

    /// The human message.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::header::{self, UsernameError};
    ///
    /// let error = header::format_basic("pat_x", "a:b").unwrap_err();
    /// assert_eq!(error.message(), UsernameError::MESSAGE);
    /// ```
    pub fn message(self) -> &'static str {
        Self::MESSAGE
    }
}


/// `Basic base64(username ":" token)`; Azure DevOps' form is an empty username.
///
/// # Examples
///
/// ```rust
/// use patgate::header::format_basic;
///
/// let token = "pat_abcdefghijklmnopqrstuvwxyz01232LolCm";
/// assert_eq!(format_basic(token, "")?, "Basic OnBhdF9hYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjMyTG9sQ20=");
/// assert_eq!(
///     format_basic(token, "alice")?,
///     "Basic YWxpY2U6cGF0X2FiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzJMb2xDbQ=="
/// );
/// assert!(format_basic(token, "a:b").is_err()); // the first `:` ends the user-id
/// # Ok::<(), patgate::header::UsernameError>(())
/// ```
pub fn format_basic(token: &str, username: &str) -> Result<String, UsernameError> {
    if username.contains(':') || username.bytes().any(is_control) {
        return Err(UsernameError);
    }
    let mut pair = String::with_capacity(username.len() + 1 + token.len());
    pair.push_str(username);
    pair.push(':');
    pair.push_str(token);
    let pair = Secret::new(pair);
    // Encoded in place, into a buffer of its exact size, through the encoder digests use (not a
    // second, chunked one).
    let mut out = String::from("Basic ").into_bytes();
    out.resize(6 + base64::encoded_len(pair.expose().len(), true).unwrap_or_default(), 0);
    if let Some(rest) = out.get_mut(6..) {
        let _ = STANDARD.encode_slice(pair.expose().as_bytes(), rest);
    }
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// `Bearer token`.
///
/// # Examples
///
/// ```rust
/// use patgate::header::{self, format_bearer};
///
/// let value = format_bearer("pat_abcdefghijklmnopqrstuvwxyz01232LolCm");
/// assert_eq!(value, "Bearer pat_abcdefghijklmnopqrstuvwxyz01232LolCm");
/// assert_eq!(header::parse(Some(&value), 8192).unwrap().token.expose(), &value[7..]);
/// ```
pub fn format_bearer(token: &str) -> String {
    let mut out = String::with_capacity(7 + token.len());
    out.push_str("Bearer ");
    out.push_str(token);
    out
}

crate::error_type!(HeaderError, UsernameError);

#[cfg(test)]
mod tests {
    use super::*;

    /// The scratch buffer's size, pinned exactly: three bytes per four characters, plus three
    /// for a final partial quantum (RFC 4648 §4), and nothing without a header.
    #[test]
    fn decoded_capacity_is_exact() {
        assert_eq!(decoded_capacity(None), 0);
        assert_eq!(decoded_capacity(Some("")), 3);
        assert_eq!(decoded_capacity(Some("abc")), 3);
        assert_eq!(decoded_capacity(Some("abcd")), 6);
        assert_eq!(decoded_capacity(Some("Basic Zm9vYmFy")), 12);
        assert_eq!(decoded_capacity(Some(&"a".repeat(8192))), 6147);
    }
}
