//! The gate's decision for one request, exactly as SPEC.md's verdict table says.
//!
//! Two pure steps around the caller's own (usually async) store lookup:
//! [`Gate::authenticate`] turns a header into the digest to look up, or a verdict;
//! [`Gate::decide`] turns the record found (or none) and the request into the verdict.

use alloc::{borrow::ToOwned, string::String, vec, vec::Vec};
use crate::{
    catalog::{Catalog, Scopes},
    digest::{Digest, Pepper},
    header::{self, HeaderError, Scheme, DEFAULT_MAX_HEADER_BYTES},
    policy::{GlobalTokens, Status},
    scopes::{Requirement, ScopeError, ScopeSet},
    token::{self, Prefix, TokenError},
};

/// Decoded Basic credentials up to this size stay on the stack (an 8 KiB header decodes to 6 KiB).
const STACK_SCRATCH: usize = 6 * 1024 + 16;

/// The realm named in challenges when a deployment names none.
pub const DEFAULT_REALM: &str = "patgate";

/// A gate's configuration: a value built once and used for every request.
#[derive(Clone, Debug)]
pub struct Gate {
    prefix: Prefix,
    realm: String,
    max_header_bytes: usize,
    pepper: Option<Pepper>,
    /// The scopes it decides by.
    scopes: Scopes,
}

/// A realm that cannot be written into a challenge's quoted-string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RealmError;

impl RealmError {
    /// A human message.
    pub const MESSAGE: &'static str = "a realm must be 1-128 printable ASCII characters without '\"' or '\\'";

    /// The human message.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{gate::RealmError, Gate};
    ///
    /// let error = Gate::default().with_realm("say \"hi\"").unwrap_err(); // no quotes inside a quoted-string
    /// assert_eq!(error.message(), RealmError::MESSAGE);
    /// ```
    pub fn message(self) -> &'static str {
        Self::MESSAGE
    }
}

impl Default for Gate {
    fn default() -> Self {
        Gate { prefix: Prefix::default(), realm: DEFAULT_REALM.to_owned(), max_header_bytes: DEFAULT_MAX_HEADER_BYTES, pepper: None, scopes: Scopes::AzureDevOps }
    }
}

impl Gate {
    /// A gate for tokens with `prefix`.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Gate, Prefix, Reason, TokenError};
    ///
    /// let gate = Gate::new(Prefix::new("acme")?);
    /// assert_eq!(gate.prefix().as_str(), "acme");
    /// // Another deployment's token is refused before any lookup.
    /// let refused = gate.authenticate(Some("Bearer pat_abcdefghijklmnopqrstuvwxyz01232LolCm")).unwrap_err();
    /// assert_eq!(refused.reason, Reason::Token(TokenError::Prefix));
    /// # Ok::<(), patgate::token::PrefixError>(())
    /// ```
    pub fn new(prefix: Prefix) -> Self {
        Gate { prefix, ..Gate::default() }
    }
    /// Names the realm in challenges (shown by some clients when prompting).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Gate;
    ///
    /// let gate = Gate::default().with_realm("Acme Git")?;
    /// let verdict = gate.authenticate(None).unwrap_err();
    /// assert_eq!(verdict.challenges, [r#"Basic realm="Acme Git", charset="UTF-8""#, r#"Bearer realm="Acme Git""#]);
    /// # Ok::<(), patgate::gate::RealmError>(())
    /// ```
    pub fn with_realm(mut self, realm: &str) -> Result<Self, RealmError> {
        let ok = (1..=128).contains(&realm.len()) && realm.bytes().all(|c| (0x20..0x7f).contains(&c) && c != b'"' && c != b'\\');
        if !ok {
            return Err(RealmError);
        }
        self.realm = realm.to_owned();
        Ok(self)
    }
    /// Caps the `Authorization` value's size (default 8 KiB).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Gate;
    ///
    /// let gate = Gate::default().with_max_header_bytes(64);
    /// let long = format!("Bearer {}", "a".repeat(64));
    /// assert_eq!(gate.authenticate(Some(&long)).unwrap_err().status, 431);
    /// ```
    pub fn with_max_header_bytes(mut self, max: usize) -> Self {
        self.max_header_bytes = max;
        self
    }
    /// Peppers digests before lookup (the store then holds peppered digests).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Gate, Pepper};
    ///
    /// let gate = Gate::default().with_pepper(Pepper::new(b"0123456789abcdef")?);
    /// let presented = gate.authenticate(Some("Bearer pat_abcdefghijklmnopqrstuvwxyz01232LolCm")).unwrap();
    /// // HMAC-SHA-256 under the pepper of the token's SHA-256.
    /// assert_eq!(presented.digest.to_base64url(), "lGexF3dyBERJc4QXLTiHQ2tZyVJeCf3gQf3fZE_bLjw");
    /// # Ok::<(), patgate::digest::PepperError>(())
    /// ```
    pub fn with_pepper(mut self, pepper: Pepper) -> Self {
        self.pepper = Some(pepper);
        self
    }
    /// Decides scopes by the deployment's own catalog instead of Azure DevOps'.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{catalog::Catalog, scopes::ScopeError, Gate};
    ///
    /// let catalog = Catalog::new(&[("read", &[]), ("write", &["read"])]).unwrap();
    /// let gate = Gate::default().with_catalog(catalog);
    /// assert_eq!(gate.scope_index("write"), Ok(1));
    /// assert_eq!(gate.requirement("vso.code"), Err(ScopeError::NotListed)); // Azure DevOps' names are gone
    /// ```
    pub fn with_catalog(mut self, catalog: Catalog) -> Self {
        self.scopes = Scopes::Own(catalog);
        self
    }
    /// The scopes this gate decides by.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{catalog::{Catalog, Scopes}, Gate};
    ///
    /// assert_eq!(Gate::default().scopes(), &Scopes::AzureDevOps);
    /// let catalog = Catalog::new(&[("read", &[])]).unwrap();
    /// assert_eq!(Gate::default().with_catalog(catalog.clone()).scopes(), &Scopes::Own(catalog));
    /// ```
    pub fn scopes(&self) -> &Scopes {
        &self.scopes
    }
    /// What a request needing scope `name` asks of a token, by this gate's catalog.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{scopes::ScopeError, Gate};
    ///
    /// let gate = Gate::default();
    /// let required = gate.requirement("vso.code")?;
    /// assert!(gate.stored_scopes("vso.code_write").meets(required));
    /// assert_eq!(gate.requirement("read"), Err(ScopeError::Unknown));
    /// # Ok::<(), ScopeError>(())
    /// ```
    pub fn requirement(&self, name: &str) -> Result<Requirement<'_>, ScopeError> {
        self.scopes.requirement(name)
    }
    /// The requirement of the scope at `index` of this gate's catalog.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Gate, Requirement};
    ///
    /// let gate = Gate::default();
    /// assert_eq!(gate.requirement_at(11).map(Requirement::name), Some("vso.code"));
    /// assert_eq!(gate.requirement_at(86), None);
    /// ```
    pub fn requirement_at(&self, index: usize) -> Option<Requirement<'_>> {
        self.scopes.requirement_at(index)
    }
    /// The position of scope `name` in this gate's catalog.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{scopes::ScopeError, Gate};
    ///
    /// assert_eq!(Gate::default().scope_index("vso.code"), Ok(11));
    /// assert_eq!(Gate::default().scope_index("app_token"), Err(ScopeError::Unknown));
    /// ```
    pub fn scope_index(&self, name: &str) -> Result<usize, ScopeError> {
        self.scopes.index(name)
    }
    /// A stored scope list read by this gate's catalog (names it does not list grant nothing).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Gate;
    ///
    /// let stored = Gate::default().stored_scopes("vso.code vso.gone");
    /// assert_eq!(stored.to_text(), "vso.code");
    /// ```
    pub fn stored_scopes(&self, list: &str) -> ScopeSet {
        self.scopes.parse_stored(list)
    }
    /// The prefix this gate accepts.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Gate, Prefix};
    ///
    /// assert_eq!(Gate::default().prefix(), &Prefix::default());
    /// assert_eq!(Gate::new(Prefix::new("ghp")?).prefix().as_str(), "ghp");
    /// # Ok::<(), patgate::token::PrefixError>(())
    /// ```
    pub fn prefix(&self) -> &Prefix {
        &self.prefix
    }
    /// The pepper, if any.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Gate, Pepper};
    ///
    /// assert!(Gate::default().pepper().is_none());
    /// assert!(Gate::default().with_pepper(Pepper::new(&[1; 32])?).pepper().is_some());
    /// # Ok::<(), patgate::digest::PepperError>(())
    /// ```
    pub fn pepper(&self) -> Option<&Pepper> {
        self.pepper.as_ref()
    }

    /// Parses and checks the header; on success returns the digest to look up in the store.
    /// Malformed input, a bad checksum or an oversized header is decided here, before any lookup.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Gate, Reason, Scheme, TokenError};
    ///
    /// let gate = Gate::default();
    /// // base64 of "alice:pat_abcdefghijklmnopqrstuvwxyz01232LolCm"
    /// let presented = gate.authenticate(Some("Basic YWxpY2U6cGF0X2FiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzJMb2xDbQ==")).unwrap();
    /// assert_eq!((presented.scheme, presented.username.as_deref()), (Scheme::Basic, Some("alice")));
    /// assert_eq!(presented.digest.to_base64url(), "HgUTBGS74Db959aRnX80zMzDwVcd5Puh80gQ5sWyIvI");
    /// let mistyped = gate.authenticate(Some("Bearer pat_abcdefghijklmnopqrstuvwxyz01232LolCn")).unwrap_err();
    /// assert_eq!((mistyped.status, mistyped.reason), (401, Reason::Token(TokenError::Checksum)));
    /// ```
    #[allow(clippy::result_large_err)] // the refusal is the answer, returned once per request
    pub fn authenticate(&self, authorization: Option<&str>) -> Result<Presented, Verdict> {
        self.with_credential(authorization, |parts| Presented {
            digest: Digest::stored_form(parts.token, self.pepper.as_ref()),
            scheme: parts.scheme,
            username: parts.username.map(str::to_owned),
        })
        .map_err(|reason| self.refuse(reason))
    }

    /// [`Gate::authenticate`] without allocating: hands the digest to look up, the scheme and
    /// Basic's user-id to `f`, or says why the header was refused.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Gate, HeaderError, Reason, Scheme};
    ///
    /// let gate = Gate::default();
    /// let bearer = Some("Bearer pat_abcdefghijklmnopqrstuvwxyz01232LolCm");
    /// let key = gate.authenticate_with(bearer, |digest, scheme, user| (digest.to_base64url(), scheme, user.is_none()));
    /// assert_eq!(key, Ok(("HgUTBGS74Db959aRnX80zMzDwVcd5Puh80gQ5sWyIvI".to_owned(), Scheme::Bearer, true)));
    /// assert_eq!(gate.authenticate_with(None, |_, _, _| ()), Err(Reason::Header(HeaderError::Missing)));
    /// ```
    pub fn authenticate_with<T>(&self, authorization: Option<&str>, f: impl FnOnce(&Digest, Scheme, Option<&str>) -> T) -> Result<T, Reason> {
        self.with_credential(authorization, |parts| f(&Digest::stored_form(parts.token, self.pepper.as_ref()), parts.scheme, parts.username))
    }

    /// Parses and checks the header with the decoded credentials in a stack buffer (wiped
    /// afterwards), and hands the checked credential to `f`; or says why it was refused.
    fn with_credential<T>(&self, authorization: Option<&str>, f: impl FnOnce(&header::Parts<'_>) -> T) -> Result<T, Reason> {
        let needed = header::decoded_capacity(authorization).min(self.max_header_bytes);
        let mut stack = [0u8; STACK_SCRATCH];
        let mut heap = Vec::new();
        let scratch: &mut [u8] = if needed <= STACK_SCRATCH {
            &mut stack
        } else {
            heap.resize(needed, 0);
            &mut heap
        };
        let result = match header::parse_into(authorization, self.max_header_bytes, scratch) {
            Err(e) => Err(Reason::Header(e)),
            Ok(parts) => match token::check(parts.token, &self.prefix) {
                Err(e) => Err(Reason::Token(e)),
                Ok(()) => Ok(f(&parts)),
            },
        };
        zeroize::Zeroize::zeroize(&mut stack[..needed.min(STACK_SCRATCH)]);
        zeroize::Zeroize::zeroize(&mut heap);
        result
    }

    /// The hot path when the stored digest is already at hand (a cache, a single-token service):
    /// parse, check, digest and compare in constant time. Returns 200 when the header carries
    /// the token of `stored`, otherwise the refusal's status (400, 401 or 431).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Digest, Gate};
    ///
    /// let gate = Gate::default();
    /// let stored = Digest::from_base64url("HgUTBGS74Db959aRnX80zMzDwVcd5Puh80gQ5sWyIvI")?;
    /// assert_eq!(gate.verify(Some("Bearer pat_abcdefghijklmnopqrstuvwxyz01232LolCm"), &stored), 200);
    /// assert_eq!(gate.verify(Some("Bearer pat_0000000000000000000000000000002C8GjS"), &stored), 401);
    /// assert_eq!(gate.verify(Some("Bearer"), &stored), 400);
    /// # Ok::<(), patgate::digest::DigestError>(())
    /// ```
    pub fn verify(&self, authorization: Option<&str>, stored: &Digest) -> u16 {
        match self.with_credential(authorization, |parts| Digest::stored_form(parts.token, self.pepper.as_ref()).ct_eq(stored)) {
            Ok(true) => 200,
            Ok(false) => 401,
            Err(reason) => reason.status(),
        }
    }

    /// Decides a request from the record stored under the presented digest (`None` if none).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Digest, Gate, Reason, Record, Request};
    ///
    /// let gate = Gate::default();
    /// let digest = Digest::of("pat_abcdefghijklmnopqrstuvwxyz01232LolCm");
    /// let record = Record {
    ///     id: "7", owner: "alice", organizations: &["fabrikam"], scope: gate.stored_scopes("vso.code_write"),
    ///     valid_from: 1_700_000_000_000, valid_to: 1_900_000_000_000, revoked_at: None, digest, previous: None, global: None,
    /// };
    /// let request = Request { now: 1_800_000_000_000, organization: Some("Fabrikam"), required_scope: Some(gate.requirement("vso.code")?) };
    /// assert_eq!(gate.decide(&digest, Some(&record), &request).grant.map(|g| g.owner), Some("alice".into()));
    /// let unknown = gate.decide(&digest, None, &request);
    /// assert_eq!((unknown.status, unknown.reason), (401, Reason::Unknown));
    /// # Ok::<(), patgate::scopes::ScopeError>(())
    /// ```
    pub fn decide(&self, presented: &Digest, record: Option<&Record>, request: &Request) -> Verdict {
        match (self.judge(presented, record, request), record) {
            (Reason::Granted, Some(record)) => Verdict {
                status: 200,
                error: None,
                reason: Reason::Granted,
                challenges: Vec::new(),
                grant: Some(Grant {
                    id: record.id.to_owned(),
                    owner: record.owner.to_owned(),
                    organization: request.organization.map(str::to_owned),
                    scope: record.scope,
                }),
            },
            (reason, _) => self.verdict_for(reason, request.required_scope),
        }
    }

    /// Why [`Gate::decide`] decides as it does, without building the verdict: the stored digests
    /// (current, then a replaced one in its grace) are compared with the presented one in
    /// constant time first, then revocation, lifespan, organization and scope, in that order.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Digest, Gate, Reason, Record, Request};
    ///
    /// let gate = Gate::default();
    /// let digest = Digest::of("pat_abcdefghijklmnopqrstuvwxyz01232LolCm");
    /// # let record = Record {
    /// #     id: "7", owner: "alice", organizations: &["fabrikam"], scope: gate.stored_scopes("vso.code"),
    /// #     valid_from: 1_700_000_000_000, valid_to: 1_900_000_000_000, revoked_at: None, digest, previous: None, global: None,
    /// # };
    /// // A token of fabrikam's, reading code until 1_900_000_000_000.
    /// let request = Request { now: 1_800_000_000_000, organization: Some("fabrikam"), required_scope: None };
    /// assert_eq!(gate.judge(&digest, Some(&record), &request), Reason::Granted);
    /// assert_eq!(gate.judge(&digest, Some(&record), &Request { now: 1_900_000_000_000, ..request }), Reason::Expired);
    /// assert_eq!(gate.judge(&digest, Some(&record), &Request { organization: Some("contoso"), ..request }), Reason::WrongOrganization);
    /// let write = Request { required_scope: Some(gate.requirement("vso.code_write")?), ..request };
    /// assert_eq!(gate.judge(&digest, Some(&record), &write), Reason::MissingScope);
    /// # Ok::<(), patgate::scopes::ScopeError>(())
    /// ```
    pub fn judge(&self, presented: &Digest, record: Option<&Record>, request: &Request) -> Reason {
        let Some(record) = record else {
            return Reason::Unknown;
        };
        let status = if record.digest.ct_eq(presented) {
            Status::of(record.valid_from, record.valid_to, record.revoked_at, request.now)
        } else if let Some(previous) = record.previous.as_ref().filter(|p| p.digest.ct_eq(presented)) {
            Status::of_previous(record.valid_from, record.valid_to, record.revoked_at, previous.until, request.now)
        } else {
            return Reason::Unknown;
        };
        match status {
            Status::Active => {}
            Status::Revoked => return Reason::Revoked,
            Status::NotYetValid => return Reason::NotYetValid,
            Status::Expired => return Reason::Expired,
        }
        if record.global.is_some_and(|state| !state.usable()) {
            return Reason::GlobalRetired;
        }
        if !in_organization(record.organizations, request.organization) {
            return Reason::WrongOrganization;
        }
        match request.required_scope {
            Some(scope) if !record.scope.meets(scope) => Reason::MissingScope,
            _ => Reason::Granted,
        }
    }

    /// The refusal verdict for `reason` (a 403 names `scope`). `Granted` has no refusal: it
    /// answers as an unknown token would, so a caller's mistake never grants anything.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Gate, Reason};
    ///
    /// let gate = Gate::default();
    /// let verdict = gate.verdict_for(Reason::MissingScope, gate.requirement("vso.code_write").ok());
    /// assert_eq!(verdict.status, 403);
    /// assert_eq!(verdict.challenges, [concat!(
    ///     r#"Bearer realm="patgate", error="insufficient_scope", "#,
    ///     r#"error_description="the token lacks the scope this resource requires", scope="vso.code_write""#,
    /// )]);
    /// assert_eq!(gate.verdict_for(Reason::Granted, None).reason, Reason::Unknown); // never a grant
    /// ```
    pub fn verdict_for(&self, reason: Reason, scope: Option<Requirement<'_>>) -> Verdict {
        match reason {
            Reason::WrongOrganization | Reason::MissingScope => self.forbid(reason, scope),
            Reason::Granted => self.refuse(Reason::Unknown),
            _ => self.refuse(reason),
        }
    }

    /// The verdict for a request refused before or after the lookup (400, 401 or 431).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{gate::ErrorCode, Gate, HeaderError, Reason};
    ///
    /// let gate = Gate::default();
    /// let too_large = gate.refuse(Reason::Header(HeaderError::TooLarge));
    /// assert_eq!((too_large.status, too_large.challenges.len()), (431, 0));
    /// let revoked = gate.refuse(Reason::Revoked);
    /// assert_eq!((revoked.status, revoked.error), (401, Some(ErrorCode::InvalidToken)));
    /// assert_eq!(revoked.challenges[1], concat!(
    ///     r#"Bearer realm="patgate", error="invalid_token", "#,
    ///     r#"error_description="the token is unknown, revoked or expired""#,
    /// ));
    /// ```
    pub fn refuse(&self, reason: Reason) -> Verdict {
        let basic = self.challenge("Basic", &[("charset", "UTF-8")]);
        let (status, error, challenges) = match reason {
            Reason::Header(HeaderError::TooLarge) => (431, None, vec![]),
            Reason::Header(e) if e.status() == 401 => (401, None, vec![basic, self.challenge("Bearer", &[])]),
            Reason::Header(e) => (400, Some(ErrorCode::InvalidRequest), vec![self.bearer(ErrorCode::InvalidRequest, e.message(), None)]),
            _ => {
                let description = reason.message();
                (401, Some(ErrorCode::InvalidToken), vec![basic, self.bearer(ErrorCode::InvalidToken, description, None)])
            }
        };
        Verdict { status, error, reason, challenges, grant: None }
    }

    fn forbid(&self, reason: Reason, scope: Option<Requirement<'_>>) -> Verdict {
        let challenge = self.bearer(ErrorCode::InsufficientScope, reason.message(), scope);
        Verdict { status: 403, error: Some(ErrorCode::InsufficientScope), reason, challenges: vec![challenge], grant: None }
    }

    fn bearer(&self, error: ErrorCode, description: &str, scope: Option<Requirement<'_>>) -> String {
        let params = [("error", error.as_str()), ("error_description", description), ("scope", scope.map_or("", Requirement::name))];
        let n = if scope.is_some() { 3 } else { 2 };
        self.challenge("Bearer", &params[..n])
    }

    /// `scheme realm="…", name="value", …`. Values are fixed texts or checked names, so no
    /// quoted-string escaping is needed.
    fn challenge(&self, scheme: &str, params: &[(&str, &str)]) -> String {
        let mut c = String::with_capacity(160);
        c.push_str(scheme);
        c.push_str(" realm=\"");
        c.push_str(&self.realm);
        c.push('"');
        for (name, value) in params {
            c.push_str(", ");
            c.push_str(name);
            c.push_str("=\"");
            c.push_str(value);
            c.push('"');
        }
        c
    }
}

/// A checked credential: the digest to look the token up by, and who sent it how.
#[derive(Debug)]
pub struct Presented {
    /// The token's digest in the store's form (peppered when the gate has a pepper).
    pub digest: Digest,
    /// The scheme the client used.
    pub scheme: Scheme,
    /// Basic's user-id as sent (not used for authentication).
    pub username: Option<String>,
}

/// What the store holds for a token, as the gate needs it.
#[derive(Debug)]
pub struct Record<'a> {
    /// Public id (Azure DevOps' `authorizationId`).
    pub id: &'a str,
    /// The owner's user id.
    pub owner: &'a str,
    /// Organizations the token may act in: its one organization, or for an
    /// all-organizations token the owner's current organizations; none in a deployment
    /// without organizations.
    pub organizations: &'a [&'a str],
    /// The scopes chosen for the token (the store's and the API's `scope`).
    pub scope: ScopeSet,
    /// Start of validity (ms since the epoch).
    pub valid_from: i64,
    /// End of validity, exclusive (ms since the epoch).
    pub valid_to: i64,
    /// When it was revoked.
    pub revoked_at: Option<i64>,
    /// The stored digest of its current secret, compared with the presented one in constant time.
    pub digest: Digest,
    /// The secret a regeneration replaced, while the store keeps it: it works until its grace
    /// end, as the current one would.
    pub previous: Option<Previous>,
    /// For a token of all its owner's organizations (a global token), the policy on them as it
    /// applies to its owner; `None` for a token of one organization.
    pub global: Option<GlobalTokens>,
}

/// A regenerated-away secret: its stored digest and the end of its grace (exclusive).
#[derive(Debug)]
pub struct Previous {
    /// The stored digest of the replaced secret.
    pub digest: Digest,
    /// When it stops working (ms since the epoch).
    pub until: i64,
}

/// What the request asks for.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// The current time (ms since the epoch).
    pub now: i64,
    /// The organization the resource belongs to; `None` for a resource in none (and in a
    /// deployment without organizations).
    pub organization: Option<&'a str>,
    /// What the resource requires, if anything: see [`Gate::requirement`].
    pub required_scope: Option<Requirement<'a>>,
}

/// Whether a token with `organizations` may act on a resource in `requested`: always for a
/// resource in no organization; otherwise when one of them is its name, compared as Azure
/// DevOps compares organization names (ASCII letters in either case).
///
/// # Examples
///
/// ```rust
/// use patgate::gate::in_organization;
///
/// assert!(in_organization(&["fabrikam"], Some("FabriKam"))); // ASCII case ignored
/// assert!(!in_organization(&["fabrikam"], Some("contoso")));
/// assert!(in_organization(&[], None)); // a resource in no organization
/// ```
pub fn in_organization(organizations: &[&str], requested: Option<&str>) -> bool {
    match requested {
        None => true,
        Some(name) => organizations.iter().any(|o| o.eq_ignore_ascii_case(name)),
    }
}

/// RFC 6750 error codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    /// 400: the request is malformed.
    InvalidRequest,
    /// 401: the token is malformed, unknown, revoked or expired.
    InvalidToken,
    /// 403: the token may not act here.
    InsufficientScope,
}

impl ErrorCode {
    /// The RFC 6750 name.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{gate::ErrorCode, Gate, Reason};
    ///
    /// assert_eq!(ErrorCode::InsufficientScope.as_str(), "insufficient_scope");
    /// assert_eq!(Gate::default().refuse(Reason::Unknown).error.map(ErrorCode::as_str), Some("invalid_token"));
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidRequest => "invalid_request",
            ErrorCode::InvalidToken => "invalid_token",
            ErrorCode::InsufficientScope => "insufficient_scope",
        }
    }
}

/// Why the verdict is what it is: for the server's own logs and metrics. Clients see only
/// the status, the error code and the challenge, so unknown, revoked, expired and
/// not-yet-valid tokens look the same from outside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Allowed.
    Granted,
    /// The header was missing, unknown, malformed or too large.
    Header(HeaderError),
    /// The token failed the offline check.
    Token(TokenError),
    /// No record holds the digest.
    Unknown,
    /// The record is revoked.
    Revoked,
    /// The record's lifespan is over.
    Expired,
    /// The record's lifespan has not begun.
    NotYetValid,
    /// The token is not for this organization.
    WrongOrganization,
    /// The token lacks the required scope.
    MissingScope,
    /// A token for all organizations, while the policy retires them.
    GlobalRetired,
}

impl Reason {
    /// Every reason, in the order of [`Reason::index`]: small integer codes for bindings that
    /// pass a verdict as a number.
    pub const ALL: [Reason; 23] = [
        Reason::Granted,
        Reason::Header(HeaderError::Missing),
        Reason::Header(HeaderError::UnknownScheme),
        Reason::Header(HeaderError::TooLarge),
        Reason::Header(HeaderError::Empty),
        Reason::Header(HeaderError::ControlCharacter),
        Reason::Header(HeaderError::NoCredentials),
        Reason::Header(HeaderError::MultipleCredentials),
        Reason::Header(HeaderError::BadBase64),
        Reason::Header(HeaderError::NotUtf8),
        Reason::Header(HeaderError::NoColon),
        Reason::Header(HeaderError::BadBearer),
        Reason::Token(TokenError::Prefix),
        Reason::Token(TokenError::Length),
        Reason::Token(TokenError::Alphabet),
        Reason::Token(TokenError::Checksum),
        Reason::Unknown,
        Reason::Revoked,
        Reason::Expired,
        Reason::NotYetValid,
        Reason::WrongOrganization,
        Reason::MissingScope,
        Reason::GlobalRetired,
    ];

    /// This reason's code: its position in [`Reason::ALL`] (which lists every reason). A match,
    /// not a search: the gate answers with it on every request.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Reason, TokenError};
    ///
    /// assert_eq!(Reason::Granted.index(), 0);
    /// assert_eq!(Reason::Token(TokenError::Checksum).index(), 15);
    /// assert!(Reason::ALL.iter().enumerate().all(|(i, r)| usize::from(r.index()) == i));
    /// ```
    pub fn index(self) -> u8 {
        match self {
            Reason::Granted => 0,
            Reason::Header(e) => match e {
                HeaderError::Missing => 1,
                HeaderError::UnknownScheme => 2,
                HeaderError::TooLarge => 3,
                HeaderError::Empty => 4,
                HeaderError::ControlCharacter => 5,
                HeaderError::NoCredentials => 6,
                HeaderError::MultipleCredentials => 7,
                HeaderError::BadBase64 => 8,
                HeaderError::NotUtf8 => 9,
                HeaderError::NoColon => 10,
                HeaderError::BadBearer => 11,
            },
            Reason::Token(e) => match e {
                TokenError::Prefix => 12,
                TokenError::Length => 13,
                TokenError::Alphabet => 14,
                TokenError::Checksum => 15,
            },
            Reason::Unknown => 16,
            Reason::Revoked => 17,
            Reason::Expired => 18,
            Reason::NotYetValid => 19,
            Reason::WrongOrganization => 20,
            Reason::MissingScope => 21,
            Reason::GlobalRetired => 22,
        }
    }

    /// The reason with code `index`, if there is one.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Reason;
    ///
    /// assert_eq!(Reason::from_index(17), Some(Reason::Revoked));
    /// assert_eq!(Reason::from_index(23), None);
    /// assert!(Reason::ALL.into_iter().all(|r| Reason::from_index(r.index()) == Some(r)));
    /// ```
    pub fn from_index(index: u8) -> Option<Reason> {
        Reason::ALL.get(usize::from(index)).copied()
    }

    /// The status SPEC's table gives a refusal for this reason (200 for [`Reason::Granted`]).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{HeaderError, Reason};
    ///
    /// assert_eq!(Reason::Granted.status(), 200);
    /// assert_eq!(Reason::Expired.status(), 401);
    /// assert_eq!(Reason::MissingScope.status(), 403);
    /// assert_eq!(Reason::Header(HeaderError::TooLarge).status(), 431);
    /// ```
    pub fn status(self) -> u16 {
        match self {
            Reason::Granted => 200,
            Reason::Header(e) => e.status(),
            Reason::WrongOrganization | Reason::MissingScope => 403,
            _ => 401,
        }
    }

    /// A short machine-readable name, for logs.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{HeaderError, Reason};
    ///
    /// assert_eq!(Reason::NotYetValid.code(), "not_yet_valid");
    /// assert_eq!(Reason::Header(HeaderError::BadBase64).code(), "bad_base64");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Reason::Granted => "granted",
            Reason::Header(e) => e.code(),
            Reason::Token(e) => e.code(),
            Reason::Unknown => "unknown",
            Reason::Revoked => "revoked",
            Reason::Expired => "expired",
            Reason::NotYetValid => "not_yet_valid",
            Reason::WrongOrganization => "wrong_organization",
            Reason::MissingScope => "missing_scope",
            Reason::GlobalRetired => "global_retired",
        }
    }

    /// The message a client may see. The four store outcomes share one message on purpose.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Reason;
    ///
    /// // A client cannot tell a revoked token from one never issued.
    /// assert_eq!(Reason::Revoked.message(), Reason::Unknown.message());
    /// assert_eq!(Reason::WrongOrganization.message(), "the token is not valid for this organization");
    /// ```
    pub fn message(self) -> &'static str {
        match self {
            Reason::Granted => "granted",
            Reason::Header(e) => e.message(),
            Reason::Token(e) => e.message(),
            Reason::Unknown | Reason::Revoked | Reason::Expired | Reason::NotYetValid => {
                "the token is unknown, revoked or expired"
            }
            Reason::WrongOrganization => "the token is not valid for this organization",
            Reason::MissingScope => "the token lacks the scope this resource requires",
            // Only the token's holder sees it: the policy, and what to do instead.
            Reason::GlobalRetired => "tokens for all organizations are retired by this deployment's policy (global tokens): make a token for one organization",
        }
    }
}

/// The gate's decision.
#[derive(Debug)]
pub struct Verdict {
    /// 200 when allowed; otherwise 400, 401, 403 or 431.
    pub status: u16,
    /// The RFC 6750 error code, when one applies.
    pub error: Option<ErrorCode>,
    /// Why, for logs.
    pub reason: Reason,
    /// `WWW-Authenticate` values, one header each, in order.
    pub challenges: Vec<String>,
    /// On success, what the request may act as.
    pub grant: Option<Grant>,
}

impl Verdict {
    /// Whether the request may go on.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Digest, Gate, Reason, Record, Request, ScopeSet};
    ///
    /// let gate = Gate::default();
    /// let digest = Digest::of("pat_abcdefghijklmnopqrstuvwxyz01232LolCm");
    /// # let record = Record {
    /// #     id: "7", owner: "alice", organizations: &[], scope: ScopeSet::FULL,
    /// #     valid_from: 0, valid_to: i64::MAX, revoked_at: None, digest, previous: None, global: None,
    /// # };
    /// let request = Request { now: 1_800_000_000_000, organization: None, required_scope: None };
    /// assert!(gate.decide(&digest, Some(&record), &request).allowed());
    /// assert!(!gate.refuse(Reason::Unknown).allowed());
    /// ```
    pub fn allowed(&self) -> bool {
        self.grant.is_some()
    }
}

/// What an allowed request acts as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    /// The token's public id.
    pub id: String,
    /// Its owner.
    pub owner: String,
    /// The organization of this request (`None`: a resource in none).
    pub organization: Option<String>,
    /// The token's scopes.
    pub scope: ScopeSet,
}

crate::error_type!(RealmError);
