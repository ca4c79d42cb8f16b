//! A deployment's own scopes, for gates that are not Azure DevOps clones: each name with the
//! names it grants (`write:packages` grants `read:packages`), closed transitively when the
//! catalog is built, so a grant check is the same single AND as with Azure DevOps' catalog.
//!
//! ```
//! use patgate::catalog::Catalog;
//!
//! let catalog = Catalog::new(&[
//!     ("read:packages", &[]),
//!     ("write:packages", &["read:packages"]),
//!     ("admin", &["write:packages"]),
//! ])
//! .unwrap();
//! let admin = catalog.parse("admin").unwrap();
//! assert!(admin.meets(catalog.requirement("read:packages").unwrap()));
//! let reader = catalog.parse("read:packages").unwrap();
//! assert!(!reader.meets(catalog.requirement("write:packages").unwrap()));
//! ```

use alloc::{string::String, vec, vec::Vec};
use crate::scopes::{Requirement, Scope, ScopeError, ScopeSet};

/// A catalog of scope names (at most [`Catalog::MAX`]), each with everything it grants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalog {
    /// The names in the order given, one space between.
    names: String,
    /// Entry *i*: the scopes that grant scope *i* (itself included), as bits.
    granted_by: Vec<u128>,
}

/// Why a catalog was refused; the name it concerns is returned beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CatalogError {
    /// The catalog names no scope.
    Empty,
    /// More than [`Catalog::MAX`] names.
    TooMany,
    /// A name is empty, longer than 128 bytes, or has a character a challenge's `scope` cannot
    /// hold (RFC 6750's scope-token: printable ASCII without space, `"` or `\`).
    BadName,
    /// A name is listed twice.
    Duplicate,
    /// A scope grants a name the catalog does not list.
    UnknownGrant,
    /// A scope grants itself, directly or through others.
    Cycle,
}

impl CatalogError {
    /// A human message (the name it concerns is reported separately).
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::catalog::{Catalog, CatalogError};
    ///
    /// let (error, name) = Catalog::new(&[("write:packages", &["read:packages"])]).unwrap_err();
    /// assert_eq!((error, name.as_str()), (CatalogError::UnknownGrant, "read:packages"));
    /// assert_eq!(error.message(), "a scope grants a name the catalog does not list");
    /// ```
    pub fn message(self) -> &'static str {
        match self {
            CatalogError::Empty => "a scope catalog names at least one scope",
            CatalogError::TooMany => "a scope catalog names at most 127 scopes",
            CatalogError::BadName => "a scope name is 1-128 printable ASCII characters without space, '\"' or '\\'",
            CatalogError::Duplicate => "a scope is named twice in the catalog",
            CatalogError::UnknownGrant => "a scope grants a name the catalog does not list",
            CatalogError::Cycle => "scopes grant each other in a cycle",
        }
    }
}

/// A refusal and the name it concerns.
pub type Refusal = (CatalogError, String);

fn refuse<T>(error: CatalogError, name: &str) -> Result<T, Refusal> {
    Err((error, String::from(name)))
}

/// RFC 6750's scope-token, bounded: what a `scope="…"` challenge parameter can carry as is.
fn valid_name(name: &str) -> bool {
    (1..=128).contains(&name.len()) && name.bytes().all(|c| c == 0x21 || (0x23..=0x5b).contains(&c) || (0x5d..=0x7e).contains(&c))
}

/// A catalog's text, entry by entry: each line a scope's name, then the names it grants, one
/// space between (no name can hold a space or a line break: each is checked as it is added).
#[derive(Default)]
pub struct CatalogText(String);

impl CatalogText {
    /// Starts an entry for `name`.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::catalog::{CatalogError, CatalogText};
    ///
    /// let mut text = CatalogText::default();
    /// text.scope("read:packages").unwrap();
    /// // A name a challenge's `scope="…"` could not carry.
    /// assert_eq!(text.scope("read packages"), Err((CatalogError::BadName, "read packages".into())));
    /// ```
    pub fn scope(&mut self, name: &str) -> Result<(), Refusal> {
        if !valid_name(name) {
            return refuse(CatalogError::BadName, name);
        }
        if !self.0.is_empty() {
            self.0.push('\n');
        }
        self.0.push_str(name);
        Ok(())
    }
    /// Adds `name` to what the current entry grants.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::catalog::{CatalogError, CatalogText};
    ///
    /// let mut text = CatalogText::default();
    /// text.scope("write:packages").unwrap();
    /// text.grants("read:packages").unwrap();
    /// // Unlisted names are found when the catalog is built.
    /// assert_eq!(text.build().unwrap_err(), (CatalogError::UnknownGrant, "read:packages".into()));
    /// ```
    pub fn grants(&mut self, name: &str) -> Result<(), Refusal> {
        if !valid_name(name) {
            return refuse(CatalogError::UnknownGrant, name);
        }
        self.0.push(' ');
        self.0.push_str(name);
        Ok(())
    }
    /// The catalog.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::catalog::{CatalogError, CatalogText};
    ///
    /// let mut text = CatalogText::default();
    /// for (name, grants) in [("a", "b"), ("b", "a")] {
    ///     text.scope(name).unwrap();
    ///     text.grants(grants).unwrap();
    /// }
    /// assert_eq!(text.build().unwrap_err(), (CatalogError::Cycle, "a".into()));
    /// ```
    pub fn build(self) -> Result<Catalog, Refusal> {
        Catalog::from_text(&self.0)
    }
}

impl Catalog {
    /// The most names a catalog holds (a scope set is 128 bits; the top one is Azure DevOps'
    /// full access).
    pub const MAX: usize = 127;

    /// Builds a catalog from each name and the names it grants directly. Refuses (with the name
    /// concerned) an empty or oversized catalog, a bad or repeated name, a grant of an unlisted
    /// name, and a cycle.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::catalog::{Catalog, CatalogError};
    ///
    /// let catalog = Catalog::new(&[("read", &[]), ("write", &["read"]), ("admin", &["write"])]).unwrap();
    /// // Grants close transitively: admin grants read through write.
    /// assert!(catalog.parse("admin").unwrap().meets(catalog.requirement("read").unwrap()));
    /// assert_eq!(Catalog::new(&[("a", &[]), ("a", &[])]).unwrap_err(), (CatalogError::Duplicate, "a".into()));
    /// ```
    pub fn new(entries: &[(&str, &[&str])]) -> Result<Catalog, Refusal> {
        let mut text = CatalogText::default();
        for &(name, grants) in entries {
            text.scope(name)?;
            for granted in grants {
                text.grants(granted)?;
            }
        }
        text.build()
    }

    /// From checked text (see [`CatalogText`]).
    fn from_text(text: &str) -> Result<Catalog, Refusal> {
        if text.is_empty() {
            return refuse(CatalogError::Empty, "");
        }
        let mut names = String::new();
        let mut count = 0;
        for name in text.split('\n').map(|l| l.split(' ').next().unwrap_or_default()) {
            if count == Self::MAX {
                return refuse(CatalogError::TooMany, name);
            }
            if names.split(' ').any(|n| n == name) {
                return refuse(CatalogError::Duplicate, name);
            }
            if count > 0 {
                names.push(' ');
            }
            names.push_str(name);
            count += 1;
        }
        let mut catalog = Catalog { names, granted_by: vec![0; count] };
        // What each scope reaches through its grants, closed: a scope reached again from
        // itself is on a cycle.
        let mut reach = vec![0u128; count];
        for (line, r) in text.split('\n').zip(reach.iter_mut()) {
            for granted in line.split(' ').skip(1) {
                let Some(j) = catalog.index(granted) else { return refuse(CatalogError::UnknownGrant, granted) };
                *r |= 1 << j;
            }
        }
        let mut changed = true;
        while changed {
            changed = false;
            for i in 0..count {
                let before = reach.get(i).copied().unwrap_or(0);
                let mut after = before;
                let mut rest = before;
                while rest != 0 {
                    after |= reach.get(rest.trailing_zeros() as usize).copied().unwrap_or(0);
                    rest &= rest - 1;
                }
                if after != before {
                    if let Some(r) = reach.get_mut(i) {
                        *r = after;
                    }
                    changed = true;
                }
            }
        }
        for (i, r) in reach.iter().enumerate() {
            if r & (1 << i) != 0 {
                return refuse(CatalogError::Cycle, catalog.name(i).unwrap_or_default());
            }
            // Scope i grants itself and everything it reaches.
            for (j, g) in catalog.granted_by.iter_mut().enumerate() {
                if (r | 1 << i) & (1 << j) != 0 {
                    *g |= 1 << i;
                }
            }
        }
        Ok(catalog)
    }

    /// The position of `name`, if the catalog lists it.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::catalog::Catalog;
    ///
    /// let catalog = Catalog::new(&[("read", &[]), ("write", &["read"])]).unwrap();
    /// assert_eq!(catalog.index("write"), Some(1));
    /// assert_eq!(catalog.index("admin"), None);
    /// ```
    pub fn index(&self, name: &str) -> Option<usize> {
        self.names.split(' ').position(|n| n == name)
    }

    /// The name at `index`.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::catalog::Catalog;
    ///
    /// let catalog = Catalog::new(&[("read", &[]), ("write", &["read"])]).unwrap();
    /// assert_eq!(catalog.name(0), Some("read"));
    /// assert_eq!(catalog.name(2), None);
    /// ```
    pub fn name(&self, index: usize) -> Option<&str> {
        self.names.split(' ').nth(index)
    }

    /// Every name, in the order given.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::catalog::Catalog;
    ///
    /// let catalog = Catalog::new(&[("write", &["read"]), ("read", &[])]).unwrap();
    /// assert_eq!(catalog.names().collect::<Vec<_>>(), ["write", "read"]);
    /// ```
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.split(' ')
    }

    /// What a request needing scope `index` asks of a token.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::catalog::Catalog;
    ///
    /// let catalog = Catalog::new(&[("read", &[]), ("write", &["read"])]).unwrap();
    /// let read = catalog.requirement_at(0).unwrap();
    /// assert_eq!(read.name(), "read");
    /// assert!(catalog.parse("write").unwrap().meets(read));
    /// assert!(catalog.requirement_at(2).is_none());
    /// ```
    pub fn requirement_at(&self, index: usize) -> Option<Requirement<'_>> {
        Some(Requirement::new(self.name(index)?, *self.granted_by.get(index)?))
    }

    /// What a request needing `name` asks of a token; `None` when the catalog does not list it.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::catalog::Catalog;
    ///
    /// let catalog = Catalog::new(&[("read", &[]), ("write", &["read"])]).unwrap();
    /// let write = catalog.requirement("write").unwrap();
    /// assert!(!catalog.parse("read").unwrap().meets(write));
    /// assert!(catalog.requirement("admin").is_none());
    /// ```
    pub fn requirement(&self, name: &str) -> Option<Requirement<'_>> {
        self.requirement_at(self.index(name)?)
    }

    /// Reads a space-separated list, refusing names the catalog does not list (the unknown
    /// name is returned beside the error) and an empty list.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{catalog::Catalog, scopes::ScopeError};
    ///
    /// let catalog = Catalog::new(&[("read", &[]), ("write", &["read"])]).unwrap();
    /// let set = catalog.parse("write read").unwrap();
    /// assert_eq!(catalog.to_text(set), "read write");
    /// assert_eq!(catalog.parse("read vso.code"), Err((ScopeError::NotListed, "vso.code")));
    /// assert_eq!(catalog.parse(""), Err((ScopeError::Empty, "")));
    /// ```
    pub fn parse<'t>(&self, list: &'t str) -> Result<ScopeSet, (ScopeError, &'t str)> {
        let mut bits = 0u128;
        for name in list.split(' ').filter(|n| !n.is_empty()) {
            bits |= 1 << self.index(name).ok_or((ScopeError::NotListed, name))?;
        }
        if bits == 0 {
            return Err((ScopeError::Empty, ""));
        }
        Ok(ScopeSet::from_bits(bits))
    }

    /// Reads a stored list; names the catalog no longer lists grant nothing.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::catalog::Catalog;
    ///
    /// let catalog = Catalog::new(&[("read", &[]), ("write", &["read"])]).unwrap();
    /// // A name the catalog no longer lists grants nothing.
    /// assert_eq!(catalog.to_text(catalog.parse_stored("write dropped")), "write");
    /// ```
    pub fn parse_stored(&self, list: &str) -> ScopeSet {
        ScopeSet::from_bits(list.split(' ').filter_map(|n| self.index(n)).fold(0, |a, i| a | 1 << i))
    }

    /// The canonical text of `set`: the catalog's order, one space between.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{catalog::Catalog, ScopeSet};
    ///
    /// let catalog = Catalog::new(&[("read", &[]), ("write", &["read"])]).unwrap();
    /// assert_eq!(catalog.to_text(ScopeSet::from_bits(0b11)), "read write");
    /// assert_eq!(catalog.to_text(ScopeSet::FULL), ""); // full access is Azure DevOps' alone
    /// ```
    pub fn to_text(&self, set: ScopeSet) -> String {
        let mut text = String::new();
        for (i, name) in self.names().enumerate() {
            if set.bits() & (1 << i) != 0 {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(name);
            }
        }
        text
    }
}

/// The scopes a deployment decides by: Azure DevOps' catalog (the default) or its own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Scopes {
    /// Azure DevOps' catalog, compiled in, with full access (`app_token`).
    #[default]
    AzureDevOps,
    /// The deployment's own catalog.
    Own(Catalog),
}

impl Scopes {
    /// Reads a list a client sent, refusing names the catalog does not have and an empty list.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{catalog::{Catalog, Scopes}, scopes::ScopeError};
    ///
    /// let own = Scopes::Own(Catalog::new(&[("read", &[])]).unwrap());
    /// assert_eq!(own.parse("read").map(|set| set.bits()), Ok(1));
    /// assert_eq!(own.parse("vso.code"), Err((ScopeError::NotListed, "vso.code")));
    /// assert_eq!(Scopes::AzureDevOps.parse("read"), Err((ScopeError::Unknown, "read")));
    /// ```
    pub fn parse<'t>(&self, list: &'t str) -> Result<ScopeSet, (ScopeError, &'t str)> {
        match self {
            Scopes::AzureDevOps => ScopeSet::parse(list),
            Scopes::Own(c) => c.parse(list),
        }
    }
    /// Reads a stored list; names the catalog no longer has grant nothing.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::catalog::{Catalog, Scopes};
    ///
    /// assert_eq!(Scopes::default().parse_stored("vso.code gone").to_text(), "vso.code");
    /// let own = Scopes::Own(Catalog::new(&[("read", &[])]).unwrap());
    /// assert_eq!(own.parse_stored("vso.code").bits(), 0);
    /// ```
    pub fn parse_stored(&self, list: &str) -> ScopeSet {
        match self {
            Scopes::AzureDevOps => ScopeSet::parse_stored(list),
            Scopes::Own(c) => c.parse_stored(list),
        }
    }
    /// The canonical text of `set`.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{catalog::{Catalog, Scopes}, ScopeSet};
    ///
    /// let own = Scopes::Own(Catalog::new(&[("read", &[]), ("write", &["read"])]).unwrap());
    /// assert_eq!(own.to_text(own.parse("write read").unwrap()), "read write");
    /// assert_eq!(Scopes::AzureDevOps.to_text(ScopeSet::FULL), "app_token");
    /// ```
    pub fn to_text(&self, set: ScopeSet) -> String {
        match self {
            Scopes::AzureDevOps => set.to_text(),
            Scopes::Own(c) => c.to_text(set),
        }
    }
    /// The position of `name` in the catalog.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{catalog::{Catalog, Scopes}, scopes::ScopeError};
    ///
    /// let own = Scopes::Own(Catalog::new(&[("read", &[]), ("write", &["read"])]).unwrap());
    /// assert_eq!(own.index("write"), Ok(1));
    /// assert_eq!(own.index("vso.code"), Err(ScopeError::NotListed));
    /// assert_eq!(Scopes::AzureDevOps.index("vso.code"), Ok(11));
    /// ```
    pub fn index(&self, name: &str) -> Result<usize, ScopeError> {
        match self {
            Scopes::AzureDevOps => Scope::named(name).map(Scope::index),
            Scopes::Own(c) => c.index(name).ok_or(ScopeError::NotListed),
        }
    }
    /// What a request needing the scope at `index` asks of a token.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{catalog::Scopes, Requirement};
    ///
    /// let scopes = Scopes::AzureDevOps;
    /// assert_eq!(scopes.requirement_at(11).map(Requirement::name), Some("vso.code"));
    /// assert_eq!(scopes.requirement_at(86), None);
    /// ```
    pub fn requirement_at(&self, index: usize) -> Option<Requirement<'_>> {
        match self {
            Scopes::AzureDevOps => Scope::at(index).map(Requirement::from),
            Scopes::Own(c) => c.requirement_at(index),
        }
    }
    /// What a request needing `name` asks of a token.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::{catalog::Scopes, scopes::ScopeError, ScopeSet};
    ///
    /// let scopes = Scopes::AzureDevOps;
    /// let required = scopes.requirement("vso.code")?;
    /// assert!(ScopeSet::parse("vso.code_write").unwrap().meets(required));
    /// assert_eq!(scopes.requirement("read"), Err(ScopeError::Unknown));
    /// # Ok::<(), ScopeError>(())
    /// ```
    pub fn requirement(&self, name: &str) -> Result<Requirement<'_>, ScopeError> {
        self.index(name).map(|i| self.requirement_at(i).ok_or(ScopeError::NotListed))?
    }
    /// Whether everything `set` grants, `other` grants too.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use patgate::catalog::{Catalog, Scopes};
    ///
    /// let own = Scopes::Own(Catalog::new(&[("read", &[]), ("write", &["read"])]).unwrap());
    /// let (read, write) = (own.parse("read").unwrap(), own.parse("write").unwrap());
    /// assert!(own.within(read, write)); // write grants read
    /// assert!(!own.within(write, read));
    /// ```
    pub fn within(&self, set: ScopeSet, other: ScopeSet) -> bool {
        match self {
            Scopes::AzureDevOps => set.within(other),
            Scopes::Own(c) => (0..c.granted_by.len()).filter_map(|i| c.requirement_at(i)).all(|r| !set.meets(r) || other.meets(r)),
        }
    }
}

crate::error_type!(CatalogError);

#[cfg(test)]
mod tests {
    use super::*;

    fn packages() -> Catalog {
        Catalog::new(&[("read:packages", &[]), ("write:packages", &["read:packages"]), ("admin", &["write:packages"])]).unwrap()
    }

    #[test]
    fn grants_are_transitive_and_only_downward() {
        let c = packages();
        let meets = |held: &str, needed: &str| c.parse(held).unwrap().meets(c.requirement(needed).unwrap());
        assert!(meets("admin", "read:packages"));
        assert!(meets("admin", "admin"));
        assert!(meets("write:packages", "read:packages"));
        assert!(!meets("read:packages", "write:packages"));
        assert!(!meets("write:packages", "admin"));
        assert!(meets("read:packages write:packages", "write:packages"));
    }

    #[test]
    fn refusals_name_what_is_wrong() {
        let one = |name: &str, grants: &[&str]| Catalog::new(&[(name, grants)]);
        assert_eq!(Catalog::new(&[]).unwrap_err().0, CatalogError::Empty);
        assert_eq!(one("a b", &[]).unwrap_err(), (CatalogError::BadName, "a b".into()));
        assert_eq!(one("a\"b", &[]).unwrap_err().0, CatalogError::BadName);
        assert_eq!(one("a\\b", &[]).unwrap_err().0, CatalogError::BadName);
        assert_eq!(one("", &[]).unwrap_err().0, CatalogError::BadName);
        assert_eq!(one("é", &[]).unwrap_err().0, CatalogError::BadName);
        assert!(one(&"x".repeat(128), &[]).is_ok());
        assert_eq!(one(&"x".repeat(129), &[]).unwrap_err().0, CatalogError::BadName);
        assert_eq!(one("a", &["b"]).unwrap_err(), (CatalogError::UnknownGrant, "b".into()));
        assert_eq!(one("a", &["a b"]).unwrap_err(), (CatalogError::UnknownGrant, "a b".into()), "a grant is one name, not a list");
        assert_eq!(one("a\nb", &[]).unwrap_err().0, CatalogError::BadName);
        assert_eq!(one("a", &["a"]).unwrap_err(), (CatalogError::Cycle, "a".into()));
        assert_eq!(Catalog::new(&[("a", &[]), ("a", &[])]).unwrap_err(), (CatalogError::Duplicate, "a".into()));
        let cycle = Catalog::new(&[("a", &["b"]), ("b", &["c"]), ("c", &["a"])]).unwrap_err();
        assert_eq!(cycle.0, CatalogError::Cycle);
    }

    #[test]
    fn at_most_127_names() {
        let names: Vec<String> = (0..128).map(|i| alloc::format!("s{i}")).collect();
        let entries = |n: usize| names.iter().take(n).map(|s| (s.as_str(), &[][..])).collect::<Vec<_>>();
        assert!(Catalog::new(&entries(127)).is_ok());
        assert_eq!(Catalog::new(&entries(128)).unwrap_err(), (CatalogError::TooMany, "s127".into()));
        // The 127th name is bit 126: a chain through every name closes without overflow.
        let below: Vec<[&str; 1]> = (0..127).map(|i| [names[i.max(1) - 1].as_str()]).collect();
        let chain: Vec<(&str, &[&str])> = (0..127).map(|i| (names[i].as_str(), if i > 0 { &below[i][..] } else { &[][..] })).collect();
        let c = Catalog::new(&chain).unwrap();
        assert!(c.parse("s126").unwrap().meets(c.requirement("s0").unwrap()));
        assert!(!c.parse("s0").unwrap().meets(c.requirement("s126").unwrap()));
    }

    #[test]
    fn each_refusal_says_what_is_wrong() {
        // The messages a developer reads, written out.
        let all = [CatalogError::Empty, CatalogError::TooMany, CatalogError::BadName, CatalogError::Duplicate, CatalogError::UnknownGrant, CatalogError::Cycle];
        assert_eq!(all.map(CatalogError::message), [
            "a scope catalog names at least one scope",
            "a scope catalog names at most 127 scopes",
            "a scope name is 1-128 printable ASCII characters without space, '\"' or '\\'",
            "a scope is named twice in the catalog",
            "a scope grants a name the catalog does not list",
            "scopes grant each other in a cycle",
        ]);
    }

    #[test]
    fn a_cycle_is_found_wherever_it_is() {
        // Not through the first scope: the walk must look at every one.
        let e = Catalog::new(&[("x", &[]), ("y", &["x"]), ("a", &["b"]), ("b", &["a"])]).unwrap_err();
        assert_eq!(e, (CatalogError::Cycle, "a".into()));
        let e = Catalog::new(&[("x", &[]), ("y", &[]), ("z", &["z"])]).unwrap_err();
        assert_eq!(e, (CatalogError::Cycle, "z".into()));
    }

    #[test]
    fn the_scopes_a_deployment_decides_by() {
        let own = Scopes::Own(packages());
        assert_eq!(own.to_text(own.parse("admin read:packages").unwrap()), "read:packages admin");
        assert_eq!(own.parse_stored("admin admin"), own.parse("admin").unwrap(), "a name stored twice is one scope");
        let ado = Scopes::default();
        assert_eq!(ado.to_text(ado.parse("vso.code_write vso.build").unwrap()), "vso.build vso.code_write");
        assert_eq!(ado.parse_stored("vso.code vso.code"), ado.parse("vso.code").unwrap());
    }

    #[test]
    fn within_follows_the_grants() {
        let own = Scopes::Own(packages());
        let set = |list| own.parse(list).unwrap();
        assert!(own.within(set("read:packages"), set("admin")));
        assert!(own.within(set("write:packages"), set("admin")));
        assert!(own.within(set("admin"), set("admin")));
        assert!(!own.within(set("admin"), set("write:packages")));
        assert!(!own.within(set("write:packages"), set("read:packages")));
        let ado = Scopes::default();
        assert!(ado.within(ado.parse("vso.code").unwrap(), ado.parse("vso.code_write").unwrap()));
        assert!(!ado.within(ado.parse("vso.code_write").unwrap(), ado.parse("vso.code").unwrap()));
    }

    #[test]
    fn lists_parse_and_print_in_catalog_order() {
        let c = packages();
        assert_eq!(c.parse("nope").unwrap_err(), (ScopeError::NotListed, "nope"));
        assert_eq!(c.parse("  ").unwrap_err().0, ScopeError::Empty);
        assert_eq!(c.parse("app_token").unwrap_err().0, ScopeError::NotListed, "Azure DevOps' full access is not a name here");
        assert_eq!(c.to_text(c.parse("admin  read:packages admin").unwrap()), "read:packages admin");
        assert_eq!(c.parse_stored("gone admin"), c.parse("admin").unwrap());
        assert!(!c.parse_stored("gone").meets(c.requirement("read:packages").unwrap()));
    }
}
