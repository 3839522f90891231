//! `setImmediate` / `clearImmediate`: callbacks for the event loop's check
//! phase (after timers and I/O), as Node runs them: each check phase runs
//! the immediates queued before it began, in order, draining ticks and
//! microtasks after each; immediates queued meanwhile wait for the next
//! loop iteration.
//!
//! Invariant: an immediate is in `Immediates::pending` from `setImmediate`
//! until it runs or is cleared, and only then is its `[Immediate,
//! callback, ...args]` entry held in the host slab.

use std::collections::{HashMap, VecDeque};

use jsvm_engine::api::{Attrs, CallArgs};
use jsvm_engine::error::JsResult;
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use crate::errors::invalid_arg_type;
use crate::host::{private_key, slab_get, slab_insert, slab_remove, with_host};
use crate::tasks::{array_values, call_rooted, drain};

struct Pending {
    /// Slab index of `[immediate, callback, ...args]`.
    slot: u32,
    refed: bool,
}

#[derive(Default)]
pub struct Immediates {
    pending: HashMap<u32, Pending>,
    /// Ids in the order they were queued (cleared ones are skipped).
    queue: VecDeque<u32>,
    refed: usize,
    next_id: u32,
    /// Immediate.prototype (rooted through the slab).
    proto: Option<ObjId>,
}

pub fn install(vm: &mut Vm) {
    let proto = vm.new_plain_object();
    slab_insert(vm, Value::Object(proto));
    vm.define_method(proto, "ref", 0, immediate_ref);
    vm.define_method(proto, "unref", 0, immediate_unref);
    vm.define_method(proto, "hasRef", 0, immediate_has_ref);
    vm.make_constructor("Immediate", 0, crate::timers::illegal_constructor, proto);
    with_host(|h| h.immediates.proto = Some(proto));
    vm.define_global_function("setImmediate", 1, set_immediate);
    vm.define_global_function("clearImmediate", 1, clear_immediate);
}

fn set_immediate(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let callback = a.arg(0);
    if !vm.is_callable(callback) {
        return Err(invalid_arg_type(vm, "callback", "function", callback));
    }
    let (proto, id) = with_host(|h| {
        h.immediates.next_id += 1;
        (h.immediates.proto, h.immediates.next_id)
    });
    let immediate = vm.new_object(proto);
    let key = private_key(vm);
    vm.define_value(immediate, key, Value::Number(id as f64), Attrs::NONE);
    let mut entry = vec![Value::Object(immediate), callback];
    entry.extend_from_slice(a.rest(1));
    let entry = vm.new_array_with_proto(&entry, None);
    let slot = slab_insert(vm, Value::Object(entry));
    with_host(|h| {
        let im = &mut h.immediates;
        im.pending.insert(id, Pending { slot, refed: true });
        im.queue.push_back(id);
        im.refed += 1;
    });
    Ok(Value::Object(immediate))
}

/// The id of an Immediate object.
fn id_of(vm: &mut Vm, v: Value) -> Option<u32> {
    let Value::Object(o) = v else {
        return None;
    };
    let key = private_key(vm);
    match vm.get_own_property(o, key) {
        Ok(Some(d)) => match d.value {
            Some(Value::Number(n)) if n >= 0.0 => Some(n as u32),
            _ => None,
        },
        _ => None,
    }
}

/// Takes immediate `id` out of the pending set; returns its slab index.
fn take(id: u32) -> Option<u32> {
    with_host(|h| {
        let im = &mut h.immediates;
        let p = im.pending.remove(&id)?;
        if p.refed {
            im.refed -= 1;
        }
        Some(p.slot)
    })
}

fn clear_immediate(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    if let Some(id) = id_of(vm, a.arg(0)) {
        if let Some(slot) = take(id) {
            slab_remove(vm, slot);
        }
    }
    Ok(Value::Undefined)
}

fn set_refed(vm: &mut Vm, a: &CallArgs, refed: bool) -> JsResult<Value> {
    let id = id_of(vm, a.this).ok_or_else(|| {
        jsvm_engine::error::JsError::type_error("Illegal invocation: not an Immediate object")
    })?;
    with_host(|h| {
        let im = &mut h.immediates;
        if let Some(p) = im.pending.get_mut(&id) {
            if p.refed != refed {
                p.refed = refed;
                if refed {
                    im.refed += 1;
                } else {
                    im.refed -= 1;
                }
            }
        }
    });
    Ok(a.this)
}

fn immediate_ref(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    set_refed(vm, a, true)
}

fn immediate_unref(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    set_refed(vm, a, false)
}

fn immediate_has_ref(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let id = id_of(vm, a.this);
    Ok(Value::Boolean(id.is_some_and(|id| {
        with_host(|h| h.immediates.pending.get(&id).is_some_and(|p| p.refed))
    })))
}

/// True while a referenced immediate is queued (it keeps the loop alive).
pub fn has_refed() -> bool {
    with_host(|h| h.immediates.refed > 0)
}

/// True while any immediate is queued (the loop must not sleep).
pub fn has_pending() -> bool {
    with_host(|h| !h.immediates.pending.is_empty())
}

/// The check phase: runs the immediates queued before it began, draining
/// ticks and microtasks after each.
pub fn run_check_phase(vm: &mut Vm) -> JsResult<()> {
    let batch: Vec<u32> = with_host(|h| h.immediates.queue.drain(..).collect());
    let mut rest = batch.into_iter();
    while let Some(id) = rest.next() {
        let Some(slot) = take(id) else {
            continue;
        };
        let entry = slab_get(vm, slot);
        slab_remove(vm, slot);
        let Value::Object(arr) = entry else {
            continue;
        };
        let mark = vm.roots_len();
        vm.push_root(entry);
        let values = array_values(vm, arr);
        let this = values.first().copied().unwrap_or(Value::Undefined);
        let callback = values.get(1).copied().unwrap_or(Value::Undefined);
        let args = values.get(2..).unwrap_or(&[]).to_vec();
        let result = call_rooted(vm, callback, this, &args).and_then(|_| drain(vm));
        vm.truncate_roots(mark);
        if let Err(e) = result {
            // The rest of this batch runs first next time (Node's
            // outstanding queue).
            let remaining: Vec<u32> = rest.collect();
            with_host(|h| {
                for id in remaining.into_iter().rev() {
                    h.immediates.queue.push_front(id);
                }
            });
            return Err(e);
        }
    }
    Ok(())
}
