//! The server's allocator: mimalloc, told to give freed memory back to the system
//! sooner than it would.
//!
//! The engine keeps every object as many small allocations; glibc's allocator spent half
//! of a 60,000-pod run fragmenting and consolidating them (`engine/examples/scale/`).
//! mimalloc by default keeps freed pages a second before it returns them, and a busy
//! engine always has pages freed in the last second. Measured
//! (`docs/performance/engine-memory.md`), by purge delay:
//!
//! | delay | RSS a pod at 150,000 pods | `storm_pods_per_s` | `storm_get_p99_ms` |
//! | --- | --- | --- | --- |
//! | 1,000 ms (mimalloc's) | 36,106 | 3,782 | 12.33 |
//! | 100 ms (Berth's) | 31,052 | 3,156 | 14.16 |
//! | 0 | 28,871 | 3,013 | 16.49 |
//!
//! Returning pages costs the API a little under load; 100 ms keeps most of the memory
//! for a part of that cost.

/// mimalloc's `mi_option_purge_delay`: its place in `mi_option_e` (mimalloc.h, v2 and
/// v3 alike); the `mimalloc` crate does not export its options.
const PURGE_DELAY: i32 = 15;

/// How long freed pages are kept before they go back to the system, in milliseconds.
const PURGE_AFTER_MS: std::ffi::c_long = 100;

extern "C" {
    fn mi_option_set(option: i32, value: std::ffi::c_long);
}

/// Has mimalloc return freed pages to the system after [`PURGE_AFTER_MS`] instead of a
/// second, unless `MIMALLOC_PURGE_DELAY` says otherwise (mimalloc's own variable).
pub fn release_freed_pages_sooner() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: `mi_option_set` only stores an option's value, which may be set at any
    // time; a purge delay is any number of milliseconds.
    unsafe { mi_option_set(PURGE_DELAY, PURGE_AFTER_MS) }
}
