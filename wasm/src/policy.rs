//! The administrator's policy, applied on every path that makes or extends a token.

use alloc::{borrow::ToOwned, string::String};
use super::convert::{known_options, millis, requested_time, text_field, thrown, time_field, time_or_null, whole, Code, Obj, Throw};
use patgate::{
    catalog::Scopes,
    lifespan::MAX_DAYS,
    policy::{self, Creation, Current, Exemptions, GlobalTokens, PolicyError, Reach},
    scopes::{ScopeError, ScopeSet},
};
use js_sys::Array;
use super::gate_core::catalog_from;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(js_name = Policy)]
pub struct JsPolicy(policy::Policy, Scopes);

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
    #[wasm_bindgen(method, getter)]
    fn organization(this: &StoredToken) -> JsValue;

    #[wasm_bindgen(typescript_type = "PolicyOptions")]
    pub type PolicyOptions;
    #[wasm_bindgen(method, getter)]
    fn scopes(this: &PolicyOptions) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = globalTokens)]
    fn global_tokens(this: &PolicyOptions) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn exempt(this: &PolicyOptions) -> Option<Exempt>;
    #[wasm_bindgen(method, getter)]
    fn organizations(this: &PolicyOptions) -> JsValue;

    #[wasm_bindgen(typescript_type = "OrganizationPolicy")]
    pub type OrganizationPolicy;
    #[wasm_bindgen(method, getter)]
    fn name(this: &OrganizationPolicy) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = restrictCreation)]
    fn restrict_creation(this: &OrganizationPolicy) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = allowPackaging)]
    fn allow_packaging(this: &OrganizationPolicy) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn exempt(this: &OrganizationPolicy) -> JsValue;

    #[wasm_bindgen(typescript_type = "PolicyExemptions")]
    pub type Exempt;
    #[wasm_bindgen(method, getter, js_name = fullAccess)]
    fn full_access(this: &Exempt) -> Option<bool>;
    #[wasm_bindgen(method, getter)]
    fn lifespan(this: &Exempt) -> Option<bool>;
    #[wasm_bindgen(method, getter, js_name = globalTokens)]
    fn global_tokens(this: &Exempt) -> Option<bool>;
}

/// The policy with each organization's creation policy of `list` (an array of OrganizationPolicy).
fn with_organizations(mut policy: policy::Policy, list: &JsValue) -> Result<policy::Policy, JsValue> {
    const SHAPE: &str = "organizations must be an array of { name, restrictCreation, allowPackaging?, exempt? }";
    let list = list.dyn_ref::<Array>().ok_or_else(|| thrown(Code::Option, SHAPE))?;
    for item in list.iter() {
        if !item.is_object() {
            return Err(thrown(Code::Option, SHAPE));
        }
        known_options(&item, &["name", "restrictCreation", "allowPackaging", "exempt"], "unknown option of an organization's policy")?;
        let o: OrganizationPolicy = item.unchecked_into();
        let flag = |v: JsValue| if v.is_undefined() || v.is_null() { Some(false) } else { v.as_bool() };
        let (Some(name), Some(restrict), Some(packaging), Some(exempt)) = (o.name().as_string(), flag(o.restrict_creation()), flag(o.allow_packaging()), flag(o.exempt())) else {
            return Err(thrown(Code::Option, SHAPE));
        };
        let creation = if restrict { Creation::Restricted { packaging } } else { Creation::Open };
        policy = policy.with_organization(&name, creation, exempt);
    }
    Ok(policy)
}

/// A token's reach from a JavaScript value: an organization's name, or null (or nothing) for all
/// of its owner's.
fn reach_of<'a>(value: &'a Option<String>) -> Reach<'a> {
    value.as_deref().map_or(Reach::All, Reach::One)
}

/// The organization a value names (a string), or `None` for all (null or undefined).
fn organization_field(value: JsValue, what: &str) -> Result<Option<String>, JsValue> {
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    text_field(value, what).map(Some)
}

fn current_of(token: &StoredToken, catalog: &Scopes) -> Result<Current, JsValue> {
    let revoked_at = token.revoked_at();
    Ok(Current {
        valid_from: time_field(token.valid_from(), "token.validFrom")?,
        valid_to: time_field(token.valid_to(), "token.validTo")?,
        revoked_at: if revoked_at.is_null() || revoked_at.is_undefined() { None } else { Some(time_field(revoked_at, "token.revokedAt")?) },
        scope: catalog.parse_stored(&text_field(token.scope(), "token.scope")?),
    })
}

fn refusal(e: PolicyError, latest: Option<i64>) -> JsValue {
    Obj::new()
        .set("ok", false)
        .set("status", e.status())
        .set("error", e.code())
        .set("message", e.message())
        .set("field", e.field())
        .set("latestValidTo", time_or_null(latest))
        .done()
}

/// The refusal of a scope list. An unknown name is the client's input: the message counts it
/// rather than quoting it (a token pasted into the wrong field would otherwise come back in it).
fn scope_refusal(e: ScopeError, list: &str, name: &str) -> JsValue {
    let place = list.split(' ').filter(|n| !n.is_empty()).position(|n| n == name);
    let message = match place {
        Some(at) if !name.is_empty() => {
            let mut m = String::with_capacity(64);
            m.push_str("scope ");
            push_number(&mut m, at + 1);
            m.push_str(" of the list is not in the ");
            m.push_str(if e == ScopeError::NotListed { "catalog" } else { "Azure DevOps catalog" });
            m
        }
        _ => e.message().to_owned(),
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

fn accepted(scope: String, valid_from: i64, valid_to: i64, grace_until: Option<i64>) -> JsValue {
    Obj::new()
        .set("ok", true)
        .set("scope", scope)
        .set("validFrom", valid_from as f64)
        .set("validTo", valid_to as f64)
        .set("graceUntil", time_or_null(grace_until))
        .done()
}

#[wasm_bindgen(js_class = Policy)]
impl JsPolicy {
    /// A policy allowing lifespans of at most `maxLifespanDays` (1..365; throws otherwise) and,
    /// when `restrictFullAccess`, refusing full-access tokens; scope lists are read by
    /// `options.scopes` (a deployment's own catalog, as a Gate takes it) or Azure DevOps' catalog;
    /// `options.globalTokens` (`allowed`, the default, `restricted` or `retired`) governs tokens
    /// for all organizations; `options.exempt` names the policies whose allowlist the user is on
    /// (`fullAccess`, `lifespan`, `globalTokens`), which then do not apply to them;
    /// `options.organizations` lists the user's organizations whose policy restricts token
    /// creation (`{ name, restrictCreation, allowPackaging?, exempt? }`: only allowlisted users,
    /// `exempt`, may make tokens acting there; with `allowPackaging`, everyone packaging-only ones).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = maxLifespanDays)] max_lifespan_days: Option<f64>,
        #[wasm_bindgen(js_name = restrictFullAccess)] restrict_full_access: bool,
        options: Option<PolicyOptions>,
    ) -> Result<JsPolicy, JsValue> {
        // No maximum given: the core's own (MAX_DAYS); a value outside it is refused below.
        if let Some(options) = &options {
            known_options(options, &["scopes", "globalTokens", "exempt", "organizations"], "unknown Policy option")?;
        }
        let days = max_lifespan_days.map_or(Some(MAX_DAYS), |d| whole(d, 1, MAX_DAYS)).unwrap_or(0);
        let mut policy = policy::Policy::new(days, restrict_full_access).or_throw()?;
        if let Some(state) = options.as_ref().and_then(PolicyOptions::global_tokens) {
            policy = policy.with_global_tokens(GlobalTokens::named(&state).ok_or_else(|| thrown(Code::Option, "globalTokens must be allowed, restricted or retired"))?);
        }
        if let Some(e) = options.as_ref().and_then(PolicyOptions::exempt) {
            known_options(&e, &["fullAccess", "lifespan", "globalTokens"], "unknown option of exempt")?;
            let flag = |v: Option<bool>| v.unwrap_or(false);
            policy = policy.for_user(Exemptions { full_access: flag(e.full_access()), lifespan: flag(e.lifespan()), global_tokens: flag(e.global_tokens()) });
        }
        if let Some(list) = options.as_ref().map(PolicyOptions::organizations).filter(|l| !l.is_undefined() && !l.is_null()) {
            policy = with_organizations(policy, &list)?;
        }
        let scopes = options.map(|o| o.scopes()).filter(|s| !s.is_undefined() && !s.is_null());
        let catalog = match scopes {
            // A deployment's own catalog has no packaging scopes.
            Some(scopes) => {
                policy = policy.with_packaging(ScopeSet::default());
                Scopes::Own(catalog_from(&scopes)?)
            }
            None => Scopes::AzureDevOps,
        };
        Ok(JsPolicy(policy, catalog))
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

    /// Tokens for all organizations: `allowed`, `restricted` or `retired` (as this user has it).
    #[wasm_bindgen(getter, js_name = globalTokens)]
    pub fn global_tokens(&self) -> String {
        self.0.global_tokens.as_str().to_owned()
    }

    /// The latest `validTo` for a token starting at `from`.
    #[wasm_bindgen(js_name = latestValidTo, unchecked_return_type = "EpochMillis")]
    pub fn latest_valid_to(&self, #[wasm_bindgen(unchecked_param_type = "EpochMillis")] from: f64) -> Result<f64, JsValue> {
        Ok(self.0.lifespan.latest_valid_to(millis(from, "from")?) as f64)
    }

    /// A new token with `scope` (a space-separated list), valid from `now` until `validTo`, for
    /// `organization` (a name, or null for all of the owner's organizations; required).
    #[wasm_bindgen(unchecked_return_type = "PolicyOutcome")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "EpochMillis")] now: f64,
        scope: &str,
        #[wasm_bindgen(js_name = validTo, unchecked_param_type = "EpochMillis")] valid_to: f64,
        #[wasm_bindgen(unchecked_param_type = "string | null")] organization: JsValue,
    ) -> Result<JsValue, JsValue> {
        if organization.is_undefined() {
            return Err(thrown(Code::Argument, "organization is required: a name, or null for all organizations"));
        }
        let organization = organization_field(organization, "organization")?;
        let now = millis(now, "now")?;
        let scopes = match self.1.parse(scope) {
            Ok(s) => s,
            Err((e, name)) => return Ok(scope_refusal(e, scope, name)),
        };
        let valid_to = requested_time(valid_to);
        Ok(match self.0.create(now, scopes, valid_to, reach_of(&organization)) {
            Ok(()) => accepted(self.1.to_text(scopes), now, valid_to, None),
            Err(e) => refusal(e, (e == PolicyError::TooLong).then(|| self.0.lifespan.latest_valid_to(now))),
        })
    }

    /// An edit of `token`: `scope`, `validTo` and `organization` when changed (else kept; an
    /// organization of null is all of the owner's, as is the token's own when it has none),
    /// checked against the policy in force. Revoked and expired tokens cannot be edited.
    #[wasm_bindgen(unchecked_return_type = "PolicyOutcome")]
    pub fn edit(
        &self,
        #[wasm_bindgen(unchecked_param_type = "EpochMillis")] now: f64,
        token: &StoredToken,
        scope: Option<String>,
        #[wasm_bindgen(js_name = validTo)] valid_to: Option<f64>,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] organization: JsValue,
    ) -> Result<JsValue, JsValue> {
        let now = millis(now, "now")?;
        let current = current_of(token, &self.1)?;
        let before = organization_field(token.organization(), "token.organization")?;
        let after = if organization.is_undefined() { before.clone() } else { organization_field(organization, "organization")? };
        let scopes = match scope.as_deref().map(|s| self.1.parse(s)) {
            None => current.scope,
            Some(Ok(s)) => s,
            Some(Err((e, name))) => return Ok(scope_refusal(e, scope.as_deref().unwrap_or_default(), name)),
        };
        let valid_to = valid_to.map_or(current.valid_to, requested_time);
        Ok(match self.0.edit(now, &current, scopes, valid_to, (reach_of(&before), reach_of(&after)), &self.1) {
            Ok(()) => accepted(self.1.to_text(scopes), current.valid_from, valid_to, None),
            Err(e) => refusal(e, (e == PolicyError::TooLong).then(|| self.0.lifespan.latest_valid_to(current.valid_from))),
        })
    }

    /// A new secret for `token`, valid from `now` until `validTo` (default: its old lifespan,
    /// cut to the maximum); the old secret works on for `graceMinutes` (0..1440) only if it is live.
    #[wasm_bindgen(unchecked_return_type = "PolicyOutcome")]
    pub fn regenerate(&self, #[wasm_bindgen(unchecked_param_type = "EpochMillis")] now: f64, token: &StoredToken, #[wasm_bindgen(js_name = validTo)] valid_to: Option<f64>, #[wasm_bindgen(js_name = graceMinutes)] grace_minutes: Option<f64>) -> Result<JsValue, JsValue> {
        let now = millis(now, "now")?;
        let current = current_of(token, &self.1)?;
        let grace = grace_minutes.unwrap_or(0.0);
        let grace = whole(grace, 0, policy::GRACE_MAX_MINUTES + 1).unwrap_or(u32::MAX);
        let reach = organization_field(token.organization(), "token.organization")?;
        Ok(match self.0.regenerate(now, &current, valid_to.map(requested_time), grace, reach_of(&reach)) {
            Ok(r) => accepted(self.1.to_text(current.scope), r.valid_from, r.valid_to, r.previous_until),
            Err(e) => refusal(e, (e == PolicyError::TooLong).then(|| self.0.lifespan.latest_valid_to(now))),
        })
    }
}

/// `n` in decimal, without core's formatting machinery (which the module does not link).
fn push_number(text: &mut String, n: usize) {
    if n >= 10 {
        push_number(text, n / 10);
    }
    text.push(char::from(b'0' + (n % 10) as u8));
}

/// Tokens for all organizations as `state` (`allowed`, `restricted`, `retired`) applies to a user
/// on its allowlist (`exempt`) or not: what a gate's record says of a global token's owner.
#[wasm_bindgen(js_name = globalTokensFor)]
pub fn global_tokens_for(state: &str, exempt: bool) -> Result<String, JsValue> {
    let state = GlobalTokens::named(state).ok_or_else(|| thrown(Code::Argument, "globalTokens must be allowed, restricted or retired"))?;
    Ok(state.for_user(exempt).as_str().to_owned())
}
