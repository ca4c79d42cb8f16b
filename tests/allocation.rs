//! The gate's hot path allocates nothing for any header within the default 8 KiB limit: the
//! decoded credentials stay in a stack buffer sized for the largest one. Counted natively with a
//! global allocator that notes every allocation.
#![cfg(not(target_arch = "wasm32"))]

use patgate::{header, token, Gate, Prefix};
use std::{
    alloc::{GlobalAlloc, Layout, System},
    sync::atomic::{AtomicUsize, Ordering},
};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_in(f: impl FnOnce() -> u16) -> (u16, usize) {
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    let status = f();
    (status, ALLOCATIONS.load(Ordering::SeqCst) - before)
}

#[test]
fn verify_allocates_nothing_up_to_the_largest_default_header() {
    let generated = token::generate(&Prefix::default()).unwrap();
    let token = generated.token.expose().to_owned();
    let gate = Gate::default();
    // The longest user-id whose Basic header still fits 8,192 bytes, and a short one.
    let longest = (0..8192).rev().map(|n| "u".repeat(n)).find(|u| header::format_basic(&token, u).unwrap().len() <= 8192).unwrap();
    for name in ["", "x", longest.as_str()] {
        let value = header::format_basic(&token, name).unwrap();
        let (status, allocations) = allocations_in(|| gate.verify(Some(&value), &generated.digest));
        assert_eq!((status, allocations), (200, 0), "a {}-byte header", value.len());
    }
    let bearer = header::format_bearer(&token);
    assert_eq!(allocations_in(|| gate.verify(Some(&bearer), &generated.digest)), (200, 0));
}
