//! ReadableStreamDefaultReader (Streams §4.4, §4.9.2-3): `read()`,
//! `releaseLock()`, `cancel()`, `closed`; and read requests, the
//! callbacks a read completes with. A read request is a null-prototype
//! array `[kind, a, b, c]`:
//!
//! - `READ` (`reader.read()`): `a` is the promise, resolved with
//!   `{ value, done }` or rejected;
//! - `ITERATE` (the async iterator's `next()`): like `READ`, but the
//!   close and error steps first release the reader and finish the
//!   iterator `b`;
//! - `CALLBACKS` (Rust consumers such as fetch's body reading): `a`, `b`
//!   and `c` are the chunk, close and error steps, called directly.
//!
//! Invariant: a request is settled exactly once: it is removed from the
//! reader's list before its steps run.

use jsvm_engine::api::CallArgs;
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use super::{stream_record, stream_state, State, RS_CONTROLLER, RS_DISTURBED, RS_READER};
use crate::host_object::{self as ho, Brand};
use crate::promises;
use crate::tasks::{array_values, call_rooted};

const R_STREAM: u32 = 1;
const R_CLOSED: u32 = 2;
const R_REQUESTS: u32 = 3;
const R_SLOTS: u32 = 3;

const READ: f64 = 0.0;
const ITERATE: f64 = 1.0;
const CALLBACKS: f64 = 2.0;

pub fn install(vm: &mut Vm) {
    let (_, proto) = ho::define_class(
        vm,
        "ReadableStreamDefaultReader",
        1,
        reader_constructor,
        None,
    );
    ho::register_proto(Brand::StreamReader, proto);
    ho::getter(vm, proto, "closed", get_closed);
    vm.define_method(proto, "read", 0, read_method);
    vm.define_method(proto, "releaseLock", 0, release_lock_method);
    vm.define_method(proto, "cancel", 0, cancel_method);
}

/// `new ReadableStreamDefaultReader(stream)`.
fn reader_constructor(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let o = ho::construct_this(vm, a, "ReadableStreamDefaultReader", Brand::StreamReader)?;
    vm.push_root(Value::Object(o));
    let stream = a.arg(0);
    if stream_record(vm, stream).is_none() {
        return Err(crate::errors::invalid_arg_type(
            vm,
            "stream",
            "an instance of ReadableStream",
            stream,
        ));
    }
    set_up(vm, o, stream)?;
    Ok(Value::Object(o))
}

/// AcquireReadableStreamDefaultReader: a new reader locked to `stream`
/// (a TypeError when it is already locked).
pub fn acquire_reader(vm: &mut Vm, stream: Value) -> JsResult<ObjId> {
    let o = ho::new_instance(vm, Brand::StreamReader);
    let mark = vm.roots_len();
    vm.push_root(Value::Object(o));
    let r = set_up(vm, o, stream);
    vm.truncate_roots(mark);
    r.map(|_| o)
}

/// SetUpReadableStreamDefaultReader + ReadableStreamReaderGenericInitialize.
fn set_up(vm: &mut Vm, o: ObjId, stream: Value) -> JsResult<()> {
    if super::is_locked(vm, stream) {
        let e = super::locked_error(vm);
        return Err(JsError::Throw(e));
    }
    let Some(srec) = stream_record(vm, stream) else {
        return Err(JsError::type_error("Illegal invocation"));
    };
    let rec = ho::attach(vm, o, Brand::StreamReader, R_SLOTS);
    ho::set(vm, rec, R_STREAM, stream);
    ho::set(vm, srec, RS_READER, Value::Object(o));
    let requests = vm.new_array_with_proto(&[], None);
    ho::set(vm, rec, R_REQUESTS, Value::Object(requests));
    let closed = match stream_state(vm, srec) {
        State::Readable => promises::new_promise(vm),
        State::Closed => promises::resolved_with(vm, Value::Undefined)?,
        State::Errored => {
            let e = ho::get(vm, srec, super::RS_STORED_ERROR);
            let p = promises::rejected_with(vm, e);
            promises::mark_handled(vm, p);
            p
        }
    };
    ho::set(vm, rec, R_CLOSED, Value::Object(closed));
    Ok(())
}

fn reader_record(vm: &mut Vm, reader: Value) -> Option<ObjId> {
    ho::record(vm, reader, Brand::StreamReader)
}

// ---- The request list ----

fn requests(vm: &mut Vm, rec: ObjId) -> Vec<Value> {
    match ho::get_object(vm, rec, R_REQUESTS) {
        Some(list) => array_values(vm, list),
        None => Vec::new(),
    }
}

fn store_requests(vm: &mut Vm, rec: ObjId, list: &[Value]) {
    let arr = vm.new_array_with_proto(list, None);
    ho::set(vm, rec, R_REQUESTS, Value::Object(arr));
}

pub fn num_requests(vm: &mut Vm, reader: Value) -> usize {
    match reader_record(vm, reader) {
        Some(rec) => requests(vm, rec).len(),
        None => 0,
    }
}

pub fn push_request(vm: &mut Vm, reader: Value, request: Value) {
    if let Some(rec) = reader_record(vm, reader) {
        if let Some(list) = ho::get_object(vm, rec, R_REQUESTS) {
            ho::array_push(vm, list, request);
        }
    }
}

pub fn shift_request(vm: &mut Vm, reader: Value) -> Option<Value> {
    let rec = reader_record(vm, reader)?;
    let mut list = requests(vm, rec);
    if list.is_empty() {
        return None;
    }
    let first = list.remove(0);
    let mark = vm.roots_len();
    vm.push_root(first);
    store_requests(vm, rec, &list);
    vm.truncate_roots(mark);
    Some(first)
}

/// Takes every queued request (the list is left empty).
fn take_requests(vm: &mut Vm, rec: ObjId) -> Vec<Value> {
    let list = requests(vm, rec);
    store_requests(vm, rec, &[]);
    list
}

// ---- Read requests ----

fn new_request(vm: &mut Vm, kind: f64, a: Value, b: Value, c: Value) -> Value {
    Value::Object(vm.new_array_with_proto(&[Value::Number(kind), a, b, c], None))
}

fn request_parts(vm: &mut Vm, request: Value) -> (f64, Value, Value, Value) {
    let Value::Object(r) = request else {
        return (
            f64::NAN,
            Value::Undefined,
            Value::Undefined,
            Value::Undefined,
        );
    };
    let v = array_values(vm, r);
    let get = |i: usize| v.get(i).copied().unwrap_or(Value::Undefined);
    let kind = match get(0) {
        Value::Number(n) => n,
        _ => f64::NAN,
    };
    (kind, get(1), get(2), get(3))
}

/// A read request's chunk steps.
pub fn chunk_steps(vm: &mut Vm, request: Value, chunk: Value) -> JsResult<()> {
    let (kind, a, _, _) = request_parts(vm, request);
    if kind == CALLBACKS {
        return call_rooted(vm, a, Value::Undefined, &[chunk]).map(|_| ());
    }
    if let Value::Object(p) = a {
        let result = promises::iter_result(vm, chunk, false);
        promises::resolve(vm, p, result)?;
    }
    Ok(())
}

/// A read request's close steps.
pub fn close_steps(vm: &mut Vm, request: Value) -> JsResult<()> {
    let (kind, a, b, _) = request_parts(vm, request);
    if kind == CALLBACKS {
        return call_rooted(vm, b, Value::Undefined, &[]).map(|_| ());
    }
    if kind == ITERATE {
        super::iterator::finish(vm, b, true)?;
    }
    if let Value::Object(p) = a {
        let result = promises::iter_result(vm, Value::Undefined, true);
        promises::resolve(vm, p, result)?;
    }
    Ok(())
}

/// A read request's error steps.
pub fn error_steps(vm: &mut Vm, request: Value, e: Value) -> JsResult<()> {
    let (kind, a, b, c) = request_parts(vm, request);
    if kind == CALLBACKS {
        return call_rooted(vm, c, Value::Undefined, &[e]).map(|_| ());
    }
    if kind == ITERATE {
        super::iterator::finish(vm, b, true)?;
    }
    if let Value::Object(p) = a {
        promises::reject(vm, p, e);
    }
    Ok(())
}

/// ReadableStreamDefaultReaderRead.
fn reader_read(vm: &mut Vm, reader: Value, request: Value) -> JsResult<()> {
    let Some(rec) = reader_record(vm, reader) else {
        return Ok(());
    };
    let stream = ho::get(vm, rec, R_STREAM);
    let Some(srec) = stream_record(vm, stream) else {
        return error_steps(vm, request, Value::Undefined);
    };
    ho::set(vm, srec, RS_DISTURBED, Value::Boolean(true));
    match stream_state(vm, srec) {
        State::Closed => close_steps(vm, request),
        State::Errored => {
            let e = ho::get(vm, srec, super::RS_STORED_ERROR);
            error_steps(vm, request, e)
        }
        State::Readable => match ho::get_object(vm, srec, RS_CONTROLLER) {
            Some(c) => super::controller::pull_steps(vm, c, request),
            None => Ok(()),
        },
    }
}

/// Reads one chunk for a Rust consumer: `chunk(chunk)`, `close()` or
/// `error(e)` is called (perhaps at once).
pub fn read_with_callbacks(
    vm: &mut Vm,
    reader: ObjId,
    chunk: Value,
    close: Value,
    error: Value,
) -> JsResult<()> {
    let mark = vm.roots_len();
    let request = new_request(vm, CALLBACKS, chunk, close, error);
    vm.push_root(request);
    let r = reader_read(vm, Value::Object(reader), request);
    vm.truncate_roots(mark);
    r
}

/// Reads one chunk for the async iterator `iterator`: `promise` settles
/// with the result.
pub fn read_for_iterator(
    vm: &mut Vm,
    reader: Value,
    promise: ObjId,
    iterator: Value,
) -> JsResult<()> {
    let mark = vm.roots_len();
    let request = new_request(
        vm,
        ITERATE,
        Value::Object(promise),
        iterator,
        Value::Undefined,
    );
    vm.push_root(request);
    let r = reader_read(vm, reader, request);
    vm.truncate_roots(mark);
    r
}

/// Settles the reader's `closed` promise and close steps of every
/// pending read (ReadableStreamClose, reader part).
pub fn on_stream_closed(vm: &mut Vm, reader: Value) -> JsResult<()> {
    let Some(rec) = reader_record(vm, reader) else {
        return Ok(());
    };
    if let Some(p) = ho::get_object(vm, rec, R_CLOSED) {
        promises::resolve(vm, p, Value::Undefined)?;
    }
    let list = take_requests(vm, rec);
    let mark = vm.roots_len();
    for &r in &list {
        vm.push_root(r);
    }
    let mut result = Ok(());
    for r in list {
        let x = close_steps(vm, r);
        if result.is_ok() {
            result = x;
        }
    }
    vm.truncate_roots(mark);
    result
}

/// Rejects the reader's `closed` promise and every pending read
/// (ReadableStreamError, reader part).
pub fn on_stream_errored(vm: &mut Vm, reader: Value, e: Value) -> JsResult<()> {
    let Some(rec) = reader_record(vm, reader) else {
        return Ok(());
    };
    if let Some(p) = ho::get_object(vm, rec, R_CLOSED) {
        promises::reject(vm, p, e);
        promises::mark_handled(vm, p);
    }
    error_read_requests(vm, rec, e)
}

/// ReadableStreamDefaultReaderErrorReadRequests.
fn error_read_requests(vm: &mut Vm, rec: ObjId, e: Value) -> JsResult<()> {
    let list = take_requests(vm, rec);
    let mark = vm.roots_len();
    vm.push_root(e);
    for &r in &list {
        vm.push_root(r);
    }
    let mut result = Ok(());
    for r in list {
        let x = error_steps(vm, r, e);
        if result.is_ok() {
            result = x;
        }
    }
    vm.truncate_roots(mark);
    result
}

/// ReadableStreamDefaultReaderRelease: unlocks the stream; pending reads
/// fail with a TypeError.
pub fn release_reader(vm: &mut Vm, reader: Value) -> JsResult<()> {
    let Some(rec) = reader_record(vm, reader) else {
        return Ok(());
    };
    let stream = ho::get(vm, rec, R_STREAM);
    let Some(srec) = stream_record(vm, stream) else {
        return Ok(());
    };
    let mark = vm.roots_len();
    vm.push_root(reader);
    let e = released_error(vm);
    vm.push_root(e);
    if stream_state(vm, srec) == State::Readable {
        if let Some(p) = ho::get_object(vm, rec, R_CLOSED) {
            promises::reject(vm, p, e);
        }
    } else {
        let p = promises::rejected_with(vm, e);
        ho::set(vm, rec, R_CLOSED, Value::Object(p));
    }
    if let Some(p) = ho::get_object(vm, rec, R_CLOSED) {
        promises::mark_handled(vm, p);
    }
    ho::set(vm, srec, RS_READER, Value::Undefined);
    ho::set(vm, rec, R_STREAM, Value::Undefined);
    let r = error_read_requests(vm, rec, e);
    vm.truncate_roots(mark);
    r
}

fn released_error(vm: &mut Vm) -> Value {
    let e = crate::errors::coded_error(
        vm,
        jsvm_engine::api::ErrorKind::TypeError,
        "Invalid state: Releasing reader",
        "ERR_INVALID_STATE",
    );
    vm.error_to_value(e)
}

fn detached_error(vm: &mut Vm) -> Value {
    let e = crate::errors::coded_error(
        vm,
        jsvm_engine::api::ErrorKind::TypeError,
        "Invalid state: The reader is not attached to a stream",
        "ERR_INVALID_STATE",
    );
    vm.error_to_value(e)
}

/// The stream a reader is attached to (undefined once released).
pub fn stream_of_reader(vm: &mut Vm, reader: Value) -> Value {
    match reader_record(vm, reader) {
        Some(rec) => ho::get(vm, rec, R_STREAM),
        None => Value::Undefined,
    }
}

/// The reader's `closed` promise.
pub fn closed_promise(vm: &mut Vm, reader: Value) -> Option<ObjId> {
    let rec = reader_record(vm, reader)?;
    ho::get_object(vm, rec, R_CLOSED)
}

fn get_closed(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = ho::require(vm, a.this, Brand::StreamReader)?;
    Ok(ho::get(vm, rec, R_CLOSED))
}

/// `read()`.
fn read_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let Some(rec) = reader_record(vm, a.this) else {
        let e = vm.new_error(jsvm_engine::api::ErrorKind::TypeError, "Illegal invocation");
        return Ok(Value::Object(promises::rejected_with(vm, Value::Object(e))));
    };
    if ho::get(vm, rec, R_STREAM).is_undefined() {
        let e = detached_error(vm);
        return Ok(Value::Object(promises::rejected_with(vm, e)));
    }
    let p = promises::new_promise(vm);
    vm.push_root(Value::Object(p));
    let request = new_request(
        vm,
        READ,
        Value::Object(p),
        Value::Undefined,
        Value::Undefined,
    );
    vm.push_root(request);
    reader_read(vm, a.this, request)?;
    Ok(Value::Object(p))
}

fn release_lock_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = ho::require(vm, a.this, Brand::StreamReader)?;
    if ho::get(vm, rec, R_STREAM).is_undefined() {
        return Ok(Value::Undefined);
    }
    release_reader(vm, a.this)?;
    Ok(Value::Undefined)
}

/// `cancel(reason)` (ReadableStreamReaderGenericCancel).
fn cancel_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let Some(rec) = reader_record(vm, a.this) else {
        let e = vm.new_error(jsvm_engine::api::ErrorKind::TypeError, "Illegal invocation");
        return Ok(Value::Object(promises::rejected_with(vm, Value::Object(e))));
    };
    let stream = ho::get(vm, rec, R_STREAM);
    if stream.is_undefined() {
        let e = detached_error(vm);
        return Ok(Value::Object(promises::rejected_with(vm, e)));
    }
    Ok(Value::Object(super::readable_stream_cancel(
        vm,
        stream,
        a.arg(0),
    )?))
}
