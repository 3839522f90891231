//! Bodies (Fetch Standard §5.1, §6.3 "Body mixin"): extracting a body
//! from a `BodyInit` (string, ArrayBuffer or view, URLSearchParams,
//! ReadableStream; anything else is converted to a string, as WebIDL's
//! union conversion does), a stream over bytes, and consuming a body —
//! `text()`, `json()`, `arrayBuffer()`, `bytes()` — by reading its
//! stream to the end.
//!
//! Invariant: consuming locks the stream to a reader for good and reads
//! it chunk by chunk through read requests; every chunk must be a
//! Uint8Array (else the promise rejects with a TypeError), and the
//! promise settles exactly once (at close or at the first error).

use jsvm_engine::api::{CallArgs, ErrorKind, PropertyKey};
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use crate::host_object as ho;
use crate::promises;
use crate::streams;
use crate::tasks::array_values;

/// What a body is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    ArrayBuffer = 0,
    Bytes = 1,
    Text = 2,
    Json = 3,
}

impl Mode {
    fn from_number(n: f64) -> Mode {
        match n as u8 {
            0 => Mode::ArrayBuffer,
            1 => Mode::Bytes,
            3 => Mode::Json,
            _ => Mode::Text,
        }
    }
}

/// An extracted body.
pub enum Extracted {
    /// Bytes known now (request bodies are sent from these).
    Bytes(Vec<u8>),
    /// A ReadableStream given by the program.
    Stream(Value),
}

/// "Extract a body": the body and its default `Content-Type`.
pub fn extract(vm: &mut Vm, init: Value) -> JsResult<(Extracted, Option<&'static str>)> {
    if vm.buffer_source_kind(init).is_some() {
        let bytes = vm.buffer_source_bytes(init).unwrap_or(&[]).to_vec();
        return Ok((Extracted::Bytes(bytes), None));
    }
    if let Some(text) = crate::url::search_params_text(vm, init) {
        return Ok((
            Extracted::Bytes(text.into_bytes()),
            Some("application/x-www-form-urlencoded;charset=UTF-8"),
        ));
    }
    if streams::is_readable_stream(vm, init) {
        if streams::is_disturbed(vm, init) || streams::is_locked(vm, init) {
            return Err(JsError::type_error(
                "Response body object should not be disturbed or locked",
            ));
        }
        return Ok((Extracted::Stream(init), None));
    }
    let s = vm.to_string(init)?;
    let bytes = crate::encoding::utf8_of(vm, s);
    Ok((Extracted::Bytes(bytes), Some("text/plain;charset=UTF-8")))
}

/// A ReadableStream that gives `bytes` as one Uint8Array chunk (none
/// when empty) and closes.
pub fn stream_from_bytes(vm: &mut Vm, bytes: Vec<u8>) -> JsResult<ObjId> {
    let (stream, controller) = streams::create_readable_stream(
        vm,
        Value::Undefined,
        Value::Undefined,
        Value::Undefined,
        0.0,
    )?;
    let mark = vm.roots_len();
    vm.push_root(Value::Object(stream));
    let r = (|| {
        if !bytes.is_empty() {
            let chunk = vm.new_uint8_array_from_bytes(bytes);
            streams::controller_enqueue(vm, controller, Value::Object(chunk))?;
        }
        streams::controller_close(vm, controller)
    })();
    vm.truncate_roots(mark);
    r.map(|_| stream)
}

/// A body is unusable when its stream was read from or is locked.
pub fn is_unusable(vm: &mut Vm, stream: Value) -> bool {
    streams::is_readable_stream(vm, stream)
        && (streams::is_disturbed(vm, stream) || streams::is_locked(vm, stream))
}

/// The TypeError for a body read twice (Node's wording).
pub fn unusable_error(vm: &mut Vm) -> Value {
    let e = vm.new_error(
        ErrorKind::TypeError,
        "Body is unusable: Body has already been read",
    );
    Value::Object(e)
}

/// Collector record slots.
const K_PROMISE: u32 = 0;
const K_MODE: u32 = 1;
const K_CHUNKS: u32 = 2;
const K_READER: u32 = 3;
const K_ON_CHUNK: u32 = 4;
const K_ON_CLOSE: u32 = 5;
const K_ON_ERROR: u32 = 6;

/// "Consume body": a promise of the whole body (`stream`, or nothing for
/// a null body) read as `mode`. The caller checked usability.
pub fn consume(vm: &mut Vm, stream: Value, mode: Mode) -> JsResult<Value> {
    let p = promises::new_promise(vm);
    let mark = vm.roots_len();
    vm.push_root(Value::Object(p));
    let r = start_consuming(vm, stream, mode, p);
    vm.truncate_roots(mark);
    r.map(|_| Value::Object(p))
}

fn start_consuming(vm: &mut Vm, stream: Value, mode: Mode, p: ObjId) -> JsResult<()> {
    if !streams::is_readable_stream(vm, stream) {
        return settle(vm, p, mode, Vec::new());
    }
    let reader = match streams::acquire_reader(vm, stream) {
        Ok(r) => r,
        Err(e) => return promises::reject_with_error(vm, p, e),
    };
    vm.push_root(Value::Object(reader));
    let chunks = vm.new_array_with_proto(&[], None);
    vm.push_root(Value::Object(chunks));
    let state = vm.new_array_with_proto(
        &[
            Value::Object(p),
            Value::Number(mode as u8 as f64),
            Value::Object(chunks),
            Value::Object(reader),
        ],
        None,
    );
    vm.push_root(Value::Object(state));
    let empty = vm.key("");
    for (slot, f) in [
        (K_ON_CHUNK, on_chunk as jsvm_engine::function::NativeFn),
        (K_ON_CLOSE, on_close),
        (K_ON_ERROR, on_error),
    ] {
        let c = vm.new_native_closure(empty, 1, f, &[Value::Object(state)]);
        vm.define_value(
            state,
            PropertyKey::Index(slot),
            Value::Object(c),
            jsvm_engine::api::Attrs::ALL,
        );
    }
    read_next(vm, state)
}

fn slot(vm: &mut Vm, state: ObjId, i: u32) -> Value {
    vm.get_prop(state, PropertyKey::Index(i))
        .unwrap_or(Value::Undefined)
}

fn read_next(vm: &mut Vm, state: ObjId) -> JsResult<()> {
    let Value::Object(reader) = slot(vm, state, K_READER) else {
        return Ok(());
    };
    let chunk = slot(vm, state, K_ON_CHUNK);
    let close = slot(vm, state, K_ON_CLOSE);
    let error = slot(vm, state, K_ON_ERROR);
    streams::read_with_callbacks(vm, reader, chunk, close, error)
}

/// Runs the next read as a job (so a long queue of chunks is read in a
/// loop of jobs, not by recursion).
fn read_next_job(vm: &mut Vm, values: &[Value]) -> JsResult<()> {
    match values.first() {
        Some(&Value::Object(state)) => read_next(vm, state),
        _ => Ok(()),
    }
}

fn state_of(vm: &Vm, a: &CallArgs) -> Option<ObjId> {
    vm.native_slot(a.callee, 0).as_object()
}

fn on_chunk(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let Some(state) = state_of(vm, a) else {
        return Ok(Value::Undefined);
    };
    let chunk = a.arg(0);
    if !vm.is_uint8_array(chunk) {
        if let Value::Object(p) = slot(vm, state, K_PROMISE) {
            let e = vm.new_error(ErrorKind::TypeError, "Received non-Uint8Array chunk");
            promises::reject(vm, p, Value::Object(e));
        }
        return Ok(Value::Undefined);
    }
    if let Value::Object(chunks) = slot(vm, state, K_CHUNKS) {
        ho::array_push(vm, chunks, chunk);
    }
    vm.enqueue_native_job(read_next_job, vec![Value::Object(state)]);
    Ok(Value::Undefined)
}

fn on_close(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let Some(state) = state_of(vm, a) else {
        return Ok(Value::Undefined);
    };
    let Value::Object(p) = slot(vm, state, K_PROMISE) else {
        return Ok(Value::Undefined);
    };
    let mode = match slot(vm, state, K_MODE) {
        Value::Number(n) => Mode::from_number(n),
        _ => Mode::Text,
    };
    let mut bytes = Vec::new();
    if let Value::Object(chunks) = slot(vm, state, K_CHUNKS) {
        for c in array_values(vm, chunks) {
            bytes.extend_from_slice(vm.buffer_source_bytes(c).unwrap_or(&[]));
        }
    }
    settle(vm, p, mode, bytes)?;
    Ok(Value::Undefined)
}

fn on_error(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    if let Some(state) = state_of(vm, a) {
        if let Value::Object(p) = slot(vm, state, K_PROMISE) {
            promises::reject(vm, p, a.arg(0));
        }
    }
    Ok(Value::Undefined)
}

/// Resolves `p` with the body's bytes as `mode` ("package data"); JSON
/// that does not parse rejects it with the SyntaxError.
fn settle(vm: &mut Vm, p: ObjId, mode: Mode, bytes: Vec<u8>) -> JsResult<()> {
    let value = match mode {
        Mode::ArrayBuffer => Value::Object(vm.new_array_buffer_from_bytes(bytes)),
        Mode::Bytes => Value::Object(vm.new_uint8_array_from_bytes(bytes)),
        Mode::Text => {
            let text = crate::encoding::utf8_decode_body(&bytes);
            crate::encoding::js_string_of(vm, &text)
        }
        Mode::Json => {
            let text = crate::encoding::utf8_decode_body(&bytes);
            let text = crate::encoding::js_string_of(vm, &text);
            let parse = ho::stashed(vm, "JSON.parse");
            match crate::tasks::call_rooted(vm, parse, Value::Undefined, &[text]) {
                Ok(v) => v,
                Err(e) => return promises::reject_with_error(vm, p, e),
            }
        }
    };
    promises::resolve(vm, p, value)
}

/// Stashes what consuming needs (the original `JSON.parse`).
pub fn install(vm: &mut Vm) {
    let json = vm.intrinsics().json;
    let key = vm.key("parse");
    if let Ok(parse) = vm.get_prop(json, key) {
        ho::stash(vm, "JSON.parse", parse);
    }
}
