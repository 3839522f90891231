//! for-of over a generator without the iterator protocol's overheads.
//!
//! When a `ForOfNext` step's iterator is a suspended generator and its
//! `next` is %GeneratorPrototype%.next, the loop resumes the generator's
//! frame in the same dispatch loop (no native call, no nested run) and the
//! frame is marked `resumed_by_for_of`. Its `yield` then hands the value
//! straight to the loop's register (no iterator result object) and its
//! completion jumps to the loop's exit. Anything else the frame delivers
//! (a `yield*`'s raw inner result) is unpacked with IteratorComplete /
//! IteratorValue in the loop's frame, exactly as the protocol path would.
//!
//! Invariant: observable behaviour equals calling `next()` and reading
//! `done`/`value` of its result: the generator state changes, exceptions
//! and their handlers are those of the protocol path.

use std::ptr::fn_addr_eq;

use jsvm_bytecode::{Instruction, Reg};

use crate::atom::atoms;
use crate::builtins::iterator::IterKind;
use crate::error::{JsError, JsResult};
use crate::function::NativeFn;
use crate::interp::coroutine::{self, CoroutineKind, CoroutineState};
use crate::interp::frame::drop_frame;
use crate::interp::run::op_size;
use crate::object::ObjectKind;
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::Vm;

/// What the resumed generator frame gives back to the loop.
pub(crate) enum LoopStep {
    /// A `yield`ed value: the loop's next value.
    Value(Value),
    /// The generator completed: the loop ends.
    Done,
    /// An iterator result object (from `yield*`) to unpack.
    Raw(Value),
}

/// Whether `f` is a built-in function implemented by `native` (the
/// intrinsic of any realm).
fn is_native(vm: &Vm, f: Value, native: NativeFn) -> bool {
    matches!(f, Value::Object(o)
        if matches!(&vm.heap.obj(o).kind, ObjectKind::Function(nf) if fn_addr_eq(nf.f, native)))
}

/// The generator `iter` when `ForOfNext` (or a `Call` of `iter.next`) may
/// resume it in place: a suspended generator whose `next` is
/// %GeneratorPrototype%.next (of any realm). Running or completed
/// generators take the protocol path, which reports them.
pub(crate) fn fast_generator(vm: &Vm, iter: Value, next: Value) -> Option<ObjId> {
    let Value::Object(g) = iter else {
        return None;
    };
    if !is_native(vm, next, crate::builtins::coroutines::generator_next) {
        return None;
    }
    match &vm.heap.obj(g).kind {
        ObjectKind::Coroutine(c)
            if c.kind() == CoroutineKind::Generator
                && matches!(
                    c.state,
                    CoroutineState::SuspendedStart | CoroutineState::SuspendedYield
                ) =>
        {
            Some(g)
        }
        _ => None,
    }
}

/// One step of a for-of loop over an array iterator whose `next` is the
/// intrinsic %ArrayIteratorPrototype%.next (23.1.5.2.1), for values: the
/// same steps, minus the iterator result object, which the loop would only
/// read back (its own data properties). `Some(None)`: done. `None`: not
/// such an iterator, take IteratorStep.
pub(crate) fn fast_array_step(
    vm: &mut Vm,
    iter: Value,
    next: Value,
) -> Option<JsResult<Option<Value>>> {
    let Value::Object(it) = iter else {
        return None;
    };
    if !is_native(vm, next, crate::builtins::iterator::array_iterator_next) {
        return None;
    }
    match &vm.heap.obj(it).kind {
        ObjectKind::ArrayIterator(d) if d.kind == IterKind::Values => {
            let (iterated, index) = (d.iterated, d.next_index);
            Some(array_step(vm, it, iterated, index))
        }
        _ => None,
    }
}

fn array_step(
    vm: &mut Vm,
    it: ObjId,
    iterated: Option<ObjId>,
    index: u64,
) -> JsResult<Option<Value>> {
    let Some(array) = iterated else {
        return Ok(None);
    };
    let len = match vm.array_length_fast(array) {
        Some(len) => len as u64,
        None => match crate::builtins::typed_array::iteration_length(vm, array) {
            Some(len) => len?,
            None => vm.length_of_array_like(array)? as u64,
        },
    };
    let ObjectKind::ArrayIterator(d) = &mut vm.heap.obj_mut(it).kind else {
        return Ok(None);
    };
    if index >= len {
        d.iterated = None;
        return Ok(None);
    }
    d.next_index = index + 1;
    let fast = u32::try_from(index)
        .ok()
        .and_then(|i| vm.get_element_fast(array, i));
    Ok(Some(match fast {
        Some(v) => v,
        None => {
            let key = crate::builtins::support::index_key(vm, index);
            vm.get_prop(array, key)?
        }
    }))
}

/// GeneratorResume(g, undefined) on the interpreter's own stack: pushes
/// the generator's frame; what it delivers goes to the loop (`dst`).
#[inline]
pub(crate) fn resume_in_loop(vm: &mut Vm, g: ObjId, dst: Reg) -> JsResult<()> {
    coroutine::push_resumed_for_of(vm, g, dst)
}

/// Pops the (suspended or completed) generator frame and carries on with
/// the `ForOfNext` waiting below it: the value goes to its destination
/// register and the loop body runs, or the loop exits. A throw from
/// unpacking a raw result is thrown by the `ForOfNext` (the running pc is
/// left at it).
pub(crate) fn continue_loop(vm: &mut Vm, step: LoopStep) -> JsResult<()> {
    drop_frame(vm);
    let Some(f) = vm.interp.frames.last() else {
        return Err(crate::interp::run::bad_code(
            "for-of resumption without a loop",
        ));
    };
    let pc = f.pc as usize;
    let base = f.base as usize;
    let Some(Instruction::ForOfNext { dst, exit, .. }) = Instruction::decode(&f.unit.code.code, pc)
    else {
        return Err(crate::interp::run::bad_code(
            "for-of resumption without ForOfNext",
        ));
    };
    let next_pc = pc + f.unit.code.code.get(pc).map_or(1, |b| op_size(*b));
    let exit_pc = (pc as i64 + exit.0 as i64) as u32;
    let slot = base + dst.0 as usize;
    let value = match step {
        LoopStep::Value(v) => v,
        LoopStep::Done => {
            vm.interp.pc = exit_pc;
            return Ok(());
        }
        LoopStep::Raw(result) => {
            // Rooted in the loop's register while its getters run.
            set_register(vm, slot, result);
            let Value::Object(r) = result else {
                return Err(JsError::type_error(format!(
                    "Iterator result {} is not an object",
                    vm.display_value(result)
                )));
            };
            let done = vm.get(r, PropertyKey::Atom(atoms::DONE), result)?;
            if vm.to_boolean(done) {
                vm.interp.pc = exit_pc;
                return Ok(());
            }
            vm.get(r, PropertyKey::Atom(atoms::VALUE), result)?
        }
    };
    set_register(vm, slot, value);
    vm.interp.pc = next_pc as u32;
    Ok(())
}

fn set_register(vm: &mut Vm, slot: usize, v: Value) {
    if let Some(s) = vm.interp.stack.get_mut(slot) {
        *s = v;
    }
}
