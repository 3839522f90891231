//! ReadableStreamDefaultController (Streams §4.7, §4.9.4): `enqueue`,
//! `close`, `error`, `desiredSize`, the queue-with-sizes, and the pull
//! machinery (CallPullIfNeeded / ShouldCallPull) that calls the
//! underlying source's `pull` when the queue is below the high-water mark
//! or a reader is waiting.
//!
//! The queue is a null-prototype array used as a deque: chunk `i` and
//! its size live at elements `2*i` and `2*i+1`, from HEAD for LEN
//! entries; it is compacted when the dead prefix grows large, so a long
//! run of enqueues and reads stays linear.
//!
//! Invariant: TOTAL is the sum of the sizes in the queue (never below 0);
//! PULLING is true exactly while a pull promise is outstanding; once the
//! algorithms are cleared (close, error, cancel) the source is never
//! called again.

use jsvm_engine::api::{Attrs, CallArgs, PropertyKey};
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use super::{
    readable_stream_close, readable_stream_error, reader, stream_record, stream_state, State,
    RS_CONTROLLER, RS_READER,
};
use crate::host_object::{self as ho, Brand};
use crate::promises;

const C_STREAM: u32 = 1;
const C_QUEUE: u32 = 2;
const C_HEAD: u32 = 3;
const C_LEN: u32 = 4;
const C_TOTAL: u32 = 5;
const C_STARTED: u32 = 6;
const C_PULLING: u32 = 7;
const C_PULL_AGAIN: u32 = 8;
const C_CLOSE_REQUESTED: u32 = 9;
const C_HWM: u32 = 10;
const C_SIZE: u32 = 11;
const C_SOURCE: u32 = 12;
const C_PULL: u32 = 13;
const C_CANCEL: u32 = 14;
const C_SLOTS: u32 = 14;

/// A dead queue prefix longer than this (and than the live part) is
/// dropped.
const COMPACT_AT: u32 = 256;

/// What SetUpReadableStreamDefaultController takes.
pub struct Algorithms {
    /// `this` for the callbacks (the underlying source object).
    pub source: Value,
    pub start: Value,
    pub pull: Value,
    pub cancel: Value,
    /// The strategy's size function (undefined: every chunk is 1).
    pub size: Value,
    pub hwm: f64,
}

pub fn install(vm: &mut Vm) {
    let (_, proto) = ho::define_class(
        vm,
        "ReadableStreamDefaultController",
        0,
        ho::illegal_constructor,
        None,
    );
    ho::register_proto(Brand::StreamController, proto);
    ho::getter(vm, proto, "desiredSize", get_desired_size);
    vm.define_method(proto, "close", 0, close_method);
    vm.define_method(proto, "enqueue", 0, enqueue_method);
    vm.define_method(proto, "error", 0, error_method);
}

/// SetUpReadableStreamDefaultController (§4.9.4): makes the controller of
/// `stream`, runs `start(controller)` and, once its result settles,
/// starts pulling (or errors the stream). A throwing `start` throws.
pub fn set_up(vm: &mut Vm, stream: ObjId, alg: Algorithms) -> JsResult<ObjId> {
    let c = ho::new_instance(vm, Brand::StreamController);
    vm.push_root(Value::Object(c));
    let rec = ho::attach(vm, c, Brand::StreamController, C_SLOTS);
    ho::set(vm, rec, C_STREAM, Value::Object(stream));
    reset_queue(vm, rec);
    for slot in [C_STARTED, C_PULLING, C_PULL_AGAIN, C_CLOSE_REQUESTED] {
        ho::set(vm, rec, slot, Value::Boolean(false));
    }
    ho::set(vm, rec, C_HWM, Value::Number(alg.hwm));
    ho::set(vm, rec, C_SIZE, alg.size);
    ho::set(vm, rec, C_SOURCE, alg.source);
    ho::set(vm, rec, C_PULL, alg.pull);
    ho::set(vm, rec, C_CANCEL, alg.cancel);
    if let Some(srec) = stream_record(vm, Value::Object(stream)) {
        ho::set(vm, srec, RS_CONTROLLER, Value::Object(c));
    }
    let start_result = if vm.is_callable(alg.start) {
        crate::tasks::call_rooted(vm, alg.start, alg.source, &[Value::Object(c)])?
    } else {
        Value::Undefined
    };
    vm.push_root(start_result);
    let start_promise = promises::resolved_with(vm, start_result)?;
    promises::then_native(
        vm,
        start_promise,
        start_fulfilled,
        start_rejected,
        &[Value::Object(c)],
    );
    Ok(c)
}

fn start_fulfilled(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let c = vm.native_slot(a.callee, 0);
    if let Some(rec) = ho::record(vm, c, Brand::StreamController) {
        ho::set(vm, rec, C_STARTED, Value::Boolean(true));
        call_pull_if_needed(vm, rec)?;
    }
    Ok(Value::Undefined)
}

fn start_rejected(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let c = vm.native_slot(a.callee, 0);
    if let Some(rec) = ho::record(vm, c, Brand::StreamController) {
        error_rec(vm, rec, a.arg(0))?;
    }
    Ok(Value::Undefined)
}

fn controller_record(vm: &mut Vm, c: ObjId) -> Option<ObjId> {
    ho::record(vm, Value::Object(c), Brand::StreamController)
}

fn stream_of(vm: &mut Vm, rec: ObjId) -> Value {
    ho::get(vm, rec, C_STREAM)
}

fn stream_state_of(vm: &mut Vm, rec: ObjId) -> Option<State> {
    let s = stream_of(vm, rec);
    let srec = stream_record(vm, s)?;
    Some(stream_state(vm, srec))
}

// ---- The queue (Streams §8.1, queue-with-sizes) ----

fn reset_queue(vm: &mut Vm, rec: ObjId) {
    let q = vm.new_array_with_proto(&[], None);
    ho::set(vm, rec, C_QUEUE, Value::Object(q));
    ho::set(vm, rec, C_HEAD, Value::Number(0.0));
    ho::set(vm, rec, C_LEN, Value::Number(0.0));
    ho::set(vm, rec, C_TOTAL, Value::Number(0.0));
}

fn queue_len(vm: &mut Vm, rec: ObjId) -> u32 {
    let n = ho::get_number(vm, rec, C_LEN);
    if n.is_finite() && n > 0.0 {
        n as u32
    } else {
        0
    }
}

fn enqueue_value_with_size(vm: &mut Vm, rec: ObjId, chunk: Value, size: f64) -> JsResult<()> {
    if !(size.is_finite() && size >= 0.0) {
        return Err(JsError::range_error(
            "The return value of a queuing strategy's size function must be a finite, non-NaN, non-negative number",
        ));
    }
    let Some(q) = ho::get_object(vm, rec, C_QUEUE) else {
        return Ok(());
    };
    let head = ho::get_number(vm, rec, C_HEAD) as u32;
    let len = queue_len(vm, rec);
    let at = 2 * (head + len);
    vm.define_value(q, PropertyKey::Index(at), chunk, Attrs::ALL);
    vm.define_value(
        q,
        PropertyKey::Index(at + 1),
        Value::Number(size),
        Attrs::ALL,
    );
    ho::set(vm, rec, C_LEN, Value::Number((len + 1) as f64));
    let total = ho::get_number(vm, rec, C_TOTAL) + size;
    ho::set(vm, rec, C_TOTAL, Value::Number(total));
    Ok(())
}

fn dequeue_value(vm: &mut Vm, rec: ObjId) -> Value {
    let Some(q) = ho::get_object(vm, rec, C_QUEUE) else {
        return Value::Undefined;
    };
    let len = queue_len(vm, rec);
    if len == 0 {
        return Value::Undefined;
    }
    let head = ho::get_number(vm, rec, C_HEAD) as u32;
    let chunk = vm
        .get_prop(q, PropertyKey::Index(2 * head))
        .unwrap_or(Value::Undefined);
    let size = match vm.get_prop(q, PropertyKey::Index(2 * head + 1)) {
        Ok(Value::Number(n)) => n,
        _ => 0.0,
    };
    let total = (ho::get_number(vm, rec, C_TOTAL) - size).max(0.0);
    ho::set(vm, rec, C_TOTAL, Value::Number(total));
    let len = len - 1;
    if len == 0 {
        let mark = vm.roots_len();
        vm.push_root(chunk);
        reset_queue(vm, rec);
        ho::set(vm, rec, C_TOTAL, Value::Number(total));
        vm.truncate_roots(mark);
        return chunk;
    }
    vm.define_value(
        q,
        PropertyKey::Index(2 * head),
        Value::Undefined,
        Attrs::ALL,
    );
    let head = head + 1;
    ho::set(vm, rec, C_LEN, Value::Number(len as f64));
    if head >= COMPACT_AT && head >= len {
        let mark = vm.roots_len();
        vm.push_root(chunk);
        let live: Vec<Value> = (2 * head..2 * (head + len))
            .map(|i| {
                vm.get_prop(q, PropertyKey::Index(i))
                    .unwrap_or(Value::Undefined)
            })
            .collect();
        let fresh = vm.new_array_with_proto(&live, None);
        ho::set(vm, rec, C_QUEUE, Value::Object(fresh));
        ho::set(vm, rec, C_HEAD, Value::Number(0.0));
        vm.truncate_roots(mark);
    } else {
        ho::set(vm, rec, C_HEAD, Value::Number(head as f64));
    }
    chunk
}

// ---- Abstract operations (§4.9.4) ----

/// ReadableStreamDefaultControllerCanCloseOrEnqueue.
fn can_close_or_enqueue(vm: &mut Vm, rec: ObjId) -> bool {
    !ho::get_bool(vm, rec, C_CLOSE_REQUESTED) && stream_state_of(vm, rec) == Some(State::Readable)
}

/// ReadableStreamDefaultControllerGetDesiredSize (None for an errored
/// stream: `desiredSize` is null).
fn desired_size(vm: &mut Vm, rec: ObjId) -> Option<f64> {
    match stream_state_of(vm, rec) {
        Some(State::Errored) | None => None,
        Some(State::Closed) => Some(0.0),
        Some(State::Readable) => {
            Some(ho::get_number(vm, rec, C_HWM) - ho::get_number(vm, rec, C_TOTAL))
        }
    }
}

/// ReadableStreamDefaultControllerClearAlgorithms.
fn clear_algorithms(vm: &mut Vm, rec: ObjId) {
    ho::set(vm, rec, C_PULL, Value::Undefined);
    ho::set(vm, rec, C_CANCEL, Value::Undefined);
    ho::set(vm, rec, C_SIZE, Value::Undefined);
}

/// ReadableStreamDefaultControllerShouldCallPull.
fn should_call_pull(vm: &mut Vm, rec: ObjId) -> bool {
    if !can_close_or_enqueue(vm, rec) || !ho::get_bool(vm, rec, C_STARTED) {
        return false;
    }
    let stream = stream_of(vm, rec);
    if super::is_locked(vm, stream) && num_read_requests(vm, stream) > 0 {
        return true;
    }
    desired_size(vm, rec).is_some_and(|d| d > 0.0)
}

/// ReadableStreamDefaultControllerCallPullIfNeeded.
fn call_pull_if_needed(vm: &mut Vm, rec: ObjId) -> JsResult<()> {
    if !should_call_pull(vm, rec) {
        return Ok(());
    }
    if ho::get_bool(vm, rec, C_PULLING) {
        ho::set(vm, rec, C_PULL_AGAIN, Value::Boolean(true));
        return Ok(());
    }
    ho::set(vm, rec, C_PULLING, Value::Boolean(true));
    let pull = ho::get(vm, rec, C_PULL);
    let source = ho::get(vm, rec, C_SOURCE);
    let controller = controller_of_record(vm, rec);
    let mark = vm.roots_len();
    vm.push_root(Value::Object(rec));
    let p = promises::call_to_promise(vm, pull, source, &[controller]);
    vm.truncate_roots(mark);
    let p = p?;
    promises::then_native(vm, p, pull_fulfilled, pull_rejected, &[Value::Object(rec)]);
    Ok(())
}

/// The controller object a record belongs to (the stream's controller).
fn controller_of_record(vm: &mut Vm, rec: ObjId) -> Value {
    let stream = stream_of(vm, rec);
    match stream_record(vm, stream) {
        Some(srec) => ho::get(vm, srec, RS_CONTROLLER),
        None => Value::Undefined,
    }
}

fn pull_fulfilled(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    if let Value::Object(rec) = vm.native_slot(a.callee, 0) {
        ho::set(vm, rec, C_PULLING, Value::Boolean(false));
        if ho::get_bool(vm, rec, C_PULL_AGAIN) {
            ho::set(vm, rec, C_PULL_AGAIN, Value::Boolean(false));
            call_pull_if_needed(vm, rec)?;
        }
    }
    Ok(Value::Undefined)
}

fn pull_rejected(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    if let Value::Object(rec) = vm.native_slot(a.callee, 0) {
        error_rec(vm, rec, a.arg(0))?;
    }
    Ok(Value::Undefined)
}

/// ReadableStreamDefaultControllerClose.
fn close_rec(vm: &mut Vm, rec: ObjId) -> JsResult<()> {
    if !can_close_or_enqueue(vm, rec) {
        return Ok(());
    }
    ho::set(vm, rec, C_CLOSE_REQUESTED, Value::Boolean(true));
    if queue_len(vm, rec) == 0 {
        clear_algorithms(vm, rec);
        let stream = stream_of(vm, rec);
        readable_stream_close(vm, stream)?;
    }
    Ok(())
}

/// ReadableStreamDefaultControllerEnqueue.
fn enqueue_rec(vm: &mut Vm, rec: ObjId, chunk: Value) -> JsResult<()> {
    if !can_close_or_enqueue(vm, rec) {
        return Ok(());
    }
    let stream = stream_of(vm, rec);
    if super::is_locked(vm, stream) && num_read_requests(vm, stream) > 0 {
        fulfill_read_request(vm, stream, chunk, false)?;
    } else {
        let size_fn = ho::get(vm, rec, C_SIZE);
        let size = if vm.is_callable(size_fn) {
            let r = crate::tasks::call_rooted(vm, size_fn, Value::Undefined, &[chunk])
                .and_then(|v| vm.to_number(v));
            match r {
                Ok(n) => n,
                Err(e) => return fail(vm, rec, e),
            }
        } else {
            1.0
        };
        if let Err(e) = enqueue_value_with_size(vm, rec, chunk, size) {
            return fail(vm, rec, e);
        }
    }
    call_pull_if_needed(vm, rec)
}

/// Errors the controller with a thrown error and rethrows it.
fn fail(vm: &mut Vm, rec: ObjId, e: JsError) -> JsResult<()> {
    if !e.is_catchable() {
        return Err(e);
    }
    let v = vm.error_to_value(e);
    error_rec(vm, rec, v)?;
    Err(JsError::Throw(v))
}

/// ReadableStreamDefaultControllerError.
fn error_rec(vm: &mut Vm, rec: ObjId, e: Value) -> JsResult<()> {
    if stream_state_of(vm, rec) != Some(State::Readable) {
        return Ok(());
    }
    reset_queue(vm, rec);
    clear_algorithms(vm, rec);
    let stream = stream_of(vm, rec);
    readable_stream_error(vm, stream, e)
}

/// [[CancelSteps]](reason): empties the queue and calls the source's
/// `cancel`; returns its promise.
pub fn cancel_steps(vm: &mut Vm, c: ObjId, reason: Value) -> JsResult<ObjId> {
    let Some(rec) = controller_record(vm, c) else {
        return promises::resolved_with(vm, Value::Undefined);
    };
    reset_queue(vm, rec);
    let cancel = ho::get(vm, rec, C_CANCEL);
    let source = ho::get(vm, rec, C_SOURCE);
    let mark = vm.roots_len();
    vm.push_root(cancel);
    vm.push_root(source);
    clear_algorithms(vm, rec);
    let r = promises::call_to_promise(vm, cancel, source, &[reason]);
    vm.truncate_roots(mark);
    r
}

/// [[PullSteps]](readRequest): serves the request from the queue, or
/// queues it and pulls.
pub fn pull_steps(vm: &mut Vm, c: ObjId, request: Value) -> JsResult<()> {
    let Some(rec) = controller_record(vm, c) else {
        return Ok(());
    };
    let stream = stream_of(vm, rec);
    if queue_len(vm, rec) > 0 {
        let chunk = dequeue_value(vm, rec);
        let mark = vm.roots_len();
        vm.push_root(chunk);
        let r = (|| {
            if ho::get_bool(vm, rec, C_CLOSE_REQUESTED) && queue_len(vm, rec) == 0 {
                clear_algorithms(vm, rec);
                readable_stream_close(vm, stream)?;
            } else {
                call_pull_if_needed(vm, rec)?;
            }
            reader::chunk_steps(vm, request, chunk)
        })();
        vm.truncate_roots(mark);
        return r;
    }
    add_read_request(vm, stream, request);
    call_pull_if_needed(vm, rec)
}

// ---- Read requests on the stream's reader ----

fn reader_of(vm: &mut Vm, stream: Value) -> Value {
    match stream_record(vm, stream) {
        Some(srec) => ho::get(vm, srec, RS_READER),
        None => Value::Undefined,
    }
}

/// ReadableStreamGetNumReadRequests.
fn num_read_requests(vm: &mut Vm, stream: Value) -> usize {
    let r = reader_of(vm, stream);
    reader::num_requests(vm, r)
}

/// ReadableStreamAddReadRequest.
fn add_read_request(vm: &mut Vm, stream: Value, request: Value) {
    let r = reader_of(vm, stream);
    reader::push_request(vm, r, request);
}

/// ReadableStreamFulfillReadRequest.
fn fulfill_read_request(vm: &mut Vm, stream: Value, chunk: Value, done: bool) -> JsResult<()> {
    let r = reader_of(vm, stream);
    let Some(request) = reader::shift_request(vm, r) else {
        return Ok(());
    };
    let mark = vm.roots_len();
    vm.push_root(request);
    let result = if done {
        reader::close_steps(vm, request)
    } else {
        reader::chunk_steps(vm, request, chunk)
    };
    vm.truncate_roots(mark);
    result
}

// ---- Methods and the Rust API ----

fn this_record(vm: &mut Vm, a: &CallArgs) -> JsResult<ObjId> {
    ho::require(vm, a.this, Brand::StreamController)
}

fn get_desired_size(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = this_record(vm, a)?;
    Ok(match desired_size(vm, rec) {
        Some(n) => Value::Number(n),
        None => Value::Null,
    })
}

fn closed_error(vm: &mut Vm) -> JsError {
    crate::errors::coded_error(
        vm,
        jsvm_engine::api::ErrorKind::TypeError,
        "Invalid state: Controller is already closed",
        "ERR_INVALID_STATE",
    )
}

fn close_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = this_record(vm, a)?;
    if !can_close_or_enqueue(vm, rec) {
        return Err(closed_error(vm));
    }
    close_rec(vm, rec)?;
    Ok(Value::Undefined)
}

fn enqueue_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = this_record(vm, a)?;
    if !can_close_or_enqueue(vm, rec) {
        return Err(closed_error(vm));
    }
    enqueue_rec(vm, rec, a.arg(0))?;
    Ok(Value::Undefined)
}

fn error_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = this_record(vm, a)?;
    error_rec(vm, rec, a.arg(0))?;
    Ok(Value::Undefined)
}

/// Enqueues `chunk` on controller `c` from Rust (no-op once closed or
/// errored).
pub fn controller_enqueue(vm: &mut Vm, c: ObjId, chunk: Value) -> JsResult<()> {
    match controller_record(vm, c) {
        Some(rec) => enqueue_rec(vm, rec, chunk),
        None => Ok(()),
    }
}

/// Closes controller `c` from Rust.
pub fn controller_close(vm: &mut Vm, c: ObjId) -> JsResult<()> {
    match controller_record(vm, c) {
        Some(rec) => close_rec(vm, rec),
        None => Ok(()),
    }
}

/// Errors controller `c` from Rust.
pub fn controller_error(vm: &mut Vm, c: ObjId, e: Value) -> JsResult<()> {
    match controller_record(vm, c) {
        Some(rec) => error_rec(vm, rec, e),
        None => Ok(()),
    }
}
