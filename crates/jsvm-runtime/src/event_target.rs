//! `EventTarget` and `Event` (DOM Standard) as far as AbortSignal needs
//! them: `addEventListener(type, listener, { once, signal, capture })`
//! with function or `handleEvent` listeners, `removeEventListener`,
//! `dispatchEvent`; `Event`'s `type`, `target`, `currentTarget`,
//! `eventPhase`, `bubbles`, `cancelable`, `defaultPrevented`,
//! `isTrusted`, `timeStamp`, `preventDefault`, `stopPropagation`,
//! `stopImmediatePropagation`, `composedPath`; and event handler
//! attributes such as `onabort` (`handler_get` / `handler_set`).
//!
//! There is no tree: dispatch runs the target's own listeners. An
//! exception thrown by a listener is reported the way Node does it (thrown
//! again from a `process.nextTick`, so it becomes an uncaught exception)
//! and the other listeners still run.
//!
//! Invariant: a target's listeners live in its record, per event type, as
//! arrays `[callback, once, capture, removed, is_handler]`; dispatch runs a
//! snapshot of the list and skips entries marked removed meanwhile, so a
//! listener removed during dispatch is not called.

use jsvm_engine::api::{CallArgs, PropertyKey};
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use crate::host_object::{self as ho, Brand};
use crate::tasks::{array_values, call_rooted};

/// EventTarget record slots (other classes that are event targets, such
/// as AbortSignal, reserve the same first slots).
pub const T_LISTENERS: u32 = 1;
pub const T_HANDLERS: u32 = 2;
pub const TARGET_SLOTS: u32 = 2;

const E_TYPE: u32 = 1;
const E_TARGET: u32 = 2;
const E_CURRENT: u32 = 3;
const E_PHASE: u32 = 4;
const E_BUBBLES: u32 = 5;
const E_CANCELABLE: u32 = 6;
const E_CANCELED: u32 = 7;
const E_TRUSTED: u32 = 8;
const E_TIME: u32 = 9;
const E_STOP: u32 = 10;
const E_STOP_NOW: u32 = 11;
const E_DISPATCHING: u32 = 12;
const E_COMPOSED: u32 = 13;
const E_PASSIVE: u32 = 14;
const EVENT_SLOTS: u32 = 14;

/// Entry layout.
const L_CALLBACK: u32 = 0;
const L_ONCE: u32 = 1;
const L_CAPTURE: u32 = 2;
const L_REMOVED: u32 = 3;
const L_HANDLER: u32 = 4;

pub fn install(vm: &mut Vm) {
    let (_, proto) = ho::define_class(vm, "EventTarget", 0, event_target_ctor, None);
    ho::register_proto(Brand::EventTarget, proto);
    define_target_methods(vm, proto);

    let (ctor, proto) = ho::define_class(vm, "Event", 1, event_ctor, None);
    ho::register_proto(Brand::Event, proto);
    for (name, f) in [
        ("type", ev_type as jsvm_engine::function::NativeFn),
        ("target", ev_target),
        ("srcElement", ev_target),
        ("currentTarget", ev_current_target),
        ("eventPhase", ev_phase),
        ("bubbles", ev_bubbles),
        ("cancelable", ev_cancelable),
        ("defaultPrevented", ev_default_prevented),
        ("composed", ev_composed),
        ("isTrusted", ev_is_trusted),
        ("timeStamp", ev_time_stamp),
        ("returnValue", ev_return_value),
        ("cancelBubble", ev_cancel_bubble),
    ] {
        ho::getter(vm, proto, name, f);
    }
    vm.define_method(proto, "preventDefault", 0, ev_prevent_default);
    vm.define_method(proto, "stopPropagation", 0, ev_stop_propagation);
    vm.define_method(proto, "stopImmediatePropagation", 0, ev_stop_immediate);
    vm.define_method(proto, "composedPath", 0, ev_composed_path);
    for (i, name) in ["NONE", "CAPTURING_PHASE", "AT_TARGET", "BUBBLING_PHASE"]
        .iter()
        .enumerate()
    {
        for o in [ctor, proto] {
            let key = vm.key(name);
            vm.define_value(o, key, Value::Number(i as f64), jsvm_engine::api::Attrs(2));
        }
    }
}

/// `addEventListener`, `removeEventListener` and `dispatchEvent` on a
/// prototype whose instances' records start with the target slots.
pub fn define_target_methods(vm: &mut Vm, proto: ObjId) {
    vm.define_method(proto, "addEventListener", 2, add_event_listener);
    vm.define_method(proto, "removeEventListener", 2, remove_event_listener);
    vm.define_method(proto, "dispatchEvent", 1, dispatch_event);
}

/// Fills the target slots of a fresh record.
pub fn init_target(vm: &mut Vm, rec: ObjId) {
    let listeners = vm.new_object(None);
    ho::set(vm, rec, T_LISTENERS, Value::Object(listeners));
    let handlers = vm.new_object(None);
    ho::set(vm, rec, T_HANDLERS, Value::Object(handlers));
}

fn event_target_ctor(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let o = ho::construct_this(vm, a, "EventTarget", Brand::EventTarget)?;
    let rec = ho::attach(vm, o, Brand::EventTarget, TARGET_SLOTS);
    init_target(vm, rec);
    Ok(Value::Object(o))
}

/// The record of an event target of any class (EventTarget or a class
/// that extends it, like AbortSignal).
fn target_record(vm: &mut Vm, v: Value) -> JsResult<ObjId> {
    for brand in [Brand::EventTarget, Brand::AbortSignal] {
        if let Some(rec) = ho::record(vm, v, brand) {
            return Ok(rec);
        }
    }
    Err(JsError::type_error("Illegal invocation"))
}

fn listeners_of(vm: &mut Vm, rec: ObjId, ty: PropertyKey) -> (ObjId, Vec<ObjId>) {
    let table = match ho::get(vm, rec, T_LISTENERS) {
        Value::Object(t) => t,
        _ => {
            let t = vm.new_object(None);
            ho::set(vm, rec, T_LISTENERS, Value::Object(t));
            t
        }
    };
    let list = match vm.get_prop(table, ty) {
        Ok(Value::Object(l)) => array_values(vm, l)
            .into_iter()
            .filter_map(|e| e.as_object())
            .collect(),
        _ => Vec::new(),
    };
    (table, list)
}

fn store_listeners(vm: &mut Vm, table: ObjId, ty: PropertyKey, list: &[ObjId]) {
    let values: Vec<Value> = list.iter().map(|&e| Value::Object(e)).collect();
    let arr = vm.new_array_with_proto(&values, None);
    vm.define_value(table, ty, Value::Object(arr), jsvm_engine::api::Attrs::ALL);
}

fn is_true(v: Value) -> bool {
    matches!(v, Value::Boolean(true))
}

fn entry_get(vm: &mut Vm, e: ObjId, i: u32) -> Value {
    vm.get_prop(e, PropertyKey::Index(i))
        .unwrap_or(Value::Undefined)
}

/// Flattened `{ capture, once, passive, signal }` (or a boolean capture).
struct ListenerOptions {
    capture: bool,
    once: bool,
    signal: Option<Value>,
}

fn listener_options(vm: &mut Vm, v: Value, full: bool) -> JsResult<ListenerOptions> {
    let mut o = ListenerOptions {
        capture: false,
        once: false,
        signal: None,
    };
    match v {
        Value::Object(_) => {
            let c = ho::dict_member(vm, v, "capture")?;
            o.capture = vm.to_boolean(c);
            if full {
                let once = ho::dict_member(vm, v, "once")?;
                o.once = vm.to_boolean(once);
                let _ = ho::dict_member(vm, v, "passive")?;
                let signal = ho::dict_member(vm, v, "signal")?;
                if !signal.is_undefined() {
                    if ho::record(vm, signal, Brand::AbortSignal).is_none() {
                        return Err(crate::errors::invalid_arg_type(
                            vm,
                            "options.signal",
                            "an instance of AbortSignal",
                            signal,
                        ));
                    }
                    o.signal = Some(signal);
                }
            }
        }
        other => o.capture = vm.to_boolean(other),
    }
    Ok(o)
}

/// `addEventListener(type, callback, options)`.
fn add_event_listener(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = target_record(vm, a.this)?;
    let ty_value = vm.to_string(a.arg(0))?;
    vm.push_root(Value::String(ty_value));
    let ty = vm.string_to_key(ty_value);
    let callback = a.arg(1);
    let options = listener_options(vm, a.arg(2), true)?;
    if callback.is_nullish() {
        return Ok(Value::Undefined);
    }
    if !callback.is_object() {
        return Err(crate::errors::invalid_arg_type(
            vm,
            "listener",
            "an instance of EventListener",
            callback,
        ));
    }
    if let Some(signal) = options.signal {
        if crate::abort::is_aborted(vm, signal) {
            return Ok(Value::Undefined);
        }
    }
    let (table, mut list) = listeners_of(vm, rec, ty);
    for &e in &list {
        let cb = entry_get(vm, e, L_CALLBACK);
        let capture = entry_get(vm, e, L_CAPTURE);
        if vm.strict_equals(cb, callback) && is_true(capture) == options.capture {
            return Ok(Value::Undefined);
        }
    }
    let entry = vm.new_array_with_proto(
        &[
            callback,
            Value::Boolean(options.once),
            Value::Boolean(options.capture),
            Value::Boolean(false),
            Value::Boolean(false),
        ],
        None,
    );
    list.push(entry);
    store_listeners(vm, table, ty, &list);
    if let Some(signal) = options.signal {
        // Removing the listener is the signal's abort algorithm.
        let empty = vm.key("");
        let remover = vm.new_native_closure(
            empty,
            0,
            remove_entry_on_abort,
            &[
                Value::Object(rec),
                Value::String(ty_value),
                Value::Object(entry),
            ],
        );
        crate::abort::add_algorithm(vm, signal, Value::Object(remover));
    }
    Ok(Value::Undefined)
}

/// The abort algorithm of a listener added with `{ signal }`.
fn remove_entry_on_abort(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let (Value::Object(rec), Value::String(ty), Value::Object(entry)) = (
        vm.native_slot(a.callee, 0),
        vm.native_slot(a.callee, 1),
        vm.native_slot(a.callee, 2),
    ) else {
        return Ok(Value::Undefined);
    };
    let ty = vm.string_to_key(ty);
    remove_entry(vm, rec, ty, entry);
    Ok(Value::Undefined)
}

fn remove_entry(vm: &mut Vm, rec: ObjId, ty: PropertyKey, entry: ObjId) {
    let (table, mut list) = listeners_of(vm, rec, ty);
    vm.define_value(
        entry,
        PropertyKey::Index(L_REMOVED),
        Value::Boolean(true),
        jsvm_engine::api::Attrs::ALL,
    );
    list.retain(|&e| e != entry);
    store_listeners(vm, table, ty, &list);
}

/// `removeEventListener(type, callback, options)`.
fn remove_event_listener(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = target_record(vm, a.this)?;
    let ty = vm.to_property_key(a.arg(0))?;
    let callback = a.arg(1);
    let options = listener_options(vm, a.arg(2), false)?;
    let (_, list) = listeners_of(vm, rec, ty);
    for e in list {
        let cb = entry_get(vm, e, L_CALLBACK);
        let capture = entry_get(vm, e, L_CAPTURE);
        let handler = entry_get(vm, e, L_HANDLER);
        if !is_true(handler)
            && vm.strict_equals(cb, callback)
            && is_true(capture) == options.capture
        {
            remove_entry(vm, rec, ty, e);
            break;
        }
    }
    Ok(Value::Undefined)
}

/// `dispatchEvent(event)`: false when a listener canceled it.
fn dispatch_event(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    target_record(vm, a.this)?;
    let event = a.arg(0);
    let Some(erec) = ho::record(vm, event, Brand::Event) else {
        return Err(crate::errors::invalid_arg_type(
            vm,
            "event",
            "an instance of Event",
            event,
        ));
    };
    if ho::get_bool(vm, erec, E_DISPATCHING) {
        return Err(crate::dom_exception::invalid_state(
            vm,
            "The event is already being dispatched",
        ));
    }
    ho::set(vm, erec, E_TRUSTED, Value::Boolean(false));
    dispatch(vm, a.this, event)
}

/// Dispatches `event` (an Event) at `target`: runs the listeners for its
/// type in order. Returns `!defaultPrevented`.
pub fn dispatch(vm: &mut Vm, target: Value, event: Value) -> JsResult<Value> {
    let Some(erec) = ho::record(vm, event, Brand::Event) else {
        return Ok(Value::Boolean(true));
    };
    let rec = target_record(vm, target)?;
    let ty = match ho::get(vm, erec, E_TYPE) {
        Value::String(s) => vm.string_to_key(s),
        _ => return Ok(Value::Boolean(true)),
    };
    ho::set(vm, erec, E_DISPATCHING, Value::Boolean(true));
    ho::set(vm, erec, E_TARGET, target);
    ho::set(vm, erec, E_CURRENT, target);
    ho::set(vm, erec, E_PHASE, Value::Number(2.0));
    let (_, list) = listeners_of(vm, rec, ty);
    let mark = vm.roots_len();
    for &e in &list {
        vm.push_root(Value::Object(e));
    }
    for &e in &list {
        if ho::get_bool(vm, erec, E_STOP_NOW) {
            break;
        }
        if is_true(entry_get(vm, e, L_REMOVED)) {
            continue;
        }
        if is_true(entry_get(vm, e, L_ONCE)) {
            remove_entry(vm, rec, ty, e);
        }
        let callback = if is_true(entry_get(vm, e, L_HANDLER)) {
            handler_value(vm, rec, ty)
        } else {
            entry_get(vm, e, L_CALLBACK)
        };
        let r = if vm.is_callable(callback) {
            call_rooted(vm, callback, target, &[event])
        } else if let Value::Object(cb) = callback {
            let key = vm.key("handleEvent");
            match vm.get_prop(cb, key) {
                Ok(f) if vm.is_callable(f) => call_rooted(vm, f, callback, &[event]),
                Ok(_) => Err(JsError::type_error(
                    "The \"listener.handleEvent\" property must be of type function",
                )),
                Err(e) => Err(e),
            }
        } else {
            Ok(Value::Undefined)
        };
        if let Err(err) = r {
            if !err.is_catchable() {
                vm.truncate_roots(mark);
                return Err(err);
            }
            report_exception(vm, err);
        }
    }
    vm.truncate_roots(mark);
    ho::set(vm, erec, E_DISPATCHING, Value::Boolean(false));
    ho::set(vm, erec, E_CURRENT, Value::Null);
    ho::set(vm, erec, E_PHASE, Value::Number(0.0));
    ho::set(vm, erec, E_STOP, Value::Boolean(false));
    ho::set(vm, erec, E_STOP_NOW, Value::Boolean(false));
    Ok(Value::Boolean(!ho::get_bool(vm, erec, E_CANCELED)))
}

/// Reports a listener's exception as Node does: it is thrown again from a
/// `process.nextTick` callback.
fn report_exception(vm: &mut Vm, err: JsError) {
    let value = vm.error_to_value(err);
    let empty = vm.key("");
    let thrower = vm.new_native_closure(empty, 0, rethrow, &[value]);
    crate::tasks::queue_tick(vm, &[Value::Object(thrower)]);
}

fn rethrow(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    Err(JsError::Throw(vm.native_slot(a.callee, 0)))
}

/// The value of the event handler attribute for `ty` (e.g. `onabort`).
fn handler_value(vm: &mut Vm, rec: ObjId, ty: PropertyKey) -> Value {
    match ho::get(vm, rec, T_HANDLERS) {
        Value::Object(h) => vm.get_prop(h, ty).unwrap_or(Value::Undefined),
        _ => Value::Undefined,
    }
}

/// Getter of an event handler attribute (`onabort` for `ty` "abort").
pub fn handler_get(vm: &mut Vm, this: Value, ty: &str) -> JsResult<Value> {
    let rec = target_record(vm, this)?;
    let key = vm.key(ty);
    Ok(match handler_value(vm, rec, key) {
        v if vm.is_callable(v) => v,
        _ => Value::Null,
    })
}

/// Setter of an event handler attribute: a function activates it (its
/// place among the listeners is where it was first set), anything else
/// deactivates it.
pub fn handler_set(vm: &mut Vm, this: Value, ty: &str, v: Value) -> JsResult<()> {
    let rec = target_record(vm, this)?;
    let key = vm.key(ty);
    let handlers = match ho::get(vm, rec, T_HANDLERS) {
        Value::Object(h) => h,
        _ => {
            let h = vm.new_object(None);
            ho::set(vm, rec, T_HANDLERS, Value::Object(h));
            h
        }
    };
    let callable = v.is_object() && vm.is_callable(v);
    let (table, mut list) = listeners_of(vm, rec, key);
    let mut existing = None;
    for &e in &list {
        if is_true(entry_get(vm, e, L_HANDLER)) {
            existing = Some(e);
        }
    }
    if callable {
        vm.define_value(handlers, key, v, jsvm_engine::api::Attrs::ALL);
        if existing.is_none() {
            let entry = vm.new_array_with_proto(
                &[
                    Value::Undefined,
                    Value::Boolean(false),
                    Value::Boolean(false),
                    Value::Boolean(false),
                    Value::Boolean(true),
                ],
                None,
            );
            list.push(entry);
            store_listeners(vm, table, key, &list);
        }
    } else {
        let _ = vm.delete(handlers, key);
        if let Some(e) = existing {
            remove_entry(vm, rec, key, e);
        }
    }
    Ok(())
}

// ---- Event ----

fn event_ctor(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let o = ho::construct_this(vm, a, "Event", Brand::Event)?;
    vm.push_root(Value::Object(o));
    if a.args.is_empty() {
        return Err(JsError::type_error(
            "The \"type\" argument must be specified",
        ));
    }
    let ty = vm.to_string(a.arg(0))?;
    vm.push_root(Value::String(ty));
    let init = a.arg(1);
    let bubbles = ho::dict_member(vm, init, "bubbles")?;
    let bubbles = vm.to_boolean(bubbles);
    let cancelable = ho::dict_member(vm, init, "cancelable")?;
    let cancelable = vm.to_boolean(cancelable);
    let composed = ho::dict_member(vm, init, "composed")?;
    let composed = vm.to_boolean(composed);
    init_event(vm, o, Value::String(ty), bubbles, cancelable, composed);
    Ok(Value::Object(o))
}

fn init_event(vm: &mut Vm, o: ObjId, ty: Value, bubbles: bool, cancelable: bool, composed: bool) {
    let rec = ho::attach(vm, o, Brand::Event, EVENT_SLOTS);
    let now = crate::host::with_host(|h| h.clock.precise_now());
    for (slot, v) in [
        (E_TYPE, ty),
        (E_TARGET, Value::Null),
        (E_CURRENT, Value::Null),
        (E_PHASE, Value::Number(0.0)),
        (E_BUBBLES, Value::Boolean(bubbles)),
        (E_CANCELABLE, Value::Boolean(cancelable)),
        (E_CANCELED, Value::Boolean(false)),
        (E_TRUSTED, Value::Boolean(false)),
        (E_TIME, Value::Number(now)),
        (E_STOP, Value::Boolean(false)),
        (E_STOP_NOW, Value::Boolean(false)),
        (E_DISPATCHING, Value::Boolean(false)),
        (E_COMPOSED, Value::Boolean(composed)),
        (E_PASSIVE, Value::Boolean(false)),
    ] {
        ho::set(vm, rec, slot, v);
    }
}

/// A trusted event of type `ty` made by the runtime (e.g. "abort").
pub fn new_trusted_event(vm: &mut Vm, ty: &str) -> Value {
    let o = ho::new_instance(vm, Brand::Event);
    let t = ho::js_string(vm, ty);
    init_event(vm, o, t, false, false, false);
    if let Some(rec) = ho::record(vm, Value::Object(o), Brand::Event) {
        ho::set(vm, rec, E_TRUSTED, Value::Boolean(true));
    }
    Value::Object(o)
}

fn event_slot(vm: &mut Vm, a: &CallArgs, slot: u32) -> JsResult<Value> {
    let rec = ho::require(vm, a.this, Brand::Event)?;
    Ok(ho::get(vm, rec, slot))
}

fn ev_type(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    event_slot(vm, a, E_TYPE)
}
fn ev_target(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    event_slot(vm, a, E_TARGET)
}
fn ev_current_target(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    event_slot(vm, a, E_CURRENT)
}
fn ev_phase(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    event_slot(vm, a, E_PHASE)
}
fn ev_bubbles(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    event_slot(vm, a, E_BUBBLES)
}
fn ev_cancelable(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    event_slot(vm, a, E_CANCELABLE)
}
fn ev_default_prevented(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    event_slot(vm, a, E_CANCELED)
}
fn ev_composed(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    event_slot(vm, a, E_COMPOSED)
}
fn ev_is_trusted(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    event_slot(vm, a, E_TRUSTED)
}
fn ev_time_stamp(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    event_slot(vm, a, E_TIME)
}
fn ev_return_value(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = ho::require(vm, a.this, Brand::Event)?;
    Ok(Value::Boolean(!ho::get_bool(vm, rec, E_CANCELED)))
}
fn ev_cancel_bubble(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    event_slot(vm, a, E_STOP)
}

fn ev_prevent_default(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = ho::require(vm, a.this, Brand::Event)?;
    if ho::get_bool(vm, rec, E_CANCELABLE) && !ho::get_bool(vm, rec, E_PASSIVE) {
        ho::set(vm, rec, E_CANCELED, Value::Boolean(true));
    }
    Ok(Value::Undefined)
}

fn ev_stop_propagation(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = ho::require(vm, a.this, Brand::Event)?;
    ho::set(vm, rec, E_STOP, Value::Boolean(true));
    Ok(Value::Undefined)
}

fn ev_stop_immediate(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = ho::require(vm, a.this, Brand::Event)?;
    ho::set(vm, rec, E_STOP, Value::Boolean(true));
    ho::set(vm, rec, E_STOP_NOW, Value::Boolean(true));
    Ok(Value::Undefined)
}

fn ev_composed_path(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = ho::require(vm, a.this, Brand::Event)?;
    let current = ho::get(vm, rec, E_CURRENT);
    let items: Vec<Value> = if current.is_object() {
        vec![current]
    } else {
        Vec::new()
    };
    Ok(Value::Object(vm.new_array(&items)))
}
