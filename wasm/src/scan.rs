//! The leak scanner's JavaScript face.

use alloc::{vec, vec::Vec};
use super::convert::{field_error, known_options, prefix_of, text_field, thrown, Code, Obj, Throw};
use patgate::{
    scan::{ScanError, Scanner, MAX_PREFIXES},
    token::Prefix,
};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{prelude::*, JsCast};

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

fn scanner_of(options: Option<&ScanOptions>) -> Result<Scanner, JsValue> {
    // Not `Scanner::default()`: its impossible failure would be a panic path.
    let Some(options) = options else { return Scanner::new(&[Prefix::default()]).or_throw() };
    known_options(options, &["prefixes", "github", "reveal", "basic"], "unknown scan option")?;
    let listed = options.prefixes();
    let mut prefixes = if listed.is_undefined() || listed.is_null() {
        vec![Prefix::default()]
    } else {
        let list = listed.dyn_into::<Array>().map_err(|_| thrown(Code::Option, "options.prefixes must be an array of prefixes"))?;
        if list.length() as usize > MAX_PREFIXES {
            return Err(ScanError::PrefixCount).or_throw();
        }
        list.iter().map(|p| prefix_of(Some(text_field(p, "each prefix")?))).collect::<Result<Vec<_>, _>>()?
    };
    if flag(options.github(), "options.github")? {
        prefixes.extend(Scanner::github_prefixes().filter(|g| !prefixes.contains(g)).collect::<Vec<_>>());
    }
    let scanner = Scanner::new(&prefixes).or_throw()?;
    // `basic: false` leaves Basic credentials alone (absent means true).
    let basic = options.basic();
    Ok(if basic.is_undefined() || basic.is_null() || flag(basic, "options.basic")? { scanner } else { scanner.without_basic() })
}

/// Every token in `text` (a string, scanned as UTF-8, or bytes) with a valid checksum: its
/// position in bytes, line and column (from 1), prefix, encoding, hint and digest; the token
/// itself only with `reveal: true`.
#[wasm_bindgen(unchecked_return_type = "ScanMatch[]")]
pub fn scan(#[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue, options: Option<ScanOptions>) -> Result<Array, JsValue> {
    let scanner = scanner_of(options.as_ref())?;
    let reveal = options.as_ref().map_or(Ok(false), |o| flag(o.reveal(), "options.reveal"))?;
    let mut bytes = match text.as_string() {
        Some(s) => s.into_bytes(),
        None => text.dyn_ref::<Uint8Array>().ok_or_else(|| thrown(Code::Argument, "text must be a string or a Uint8Array"))?.to_vec(),
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

/// An optional boolean option: absent is `false`, anything but a boolean is a mistake.
pub(super) fn flag(value: JsValue, what: &str) -> Result<bool, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(false);
    }
    value.as_bool().ok_or_else(|| field_error(what, " must be a boolean"))
}
