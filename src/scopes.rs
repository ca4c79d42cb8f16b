//! The Azure DevOps scope catalog, compiled in by build.rs, with transitive inheritance.
//!
//! A set of scopes is a 128-bit mask: bit *i* is catalog entry *i*, and the top bit is
//! "full access" (Azure DevOps' `app_token`). Each entry carries the mask of everything it
//! grants, so checking a grant is a single AND.

use alloc::string::String;
use core::fmt;

/// Azure DevOps' name for a full-access token's scope.
pub const FULL_ACCESS: &str = "app_token";
const FULL_BIT: u128 = 1 << 127;

/// A catalog entry, laid out small: the catalog is a large part of the data a gate's module holds.
pub(crate) struct Entry {
    grants: Bits,
    granted_by: Bits,
    name: &'static str,
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
    pub fn named(name: &str) -> Result<Scope, ScopeError> {
        let entry = |i: &u8| ENTRIES.get(usize::from(*i));
        let found = BY_NAME.binary_search_by(|i| entry(i).map_or(core::cmp::Ordering::Less, |e| e.name.cmp(name))).ok();
        found.and_then(|at| BY_NAME.get(at)).and_then(entry).map(Scope).ok_or(ScopeError::Unknown)
    }
    /// The scope at `index` in catalog order (its position in [`all`]).
    pub fn at(index: usize) -> Option<Scope> {
        ENTRIES.get(index).map(Scope)
    }
    /// Its position in catalog order.
    pub fn index(self) -> usize {
        usize::from(self.0.index)
    }
    fn entry(self) -> &'static Entry {
        self.0
    }
    /// The scope's name, e.g. `vso.code_write`.
    pub fn name(self) -> &'static str {
        self.entry().name
    }
    /// Its display name, e.g. `Code (read and write)` (empty in a build without the `portal` feature).
    pub fn title(self) -> &'static str {
        #[cfg(feature = "portal")]
        return self.entry().title;
        #[cfg(not(feature = "portal"))]
        ""
    }
    /// Its catalog category, e.g. `Code`.
    pub fn category(self) -> &'static str {
        CATEGORIES.get(usize::from(self.entry().category)).copied().unwrap_or_default()
    }
    /// Whether Azure DevOps marks it high-privilege.
    pub fn high_privilege(self) -> bool {
        self.entry().high_privilege
    }
    /// Everything choosing this scope grants, itself included, in catalog order.
    pub fn implies(self) -> ScopeSet {
        ScopeSet(self.entry().grants.get())
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
    pub fn parse_stored(list: &str) -> ScopeSet {
        ScopeSet(list.split(' ').filter_map(bit_of).fold(0, |a, b| a | b))
    }

    /// The set as 128 bits (catalog entry *i* is bit *i*, full access the top bit): a compact
    /// form for callers that keep parsed lists, read back with [`ScopeSet::from_bits`].
    pub fn bits(self) -> u128 {
        self.0
    }

    /// The set whose [`ScopeSet::bits`] are `bits` (a bit no catalog entry has grants nothing).
    pub fn from_bits(bits: u128) -> ScopeSet {
        ScopeSet(bits)
    }

    /// Whether this set grants `required`, directly or by inheritance.
    pub fn grants(self, required: Scope) -> bool {
        self.0 & (FULL_BIT | required.entry().granted_by.get()) != 0
    }

    /// Whether this set meets `required` (of the catalog the set was read with).
    pub fn meets(self, required: Requirement<'_>) -> bool {
        self.0 & (FULL_BIT | required.granted_by) != 0
    }

    /// Whether this set grants any scope of `rule` (a revocation rule's list): a catalog scope
    /// as [`ScopeSet::grants`] has it, and full access (`app_token`) only to a full-access set.
    pub fn grants_any(self, rule: ScopeSet) -> bool {
        (rule.is_full_access() && self.is_full_access()) || rule.scopes().any(|s| self.grants(s))
    }

    /// Whether everything this set grants, `other` grants too (full access grants everything).
    pub fn within(self, other: ScopeSet) -> bool {
        other.is_full_access() || self.expanded().0 & !other.expanded().0 == 0
    }

    /// Whether this is a full-access set.
    pub fn is_full_access(self) -> bool {
        self.0 & FULL_BIT != 0
    }

    /// Whether any chosen scope is high-privilege (full access is).
    pub fn high_privilege(self) -> bool {
        self.is_full_access() || self.scopes().any(Scope::high_privilege)
    }

    /// The set with everything its scopes inherit, transitively.
    pub fn expanded(self) -> ScopeSet {
        ScopeSet(self.scopes().fold(self.0, |acc, s| acc | s.entry().grants.get()))
    }

    /// The catalog scopes in the set, in catalog order (full access is not one of them).
    pub fn scopes(self) -> impl Iterator<Item = Scope> {
        all().filter(move |s| self.0 & s.bit() != 0)
    }

    /// The canonical text: catalog order, no duplicates, one space between; `app_token` first
    /// for full access.
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
pub fn categories() -> impl Iterator<Item = (&'static str, impl Iterator<Item = Scope>)> {
    CATEGORIES.iter().map(|&name| (name, all().filter(move |s| s.category() == name)))
}

/// Every catalog scope, in catalog order.
pub fn all() -> impl Iterator<Item = Scope> {
    ENTRIES.iter().map(Scope)
}

crate::error_type!(ScopeError);
