//! The JavaScript face: converts types and errors, nothing else. Every export returns a
//! value or a `Result`, so a developer's mistake throws an `Error` and a client's bad
//! input comes back as a verdict; no export can panic on any input.

use crate::{
    digest::{self, Digest, DigestError, Pepper, PepperError},
    header::{self, UsernameError, DEFAULT_MAX_HEADER_BYTES},
    lifespan::{self, LifespanPolicy},
    policy::{self, Current, PolicyError, Status},
    scan::Scanner,
    scopes::{self, Scope, ScopeSet},
    token::{self, Prefix, PrefixError, RandomnessError},
    gate::{self, Reason, RealmError, Record, Request},
};
use core::cell::RefCell;
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{prelude::*, JsCast};

// The TypeScript types of the shapes that cross the boundary live in their own file.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("../js/types.d.ts");

/// Builds a plain JS object field by field.
struct Obj(Object);

impl Obj {
    fn new() -> Self {
        Obj(Object::new())
    }
    fn set(self, key: &str, value: impl Into<JsValue>) -> Self {
        // Reflect.set on a fresh plain object cannot fail.
        let _ = Reflect::set(&self.0, &JsValue::from_str(key), &value.into());
        self
    }
    fn done(self) -> JsValue {
        self.0.into()
    }
}

fn strings<'a>(items: impl Iterator<Item = &'a str>) -> Array {
    items.map(JsValue::from_str).collect()
}

fn prefix_of(prefix: Option<String>) -> Result<Prefix, JsError> {
    prefix.map_or(Ok(Prefix::default()), |p| Prefix::new(&p).map_err(|_| JsError::new(PrefixError::MESSAGE)))
}

fn pepper_of(bytes: &[u8]) -> Result<Pepper, JsError> {
    Pepper::new(bytes).map_err(|_| JsError::new(PepperError::MESSAGE))
}

fn digest_of(text: &str) -> Result<Digest, JsError> {
    Digest::from_base64url(text).map_err(|_| JsError::new(DigestError::MESSAGE))
}

/// `what` + `must`, without the formatting machinery.
fn field_error(what: &str, must: &str) -> JsError {
    let mut text = String::with_capacity(what.len() + must.len());
    text.push_str(what);
    text.push_str(must);
    JsError::new(&text)
}

fn millis(value: f64, what: &str) -> Result<i64, JsError> {
    if value.is_finite() {
        Ok(value as i64)
    } else {
        Err(field_error(what, " must be a finite number of milliseconds since the epoch"))
    }
}

fn policy_of(max_days: Option<u32>) -> Result<LifespanPolicy, JsError> {
    max_days.map_or(Ok(LifespanPolicy::default()), |d| LifespanPolicy::new(d).map_err(|e| JsError::new(e.message())))
}

thread_local! {
    // One pool per module instance: a single getRandomValues call serves about thirty tokens.
    static POOL: RefCell<token::RandomPool> = const { RefCell::new(token::RandomPool::new()) };
    // Bytes shared with the package's JavaScript (js/gate.js) for hot-path results and inputs
    // that would otherwise cross as strings, each costing an allocation and a UTF-8 conversion.
    // JavaScript reads or writes them only right before or after one synchronous call.
    static SCRATCH: RefCell<[u8; SCRATCH_BYTES]> = const { RefCell::new([0; SCRATCH_BYTES]) };
}

const SCRATCH_BYTES: usize = 8 * 1024;

/// A view of the scratch bytes (make a new one when wasm memory grows: the old one detaches).
#[wasm_bindgen(js_name = scratchView)]
pub fn scratch_view() -> js_sys::Uint8Array {
    let address = SCRATCH.with(|s| s.as_ptr() as u32);
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    js_sys::Uint8Array::new_with_byte_offset_and_length(&memory.buffer(), address, SCRATCH_BYTES as u32)
}

/// Writes `parts` one after another into the scratch bytes; returns the length, or 0 if they
/// do not fit (the caller then asks for a string instead).
fn to_scratch(parts: &[&[u8]]) -> u32 {
    SCRATCH.with(|s| {
        let Ok(mut s) = s.try_borrow_mut() else { return 0 };
        let mut at = 0;
        for part in parts {
            let Some(slot) = s.get_mut(at..at + part.len()) else { return 0 };
            slot.copy_from_slice(part);
            at += part.len();
        }
        at as u32
    })
}

/// A new token and its digest in the scratch bytes as `token + " " + digest` (ASCII); returns
/// the length. Throws if the prefix is invalid or no secure random source exists.
#[wasm_bindgen(js_name = generateTokenInto)]
pub fn generate_token_into(prefix: Option<String>) -> Result<u32, JsError> {
    let prefix = prefix_of(prefix)?;
    let generated = POOL
        .with(|pool| pool.try_borrow_mut().map_err(|_| RandomnessError).and_then(|mut p| token::generate_from(&mut p, &prefix)))
        .map_err(|_| JsError::new(RandomnessError::MESSAGE))?;
    let digest = generated.digest.to_base64url();
    match to_scratch(&[generated.token.expose().as_bytes(), b" ", digest.as_bytes()]) {
        0 => Err(JsError::new("the prefix is too long")),
        n => Ok(n),
    }
}

/// Checks a token offline (prefix, length, alphabet, checksum). Throws only for a bad prefix.
#[wasm_bindgen(js_name = checkToken, unchecked_return_type = "TokenCheck")]
pub fn check_token(token: &str, prefix: Option<String>) -> Result<JsValue, JsError> {
    Ok(match token::check(token, &prefix_of(prefix)?) {
        Ok(()) => Obj::new().set("valid", true).done(),
        Err(e) => Obj::new().set("valid", false).set("reason", e.code()).set("message", e.message()).done(),
    })
}

/// `SHA-256(token)` as 43 base64url characters.
#[wasm_bindgen(js_name = tokenDigest)]
pub fn token_digest(token: &str) -> String {
    Digest::of(token).to_base64url()
}

/// `HMAC-SHA-256(pepper, digest)`: the stored form of a received digest. Throws on a malformed
/// digest or a pepper under 16 bytes.
#[wasm_bindgen(js_name = pepperDigest)]
pub fn pepper_digest(digest: &str, pepper: &[u8]) -> Result<String, JsError> {
    Ok(digest_of(digest)?.peppered(&pepper_of(pepper)?).to_base64url())
}

/// Whether `token` matches the stored `digest`, compared in constant time.
#[wasm_bindgen(js_name = verifyToken)]
pub fn verify_token(token: &str, digest: &str, pepper: Option<Vec<u8>>) -> Result<bool, JsError> {
    let pepper = pepper.as_deref().map(pepper_of).transpose()?;
    Ok(digest::verify(token, &digest_of(digest)?, pepper.as_ref()))
}

/// `Basic base64(username ":" token)`; the username defaults to empty, as Azure DevOps uses.
#[wasm_bindgen(js_name = formatBasic)]
pub fn format_basic(token: &str, username: Option<String>) -> Result<String, JsError> {
    header::format_basic(token, username.as_deref().unwrap_or("")).map_err(|_| JsError::new(UsernameError::MESSAGE))
}

/// `Bearer token`.
#[wasm_bindgen(js_name = formatBearer)]
pub fn format_bearer(token: &str) -> String {
    header::format_bearer(token)
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

fn scope_info(s: Scope) -> JsValue {
    Obj::new()
        .set("scope", s.name())
        .set("name", s.title())
        .set("category", s.category())
        .set("highPrivilege", s.high_privilege())
        .set("implies", strings(s.implies().scopes().map(Scope::name)))
        .done()
}

/// The Azure DevOps scope catalog by category, each scope with what it implies.
#[wasm_bindgen(js_name = scopeCatalog, unchecked_return_type = "ScopeCategory[]")]
pub fn scope_catalog() -> Array {
    scopes::categories()
        .map(|(name, list)| Obj::new().set("category", name).set("scopes", list.map(scope_info).collect::<Array>()).done())
        .collect()
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
pub fn scopes_grant(granted: &str, required: &str) -> Result<bool, JsError> {
    let required = Scope::named(required).map_err(|e| JsError::new(e.message()))?;
    Ok(ScopeSet::parse_stored(granted).grants(required))
}

/// The preset lifespans, in days, that a policy with `maxDays` allows.
#[wasm_bindgen(js_name = lifespanPresets, unchecked_return_type = "number[]")]
pub fn lifespan_presets(#[wasm_bindgen(js_name = maxDays)] max_days: Option<u32>) -> Result<Array, JsError> {
    Ok(policy_of(max_days)?.presets().map(JsValue::from).collect())
}

/// `validTo` for a lifespan of `days` days from `now`.
#[wasm_bindgen(js_name = validToAfter)]
pub fn valid_to_after(now: f64, days: u32) -> Result<f64, JsError> {
    Ok(lifespan::valid_to_after(millis(now, "now")?, days) as f64)
}

/// Checks a requested `validTo` against the policy (default maximum: 365 days).
#[wasm_bindgen(js_name = checkValidTo, unchecked_return_type = "LifespanCheck")]
pub fn check_valid_to(now: f64, #[wasm_bindgen(js_name = validTo)] valid_to: f64, #[wasm_bindgen(js_name = maxDays)] max_days: Option<u32>) -> Result<JsValue, JsError> {
    let policy = policy_of(max_days)?;
    let now = millis(now, "now")?;
    Ok(match policy.check(now, millis(valid_to, "validTo")?) {
        Ok(()) => Obj::new().set("ok", true).done(),
        Err(e) => Obj::new()
            .set("ok", false)
            .set("message", e.message())
            .set("latestValidTo", policy.latest_valid_to(now) as f64)
            .done(),
    })
}

/// A token's status at `now`: `active`, `revoked`, `expired` or `notYetValid`.
#[wasm_bindgen(js_name = tokenStatus, unchecked_return_type = "TokenStatus")]
pub fn token_status(#[wasm_bindgen(js_name = validFrom)] valid_from: f64, #[wasm_bindgen(js_name = validTo)] valid_to: f64, #[wasm_bindgen(js_name = revokedAt)] revoked_at: Option<f64>, now: f64) -> Result<String, JsError> {
    let revoked_at = revoked_at.map(|t| millis(t, "revokedAt")).transpose()?;
    Ok(Status::of(millis(valid_from, "validFrom")?, millis(valid_to, "validTo")?, revoked_at, millis(now, "now")?).as_str().to_owned())
}

/// Whether `text` is a digest as patgate writes them: 43 canonical base64url characters.
#[wasm_bindgen(js_name = isDigest)]
pub fn is_digest(text: &str) -> bool {
    Digest::from_base64url(text).is_ok()
}

/// The digest's 32 bytes in lower-case hex (GitHub's `token_hash`). Throws unless `digest` is one.
#[wasm_bindgen(js_name = digestHex)]
pub fn digest_hex(digest: &str) -> Result<String, JsError> {
    Ok(digest_of(digest)?.to_hex())
}

/// Whether `text` could be a token's display hint (its last four characters).
#[wasm_bindgen(js_name = isHint)]
pub fn is_hint(text: &str) -> bool {
    token::is_hint(text)
}

/// The administrator's policy, applied on every path that makes or extends a token.
#[wasm_bindgen(js_name = Policy)]
pub struct JsPolicy(policy::Policy);

fn refusal(e: PolicyError, latest: Option<i64>) -> JsValue {
    Obj::new()
        .set("ok", false)
        .set("status", e.status())
        .set("error", e.code())
        .set("message", e.message())
        .set("field", e.field())
        .set("latestValidTo", latest.map_or(JsValue::NULL, |t| JsValue::from(t as f64)))
        .done()
}

fn scope_refusal(e: scopes::ScopeError, name: &str) -> JsValue {
    let message = if name.is_empty() {
        e.message().to_owned()
    } else {
        let shown: String = name.chars().take(64).collect();
        let mut m = String::with_capacity(shown.len() + 16);
        m.push_str("unknown scope \"");
        m.push_str(&shown);
        m.push('"');
        m
    };
    Obj::new()
        .set("ok", false)
        .set("status", 400)
        .set("error", "invalidScope")
        .set("message", message)
        .set("field", "scope")
        .set("latestValidTo", JsValue::NULL)
        .done()
}

fn accepted(scopes: ScopeSet, valid_from: i64, valid_to: i64, grace_until: Option<i64>) -> JsValue {
    Obj::new()
        .set("ok", true)
        .set("scope", scopes.to_text())
        .set("validFrom", valid_from as f64)
        .set("validTo", valid_to as f64)
        .set("graceUntil", grace_until.map_or(JsValue::NULL, |t| JsValue::from(t as f64)))
        .done()
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "StoredToken")]
    pub type StoredToken;
    #[wasm_bindgen(method, getter, js_name = validFrom)]
    fn valid_from(this: &StoredToken) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = validTo)]
    fn valid_to(this: &StoredToken) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = revokedAt)]
    fn revoked_at(this: &StoredToken) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn scope(this: &StoredToken) -> JsValue;
}

fn current_of(token: &StoredToken) -> Result<Current, JsError> {
    let revoked_at = token.revoked_at();
    Ok(Current {
        valid_from: time_field(token.valid_from(), "token.validFrom")?,
        valid_to: time_field(token.valid_to(), "token.validTo")?,
        revoked_at: if revoked_at.is_null() || revoked_at.is_undefined() { None } else { Some(time_field(revoked_at, "token.revokedAt")?) },
        scope: ScopeSet::parse_stored(&text_field(token.scope(), "token.scope")?),
    })
}

/// A time a client sent: not finite is the same as not in the future.
fn requested_time(value: f64) -> i64 {
    if value.is_finite() { value as i64 } else { i64::MIN }
}

#[wasm_bindgen(js_class = Policy)]
impl JsPolicy {
    /// A policy allowing lifespans of at most `maxLifespanDays` (1..365; throws otherwise) and,
    /// when `restrictFullAccess`, refusing full-access tokens.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(js_name = maxLifespanDays)] max_lifespan_days: f64, #[wasm_bindgen(js_name = restrictFullAccess)] restrict_full_access: bool) -> Result<JsPolicy, JsError> {
        let days = if max_lifespan_days.fract() == 0.0 && (1.0..=365.0).contains(&max_lifespan_days) { max_lifespan_days as u32 } else { 0 };
        policy::Policy::new(days, restrict_full_access).map(JsPolicy).map_err(|e| JsError::new(e.message()))
    }

    /// The policy's maximum lifespan in days.
    #[wasm_bindgen(getter, js_name = maxLifespanDays)]
    pub fn max_lifespan_days(&self) -> u32 {
        self.0.lifespan.max_days()
    }

    /// Whether full-access tokens are refused.
    #[wasm_bindgen(getter, js_name = restrictFullAccess)]
    pub fn restrict_full_access(&self) -> bool {
        self.0.restrict_full_access
    }

    /// The latest `validTo` for a token starting at `from`.
    #[wasm_bindgen(js_name = latestValidTo)]
    pub fn latest_valid_to(&self, from: f64) -> Result<f64, JsError> {
        Ok(self.0.lifespan.latest_valid_to(millis(from, "from")?) as f64)
    }

    /// A new token with `scope` (a space-separated list), valid from `now` until `validTo`.
    #[wasm_bindgen(unchecked_return_type = "PolicyOutcome")]
    pub fn create(&self, now: f64, scope: &str, #[wasm_bindgen(js_name = validTo)] valid_to: f64) -> Result<JsValue, JsError> {
        let now = millis(now, "now")?;
        let scopes = match ScopeSet::parse(scope) {
            Ok(s) => s,
            Err((e, name)) => return Ok(scope_refusal(e, name)),
        };
        let valid_to = requested_time(valid_to);
        Ok(match self.0.create(now, scopes, valid_to) {
            Ok(()) => accepted(scopes, now, valid_to, None),
            Err(e) => refusal(e, (e == PolicyError::TooLong).then(|| self.0.lifespan.latest_valid_to(now))),
        })
    }

    /// An edit of `token`: `scope` and `validTo` when changed (else kept), checked against the
    /// policy in force. Revoked and expired tokens cannot be edited.
    #[wasm_bindgen(unchecked_return_type = "PolicyOutcome")]
    pub fn edit(&self, now: f64, token: &StoredToken, scope: Option<String>, #[wasm_bindgen(js_name = validTo)] valid_to: Option<f64>) -> Result<JsValue, JsError> {
        let now = millis(now, "now")?;
        let current = current_of(token)?;
        let scopes = match scope.as_deref().map(ScopeSet::parse) {
            None => current.scope,
            Some(Ok(s)) => s,
            Some(Err((e, name))) => return Ok(scope_refusal(e, name)),
        };
        let valid_to = valid_to.map_or(current.valid_to, requested_time);
        Ok(match self.0.edit(now, &current, scopes, valid_to) {
            Ok(()) => accepted(scopes, current.valid_from, valid_to, None),
            Err(e) => refusal(e, (e == PolicyError::TooLong).then(|| self.0.lifespan.latest_valid_to(current.valid_from))),
        })
    }

    /// A new secret for `token`, valid from `now` until `validTo` (default: its old lifespan,
    /// cut to the maximum); the old secret works on for `graceMinutes` (0..1440) only if it is live.
    #[wasm_bindgen(unchecked_return_type = "PolicyOutcome")]
    pub fn regenerate(&self, now: f64, token: &StoredToken, #[wasm_bindgen(js_name = validTo)] valid_to: Option<f64>, #[wasm_bindgen(js_name = graceMinutes)] grace_minutes: Option<f64>) -> Result<JsValue, JsError> {
        let now = millis(now, "now")?;
        let current = current_of(token)?;
        let grace = grace_minutes.unwrap_or(0.0);
        let grace = if grace.fract() == 0.0 && (0.0..=f64::from(policy::GRACE_MAX_MINUTES + 1)).contains(&grace) { grace as u32 } else { u32::MAX };
        Ok(match self.0.regenerate(now, &current, valid_to.map(requested_time), grace) {
            Ok(r) => accepted(current.scope, r.valid_from, r.valid_to, r.previous_until),
            Err(e) => refusal(e, (e == PolicyError::TooLong).then(|| self.0.lifespan.latest_valid_to(now))),
        })
    }
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "GateOptions")]
    pub type GateOptions;
    #[wasm_bindgen(method, getter)]
    fn prefix(this: &GateOptions) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn realm(this: &GateOptions) -> Option<String>;
    #[wasm_bindgen(method, getter, js_name = maxHeaderBytes)]
    fn max_header_bytes(this: &GateOptions) -> Option<u32>;
    #[wasm_bindgen(method, getter)]
    fn pepper(this: &GateOptions) -> Option<Vec<u8>>;

}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "ScanOptions")]
    pub type ScanOptions;
    #[wasm_bindgen(method, getter)]
    fn prefixes(this: &ScanOptions) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn github(this: &ScanOptions) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn reveal(this: &ScanOptions) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn basic(this: &ScanOptions) -> JsValue;
}

/// An optional boolean option: absent is `false`, anything but a boolean is a mistake.
fn flag(value: JsValue, what: &str) -> Result<bool, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(false);
    }
    value.as_bool().ok_or_else(|| field_error(what, " must be a boolean"))
}

fn scanner_of(options: Option<&ScanOptions>) -> Result<Scanner, JsError> {
    let Some(options) = options else { return Ok(Scanner::default()) };
    let listed = options.prefixes();
    let mut prefixes = if listed.is_undefined() || listed.is_null() {
        vec![Prefix::default()]
    } else {
        let list = listed.dyn_into::<Array>().map_err(|_| JsError::new("options.prefixes must be an array of prefixes"))?;
        if list.length() as usize > crate::scan::MAX_PREFIXES {
            return Err(JsError::new(crate::scan::ScanError::PrefixCount.message()));
        }
        list.iter().map(|p| prefix_of(Some(text_field(p, "each prefix")?))).collect::<Result<Vec<_>, _>>()?
    };
    if flag(options.github(), "options.github")? {
        prefixes.extend(Scanner::github_prefixes().filter(|g| !prefixes.contains(g)).collect::<Vec<_>>());
    }
    let scanner = Scanner::new(&prefixes).map_err(|e| JsError::new(e.message()))?;
    // `basic: false` leaves Basic credentials alone (absent means true).
    let basic = options.basic();
    Ok(if basic.is_undefined() || basic.is_null() || flag(basic, "options.basic")? { scanner } else { scanner.without_basic() })
}

/// Every token in `text` (a string, scanned as UTF-8, or bytes) with a valid checksum: its
/// position in bytes, line and column (from 1), prefix, encoding, hint and digest; the token
/// itself only with `reveal: true`.
#[wasm_bindgen(unchecked_return_type = "ScanMatch[]")]
pub fn scan(#[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue, options: Option<ScanOptions>) -> Result<Array, JsError> {
    let scanner = scanner_of(options.as_ref())?;
    let reveal = options.as_ref().map_or(Ok(false), |o| flag(o.reveal(), "options.reveal"))?;
    let mut bytes = match text.as_string() {
        Some(s) => s.into_bytes(),
        None => text.dyn_ref::<Uint8Array>().ok_or_else(|| JsError::new("text must be a string or a Uint8Array"))?.to_vec(),
    };
    let found = scanner
        .scan(&bytes)
        .map(|f| {
            let o = Obj::new()
                .set("offset", f.offset as f64)
                .set("length", f.length as f64)
                .set("line", f.line as f64)
                .set("column", f.column as f64)
                .set("prefix", scanner.prefixes().get(f.prefix).map_or("", Prefix::as_str))
                .set("encoding", f.encoding.as_str())
                .set("hint", f.hint())
                .set("digest", f.digest().to_base64url());
            if reveal { o.set("token", f.reveal().expose()) } else { o }.done()
        })
        .collect();
    zeroize::Zeroize::zeroize(&mut bytes);
    Ok(found)
}

fn text_field(value: JsValue, what: &str) -> Result<String, JsError> {
    value.as_string().ok_or_else(|| field_error(what, " must be a string"))
}

fn time_field(value: JsValue, what: &str) -> Result<i64, JsError> {
    millis(value.as_f64().ok_or_else(|| field_error(what, " must be a number"))?, what)
}

/// The gate's wasm half; the package's `Gate` (js/gate.js) wraps it. Per request it crosses
/// the boundary once each way: `authenticateText` returns a string, `judge` a reason code, and
/// the refusal verdicts are built once per code and kept on the JS side.
#[wasm_bindgen(js_name = GateCore)]
pub struct JsGate(gate::Gate);

/// `required` when a request needs no scope.
const NO_SCOPE: u32 = u32::MAX;

fn scope_at(index: u32) -> Result<Option<Scope>, JsError> {
    if index == NO_SCOPE {
        return Ok(None);
    }
    Scope::at(index as usize).map(Some).ok_or_else(|| JsError::new("requiredScope is not a catalog scope"))
}

#[wasm_bindgen(js_class = GateCore)]
impl JsGate {
    /// A gate for `options.prefix` (default `pat`), `realm` (default `patgate`),
    /// `maxHeaderBytes` (default 8192) and an optional `pepper` of at least 16 bytes.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<GateOptions>) -> Result<JsGate, JsError> {
        let Some(options) = options else { return Ok(JsGate(gate::Gate::default())) };
        let mut gate = gate::Gate::new(prefix_of(options.prefix())?);
        if let Some(realm) = options.realm() {
            gate = gate.with_realm(&realm).map_err(|_| JsError::new(RealmError::MESSAGE))?;
        }
        if let Some(max) = options.max_header_bytes() {
            gate = gate.with_max_header_bytes(max as usize);
        }
        if let Some(pepper) = options.pepper() {
            gate = gate.with_pepper(pepper_of(&pepper)?);
        }
        Ok(JsGate(gate))
    }

    /// Parses and checks an `Authorization` value. On success: `"b"` (Basic) or `"B"` (Bearer),
    /// the 43-character digest to look up, then Basic's user-id (which cannot hold a control
    /// character, so nothing is ambiguous). On refusal: `"!"` and the reason's code.
    #[wasm_bindgen(js_name = authenticateText)]
    pub fn authenticate_text(&self, authorization: Option<String>) -> String {
        match self.0.authenticate(authorization.as_deref()) {
            Ok(p) => {
                let username = p.username.as_deref().unwrap_or_default();
                let mut text = String::with_capacity(44 + username.len());
                text.push(if p.scheme == header::Scheme::Bearer { 'B' } else { 'b' });
                text.push_str(&p.digest.to_base64url());
                text.push_str(username);
                text
            }
            Err(v) => {
                let mut text = String::with_capacity(3);
                text.push('!');
                let code = v.reason.index();
                if code >= 10 {
                    text.push(char::from(b'0' + code / 10));
                }
                text.push(char::from(b'0' + code % 10));
                text
            }
        }
    }

    /// `authenticateText`'s answer in the scratch bytes: returns its length when it is a
    /// credential, minus one minus the reason's code when it is a refusal, and 0 when the
    /// user-id does not fit (then ask `authenticateText`).
    #[wasm_bindgen(js_name = authenticateInto)]
    pub fn authenticate_into(&self, authorization: Option<String>) -> i32 {
        let written = self.0.authenticate_with(authorization.as_deref(), |digest, scheme, username| {
            SCRATCH.with(|s| {
                let mut s = s.try_borrow_mut().ok()?;
                let (head, rest) = s.split_first_mut()?;
                *head = if scheme == header::Scheme::Bearer { b'B' } else { b'b' };
                let n = digest.write_base64url(rest)?;
                let user = username.unwrap_or_default().as_bytes();
                rest.get_mut(n..n + user.len())?.copy_from_slice(user);
                Some(1 + n + user.len())
            })
        });
        match written {
            Ok(Some(n)) => n as i32,
            Ok(None) => 0,
            Err(reason) => -1 - i32::from(reason.index()),
        }
    }

    /// `judge` with the presented digest, the stored digest and the stored scopes written by
    /// the caller one after another into the scratch bytes, given here by their lengths.
    #[wasm_bindgen(js_name = judgeScratch)]
    #[allow(clippy::too_many_arguments)] // scalars are what makes the crossing cheap
    pub fn judge_scratch(
        &self,
        #[wasm_bindgen(js_name = presentedLength)] presented_length: usize,
        #[wasm_bindgen(js_name = storedLength)] stored_length: usize,
        #[wasm_bindgen(js_name = scopeLength)] scope_length: usize,
        #[wasm_bindgen(js_name = validFrom)] valid_from: f64,
        #[wasm_bindgen(js_name = validTo)] valid_to: f64,
        #[wasm_bindgen(js_name = revokedAt)] revoked_at: f64,
        #[wasm_bindgen(js_name = inOrganization)] in_organization: bool,
        required: u32,
        now: f64,
    ) -> Result<u8, JsError> {
        SCRATCH.with(|s| {
            let s = s.try_borrow().map_err(|_| JsError::new("the gate is busy"))?;
            let mut rest: &[u8] = &s[..];
            let mut take = |len: usize, error: &str| {
                let (part, after) = rest.split_at_checked(len).ok_or_else(|| JsError::new(error))?;
                rest = after;
                core::str::from_utf8(part).map_err(|_| JsError::new(error))
            };
            let presented = take(presented_length, DigestError::MESSAGE)?;
            let stored = take(stored_length, DigestError::MESSAGE)?;
            let scopes = take(scope_length, "record.scope must be a short ASCII scope list")?;
            self.judge(presented, stored, valid_from, valid_to, revoked_at, scopes, in_organization, required, now)
        })
    }

    /// The hot path when the stored digest is already at hand: parses, checks, digests and
    /// compares in constant time, in one call. Returns 200 when `authorization` carries the
    /// token whose (peppered) digest is `digest`, otherwise 400, 401 or 431.
    pub fn verify(&self, authorization: Option<String>, digest: &str) -> Result<u16, JsError> {
        Ok(self.0.verify(authorization.as_deref(), &digest_of(digest)?))
    }

    /// The refusal verdict for a reason code and required scope, to be built once and kept.
    #[wasm_bindgen(js_name = verdictOf, unchecked_return_type = "Refusal")]
    pub fn verdict_of(&self, code: u8, required: u32) -> Result<JsValue, JsError> {
        let reason = Reason::from_index(code).ok_or_else(|| JsError::new("not a verdict code"))?;
        Ok(verdict_object(&self.0.verdict_for(reason, scope_at(required)?)))
    }
}

impl JsGate {
    /// The reason code for a request, from the record's fields as scalars: the presented and
    /// the stored digest (compared in constant time), the lifespan (`revokedAt` NaN when not
    /// revoked), the stored scopes, whether the record may act in the request's organization,
    /// the required scope's catalog index (`0xFFFFFFFF` for none) and now.
    #[allow(clippy::too_many_arguments)]
    fn judge(
        &self,
        presented: &str,
        stored: &str,
        valid_from: f64,
        valid_to: f64,
        revoked_at: f64,
        scopes: &str,
        in_organization: bool,
        required: u32,
        now: f64,
    ) -> Result<u8, JsError> {
        let presented = digest_of(presented)?;
        let record = Record {
            id: "",
            owner: "",
            organizations: if in_organization { &[""] } else { &[] },
            scope: ScopeSet::parse_stored(scopes),
            valid_from: millis(valid_from, "record.validFrom")?,
            valid_to: millis(valid_to, "record.validTo")?,
            revoked_at: if revoked_at.is_nan() { None } else { Some(millis(revoked_at, "record.revokedAt")?) },
            digest: digest_of(stored)?,
        };
        let request = Request { now: millis(now, "request.now")?, organization: "", required_scope: scope_at(required)? };
        Ok(self.0.judge(&presented, Some(&record), &request).index())
    }
}

/// The catalog index of a scope (what `GateCore.judge` takes). Throws for an unknown name.
#[wasm_bindgen(js_name = scopeIndex)]
pub fn scope_index(name: &str) -> Result<u32, JsError> {
    Scope::named(name).map(|s| s.index() as u32).map_err(|e| JsError::new(e.message()))
}

fn verdict_object(v: &gate::Verdict) -> JsValue {
    Obj::new()
        .set("ok", false)
        .set("status", v.status)
        .set("error", v.error.map_or(JsValue::NULL, |e| JsValue::from_str(e.as_str())))
        .set("reason", v.reason.code())
        .set("message", v.reason.message())
        .set("wwwAuthenticate", strings(v.challenges.iter().map(String::as_str)))
        .set("grant", JsValue::NULL)
        .done()
}
