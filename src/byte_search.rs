//! The leak scanner's searches on wasm, where memchr has no vector path (no simd128): a byte
//! loop does as well and keeps the module 7 KB smaller. Compiled only for wasm32, so the wasm
//! suites test it (the corpus against the Python oracle in Node and Chromium), not `cargo test`.

use alloc::vec::Vec;
use crate::{
    scan::{ScanError, MAX_PREFIXES},
    token::MAX_PREFIX_LEN,
};

/// Needles one scanner searches for: one per prefix, then `asic`/`ASIC` for `Basic`.
const SEARCHES: usize = MAX_PREFIXES + 2;

/// A substring search; needles are at most 17 bytes, so a scan stays linear.
pub(crate) struct Finder<'a> {
    needle: [u8; MAX_PREFIX_LEN + 1],
    len: usize,
    _text: core::marker::PhantomData<&'a [u8]>,
}

impl Finder<'static> {
    pub(crate) fn new(needle: &[u8]) -> Finder<'static> {
        let mut copy = [0; MAX_PREFIX_LEN + 1];
        for (to, from) in copy.iter_mut().zip(needle) {
            *to = *from;
        }
        Finder { needle: copy, len: needle.len().min(MAX_PREFIX_LEN + 1), _text: core::marker::PhantomData }
    }
    pub(crate) fn into_owned(self) -> Finder<'static> {
        self
    }
    pub(crate) fn find(&self, hay: &[u8]) -> Option<usize> {
        let (&first, rest) = self.needle.get(..self.len)?.split_first()?;
        let mut from = 0;
        while let Some(i) = hay.get(from..)?.iter().position(|&b| b == first) {
            let at = from + i;
            if hay.get(at + 1..at + 1 + rest.len()) == Some(rest) {
                return Some(at);
            }
            from = at + 1;
        }
        None
    }
}

/// How many newlines `bytes` holds, and where the last one is.
pub(crate) fn newlines(bytes: &[u8]) -> (usize, Option<usize>) {
    (bytes.iter().filter(|&&b| b == b'\n').count(), bytes.iter().rposition(|&b| b == b'\n'))
}

/// Every needle searched for on its own: each search keeps its next candidate.
pub(crate) struct Needles(Vec<Finder<'static>>);

/// Each needle's next candidate.
pub(crate) type Cursor = [Option<usize>; SEARCHES];

impl Needles {
    pub(crate) fn new(needles: &[Vec<u8>]) -> Result<Needles, ScanError> {
        if needles.len() > SEARCHES {
            return Err(ScanError::PrefixCount);
        }
        Ok(Needles(needles.iter().map(|n| Finder::new(n)).collect()))
    }
    pub(crate) fn start(&self, text: &[u8]) -> Cursor {
        let mut next = [None; SEARCHES];
        for (slot, finder) in next.iter_mut().zip(&self.0) {
            *slot = finder.find(text);
        }
        next
    }
    /// The leftmost candidate: its position and needle.
    pub(crate) fn candidate(&self, cursor: &Cursor, _text: &[u8]) -> Option<(usize, usize)> {
        cursor.iter().enumerate().filter_map(|(s, at)| at.map(|at| (at, s))).min()
    }
    /// Looks for needle `needle`'s next candidate from `from` on.
    pub(crate) fn resume(&self, cursor: &mut Cursor, text: &[u8], needle: usize, from: usize) {
        let next = text.get(from..).zip(self.0.get(needle)).and_then(|(rest, finder)| finder.find(rest)).map(|i| from + i);
        if let Some(slot) = cursor.get_mut(needle) {
            *slot = next;
        }
    }
}
