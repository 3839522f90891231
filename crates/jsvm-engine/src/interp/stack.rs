//! Stack traces in V8's format, from the live frames' pcs through each
//! code's line table: `    at name (file:line:col)`, or `    at
//! file:line:col` for top-level and anonymous code, most recent first, at
//! most ten lines. Native functions have no frames and do not appear.

use std::fmt::Write;

use jsvm_bytecode::FunctionKind;

use crate::vm::Vm;

/// The most frames a captured stack shows (V8's default
/// `Error.stackTraceLimit`).
pub const STACK_TRACE_LIMIT: usize = 10;

/// The current stack as `"    at ..."` lines joined by '\n' (empty when no
/// JS frame is running).
pub fn capture_stack(vm: &Vm) -> String {
    let mut out = String::new();
    let frames = &vm.interp.frames;
    for (i, f) in frames.iter().rev().take(STACK_TRACE_LIMIT).enumerate() {
        let pc = if i == 0 { vm.interp.pc } else { f.pc };
        let code = &f.unit.code;
        let (line, col) = code.position_at(pc).unwrap_or((1, 1));
        let file = &code.source.name;
        if !out.is_empty() {
            out.push('\n');
        }
        let anonymous =
            code.name.is_empty() || matches!(code.kind, FunctionKind::Script | FunctionKind::Eval);
        if anonymous {
            let _ = write!(out, "    at {file}:{line}:{col}");
        } else if f.construct || code.kind.is_class_constructor() {
            let _ = write!(out, "    at new {} ({file}:{line}:{col})", code.name);
        } else {
            let _ = write!(out, "    at {} ({file}:{line}:{col})", code.name);
        }
    }
    out
}

impl Vm {
    /// See [`capture_stack`].
    pub fn capture_stack(&self) -> String {
        capture_stack(self)
    }
}
