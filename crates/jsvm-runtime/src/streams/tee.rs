//! ReadableStreamDefaultTee (Streams §4.9.1, cloneForBranch2 false):
//! two branches that each see every chunk of the source stream, read
//! through one reader as fast as the faster branch pulls. The source is
//! cancelled only when both branches are. Used by `stream.tee()` and
//! `Response.prototype.clone()`.
//!
//! Invariant: at most one read of the source is outstanding (READING);
//! a pull that arrives meanwhile sets READ_AGAIN and is served when the
//! chunk has been given to both branches.

use jsvm_engine::api::{Attrs, CallArgs, PropertyKey};
use jsvm_engine::error::JsResult;
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use super::{controller_close, controller_enqueue, controller_error};
use crate::promises;

const T_READER: u32 = 0;
const T_READING: u32 = 1;
const T_READ_AGAIN: u32 = 2;
const T_CANCELED1: u32 = 3;
const T_CANCELED2: u32 = 4;
const T_REASON1: u32 = 5;
const T_REASON2: u32 = 6;
const T_CONTROLLER1: u32 = 7;
const T_CONTROLLER2: u32 = 8;
const T_CANCEL_PROMISE: u32 = 9;
const T_STREAM: u32 = 10;
const T_ON_CHUNK: u32 = 11;
const T_ON_CLOSE: u32 = 12;
const T_ON_ERROR: u32 = 13;

fn get(vm: &mut Vm, st: ObjId, i: u32) -> Value {
    vm.get_prop(st, PropertyKey::Index(i))
        .unwrap_or(Value::Undefined)
}

fn set(vm: &mut Vm, st: ObjId, i: u32, v: Value) {
    vm.define_value(st, PropertyKey::Index(i), v, Attrs::ALL);
}

fn flag(vm: &mut Vm, st: ObjId, i: u32) -> bool {
    matches!(get(vm, st, i), Value::Boolean(true))
}

/// Tees `stream` (which must be unlocked): returns the two branches.
pub fn tee(vm: &mut Vm, stream: Value) -> JsResult<(ObjId, ObjId)> {
    let mark = vm.roots_len();
    let r = tee_rooted(vm, stream);
    vm.truncate_roots(mark);
    r
}

fn tee_rooted(vm: &mut Vm, stream: Value) -> JsResult<(ObjId, ObjId)> {
    let reader = super::acquire_reader(vm, stream)?;
    vm.push_root(Value::Object(reader));
    let cancel_promise = promises::new_promise(vm);
    vm.push_root(Value::Object(cancel_promise));
    let st = vm.new_array_with_proto(&[], None);
    vm.push_root(Value::Object(st));
    set(vm, st, T_READER, Value::Object(reader));
    for i in [T_READING, T_READ_AGAIN, T_CANCELED1, T_CANCELED2] {
        set(vm, st, i, Value::Boolean(false));
    }
    set(vm, st, T_CANCEL_PROMISE, Value::Object(cancel_promise));
    set(vm, st, T_STREAM, stream);
    let empty = vm.key("");
    for (i, f) in [
        (T_ON_CHUNK, on_chunk as jsvm_engine::function::NativeFn),
        (T_ON_CLOSE, on_close),
        (T_ON_ERROR, on_error),
    ] {
        let c = vm.new_native_closure(empty, 1, f, &[Value::Object(st)]);
        set(vm, st, i, Value::Object(c));
    }
    let pull = vm.new_native_closure(empty, 1, pull_algorithm, &[Value::Object(st)]);
    vm.push_root(Value::Object(pull));
    let mut branches = [None, None];
    for (n, branch) in branches.iter_mut().enumerate() {
        let cancel = vm.new_native_closure(
            empty,
            1,
            cancel_algorithm,
            &[Value::Object(st), Value::Number(n as f64 + 1.0)],
        );
        vm.push_root(Value::Object(cancel));
        let (s, c) = super::create_readable_stream(
            vm,
            Value::Undefined,
            Value::Object(pull),
            Value::Object(cancel),
            1.0,
        )?;
        vm.push_root(Value::Object(s));
        set(
            vm,
            st,
            if n == 0 { T_CONTROLLER1 } else { T_CONTROLLER2 },
            Value::Object(c),
        );
        *branch = Some(s);
    }
    // Upon rejection of reader.[[closedPromise]]: error both branches.
    if let Some(closed) = super::reader::closed_promise(vm, Value::Object(reader)) {
        promises::then_native(vm, closed, noop, closed_rejected, &[Value::Object(st)]);
    }
    match branches {
        [Some(a), Some(b)] => Ok((a, b)),
        _ => Err(jsvm_engine::error::JsError::type_error("tee failed")),
    }
}

fn noop(_vm: &mut Vm, _a: &CallArgs) -> JsResult<Value> {
    Ok(Value::Undefined)
}

fn state(vm: &Vm, a: &CallArgs) -> Option<ObjId> {
    vm.native_slot(a.callee, 0).as_object()
}

/// pullAlgorithm: one read of the source at a time.
fn pull_algorithm(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    if let Some(st) = state(vm, a) {
        pull(vm, st)?;
    }
    Ok(Value::Object(promises::resolved_with(
        vm,
        Value::Undefined,
    )?))
}

fn pull(vm: &mut Vm, st: ObjId) -> JsResult<()> {
    if flag(vm, st, T_READING) {
        set(vm, st, T_READ_AGAIN, Value::Boolean(true));
        return Ok(());
    }
    set(vm, st, T_READING, Value::Boolean(true));
    let Value::Object(reader) = get(vm, st, T_READER) else {
        return Ok(());
    };
    let chunk = get(vm, st, T_ON_CHUNK);
    let close = get(vm, st, T_ON_CLOSE);
    let error = get(vm, st, T_ON_ERROR);
    super::read_with_callbacks(vm, reader, chunk, close, error)
}

/// Chunk steps: hand the chunk on in a microtask.
fn on_chunk(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    if let Some(st) = state(vm, a) {
        vm.enqueue_native_job(deliver_job, vec![Value::Object(st), a.arg(0)]);
    }
    Ok(Value::Undefined)
}

fn deliver_job(vm: &mut Vm, values: &[Value]) -> JsResult<()> {
    let (Some(&Value::Object(st)), Some(&chunk)) = (values.first(), values.get(1)) else {
        return Ok(());
    };
    set(vm, st, T_READ_AGAIN, Value::Boolean(false));
    for (canceled, ctrl) in [(T_CANCELED1, T_CONTROLLER1), (T_CANCELED2, T_CONTROLLER2)] {
        if !flag(vm, st, canceled) {
            if let Value::Object(c) = get(vm, st, ctrl) {
                controller_enqueue(vm, c, chunk)?;
            }
        }
    }
    set(vm, st, T_READING, Value::Boolean(false));
    if flag(vm, st, T_READ_AGAIN) {
        pull(vm, st)?;
    }
    Ok(())
}

fn on_close(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let Some(st) = state(vm, a) else {
        return Ok(Value::Undefined);
    };
    set(vm, st, T_READING, Value::Boolean(false));
    let c1 = flag(vm, st, T_CANCELED1);
    let c2 = flag(vm, st, T_CANCELED2);
    for (canceled, ctrl) in [(c1, T_CONTROLLER1), (c2, T_CONTROLLER2)] {
        if !canceled {
            if let Value::Object(c) = get(vm, st, ctrl) {
                controller_close(vm, c)?;
            }
        }
    }
    if !c1 || !c2 {
        if let Value::Object(p) = get(vm, st, T_CANCEL_PROMISE) {
            promises::resolve(vm, p, Value::Undefined)?;
        }
    }
    Ok(Value::Undefined)
}

fn on_error(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    if let Some(st) = state(vm, a) {
        set(vm, st, T_READING, Value::Boolean(false));
    }
    Ok(Value::Undefined)
}

fn closed_rejected(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let Some(st) = state(vm, a) else {
        return Ok(Value::Undefined);
    };
    let r = a.arg(0);
    for ctrl in [T_CONTROLLER1, T_CONTROLLER2] {
        if let Value::Object(c) = get(vm, st, ctrl) {
            controller_error(vm, c, r)?;
        }
    }
    if !flag(vm, st, T_CANCELED1) || !flag(vm, st, T_CANCELED2) {
        if let Value::Object(p) = get(vm, st, T_CANCEL_PROMISE) {
            promises::resolve(vm, p, Value::Undefined)?;
        }
    }
    Ok(Value::Undefined)
}

/// cancel1Algorithm / cancel2Algorithm: the source is cancelled with
/// `[reason1, reason2]` once both branches are.
fn cancel_algorithm(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let Some(st) = state(vm, a) else {
        return Ok(Value::Undefined);
    };
    let first = matches!(vm.native_slot(a.callee, 1), Value::Number(n) if n == 1.0);
    let (mine, my_reason, other) = if first {
        (T_CANCELED1, T_REASON1, T_CANCELED2)
    } else {
        (T_CANCELED2, T_REASON2, T_CANCELED1)
    };
    set(vm, st, mine, Value::Boolean(true));
    set(vm, st, my_reason, a.arg(0));
    if flag(vm, st, other) {
        let r1 = get(vm, st, T_REASON1);
        let r2 = get(vm, st, T_REASON2);
        let composite = vm.new_array(&[r1, r2]);
        vm.push_root(Value::Object(composite));
        let stream = get(vm, st, T_STREAM);
        let result = super::readable_stream_cancel(vm, stream, Value::Object(composite))?;
        if let Value::Object(p) = get(vm, st, T_CANCEL_PROMISE) {
            promises::resolve(vm, p, Value::Object(result))?;
        }
    }
    Ok(get(vm, st, T_CANCEL_PROMISE))
}
