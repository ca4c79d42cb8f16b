//! The administrator's policy, applied the same way on every path that makes or extends a
//! credential (create, edit, regenerate), and a token's status at an instant.
//!
//! Azure DevOps applies its token policies when a token is created, edited or regenerated;
//! so does patgate. A token that already exists keeps working until one of those happens
//! (or it is revoked or expires), and then must satisfy the policy in force.
//!
//! Times are milliseconds since the Unix epoch; `now` is always the caller's input.

use crate::lifespan::{LifespanError, LifespanPolicy};
use alloc::{borrow::ToOwned, string::String, vec::Vec};
use crate::{catalog::Scopes, scopes::ScopeSet};

/// The longest grace period a regenerated token's old secret may keep working: 24 hours.
pub const GRACE_MAX_MINUTES: u32 = 24 * 60;

/// A token's status at an instant, as the gate decides it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Usable now.
    Active,
    /// Revoked at or before now.
    Revoked,
    /// Its lifespan is over (`validTo` is exclusive).
    Expired,
    /// Its lifespan has not begun.
    NotYetValid,
}

impl Status {
    /// The status of a token with this lifespan at `now`. Revocation wins over expiry, so a
    /// revoked token never shows as merely expired; `validFrom` is inclusive, `validTo` exclusive.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Status;
    ///
    /// let (from, to) = (1_700_000_000_000, 1_800_000_000_000);
    /// assert_eq!(Status::of(from, to, None, from), Status::Active); // `validFrom` is inclusive
    /// assert_eq!(Status::of(from, to, None, to), Status::Expired); // `validTo` is not
    /// assert_eq!(Status::of(from, to, None, from - 1), Status::NotYetValid);
    /// assert_eq!(Status::of(from, to, Some(from), to + 1), Status::Revoked); // revocation wins
    /// ```
    pub fn of(valid_from: i64, valid_to: i64, revoked_at: Option<i64>, now: i64) -> Status {
        if revoked_at.is_some_and(|t| t <= now) {
            Status::Revoked
        } else if now < valid_from {
            Status::NotYetValid
        } else if now >= valid_to {
            Status::Expired
        } else {
            Status::Active
        }
    }

    /// The status of a regenerated-away secret that works until its grace end `until`
    /// (exclusive): the token's own status, with the grace end as a revocation.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Status;
    ///
    /// // A token live from 100 to 1_000 whose replaced secret works until 500.
    /// assert_eq!(Status::of_previous(100, 1_000, None, 500, 499), Status::Active);
    /// assert_eq!(Status::of_previous(100, 1_000, None, 500, 500), Status::Revoked);
    /// assert_eq!(Status::of_previous(100, 1_000, Some(300), 500, 300), Status::Revoked);
    /// ```
    pub fn of_previous(valid_from: i64, valid_to: i64, revoked_at: Option<i64>, until: i64, now: i64) -> Status {
        let ends = revoked_at.map_or(until, |r| r.min(until));
        Status::of(valid_from, valid_to, Some(ends), now)
    }

    /// When a regenerated-away secret stops working, if it still works at `now`: the grace end
    /// shown beside a token, `None` once over (or when the token itself no longer works).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Status;
    ///
    /// assert_eq!(Status::grace_until(100, 1_000, None, Some(500), 499), Some(500));
    /// assert_eq!(Status::grace_until(100, 1_000, None, Some(500), 500), None);
    /// assert_eq!(Status::grace_until(100, 400, None, Some(500), 450), None); // the token ended first
    /// assert_eq!(Status::grace_until(100, 1_000, None, None, 200), None);
    /// ```
    pub fn grace_until(valid_from: i64, valid_to: i64, revoked_at: Option<i64>, until: Option<i64>, now: i64) -> Option<i64> {
        until.filter(|&u| Status::of_previous(valid_from, valid_to, revoked_at, u, now) == Status::Active)
    }

    /// The name the API and the portal use.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Status;
    ///
    /// assert_eq!(Status::NotYetValid.as_str(), "notYetValid");
    /// assert_eq!(Status::of(0, 10, None, 5).as_str(), "active");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Revoked => "revoked",
            Status::Expired => "expired",
            Status::NotYetValid => "notYetValid",
        }
    }
}

/// Why a create, edit or regenerate was refused. Codes are Azure DevOps' `patTokenError` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyError {
    /// Full access while the policy restricts it.
    FullAccessRestricted,
    /// `validTo` not after now (or the token's start).
    NotInFuture,
    /// `validTo` past the policy's maximum lifespan.
    TooLong,
    /// The token is revoked: nothing may change it.
    Revoked,
    /// The token has expired: it may be regenerated, not edited back to life.
    Expired,
    /// A grace period outside 0..=1440 whole minutes.
    BadGrace,
    /// A token for all organizations, while the policy on global tokens restricts or retires them.
    GlobalRestricted,
    /// A token acting in an organization whose policy restricts token creation to its allowlist
    /// (Azure DevOps' "Restrict personal access token creation").
    CreationRestricted,
}

impl PolicyError {
    /// The `patTokenError` code.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{lifespan::DAY_MS, policy::PolicyError, Policy, Reach, ScopeSet};
    ///
    /// let policy = Policy::new(30, true)?;
    /// let now = 1_800_000_000_000;
    /// let error = policy.create(now, ScopeSet::FULL, now + DAY_MS, Reach::One("fabrikam")).unwrap_err();
    /// assert_eq!(error, PolicyError::FullAccessRestricted);
    /// assert_eq!(error.code(), "fullScopePatPolicyViolation");
    /// # Ok::<(), patgate::lifespan::LifespanError>(())
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            PolicyError::FullAccessRestricted => "fullScopePatPolicyViolation",
            PolicyError::NotInFuture => "invalidValidTo",
            PolicyError::TooLong => "patLifespanPolicyViolation",
            PolicyError::Revoked | PolicyError::Expired => "invalidAuthorizationId",
            // The old secret's end: the nearest of the spec's codes (regeneration is patgate's own).
            PolicyError::BadGrace => "invalidValidTo",
            PolicyError::GlobalRestricted => "globalPatPolicyViolation",
            PolicyError::CreationRestricted => "disablePatCreationPolicyViolation",
        }
    }

    /// The HTTP status: 409 when the token's state forbids the change, else 400.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::PolicyError;
    ///
    /// assert_eq!(PolicyError::Revoked.status(), 409); // the token's state, not the request
    /// assert_eq!(PolicyError::TooLong.status(), 400);
    /// ```
    pub fn status(self) -> u16 {
        match self {
            PolicyError::Revoked | PolicyError::Expired => 409,
            _ => 400,
        }
    }

    /// The request field to blame.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::PolicyError;
    ///
    /// assert_eq!(PolicyError::TooLong.field(), "validTo");
    /// assert_eq!(PolicyError::BadGrace.field(), "graceMinutes");
    /// assert_eq!(PolicyError::GlobalRestricted.field(), "organization");
    /// ```
    pub fn field(self) -> &'static str {
        match self {
            PolicyError::FullAccessRestricted => "scope",
            PolicyError::NotInFuture | PolicyError::TooLong => "validTo",
            PolicyError::Revoked | PolicyError::Expired => "authorizationId",
            PolicyError::BadGrace => "graceMinutes",
            PolicyError::GlobalRestricted | PolicyError::CreationRestricted => "organization",
        }
    }

    /// A human message (the lifespan limit's date is the caller's to add).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::PolicyError;
    ///
    /// let error = PolicyError::Expired;
    /// assert_eq!(error.message(), "an expired token cannot be edited; regenerate it or create a new one");
    /// assert_eq!(error.to_string(), error.message());
    /// ```
    pub fn message(self) -> &'static str {
        match self {
            PolicyError::FullAccessRestricted => "full-access tokens are restricted by policy; choose scopes",
            PolicyError::NotInFuture => "validTo must be in the future",
            PolicyError::TooLong => "validTo is later than the maximum lifespan allows",
            PolicyError::Revoked => "a revoked token cannot be changed",
            PolicyError::Expired => "an expired token cannot be edited; regenerate it or create a new one",
            PolicyError::BadGrace => "graceMinutes must be a whole number from 0 to 1440 (24 hours)",
            PolicyError::GlobalRestricted => "tokens for all organizations are restricted by policy (global tokens); choose one organization, or ask an administrator to add you to the policy's allowlist",
            PolicyError::CreationRestricted => "this organization restricts who may create tokens (restrict personal access token creation); ask an organization administrator to add you to its allowlist",
        }
    }
}

impl From<LifespanError> for PolicyError {
    fn from(e: LifespanError) -> Self {
        match e {
            LifespanError::TooLong => PolicyError::TooLong,
            _ => PolicyError::NotInFuture,
        }
    }
}

/// A stored token as the policy needs it.
#[derive(Clone, Copy, Debug)]
pub struct Current {
    /// Start of validity.
    pub valid_from: i64,
    /// End of validity, exclusive.
    pub valid_to: i64,
    /// When it was revoked, if it was.
    pub revoked_at: Option<i64>,
    /// Its scopes.
    pub scope: ScopeSet,
}

impl Current {
    /// Its status at `now`.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{policy::Current, ScopeSet, Status};
    ///
    /// let current = Current { valid_from: 0, valid_to: 1_800_000_000_000, revoked_at: None, scope: ScopeSet::FULL };
    /// assert_eq!(current.status(1_799_999_999_999), Status::Active);
    /// assert_eq!(current.status(1_800_000_000_000), Status::Expired);
    /// ```
    pub fn status(&self, now: i64) -> Status {
        Status::of(self.valid_from, self.valid_to, self.revoked_at, now)
    }
}

/// Where a token may act: one organization, or all of its owner's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach<'a> {
    /// The one organization named.
    One(&'a str),
    /// Every organization its owner belongs to.
    All,
}

impl Reach<'_> {
    /// How a token moved from `before` to this reach widens: to all organizations after one,
    /// to another organization, or not at all. Names match exactly (the store keeps them lower
    /// case).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{policy::Widening, Reach};
    ///
    /// assert_eq!(Reach::All.widening(Reach::One("fabrikam")), Widening::AllOrganizations);
    /// assert_eq!(Reach::One("contoso").widening(Reach::One("fabrikam")), Widening::OtherOrganization);
    /// assert_eq!(Reach::One("fabrikam").widening(Reach::All), Widening::None);
    /// ```
    pub fn widening(self, before: Reach<'_>) -> Widening {
        match (before, self) {
            (Reach::All, _) => Widening::None,
            (Reach::One(_), Reach::All) => Widening::AllOrganizations,
            (Reach::One(a), Reach::One(b)) if a != b => Widening::OtherOrganization,
            (Reach::One(_), Reach::One(_)) => Widening::None,
        }
    }
}

/// What an edit does to where a token may act (see [`Reach::widening`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Widening {
    /// Where it could act before, or less.
    None,
    /// Another organization than its one.
    OtherOrganization,
    /// All its owner's organizations, after one.
    AllOrganizations,
}

/// Tokens for all of a user's organizations ("global" tokens), in the three states Azure DevOps
/// moved through: allowed; restricted (none made or regenerated, existing ones keep working);
/// retired (existing ones refused at the gate too).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GlobalTokens {
    /// Made and used freely.
    #[default]
    Allowed,
    /// Not made or regenerated; existing ones keep working until they end.
    Restricted,
    /// Not made, and refused at the gate.
    Retired,
}

impl GlobalTokens {
    /// The state named `text` (`allowed`, `restricted`, `retired`).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::policy::GlobalTokens;
    ///
    /// assert_eq!(GlobalTokens::named("retired"), Some(GlobalTokens::Retired));
    /// assert_eq!(GlobalTokens::named("Retired"), None); // names are exact
    /// ```
    pub fn named(text: &str) -> Option<GlobalTokens> {
        match text {
            "allowed" => Some(GlobalTokens::Allowed),
            "restricted" => Some(GlobalTokens::Restricted),
            "retired" => Some(GlobalTokens::Retired),
            _ => None,
        }
    }
    /// Its name.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::policy::GlobalTokens;
    ///
    /// assert_eq!(GlobalTokens::Restricted.as_str(), "restricted");
    /// for state in [GlobalTokens::Allowed, GlobalTokens::Restricted, GlobalTokens::Retired] {
    ///     assert_eq!(GlobalTokens::named(state.as_str()), Some(state));
    /// }
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            GlobalTokens::Allowed => "allowed",
            GlobalTokens::Restricted => "restricted",
            GlobalTokens::Retired => "retired",
        }
    }
    /// Whether an existing global token may still be used.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::policy::GlobalTokens;
    ///
    /// assert!(GlobalTokens::Restricted.usable()); // existing ones keep working
    /// assert!(!GlobalTokens::Retired.usable());
    /// ```
    pub fn usable(self) -> bool {
        self != GlobalTokens::Retired
    }
    /// The state as it applies to a user on the policy's allowlist (`exempt`): allowed.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::policy::GlobalTokens;
    ///
    /// assert_eq!(GlobalTokens::Retired.for_user(true), GlobalTokens::Allowed);
    /// assert_eq!(GlobalTokens::Retired.for_user(false), GlobalTokens::Retired);
    /// ```
    pub fn for_user(self, exempt: bool) -> GlobalTokens {
        if exempt {
            GlobalTokens::Allowed
        } else {
            self
        }
    }
}

/// The policies a user is on the allowlist of: they do not apply to that user.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Exemptions {
    /// The full-access restriction.
    pub full_access: bool,
    /// The maximum lifespan (the absolute one of 365 days still holds).
    pub lifespan: bool,
    /// The policy on global tokens.
    pub global_tokens: bool,
}

/// What a regeneration writes: a new lifespan from now, and how long the old secret lives on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Regeneration {
    /// The new secret's start: now.
    pub valid_from: i64,
    /// The new secret's end.
    pub valid_to: i64,
    /// When the old secret stops working, if it keeps working at all. Never later than the
    /// old secret's own end: a grace period shortens a live token's life, never extends it.
    pub previous_until: Option<i64>,
}

/// An organization's policy on who may create tokens that act in it, as Azure DevOps has it
/// ("Restrict personal access token creation"): anyone; or only the users on its allowlist, with
/// the option that still lets everyone create packaging-only tokens. Never retroactive: tokens
/// made before keep working until they end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Creation {
    /// Anyone may.
    #[default]
    Open,
    /// Only the allowlist's users; everyone else only packaging-only tokens, when `packaging`.
    Restricted {
        /// Whether a token whose scopes are all packaging ones may still be created.
        packaging: bool,
    },
}

impl Creation {
    /// The policy as it applies to a user on its allowlist (`exempt`: open) or not.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::policy::Creation;
    ///
    /// let restricted = Creation::Restricted { packaging: false };
    /// assert_eq!(restricted.for_user(true), Creation::Open);
    /// assert_eq!(restricted.for_user(false), restricted);
    /// ```
    pub fn for_user(self, exempt: bool) -> Creation {
        if exempt { Creation::Open } else { self }
    }

    /// Whether a token with `scopes` may be created (`packaging`: the scopes a packaging-only
    /// token may hold).
    fn allows(self, scopes: ScopeSet, packaging: ScopeSet) -> bool {
        match self {
            Creation::Open => true,
            Creation::Restricted { packaging: allowed } => {
                allowed && scopes != ScopeSet::default() && !scopes.is_full_access() && scopes.within(packaging)
            }
        }
    }
}

/// The administrator's policy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    /// The lifespan limit.
    pub lifespan: LifespanPolicy,
    /// Whether full-access tokens are refused.
    pub restrict_full_access: bool,
    /// Tokens for all organizations.
    pub global_tokens: GlobalTokens,
    /// The organizations that restrict token creation, among the user's, each as it applies to
    /// the user (see [`Policy::with_organization`]).
    pub organizations: Vec<(String, Creation)>,
    /// The scopes a packaging-only token may hold: Azure DevOps' `vso.packaging_manage` and
    /// what it grants (none for a deployment's own catalog).
    pub packaging: ScopeSet,
}

impl Policy {
    /// A policy with a maximum of `max_days` (1..=365); global tokens allowed (see
    /// [`Policy::with_global_tokens`]).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{policy::GlobalTokens, Policy};
    ///
    /// let policy = Policy::new(90, false)?;
    /// assert_eq!((policy.lifespan.max_days(), policy.global_tokens), (90, GlobalTokens::Allowed));
    /// assert!(Policy::new(400, false).is_err()); // over a year
    /// # Ok::<(), patgate::lifespan::LifespanError>(())
    /// ```
    pub fn new(max_days: u32, restrict_full_access: bool) -> Result<Policy, LifespanError> {
        let packaging = ScopeSet::parse("vso.packaging_manage").map_or(ScopeSet::default(), ScopeSet::expanded);
        Ok(Policy { lifespan: LifespanPolicy::new(max_days)?, restrict_full_access, packaging, ..Policy::default() })
    }

    /// The same policy with organization `name`'s creation policy, as it applies to a user on its
    /// allowlist (`exempt`) or not. Give the organizations the user belongs to: a token for all
    /// of them acts in each. Names compare as Azure DevOps compares them (ASCII case ignored).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{lifespan::DAY_MS, policy::Creation, Policy, PolicyError, Reach, ScopeSet};
    ///
    /// let policy = Policy::new(90, false)?.with_organization("Fabrikam", Creation::Restricted { packaging: true }, false);
    /// let (now, end) = (1_800_000_000_000, 1_800_000_000_000 + DAY_MS);
    /// let code = ScopeSet::parse("vso.code").unwrap();
    /// let packages = ScopeSet::parse("vso.packaging_write").unwrap();
    /// assert_eq!(policy.create(now, code, end, Reach::One("fabrikam")), Err(PolicyError::CreationRestricted));
    /// assert_eq!(policy.create(now, packages, end, Reach::One("fabrikam")), Ok(())); // packaging-only
    /// assert_eq!(policy.create(now, code, end, Reach::One("contoso")), Ok(()));
    /// assert_eq!(policy.create(now, code, end, Reach::All), Err(PolicyError::CreationRestricted)); // acts in fabrikam too
    /// # Ok::<(), patgate::lifespan::LifespanError>(())
    /// ```
    pub fn with_organization(mut self, name: &str, creation: Creation, exempt: bool) -> Policy {
        let creation = creation.for_user(exempt);
        if creation != Creation::Open {
            self.organizations.push((name.to_owned(), creation));
        }
        self
    }

    /// The same policy with `packaging` as the scopes a packaging-only token may hold (a
    /// deployment's own catalog has none unless it says so).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{lifespan::DAY_MS, policy::Creation, Policy, PolicyError, Reach, ScopeSet};
    ///
    /// let restricted = Creation::Restricted { packaging: true };
    /// let policy = Policy::new(90, false)?.with_organization("fabrikam", restricted, false);
    /// let (now, packages) = (1_800_000_000_000, ScopeSet::parse("vso.packaging").unwrap());
    /// assert_eq!(policy.create(now, packages, now + DAY_MS, Reach::One("fabrikam")), Ok(()));
    /// let none = policy.with_packaging(ScopeSet::default()); // no scope is a packaging one
    /// assert_eq!(none.create(now, packages, now + DAY_MS, Reach::One("fabrikam")), Err(PolicyError::CreationRestricted));
    /// # Ok::<(), patgate::lifespan::LifespanError>(())
    /// ```
    pub fn with_packaging(mut self, packaging: ScopeSet) -> Policy {
        self.packaging = packaging;
        self
    }

    /// A token with `scopes` may be made to act in `reach` only where no organization's policy
    /// restricts creation for this user (all of them, for a token of all organizations).
    fn check_creation(&self, reach: Reach<'_>, scopes: ScopeSet) -> Result<(), PolicyError> {
        let concerned = |name: &str| match reach {
            Reach::All => true,
            Reach::One(org) => org.eq_ignore_ascii_case(name),
        };
        match self.organizations.iter().any(|(name, c)| concerned(name) && !c.allows(scopes, self.packaging)) {
            true => Err(PolicyError::CreationRestricted),
            false => Ok(()),
        }
    }

    /// The same policy with global tokens in `state`.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{lifespan::DAY_MS, policy::GlobalTokens, Policy, PolicyError, Reach, ScopeSet};
    ///
    /// let policy = Policy::default().with_global_tokens(GlobalTokens::Restricted);
    /// let (now, code) = (1_800_000_000_000, ScopeSet::parse("vso.code").unwrap());
    /// assert_eq!(policy.create(now, code, now + DAY_MS, Reach::All), Err(PolicyError::GlobalRestricted));
    /// assert_eq!(policy.create(now, code, now + DAY_MS, Reach::One("fabrikam")), Ok(()));
    /// ```
    pub fn with_global_tokens(mut self, state: GlobalTokens) -> Policy {
        self.global_tokens = state;
        self
    }

    /// The policy as it applies to a user on the allowlists `exempt` names: those policies are
    /// lifted for them (the longest lifespan is then the absolute 365 days).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{policy::Exemptions, Policy};
    ///
    /// let policy = Policy::new(30, true)?;
    /// let lifted = policy.clone().for_user(Exemptions { full_access: true, ..Exemptions::default() });
    /// assert!(!lifted.restrict_full_access);
    /// assert_eq!(lifted.lifespan.max_days(), 30); // only the full-access restriction is lifted
    /// let longer = policy.for_user(Exemptions { lifespan: true, ..Exemptions::default() });
    /// assert_eq!(longer.lifespan.max_days(), 365);
    /// # Ok::<(), patgate::lifespan::LifespanError>(())
    /// ```
    pub fn for_user(mut self, exempt: Exemptions) -> Policy {
        if exempt.full_access {
            self.restrict_full_access = false;
        }
        if exempt.lifespan {
            self.lifespan = LifespanPolicy::default();
        }
        self.global_tokens = self.global_tokens.for_user(exempt.global_tokens);
        self
    }

    /// A token for all organizations may be made (or regenerated) only while they are allowed.
    fn check_reach(&self, reach: Reach<'_>) -> Result<(), PolicyError> {
        if reach == Reach::All && self.global_tokens != GlobalTokens::Allowed {
            Err(PolicyError::GlobalRestricted)
        } else {
            Ok(())
        }
    }

    fn check_scopes(&self, scopes: ScopeSet) -> Result<(), PolicyError> {
        if self.restrict_full_access && scopes.is_full_access() {
            Err(PolicyError::FullAccessRestricted)
        } else {
            Ok(())
        }
    }

    /// A lifespan ending at `valid_to` for a token that started at `from`, checked at `now`.
    fn check_lifespan(&self, from: i64, valid_to: i64, now: i64) -> Result<(), PolicyError> {
        if valid_to <= now {
            return Err(PolicyError::NotInFuture);
        }
        Ok(self.lifespan.check(from, valid_to)?)
    }

    /// A new token with `scopes`, valid from `now` until `valid_to`, acting in `reach`.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{lifespan::DAY_MS, Policy, PolicyError, Reach, ScopeSet};
    ///
    /// let policy = Policy::new(30, false)?;
    /// let (now, code) = (1_800_000_000_000, ScopeSet::parse("vso.code").unwrap());
    /// assert_eq!(policy.create(now, code, now + 30 * DAY_MS, Reach::One("fabrikam")), Ok(()));
    /// assert_eq!(policy.create(now, code, now + 31 * DAY_MS, Reach::One("fabrikam")), Err(PolicyError::TooLong));
    /// assert_eq!(policy.create(now, code, now, Reach::All), Err(PolicyError::NotInFuture));
    /// # Ok::<(), patgate::lifespan::LifespanError>(())
    /// ```
    pub fn create(&self, now: i64, scopes: ScopeSet, valid_to: i64, reach: Reach<'_>) -> Result<(), PolicyError> {
        self.check_reach(reach)?;
        self.check_creation(reach, scopes)?;
        self.check_scopes(scopes)?;
        self.check_lifespan(now, valid_to, now)
    }

    /// An edit of a live token, acting in `before` and then `after`. One that widens it (a
    /// scope it did not grant, an organization it could not act in: see [`Reach::widening`]) or
    /// extends it (a later end) makes it a new credential: the whole result, changed and kept,
    /// must satisfy the policy in force, counted from the token's start, and the creation policy
    /// where it acts after. One that only renames, narrows or
    /// shortens it takes nothing the token did not have, so a token made under an earlier,
    /// looser policy can still be tidied; its end must still be in the future. A revoked or
    /// expired token cannot be edited. Scope lists are read by `catalog`.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{catalog::Scopes, lifespan::DAY_MS, policy::Current, Policy, PolicyError, Reach, ScopeSet};
    ///
    /// let (policy, now, ado) = (Policy::new(30, false)?, 1_800_000_000_000, Scopes::AzureDevOps);
    /// // Made under an earlier policy: 90 days.
    /// let current = Current { valid_from: now - DAY_MS, valid_to: now + 89 * DAY_MS, revoked_at: None, scope: ScopeSet::parse("vso.code_write").unwrap() };
    /// // Narrowing keeps its end, longer though it is than the policy now allows.
    /// let read = ScopeSet::parse("vso.code").unwrap();
    /// let fabrikam = (Reach::One("fabrikam"), Reach::One("fabrikam"));
    /// assert_eq!(policy.edit(now, &current, read, current.valid_to, fabrikam, &ado), Ok(()));
    /// // Widening makes a new credential: its whole lifespan must fit the policy.
    /// let manage = ScopeSet::parse("vso.code_manage").unwrap();
    /// assert_eq!(policy.edit(now, &current, manage, current.valid_to, fabrikam, &ado), Err(PolicyError::TooLong));
    /// # Ok::<(), patgate::lifespan::LifespanError>(())
    /// ```
    pub fn edit(&self, now: i64, current: &Current, scopes: ScopeSet, valid_to: i64, (before, after): (Reach<'_>, Reach<'_>), catalog: &Scopes) -> Result<(), PolicyError> {
        let widening = after.widening(before);
        match current.status(now) {
            Status::Revoked => return Err(PolicyError::Revoked),
            Status::Expired => return Err(PolicyError::Expired),
            Status::Active | Status::NotYetValid => {}
        }
        if widening == Widening::None && catalog.within(scopes, current.scope) && valid_to <= current.valid_to {
            return if valid_to > now { Ok(()) } else { Err(PolicyError::NotInFuture) };
        }
        if widening == Widening::AllOrganizations {
            self.check_reach(Reach::All)?;
        }
        // A new credential where it acts after the edit, as a create is.
        self.check_creation(after, scopes)?;
        self.check_scopes(scopes)?;
        self.check_lifespan(current.valid_from, valid_to, now)
    }

    /// A new secret for a token that is not revoked. Its end is `valid_to` if given, else the
    /// token's old lifespan from now, cut to the policy's maximum. The old secret keeps working
    /// for `grace_minutes` only if it is live now, and never past its own end. A token for all
    /// organizations (`reach`) gets a new secret only while they are allowed.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{lifespan::DAY_MS, policy::Current, Policy, Reach, ScopeSet};
    ///
    /// let (policy, now) = (Policy::new(90, false)?, 1_800_000_000_000);
    /// let current = Current { valid_from: now - 10 * DAY_MS, valid_to: now + 20 * DAY_MS, revoked_at: None, scope: ScopeSet::parse("vso.code").unwrap() };
    /// let next = policy.regenerate(now, &current, None, 60, Reach::One("fabrikam"))?;
    /// assert_eq!((next.valid_from, next.valid_to), (now, now + 30 * DAY_MS)); // its old 30 days, from now
    /// assert_eq!(next.previous_until, Some(now + 3_600_000)); // the old secret works one hour more
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn regenerate(&self, now: i64, current: &Current, valid_to: Option<i64>, grace_minutes: u32, reach: Reach<'_>) -> Result<Regeneration, PolicyError> {
        if current.status(now) == Status::Revoked {
            return Err(PolicyError::Revoked);
        }
        if grace_minutes > GRACE_MAX_MINUTES {
            return Err(PolicyError::BadGrace);
        }
        self.check_reach(reach)?;
        self.check_creation(reach, current.scope)?;
        self.check_scopes(current.scope)?;
        let valid_to = match valid_to {
            Some(t) => t,
            None => {
                let kept = current.valid_to.saturating_sub(current.valid_from).max(1);
                now.saturating_add(kept).min(self.lifespan.latest_valid_to(now))
            }
        };
        self.check_lifespan(now, valid_to, now)?;
        let previous_until = (grace_minutes > 0 && current.status(now) == Status::Active).then(|| {
            let mut end = now.saturating_add(i64::from(grace_minutes) * 60_000).min(current.valid_to);
            if let Some(revoked) = current.revoked_at {
                end = end.min(revoked);
            }
            end
        });
        Ok(Regeneration { valid_from: now, valid_to, previous_until })
    }
}

crate::error_type!(PolicyError);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifespan::DAY_MS;

    const NOW: i64 = 1_790_000_000_000;
    const MIN: i64 = 60_000;
    const SAME: (Reach<'static>, Reach<'static>) = (Reach::One("fabrikam"), Reach::One("fabrikam"));
    const MOVED: (Reach<'static>, Reach<'static>) = (Reach::One("fabrikam"), Reach::One("contoso"));

    fn scopes(list: &str) -> ScopeSet {
        ScopeSet::parse(list).unwrap()
    }

    fn token(valid_from: i64, valid_to: i64, revoked_at: Option<i64>, list: &str) -> Current {
        Current { valid_from, valid_to, revoked_at, scope: scopes(list) }
    }

    #[test]
    fn status_boundaries_are_exact() {
        assert_eq!(Status::of(NOW, NOW + 1, None, NOW), Status::Active, "validFrom is inclusive");
        assert_eq!(Status::of(NOW + 1, NOW + 2, None, NOW), Status::NotYetValid);
        assert_eq!(Status::of(NOW - 2, NOW, None, NOW), Status::Expired, "validTo is exclusive");
        assert_eq!(Status::of(NOW - 2, NOW + 1, None, NOW), Status::Active);
        assert_eq!(Status::of(NOW - 2, NOW + 9, Some(NOW), NOW), Status::Revoked, "revokedAt == now is revoked");
        assert_eq!(Status::of(NOW - 2, NOW + 9, Some(NOW + 1), NOW), Status::Active);
        assert_eq!(Status::of(NOW - 9, NOW - 1, Some(NOW - 5), NOW), Status::Revoked, "revoked wins over expired");
        let names: Vec<_> = [Status::Active, Status::Revoked, Status::Expired, Status::NotYetValid].map(Status::as_str).into();
        assert_eq!(names, ["active", "revoked", "expired", "notYetValid"]);
    }

    #[test]
    fn create_obeys_scope_and_lifespan() {
        let p = Policy::new(30, true).unwrap();
        assert_eq!(p.create(NOW, scopes("app_token"), NOW + DAY_MS, Reach::One("fabrikam")), Err(PolicyError::FullAccessRestricted));
        assert_eq!(p.create(NOW, scopes("vso.code"), NOW + 30 * DAY_MS, Reach::One("fabrikam")), Ok(()));
        assert_eq!(p.create(NOW, scopes("vso.code"), NOW + 30 * DAY_MS + 1, Reach::One("fabrikam")), Err(PolicyError::TooLong));
        assert_eq!(p.create(NOW, scopes("vso.code"), NOW, Reach::One("fabrikam")), Err(PolicyError::NotInFuture));
        assert_eq!(Policy::new(30, false).unwrap().create(NOW, scopes("app_token"), NOW + 1, Reach::One("fabrikam")), Ok(()));
        assert!(Policy::new(0, false).is_err() && Policy::new(366, false).is_err());
    }

    #[test]
    fn an_edit_that_widens_or_extends_meets_the_policy_in_force_whole() {
        let p = Policy::new(30, true).unwrap();
        let long = token(NOW - DAY_MS, NOW + 299 * DAY_MS, None, "vso.code");
        // A scope the token did not grant: the whole result is checked, its kept end too.
        assert_eq!(p.edit(NOW, &long, scopes("vso.code_write"), long.valid_to, SAME, &Scopes::AzureDevOps), Err(PolicyError::TooLong));
        assert_eq!(p.edit(NOW, &long, scopes("vso.code vso.build"), NOW + 29 * DAY_MS, SAME, &Scopes::AzureDevOps), Ok(()), "30 days from validFrom");
        assert_eq!(p.edit(NOW, &long, scopes("vso.code_write"), NOW + 29 * DAY_MS + 1, SAME, &Scopes::AzureDevOps), Err(PolicyError::TooLong));
        assert_eq!(p.edit(NOW, &long, scopes("app_token"), NOW + DAY_MS, SAME, &Scopes::AzureDevOps), Err(PolicyError::FullAccessRestricted));
        // A later end, by one millisecond, is an extension: checked whole.
        let short = token(NOW - DAY_MS, NOW + 20 * DAY_MS, None, "app_token");
        assert_eq!(p.edit(NOW, &short, short.scope, short.valid_to + 1, SAME, &Scopes::AzureDevOps), Err(PolicyError::FullAccessRestricted));
        assert_eq!(p.edit(NOW, &short, scopes("vso.code"), short.valid_to + 1, SAME, &Scopes::AzureDevOps), Ok(()), "within 30 days of its start");
        assert_eq!(p.edit(NOW, &short, scopes("vso.code"), NOW + 29 * DAY_MS + 1, SAME, &Scopes::AzureDevOps), Err(PolicyError::TooLong));
    }

    #[test]
    fn an_edit_that_only_renames_narrows_or_shortens_is_allowed_under_a_stricter_policy() {
        let p = Policy::new(30, true).unwrap();
        let full_long = token(NOW - DAY_MS, NOW + 299 * DAY_MS, None, "app_token");
        assert_eq!(p.edit(NOW, &full_long, full_long.scope, full_long.valid_to, SAME, &Scopes::AzureDevOps), Ok(()), "a rename keeps what it had");
        assert_eq!(p.edit(NOW, &full_long, scopes("vso.code"), full_long.valid_to, SAME, &Scopes::AzureDevOps), Ok(()), "narrowed, same end");
        assert_eq!(p.edit(NOW, &full_long, full_long.scope, full_long.valid_to - 1, SAME, &Scopes::AzureDevOps), Ok(()), "shortened");
        assert_eq!(p.edit(NOW, &full_long, scopes("vso.code"), NOW + 1, SAME, &Scopes::AzureDevOps), Ok(()));
        assert_eq!(p.edit(NOW, &full_long, scopes("vso.code"), NOW, SAME, &Scopes::AzureDevOps), Err(PolicyError::NotInFuture), "an end must be in the future");
        let code = token(NOW - DAY_MS, NOW + 299 * DAY_MS, None, "vso.code_write");
        assert_eq!(p.edit(NOW, &code, scopes("vso.code"), code.valid_to, SAME, &Scopes::AzureDevOps), Ok(()), "vso.code_write grants vso.code");
        assert_eq!(p.edit(NOW, &code, scopes("vso.code_write vso.code"), code.valid_to, SAME, &Scopes::AzureDevOps), Ok(()), "an implied scope named");
        assert_eq!(p.edit(NOW, &code, scopes("vso.code_full"), code.valid_to, SAME, &Scopes::AzureDevOps), Err(PolicyError::TooLong), "a wider scope is checked");
    }

    #[test]
    fn an_edit_that_lets_a_token_act_in_more_organizations_meets_the_policy_whole() {
        let p = Policy::new(30, true).unwrap();
        let full_long = token(NOW - DAY_MS, NOW + 299 * DAY_MS, None, "app_token");
        assert_eq!(p.edit(NOW, &full_long, full_long.scope, full_long.valid_to, MOVED, &Scopes::AzureDevOps), Err(PolicyError::FullAccessRestricted));
        let long = token(NOW - DAY_MS, NOW + 299 * DAY_MS, None, "vso.code");
        assert_eq!(p.edit(NOW, &long, long.scope, long.valid_to, MOVED, &Scopes::AzureDevOps), Err(PolicyError::TooLong));
        let fits = token(NOW - DAY_MS, NOW + 29 * DAY_MS, None, "vso.code");
        assert_eq!(p.edit(NOW, &fits, fits.scope, fits.valid_to, MOVED, &Scopes::AzureDevOps), Ok(()), "within the policy, a wider reach is allowed");
    }

    #[test]
    fn a_reach_is_wider_when_it_adds_an_organization() {
        use Reach::{All, One};
        assert_eq!(All.widening(One("fabrikam")), Widening::AllOrganizations, "all after one");
        assert_eq!(One("contoso").widening(One("fabrikam")), Widening::OtherOrganization, "another one");
        assert_eq!(One("fabrikam").widening(One("fabrikam")), Widening::None, "the same");
        assert_eq!(One("fabrikam").widening(All), Widening::None, "one after all narrows");
        assert_eq!(All.widening(All), Widening::None);
    }

    #[test]
    fn edit_never_revives_a_dead_token() {
        let p = Policy::default();
        let expired = token(NOW - 2 * DAY_MS, NOW, None, "vso.code");
        assert_eq!(p.edit(NOW, &expired, expired.scope, NOW + DAY_MS, SAME, &Scopes::AzureDevOps), Err(PolicyError::Expired));
        let revoked = token(NOW - DAY_MS, NOW + DAY_MS, Some(NOW), "vso.code");
        assert_eq!(p.edit(NOW, &revoked, revoked.scope, NOW + DAY_MS, SAME, &Scopes::AzureDevOps), Err(PolicyError::Revoked));
        assert_eq!(PolicyError::Expired.status(), 409);
        assert_eq!(PolicyError::Revoked.status(), 409);
    }

    #[test]
    fn regenerate_obeys_the_policy_in_force() {
        let p = Policy::new(30, true).unwrap();
        let full = token(NOW - DAY_MS, NOW + 299 * DAY_MS, None, "app_token");
        assert_eq!(p.regenerate(NOW, &full, None, 0, Reach::One("fabrikam")), Err(PolicyError::FullAccessRestricted));
        let long = token(NOW - DAY_MS, NOW + 299 * DAY_MS, None, "vso.code");
        let r = p.regenerate(NOW, &long, None, 0, Reach::One("fabrikam")).unwrap();
        assert_eq!(r, Regeneration { valid_from: NOW, valid_to: NOW + 30 * DAY_MS, previous_until: None }, "the kept lifespan is cut to the maximum");
        assert_eq!(p.regenerate(NOW, &long, Some(NOW + 31 * DAY_MS), 0, Reach::One("fabrikam")), Err(PolicyError::TooLong));
        assert_eq!(p.regenerate(NOW, &long, Some(NOW), 0, Reach::One("fabrikam")), Err(PolicyError::NotInFuture));
        let short = token(NOW - DAY_MS, NOW + 6 * DAY_MS, None, "vso.code");
        assert_eq!(p.regenerate(NOW, &short, None, 0, Reach::One("fabrikam")).unwrap().valid_to, NOW + 7 * DAY_MS, "the old lifespan, from now");
    }

    #[test]
    fn grace_only_shortens_a_live_token() {
        let p = Policy::default();
        let live = token(NOW - DAY_MS, NOW + DAY_MS, None, "vso.code");
        assert_eq!(p.regenerate(NOW, &live, None, 60, Reach::One("fabrikam")).unwrap().previous_until, Some(NOW + 60 * MIN));
        assert_eq!(p.regenerate(NOW, &live, None, GRACE_MAX_MINUTES, Reach::One("fabrikam")).unwrap().previous_until, Some(NOW + DAY_MS));
        assert_eq!(p.regenerate(NOW, &live, None, GRACE_MAX_MINUTES + 1, Reach::One("fabrikam")), Err(PolicyError::BadGrace));
        let ending = token(NOW - DAY_MS, NOW + 10 * MIN, None, "vso.code");
        assert_eq!(p.regenerate(NOW, &ending, None, 60, Reach::One("fabrikam")).unwrap().previous_until, Some(NOW + 10 * MIN), "never past its own end");
        let expired = token(NOW - 2 * DAY_MS, NOW, None, "vso.code");
        let r = p.regenerate(NOW, &expired, None, GRACE_MAX_MINUTES, Reach::One("fabrikam")).unwrap();
        assert_eq!(r.previous_until, None, "an expired secret is never revived");
        assert_eq!(r.valid_to, NOW + 2 * DAY_MS);
        let revoked = token(NOW - DAY_MS, NOW + DAY_MS, Some(NOW - 1), "vso.code");
        assert_eq!(p.regenerate(NOW, &revoked, None, 60, Reach::One("fabrikam")), Err(PolicyError::Revoked));
        let not_yet = token(NOW + 1, NOW + DAY_MS, None, "vso.code");
        assert_eq!(p.regenerate(NOW, &not_yet, None, 60, Reach::One("fabrikam")).unwrap().previous_until, None);
        assert_eq!(p.regenerate(NOW, &live, None, 0, Reach::One("fabrikam")).unwrap().previous_until, None);
    }

    #[test]
    fn errors_name_code_status_and_field() {
        let table = [
            (PolicyError::FullAccessRestricted, "fullScopePatPolicyViolation", 400, "scope"),
            (PolicyError::NotInFuture, "invalidValidTo", 400, "validTo"),
            (PolicyError::TooLong, "patLifespanPolicyViolation", 400, "validTo"),
            (PolicyError::Revoked, "invalidAuthorizationId", 409, "authorizationId"),
            (PolicyError::Expired, "invalidAuthorizationId", 409, "authorizationId"),
            (PolicyError::BadGrace, "invalidValidTo", 400, "graceMinutes"),
        ];
        for (e, code, status, field) in table {
            assert_eq!((e.code(), e.status(), e.field()), (code, status, field));
            assert!(!e.message().is_empty() && e.to_string() == e.message());
        }
    }

    #[test]
    fn an_organization_restricting_creation_refuses_every_new_credential_in_it_and_nothing_retroactively() {
        use Reach::{All, One};
        let restricted = Creation::Restricted { packaging: false };
        let p = Policy::new(90, false).unwrap().with_organization("Fabrikam", restricted, false);
        let end = NOW + DAY_MS;
        let refused = Err(PolicyError::CreationRestricted);
        assert_eq!(p.create(NOW, scopes("vso.code"), end, One("fabrikam")), refused, "names compare without ASCII case");
        assert_eq!(p.create(NOW, scopes("vso.packaging"), end, One("FABRIKAM")), refused, "no packaging option: packaging too");
        assert_eq!(p.create(NOW, scopes("vso.code"), end, One("contoso")), Ok(()));
        assert_eq!(p.create(NOW, scopes("vso.code"), end, All), refused, "a global token acts there too");
        // Exempt (on the organization's allowlist): as if open.
        let exempt = Policy::new(90, false).unwrap().with_organization("fabrikam", restricted, true);
        assert_eq!(exempt.create(NOW, scopes("vso.code"), end, One("fabrikam")), Ok(()));
        assert!(exempt.organizations.is_empty());
        // A token made before the policy keeps working and may be tidied, not renewed or moved in.
        let old = token(NOW - DAY_MS, NOW + 10 * DAY_MS, None, "vso.code_write");
        let here = (One("fabrikam"), One("fabrikam"));
        assert_eq!(p.edit(NOW, &old, scopes("vso.code"), old.valid_to, here, &Scopes::AzureDevOps), Ok(()), "narrowed");
        assert_eq!(p.edit(NOW, &old, old.scope, old.valid_to - 1, here, &Scopes::AzureDevOps), Ok(()), "shortened");
        assert_eq!(p.edit(NOW, &old, old.scope, old.valid_to + 1, here, &Scopes::AzureDevOps), refused, "extended: a new credential");
        assert_eq!(p.edit(NOW, &old, scopes("vso.code_full"), old.valid_to, here, &Scopes::AzureDevOps), refused, "widened");
        assert_eq!(p.edit(NOW, &old, old.scope, old.valid_to, (One("contoso"), One("fabrikam")), &Scopes::AzureDevOps), refused, "moved in");
        assert_eq!(p.edit(NOW, &old, old.scope, old.valid_to, (One("fabrikam"), One("contoso")), &Scopes::AzureDevOps), Ok(()), "moved out");
        assert_eq!(p.regenerate(NOW, &old, None, 0, One("fabrikam")).map(|_| ()), refused, "a new secret is a new credential");
        assert!(p.regenerate(NOW, &old, None, 0, One("contoso")).is_ok());
        assert_eq!(PolicyError::CreationRestricted.code(), "disablePatCreationPolicyViolation");
        assert_eq!(PolicyError::CreationRestricted.field(), "organization");
    }

    #[test]
    fn the_packaging_option_lets_everyone_make_packaging_only_tokens() {
        use Reach::One;
        let p = Policy::new(90, false).unwrap().with_organization("fabrikam", Creation::Restricted { packaging: true }, false);
        let end = NOW + DAY_MS;
        for list in ["vso.packaging", "vso.packaging_write", "vso.packaging_manage", "vso.packaging vso.packaging_write"] {
            assert_eq!(p.create(NOW, scopes(list), end, One("fabrikam")), Ok(()), "{list}");
        }
        for list in ["vso.packaging vso.code", "app_token", "vso.build"] {
            assert_eq!(p.create(NOW, scopes(list), end, One("fabrikam")), Err(PolicyError::CreationRestricted), "{list}");
        }
        let packages = token(NOW - DAY_MS, NOW + DAY_MS, None, "vso.packaging_write");
        assert!(p.regenerate(NOW, &packages, None, 0, One("fabrikam")).is_ok());
        // A deployment's own catalog has no packaging scopes unless it says so.
        let own = p.clone().with_packaging(ScopeSet::default());
        assert_eq!(own.create(NOW, scopes("vso.packaging"), end, One("fabrikam")), Err(PolicyError::CreationRestricted));
    }

    #[test]
    fn global_tokens_are_made_only_while_allowed_and_an_allowlist_lifts_each_policy() {
        use Reach::{All, One};
        let base = Policy::new(30, true).unwrap();
        let live = Current { valid_from: NOW - DAY_MS, valid_to: NOW + DAY_MS, revoked_at: None, scope: scopes("vso.code") };
        for (state, made, usable) in [(GlobalTokens::Allowed, true, true), (GlobalTokens::Restricted, false, true), (GlobalTokens::Retired, false, false)] {
            let p = base.clone().with_global_tokens(state);
            let refused = if made { Ok(()) } else { Err(PolicyError::GlobalRestricted) };
            assert_eq!(p.create(NOW, scopes("vso.code"), NOW + DAY_MS, All), refused, "{state:?}");
            assert_eq!(p.create(NOW, scopes("vso.code"), NOW + DAY_MS, One("fabrikam")), Ok(()), "one organization is always fine");
            assert_eq!(p.regenerate(NOW, &live, None, 0, All).map(|_| ()), refused);
            assert!(p.regenerate(NOW, &live, None, 0, One("fabrikam")).is_ok());
            assert_eq!(p.edit(NOW, &live, live.scope, live.valid_to, (One("fabrikam"), All), &Scopes::AzureDevOps), refused);
            assert_eq!(p.edit(NOW, &live, live.scope, live.valid_to, (All, All), &Scopes::AzureDevOps), Ok(()), "a global token may still be renamed");
            assert_eq!(state.usable(), usable);
            assert_eq!(GlobalTokens::named(state.as_str()), Some(state));
            // On the allowlist, the policy does not apply.
            let exempt = p.for_user(Exemptions { global_tokens: true, ..Exemptions::default() });
            assert_eq!(exempt.create(NOW, scopes("vso.code"), NOW + DAY_MS, All), Ok(()));
            assert!(exempt.restrict_full_access, "only the policies named are lifted");
        }
        assert_eq!(GlobalTokens::named("Retired"), None);
        for state in [GlobalTokens::Allowed, GlobalTokens::Restricted, GlobalTokens::Retired] {
            assert_eq!(state.for_user(false), state, "off the allowlist, the state as it is");
            assert_eq!(state.for_user(true), GlobalTokens::Allowed, "on it, allowed");
        }
        let lifted = base.clone().for_user(Exemptions { full_access: true, lifespan: true, global_tokens: false });
        assert_eq!(lifted.create(NOW, scopes("app_token"), NOW + 365 * DAY_MS, One("fabrikam")), Ok(()));
        assert_eq!(lifted.create(NOW, scopes("vso.code"), NOW + 365 * DAY_MS + 1, One("fabrikam")), Err(PolicyError::TooLong), "365 days still hold");
        assert_eq!(base.clone().for_user(Exemptions::default()), base);
        assert_eq!(PolicyError::GlobalRestricted.code(), "globalPatPolicyViolation");
    }
}
