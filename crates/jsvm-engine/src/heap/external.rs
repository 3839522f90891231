//! Memory the collector's objects own outside their arena slots (element
//! vectors, spilled property slots, a rope's flat copy), counted toward the
//! next collection.
//!
//! Such memory grows where the heap is not at hand (inside `DenseVec`, or
//! behind `&Heap`), so the growth goes to a per-thread counter that
//! `Heap::wants_gc` adds to the heap's own debt and every collection
//! resets. Without it, a program whose garbage is mostly arrays (map and
//! filter results) allocates hundreds of megabytes between collections.
//! A VM lives on one thread, so the counter is its own; two VMs on one
//! thread only make each other collect a little early.

use std::cell::Cell;

thread_local! {
    static PENDING: Cell<usize> = const { Cell::new(0) };
}

/// Counts `bytes` allocated outside the arenas.
#[inline]
pub(crate) fn note(bytes: usize) {
    PENDING.with(|c| c.set(c.get().saturating_add(bytes)));
}

/// Bytes counted since the last `reset`.
#[inline(always)]
pub(crate) fn pending() -> usize {
    PENDING.with(Cell::get)
}

/// Starts a new count (after a collection).
pub(crate) fn reset() {
    PENDING.with(|c| c.set(0));
}
