//! The ReadableStream async iterator (Streams §4.2.5, WebIDL async
//! iterable declarations): `stream.values({ preventCancel })` and
//! `stream[Symbol.asyncIterator]()` lock the stream to a reader; `next()`
//! reads a chunk (chained after a `next()` still in progress, as WebIDL's
//! ongoing promise does); `return(value)` — what `break` in `for await`
//! calls — cancels the stream (unless `preventCancel`) and releases the
//! reader. When the stream closes or errors, the reader is released.
//!
//! Invariant: once FINISHED is set, `next()` answers `{ value: undefined,
//! done: true }` without touching the stream.

use jsvm_engine::api::CallArgs;
use jsvm_engine::error::JsResult;
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use super::reader::{self, acquire_reader, release_reader, stream_of_reader};
use crate::host_object::{self as ho, Brand};
use crate::promises;

const I_READER: u32 = 1;
const I_PREVENT_CANCEL: u32 = 2;
const I_FINISHED: u32 = 3;
/// The promise of the last `next()`/`return()` (WebIDL's ongoing promise).
const I_ONGOING: u32 = 4;
const I_SLOTS: u32 = 4;

pub fn install(vm: &mut Vm) {
    let parent = vm.intrinsics().async_iterator_prototype;
    let proto = vm.new_object(Some(parent));
    crate::host::slab_insert(vm, Value::Object(proto));
    let tag_key = jsvm_engine::api::PropertyKey::Symbol(vm.symbols.to_string_tag);
    let tag = ho::js_string(vm, "ReadableStream AsyncIterator");
    vm.define_value(
        proto,
        tag_key,
        tag,
        jsvm_engine::api::Attrs::CONFIGURABLE_ONLY,
    );
    vm.define_method(proto, "next", 0, next_method);
    vm.define_method(proto, "return", 1, return_method);
    ho::register_proto(Brand::StreamIterator, proto);
}

/// `values({ preventCancel })` and `[Symbol.asyncIterator]()`.
pub fn rs_values(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    ho::require(vm, a.this, Brand::ReadableStream)?;
    let prevent = ho::dict_member(vm, a.arg(0), "preventCancel")?;
    let prevent = vm.to_boolean(prevent);
    let reader = acquire_reader(vm, a.this)?;
    vm.push_root(Value::Object(reader));
    let it = ho::new_instance(vm, Brand::StreamIterator);
    let rec = ho::attach(vm, it, Brand::StreamIterator, I_SLOTS);
    ho::set(vm, rec, I_READER, Value::Object(reader));
    ho::set(vm, rec, I_PREVENT_CANCEL, Value::Boolean(prevent));
    ho::set(vm, rec, I_FINISHED, Value::Boolean(false));
    Ok(Value::Object(it))
}

/// Marks the iterator finished; with `release`, releases its reader
/// (the close and error steps of its read requests).
pub fn finish(vm: &mut Vm, iterator: Value, release: bool) -> JsResult<()> {
    let Some(rec) = ho::record(vm, iterator, Brand::StreamIterator) else {
        return Ok(());
    };
    ho::set(vm, rec, I_FINISHED, Value::Boolean(true));
    if release {
        let reader = ho::get(vm, rec, I_READER);
        if !stream_of_reader(vm, reader).is_undefined() {
            release_reader(vm, reader)?;
        }
    }
    Ok(())
}

/// The ongoing promise, if it is still pending.
fn pending_ongoing(vm: &mut Vm, rec: ObjId) -> Option<ObjId> {
    let p = ho::get_object(vm, rec, I_ONGOING)?;
    promises::is_pending(vm, p).then_some(p)
}

/// `next()`.
fn next_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let Some(rec) = ho::record(vm, a.this, Brand::StreamIterator) else {
        let e = vm.new_error(jsvm_engine::api::ErrorKind::TypeError, "Illegal invocation");
        return Ok(Value::Object(promises::rejected_with(vm, Value::Object(e))));
    };
    let p = promises::new_promise(vm);
    vm.push_root(Value::Object(p));
    match pending_ongoing(vm, rec) {
        Some(ongoing) => promises::then_native(
            vm,
            ongoing,
            deferred_next,
            deferred_next,
            &[a.this, Value::Object(p)],
        ),
        None => next_steps(vm, a.this, p)?,
    }
    ho::set(vm, rec, I_ONGOING, Value::Object(p));
    Ok(Value::Object(p))
}

fn deferred_next(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let it = vm.native_slot(a.callee, 0);
    if let Value::Object(p) = vm.native_slot(a.callee, 1) {
        next_steps(vm, it, p)?;
    }
    Ok(Value::Undefined)
}

/// "Get the next iteration result", settling `p`.
fn next_steps(vm: &mut Vm, it: Value, p: ObjId) -> JsResult<()> {
    let Some(rec) = ho::record(vm, it, Brand::StreamIterator) else {
        return Ok(());
    };
    if ho::get_bool(vm, rec, I_FINISHED) {
        let done = promises::iter_result(vm, Value::Undefined, true);
        return promises::resolve(vm, p, done);
    }
    let reader = ho::get(vm, rec, I_READER);
    if stream_of_reader(vm, reader).is_undefined() {
        let e = vm.new_error(
            jsvm_engine::api::ErrorKind::TypeError,
            "Invalid state: The reader is not attached to a stream",
        );
        promises::reject(vm, p, Value::Object(e));
        return Ok(());
    }
    reader::read_for_iterator(vm, reader, p, it)
}

/// `return(value)`.
fn return_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let Some(rec) = ho::record(vm, a.this, Brand::StreamIterator) else {
        let e = vm.new_error(jsvm_engine::api::ErrorKind::TypeError, "Illegal invocation");
        return Ok(Value::Object(promises::rejected_with(vm, Value::Object(e))));
    };
    let p = promises::new_promise(vm);
    vm.push_root(Value::Object(p));
    match pending_ongoing(vm, rec) {
        Some(ongoing) => promises::then_native(
            vm,
            ongoing,
            deferred_return,
            deferred_return,
            &[a.this, Value::Object(p), a.arg(0)],
        ),
        None => return_steps(vm, a.this, p, a.arg(0))?,
    }
    ho::set(vm, rec, I_ONGOING, Value::Object(p));
    Ok(Value::Object(p))
}

fn deferred_return(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let it = vm.native_slot(a.callee, 0);
    let value = vm.native_slot(a.callee, 2);
    if let Value::Object(p) = vm.native_slot(a.callee, 1) {
        return_steps(vm, it, p, value)?;
    }
    Ok(Value::Undefined)
}

/// The asynchronous iterator return steps: cancel (unless preventCancel)
/// and release; `p` fulfils with `{ value, done: true }` once the cancel
/// has.
fn return_steps(vm: &mut Vm, it: Value, p: ObjId, value: Value) -> JsResult<()> {
    let Some(rec) = ho::record(vm, it, Brand::StreamIterator) else {
        return Ok(());
    };
    if ho::get_bool(vm, rec, I_FINISHED) {
        let done = promises::iter_result(vm, value, true);
        return promises::resolve(vm, p, done);
    }
    ho::set(vm, rec, I_FINISHED, Value::Boolean(true));
    let reader = ho::get(vm, rec, I_READER);
    let stream = stream_of_reader(vm, reader);
    if stream.is_undefined() {
        let done = promises::iter_result(vm, value, true);
        return promises::resolve(vm, p, done);
    }
    let cancel = if ho::get_bool(vm, rec, I_PREVENT_CANCEL) {
        None
    } else {
        Some(super::readable_stream_cancel(vm, stream, value)?)
    };
    if let Some(c) = cancel {
        vm.push_root(Value::Object(c));
    }
    release_reader(vm, reader)?;
    match cancel {
        Some(c) => promises::then_native(
            vm,
            c,
            return_done,
            return_failed,
            &[Value::Object(p), value],
        ),
        None => {
            let done = promises::iter_result(vm, value, true);
            promises::resolve(vm, p, done)?;
        }
    }
    Ok(())
}

fn return_done(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let value = vm.native_slot(a.callee, 1);
    if let Value::Object(p) = vm.native_slot(a.callee, 0) {
        let done = promises::iter_result(vm, value, true);
        promises::resolve(vm, p, done)?;
    }
    Ok(Value::Undefined)
}

fn return_failed(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    if let Value::Object(p) = vm.native_slot(a.callee, 0) {
        promises::reject(vm, p, a.arg(0));
    }
    Ok(Value::Undefined)
}
