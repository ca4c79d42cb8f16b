//! Bytes of wasm memory shared with the package's JavaScript (js/gate.js), so that the hot
//! path's inputs (a header, digests) and results (a digest, a new token) cross without a
//! string conversion or an allocation each. JavaScript writes the input region right before a
//! call (short ASCII text by a loop, anything else with one `TextEncoder.encodeInto`: see
//! `put` in js/gate.js) and reads the output region right after it; nothing is kept between calls.

use super::Instance;
use core::cell::RefCell;
use wasm_bindgen::{prelude::*, JsCast};

/// The input region: the largest default header (8 KiB) with two digests before it.
pub(super) const INPUT_BYTES: usize = 8192 + 256;
/// The output region follows the input region.
const OUTPUT_BYTES: usize = 8192 - 256;
const SCRATCH_BYTES: usize = INPUT_BYTES + OUTPUT_BYTES;

static SCRATCH: Instance<RefCell<[u8; SCRATCH_BYTES]>> = Instance(RefCell::new([0; SCRATCH_BYTES]));

/// A view of the scratch bytes, input region first (make a new one when wasm memory grows:
/// the old one detaches).
#[wasm_bindgen(js_name = scratchView)]
pub fn scratch_view() -> js_sys::Uint8Array {
    let address = SCRATCH.0.as_ptr() as u32;
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    js_sys::Uint8Array::new_with_byte_offset_and_length(&memory.buffer(), address, SCRATCH_BYTES as u32)
}

/// The size of the input region (the output region starts there).
#[wasm_bindgen(js_name = scratchInputBytes)]
pub fn scratch_input_bytes() -> u32 {
    INPUT_BYTES as u32
}

/// Runs `f` on the first `len` bytes of the input region and the whole output region.
pub(super) fn with<T>(len: usize, f: impl FnOnce(&[u8], &mut [u8]) -> Result<T, JsError>) -> Result<T, JsError> {
    run(len, false, f)
}

/// `with`, then wipes those input bytes: they held a header, which carries a token. (Only for
/// calls whose fallback passes its inputs again as strings: `judgeChecked` reads what
/// `judgeScratch` left.)
pub(super) fn with_header<T>(len: usize, f: impl FnOnce(&[u8], &mut [u8]) -> Result<T, JsError>) -> Result<T, JsError> {
    run(len, true, f)
}

fn run<T>(len: usize, wipe: bool, f: impl FnOnce(&[u8], &mut [u8]) -> Result<T, JsError>) -> Result<T, JsError> {
    let mut s = SCRATCH.0.try_borrow_mut().map_err(|_| JsError::new("the scratch bytes are in use"))?;
    let (input, output) = s.split_at_mut(INPUT_BYTES);
    let input = input.get_mut(..len).ok_or_else(|| JsError::new("the input is longer than the scratch bytes"))?;
    let answer = f(input, output);
    if wipe {
        input.fill(0); // the region is a static JavaScript reads: the writes are not dead
    }
    answer
}

/// Writes `parts` one after another into the output region; returns the length, or `None` if
/// they do not fit.
pub(super) fn put(output: &mut [u8], parts: &[&[u8]]) -> Option<usize> {
    let mut at = 0;
    for part in parts {
        output.get_mut(at..at + part.len())?.copy_from_slice(part);
        at += part.len();
    }
    Some(at)
}

/// Writes `parts` into the output region outside any other scratch call.
#[cfg(feature = "portal")]
pub(super) fn put_output(parts: &[&[u8]]) -> Option<usize> {
    with(0, |_, output| Ok(put(output, parts))).ok().flatten()
}
