//! What only a portal shows (the `portal` feature; the edge build leaves it out): the scope
//! catalog with titles and categories, lifespan presets and the `validTo` helpers.

use super::convert::{millis, strings, Obj, Throw};
use patgate::{
    lifespan::{self, LifespanPolicy},
    scopes::{self, Scope},
};
use js_sys::Array;
use wasm_bindgen::prelude::*;

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

/// The preset lifespans, in days, that a policy with `maxDays` allows.
#[wasm_bindgen(js_name = lifespanPresets, unchecked_return_type = "number[]")]
pub fn lifespan_presets(#[wasm_bindgen(js_name = maxDays)] max_days: Option<u32>) -> Result<Array, JsValue> {
    Ok(policy_of(max_days)?.presets().map(JsValue::from).collect())
}

/// `validTo` for a lifespan of `days` days from `now`.
#[wasm_bindgen(js_name = validToAfter, unchecked_return_type = "EpochMillis")]
pub fn valid_to_after(#[wasm_bindgen(unchecked_param_type = "EpochMillis")] now: f64, days: u32) -> Result<f64, JsValue> {
    Ok(lifespan::valid_to_after(millis(now, "now")?, days) as f64)
}

/// Checks a requested `validTo` against the policy (default maximum: 365 days).
#[wasm_bindgen(js_name = checkValidTo, unchecked_return_type = "LifespanCheck")]
pub fn check_valid_to(#[wasm_bindgen(unchecked_param_type = "EpochMillis")] now: f64, #[wasm_bindgen(js_name = validTo, unchecked_param_type = "EpochMillis")] valid_to: f64, #[wasm_bindgen(js_name = maxDays)] max_days: Option<u32>) -> Result<JsValue, JsValue> {
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

fn policy_of(max_days: Option<u32>) -> Result<LifespanPolicy, JsValue> {
    max_days.map_or(Ok(LifespanPolicy::default()), |d| LifespanPolicy::new(d).or_throw())
}
