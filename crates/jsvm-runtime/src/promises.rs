//! Promise helpers for the Web APIs, in the terms the WHATWG specs use:
//! "a new promise", "a promise resolved with", "a promise rejected with",
//! "resolve", "reject", "upon fulfillment / upon rejection" (with native
//! reactions that carry their state in function slots), and "set
//! promise.[[PromiseIsHandled]] to true".
//!
//! Invariant: reactions added here are internal (PerformPromiseThen
//! without a result capability): they never create a derived promise, and
//! whatever a reaction throws (other than a termination) is dropped, so
//! reactions handle their own errors.

use jsvm_engine::builtins::promise::{
    new_promise as engine_new_promise, perform_promise_then, promise_resolve, reject_promise,
    resolve_promise, Reaction,
};
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::function::NativeFn;
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

/// A new pending promise of the current realm.
pub fn new_promise(vm: &mut Vm) -> ObjId {
    engine_new_promise(vm)
}

/// "A promise resolved with `v`" (PromiseResolve(%Promise%, v)); a
/// thenable whose `then` getter throws gives a rejected promise.
pub fn resolved_with(vm: &mut Vm, v: Value) -> JsResult<ObjId> {
    let ctor = vm.intrinsics().promise;
    match promise_resolve(vm, ctor, v) {
        Ok(p) => Ok(p),
        Err(e) if e.is_catchable() => {
            let reason = vm.error_to_value(e);
            Ok(rejected_with(vm, reason))
        }
        Err(e) => Err(e),
    }
}

/// "A promise rejected with `reason`".
pub fn rejected_with(vm: &mut Vm, reason: Value) -> ObjId {
    let p = new_promise(vm);
    reject_promise(vm, p, reason);
    p
}

/// "Resolve `p` with `v`" (a termination is the only error).
pub fn resolve(vm: &mut Vm, p: ObjId, v: Value) -> JsResult<()> {
    let mark = vm.roots_len();
    vm.push_root(Value::Object(p));
    vm.push_root(v);
    let r = resolve_promise(vm, p, v);
    vm.truncate_roots(mark);
    r
}

/// "Reject `p` with `reason`".
pub fn reject(vm: &mut Vm, p: ObjId, reason: Value) {
    reject_promise(vm, p, reason);
}

/// Rejects `p` with the value of a thrown error (a termination is
/// returned instead).
pub fn reject_with_error(vm: &mut Vm, p: ObjId, err: JsError) -> JsResult<()> {
    if !err.is_catchable() {
        return Err(err);
    }
    let reason = vm.error_to_value(err);
    reject(vm, p, reason);
    Ok(())
}

/// "Upon fulfillment of `p` run `on_ok`, upon rejection run `on_err`":
/// both are native functions called with the settled value and the
/// `slots` readable through `vm.native_slot(a.callee, i)`.
pub fn then_native(vm: &mut Vm, p: ObjId, on_ok: NativeFn, on_err: NativeFn, slots: &[Value]) {
    let mark = vm.roots_len();
    vm.push_root(Value::Object(p));
    for &s in slots {
        vm.push_root(s);
    }
    let empty = vm.key("");
    let ok = vm.new_native_closure(empty, 1, on_ok, slots);
    vm.push_root(Value::Object(ok));
    let err = vm.new_native_closure(empty, 1, on_err, slots);
    perform_promise_then(
        vm,
        p,
        Reaction::Callable(Value::Object(ok)),
        Reaction::Callable(Value::Object(err)),
        None,
    );
    vm.truncate_roots(mark);
}

/// Set `p`.[[PromiseIsHandled]] to true (its rejection is not reported).
pub fn mark_handled(vm: &mut Vm, p: ObjId) {
    perform_promise_then(
        vm,
        p,
        Reaction::Callable(Value::Undefined),
        Reaction::Callable(Value::Undefined),
        None,
    );
}

/// The state of `p` is still pending.
pub fn is_pending(vm: &Vm, p: ObjId) -> bool {
    matches!(
        vm.promise_state(p),
        Some((jsvm_engine::builtins::promise::PromiseState::Pending, _))
    )
}

/// Calls `f` on `this` with `args` and gives "a promise resolved with"
/// the result, or rejected with what it threw (the spec's "invoking a
/// callback function" for promise-returning algorithms).
pub fn call_to_promise(vm: &mut Vm, f: Value, this: Value, args: &[Value]) -> JsResult<ObjId> {
    if !vm.is_callable(f) {
        return resolved_with(vm, Value::Undefined);
    }
    match crate::tasks::call_rooted(vm, f, this, args) {
        Ok(v) => {
            let mark = vm.roots_len();
            vm.push_root(v);
            let r = resolved_with(vm, v);
            vm.truncate_roots(mark);
            r
        }
        Err(e) if e.is_catchable() => {
            let reason = vm.error_to_value(e);
            Ok(rejected_with(vm, reason))
        }
        Err(e) => Err(e),
    }
}

/// An iterator result object `{ value, done }`.
pub fn iter_result(vm: &mut Vm, value: Value, done: bool) -> Value {
    Value::Object(vm.create_iter_result(value, done))
}
