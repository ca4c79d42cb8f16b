//! The Azure DevOps scope catalog, compiled in by build.rs, with transitive inheritance.
//!
//! A set of scopes is a 128-bit mask: bit *i* is catalog entry *i*, and the top bit is
//! "full access" (Azure DevOps' `app_token`). Each entry carries the mask of every scope that
//! grants it (inheritance closed transitively), so a request's check is a single AND; what a
//! scope grants is read from the same masks, by column.

use alloc::string::String;
use core::fmt;

/// Azure DevOps' name for a full-access token's scope.
pub const FULL_ACCESS: &str = "app_token";
const FULL_BIT: u128 = 1 << 127;

/// A catalog entry, laid out small: the catalog is a large part of the data a gate's module holds.
pub(crate) struct Entry {
    /// The scopes that grant this one, itself included.
    granted_by: Bits,
    /// Where its name is in `NAMES`.
    name_at: u16,
    name_len: u8,
    /// Only a portal shows titles: the edge build has none.
    #[cfg(feature = "portal")]
    title: &'static str,
    index: u8,
    /// Its position in `CATEGORIES`.
    category: u8,
    high_privilege: bool,
}

/// A scope mask as its little-endian bytes (unaligned, where a `u128` field aligns to 16).
pub(crate) struct Bits([u8; 16]);

impl Bits {
    fn get(&self) -> u128 {
        u128::from_le_bytes(self.0)
    }
}

impl Entry {
    fn name(&self) -> &'static str {
        let at = usize::from(self.name_at);
        NAMES.get(at..at + usize::from(self.name_len)).unwrap_or_default()
    }
}

include!(concat!(env!("OUT_DIR"), "/scope_catalog.rs"));

/// One catalog scope (a reference into the static catalog, so it is always a real entry).
#[derive(Clone, Copy)]
pub struct Scope(&'static Entry);

impl PartialEq for Scope {
    fn eq(&self, other: &Self) -> bool {
        self.0.index == other.0.index
    }
}

impl Eq for Scope {}

impl fmt::Debug for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Scope {
    /// Looks a scope up by its name (`vso.code_write`); `app_token` is not a catalog scope.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{scopes::ScopeError, Scope};
    ///
    /// let scope = Scope::named("vso.code_write")?;
    /// assert_eq!(scope.name(), "vso.code_write");
    /// assert_eq!(Scope::named("vso.kode"), Err(ScopeError::Unknown));
    /// assert_eq!(Scope::named("app_token"), Err(ScopeError::Unknown)); // full access, a set's
    /// # Ok::<(), ScopeError>(())
    /// ```
    pub fn named(name: &str) -> Result<Scope, ScopeError> {
        let entry = |i: &u8| ENTRIES.get(usize::from(*i));
        // By length first: most steps of the search end there, without comparing text.
        let key = |e: &Entry| (e.name().len(), e.name().as_bytes());
        let found = BY_NAME.binary_search_by(|i| entry(i).map_or(core::cmp::Ordering::Less, |e| key(e).cmp(&(name.len(), name.as_bytes())))).ok();
        found.and_then(|at| BY_NAME.get(at)).and_then(entry).map(Scope).ok_or(ScopeError::Unknown)
    }
    /// The scope at `index` in catalog order (its position in [`all`]).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Scope;
    ///
    /// assert_eq!(Scope::at(12), Some(Scope::named("vso.code_write")?));
    /// assert_eq!(Scope::at(86), None); // the catalog has 86 scopes
    /// # Ok::<(), patgate::scopes::ScopeError>(())
    /// ```
    pub fn at(index: usize) -> Option<Scope> {
        ENTRIES.get(index).map(Scope)
    }
    /// Its position in catalog order.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Scope;
    ///
    /// assert_eq!(Scope::named("vso.advsec")?.index(), 0);
    /// assert_eq!(Scope::named("vso.code")?.index(), 11);
    /// # Ok::<(), patgate::scopes::ScopeError>(())
    /// ```
    pub fn index(self) -> usize {
        usize::from(self.0.index)
    }
    fn entry(self) -> &'static Entry {
        self.0
    }
    /// The scope's name, e.g. `vso.code_write`.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Scope;
    ///
    /// assert_eq!(Scope::at(0).map(Scope::name), Some("vso.advsec"));
    /// assert_eq!(format!("{:?}", Scope::named("vso.build")?), "vso.build"); // `Debug` is the name
    /// # Ok::<(), patgate::scopes::ScopeError>(())
    /// ```
    pub fn name(self) -> &'static str {
        self.entry().name()
    }
    /// Its display name, e.g. `Code (read and write)` (empty in a build without the `portal` feature).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Scope;
    ///
    /// let title = Scope::named("vso.code_write")?.title();
    /// // A gate's build (without the `portal` feature) carries no titles.
    /// assert_eq!(title, if cfg!(feature = "portal") { "Code (read and write)" } else { "" });
    /// # Ok::<(), patgate::scopes::ScopeError>(())
    /// ```
    pub fn title(self) -> &'static str {
        #[cfg(feature = "portal")]
        return self.entry().title;
        #[cfg(not(feature = "portal"))]
        ""
    }
    /// Its catalog category, e.g. `Code`.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Scope;
    ///
    /// assert_eq!(Scope::named("vso.code_status")?.category(), "Code");
    /// assert_eq!(Scope::named("vso.hooks_write")?.category(), "Service Hooks");
    /// # Ok::<(), patgate::scopes::ScopeError>(())
    /// ```
    pub fn category(self) -> &'static str {
        CATEGORIES.get(usize::from(self.entry().category)).copied().unwrap_or_default()
    }
    /// Whether Azure DevOps marks it high-privilege.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Scope;
    ///
    /// assert!(Scope::named("vso.code_write")?.high_privilege());
    /// assert!(!Scope::named("vso.code")?.high_privilege());
    /// # Ok::<(), patgate::scopes::ScopeError>(())
    /// ```
    pub fn high_privilege(self) -> bool {
        self.entry().high_privilege
    }
    /// Everything choosing this scope grants, itself included, in catalog order.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::Scope;
    ///
    /// let implied: Vec<&str> = Scope::named("vso.code_write")?.implies().scopes().map(Scope::name).collect();
    /// // Reading code brings its service hooks, and they the user's profile.
    /// assert_eq!(implied, ["vso.code", "vso.code_write", "vso.hooks", "vso.hooks_write", "vso.profile"]);
    /// # Ok::<(), patgate::scopes::ScopeError>(())
    /// ```
    pub fn implies(self) -> ScopeSet {
        ScopeSet::from_bits(self.bit()).expanded()
    }
    fn bit(self) -> u128 {
        1 << self.0.index
    }
}

/// What a request needs of a token: a scope's name (for the challenge) and the scopes that
/// grant it. Made from a [`Scope`] of Azure DevOps' catalog or by a deployment's own
/// [`Catalog`](crate::catalog::Catalog).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Requirement<'a> {
    name: &'a str,
    granted_by: u128,
}

impl<'a> Requirement<'a> {
    pub(crate) fn new(name: &'a str, granted_by: u128) -> Self {
        Requirement { name, granted_by }
    }
    /// The required scope's name.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{catalog::Catalog, Requirement, Scope};
    ///
    /// let required: Requirement = Scope::named("vso.build")?.into();
    /// assert_eq!(required.name(), "vso.build");
    /// let catalog = Catalog::new(&[("read:packages", &[])]).unwrap();
    /// assert_eq!(catalog.requirement("read:packages").map(Requirement::name), Some("read:packages"));
    /// # Ok::<(), patgate::scopes::ScopeError>(())
    /// ```
    pub fn name(self) -> &'a str {
        self.name
    }
}

impl From<Scope> for Requirement<'static> {
    fn from(scope: Scope) -> Self {
        Requirement { name: scope.name(), granted_by: scope.entry().granted_by.get() }
    }
}

/// Why a scope list was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeError {
    /// The list names no scope.
    Empty,
    /// A name is not in the catalog (nor `app_token`).
    Unknown,
    /// A name is not in a deployment's own [`Catalog`](crate::catalog::Catalog).
    NotListed,
}

impl ScopeError {
    /// A human message; [`ScopeSet::parse`] reports which name was unknown separately.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::ScopeSet;
    ///
    /// let (error, name) = ScopeSet::parse("vso.code vso.kode").unwrap_err();
    /// assert_eq!(error.message(), "the scope is not in the Azure DevOps catalog");
    /// assert_eq!(name, "vso.kode");
    /// assert_eq!(ScopeSet::parse(" ").unwrap_err().0.message(), "at least one scope is required");
    /// ```
    pub fn message(self) -> &'static str {
        match self {
            ScopeError::Empty => "at least one scope is required",
            ScopeError::Unknown => "the scope is not in the Azure DevOps catalog",
            ScopeError::NotListed => "the scope is not in the catalog",
        }
    }
}


/// A set of scopes as chosen for a token (not expanded: the grant check expands).
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct ScopeSet(u128);

impl ScopeSet {
    /// A full-access set.
    pub const FULL: ScopeSet = ScopeSet(FULL_BIT);

    /// Reads a space-separated list (`"vso.code_write vso.build"`), refusing unknown names.
    /// On error, the unknown name is returned so that it can be shown next to the field.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{scopes::ScopeError, ScopeSet};
    ///
    /// let set = ScopeSet::parse("vso.work  vso.code").unwrap();
    /// assert_eq!(set.to_text(), "vso.code vso.work");
    /// assert_eq!(ScopeSet::parse("vso.code vso.kode"), Err((ScopeError::Unknown, "vso.kode")));
    /// assert_eq!(ScopeSet::parse(""), Err((ScopeError::Empty, "")));
    /// ```
    pub fn parse(list: &str) -> Result<ScopeSet, (ScopeError, &str)> {
        let mut bits = 0;
        for name in list.split(' ').filter(|n| !n.is_empty()) {
            bits |= bit_of(name).ok_or((ScopeError::Unknown, name))?;
        }
        if bits == 0 {
            return Err((ScopeError::Empty, ""));
        }
        Ok(ScopeSet(bits))
    }

    /// Reads a stored list, ignoring names the catalog no longer has: they grant nothing.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::ScopeSet;
    ///
    /// // A scope the catalog has since dropped grants nothing; the rest still do.
    /// assert_eq!(ScopeSet::parse_stored("vso.code vso.retired").to_text(), "vso.code");
    /// assert_eq!(ScopeSet::parse_stored(""), ScopeSet::default());
    /// ```
    pub fn parse_stored(list: &str) -> ScopeSet {
        ScopeSet(list.split(' ').filter_map(bit_of).fold(0, |a, b| a | b))
    }

    /// The set as 128 bits (catalog entry *i* is bit *i*, full access the top bit): a compact
    /// form for callers that keep parsed lists, read back with [`ScopeSet::from_bits`].
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::ScopeSet;
    ///
    /// let set = ScopeSet::parse("vso.advsec vso.code").unwrap();
    /// assert_eq!(set.bits(), 1 | 1 << 11); // catalog entries 0 and 11
    /// assert_eq!(ScopeSet::FULL.bits(), 1 << 127);
    /// ```
    pub fn bits(self) -> u128 {
        self.0
    }

    /// The set whose [`ScopeSet::bits`] are `bits` (a bit no catalog entry has grants nothing).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::ScopeSet;
    ///
    /// assert_eq!(ScopeSet::from_bits(1 << 11).to_text(), "vso.code");
    /// let set = ScopeSet::parse("vso.work vso.build").unwrap();
    /// assert_eq!(ScopeSet::from_bits(set.bits()), set);
    /// ```
    pub fn from_bits(bits: u128) -> ScopeSet {
        ScopeSet(bits)
    }

    /// Whether this set grants `required`, directly or by inheritance.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Scope, ScopeSet};
    ///
    /// let set = ScopeSet::parse("vso.code_write").unwrap();
    /// assert!(set.grants(Scope::named("vso.code")?));
    /// assert!(set.grants(Scope::named("vso.profile")?)); // inherited through service hooks
    /// assert!(!set.grants(Scope::named("vso.code_manage")?));
    /// assert!(ScopeSet::FULL.grants(Scope::named("vso.code_manage")?));
    /// # Ok::<(), patgate::scopes::ScopeError>(())
    /// ```
    pub fn grants(self, required: Scope) -> bool {
        self.0 & (FULL_BIT | required.entry().granted_by.get()) != 0
    }

    /// Whether this set meets `required` (of the catalog the set was read with).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Scope, ScopeSet};
    ///
    /// let set = ScopeSet::parse("vso.packaging_write").unwrap();
    /// assert!(set.meets(Scope::named("vso.packaging")?.into()));
    /// assert!(!set.meets(Scope::named("vso.build")?.into()));
    /// # Ok::<(), patgate::scopes::ScopeError>(())
    /// ```
    pub fn meets(self, required: Requirement<'_>) -> bool {
        self.0 & (FULL_BIT | required.granted_by) != 0
    }

    /// Whether this set grants any scope of `rule` (a revocation rule's list): a catalog scope
    /// as [`ScopeSet::grants`] has it, and full access (`app_token`) only to a full-access set.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::ScopeSet;
    ///
    /// // A rule revoking every token that can read code or builds.
    /// let rule = ScopeSet::parse("vso.code vso.build").unwrap();
    /// assert!(ScopeSet::parse("vso.code_write").unwrap().grants_any(rule));
    /// assert!(!ScopeSet::parse("vso.work").unwrap().grants_any(rule));
    /// // `app_token` in a rule is full-access tokens only.
    /// let full = ScopeSet::parse("app_token").unwrap();
    /// assert!(ScopeSet::FULL.grants_any(full));
    /// assert!(!ScopeSet::parse("vso.code_full").unwrap().grants_any(full));
    /// ```
    pub fn grants_any(self, rule: ScopeSet) -> bool {
        (rule.is_full_access() && self.is_full_access()) || rule.scopes().any(|s| self.grants(s))
    }

    /// Whether everything this set grants, `other` grants too (full access grants everything).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::ScopeSet;
    ///
    /// let read = ScopeSet::parse("vso.code").unwrap();
    /// let write = ScopeSet::parse("vso.code_write").unwrap();
    /// assert!(read.within(write));
    /// assert!(!write.within(read));
    /// assert!(write.within(ScopeSet::FULL));
    /// ```
    pub fn within(self, other: ScopeSet) -> bool {
        other.is_full_access() || self.expanded().0 & !other.expanded().0 == 0
    }

    /// Whether this is a full-access set.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::ScopeSet;
    ///
    /// assert!(ScopeSet::parse("vso.code app_token").unwrap().is_full_access());
    /// assert!(!ScopeSet::parse("vso.code_full").unwrap().is_full_access());
    /// ```
    pub fn is_full_access(self) -> bool {
        self.0 & FULL_BIT != 0
    }

    /// Whether any chosen scope is high-privilege (full access is).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::ScopeSet;
    ///
    /// assert!(ScopeSet::parse("vso.code vso.code_write").unwrap().high_privilege());
    /// assert!(!ScopeSet::parse("vso.code vso.work").unwrap().high_privilege());
    /// assert!(ScopeSet::FULL.high_privilege());
    /// ```
    pub fn high_privilege(self) -> bool {
        self.is_full_access() || self.scopes().any(Scope::high_privilege)
    }

    /// The set with everything its scopes inherit, transitively.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::ScopeSet;
    ///
    /// let set = ScopeSet::parse("vso.work").unwrap();
    /// assert_eq!(set.expanded().to_text(), "vso.hooks vso.hooks_write vso.profile vso.work");
    /// assert_eq!(set.to_text(), "vso.work"); // the set itself keeps what was chosen
    /// ```
    pub fn expanded(self) -> ScopeSet {
        // Every scope that one of the set's grants: one pass over the catalog.
        ScopeSet(all().filter(|s| s.entry().granted_by.get() & self.0 != 0).fold(self.0, |acc, s| acc | s.bit()))
    }

    /// The catalog scopes in the set, in catalog order (full access is not one of them).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{Scope, ScopeSet};
    ///
    /// let set = ScopeSet::parse("vso.work app_token vso.code").unwrap();
    /// assert_eq!(set.scopes().map(Scope::name).collect::<Vec<_>>(), ["vso.code", "vso.work"]);
    /// assert_eq!(ScopeSet::FULL.scopes().count(), 0);
    /// ```
    pub fn scopes(self) -> impl Iterator<Item = Scope> {
        all().filter(move |s| self.0 & s.bit() != 0)
    }

    /// The canonical text: catalog order, no duplicates, one space between; `app_token` first
    /// for full access.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::ScopeSet;
    ///
    /// let set = ScopeSet::parse("vso.work vso.code vso.code app_token").unwrap();
    /// assert_eq!(set.to_text(), "app_token vso.code vso.work");
    /// assert_eq!(set.to_string(), set.to_text());
    /// ```
    pub fn to_text(self) -> String {
        let mut text = String::new();
        if self.is_full_access() {
            text.push_str(FULL_ACCESS);
        }
        for s in self.scopes() {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(s.name());
        }
        text
    }
}

/// Writes [`ScopeSet::to_text`].
impl fmt::Display for ScopeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

impl fmt::Debug for ScopeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ScopeSet({self})")
    }
}

fn bit_of(name: &str) -> Option<u128> {
    if name == FULL_ACCESS {
        Some(FULL_BIT)
    } else {
        Scope::named(name).ok().map(Scope::bit)
    }
}

/// The catalog's categories in order, each with its scopes in catalog order (for the UI).
///
/// # Examples
///
/// ```rust
/// use patgate::{scopes, Scope};
///
/// assert_eq!(scopes::categories().count(), 34);
/// let (name, code) = scopes::categories().nth(5).unwrap();
/// assert_eq!(name, "Code");
/// let names: Vec<&str> = code.map(Scope::name).collect();
/// assert_eq!(names, ["vso.code", "vso.code_write", "vso.code_manage", "vso.code_full", "vso.code_status"]);
/// ```
pub fn categories() -> impl Iterator<Item = (&'static str, impl Iterator<Item = Scope>)> {
    CATEGORIES.iter().map(|&name| (name, all().filter(move |s| s.category() == name)))
}

/// Every catalog scope, in catalog order.
///
/// # Examples
///
/// ```rust
/// use patgate::scopes;
///
/// assert_eq!(scopes::all().count(), 86);
/// assert_eq!(scopes::all().last().map(|s| s.name()), Some("user_impersonation"));
/// assert!(scopes::all().enumerate().all(|(i, s)| s.index() == i));
/// ```
pub fn all() -> impl Iterator<Item = Scope> {
    ENTRIES.iter().map(Scope)
}

crate::error_type!(ScopeError);
