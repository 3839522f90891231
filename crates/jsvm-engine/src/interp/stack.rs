//! Stack traces in V8's format, from the live frames' pcs through each
//! code's line table, most recent first, at most ten lines:
//! `    at Type.method (file:line:col)` for method calls (the receiver's
//! constructor name), `    at new C (file:line:col)` for constructors,
//! `    at f (file:line:col)` for plain calls, `    at file:line:col` for
//! top-level and anonymous code. Native functions have no frames and do
//! not appear. Callers choose how many lines (`Error.stackTraceLimit`) and
//! which frames to leave out at the top (V8's SKIP_UNTIL_SEEN).
//!
//! Invariant: capturing never runs JS (receiver type names are read from
//! plain data properties only).

use std::fmt::Write;

use jsvm_bytecode::FunctionKind;

use crate::atom::atoms;
use crate::interp::frame::Frame;
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::Vm;

/// The most frames a captured stack shows by default (V8's initial
/// `Error.stackTraceLimit`).
pub const STACK_TRACE_LIMIT: usize = 10;

/// The current stack as `"    at ..."` lines joined by '\n' (empty when no
/// JS frame is running), at most [`STACK_TRACE_LIMIT`] lines.
pub fn capture_stack(vm: &Vm) -> String {
    capture_frames(vm, None, STACK_TRACE_LIMIT)
}

/// Like [`capture_stack`], but when `skip_until` is given, the frames from
/// the top down to the topmost frame running that function (inclusive) are
/// left out, as V8 does for `new.target` in the Error constructors (so
/// `class MyErr extends Error` shows no `new MyErr` frame) and for the
/// second argument of `Error.captureStackTrace`. When no frame runs that
/// function, every frame is left out (V8's SKIP_UNTIL_SEEN).
pub fn capture_stack_skipping(vm: &Vm, skip_until: Option<ObjId>) -> String {
    capture_frames(vm, skip_until, STACK_TRACE_LIMIT)
}

/// The general form of [`capture_stack_skipping`]: at most `limit` lines
/// (`Error.stackTraceLimit`).
pub fn capture_frames(vm: &Vm, skip_until: Option<ObjId>, limit: usize) -> String {
    let frames = &vm.interp.frames;
    let mut skip = 0;
    if let Some(f) = skip_until {
        skip = match frames.iter().rev().position(|fr| fr.callee == Some(f)) {
            Some(i) => i + 1,
            None => frames.len(),
        };
    }
    let mut out = String::new();
    for (i, f) in frames.iter().rev().enumerate().skip(skip).take(limit) {
        let pc = if i == 0 { vm.interp.pc } else { f.pc };
        if !out.is_empty() {
            out.push('\n');
        }
        let code = &f.unit.code;
        let (line, col) = code.position_at(pc).unwrap_or((1, 1));
        let loc = format!("{}:{line}:{col}", code.source.name);
        match frame_name(vm, f) {
            Some(name) => {
                let _ = write!(out, "    at {name} ({loc})");
            }
            None => {
                let _ = write!(out, "    at {loc}");
            }
        }
    }
    out
}

/// The frame's display name, or None for top-level and anonymous code.
fn frame_name(vm: &Vm, f: &Frame) -> Option<String> {
    let code = &f.unit.code;
    if matches!(code.kind, FunctionKind::Script | FunctionKind::Eval) {
        return None;
    }
    let name: &str = &code.name;
    if f.construct || code.kind.is_class_constructor() {
        let n = if name.is_empty() { "<anonymous>" } else { name };
        return Some(format!("new {n}"));
    }
    let receiver = match f.this {
        Value::Object(o) if code.kind != FunctionKind::Arrow && !is_global(vm, f, o) => Some(o),
        _ => None,
    };
    match receiver.and_then(|o| type_name(vm, o)) {
        Some(t) => {
            let n = if name.is_empty() { "<anonymous>" } else { name };
            Some(format!("{t}.{n}"))
        }
        None if name.is_empty() => None,
        None => Some(name.to_string()),
    }
}

fn is_global(vm: &Vm, f: &Frame, o: ObjId) -> bool {
    vm.realm(f.realm).global_object == o
}

/// The receiver's constructor name (V8's GetConstructorName), read without
/// running JS.
fn type_name(vm: &Vm, o: ObjId) -> Option<String> {
    let ctor = data_property(vm, o, PropertyKey::Atom(atoms::CONSTRUCTOR))?;
    let Value::Object(c) = ctor else {
        return None;
    };
    match data_property(vm, c, PropertyKey::Atom(atoms::NAME))? {
        Value::String(s) => {
            let n = vm.heap.str(s).to_rust_lossy();
            (!n.is_empty()).then_some(n)
        }
        _ => None,
    }
}

/// A data property found along the prototype chain (None at proxies and
/// accessors).
fn data_property(vm: &Vm, o: ObjId, key: PropertyKey) -> Option<Value> {
    let mut cur = Some(o);
    while let Some(c) = cur {
        let obj = vm.heap.obj(c);
        if obj.is_proxy() {
            return None;
        }
        if let Some(p) = obj.find_own(&vm.heap.shapes, key) {
            return (!p.flags.is_accessor()).then_some(p.value);
        }
        cur = obj.proto();
    }
    None
}

impl Vm {
    /// See [`capture_stack`].
    pub fn capture_stack(&self) -> String {
        capture_stack(self)
    }
    /// See [`capture_frames`].
    pub fn capture_frames(&self, skip_until: Option<ObjId>, limit: usize) -> String {
        capture_frames(self, skip_until, limit)
    }
}
