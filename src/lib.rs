#![cfg_attr(not(any(feature = "std", test)), no_std)]
#![doc = include_str!("../docs/RUST.md")]
#![warn(missing_docs)]

extern crate alloc;

// The npm package's modules are built without std (`--no-default-features`): no panic can
// happen in patgate's code (scripts/nopanic-check.py), and a dependency's would trap the
// instance either way, so the module carries no panic runtime or formatting machinery.
#[cfg(all(target_arch = "wasm32", not(feature = "std"), not(test)))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// `Display` (the error's message) and `core::error::Error` for error types with a `message()`,
/// and the one way each becomes a thrown JavaScript `Error` (its fixed message, never input).
macro_rules! error_type {
    ($($t:ty),+) => {$(
        impl core::fmt::Display for $t {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.message())
            }
        }
        impl core::error::Error for $t {}
        #[cfg(target_arch = "wasm32")]
        impl crate::wasm::CoreError for $t {
            fn message(&self) -> &'static str {
                <$t>::message(*self)
            }
        }
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
#[cfg(target_arch = "wasm32")]
mod wasm;

// Talc, wiping what it frees (see wasm_alloc.rs). The module is single-threaded wasm (no
// atomics), which is what talc's cell requires.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
mod wasm_alloc;
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: wasm_alloc::Wiping = wasm_alloc::Wiping::new();

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
