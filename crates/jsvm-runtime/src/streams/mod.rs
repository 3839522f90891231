//! `ReadableStream` (WHATWG Streams Standard, §4) with the default
//! controller and the default reader: `new ReadableStream({ start, pull,
//! cancel }, { highWaterMark, size })`, `locked`, `cancel`, `getReader`,
//! `values({ preventCancel })` and `[Symbol.asyncIterator]`; plus
//! `CountQueuingStrategy` and `ByteLengthQueuingStrategy`. Byte streams,
//! BYOB readers and piping are not provided (a TypeError says so);
//! `tee()` is (see `tee`).
//!
//! Submodules: `controller` (ReadableStreamDefaultController and its
//! queue), `reader` (ReadableStreamDefaultReader and read requests),
//! `iterator` (the async iterator), `strategy` (queuing strategies). This
//! file holds the stream's own abstract operations (ReadableStreamCancel,
//! Close, Error, the read-request bookkeeping) and the Rust API fetch
//! uses to make body streams (`create_readable_stream`) and to consume
//! them (`acquire_reader`, `read_with_callbacks`).
//!
//! Invariant: a stream's STATE only moves readable → closed or readable
//! → errored; while a reader is attached, `stream.reader` and
//! `reader.stream` point at each other; read requests are only queued
//! while the stream is readable and are all settled (close or error
//! steps) when it leaves that state.

mod controller;
mod iterator;
mod reader;
mod strategy;
mod tee;

use jsvm_engine::api::CallArgs;
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use crate::host_object::{self as ho, Brand};
use crate::promises;

pub use controller::{controller_close, controller_enqueue, controller_error};
pub use reader::{acquire_reader, read_with_callbacks};
pub use tee::tee;

/// ReadableStream record slots.
const RS_STATE: u32 = 1;
const RS_STORED_ERROR: u32 = 2;
const RS_CONTROLLER: u32 = 3;
const RS_READER: u32 = 4;
const RS_DISTURBED: u32 = 5;
const RS_SLOTS: u32 = 5;

/// [[state]] values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Readable,
    Closed,
    Errored,
}

pub fn install(vm: &mut Vm) {
    let (_, proto) = ho::define_class(vm, "ReadableStream", 0, rs_constructor, None);
    ho::register_proto(Brand::ReadableStream, proto);
    ho::getter(vm, proto, "locked", rs_locked);
    vm.define_method(proto, "cancel", 0, rs_cancel);
    vm.define_method(proto, "getReader", 0, rs_get_reader);
    vm.define_method(proto, "tee", 0, rs_tee);
    vm.define_method(proto, "pipeTo", 1, rs_unsupported);
    vm.define_method(proto, "pipeThrough", 1, rs_unsupported);
    let values = vm.define_method(proto, "values", 0, iterator::rs_values);
    let key = jsvm_engine::api::PropertyKey::Symbol(vm.symbols.async_iterator);
    vm.define_value(
        proto,
        key,
        Value::Object(values),
        jsvm_engine::api::Attrs::METHOD,
    );
    controller::install(vm);
    reader::install(vm);
    iterator::install(vm);
    strategy::install(vm);
}

fn stream_state(vm: &mut Vm, rec: ObjId) -> State {
    match ho::get_number(vm, rec, RS_STATE) as u8 {
        1 => State::Closed,
        2 => State::Errored,
        _ => State::Readable,
    }
}

fn set_state(vm: &mut Vm, rec: ObjId, s: State) {
    let n = match s {
        State::Readable => 0.0,
        State::Closed => 1.0,
        State::Errored => 2.0,
    };
    ho::set(vm, rec, RS_STATE, Value::Number(n));
}

/// The record of a ReadableStream.
fn stream_record(vm: &mut Vm, stream: Value) -> Option<ObjId> {
    ho::record(vm, stream, Brand::ReadableStream)
}

/// InitializeReadableStream: a new stream object (not yet set up with a
/// controller).
fn new_stream_object(vm: &mut Vm, obj: ObjId) -> ObjId {
    let rec = ho::attach(vm, obj, Brand::ReadableStream, RS_SLOTS);
    set_state(vm, rec, State::Readable);
    ho::set(vm, rec, RS_DISTURBED, Value::Boolean(false));
    rec
}

/// `new ReadableStream(underlyingSource, strategy)`.
fn rs_constructor(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let o = ho::construct_this(vm, a, "ReadableStream", Brand::ReadableStream)?;
    vm.push_root(Value::Object(o));
    let source = a.arg(0);
    if !source.is_nullish() && !source.is_object() {
        return Err(JsError::type_error(
            "The \"underlyingSource\" argument must be of type object",
        ));
    }
    // The dictionary's members, in WebIDL's (lexicographic) order.
    let _auto_allocate = ho::dict_member(vm, source, "autoAllocateChunkSize")?;
    let cancel = callback_member(vm, source, "cancel")?;
    vm.push_root(cancel);
    let pull = callback_member(vm, source, "pull")?;
    vm.push_root(pull);
    let start = callback_member(vm, source, "start")?;
    vm.push_root(start);
    let ty = ho::dict_member(vm, source, "type")?;
    if !ty.is_undefined() {
        let t = ho::to_rust_string(vm, ty)?;
        if t == "bytes" {
            return Err(JsError::type_error(
                "not yet supported: ReadableStream type 'bytes'",
            ));
        }
        return Err(JsError::type_error(format!(
            "The provided value '{t}' is not a valid enum value of type ReadableStreamType"
        )));
    }
    let (hwm, size) = strategy::extract(vm, a.arg(1), 1.0)?;
    vm.push_root(size);
    new_stream_object(vm, o);
    let this_source = if source.is_object() {
        source
    } else {
        Value::Undefined
    };
    controller::set_up(
        vm,
        o,
        controller::Algorithms {
            source: this_source,
            start,
            pull,
            cancel,
            size,
            hwm,
        },
    )?;
    Ok(Value::Object(o))
}

/// A callback member of the underlying source dictionary (undefined, or
/// a callable).
fn callback_member(vm: &mut Vm, dict: Value, name: &str) -> JsResult<Value> {
    let v = ho::dict_member(vm, dict, name)?;
    if v.is_undefined() || vm.is_callable(v) {
        Ok(v)
    } else {
        Err(JsError::type_error(format!(
            "The \"underlyingSource.{name}\" property must be of type function"
        )))
    }
}

/// CreateReadableStream (§4.9.1) from Rust: a stream whose underlying
/// source is `source` (the `this` of the algorithms) with `pull(controller)`
/// and `cancel(reason)` callables (undefined for none), a count
/// strategy of `hwm`. Returns the stream and its controller.
pub fn create_readable_stream(
    vm: &mut Vm,
    source: Value,
    pull: Value,
    cancel: Value,
    hwm: f64,
) -> JsResult<(ObjId, ObjId)> {
    let o = ho::new_instance(vm, Brand::ReadableStream);
    let mark = vm.roots_len();
    vm.push_root(Value::Object(o));
    new_stream_object(vm, o);
    let r = controller::set_up(
        vm,
        o,
        controller::Algorithms {
            source,
            start: Value::Undefined,
            pull,
            cancel,
            size: Value::Undefined,
            hwm,
        },
    );
    vm.truncate_roots(mark);
    let c = r?;
    Ok((o, c))
}

/// True when `v` is a ReadableStream.
pub fn is_readable_stream(vm: &mut Vm, v: Value) -> bool {
    stream_record(vm, v).is_some()
}

/// IsReadableStreamLocked.
pub fn is_locked(vm: &mut Vm, stream: Value) -> bool {
    match stream_record(vm, stream) {
        Some(rec) => !ho::get(vm, rec, RS_READER).is_undefined(),
        None => false,
    }
}

/// [[disturbed]]: something read from or cancelled the stream.
pub fn is_disturbed(vm: &mut Vm, stream: Value) -> bool {
    match stream_record(vm, stream) {
        Some(rec) => ho::get_bool(vm, rec, RS_DISTURBED),
        None => false,
    }
}

/// Marks a stream disturbed (its bytes were taken another way, e.g. a
/// request body sent by fetch).
pub fn set_disturbed(vm: &mut Vm, stream: Value) {
    if let Some(rec) = stream_record(vm, stream) {
        ho::set(vm, rec, RS_DISTURBED, Value::Boolean(true));
    }
}

/// "readable", "closed" or "errored" (for display).
pub fn state_name(vm: &mut Vm, stream: Value) -> &'static str {
    match stream_record(vm, stream).map(|rec| stream_state(vm, rec)) {
        Some(State::Closed) => "closed",
        Some(State::Errored) => "errored",
        _ => "readable",
    }
}

fn rs_locked(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = ho::require(vm, a.this, Brand::ReadableStream)?;
    Ok(Value::Boolean(!ho::get(vm, rec, RS_READER).is_undefined()))
}

/// `cancel(reason)`.
fn rs_cancel(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    if stream_record(vm, a.this).is_none() {
        let e = vm.new_error(jsvm_engine::api::ErrorKind::TypeError, "Illegal invocation");
        return Ok(Value::Object(promises::rejected_with(vm, Value::Object(e))));
    }
    if is_locked(vm, a.this) {
        let e = locked_error(vm);
        return Ok(Value::Object(promises::rejected_with(vm, e)));
    }
    Ok(Value::Object(readable_stream_cancel(vm, a.this, a.arg(0))?))
}

/// `getReader({ mode })`.
fn rs_get_reader(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    ho::require(vm, a.this, Brand::ReadableStream)?;
    let mode = ho::dict_member(vm, a.arg(0), "mode")?;
    if !mode.is_undefined() {
        let m = ho::to_rust_string(vm, mode)?;
        if m == "byob" {
            return Err(JsError::type_error(
                "not yet supported: BYOB readers (the stream is not a byte stream)",
            ));
        }
        return Err(JsError::type_error(format!(
            "The provided value '{m}' is not a valid enum value of type ReadableStreamReaderMode"
        )));
    }
    Ok(Value::Object(acquire_reader(vm, a.this)?))
}

fn rs_unsupported(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    ho::require(vm, a.this, Brand::ReadableStream)?;
    Err(JsError::type_error(
        "not yet supported: ReadableStream pipeTo and pipeThrough",
    ))
}

/// `tee()`: two branches that each get every chunk.
fn rs_tee(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    ho::require(vm, a.this, Brand::ReadableStream)?;
    let (b1, b2) = tee(vm, a.this)?;
    Ok(Value::Object(
        vm.new_array(&[Value::Object(b1), Value::Object(b2)]),
    ))
}

/// The TypeError for using a locked stream.
fn locked_error(vm: &mut Vm) -> Value {
    let e = crate::errors::coded_error(
        vm,
        jsvm_engine::api::ErrorKind::TypeError,
        "Invalid state: ReadableStream is locked",
        "ERR_INVALID_STATE",
    );
    vm.error_to_value(e)
}

/// ReadableStreamCancel (§4.9.6): closes the stream, settles pending
/// reads, and cancels the source; the promise fulfils with undefined once
/// the source's cancel has.
pub fn readable_stream_cancel(vm: &mut Vm, stream: Value, reason: Value) -> JsResult<ObjId> {
    let Some(rec) = stream_record(vm, stream) else {
        return promises::resolved_with(vm, Value::Undefined);
    };
    ho::set(vm, rec, RS_DISTURBED, Value::Boolean(true));
    match stream_state(vm, rec) {
        State::Closed => return promises::resolved_with(vm, Value::Undefined),
        State::Errored => {
            let e = ho::get(vm, rec, RS_STORED_ERROR);
            return Ok(promises::rejected_with(vm, e));
        }
        State::Readable => {}
    }
    readable_stream_close(vm, stream)?;
    let Some(c) = ho::get_object(vm, rec, RS_CONTROLLER) else {
        return promises::resolved_with(vm, Value::Undefined);
    };
    let source_cancel = controller::cancel_steps(vm, c, reason)?;
    let result = promises::new_promise(vm);
    promises::then_native(
        vm,
        source_cancel,
        cancel_fulfilled,
        cancel_rejected,
        &[Value::Object(result)],
    );
    Ok(result)
}

fn cancel_fulfilled(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    if let Value::Object(p) = vm.native_slot(a.callee, 0) {
        promises::resolve(vm, p, Value::Undefined)?;
    }
    Ok(Value::Undefined)
}

fn cancel_rejected(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    if let Value::Object(p) = vm.native_slot(a.callee, 0) {
        promises::reject(vm, p, a.arg(0));
    }
    Ok(Value::Undefined)
}

/// ReadableStreamClose (§4.9.7).
fn readable_stream_close(vm: &mut Vm, stream: Value) -> JsResult<()> {
    let Some(rec) = stream_record(vm, stream) else {
        return Ok(());
    };
    if stream_state(vm, rec) != State::Readable {
        return Ok(());
    }
    set_state(vm, rec, State::Closed);
    let reader = ho::get(vm, rec, RS_READER);
    if reader.is_undefined() {
        return Ok(());
    }
    reader::on_stream_closed(vm, reader)
}

/// ReadableStreamError (§4.9.9).
fn readable_stream_error(vm: &mut Vm, stream: Value, e: Value) -> JsResult<()> {
    let Some(rec) = stream_record(vm, stream) else {
        return Ok(());
    };
    if stream_state(vm, rec) != State::Readable {
        return Ok(());
    }
    set_state(vm, rec, State::Errored);
    ho::set(vm, rec, RS_STORED_ERROR, e);
    let reader = ho::get(vm, rec, RS_READER);
    if reader.is_undefined() {
        return Ok(());
    }
    reader::on_stream_errored(vm, reader, e)
}
