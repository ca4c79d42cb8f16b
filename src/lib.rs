#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

pub mod digest;
pub mod header;
pub mod lifespan;
pub mod policy;
pub mod scopes;
pub mod secret;
pub mod token;
pub mod verdict;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use digest::{verify, Digest, Pepper};
pub use header::{Credential, HeaderError, Scheme};
pub use lifespan::LifespanPolicy;
pub use policy::{Policy, PolicyError, Status};
pub use scopes::{Scope, ScopeSet};
pub use secret::Secret;
pub use token::{check, generate, Generated, Prefix, TokenError};
pub use verdict::{Gate, Presented, Reason, Record, Request, Verdict};
