#![cfg_attr(not(test), no_std)]
#![doc = include_str!("../docs/RUST.md")]
#![warn(missing_docs)]

extern crate alloc;

/// `Display` (the error's message) and `core::error::Error` for error types with a `message()`.
macro_rules! error_type {
    ($($t:ty),+) => {$(
        impl core::fmt::Display for $t {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.message())
            }
        }
        impl core::error::Error for $t {}
    )+};
}
pub(crate) use error_type;

pub mod catalog;
pub mod digest;
pub mod header;
pub mod lifespan;
pub mod policy;
pub mod scan;
pub mod scopes;
pub mod secret;
pub mod token;
pub mod gate;

#[cfg(target_arch = "wasm32")]
mod byte_search;

pub use digest::{verify, Digest, Pepper};
pub use header::{Credential, HeaderError, Scheme};
pub use lifespan::LifespanPolicy;
pub use policy::{Policy, PolicyError, Reach, Status};
pub use scan::{Found, Scanner};
pub use catalog::Catalog;
pub use scopes::{Requirement, Scope, ScopeSet};
pub use secret::Secret;
pub use token::{check, generate, Generated, Prefix, TokenError};
pub use gate::{Gate, Presented, Reason, Record, Request, Verdict};
