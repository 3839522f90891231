//! Abstract operations: type conversion (ECMAScript 7.1), testing and
//! comparison (7.2), calls and construction (7.3), iterators (7.4), and the
//! helpers for creating functions, strings, atoms and symbols.
//!
//! Invariant: every function follows its spec algorithm step by step
//! (observable order of calls and errors included). Handles held across a
//! call that can run JS are rooted for its duration and the root stack is
//! trimmed back before returning; values a function returns are not rooted
//! (the caller roots them if it runs JS before storing them).
//!
//! Layout: 7.1 conversions, 7.2 comparisons and `type_of` in
//! `ops/convert.rs`; calls, construction, instanceof, species and function
//! realms in `ops/call.rs`; iterators in `ops/iter.rs`; function objects
//! (`new_native_function`, `define_method`, ...) in `ops/functions.rs`;
//! strings, atoms, keys and symbols in `ops/strings.rs`.
//!
//! OWNER: engine-core helper. The signatures are the contract other helpers
//! code against: keep them; add more.

mod call;
mod convert;
mod descriptor;
mod functions;
mod iter;
mod strings;

/// The hint passed to ToPrimitive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PreferredType {
    Default,
    String,
    Number,
}

/// An iterator record (ECMAScript 7.4.1).
#[derive(Clone, Copy, Debug)]
pub struct IteratorRecord {
    pub iterator: crate::value::ObjId,
    pub next_method: crate::value::Value,
    pub done: bool,
}
