//! The gate's wasm half; the package's `Gate` (js/gate.js) wraps it. One call per operation,
//! strings and numbers across; refusals cross as a reason code, and the wrapper keeps the
//! verdict of each code and scope once it has asked for it (`verdictOf`).

use alloc::{string::String, vec::Vec};
use super::convert::{digest_of, millis, optional_pepper, prefix_of, quoted, strings, thrown, Code, Obj, Throw};
use patgate::{
    catalog::{Catalog, CatalogError, CatalogText, Refusal},
    gate::{self, Previous, Reason, Record, Request},
    policy::GlobalTokens,
    header::Scheme,
};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{prelude::*, JsCast};

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
    fn pepper(this: &GateOptions) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn scopes(this: &GateOptions) -> JsValue;
}

// Internal: the package's `Gate` (js/gate.js, typed in js/gate.d.ts) wraps it.
#[wasm_bindgen(js_name = GateCore, skip_typescript)]
pub struct JsGate(gate::Gate);

/// `required` when a request needs no scope.
const NO_SCOPE: u32 = u32::MAX;

/// A catalog as JavaScript gives it: `{ "write:packages": ["read:packages"], … }`, each name
/// with the names it grants.
pub(super) fn catalog_from(value: &JsValue) -> Result<Catalog, JsValue> {
    if !value.is_object() || Array::is_array(value) {
        return Err(thrown(Code::Option, "scopes must be an object of each scope name and the names it grants"));
    }
    let mut text = CatalogText::default();
    let refused = |(e, name): Refusal| named(e.message(), &name);
    // Counted before anything is read: a catalog has at most 127 names, each granting fewer.
    let names = Object::keys(value.unchecked_ref::<Object>());
    if names.length() as usize > Catalog::MAX {
        return Err(CatalogError::TooMany).or_throw();
    }
    for name in names.iter() {
        let name = name.as_string().unwrap_or_default();
        text.scope(&name).map_err(refused)?;
        let granted = Reflect::get(value, &JsValue::from_str(&name)).unwrap_or_default();
        if !Array::is_array(&granted) {
            return Err(named("a scope's grants must be a list of scope names", &name));
        }
        let granted: Array = granted.unchecked_into();
        if granted.length() as usize >= Catalog::MAX {
            return Err(named(CatalogError::TooMany.message(), &name));
        }
        for g in granted.iter() {
            text.grants(&g.as_string().ok_or_else(|| named("a scope's grants must be a list of scope names", &name))?).map_err(refused)?;
        }
    }
    text.build().map_err(refused)
}

/// An option's refusal that names the scope it concerns.
fn named(message: &str, name: &str) -> JsValue {
    thrown(Code::Option, &quoted(message, name))
}

#[wasm_bindgen(js_class = GateCore)]
impl JsGate {
    /// The codes the wrapper reads answers by, from the core: `granted` and `unknown` (reason
    /// codes), `noScope` (the required-scope index that asks for none).
    pub fn codes() -> JsValue {
        Obj::new()
            .set("granted", Reason::Granted.index())
            .set("unknown", Reason::Unknown.index())
            .set("noScope", NO_SCOPE)
            .done()
    }

    /// A gate for `options.prefix` (default `pat`), `realm` (default `patgate`),
    /// `maxHeaderBytes` (default 8192), an optional `pepper` (bytes, at least 16, or a
    /// base64url string of at least 32 bytes) and an optional catalog of the deployment's own
    /// `scopes` (default: Azure DevOps').
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<GateOptions>) -> Result<JsGate, JsValue> {
        let Some(options) = options else { return Ok(JsGate(gate::Gate::default())) };
        let mut gate = gate::Gate::new(prefix_of(options.prefix())?);
        if let Some(realm) = options.realm() {
            gate = gate.with_realm(&realm).or_throw()?;
        }
        if let Some(max) = options.max_header_bytes() {
            gate = gate.with_max_header_bytes(max as usize);
        }
        if let Some(pepper) = optional_pepper(&options.pepper())? {
            gate = gate.with_pepper(pepper);
        }
        let scopes = options.scopes();
        if !scopes.is_undefined() && !scopes.is_null() {
            gate = gate.with_catalog(catalog_from(&scopes)?);
        }
        Ok(JsGate(gate))
    }

    /// Parses and checks an `Authorization` value. Accepted: `"b"` (Basic) or `"B"` (Bearer),
    /// the digest to look up, a space (base64url has none), then Basic's user-id. Refused: the
    /// reason's code, a number.
    pub fn authenticate(&self, authorization: Option<String>) -> JsValue {
        match self.0.authenticate(authorization.as_deref()) {
            Ok(p) => {
                let username = p.username.as_deref().unwrap_or_default();
                let mut text = String::with_capacity(45 + username.len());
                text.push(if p.scheme == Scheme::Bearer { 'B' } else { 'b' });
                text.push_str(&p.digest.to_base64url());
                text.push(' ');
                text.push_str(username);
                JsValue::from_str(&text)
            }
            Err(v) => JsValue::from(v.reason.index()),
        }
    }

    /// The hot path when the stored digest is already at hand: parses, checks, digests and
    /// compares in constant time, in one call. Returns 200 when `authorization` carries the
    /// token whose (peppered) digest is `digest`, otherwise 400, 401 or 431.
    pub fn verify(&self, authorization: Option<String>, digest: &str) -> Result<u16, JsValue> {
        Ok(self.0.verify(authorization.as_deref(), &digest_of(digest)?))
    }

    /// The reason code for a request: the presented digest and the record found under it (its
    /// digest, compared in constant time; its scope list, read by the gate's catalog; its
    /// lifespan, `revokedAt` absent when not revoked; the secret a regeneration replaced, with
    /// its grace end, absent when none; its organizations, one per line: one
    /// string crosses where a list would cross one per name; for a token of all organizations,
    /// the policy on them as it applies to its owner), the organization of
    /// the resource (absent: none), the required scope's index (`scopeIndex`, or 0xFFFFFFFF for
    /// none) and now.
    #[allow(clippy::too_many_arguments)] // the record's fields, as plain values
    pub fn judge(
        &self,
        presented: &str,
        stored: &str,
        scope: &str,
        #[wasm_bindgen(js_name = validFrom)] valid_from: f64,
        #[wasm_bindgen(js_name = validTo)] valid_to: f64,
        #[wasm_bindgen(js_name = revokedAt)] revoked_at: Option<f64>,
        #[wasm_bindgen(js_name = previousDigest)] previous_digest: Option<String>,
        #[wasm_bindgen(js_name = previousUntil)] previous_until: Option<f64>,
        organizations: &str,
        #[wasm_bindgen(js_name = globalTokens)] global_tokens: Option<String>,
        organization: Option<String>,
        required: u32,
        now: f64,
    ) -> Result<u8, JsValue> {
        let global = match global_tokens {
            None => None,
            Some(state) => Some(GlobalTokens::named(&state).ok_or_else(|| thrown(Code::Argument, "record.globalTokens must be allowed, restricted or retired"))?),
        };
        let presented = digest_of(presented)?;
        let organizations: Vec<&str> = organizations.split('\n').filter(|o| !o.is_empty()).collect();
        let record = Record {
            id: "",
            owner: "",
            organizations: &organizations,
            scope: self.0.stored_scopes(scope),
            valid_from: millis(valid_from, "record.validFrom")?,
            valid_to: millis(valid_to, "record.validTo")?,
            revoked_at: revoked_at.map(|t| millis(t, "record.revokedAt")).transpose()?,
            digest: digest_of(stored)?,
            previous: match (previous_digest, previous_until) {
                (Some(digest), Some(until)) => Some(Previous { digest: digest_of(&digest)?, until: millis(until, "record.previous.until")? }),
                (None, None) => None,
                _ => return Err(thrown(Code::Argument, "record.previous must have both digest and until")),
            },
            global,
        };
        let request = Request { now: millis(now, "request.now")?, organization: organization.as_deref(), required_scope: self.required(required)? };
        Ok(self.0.judge(&presented, Some(&record), &request).index())
    }

    /// The index of scope `name` in the gate's catalog (what `judge` takes). Throws for a name
    /// the catalog does not have.
    #[wasm_bindgen(js_name = scopeIndex)]
    pub fn scope_index(&self, name: &str) -> Result<u32, JsValue> {
        self.0.scope_index(name).map(|i| i as u32).map_err(|e| thrown(Code::Scope, &quoted(e.message(), name)))
    }

    /// The refusal verdict for a reason code and required scope, to be built once and kept.
    #[wasm_bindgen(js_name = verdictOf, unchecked_return_type = "Refusal")]
    pub fn verdict_of(&self, code: u8, required: u32) -> Result<JsValue, JsValue> {
        let reason = Reason::from_index(code).ok_or_else(|| thrown(Code::Argument, "not a verdict code"))?;
        let v = self.0.verdict_for(reason, self.required(required)?);
        Ok(Obj::new()
            .set("ok", false)
            .set("status", v.status)
            .set("error", v.error.map_or(JsValue::NULL, |e| JsValue::from_str(e.as_str())))
            .set("reason", v.reason.code())
            .set("message", v.reason.message())
            .set("wwwAuthenticate", strings(v.challenges.iter().map(String::as_str)))
            .set("grant", JsValue::NULL)
            .done())
    }
}

impl JsGate {
    fn required(&self, index: u32) -> Result<Option<patgate::scopes::Requirement<'_>>, JsValue> {
        if index == NO_SCOPE {
            return Ok(None);
        }
        self.0.requirement_at(index as usize).map(Some).ok_or_else(|| thrown(Code::Scope, "requiredScope is not a scope of the gate's catalog"))
    }
}
