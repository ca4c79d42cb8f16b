//! How long a token may live: presets, custom dates, and the policy maximum.
//!
//! Times are milliseconds since the Unix epoch, as JavaScript's `Date.now()` gives them.


/// One day in milliseconds.
pub const DAY_MS: i64 = 86_400_000;
/// The lifespans a portal offers first, in days.
pub const PRESET_DAYS: [u32; 3] = [30, 60, 90];
/// The longest lifespan any policy allows: one year of 365 days.
pub const MAX_DAYS: u32 = 365;

/// A deployment's lifespan policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LifespanPolicy {
    max_days: u32,
}

impl Default for LifespanPolicy {
    fn default() -> Self {
        LifespanPolicy { max_days: MAX_DAYS }
    }
}

/// Why a requested lifespan or policy was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LifespanError {
    /// A policy maximum outside 1..=365 days.
    BadPolicy,
    /// `validTo` is not after the start.
    NotInFuture,
    /// `validTo` is further away than the policy allows.
    TooLong,
}

impl LifespanError {
    /// A human message.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{lifespan::LifespanError, LifespanPolicy};
    ///
    /// let error = LifespanPolicy::new(0).unwrap_err();
    /// assert_eq!(error, LifespanError::BadPolicy);
    /// assert_eq!(error.message(), "the maximum lifespan must be a whole number of days from 1 to 365");
    /// ```
    pub fn message(self) -> &'static str {
        match self {
            LifespanError::BadPolicy => "the maximum lifespan must be a whole number of days from 1 to 365",
            LifespanError::NotInFuture => "validTo must be in the future",
            LifespanError::TooLong => "validTo is later than the maximum lifespan allows",
        }
    }
}

impl LifespanPolicy {
    /// A policy allowing at most `max_days` (an administrator may lower the one-year default).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{lifespan::LifespanError, LifespanPolicy};
    ///
    /// assert_eq!(LifespanPolicy::new(90)?.max_days(), 90);
    /// assert_eq!(LifespanPolicy::new(366), Err(LifespanError::BadPolicy));
    /// # Ok::<(), LifespanError>(())
    /// ```
    pub fn new(max_days: u32) -> Result<Self, LifespanError> {
        if (1..=MAX_DAYS).contains(&max_days) {
            Ok(LifespanPolicy { max_days })
        } else {
            Err(LifespanError::BadPolicy)
        }
    }

    /// The policy's maximum, in days.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::LifespanPolicy;
    ///
    /// assert_eq!(LifespanPolicy::new(30)?.max_days(), 30);
    /// assert_eq!(LifespanPolicy::default().max_days(), 365);
    /// # Ok::<(), patgate::lifespan::LifespanError>(())
    /// ```
    pub fn max_days(self) -> u32 {
        self.max_days
    }

    /// The latest `validTo` allowed for a token starting at `from`.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::LifespanPolicy;
    ///
    /// let policy = LifespanPolicy::new(30)?;
    /// assert_eq!(policy.latest_valid_to(1_800_000_000_000), 1_802_592_000_000);
    /// assert_eq!(policy.latest_valid_to(i64::MAX), i64::MAX); // saturates
    /// # Ok::<(), patgate::lifespan::LifespanError>(())
    /// ```
    pub fn latest_valid_to(self, from: i64) -> i64 {
        from.saturating_add(i64::from(self.max_days) * DAY_MS)
    }

    /// The presets this policy allows (those not longer than its maximum).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::LifespanPolicy;
    ///
    /// assert_eq!(LifespanPolicy::new(60)?.presets().collect::<Vec<_>>(), [30, 60]);
    /// assert_eq!(LifespanPolicy::new(7)?.presets().count(), 0);
    /// # Ok::<(), patgate::lifespan::LifespanError>(())
    /// ```
    pub fn presets(self) -> impl Iterator<Item = u32> {
        PRESET_DAYS.into_iter().filter(move |&d| d <= self.max_days)
    }

    /// Checks a requested `validTo` for a token starting at `from`.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{lifespan::{LifespanError, DAY_MS}, LifespanPolicy};
    ///
    /// let policy = LifespanPolicy::new(30)?;
    /// let from = 1_800_000_000_000;
    /// assert_eq!(policy.check(from, from + 30 * DAY_MS), Ok(())); // the maximum itself is allowed
    /// assert_eq!(policy.check(from, from + 30 * DAY_MS + 1), Err(LifespanError::TooLong));
    /// assert_eq!(policy.check(from, from), Err(LifespanError::NotInFuture));
    /// # Ok::<(), LifespanError>(())
    /// ```
    pub fn check(self, from: i64, valid_to: i64) -> Result<(), LifespanError> {
        if valid_to <= from {
            Err(LifespanError::NotInFuture)
        } else if valid_to > self.latest_valid_to(from) {
            Err(LifespanError::TooLong)
        } else {
            Ok(())
        }
    }
}

/// `validTo` for a lifespan of `days` starting at `from`.
///
/// # Examples
///
/// ```rust
/// use patgate::lifespan::valid_to_after;
///
/// assert_eq!(valid_to_after(1_800_000_000_000, 90), 1_807_776_000_000);
/// assert_eq!(valid_to_after(i64::MAX - 1, 1), i64::MAX); // saturates
/// ```
pub fn valid_to_after(from: i64, days: u32) -> i64 {
    from.saturating_add(i64::from(days) * DAY_MS)
}

crate::error_type!(LifespanError);
