//! patgate's wasm bindings: the npm package's module. The JavaScript face of the core crate
//! (`patgate`): converts types and errors, nothing else. Every export returns a value or a
//! `Result`, so a developer's mistake throws an `Error` and a client's bad input comes back as
//! a verdict; no export can panic on any input.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

// The npm package's modules are built without std (`--no-default-features`): no panic can
// happen in patgate's code (scripts/nopanic-check.py), and a dependency's would trap the
// instance either way, so the module carries no panic runtime or formatting machinery.
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

// Talc, wiping what it frees (see wiping.rs). The module is single-threaded wasm (no atomics),
// which is what talc's cell requires.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
mod wiping;
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: wiping::Wiping = wiping::Wiping::new();

mod convert;
mod gate_core;
mod policy;
#[cfg(feature = "portal")]
mod portal;
#[cfg(feature = "portal")]
mod scan;


use alloc::{borrow::ToOwned, string::String};
use patgate::{
    digest::Digest,
    policy::Status,
    scopes::{Scope, ScopeSet},
    token,
};
use convert::{digest_of, millis, pepper_from, prefix_of, strings, time_or_null, Obj, Throw};
use wasm_bindgen::prelude::*;
use patgate::header::{self, DEFAULT_MAX_HEADER_BYTES};
#[cfg(feature = "portal")]
use patgate::{digest, token::RandomnessError};
#[cfg(feature = "portal")]
use core::cell::RefCell;

// The TypeScript types of the shapes that cross the boundary live in their own file.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("../../js/types.d.ts");

/// A value of the module instance: what `thread_local!` gives with std. The module is built
/// without atomics, so one thread runs each instance and a `RefCell` in a static is sound.
#[cfg(feature = "portal")]
pub(crate) struct Instance<T>(pub(crate) T);

// SAFETY: no second thread can reach the value: the module has no threads (checked below).
#[cfg(feature = "portal")]
unsafe impl<T> Sync for Instance<T> {}

#[cfg(target_feature = "atomics")]
compile_error!("the module's statics assume one thread per instance: build it without atomics");

/// One pool per module instance: a single getRandomValues call serves about thirty tokens.
#[cfg(feature = "portal")]
static POOL: Instance<RefCell<token::RandomPool>> = Instance(RefCell::new(token::RandomPool::new()));

/// A new token from the platform CSPRNG as `token digest hint`, one space between (one string
/// crosses where an object would cost three and their keys): the package's `generateToken`
/// makes the object. Throws for a bad prefix or when no secure random source exists.
#[cfg(feature = "portal")]
#[wasm_bindgen(js_name = generateTokenText, skip_typescript)]
pub fn generate_token_text(prefix: Option<String>) -> Result<String, JsValue> {
    let prefix = prefix_of(prefix)?;
    let generated = POOL.0.try_borrow_mut().map_err(|_| RandomnessError).and_then(|mut p| token::generate_from(&mut p, &prefix)).or_throw()?;
    let token = generated.token.expose();
    let mut text = String::with_capacity(token.len() + 49);
    text.push_str(token);
    text.push(' ');
    text.push_str(&generated.digest.to_base64url());
    text.push(' ');
    text.push_str(&generated.hint);
    Ok(text)
}

/// Checks a token offline (prefix, length, alphabet, checksum). Throws only for a bad prefix.
#[wasm_bindgen(js_name = checkToken, unchecked_return_type = "TokenCheck")]
pub fn check_token(token: &str, prefix: Option<String>) -> Result<JsValue, JsValue> {
    Ok(match token::check(token, &prefix_of(prefix)?) {
        Ok(()) => Obj::new().set("valid", true).done(),
        Err(e) => Obj::new().set("valid", false).set("reason", e.code()).set("message", e.message()).done(),
    })
}

/// Whether `text` holds a token of `prefix` (default `pat`) anywhere, as a word of its own
/// (format and checksum; a URL's path and query in one call). Throws only for a bad prefix.
#[wasm_bindgen(js_name = containsToken)]
pub fn contains_token(text: &str, prefix: Option<String>) -> Result<bool, JsValue> {
    Ok(token::appears_in(text, &prefix_of(prefix)?))
}

/// `SHA-256(token)` as 43 base64url characters.
#[wasm_bindgen(js_name = tokenDigest)]
pub fn token_digest(token: &str) -> String {
    Digest::of(token).to_base64url()
}

/// `HMAC-SHA-256(pepper, digest)`: the stored form of a received digest. Throws on a malformed
/// digest or pepper (bytes of at least 16, or base64url text of at least 32 bytes).
#[wasm_bindgen(js_name = pepperDigest)]
pub fn pepper_digest(digest: &str, #[wasm_bindgen(unchecked_param_type = "Pepper")] pepper: JsValue) -> Result<String, JsValue> {
    Ok(digest_of(digest)?.peppered(&pepper_from(&pepper)?).to_base64url())
}

/// Whether `token` matches the stored `digest`, compared in constant time.
#[cfg(feature = "portal")]
#[wasm_bindgen(js_name = verifyToken)]
pub fn verify_token(token: &str, digest: &str, #[wasm_bindgen(unchecked_optional_param_type = "Pepper")] pepper: JsValue) -> Result<bool, JsValue> {
    let pepper = convert::optional_pepper(&pepper)?;
    Ok(digest::verify(token, &digest_of(digest)?, pepper.as_ref()))
}

/// Throws unless `token` is a well-formed token under its own prefix (format and checksum): a
/// header is never made of something else (a digest, a hint, a word pasted by mistake).
fn a_token(token: &str) -> Result<(), JsValue> {
    // Bytes, not `rsplit_once`: its char searcher keeps a bounds check that can panic.
    let at = token.bytes().rposition(|b| b == b'_');
    let head = at.and_then(|i| token.get(..i)).unwrap_or("");
    let prefix = token::Prefix::new(head).map_err(|_| token::TokenError::Prefix).or_throw()?;
    token::check(token, &prefix).or_throw()
}

// The header functions are in every entry, the edge's too: a worker parses headers as well.

/// `Basic base64(username ":" token)`; the username defaults to empty, as Azure DevOps uses.
/// Throws unless `token` is a token.
#[wasm_bindgen(js_name = formatBasic)]
pub fn format_basic(token: &str, username: Option<String>) -> Result<String, JsValue> {
    a_token(token)?;
    header::format_basic(token, username.as_deref().unwrap_or("")).or_throw()
}

/// `Bearer token`. Throws unless `token` is a token.
#[wasm_bindgen(js_name = formatBearer)]
pub fn format_bearer(token: &str) -> Result<String, JsValue> {
    a_token(token)?;
    Ok(header::format_bearer(token))
}

/// Parses an `Authorization` value into a credential, or the verdict for a bad one.
#[wasm_bindgen(js_name = parseAuthorization, unchecked_return_type = "ParsedAuthorization")]
pub fn parse_authorization(value: Option<String>, #[wasm_bindgen(js_name = maxHeaderBytes)] max_header_bytes: Option<u32>) -> JsValue {
    let max = max_header_bytes.map_or(DEFAULT_MAX_HEADER_BYTES, |m| m as usize);
    match header::parse(value.as_deref(), max) {
        Ok(c) => Obj::new()
            .set("ok", true)
            .set("scheme", c.scheme.name())
            .set("username", c.username.map_or(JsValue::NULL, JsValue::from))
            .set("token", c.token.into_exposed())
            .done(),
        Err(e) => Obj::new()
            .set("ok", false)
            .set("status", e.status())
            .set("error", if e.status() == 400 { JsValue::from_str("invalid_request") } else { JsValue::NULL })
            .set("reason", e.code())
            .set("message", e.message())
            .done(),
    }
}

/// Validates a space-separated scope list; returns its canonical form and what it implies.
#[wasm_bindgen(js_name = validateScopes, unchecked_return_type = "ScopeValidation")]
pub fn validate_scopes(list: &str) -> JsValue {
    match ScopeSet::parse(list) {
        Ok(set) => Obj::new()
            .set("ok", true)
            .set("scope", set.to_text())
            .set("fullAccess", set.is_full_access())
            .set("highPrivilege", set.high_privilege())
            .set("implied", strings(set.expanded().scopes().map(Scope::name)))
            .done(),
        Err((e, name)) => Obj::new()
            .set("ok", false)
            .set("message", e.message())
            .set("unknown", if name.is_empty() { JsValue::NULL } else { JsValue::from_str(name) })
            .done(),
    }
}

/// Whether the scopes `granted` (a stored list) grant `required`. Throws on an unknown `required`.
#[wasm_bindgen(js_name = scopesGrant)]
pub fn scopes_grant(granted: &str, required: &str) -> Result<bool, JsValue> {
    let required = Scope::named(required).or_throw()?;
    Ok(ScopeSet::parse_stored(granted).grants(required))
}

/// Whether the scopes `granted` (a stored list) grant any scope of `rule` (a revocation rule's
/// list; `app_token` in it matches full-access tokens). Throws unless `rule` is a valid list.
#[wasm_bindgen(js_name = scopesGrantAny)]
pub fn scopes_grant_any(granted: &str, rule: &str) -> Result<bool, JsValue> {
    let rule = ScopeSet::parse(rule).map_err(|(e, _)| e).or_throw()?;
    Ok(ScopeSet::parse_stored(granted).grants_any(rule))
}

/// Whether everything the scopes `list` grant, `other` (a stored list) grants too: a narrowing,
/// or the same. Throws unless `list` is a valid list.
#[wasm_bindgen(js_name = scopesWithin)]
pub fn scopes_within(list: &str, other: &str) -> Result<bool, JsValue> {
    let set = ScopeSet::parse(list).map_err(|(e, _)| e).or_throw()?;
    Ok(set.within(ScopeSet::parse_stored(other)))
}

/// A token's status at `now`: `active`, `revoked`, `expired` or `notYetValid`.
#[wasm_bindgen(js_name = tokenStatus, unchecked_return_type = "TokenStatus")]
pub fn token_status(#[wasm_bindgen(js_name = validFrom, unchecked_param_type = "EpochMillis")] valid_from: f64, #[wasm_bindgen(js_name = validTo, unchecked_param_type = "EpochMillis")] valid_to: f64, #[wasm_bindgen(js_name = revokedAt)] revoked_at: Option<f64>, #[wasm_bindgen(unchecked_param_type = "EpochMillis")] now: f64) -> Result<String, JsValue> {
    let revoked_at = revoked_at.map(|t| millis(t, "revokedAt")).transpose()?;
    Ok(Status::of(millis(valid_from, "validFrom")?, millis(valid_to, "validTo")?, revoked_at, millis(now, "now")?).as_str().to_owned())
}

/// When a secret a regeneration replaced stops working (`previousUntil`), if it still works
/// at `now`; else `null` (its grace is over, or the token no longer works).
#[wasm_bindgen(js_name = graceUntil, unchecked_return_type = "EpochMillis | null")]
pub fn grace_until(
    #[wasm_bindgen(js_name = validFrom, unchecked_param_type = "EpochMillis")] valid_from: f64,
    #[wasm_bindgen(js_name = validTo, unchecked_param_type = "EpochMillis")] valid_to: f64,
    #[wasm_bindgen(js_name = revokedAt)] revoked_at: Option<f64>,
    #[wasm_bindgen(js_name = previousUntil)] previous_until: Option<f64>,
    #[wasm_bindgen(unchecked_param_type = "EpochMillis")] now: f64,
) -> Result<JsValue, JsValue> {
    let revoked_at = revoked_at.map(|t| millis(t, "revokedAt")).transpose()?;
    let until = previous_until.map(|t| millis(t, "previousUntil")).transpose()?;
    let at = Status::grace_until(millis(valid_from, "validFrom")?, millis(valid_to, "validTo")?, revoked_at, until, millis(now, "now")?);
    Ok(time_or_null(at))
}

/// Whether `text` is a digest as patgate writes them: 43 canonical base64url characters.
#[wasm_bindgen(js_name = isDigest)]
pub fn is_digest(text: &str) -> bool {
    Digest::from_base64url(text).is_ok()
}

/// The digest's 32 bytes in lower-case hex (GitHub's `token_hash`). Throws unless `digest` is one.
#[wasm_bindgen(js_name = digestHex)]
pub fn digest_hex(digest: &str) -> Result<String, JsValue> {
    Ok(digest_of(digest)?.to_hex())
}

/// Whether `text` could be a token's display hint (its last four characters).
#[wasm_bindgen(js_name = isHint)]
pub fn is_hint(text: &str) -> bool {
    token::is_hint(text)
}

