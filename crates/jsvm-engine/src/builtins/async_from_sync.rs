//! GetIterator(obj, async) (7.4.3) and %AsyncFromSyncIteratorPrototype%
//! (27.1.6): a sync iterator seen through the async iteration protocol,
//! whose results' values are awaited (and the sync iterator closed when
//! such a value rejects).
//!
//! Invariant: every method returns a promise from %Promise% and never
//! throws; abrupt completions reject that promise (IfAbruptRejectPromise).
//! The promise capability's resolving functions and the continuation's
//! unwrap / closeIterator closures are never visible to JS, so none are
//! made: the promise is settled directly and the closures are native
//! reactions (`Reaction::Native`).

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::function::{CallArgs, NativeFn};
use crate::object::ObjectKind;
use crate::ops::IteratorRecord;
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

use super::promise::{
    new_promise, perform_promise_then_derived, reject_promise, resolve_promise, Reaction,
};
use super::support::intrinsics;

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let proto = intrinsics(vm, realm).async_from_sync_iterator_prototype;
        let methods: &[(&str, u32, NativeFn)] = &[
            ("next", 1, next),
            ("return", 1, return_),
            ("throw", 1, throw),
        ];
        for &(name, len, f) in methods {
            vm.define_method(proto, name, len, f);
        }
    });
}

/// GetIterator(obj, async): the iterator and its `next` method.
pub fn get_async_iterator(vm: &mut Vm, obj: Value) -> JsResult<(Value, Value)> {
    let sym = vm.symbols.async_iterator;
    if let Some(m) = vm.get_method(obj, PropertyKey::Symbol(sym))? {
        let iterator = vm.call(m, obj, &[])?;
        let Value::Object(io) = iterator else {
            return Err(JsError::type_error(
                "Result of the Symbol.asyncIterator method is not an object",
            ));
        };
        let base = vm.roots_len();
        vm.push_root(iterator);
        let next = vm.get(io, PropertyKey::Atom(atoms::NEXT), iterator);
        vm.truncate_roots(base);
        return Ok((iterator, next?));
    }
    let sym = vm.symbols.iterator;
    let Some(m) = vm.get_method(obj, PropertyKey::Symbol(sym))? else {
        return Err(JsError::type_error(format!(
            "{} is not async iterable",
            vm.display_value(obj)
        )));
    };
    let rec = vm.get_iterator_from_method(obj, m)?;
    create_async_from_sync_iterator(vm, rec)
}

/// CreateAsyncFromSyncIterator (27.1.6.1): the wrapper and its `next`.
pub fn create_async_from_sync_iterator(
    vm: &mut Vm,
    rec: IteratorRecord,
) -> JsResult<(Value, Value)> {
    let base = vm.roots_len();
    vm.push_root(Value::Object(rec.iterator));
    vm.push_root(rec.next_method);
    let proto = vm.intrinsics().async_from_sync_iterator_prototype;
    let it = vm.alloc_object(
        ObjectKind::AsyncFromSyncIterator {
            iterator: rec.iterator,
            next: rec.next_method,
        },
        Some(proto),
    );
    vm.push_root(Value::Object(it));
    let next = vm.get(it, PropertyKey::Atom(atoms::NEXT), Value::Object(it));
    vm.truncate_roots(base);
    Ok((Value::Object(it), next?))
}

/// The [[SyncIteratorRecord]] of `this`.
fn sync_record(vm: &Vm, this: Value) -> Option<IteratorRecord> {
    let Value::Object(o) = this else { return None };
    match vm.heap.obj(o).kind {
        ObjectKind::AsyncFromSyncIterator { iterator, next } => Some(IteratorRecord {
            iterator,
            next_method: next,
            done: false,
        }),
        _ => None,
    }
}

/// Runs `body` with the promise of a fresh NewPromiseCapability(%Promise%)
/// (its resolving functions are never exposed, so the promise is settled
/// directly); an abrupt completion rejects the promise. Returns the
/// promise.
fn with_capability(
    vm: &mut Vm,
    body: impl FnOnce(&mut Vm, ObjId) -> JsResult<()>,
) -> JsResult<Value> {
    let p = new_promise(vm);
    let base = vm.roots_len();
    vm.push_root(Value::Object(p));
    let r = body(vm, p);
    let out = match r {
        Ok(()) => Ok(Value::Object(p)),
        Err(e) if e.is_catchable() => {
            let reason = vm.error_to_value(e);
            reject_promise(vm, p, reason);
            Ok(Value::Object(p))
        }
        Err(e) => Err(e),
    };
    vm.truncate_roots(base);
    out
}

fn not_async_from_sync() -> JsError {
    JsError::type_error("not an Async-from-Sync Iterator")
}

/// %AsyncFromSyncIteratorPrototype%.next (27.1.6.2.1).
fn next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let rec = sync_record(vm, args.this);
    let value = args.args.first().copied();
    with_capability(vm, |vm, promise| {
        let rec = rec.ok_or_else(not_async_from_sync)?;
        let it = Value::Object(rec.iterator);
        let result = match value {
            Some(v) => vm.call(rec.next_method, it, &[v])?,
            None => vm.call(rec.next_method, it, &[])?,
        };
        if !result.is_object() {
            return Err(JsError::type_error(format!(
                "Iterator result {} is not an object",
                vm.display_value(result)
            )));
        }
        continuation(vm, result, promise, &rec, true)
    })
}

/// %AsyncFromSyncIteratorPrototype%.return (27.1.6.2.2).
fn return_(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let rec = sync_record(vm, args.this);
    let value = args.args.first().copied();
    with_capability(vm, |vm, promise| {
        let rec = rec.ok_or_else(not_async_from_sync)?;
        let it = Value::Object(rec.iterator);
        let Some(ret) = vm.get_method(it, PropertyKey::Atom(atoms::RETURN))? else {
            let r = Value::Object(vm.create_iter_result(value.unwrap_or(Value::Undefined), true));
            return resolve_promise(vm, promise, r);
        };
        let result = match value {
            Some(v) => vm.call(ret, it, &[v])?,
            None => vm.call(ret, it, &[])?,
        };
        if !result.is_object() {
            return Err(JsError::type_error(
                "iterator.return() did not return an object",
            ));
        }
        continuation(vm, result, promise, &rec, false)
    })
}

/// %AsyncFromSyncIteratorPrototype%.throw (27.1.6.2.3).
fn throw(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let rec = sync_record(vm, args.this);
    let value = args.args.first().copied();
    with_capability(vm, |vm, promise| {
        let rec = rec.ok_or_else(not_async_from_sync)?;
        let it = Value::Object(rec.iterator);
        let Some(throw) = vm.get_method(it, PropertyKey::Atom(atoms::THROW))? else {
            // Close the sync iterator, then report the protocol violation.
            vm.iterator_close(&rec, Ok(()))?;
            return Err(JsError::type_error(
                "The iterator does not provide a 'throw' method",
            ));
        };
        let result = match value {
            Some(v) => vm.call(throw, it, &[v])?,
            None => vm.call(throw, it, &[])?,
        };
        if !result.is_object() {
            return Err(JsError::type_error(
                "iterator.throw() did not return an object",
            ));
        }
        continuation(vm, result, promise, &rec, true)
    })
}

/// AsyncFromSyncIteratorContinuation (27.1.6.4).
fn continuation(
    vm: &mut Vm,
    result: Value,
    promise: ObjId,
    rec: &IteratorRecord,
    close_on_rejection: bool,
) -> JsResult<()> {
    let Value::Object(r) = result else {
        return Err(not_async_from_sync());
    };
    let base = vm.roots_len();
    vm.push_root(result);
    let out = (|| {
        let done = vm.get(r, PropertyKey::Atom(atoms::DONE), result)?;
        let done = vm.to_boolean(done);
        let value = vm.get(r, PropertyKey::Atom(atoms::VALUE), result)?;
        let ctor = vm.intrinsics().promise;
        let wrapper = match super::promise::promise_resolve(vm, ctor, value) {
            Ok(w) => w,
            Err(e) if !done && close_on_rejection => {
                return vm.iterator_close(rec, Err(e));
            }
            Err(e) => return Err(e),
        };
        let on_fulfilled = Reaction::Native(unwrap, Value::Boolean(done));
        let on_rejected = if done || !close_on_rejection {
            Reaction::Callable(Value::Undefined)
        } else {
            Reaction::Native(close_iterator, Value::Object(rec.iterator))
        };
        perform_promise_then_derived(vm, wrapper, on_fulfilled, on_rejected, promise);
        Ok(())
    })();
    vm.truncate_roots(base);
    out
}

/// The unwrap closure (captured: `done`): CreateIterResultObject(v,
/// done).
fn unwrap(vm: &mut Vm, done: Value, v: Value) -> JsResult<Value> {
    let done = matches!(done, Value::Boolean(true));
    Ok(Value::Object(vm.create_iter_result(v, done)))
}

/// The closeIterator closure (captured: the sync iterator):
/// IteratorClose(syncIteratorRecord, ThrowCompletion(error)).
fn close_iterator(vm: &mut Vm, iterator: Value, error: Value) -> JsResult<Value> {
    let Value::Object(iterator) = iterator else {
        return Err(JsError::Throw(error));
    };
    let rec = IteratorRecord {
        iterator,
        next_method: Value::Undefined,
        done: false,
    };
    vm.iterator_close(&rec, Err(JsError::Throw(error)))
}

/// For `ObjectKind::trace`.
pub fn trace_record(iterator: ObjId, next: Value, t: &mut crate::heap::Tracer) {
    t.mark_object(iterator);
    t.mark_value(next);
}
