//! `AbortController` and `AbortSignal` (DOM Standard, "Aborting ongoing
//! activities"): `controller.abort(reason)`, `signal.aborted`, `reason`,
//! `throwIfAborted()`, `onabort` and `abort` events (AbortSignal is an
//! EventTarget), `AbortSignal.abort(reason)`, `AbortSignal.timeout(ms)`
//! (a TimeoutError after `ms` on an unreferenced timer, as in Node) and
//! `AbortSignal.any(signals)` (dependent signals).
//!
//! The runtime's own users (fetch, body streams, `addEventListener`'s
//! `signal` option) register *abort algorithms*: callables run with the
//! reason when the signal aborts, before the `abort` event.
//!
//! Invariant: a signal's ABORTED slot goes from false to true once and
//! never back; its algorithms run at most once (the list is emptied
//! before they run).

use jsvm_engine::api::CallArgs;
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use crate::errors::{invalid_arg_type, out_of_range};
use crate::event_target::{self, TARGET_SLOTS};
use crate::host_object::{self as ho, Brand};
use crate::tasks::{array_values, call_rooted};

const S_ABORTED: u32 = TARGET_SLOTS + 1;
const S_REASON: u32 = TARGET_SLOTS + 2;
/// Callables run with the reason on abort.
const S_ALGORITHMS: u32 = TARGET_SLOTS + 3;
const S_DEPENDENT: u32 = TARGET_SLOTS + 4;
/// The source signals of a dependent signal (AbortSignal.any).
const S_SOURCES: u32 = TARGET_SLOTS + 5;
/// The signals that depend on this one.
const S_DEPENDENTS: u32 = TARGET_SLOTS + 6;
const SIGNAL_SLOTS: u32 = TARGET_SLOTS + 6;

const C_SIGNAL: u32 = 1;

pub fn install(vm: &mut Vm) {
    let target_proto = ho::proto_of(vm, Brand::EventTarget);
    let (signal_ctor, proto) = ho::define_class(
        vm,
        "AbortSignal",
        0,
        ho::illegal_constructor,
        Some(target_proto),
    );
    ho::register_proto(Brand::AbortSignal, proto);
    ho::getter(vm, proto, "aborted", get_aborted);
    ho::getter(vm, proto, "reason", get_reason);
    ho::accessor(vm, proto, "onabort", get_onabort, set_onabort);
    vm.define_method(proto, "throwIfAborted", 0, throw_if_aborted);
    vm.define_method(signal_ctor, "abort", 0, signal_abort_static);
    vm.define_method(signal_ctor, "timeout", 1, signal_timeout);
    vm.define_method(signal_ctor, "any", 1, signal_any);

    let (_, proto) = ho::define_class(vm, "AbortController", 0, controller_ctor, None);
    ho::register_proto(Brand::AbortController, proto);
    ho::getter(vm, proto, "signal", get_signal);
    vm.define_method(proto, "abort", 0, controller_abort);

    let global = vm.global_object();
    let key = vm.key("setTimeout");
    if let Ok(f) = vm.get_prop(global, key) {
        ho::stash(vm, "setTimeout", f);
    }
}

/// A new, not aborted AbortSignal.
pub fn new_signal(vm: &mut Vm) -> ObjId {
    let o = ho::new_instance(vm, Brand::AbortSignal);
    let rec = ho::attach(vm, o, Brand::AbortSignal, SIGNAL_SLOTS);
    event_target::init_target(vm, rec);
    ho::set(vm, rec, S_ABORTED, Value::Boolean(false));
    let algorithms = vm.new_array_with_proto(&[], None);
    ho::set(vm, rec, S_ALGORITHMS, Value::Object(algorithms));
    ho::set(vm, rec, S_DEPENDENT, Value::Boolean(false));
    o
}

/// True when `signal` is an AbortSignal that has aborted.
pub fn is_aborted(vm: &mut Vm, signal: Value) -> bool {
    match ho::record(vm, signal, Brand::AbortSignal) {
        Some(rec) => ho::get_bool(vm, rec, S_ABORTED),
        None => false,
    }
}

/// The abort reason of `signal` (undefined while not aborted).
pub fn reason(vm: &mut Vm, signal: Value) -> Value {
    match ho::record(vm, signal, Brand::AbortSignal) {
        Some(rec) => ho::get(vm, rec, S_REASON),
        None => Value::Undefined,
    }
}

/// True when `v` is an AbortSignal.
pub fn is_signal(vm: &mut Vm, v: Value) -> bool {
    ho::record(vm, v, Brand::AbortSignal).is_some()
}

/// Adds an abort algorithm: `f(reason)` runs when `signal` aborts.
pub fn add_algorithm(vm: &mut Vm, signal: Value, f: Value) {
    let Some(rec) = ho::record(vm, signal, Brand::AbortSignal) else {
        return;
    };
    if let Some(list) = ho::get_object(vm, rec, S_ALGORITHMS) {
        ho::array_push(vm, list, f);
    }
}

/// Removes an abort algorithm added with `add_algorithm`.
pub fn remove_algorithm(vm: &mut Vm, signal: Value, f: Value) {
    let Some(rec) = ho::record(vm, signal, Brand::AbortSignal) else {
        return;
    };
    if let Some(list) = ho::get_object(vm, rec, S_ALGORITHMS) {
        let kept: Vec<Value> = array_values(vm, list)
            .into_iter()
            .filter(|&g| !vm.strict_equals(g, f))
            .collect();
        let arr = vm.new_array_with_proto(&kept, None);
        ho::set(vm, rec, S_ALGORITHMS, Value::Object(arr));
    }
}

/// Makes `child` abort when `parent` does (with the same reason); at
/// once when `parent` already has.
pub fn follow(vm: &mut Vm, child: Value, parent: Value) -> JsResult<()> {
    if !is_signal(vm, parent) {
        return Ok(());
    }
    if is_aborted(vm, parent) {
        let r = reason(vm, parent);
        return signal_abort(vm, child, r);
    }
    let empty = vm.key("");
    let f = vm.new_native_closure(empty, 1, abort_follower, &[child]);
    add_algorithm(vm, parent, Value::Object(f));
    Ok(())
}

fn abort_follower(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let child = vm.native_slot(a.callee, 0);
    signal_abort(vm, child, a.arg(0))?;
    Ok(Value::Undefined)
}

/// "Signal abort" (DOM 3.2): sets the reason (an AbortError DOMException
/// when undefined), marks the dependents, runs the abort steps of the
/// signal, then of each dependent.
pub fn signal_abort(vm: &mut Vm, signal: Value, reason: Value) -> JsResult<()> {
    let Some(rec) = ho::record(vm, signal, Brand::AbortSignal) else {
        return Ok(());
    };
    if ho::get_bool(vm, rec, S_ABORTED) {
        return Ok(());
    }
    let mark = vm.roots_len();
    vm.push_root(signal);
    let reason = if reason.is_undefined() {
        crate::dom_exception::abort_error(vm)
    } else {
        reason
    };
    vm.push_root(reason);
    ho::set(vm, rec, S_ABORTED, Value::Boolean(true));
    ho::set(vm, rec, S_REASON, reason);
    let mut to_abort = Vec::new();
    if let Some(list) = ho::get_object(vm, rec, S_DEPENDENTS) {
        for d in array_values(vm, list) {
            if let Some(drec) = ho::record(vm, d, Brand::AbortSignal) {
                if !ho::get_bool(vm, drec, S_ABORTED) {
                    ho::set(vm, drec, S_ABORTED, Value::Boolean(true));
                    ho::set(vm, drec, S_REASON, reason);
                    vm.push_root(d);
                    to_abort.push(d);
                }
            }
        }
    }
    let mut result = run_abort_steps(vm, signal, reason);
    for d in to_abort {
        let r = run_abort_steps(vm, d, reason);
        if result.is_ok() {
            result = r;
        }
    }
    vm.truncate_roots(mark);
    result
}

/// Runs the signal's abort algorithms, then fires `abort` at it.
fn run_abort_steps(vm: &mut Vm, signal: Value, reason: Value) -> JsResult<()> {
    let Some(rec) = ho::record(vm, signal, Brand::AbortSignal) else {
        return Ok(());
    };
    let algorithms = match ho::get_object(vm, rec, S_ALGORITHMS) {
        Some(list) => array_values(vm, list),
        None => Vec::new(),
    };
    let empty = vm.new_array_with_proto(&[], None);
    ho::set(vm, rec, S_ALGORITHMS, Value::Object(empty));
    let mark = vm.roots_len();
    for &f in &algorithms {
        vm.push_root(f);
    }
    let mut result = Ok(());
    for f in algorithms {
        if let Err(e) = call_rooted(vm, f, Value::Undefined, &[reason]) {
            if !e.is_catchable() {
                vm.truncate_roots(mark);
                return Err(e);
            }
            if result.is_ok() {
                result = Err(e);
            }
        }
    }
    let event = event_target::new_trusted_event(vm, "abort");
    vm.push_root(event);
    let r = event_target::dispatch(vm, signal, event);
    vm.truncate_roots(mark);
    r?;
    result
}

fn signal_record(vm: &mut Vm, a: &CallArgs) -> JsResult<ObjId> {
    ho::require(vm, a.this, Brand::AbortSignal)
}

fn get_aborted(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = signal_record(vm, a)?;
    Ok(Value::Boolean(ho::get_bool(vm, rec, S_ABORTED)))
}

fn get_reason(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = signal_record(vm, a)?;
    Ok(ho::get(vm, rec, S_REASON))
}

fn get_onabort(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    signal_record(vm, a)?;
    event_target::handler_get(vm, a.this, "abort")
}

fn set_onabort(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    signal_record(vm, a)?;
    event_target::handler_set(vm, a.this, "abort", a.arg(0))?;
    Ok(Value::Undefined)
}

fn throw_if_aborted(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = signal_record(vm, a)?;
    if ho::get_bool(vm, rec, S_ABORTED) {
        return Err(JsError::Throw(ho::get(vm, rec, S_REASON)));
    }
    Ok(Value::Undefined)
}

/// `AbortSignal.abort(reason)`: a signal aborted already.
fn signal_abort_static(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let s = new_signal(vm);
    vm.push_root(Value::Object(s));
    signal_abort(vm, Value::Object(s), a.arg(0))?;
    Ok(Value::Object(s))
}

/// `AbortSignal.timeout(ms)`: aborts with a TimeoutError DOMException
/// after `ms` milliseconds; its timer does not keep the program alive.
fn signal_timeout(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let delay = a.arg(0);
    let Value::Number(ms) = delay else {
        return Err(invalid_arg_type(vm, "delay", "number", delay));
    };
    if ms.fract() != 0.0 || !ms.is_finite() {
        let shown = crate::inspect::format_number(ms);
        return Err(out_of_range(vm, "delay", "an integer", &shown));
    }
    if !(0.0..=4_294_967_295.0).contains(&ms) {
        let shown = crate::inspect::format_number(ms);
        return Err(out_of_range(vm, "delay", ">= 0 && <= 4294967295", &shown));
    }
    let s = new_signal(vm);
    vm.push_root(Value::Object(s));
    let set_timeout = ho::stashed(vm, "setTimeout");
    if vm.is_callable(set_timeout) {
        let empty = vm.key("");
        let fire = vm.new_native_closure(empty, 0, timeout_fired, &[Value::Object(s)]);
        vm.push_root(Value::Object(fire));
        let timer = vm.call(
            set_timeout,
            Value::Undefined,
            &[Value::Object(fire), Value::Number(ms)],
        )?;
        vm.push_root(timer);
        let key = vm.key("unref");
        vm.invoke(timer, key, &[])?;
    }
    Ok(Value::Object(s))
}

fn timeout_fired(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let signal = vm.native_slot(a.callee, 0);
    let reason = crate::dom_exception::timeout_error(vm);
    signal_abort(vm, signal, reason)?;
    Ok(Value::Undefined)
}

/// `AbortSignal.any(signals)` (DOM, "create a dependent abort signal").
fn signal_any(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let list = a.arg(0);
    if !list.is_object() {
        return Err(invalid_arg_type(
            vm,
            "signals",
            "an instance of Array",
            list,
        ));
    }
    let signals = vm.iterate_to_list(list)?;
    let mark = vm.roots_len();
    for &s in &signals {
        vm.push_root(s);
    }
    for (i, &s) in signals.iter().enumerate() {
        if !is_signal(vm, s) {
            vm.truncate_roots(mark);
            let name = format!("signals[{i}]");
            return Err(invalid_arg_type(vm, &name, "an instance of AbortSignal", s));
        }
    }
    let result = new_signal(vm);
    vm.push_root(Value::Object(result));
    for &s in &signals {
        if is_aborted(vm, s) {
            let r = reason(vm, s);
            if let Some(rec) = ho::record(vm, Value::Object(result), Brand::AbortSignal) {
                ho::set(vm, rec, S_ABORTED, Value::Boolean(true));
                ho::set(vm, rec, S_REASON, r);
            }
            vm.truncate_roots(mark);
            return Ok(Value::Object(result));
        }
    }
    let Some(rrec) = ho::record(vm, Value::Object(result), Brand::AbortSignal) else {
        return Ok(Value::Object(result));
    };
    ho::set(vm, rrec, S_DEPENDENT, Value::Boolean(true));
    let mut sources: Vec<Value> = Vec::new();
    for &s in &signals {
        let Some(srec) = ho::record(vm, s, Brand::AbortSignal) else {
            continue;
        };
        if ho::get_bool(vm, srec, S_DEPENDENT) {
            if let Some(l) = ho::get_object(vm, srec, S_SOURCES) {
                for src in array_values(vm, l) {
                    if !sources.iter().any(|&x| vm.strict_equals(x, src)) {
                        sources.push(src);
                    }
                }
            }
        } else if !sources.iter().any(|&x| vm.strict_equals(x, s)) {
            sources.push(s);
        }
    }
    let arr = vm.new_array_with_proto(&sources, None);
    ho::set(vm, rrec, S_SOURCES, Value::Object(arr));
    for &src in &sources {
        let Some(srec) = ho::record(vm, src, Brand::AbortSignal) else {
            continue;
        };
        let mut deps = match ho::get_object(vm, srec, S_DEPENDENTS) {
            Some(l) => array_values(vm, l),
            None => Vec::new(),
        };
        deps.push(Value::Object(result));
        let arr = vm.new_array_with_proto(&deps, None);
        ho::set(vm, srec, S_DEPENDENTS, Value::Object(arr));
    }
    vm.truncate_roots(mark);
    Ok(Value::Object(result))
}

fn controller_ctor(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let o = ho::construct_this(vm, a, "AbortController", Brand::AbortController)?;
    vm.push_root(Value::Object(o));
    let signal = new_signal(vm);
    let rec = ho::attach(vm, o, Brand::AbortController, 1);
    ho::set(vm, rec, C_SIGNAL, Value::Object(signal));
    Ok(Value::Object(o))
}

fn get_signal(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = ho::require(vm, a.this, Brand::AbortController)?;
    Ok(ho::get(vm, rec, C_SIGNAL))
}

fn controller_abort(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = ho::require(vm, a.this, Brand::AbortController)?;
    let signal = ho::get(vm, rec, C_SIGNAL);
    signal_abort(vm, signal, a.arg(0))?;
    Ok(Value::Undefined)
}
