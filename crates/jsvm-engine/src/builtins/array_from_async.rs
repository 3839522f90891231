//! Array.fromAsync (23.1.2.2): the spec's fromAsyncClosure run as an async
//! function would run it, written as a state machine. Each `Await` is a
//! PromiseResolve + PerformPromiseThen whose reactions are two native
//! closures: the fulfilled one holds the whole state in its native slots
//! (so it is the state), the rejected one points at it. A resumption runs
//! the closure body up to its next `Await` or to the end.
//!
//! Invariant: the state closure is reachable from a pending reaction
//! whenever the algorithm is suspended, and every abrupt completion of the
//! body rejects the result promise (never throws to the caller), as
//! AsyncFunctionStart would.

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::ops::IteratorRecord;
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::Vm;

use super::array::{array_create, create_index, get_index, set_length};
use super::async_from_sync::create_async_from_sync_iterator;
use super::promise::{new_promise_capability, perform_promise_then, promise_resolve, Reaction};
use super::support::MAX_SAFE_INTEGER;

// Native slots of the state closure.
const RESOLVE: usize = 0;
const REJECT: usize = 1;
/// The result array A.
const TARGET: usize = 2;
/// k, as a Number.
const INDEX: usize = 3;
/// The mapping function, or undefined when not mapping.
const MAPFN: usize = 4;
const THIS_ARG: usize = 5;
/// The iterator (iterable inputs) or the array-like object.
const SOURCE: usize = 6;
/// The iterator's `next` method, or the array-like's length as a Number.
const NEXT_OR_LEN: usize = 7;
/// Which `Await` the algorithm is suspended at (a `Phase` as a Number).
const PHASE: usize = 8;
/// The error being rethrown after AsyncIteratorClose awaits `return()`.
const PENDING_ERROR: usize = 9;
const SLOT_COUNT: usize = 10;

/// The `Await` points of fromAsyncClosure.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Awaiting the result of the iterator's `next()`.
    NextResult,
    /// Awaiting the mapping function's result for an iterated value.
    IteratedMapped,
    /// Awaiting `return()` in AsyncIteratorClose; the pending error follows.
    Closing,
    /// Awaiting an array-like's element.
    Element,
    /// Awaiting the mapping function's result for an array-like element.
    ElementMapped,
}

impl Phase {
    const ALL: [Phase; 5] = [
        Phase::NextResult,
        Phase::IteratedMapped,
        Phase::Closing,
        Phase::Element,
        Phase::ElementMapped,
    ];
    fn from_value(v: Value) -> Phase {
        let i = v.as_number().unwrap_or(0.0) as usize;
        Phase::ALL.get(i).copied().unwrap_or(Phase::NextResult)
    }
    fn to_value(self) -> Value {
        let i = Phase::ALL.iter().position(|&p| p == self).unwrap_or(0);
        Value::Number(i as f64)
    }
}

/// Array.fromAsync(asyncItems [, mapfn [, thisArg]]).
pub fn array_from_async(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let ctor = Value::Object(vm.intrinsics().promise);
    let cap = new_promise_capability(vm, ctor)?;
    let mut slots = [Value::Undefined; SLOT_COUNT];
    slots[RESOLVE] = cap.resolve;
    slots[REJECT] = cap.reject;
    slots[MAPFN] = args.arg(1);
    slots[THIS_ARG] = args.arg(2);
    let base = vm.roots_len();
    vm.push_root(cap.promise);
    let empty = PropertyKey::Atom(atoms::EMPTY);
    let state = vm.new_native_closure(empty, 1, on_fulfilled, &slots);
    vm.push_root(Value::Object(state));
    let r = start(vm, state, args.this, args.arg(0));
    let r = settle_abrupt(vm, state, r);
    vm.truncate_roots(base);
    r.map(|()| cap.promise)
}

/// The body of fromAsyncClosure up to its first `Await`.
fn start(vm: &mut Vm, state: ObjId, c: Value, items: Value) -> JsResult<()> {
    let mapfn = vm.native_slot(state, MAPFN);
    if !mapfn.is_undefined() && !vm.is_callable(mapfn) {
        return Err(JsError::type_error(format!(
            "{} is not a function",
            vm.display_value(mapfn)
        )));
    }
    let async_sym = vm.symbols.async_iterator;
    let mut method = vm.get_method(items, PropertyKey::Symbol(async_sym))?;
    let is_async = method.is_some();
    if method.is_none() {
        let sym = vm.symbols.iterator;
        method = vm.get_method(items, PropertyKey::Symbol(sym))?;
    }
    if let Some(method) = method {
        let target = if vm.is_constructor(c) {
            vm.construct(c, &[], None)?
        } else {
            Value::Object(array_create(vm, 0, None)?)
        };
        vm.set_native_slot(state, TARGET, target);
        let rec = vm.get_iterator_from_method(items, method)?;
        vm.push_root(Value::Object(rec.iterator));
        vm.push_root(rec.next_method);
        let (iterator, next) = if is_async {
            (Value::Object(rec.iterator), rec.next_method)
        } else {
            create_async_from_sync_iterator(vm, rec)?
        };
        vm.set_native_slot(state, SOURCE, iterator);
        vm.set_native_slot(state, NEXT_OR_LEN, next);
        vm.set_native_slot(state, INDEX, Value::Number(0.0));
        return next_step(vm, state);
    }
    let array_like = vm.to_object(items)?;
    vm.set_native_slot(state, SOURCE, Value::Object(array_like));
    let len = vm.length_of_array_like(array_like)?;
    vm.set_native_slot(state, NEXT_OR_LEN, Value::Number(len));
    let target = if vm.is_constructor(c) {
        vm.construct(c, &[Value::Number(len)], None)?
    } else {
        Value::Object(array_create(vm, len as u64, None)?)
    };
    vm.set_native_slot(state, TARGET, target);
    vm.set_native_slot(state, INDEX, Value::Number(0.0));
    element_step(vm, state)
}

/// The fulfilled reaction of every `Await`: the state closure itself.
fn on_fulfilled(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let state = args.callee;
    let r = resume(vm, state, Ok(args.arg(0)));
    settle_abrupt(vm, state, r).map(|()| Value::Undefined)
}

/// The rejected reaction of every `Await`: slot 0 is the state closure.
fn on_rejected(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(state) = vm.native_slot(args.callee, 0) else {
        return Ok(Value::Undefined);
    };
    let r = resume(vm, state, Err(JsError::Throw(args.arg(0))));
    settle_abrupt(vm, state, r).map(|()| Value::Undefined)
}

/// An abrupt completion of the body rejects the result promise.
fn settle_abrupt(vm: &mut Vm, state: ObjId, r: JsResult<()>) -> JsResult<()> {
    match r {
        Err(e) if e.is_catchable() => {
            let reason = vm.error_to_value(e);
            let reject = vm.native_slot(state, REJECT);
            vm.call(reject, Value::Undefined, &[reason]).map(|_| ())
        }
        other => other,
    }
}

/// Runs the body from the `Await` it is suspended at, with that await's
/// outcome.
fn resume(vm: &mut Vm, state: ObjId, awaited: JsResult<Value>) -> JsResult<()> {
    let base = vm.roots_len();
    if let Ok(v) | Err(JsError::Throw(v)) = awaited {
        vm.push_root(v);
    }
    let phase = Phase::from_value(vm.native_slot(state, PHASE));
    let r = match phase {
        Phase::NextResult => next_result(vm, state, awaited?),
        Phase::IteratedMapped => match awaited {
            Ok(v) => define_iterated(vm, state, v),
            Err(e) => close_iterator(vm, state, e),
        },
        Phase::Closing => {
            let pending = vm.native_slot(state, PENDING_ERROR);
            Err(JsError::Throw(pending))
        }
        Phase::Element => element_value(vm, state, awaited?),
        Phase::ElementMapped => {
            let v = awaited?;
            define_element(vm, state, v)
        }
    };
    vm.truncate_roots(base);
    r
}

/// Await(v) (27.7.5.3) with this algorithm's reactions; suspends at `phase`.
fn await_value(vm: &mut Vm, state: ObjId, phase: Phase, v: Value) -> JsResult<()> {
    vm.set_native_slot(state, PHASE, phase.to_value());
    let ctor = vm.intrinsics().promise;
    let p = promise_resolve(vm, ctor, v)?;
    let base = vm.roots_len();
    vm.push_root(Value::Object(p));
    let empty = PropertyKey::Atom(atoms::EMPTY);
    let rejected = vm.new_native_closure(empty, 1, on_rejected, &[Value::Object(state)]);
    perform_promise_then(
        vm,
        p,
        Reaction::Callable(Value::Object(state)),
        Reaction::Callable(Value::Object(rejected)),
        None,
    );
    vm.truncate_roots(base);
    Ok(())
}

fn index(vm: &Vm, state: ObjId) -> f64 {
    vm.native_slot(state, INDEX).as_number().unwrap_or(0.0)
}

fn target(vm: &Vm, state: ObjId) -> JsResult<ObjId> {
    vm.native_slot(state, TARGET)
        .as_object()
        .ok_or_else(|| JsError::type_error("Array.fromAsync: no target"))
}

/// Resolves the result promise with A after setting its length to `len`.
fn finish(vm: &mut Vm, state: ObjId, len: f64) -> JsResult<()> {
    let a = target(vm, state)?;
    set_length(vm, a, len as u64)?;
    let resolve = vm.native_slot(state, RESOLVE);
    vm.call(resolve, Value::Undefined, &[Value::Object(a)])?;
    Ok(())
}

fn iterator_record(vm: &Vm, state: ObjId) -> Option<IteratorRecord> {
    Some(IteratorRecord {
        iterator: vm.native_slot(state, SOURCE).as_object()?,
        next_method: vm.native_slot(state, NEXT_OR_LEN),
        done: false,
    })
}

// ---- Iterable inputs (step 3.g) ----

/// The top of the loop: call `next()` and await its result.
fn next_step(vm: &mut Vm, state: ObjId) -> JsResult<()> {
    if index(vm, state) >= MAX_SAFE_INTEGER {
        let e = JsError::type_error("Array.fromAsync: too many elements");
        return close_iterator(vm, state, e);
    }
    let rec = iterator_record(vm, state).ok_or_else(|| JsError::type_error("no iterator"))?;
    let result = vm.call(rec.next_method, Value::Object(rec.iterator), &[])?;
    await_value(vm, state, Phase::NextResult, result)
}

/// After `Await(nextResult)`.
fn next_result(vm: &mut Vm, state: ObjId, result: Value) -> JsResult<()> {
    let Value::Object(r) = result else {
        return Err(JsError::type_error(format!(
            "Iterator result {} is not an object",
            vm.display_value(result)
        )));
    };
    let done = vm.get(r, PropertyKey::Atom(atoms::DONE), result)?;
    if vm.to_boolean(done) {
        return finish(vm, state, index(vm, state));
    }
    let value = vm.get(r, PropertyKey::Atom(atoms::VALUE), result)?;
    vm.push_root(value);
    let mapfn = vm.native_slot(state, MAPFN);
    if mapfn.is_undefined() {
        return define_iterated(vm, state, value);
    }
    let this_arg = vm.native_slot(state, THIS_ARG);
    let k = Value::Number(index(vm, state));
    // IfAbruptCloseAsyncIterator for the call and for the Await.
    let mapped = vm
        .call(mapfn, this_arg, &[value, k])
        .and_then(|m| await_value(vm, state, Phase::IteratedMapped, m));
    match mapped {
        Ok(()) => Ok(()),
        Err(e) if e.is_catchable() => close_iterator(vm, state, e),
        Err(e) => Err(e),
    }
}

/// CreateDataPropertyOrThrow(A, Pk, mappedValue), then the next round.
fn define_iterated(vm: &mut Vm, state: ObjId, v: Value) -> JsResult<()> {
    let a = target(vm, state)?;
    let k = index(vm, state);
    match create_index(vm, a, k as u64, v) {
        Ok(()) => {}
        Err(e) if e.is_catchable() => return close_iterator(vm, state, e),
        Err(e) => return Err(e),
    }
    vm.set_native_slot(state, INDEX, Value::Number(k + 1.0));
    next_step(vm, state)
}

/// AsyncIteratorClose(iteratorRecord, ThrowCompletion(error)) (7.4.13):
/// `return()` is called and its result awaited, but `error` wins.
fn close_iterator(vm: &mut Vm, state: ObjId, error: JsError) -> JsResult<()> {
    let reason = vm.error_to_value(error);
    let base = vm.roots_len();
    vm.push_root(reason);
    let r = (|| {
        let rec = iterator_record(vm, state)?;
        let it = Value::Object(rec.iterator);
        let ret = vm.get_method(it, PropertyKey::Atom(atoms::RETURN)).ok()??;
        let inner = vm.call(ret, it, &[]).ok()?;
        vm.set_native_slot(state, PENDING_ERROR, reason);
        await_value(vm, state, Phase::Closing, inner).ok()
    })();
    vm.truncate_roots(base);
    match r {
        Some(()) => Ok(()),
        None => Err(JsError::Throw(reason)),
    }
}

// ---- Array-like inputs (step 3.h) ----

/// The top of the loop: await the next element, or finish.
fn element_step(vm: &mut Vm, state: ObjId) -> JsResult<()> {
    let k = index(vm, state);
    let len = vm
        .native_slot(state, NEXT_OR_LEN)
        .as_number()
        .unwrap_or(0.0);
    if k >= len {
        return finish(vm, state, len);
    }
    let Value::Object(source) = vm.native_slot(state, SOURCE) else {
        return Err(JsError::type_error("Array.fromAsync: no source"));
    };
    let v = get_index(vm, source, k as u64)?;
    await_value(vm, state, Phase::Element, v)
}

/// After `Await(kValue)`.
fn element_value(vm: &mut Vm, state: ObjId, v: Value) -> JsResult<()> {
    let mapfn = vm.native_slot(state, MAPFN);
    if mapfn.is_undefined() {
        return define_element(vm, state, v);
    }
    let this_arg = vm.native_slot(state, THIS_ARG);
    let k = Value::Number(index(vm, state));
    let mapped = vm.call(mapfn, this_arg, &[v, k])?;
    await_value(vm, state, Phase::ElementMapped, mapped)
}

fn define_element(vm: &mut Vm, state: ObjId, v: Value) -> JsResult<()> {
    let a = target(vm, state)?;
    let k = index(vm, state);
    create_index(vm, a, k as u64, v)?;
    vm.set_native_slot(state, INDEX, Value::Number(k + 1.0));
    element_step(vm, state)
}
