//! Microtasks as Node orders them: `process.nextTick` callbacks (a host
//! queue), the engine's job queue (promise jobs and `queueMicrotask`), and
//! unhandled-rejection processing, combined in `drain` the way Node's
//! `processTicksAndRejections` does: run every tick, then every job, and
//! repeat while ticks were queued or rejections were handled.
//!
//! Invariant: each queued tick's callback and arguments are held in the host
//! slab (rooted) from `nextTick` until the tick is taken to run.

use std::collections::VecDeque;

use jsvm_engine::api::{CallArgs, PropertyKey};
use jsvm_engine::error::JsResult;
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use crate::errors::invalid_arg_type;
use crate::host::{slab_get, slab_insert, slab_remove, with_host};

/// The nextTick queue: slab indices of `[callback, ...args]` arrays.
#[derive(Default)]
pub struct Ticks {
    queue: VecDeque<u32>,
}

pub fn install(vm: &mut Vm) {
    vm.define_global_function("queueMicrotask", 1, queue_microtask);
}

/// `queueMicrotask(callback)`: a job on the engine's queue.
fn queue_microtask(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let callback = a.arg(0);
    if !vm.is_callable(callback) {
        return Err(invalid_arg_type(vm, "callback", "function", callback));
    }
    vm.enqueue_call_job(callback, Value::Undefined, Vec::new());
    Ok(Value::Undefined)
}

/// `process.nextTick(callback, ...args)`.
pub fn next_tick(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let callback = a.arg(0);
    if !vm.is_callable(callback) {
        return Err(invalid_arg_type(vm, "callback", "function", callback));
    }
    queue_tick(vm, a.args);
    Ok(Value::Undefined)
}

/// Queues `[callback, ...args]` on the nextTick queue.
pub fn queue_tick(vm: &mut Vm, callback_and_args: &[Value]) {
    let entry = vm.new_array_with_proto(callback_and_args, None);
    let i = slab_insert(vm, Value::Object(entry));
    with_host(|h| h.ticks.queue.push_back(i));
}

/// The elements of a host-made array (`[callback, ...args]` records).
pub fn array_values(vm: &mut Vm, arr: ObjId) -> Vec<Value> {
    let key = vm.key("length");
    let len = match vm.get_prop(arr, key) {
        Ok(Value::Number(n)) if n >= 0.0 => n as u32,
        _ => 0,
    };
    (0..len)
        .map(|i| {
            vm.get_prop(arr, PropertyKey::Index(i))
                .unwrap_or(Value::Undefined)
        })
        .collect()
}

/// Calls `f` with `this` and `args`, rooting all of them for the call.
pub fn call_rooted(vm: &mut Vm, f: Value, this: Value, args: &[Value]) -> JsResult<Value> {
    let mark = vm.roots_len();
    vm.push_root(f);
    vm.push_root(this);
    for &v in args {
        vm.push_root(v);
    }
    let r = vm.call(f, this, args);
    vm.truncate_roots(mark);
    r
}

/// Runs every queued tick, including ticks queued by ticks.
fn run_ticks(vm: &mut Vm) -> JsResult<()> {
    while let Some(i) = with_host(|h| h.ticks.queue.pop_front()) {
        let entry = slab_get(vm, i);
        slab_remove(vm, i);
        let Value::Object(arr) = entry else {
            continue;
        };
        let mark = vm.roots_len();
        vm.push_root(entry);
        let values = array_values(vm, arr);
        let (callback, args) = match values.split_first() {
            Some((&f, rest)) => (f, rest.to_vec()),
            None => (Value::Undefined, Vec::new()),
        };
        let r = call_rooted(vm, callback, Value::Undefined, &args);
        vm.truncate_roots(mark);
        r?;
    }
    Ok(())
}

/// True when `process.nextTick` callbacks are waiting.
pub fn has_ticks() -> bool {
    with_host(|h| !h.ticks.queue.is_empty())
}

/// Node's `processTicksAndRejections`: ticks, then the job queue, then
/// unhandled rejections, until all are quiet. An exception escaping a tick
/// or a job (or a rejection raised as uncaught) ends the drain.
pub fn drain(vm: &mut Vm) -> JsResult<()> {
    loop {
        run_ticks(vm)?;
        vm.run_jobs()?;
        if has_ticks() || vm.has_pending_jobs() {
            continue;
        }
        if crate::rejections::process(vm)? {
            continue;
        }
        return Ok(());
    }
}
