//! Conversions at the boundary: JavaScript values into core types, core answers into plain
//! objects, and core errors into thrown `Error`s (one way: [`Throw::or_throw`]).

use alloc::string::String;
use patgate::{
    digest::{Digest, Pepper},
    token::Prefix,
};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{prelude::*, JsCast};

/// A core error that can cross the boundary: its fixed message (never the input that caused it).
pub(crate) trait CoreError {
    fn message(&self) -> &'static str;
}

/// Each core error becomes a thrown `Error` with its fixed message, never input.
macro_rules! core_errors {
    ($($t:ty),+) => {$(
        impl CoreError for $t {
            fn message(&self) -> &'static str {
                <$t>::message(*self)
            }
        }
    )+};
}
core_errors!(
    patgate::digest::DigestError,
    patgate::digest::PepperError,
    patgate::digest::PepperTextError,
    patgate::header::HeaderError,
    patgate::header::UsernameError,
    patgate::lifespan::LifespanError,
    patgate::catalog::CatalogError,
    patgate::scopes::ScopeError,
    patgate::gate::RealmError,
    patgate::token::PrefixError,
    patgate::token::TokenError,
    patgate::token::RandomnessError,
    patgate::scan::ScanError,
    patgate::policy::PolicyError
);

/// Turns a core `Result` into one that throws an `Error` carrying the core's message.
pub(super) trait Throw<T> {
    fn or_throw(self) -> Result<T, JsError>;
}

impl<T, E: CoreError> Throw<T> for Result<T, E> {
    fn or_throw(self) -> Result<T, JsError> {
        self.map_err(|e| JsError::new(e.message()))
    }
}

/// Builds a plain JS object field by field.
pub(super) struct Obj(Object);

impl Obj {
    pub(super) fn new() -> Self {
        Obj(Object::new())
    }
    pub(super) fn set(self, key: &str, value: impl Into<JsValue>) -> Self {
        // Reflect.set on a fresh plain object cannot fail.
        let _ = Reflect::set(&self.0, &JsValue::from_str(key), &value.into());
        self
    }
    pub(super) fn done(self) -> JsValue {
        self.0.into()
    }
}

pub(super) fn strings<'a>(items: impl Iterator<Item = &'a str>) -> Array {
    items.map(JsValue::from_str).collect()
}

/// `null` for `None`, else the time as a JS number.
pub(super) fn time_or_null(time: Option<i64>) -> JsValue {
    time.map_or(JsValue::NULL, |t| JsValue::from(t as f64))
}

pub(super) fn prefix_of(prefix: Option<String>) -> Result<Prefix, JsError> {
    prefix.map_or(Ok(Prefix::default()), |p| Prefix::new(&p).or_throw())
}

/// A pepper as JavaScript gives it: bytes (a `Uint8Array` or an `ArrayBuffer`, at least 16) or
/// text (base64url of at least 32 bytes, decoded). Anything else throws: a string copied as
/// bytes would become zeros, and two secrets of one length the same key.
pub(super) fn pepper_from(value: &JsValue) -> Result<Pepper, JsError> {
    if let Some(text) = value.as_string() {
        return Pepper::from_base64url(&text).or_throw();
    }
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Pepper::new(&bytes.to_vec()).or_throw();
    }
    if let Some(buffer) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        return Pepper::new(&js_sys::Uint8Array::new(buffer).to_vec()).or_throw();
    }
    Err(JsError::new("pepper must be a Uint8Array, an ArrayBuffer or a base64url string"))
}

/// An optional pepper: `undefined` or `null` is none.
pub(super) fn optional_pepper(value: &JsValue) -> Result<Option<Pepper>, JsError> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        pepper_from(value).map(Some)
    }
}

pub(super) fn digest_of(text: &str) -> Result<Digest, JsError> {
    Digest::from_base64url(text).or_throw()
}

/// `what` + `must`, without the formatting machinery.
pub(super) fn field_error(what: &str, must: &str) -> JsError {
    let mut text = String::with_capacity(what.len() + must.len());
    text.push_str(what);
    text.push_str(must);
    JsError::new(&text)
}

pub(super) fn millis(value: f64, what: &str) -> Result<i64, JsError> {
    if value.is_finite() {
        Ok(value as i64)
    } else {
        Err(field_error(what, " must be a finite number of milliseconds since the epoch"))
    }
}

/// `value` when it is a whole number from `min` to `max`.
pub(super) fn whole(value: f64, min: u32, max: u32) -> Option<u32> {
    let n = value as u32; // saturates; NaN is 0
    ((f64::from(min)..=f64::from(max)).contains(&value) && f64::from(n) == value).then_some(n)
}

/// A time a client sent: not finite is the same as not in the future.
pub(super) fn requested_time(value: f64) -> i64 {
    if value.is_finite() {
        value as i64
    } else {
        i64::MIN
    }
}

pub(super) fn text_field(value: JsValue, what: &str) -> Result<String, JsError> {
    value.as_string().ok_or_else(|| field_error(what, " must be a string"))
}

pub(super) fn time_field(value: JsValue, what: &str) -> Result<i64, JsError> {
    millis(value.as_f64().ok_or_else(|| field_error(what, " must be a number"))?, what)
}
