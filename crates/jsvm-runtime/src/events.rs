//! `process` as an event emitter (`on`/`addListener`, `prependListener`,
//! `once`, `off`/`removeListener`, `removeAllListeners`, `emit`,
//! `listeners`, `listenerCount`, `eventNames`) and the events the runtime
//! emits: `exit`, `beforeExit`, `uncaughtException`, `unhandledRejection`.
//!
//! Invariant: the listeners live in a null-prototype object stored on
//! `process` under the host's private key: event key -> array of
//! `[listener, once]` pairs in call order. `emit` calls a snapshot, so
//! listeners added or removed during an emit take effect from the next one.

use jsvm_engine::api::{Attrs, CallArgs, PropertyKey};
use jsvm_engine::error::JsResult;
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use crate::errors::invalid_arg_type;
use crate::host::{private_key, with_host};
use crate::tasks::{array_values, call_rooted};

pub fn install(vm: &mut Vm, process: ObjId) {
    let registry = vm.new_object(None);
    let key = private_key(vm);
    vm.define_value(process, key, Value::Object(registry), Attrs::NONE);
    crate::host::slab_insert(vm, Value::Object(process));
    with_host(|h| h.process = Some(process));
    vm.define_method(process, "on", 2, on);
    vm.define_method(process, "addListener", 2, on);
    vm.define_method(process, "prependListener", 2, prepend_listener);
    vm.define_method(process, "once", 2, once);
    vm.define_method(process, "prependOnceListener", 2, prepend_once);
    vm.define_method(process, "off", 2, off);
    vm.define_method(process, "removeListener", 2, off);
    vm.define_method(process, "removeAllListeners", 1, remove_all);
    vm.define_method(process, "emit", 1, emit_native);
    vm.define_method(process, "listeners", 1, listeners);
    vm.define_method(process, "listenerCount", 1, listener_count);
    vm.define_method(process, "eventNames", 0, event_names);
}

/// The listener registry of `process` (the object `this` must be).
fn registry(vm: &mut Vm, target: Value) -> Option<ObjId> {
    let Value::Object(o) = target else {
        return None;
    };
    let key = private_key(vm);
    match vm.get_own_property(o, key) {
        Ok(Some(d)) => match d.value {
            Some(Value::Object(r)) => Some(r),
            _ => None,
        },
        _ => None,
    }
}

fn this_registry(vm: &mut Vm, a: &CallArgs) -> JsResult<ObjId> {
    registry(vm, a.this).ok_or_else(|| {
        jsvm_engine::error::JsError::type_error("Illegal invocation: not the process object")
    })
}

/// The `[listener, once]` pairs for `key`.
fn entries(vm: &mut Vm, registry: ObjId, key: PropertyKey) -> Vec<(Value, bool)> {
    match vm.get_prop(registry, key) {
        Ok(Value::Object(list)) => array_values(vm, list)
            .into_iter()
            .filter_map(|pair| match pair {
                Value::Object(p) => {
                    let v = array_values(vm, p);
                    Some((
                        v.first().copied().unwrap_or(Value::Undefined),
                        matches!(v.get(1), Some(Value::Boolean(true))),
                    ))
                }
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn store(vm: &mut Vm, registry: ObjId, key: PropertyKey, list: &[(Value, bool)]) {
    if list.is_empty() {
        let _ = vm.delete(registry, key);
        return;
    }
    let mark = vm.roots_len();
    let mut pairs = Vec::with_capacity(list.len());
    for &(f, once) in list {
        let pair = vm.new_array_with_proto(&[f, Value::Boolean(once)], None);
        vm.push_root(Value::Object(pair));
        pairs.push(Value::Object(pair));
    }
    let arr = vm.new_array_with_proto(&pairs, None);
    vm.define_value(registry, key, Value::Object(arr), Attrs::ALL);
    vm.truncate_roots(mark);
}

fn add(vm: &mut Vm, a: &CallArgs, once: bool, prepend: bool) -> JsResult<Value> {
    let registry = this_registry(vm, a)?;
    let key = vm.to_property_key(a.arg(0))?;
    let listener = a.arg(1);
    if !vm.is_callable(listener) {
        return Err(invalid_arg_type(vm, "listener", "function", listener));
    }
    let mut list = entries(vm, registry, key);
    if prepend {
        list.insert(0, (listener, once));
    } else {
        list.push((listener, once));
    }
    store(vm, registry, key, &list);
    Ok(a.this)
}

fn on(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    add(vm, a, false, false)
}

fn prepend_listener(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    add(vm, a, false, true)
}

fn once(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    add(vm, a, true, false)
}

fn prepend_once(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    add(vm, a, true, true)
}

/// Removes the most recently added registration of the listener.
fn off(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let registry = this_registry(vm, a)?;
    let key = vm.to_property_key(a.arg(0))?;
    let listener = a.arg(1);
    if !vm.is_callable(listener) {
        return Err(invalid_arg_type(vm, "listener", "function", listener));
    }
    let mut list = entries(vm, registry, key);
    if let Some(i) = list
        .iter()
        .rposition(|&(f, _)| vm.strict_equals(f, listener))
    {
        list.remove(i);
        store(vm, registry, key, &list);
    }
    Ok(a.this)
}

fn remove_all(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let registry = this_registry(vm, a)?;
    if a.arg(0).is_undefined() {
        for key in vm.own_property_keys(registry)? {
            vm.delete(registry, key)?;
        }
    } else {
        let key = vm.to_property_key(a.arg(0))?;
        vm.delete(registry, key)?;
    }
    Ok(a.this)
}

fn listeners(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let registry = this_registry(vm, a)?;
    let key = vm.to_property_key(a.arg(0))?;
    let fns: Vec<Value> = entries(vm, registry, key)
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    Ok(Value::Object(vm.new_array(&fns)))
}

fn listener_count(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let registry = this_registry(vm, a)?;
    let key = vm.to_property_key(a.arg(0))?;
    Ok(Value::Number(entries(vm, registry, key).len() as f64))
}

fn event_names(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let registry = this_registry(vm, a)?;
    let keys = vm.own_property_keys(registry)?;
    let names: Vec<Value> = keys.into_iter().map(|k| vm.key_to_value(k)).collect();
    Ok(Value::Object(vm.new_array(&names)))
}

fn emit_native(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let registry = this_registry(vm, a)?;
    let key = vm.to_property_key(a.arg(0))?;
    emit_on(vm, a.this, registry, key, a.rest(1)).map(Value::Boolean)
}

/// Calls the listeners for `key` in order (once-listeners are removed
/// first); true when there were any.
fn emit_on(
    vm: &mut Vm,
    target: Value,
    registry: ObjId,
    key: PropertyKey,
    args: &[Value],
) -> JsResult<bool> {
    let list = entries(vm, registry, key);
    if list.is_empty() {
        return Ok(false);
    }
    let mark = vm.roots_len();
    for &(f, _) in &list {
        vm.push_root(f);
    }
    if list.iter().any(|&(_, once)| once) {
        let kept: Vec<(Value, bool)> = list.iter().copied().filter(|&(_, once)| !once).collect();
        store(vm, registry, key, &kept);
    }
    let mut result = Ok(true);
    for &(f, _) in &list {
        if let Err(e) = call_rooted(vm, f, target, args) {
            result = Err(e);
            break;
        }
    }
    vm.truncate_roots(mark);
    result
}

/// `process.emit(name, ...args)` from the runtime; false when there is no
/// process object or no listener.
pub fn emit(vm: &mut Vm, name: &str, args: &[Value]) -> JsResult<bool> {
    let Some(process) = with_host(|h| h.process) else {
        return Ok(false);
    };
    let Some(registry) = registry(vm, Value::Object(process)) else {
        return Ok(false);
    };
    let key = vm.key(name);
    emit_on(vm, Value::Object(process), registry, key, args)
}

/// True when `process` has listeners for `name`.
pub fn has_listeners(vm: &mut Vm, name: &str) -> bool {
    let Some(process) = with_host(|h| h.process) else {
        return false;
    };
    let Some(registry) = registry(vm, Value::Object(process)) else {
        return false;
    };
    let key = vm.key(name);
    !entries(vm, registry, key).is_empty()
}
