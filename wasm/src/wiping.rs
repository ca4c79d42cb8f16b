//! The module's allocator: talc (smaller and faster than std's dlmalloc in wasm), wiping every
//! block it frees. Every string crosses the boundary in a block of its own, a header (and the
//! token in it) or a token handed to `checkToken` or `formatBasic` too; wiped on free, it does
//! not stay in wasm memory after its call, as the core's own buffers do not.

use core::alloc::{GlobalAlloc, Layout};

pub(crate) struct Wiping(talc::wasm::WasmDynamicTalc);

impl Wiping {
    pub(crate) const fn new() -> Self {
        Wiping(talc::wasm::new_wasm_dynamic_allocator())
    }
}

// SAFETY: every block comes from talc and goes back to it with the layout it was made with; a
// wipe writes only inside the block being freed, and a copy only the bytes both blocks hold.
unsafe impl GlobalAlloc for Wiping {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        self.0.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        ptr.write_bytes(0, layout.size());
        self.0.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Always into a new block, the old one wiped and freed: talc could otherwise move or
        // shrink it without wiping what it leaves behind. Reallocation is rare off the hot path.
        let new = self.0.alloc(Layout::from_size_align_unchecked(new_size, layout.align()));
        if !new.is_null() {
            core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        new
    }
}
