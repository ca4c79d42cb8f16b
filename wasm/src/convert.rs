//! Conversions at the boundary: JavaScript values into core types, core answers into plain
//! objects, and core errors into thrown `Error`s (one way: [`Throw::or_throw`]).

use alloc::string::String;
use patgate::{
    digest::{Digest, Pepper},
    token::Prefix,
};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{prelude::*, JsCast};

/// What a thrown `Error` reports, as its stable `code` (Node's own errors and jose's carry one):
/// a developer's mistake, never a client's input (that comes back as a result or a verdict).
#[derive(Clone, Copy)]
pub(crate) enum Code {
    /// `ERR_PATGATE_OPTION`: a bad or unknown option (prefix, pepper, realm, catalog, limit).
    Option,
    /// `ERR_PATGATE_ARGUMENT`: a value not shaped as the types say (digest, record, time, token).
    Argument,
    /// `ERR_PATGATE_SCOPE`: a scope name the catalog does not have.
    Scope,
    /// `ERR_PATGATE_RANDOMNESS`: the platform's random source failed.
    Randomness,
}

/// A thrown `Error`: a fixed message (never the input that caused it) and its `code`.
pub(crate) fn thrown(code: Code, message: &str) -> JsValue {
    let error = JsValue::from(JsError::new(message));
    let code = match code {
        Code::Option => "ERR_PATGATE_OPTION",
        Code::Argument => "ERR_PATGATE_ARGUMENT",
        Code::Scope => "ERR_PATGATE_SCOPE",
        Code::Randomness => "ERR_PATGATE_RANDOMNESS",
    };
    // Setting a property of a fresh Error cannot fail.
    let _ = Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    error
}

/// A core error that can cross the boundary: its fixed message and what kind of mistake it is.
pub(crate) trait CoreError {
    fn message(&self) -> &'static str;
    fn code(&self) -> Code;
}

/// Each core error becomes a thrown `Error` with its fixed message and code, never input.
macro_rules! core_errors {
    ($($t:ty => $code:ident),+) => {$(
        impl CoreError for $t {
            fn message(&self) -> &'static str {
                <$t>::message(*self)
            }
            fn code(&self) -> Code {
                Code::$code
            }
        }
    )+};
}
core_errors!(
    patgate::digest::DigestError => Argument,
    patgate::digest::PepperError => Option,
    patgate::digest::PepperTextError => Option,
    patgate::header::HeaderError => Argument,
    patgate::header::UsernameError => Argument,
    patgate::lifespan::LifespanError => Option,
    patgate::catalog::CatalogError => Option,
    patgate::scopes::ScopeError => Scope,
    patgate::gate::RealmError => Option,
    patgate::token::PrefixError => Option,
    patgate::token::TokenError => Argument,
    patgate::token::RandomnessError => Randomness,
    patgate::scan::ScanError => Option,
    patgate::policy::PolicyError => Option
);

/// Turns a core `Result` into one that throws an `Error` carrying the core's message and code.
pub(super) trait Throw<T> {
    fn or_throw(self) -> Result<T, JsValue>;
}

impl<T, E: CoreError> Throw<T> for Result<T, E> {
    fn or_throw(self) -> Result<T, JsValue> {
        self.map_err(|e| thrown(e.code(), e.message()))
    }
}

/// Refuses an options object that names anything but `known`: a misspelt option throws rather
/// than being ignored, with `refusal` and the name it met (the types list the names).
pub(super) fn known_options(options: &JsValue, known: &[&str], refusal: &str) -> Result<(), JsValue> {
    if options.is_object() {
        for name in Object::keys(options.unchecked_ref::<Object>()).iter() {
            if !known.iter().any(|k| name == *k) {
                return Err(thrown(Code::Option, &quoted(refusal, &name.as_string().unwrap_or_default())));
            }
        }
    }
    Ok(())
}

/// `message` and, when there is one, the name it concerns in quotes (a name from the developer's
/// own configuration; a long one is cut at 128 bytes).
pub(super) fn quoted(message: &str, name: &str) -> String {
    let mut text = String::from(message);
    if !name.is_empty() {
        text.push_str(": \"");
        let mut end = name.len().min(128);
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        text.push_str(name.get(..end).unwrap_or_default());
        text.push('"');
    }
    text
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

pub(super) fn prefix_of(prefix: Option<String>) -> Result<Prefix, JsValue> {
    prefix.map_or(Ok(Prefix::default()), |p| Prefix::new(&p).or_throw())
}

/// A pepper as JavaScript gives it: bytes (a `Uint8Array` or an `ArrayBuffer`, at least 16) or
/// text (base64url of at least 32 bytes, decoded). Anything else throws: a string copied as
/// bytes would become zeros, and two secrets of one length the same key.
pub(super) fn pepper_from(value: &JsValue) -> Result<Pepper, JsValue> {
    if let Some(text) = value.as_string() {
        return Pepper::from_base64url(&text).or_throw();
    }
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Pepper::new(&bytes.to_vec()).or_throw();
    }
    if let Some(buffer) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        return Pepper::new(&js_sys::Uint8Array::new(buffer).to_vec()).or_throw();
    }
    Err(thrown(Code::Option, "pepper must be a Uint8Array, an ArrayBuffer or a base64url string"))
}

/// An optional pepper: `undefined` or `null` is none.
pub(super) fn optional_pepper(value: &JsValue) -> Result<Option<Pepper>, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        pepper_from(value).map(Some)
    }
}

pub(super) fn digest_of(text: &str) -> Result<Digest, JsValue> {
    Digest::from_base64url(text).or_throw()
}

/// `what` + `must`, without the formatting machinery: a value not shaped as the types say.
pub(super) fn field_error(what: &str, must: &str) -> JsValue {
    let mut text = String::with_capacity(what.len() + must.len());
    text.push_str(what);
    text.push_str(must);
    thrown(Code::Argument, &text)
}

pub(super) fn millis(value: f64, what: &str) -> Result<i64, JsValue> {
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

pub(super) fn text_field(value: JsValue, what: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| field_error(what, " must be a string"))
}

pub(super) fn time_field(value: JsValue, what: &str) -> Result<i64, JsValue> {
    millis(value.as_f64().ok_or_else(|| field_error(what, " must be a number"))?, what)
}
