//! The interpreter: a register machine over `jsvm_bytecode` code with one
//! VM-wide register stack and a stack of plain-data frames.
//!
//! JS-to-JS calls push a frame and continue in the same dispatch loop
//! (`run::run`); only native code calling back into JS (`call_closure`,
//! `construct_closure`) enters a nested run. A frame is plain data (code
//! unit, pc, register window, environment, this, callee, new.target,
//! realm), so a later coroutine implementation can suspend one by copying
//! its window into a heap object.
//!
//! Invariants:
//! - `stack[f.args_base ..]` belongs to frame `f` and the frames above it;
//!   `stack.len()` is the end of the top frame's window; every value in
//!   `stack` is a GC root (`InterpState::trace`).
//! - `frames.last().pc` is stale while its code runs; the running pc is
//!   `InterpState::pc`, published by every instruction that may throw,
//!   allocate or end the frame (the others, moves, tests and jumps, call
//!   out to nothing that reads it). Every frame below the top has `pc` =
//!   the pc of the call instruction it is waiting in.
//! - `vm.current_realm` is the top frame's realm while a frame runs.
//!
//! Layout: `frame.rs` (frames, calls, this binding), `run.rs` (the dispatch
//! loop), `ops_*.rs` (slow paths by topic), `env.rs` and `names.rs`
//! (environments and name resolution), `closure.rs`, `code.rs`, `eval.rs`
//! (PerformEval, the Function constructor), `stack.rs` (stack traces).

mod async_generator;
mod callsite;
pub mod closure;
pub mod code;
pub mod coroutine;
pub mod env;
mod eval;
mod for_of;
mod frame;
mod ic;
mod names;
mod ops_arith;
mod ops_call;
mod ops_class;
mod ops_env;
mod ops_iter;
mod ops_property;
mod run;
mod stack;
#[cfg(test)]
mod tests;

use std::rc::Rc;

use hashbrown::HashMap;
use jsvm_bytecode::FunctionCode;

use crate::error::JsResult;
use crate::heap::Tracer;
use crate::value::{ObjId, RealmId, StrId, Value};
use crate::vm::Vm;

pub(crate) use async_generator::request as async_generator_request;
pub use coroutine::{resume_after_await, ResumeMode};
pub(crate) use eval::eval_script;
pub use eval::{create_dynamic_function, perform_eval};
pub(crate) use frame::Callback;
pub use frame::Frame;
pub use jsvm_syntax::DynamicFunctionKind;
pub use ops_iter::ForInIterator;
pub use stack::{capture_stack, capture_stack_skipping, STACK_TRACE_LIMIT};

/// Register stack and frames.
pub struct InterpState {
    /// The register stack: every frame's argument copy and register window.
    pub stack: Vec<Value>,
    /// Live frames, innermost last.
    pub frames: Vec<Frame>,
    /// The pc of the instruction the top frame is executing, or of its
    /// last one with effects (see the module docs).
    pub pc: u32,
    /// Heap strings of constant canonical array index texts (those are never
    /// atoms), kept alive forever like atom strings.
    pub index_strings: HashMap<u32, StrId>,
    /// GetTemplateObject's [[TemplateMap]]: (FunctionCode address, constant
    /// index, realm) -> the template object. The `Rc` keeps the address
    /// from being reused.
    pub templates: HashMap<(usize, u32, RealmId), (Rc<FunctionCode>, ObjId)>,
    /// Global lexical bindings created so far, in every realm (see
    /// `IcEntry::Global`).
    pub(crate) global_lexicals: u64,
}

impl InterpState {
    pub fn new() -> InterpState {
        InterpState {
            stack: Vec::with_capacity(1024),
            frames: Vec::with_capacity(64),
            pc: 0,
            index_strings: HashMap::new(),
            templates: HashMap::new(),
            global_lexicals: 0,
        }
    }

    /// Forgets the values pending calls are about to overwrite: the
    /// destination register of the `Call` each frame below the top waits
    /// in. Such a value is dead (the call writes the register when it
    /// returns; if it throws and no handler of that frame catches it, the
    /// frame is gone), yet in a loop it is the previous iteration's result,
    /// which would stay alive through the whole call: `f(make())` in a loop
    /// kept the last `make()` result while the next was being built. A
    /// frame inside a try block keeps the value, which its handler may
    /// read.
    fn clear_pending_call_results(&mut self) {
        for i in 1..self.frames.len() {
            let (Some(below), Some(ret)) = (self.frames.get(i - 1), self.frames[i].ret) else {
                continue;
            };
            let pc = below.pc;
            let code = &below.unit.code;
            let waits_in_call = matches!(
                jsvm_bytecode::Instruction::decode(&code.code, pc as usize),
                Some(jsvm_bytecode::Instruction::Call { dst, .. }) if dst == ret
            );
            let in_try = code.handlers.iter().any(|h| h.start <= pc && pc < h.end);
            if waits_in_call && !in_try {
                let at = below.base as usize + ret.0 as usize;
                if let Some(v) = self.stack.get_mut(at) {
                    *v = Value::Undefined;
                }
            }
        }
    }

    /// Reports every root the interpreter holds: all registers and argument
    /// copies of live frames, each frame's environment, this, callee and
    /// new.target, constant strings and template objects.
    pub fn trace(&self, t: &mut Tracer) {
        for &v in &self.stack {
            t.mark_value(v);
        }
        for f in &self.frames {
            t.mark_env(f.env);
            t.mark_value(f.this);
            for o in [f.callee, f.new_target].into_iter().flatten() {
                t.mark_object(o);
            }
            if let Some(c) = f.coroutine {
                t.mark_object(c);
            }
        }
        for &s in self.index_strings.values() {
            t.mark_string(s);
        }
        for (_, o) in self.templates.values() {
            t.mark_object(*o);
        }
    }
}

/// Clears register copies that hold dead values, before the collector
/// traces the roots: the destinations of pending calls (see
/// `clear_pending_call_results`) and the saved registers of coroutines whose
/// frames are running (the live values are on the stack; the saved copy is
/// stale until the next suspension rewrites it, and it would keep alive
/// everything the coroutine held when it last suspended).
pub(crate) fn clear_dead_registers(vm: &mut Vm) {
    vm.interp.clear_pending_call_results();
    for f in &vm.interp.frames {
        if let Some(co) = f.coroutine {
            if let crate::object::ObjectKind::Coroutine(c) = &mut vm.heap.obj_mut(co).kind {
                c.forget_saved_registers();
            }
        }
    }
}

/// The roots of the interpreter, for the collector.
pub fn trace_roots(state: &InterpState, t: &mut Tracer) {
    state.trace(t);
}

/// [[Call]] of a bytecode function from native code (a nested run of the
/// dispatch loop). `args` must be rooted by the caller.
pub fn call_closure(vm: &mut Vm, f: ObjId, this: Value, args: &[Value]) -> JsResult<Value> {
    frame::call_closure(vm, f, this, args)
}

/// [[Construct]] of a bytecode function from native code.
pub fn construct_closure(
    vm: &mut Vm,
    f: ObjId,
    args: &[Value],
    new_target: ObjId,
) -> JsResult<Value> {
    frame::construct_closure(vm, f, args, new_target)
}
