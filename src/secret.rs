//! A presented or generated token: the one value patgate must never leak.

use alloc::string::String;
use core::fmt;
use zeroize::Zeroize;

/// A token's text. `Debug` prints a redaction, the text is reached only through
/// [`Secret::expose`], and the memory is wiped when the value is dropped.
/// There is deliberately no `Display`, `Clone` or `Serialize`.
pub struct Secret(String);

impl Secret {
    /// Wraps a token's text.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Secret;
    ///
    /// let secret = Secret::new(String::from("pat_abcdefghijklmnopqrstuvwxyz01232LolCm"));
    /// assert_eq!(format!("{secret:?}"), "Secret(<redacted>)");
    /// ```
    pub fn new(text: String) -> Self {
        Secret(text)
    }

    /// The token's text, for the few places that must hash, format or show it.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Secret;
    ///
    /// let secret = Secret::new("pat_abcdefghijklmnopqrstuvwxyz01232LolCm".into());
    /// assert_eq!(secret.expose(), "pat_abcdefghijklmnopqrstuvwxyz01232LolCm");
    /// ```
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The last four characters, safe to show and store as a display hint (`…Lq17`).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Secret;
    ///
    /// assert_eq!(Secret::new("pat_abcdefghijklmnopqrstuvwxyz01232LolCm".into()).hint(), "olCm");
    /// // Characters, not bytes; a shorter text is all hint.
    /// assert_eq!(Secret::new("pat_…".into()).hint(), "at_…");
    /// assert_eq!(Secret::new("abc".into()).hint(), "abc");
    /// ```
    pub fn hint(&self) -> &str {
        let start = self.0.char_indices().rev().nth(3).map_or(0, |(i, _)| i);
        self.0.get(start..).unwrap_or_default()
    }

    /// Consumes the secret and hands its text to the caller, who becomes responsible for it.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Secret;
    ///
    /// let text: String = Secret::new("pat_x".into()).into_exposed();
    /// assert_eq!(text, "pat_x");
    /// ```
    pub fn into_exposed(mut self) -> String {
        core::mem::take(&mut self.0)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}
