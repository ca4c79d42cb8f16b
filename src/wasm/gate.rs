//! The gate's wasm half; the package's `Gate` (js/gate.js) wraps it. Per request it crosses the
//! boundary once each way with scalars: inputs are written into the scratch bytes, the answer
//! is a number (a status, a reason code, or the length of a digest written back), and refusal
//! verdicts are built once per code and kept on the JavaScript side.

use alloc::{string::String, vec, vec::Vec};
use super::{
    convert::{digest_from, digest_of, millis, optional_pepper, prefix_of, strings, Obj, Throw},
    scratch,
};
use core::cell::RefCell;
use crate::{
    digest::{Digest, DigestError},
    gate::{self, Reason, Record, Request},
    header::Scheme,
    scopes::{Scope, ScopeSet},
};
use wasm_bindgen::prelude::*;

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
}

#[wasm_bindgen(js_name = GateCore)]
pub struct JsGate(gate::Gate, RefCell<[Digest; PRESENTED]>);

/// How many recently presented digests a gate keeps: `decide` finds the presented digest here
/// instead of receiving and decoding it again, while the request's store lookup is in flight.
/// The package's Gate knows which digest is in which slot; a slot outside these is never kept,
/// so the caller falls back to passing digests as text rather than ever reading another's.
const PRESENTED: usize = 8;

impl JsGate {
    fn with(gate: gate::Gate) -> JsGate {
        JsGate(gate, RefCell::new([Digest::from([0; 32]); PRESENTED]))
    }
}

/// `required` when a request needs no scope.
const NO_SCOPE: u32 = u32::MAX;

/// `slot` when the presented digest is in the input bytes instead of kept by the gate.
const NO_SLOT: u32 = u32::MAX;

/// What `judgeScratch` answers when an input is not what it should be.
const UNJUDGED: u8 = 255;

fn scope_at(index: u32) -> Result<Option<Scope>, JsError> {
    if index == NO_SCOPE {
        return Ok(None);
    }
    Scope::at(index as usize).map(Some).ok_or_else(|| JsError::new("requiredScope is not a catalog scope"))
}

fn text(bytes: &[u8]) -> Result<&str, JsError> {
    core::str::from_utf8(bytes).map_err(|_| JsError::new("the scratch bytes are not UTF-8"))
}

/// A refusal as a negative number: minus one minus the reason's code.
fn refused(reason: Reason) -> i32 {
    -1 - i32::from(reason.index())
}

#[wasm_bindgen(js_class = GateCore)]
impl JsGate {
    /// A gate for `options.prefix` (default `pat`), `realm` (default `patgate`),
    /// `maxHeaderBytes` (default 8192) and an optional `pepper`: bytes (at least 16) or a
    /// base64url string (at least 32 bytes decoded).
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<GateOptions>) -> Result<JsGate, JsError> {
        let Some(options) = options else { return Ok(JsGate::with(gate::Gate::default())) };
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
        Ok(JsGate::with(gate))
    }

    /// Parses and checks the `Authorization` value held in the first `length` input bytes.
    /// Writes `"b"` (Basic) or `"B"` (Bearer), the 43-character digest to look up and Basic's
    /// user-id into the output bytes and returns their length, and keeps the digest in the
    /// presented slot `slot` (for `judgeScratch`); returns minus one minus the reason's code on
    /// refusal, and 0 when it cannot answer here (a user-id that does not fit, bytes that are not
    /// the caller's): then ask `authenticateText`. The hot functions return one number, never a
    /// `Result`: a `Result` crosses as several values, which costs V8 an array per call.
    #[wasm_bindgen(js_name = authenticateScratch)]
    pub fn authenticate_scratch(&self, length: usize, slot: usize) -> i32 {
        let answer = scratch::with_header(length, |input, output| {
            let written = self.0.authenticate_with(Some(text(input)?), |digest, scheme, username| {
                let (head, rest) = output.split_first_mut()?;
                *head = if scheme == Scheme::Bearer { b'B' } else { b'b' };
                let n = digest.write_base64url(rest)?;
                let written = scratch::put(rest.get_mut(n..)?, &[username.unwrap_or_default().as_bytes()])?;
                // Kept only when the answer is given here: the caller then knows the slot's digest.
                *self.1.try_borrow_mut().ok()?.get_mut(slot)? = *digest;
                Some(1 + n + written)
            });
            Ok(match written {
                Ok(Some(n)) => n as i32,
                Ok(None) => 0,
                Err(reason) => refused(reason),
            })
        });
        answer.unwrap_or(0)
    }

    /// `authenticateScratch` for any value (absent, or longer than the scratch bytes): on
    /// success `"b"`/`"B"`, the digest, then Basic's user-id (which cannot hold a control
    /// character, so nothing is ambiguous); on refusal `"!"` and the reason's code.
    #[wasm_bindgen(js_name = authenticateText)]
    pub fn authenticate_text(&self, authorization: Option<String>) -> String {
        match self.0.authenticate(authorization.as_deref()) {
            Ok(p) => {
                let username = p.username.as_deref().unwrap_or_default();
                let mut text = String::with_capacity(44 + username.len());
                text.push(if p.scheme == Scheme::Bearer { 'B' } else { 'b' });
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

    /// `verify` with the stored digest in the first `digestLength` input bytes and the
    /// `Authorization` value in the `headerLength` bytes after it; 0 when the digest is not one
    /// (then `verify` with strings throws the reason).
    #[wasm_bindgen(js_name = verifyScratch)]
    pub fn verify_scratch(&self, #[wasm_bindgen(js_name = digestLength)] digest_length: usize, #[wasm_bindgen(js_name = headerLength)] header_length: usize) -> u16 {
        let answer = scratch::with_header(digest_length.saturating_add(header_length), |input, _| {
            let (digest, header) = input.split_at_checked(digest_length).ok_or(DigestError).or_throw()?;
            let digest = digest_from(digest)?;
            Ok(self.0.verify(Some(text(header)?), &digest))
        });
        answer.unwrap_or(0)
    }

    /// The hot path when the stored digest is already at hand: parses, checks, digests and
    /// compares in constant time, in one call. Returns 200 when `authorization` carries the
    /// token whose (peppered) digest is `digest`, otherwise 400, 401 or 431.
    pub fn verify(&self, authorization: Option<String>, digest: &str) -> Result<u16, JsError> {
        Ok(self.0.verify(authorization.as_deref(), &digest_of(digest)?))
    }

    /// The reason code for a request, from the record as scalars: the stored digest in the
    /// first `storedLength` input bytes; the presented one kept in `slot` by
    /// `authenticateScratch`, or (`slot` is `NO_SLOT`) in the `presentedLength` bytes after the
    /// stored one; the two compared in constant time; the stored scopes as the four 32-bit
    /// words of `scopeBits` (low first), the lifespan (`revokedAt` NaN when not revoked),
    /// whether the record may act in the request's organization, the required scope's catalog
    /// index (`0xFFFFFFFF` for none) and now. 255 when an input is not what it should be: then
    /// `judgeChecked`, with the same arguments, throws the reason.
    #[wasm_bindgen(js_name = judgeScratch)]
    #[allow(clippy::too_many_arguments)] // scalars are what makes the crossing cheap
    pub fn judge_scratch(
        &self,
        slot: u32,
        #[wasm_bindgen(js_name = storedLength)] stored_length: usize,
        #[wasm_bindgen(js_name = presentedLength)] presented_length: usize,
        scope0: u32,
        scope1: u32,
        scope2: u32,
        scope3: u32,
        #[wasm_bindgen(js_name = validFrom)] valid_from: f64,
        #[wasm_bindgen(js_name = validTo)] valid_to: f64,
        #[wasm_bindgen(js_name = revokedAt)] revoked_at: f64,
        #[wasm_bindgen(js_name = inOrganization)] in_organization: bool,
        required: u32,
        now: f64,
    ) -> u8 {
        self.judge_checked(slot, stored_length, presented_length, scope0, scope1, scope2, scope3, valid_from, valid_to, revoked_at, in_organization, required, now)
            .unwrap_or(UNJUDGED)
    }

    /// `judgeScratch` that throws what is wrong with its inputs instead of answering 255.
    #[wasm_bindgen(js_name = judgeChecked)]
    #[allow(clippy::too_many_arguments)]
    pub fn judge_checked(
        &self,
        slot: u32,
        #[wasm_bindgen(js_name = storedLength)] stored_length: usize,
        #[wasm_bindgen(js_name = presentedLength)] presented_length: usize,
        scope0: u32,
        scope1: u32,
        scope2: u32,
        scope3: u32,
        #[wasm_bindgen(js_name = validFrom)] valid_from: f64,
        #[wasm_bindgen(js_name = validTo)] valid_to: f64,
        #[wasm_bindgen(js_name = revokedAt)] revoked_at: f64,
        #[wasm_bindgen(js_name = inOrganization)] in_organization: bool,
        required: u32,
        now: f64,
    ) -> Result<u8, JsError> {
        let (stored, presented) = scratch::with(stored_length.saturating_add(presented_length), |input, _| {
            let (stored, presented) = input.split_at_checked(stored_length).ok_or(DigestError).or_throw()?;
            let presented = if slot == NO_SLOT { digest_from(presented)? } else { self.kept(slot)? };
            Ok((digest_from(stored)?, presented))
        })?;
        let [w0, w1, w2, w3] = [scope0, scope1, scope2, scope3].map(u128::from);
        let record = Record {
            id: "",
            owner: "",
            organizations: if in_organization { &[""] } else { &[] },
            scope: ScopeSet::from_bits(w0 | w1 << 32 | w2 << 64 | w3 << 96),
            valid_from: millis(valid_from, "record.validFrom")?,
            valid_to: millis(valid_to, "record.validTo")?,
            revoked_at: if revoked_at.is_nan() { None } else { Some(millis(revoked_at, "record.revokedAt")?) },
            digest: stored,
        };
        let request = Request { now: millis(now, "request.now")?, organization: "", required_scope: scope_at(required)? };
        Ok(self.0.judge(&presented, Some(&record), &request).index())
    }

    /// The refusal verdict for a reason code and required scope, to be built once and kept.
    #[wasm_bindgen(js_name = verdictOf, unchecked_return_type = "Refusal")]
    pub fn verdict_of(&self, code: u8, required: u32) -> Result<JsValue, JsError> {
        let reason = Reason::from_index(code).ok_or_else(|| JsError::new("not a verdict code"))?;
        let v = self.0.verdict_for(reason, scope_at(required)?);
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
    /// The presented digest `authenticateScratch` kept in `slot`.
    fn kept(&self, slot: u32) -> Result<Digest, JsError> {
        let kept = self.1.try_borrow().map_err(|_| JsError::new("the gate is in use"))?;
        kept.get(slot as usize).copied().ok_or_else(|| JsError::new("the gate keeps no presented digest there"))
    }
}

/// The catalog index of a scope (what `judgeScratch` takes). Throws for an unknown name.
#[wasm_bindgen(js_name = scopeIndex)]
pub fn scope_index(name: &str) -> Result<u32, JsError> {
    Scope::named(name).map(|s| s.index() as u32).or_throw()
}

/// A stored scope list as the four 32-bit words (low first) `judgeScratch` takes; names the
/// catalog no longer has grant nothing. The package keeps the words of each list it has seen.
#[wasm_bindgen(js_name = scopeBits)]
pub fn scope_bits(list: &str) -> Vec<u32> {
    let bits = ScopeSet::parse_stored(list).bits();
    vec![bits as u32, (bits >> 32) as u32, (bits >> 64) as u32, (bits >> 96) as u32]
}
