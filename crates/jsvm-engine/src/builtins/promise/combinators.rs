//! The promise combinators: Promise.all, allSettled, any, race (27.2.4.1-5)
//! and the keyed ones of the await-dictionary proposal (Promise.allKeyed,
//! Promise.allSettledKeyed), with their element functions.
//!
//! The state the spec shares between one combinator call and its element
//! functions (the `values`/`errors` List, the remainingElementsCount
//! record and, for the keyed ones, the `keys` List) lives in a *record*: a
//! null-prototype Array never exposed to JS, whose element 0 is the
//! remaining count, element 1 the keys array (or undefined),
//! element 2 the capability function the element functions settle with,
//! elements 3.. the values. Element functions keep [[Index]] (undefined
//! once [[AlreadyCalled]] is true), the record and (allSettled) the other
//! function of their pair in their three native slots, which fit inside
//! the function object (no slot vector is allocated per element).
//!
//! Invariant: nothing writes a record except through the helpers below,
//! which never run JS; records and element functions are reachable only
//! through native slots and rooted locals.

use crate::atom::atoms;
use crate::error::{ErrorKind, JsError, JsResult};
use crate::function::{CallArgs, NativeFn};
use crate::object::kind::ObjectKind;
use crate::ops::IteratorRecord;
use crate::property::Attrs;
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::Vm;

use super::super::support::Slot;
use super::{new_promise_capability, thrown_value, Capability};

/// Which combinator is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Combinator {
    All,
    AllSettled,
    Any,
    Race,
}

/// Element 0 of a record: remainingElementsCount.[[Value]].
const REMAINING: u32 = 0;
/// Element 1 of a record: the hidden array of keys (keyed combinators) or
/// undefined.
const KEYS: u32 = 1;
/// Element 2 of a record: the function the element functions settle the
/// result capability with (its resolve, or reject for Promise.any).
const SETTLE: u32 = 2;
/// Index of values[0] in a record.
const FIRST_VALUE: u32 = 3;

// Native slots of an element function.
/// [[Index]] while [[AlreadyCalled]] is false, then undefined.
const SLOT_INDEX: usize = 0;
const SLOT_RECORD: usize = 1;
const SLOT_PARTNER: usize = 2;

fn record_new(vm: &mut Vm, keys: Value, settle: Value) -> ObjId {
    vm.new_array_with_proto(&[Value::Number(1.0), keys, settle], None)
}

fn element(vm: &Vm, o: ObjId, i: u32) -> Value {
    vm.heap
        .obj(o)
        .elements
        .get(i)
        .map(|p| p.value)
        .unwrap_or(Value::Undefined)
}

fn array_len(vm: &Vm, o: ObjId) -> u32 {
    match vm.heap.obj(o).kind {
        ObjectKind::Array { length, .. } => length,
        _ => 0,
    }
}

/// Appends `v` to a hidden array.
fn push_element(vm: &mut Vm, o: ObjId, v: Value) {
    let len = array_len(vm, o);
    vm.define_value(o, PropertyKey::Index(len), v, Attrs::ALL);
}

/// Adds `delta` to remainingElementsCount and returns the new count.
fn add_remaining(vm: &mut Vm, record: ObjId, delta: f64) -> f64 {
    let n = element(vm, record, REMAINING).as_number().unwrap_or(0.0) + delta;
    vm.define_value(
        record,
        PropertyKey::Index(REMAINING),
        Value::Number(n),
        Attrs::ALL,
    );
    n
}

fn record_values(vm: &Vm, record: ObjId) -> Vec<Value> {
    (FIRST_VALUE..array_len(vm, record))
        .map(|i| element(vm, record, i))
        .collect()
}

/// IfAbruptRejectPromise(value, capability) (27.2.1.1.1) for an abrupt
/// `e`: rejects the capability and returns its promise.
fn if_abrupt_reject(vm: &mut Vm, cap: &Capability, e: JsError) -> JsResult<Value> {
    let reason = thrown_value(vm, e)?;
    vm.push_root(reason);
    vm.call(cap.reject, Value::Undefined, &[reason])?;
    Ok(cap.promise)
}

/// GetPromiseResolve(promiseConstructor) (27.2.4.1.1).
fn get_promise_resolve(vm: &mut Vm, c: Value) -> JsResult<Value> {
    let r = vm.get_v(c, PropertyKey::Atom(atoms::RESOLVE))?;
    if !vm.is_callable(r) {
        return Err(JsError::type_error("Promise resolve is not a function"));
    }
    Ok(r)
}

pub(super) fn promise_all(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    iterable_combinator(vm, args, Combinator::All)
}

pub(super) fn promise_all_settled(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    iterable_combinator(vm, args, Combinator::AllSettled)
}

pub(super) fn promise_any(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    iterable_combinator(vm, args, Combinator::Any)
}

pub(super) fn promise_race(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    iterable_combinator(vm, args, Combinator::Race)
}

pub(super) fn promise_all_keyed(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    keyed_combinator(vm, args, Combinator::All)
}

pub(super) fn promise_all_settled_keyed(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    keyed_combinator(vm, args, Combinator::AllSettled)
}

/// The common steps of Promise.all / allSettled / any / race: capability,
/// GetPromiseResolve, GetIterator, the loop, and on an abrupt completion
/// IteratorClose (unless the iterator itself failed) then rejection.
fn iterable_combinator(vm: &mut Vm, args: &CallArgs, kind: Combinator) -> JsResult<Value> {
    let c = args.this;
    let cap = new_promise_capability(vm, c)?;
    cap.root(vm);
    let promise_resolve = match get_promise_resolve(vm, c) {
        Ok(f) => f,
        Err(e) => return if_abrupt_reject(vm, &cap, e),
    };
    vm.push_root(promise_resolve);
    let mut rec = match vm.get_iterator(args.arg(0)) {
        Ok(r) => r,
        Err(e) => return if_abrupt_reject(vm, &cap, e),
    };
    vm.push_root(Value::Object(rec.iterator));
    vm.push_root(rec.next_method);
    let result = if kind == Combinator::Race {
        perform_race(vm, &mut rec, c, &cap, promise_resolve)
    } else {
        perform_combinator(vm, &mut rec, kind, c, &cap, promise_resolve)
    };
    match result {
        Ok(v) => Ok(v),
        Err(e) if !e.is_catchable() => Err(e),
        Err(e) => {
            let e = if rec.done {
                e
            } else {
                match vm.iterator_close::<Value>(&rec, Err(e)) {
                    Ok(v) => return Ok(v),
                    Err(e) => e,
                }
            };
            if_abrupt_reject(vm, &cap, e)
        }
    }
}

/// PerformPromiseRace (27.2.4.5.1).
fn perform_race(
    vm: &mut Vm,
    rec: &mut IteratorRecord,
    c: Value,
    cap: &Capability,
    promise_resolve: Value,
) -> JsResult<Value> {
    let held = Slot::new(vm, Value::Undefined);
    loop {
        let Some(next) = vm.iterator_step_value(rec)? else {
            return Ok(cap.promise);
        };
        held.set(vm, next);
        let next_promise = vm.call(promise_resolve, c, &[next])?;
        held.set(vm, next_promise);
        vm.invoke(
            next_promise,
            PropertyKey::Atom(atoms::THEN),
            &[cap.resolve, cap.reject],
        )?;
    }
}

/// What every round of a combinator loop uses: the combinator, C, the
/// result capability, promiseResolve, the record, and rooted scratch
/// slots for the values of one round.
struct Round<'a> {
    kind: Combinator,
    c: Value,
    cap: &'a Capability,
    promise_resolve: Value,
    record: ObjId,
    value: Slot,
    next_promise: Slot,
    on_fulfilled: Slot,
    on_rejected: Slot,
}

impl<'a> Round<'a> {
    /// Makes the record (`keys`: the keys array or undefined) and roots it
    /// with the scratch slots.
    fn new(
        vm: &mut Vm,
        kind: Combinator,
        c: Value,
        cap: &'a Capability,
        promise_resolve: Value,
        keys: Value,
    ) -> Round<'a> {
        let settle = if kind == Combinator::Any {
            cap.reject
        } else {
            cap.resolve
        };
        let record = record_new(vm, keys, settle);
        vm.push_root(Value::Object(record));
        Round {
            kind,
            c,
            cap,
            promise_resolve,
            record,
            value: Slot::new(vm, Value::Undefined),
            next_promise: Slot::new(vm, Value::Undefined),
            on_fulfilled: Slot::new(vm, Value::Undefined),
            on_rejected: Slot::new(vm, Value::Undefined),
        }
    }
}

/// PerformPromiseAll / PerformPromiseAllSettled / PerformPromiseAny
/// (27.2.4.1.2, 27.2.4.2.1, 27.2.4.3.1).
fn perform_combinator(
    vm: &mut Vm,
    rec: &mut IteratorRecord,
    kind: Combinator,
    c: Value,
    cap: &Capability,
    promise_resolve: Value,
) -> JsResult<Value> {
    let round = Round::new(vm, kind, c, cap, promise_resolve, Value::Undefined);
    let mut index = 0.0;
    loop {
        let Some(next) = vm.iterator_step_value(rec)? else {
            return finish_loop(vm, &round);
        };
        round.value.set(vm, next);
        add_element(vm, &round, index, next)?;
        index += 1.0;
    }
}

/// One round of a combinator loop after the value `next` was taken:
/// append undefined to values, `nextPromise = promiseResolve.call(C,
/// next)`, make the element functions, count one more element, then
/// `nextPromise.then(onFulfilled, onRejected)`.
fn add_element(vm: &mut Vm, round: &Round, index: f64, next: Value) -> JsResult<()> {
    let (cap, record) = (round.cap, round.record);
    push_element(vm, record, Value::Undefined);
    let next_promise = vm.call(round.promise_resolve, round.c, &[next])?;
    round.next_promise.set(vm, next_promise);
    let (on_fulfilled, on_rejected) = match round.kind {
        Combinator::All => {
            let f = new_element_function(vm, all_resolve_element, index, record);
            (Value::Object(f), cap.reject)
        }
        Combinator::AllSettled => {
            let f = new_element_function(vm, settled_fulfill_element, index, record);
            let r = new_element_function(vm, settled_reject_element, index, record);
            // alreadyCalled is shared by the pair.
            vm.set_native_slot(f, SLOT_PARTNER, Value::Object(r));
            vm.set_native_slot(r, SLOT_PARTNER, Value::Object(f));
            (Value::Object(f), Value::Object(r))
        }
        Combinator::Any | Combinator::Race => {
            let r = new_element_function(vm, any_reject_element, index, record);
            (cap.resolve, Value::Object(r))
        }
    };
    round.on_fulfilled.set(vm, on_fulfilled);
    round.on_rejected.set(vm, on_rejected);
    add_remaining(vm, record, 1.0);
    vm.invoke(
        next_promise,
        PropertyKey::Atom(atoms::THEN),
        &[on_fulfilled, on_rejected],
    )?;
    Ok(())
}

/// The end of a combinator loop: one less remaining element; at zero,
/// resolve with the values (all, allSettled, keyed) or throw the
/// AggregateError (any). Returns the capability's promise.
fn finish_loop(vm: &mut Vm, round: &Round) -> JsResult<Value> {
    if add_remaining(vm, round.record, -1.0) == 0.0 {
        if round.kind == Combinator::Any {
            let e = aggregate_error(vm, round.record);
            return Err(JsError::Throw(Value::Object(e)));
        }
        resolve_with_values(vm, round.record, round.cap.resolve)?;
    }
    Ok(round.cap.promise)
}

/// Calls `resolve` with CreateArrayFromList(values), or for a keyed
/// combinator with CreateKeyedPromiseCombinatorResultObject(keys, values).
fn resolve_with_values(vm: &mut Vm, record: ObjId, resolve: Value) -> JsResult<Value> {
    let values = record_values(vm, record);
    let result = match element(vm, record, KEYS) {
        Value::Object(keys) => {
            let obj = vm.new_object(None);
            for (i, v) in values.into_iter().enumerate() {
                let k = element(vm, keys, i as u32);
                let key = vm.to_property_key(k)?;
                vm.define_value(obj, key, v, Attrs::ALL);
            }
            obj
        }
        _ => vm.new_array(&values),
    };
    vm.push_root(Value::Object(result));
    vm.call(resolve, Value::Undefined, &[Value::Object(result)])
}

/// A newly created AggregateError whose `errors` is the record's values.
fn aggregate_error(vm: &mut Vm, record: ObjId) -> ObjId {
    let errors = record_values(vm, record);
    let arr = vm.new_array(&errors);
    let e = vm.new_error(ErrorKind::AggregateError, "All promises were rejected");
    vm.define_value(
        e,
        PropertyKey::Atom(atoms::ERRORS),
        Value::Object(arr),
        Attrs::METHOD,
    );
    e
}

/// An element function (length 1, name "") of a combinator call.
fn new_element_function(vm: &mut Vm, f: NativeFn, index: f64, record: ObjId) -> ObjId {
    let slots = [
        Value::Number(index),
        Value::Object(record),
        Value::Undefined,
    ];
    vm.new_native_closure(PropertyKey::Atom(atoms::EMPTY), 1, f, &slots)
}

/// How an element function turns its argument into the stored value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Store {
    /// Promise.all, any: the value itself.
    Plain,
    /// allSettled: `{ status: "fulfilled", value }`.
    Fulfilled,
    /// allSettled: `{ status: "rejected", reason }`.
    Rejected,
}

/// The shared steps of the element functions (27.2.4.1.3, 27.2.4.2.2-3,
/// 27.2.4.3.2): check and set [[AlreadyCalled]], store the value, and
/// settle when it was the last remaining element.
fn element_steps(vm: &mut Vm, args: &CallArgs, store: Store, any: bool) -> JsResult<Value> {
    let f = args.callee;
    let Some(index) = vm.native_slot(f, SLOT_INDEX).as_number() else {
        // [[AlreadyCalled]].
        return Ok(Value::Undefined);
    };
    vm.set_native_slot(f, SLOT_INDEX, Value::Undefined);
    if let Value::Object(partner) = vm.native_slot(f, SLOT_PARTNER) {
        vm.set_native_slot(partner, SLOT_INDEX, Value::Undefined);
    }
    let Value::Object(record) = vm.native_slot(f, SLOT_RECORD) else {
        return Ok(Value::Undefined);
    };
    let settle = element(vm, record, SETTLE);
    let x = args.arg(0);
    let v = match store {
        Store::Plain => x,
        Store::Fulfilled | Store::Rejected => {
            let (status, key) = if store == Store::Fulfilled {
                ("fulfilled", PropertyKey::Atom(atoms::VALUE))
            } else {
                ("rejected", vm.key("reason"))
            };
            let obj = vm.new_plain_object();
            let status_key = vm.key("status");
            let s = vm.new_string(status);
            vm.define_value(obj, status_key, Value::String(s), Attrs::ALL);
            vm.define_value(obj, key, x, Attrs::ALL);
            Value::Object(obj)
        }
    };
    vm.define_value(
        record,
        PropertyKey::Index(FIRST_VALUE + index as u32),
        v,
        Attrs::ALL,
    );
    if add_remaining(vm, record, -1.0) != 0.0 {
        return Ok(Value::Undefined);
    }
    if any {
        let e = aggregate_error(vm, record);
        vm.push_root(Value::Object(e));
        return vm.call(settle, Value::Undefined, &[Value::Object(e)]);
    }
    resolve_with_values(vm, record, settle)
}

/// Promise.all (and allKeyed) Resolve Element Functions.
fn all_resolve_element(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    element_steps(vm, args, Store::Plain, false)
}

/// Promise.allSettled (and allSettledKeyed) Resolve Element Functions.
fn settled_fulfill_element(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    element_steps(vm, args, Store::Fulfilled, false)
}

/// Promise.allSettled (and allSettledKeyed) Reject Element Functions.
fn settled_reject_element(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    element_steps(vm, args, Store::Rejected, false)
}

/// Promise.any Reject Element Functions.
fn any_reject_element(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    element_steps(vm, args, Store::Plain, true)
}

/// Promise.allKeyed / Promise.allSettledKeyed (await-dictionary proposal).
fn keyed_combinator(vm: &mut Vm, args: &CallArgs, kind: Combinator) -> JsResult<Value> {
    let c = args.this;
    let cap = new_promise_capability(vm, c)?;
    cap.root(vm);
    let promise_resolve = match get_promise_resolve(vm, c) {
        Ok(f) => f,
        Err(e) => return if_abrupt_reject(vm, &cap, e),
    };
    vm.push_root(promise_resolve);
    let Value::Object(promises) = args.arg(0) else {
        let e = vm.new_error(
            ErrorKind::TypeError,
            "Promise keyed combinator argument is not an object",
        );
        vm.push_root(Value::Object(e));
        vm.call(cap.reject, Value::Undefined, &[Value::Object(e)])?;
        return Ok(cap.promise);
    };
    match perform_keyed(vm, kind, promises, c, &cap, promise_resolve) {
        Ok(v) => Ok(v),
        Err(e) => if_abrupt_reject(vm, &cap, e),
    }
}

/// PerformPromiseAllKeyed(variant, promises, constructor,
/// resultCapability, promiseResolve): every own enumerable property of
/// `promises`, in [[OwnPropertyKeys]] order.
fn perform_keyed(
    vm: &mut Vm,
    kind: Combinator,
    promises: ObjId,
    c: Value,
    cap: &Capability,
    promise_resolve: Value,
) -> JsResult<Value> {
    let all_keys = vm.own_property_keys(promises)?;
    for k in &all_keys {
        if let PropertyKey::Symbol(s) = *k {
            vm.push_root(Value::Symbol(s));
        }
    }
    let keys = vm.new_array_with_proto(&[], None);
    vm.push_root(Value::Object(keys));
    let round = Round::new(vm, kind, c, cap, promise_resolve, Value::Object(keys));
    let mut index = 0.0;
    for key in all_keys {
        let Some(desc) = vm.get_own_property(promises, key)? else {
            continue;
        };
        if desc.enumerable != Some(true) {
            continue;
        }
        let value = vm.get(promises, key, Value::Object(promises))?;
        round.value.set(vm, value);
        let k = vm.key_to_value(key);
        push_element(vm, keys, k);
        add_element(vm, &round, index, value)?;
        index += 1.0;
    }
    finish_loop(vm, &round)
}
