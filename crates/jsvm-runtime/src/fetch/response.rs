//! `Response` (Fetch Standard §6.5): `new Response(body, { status,
//! statusText, headers })`, `Response.error()`, `Response.redirect(url,
//! status)`, `Response.json(data, init)`; `type`, `url`, `redirected`,
//! `status`, `ok`, `statusText`, `headers`, `body`, `bodyUsed`,
//! `clone()` (the body is teed) and the body methods `text()`, `json()`,
//! `arrayBuffer()`, `bytes()`. `fetch` makes its responses with
//! `new_response`.
//!
//! Invariant: BODY is a ReadableStream or null; a response's headers of a
//! network response or `Response.error()` are immutable.

use jsvm_engine::api::{CallArgs, ErrorKind};
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use super::body::{self, Extracted, Mode};
use super::headers::{self, Guard};
use crate::host_object::{self as ho, Brand};
use crate::promises;

const P_TYPE: u32 = 1;
const P_URL: u32 = 2;
const P_REDIRECTED: u32 = 3;
const P_STATUS: u32 = 4;
const P_STATUS_TEXT: u32 = 5;
const P_HEADERS: u32 = 6;
const P_BODY: u32 = 7;
const P_SLOTS: u32 = 7;

/// Statuses whose responses have no body.
pub fn is_null_body_status(status: u16) -> bool {
    matches!(status, 101 | 103 | 204 | 205 | 304)
}

fn is_redirect_status(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

pub fn install(vm: &mut Vm) {
    let (ctor, proto) = ho::define_class(vm, "Response", 0, response_ctor, None);
    ho::register_proto(Brand::Response, proto);
    vm.define_method(ctor, "error", 0, response_error);
    vm.define_method(ctor, "redirect", 1, response_redirect);
    vm.define_method(ctor, "json", 1, response_json_static);
    for (name, f) in [
        ("type", get_type as jsvm_engine::function::NativeFn),
        ("url", get_url),
        ("redirected", get_redirected),
        ("status", get_status),
        ("ok", get_ok),
        ("statusText", get_status_text),
        ("headers", get_headers),
        ("body", get_body),
        ("bodyUsed", get_body_used),
    ] {
        ho::getter(vm, proto, name, f);
    }
    vm.define_method(proto, "clone", 0, clone_method);
    vm.define_method(proto, "arrayBuffer", 0, array_buffer_method);
    vm.define_method(proto, "bytes", 0, bytes_method);
    vm.define_method(proto, "json", 0, json_method);
    vm.define_method(proto, "text", 0, text_method);
    vm.define_method(proto, "blob", 0, unsupported_body_method);
    vm.define_method(proto, "formData", 0, unsupported_body_method);
}

/// What a response is made of.
pub struct ResponseParts<'a> {
    pub kind: &'a str,
    pub url: &'a str,
    pub redirected: bool,
    pub status: u16,
    pub status_text: &'a str,
    /// A Headers object.
    pub headers: ObjId,
    /// A ReadableStream, or None for a null body.
    pub body: Option<ObjId>,
}

/// A new Response object.
pub fn new_response(vm: &mut Vm, parts: &ResponseParts) -> ObjId {
    let o = ho::new_instance(vm, Brand::Response);
    let mark = vm.roots_len();
    vm.push_root(Value::Object(o));
    let rec = ho::attach(vm, o, Brand::Response, P_SLOTS);
    fill(vm, rec, parts);
    vm.truncate_roots(mark);
    o
}

fn fill(vm: &mut Vm, rec: ObjId, parts: &ResponseParts) {
    let kind = ho::js_string(vm, parts.kind);
    ho::set(vm, rec, P_TYPE, kind);
    let url = ho::js_string(vm, parts.url);
    ho::set(vm, rec, P_URL, url);
    ho::set(vm, rec, P_REDIRECTED, Value::Boolean(parts.redirected));
    ho::set(vm, rec, P_STATUS, Value::Number(parts.status as f64));
    let text = ho::js_string(vm, parts.status_text);
    ho::set(vm, rec, P_STATUS_TEXT, text);
    ho::set(vm, rec, P_HEADERS, Value::Object(parts.headers));
    let body = match parts.body {
        Some(b) => Value::Object(b),
        None => Value::Null,
    };
    ho::set(vm, rec, P_BODY, body);
}

/// `new Response(body, init)`.
fn response_ctor(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let o = ho::construct_this(vm, a, "Response", Brand::Response)?;
    vm.push_root(Value::Object(o));
    let body = a.arg(0);
    let init = a.arg(1);
    let (status, status_text, header_list) = init_members(vm, init, "Response constructor")?;
    let body = if body.is_nullish() {
        None
    } else {
        if is_null_body_status(status) {
            return Err(JsError::type_error(format!(
                "Response constructor: Invalid response status code {status}"
            )));
        }
        Some(body)
    };
    let rec = ho::attach(vm, o, Brand::Response, P_SLOTS);
    let mut list = header_list;
    let stream = match body {
        None => None,
        Some(b) => Some(body_stream(vm, b, &mut list)?),
    };
    let h = headers::new_headers(vm, &list, Guard::Response);
    vm.push_root(Value::Object(h));
    fill(
        vm,
        rec,
        &ResponseParts {
            kind: "default",
            url: "",
            redirected: false,
            status,
            status_text: &status_text,
            headers: h,
            body: stream,
        },
    );
    Ok(Value::Object(o))
}

/// Extracts `body` into a stream, adding its default Content-Type to
/// `list` when it has none.
fn body_stream(vm: &mut Vm, body: Value, list: &mut Vec<(String, String)>) -> JsResult<ObjId> {
    let (extracted, content_type) = body::extract(vm, body)?;
    if let Some(ct) = content_type {
        if !list.iter().any(|(n, _)| n == "content-type") {
            list.push(("content-type".into(), ct.into()));
        }
    }
    match extracted {
        Extracted::Bytes(bytes) => body::stream_from_bytes(vm, bytes),
        Extracted::Stream(Value::Object(s)) => Ok(s),
        Extracted::Stream(_) => Err(JsError::type_error("invalid body stream")),
    }
}

/// The `status`, `statusText` and `headers` of a ResponseInit.
fn init_members(
    vm: &mut Vm,
    init: Value,
    what: &str,
) -> JsResult<(u16, String, Vec<(String, String)>)> {
    if !init.is_nullish() && !init.is_object() {
        return Err(JsError::type_error(format!(
            "{what}: The provided value is not of type 'ResponseInit'."
        )));
    }
    let headers_init = ho::dict_member(vm, init, "headers")?;
    let status = ho::dict_member(vm, init, "status")?;
    let status = if status.is_undefined() {
        200.0
    } else {
        let n = vm.to_number(status)?;
        // WebIDL `unsigned short`.
        if n.is_finite() {
            n.trunc().rem_euclid(65536.0)
        } else {
            0.0
        }
    };
    let status_text = ho::dict_member(vm, init, "statusText")?;
    let status_text = if status_text.is_undefined() {
        String::new()
    } else {
        super::headers::to_byte_string(vm, status_text)?
    };
    if !(200.0..=599.0).contains(&status) {
        return Err(JsError::range_error(
            "init[\"status\"] must be in the range of 200 to 599, inclusive.",
        ));
    }
    if status_text
        .chars()
        .any(|c| matches!(c, '\r' | '\n') || (c < ' ' && c != '\t') || c == '\x7f')
    {
        return Err(JsError::type_error("Invalid statusText"));
    }
    let mut list = Vec::new();
    headers::fill(vm, &mut list, headers_init, what)?;
    Ok((status as u16, status_text, list))
}

/// `Response.error()`.
fn response_error(vm: &mut Vm, _a: &CallArgs) -> JsResult<Value> {
    let h = headers::new_headers(vm, &[], Guard::Immutable);
    vm.push_root(Value::Object(h));
    let r = new_response(
        vm,
        &ResponseParts {
            kind: "error",
            url: "",
            redirected: false,
            status: 0,
            status_text: "",
            headers: h,
            body: None,
        },
    );
    Ok(Value::Object(r))
}

/// `Response.redirect(url, status = 302)`.
fn response_redirect(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let text = ho::to_usv_string(vm, a.arg(0))?;
    let url = match url::Url::parse(&text) {
        Ok(u) => u,
        Err(_) => {
            return Err(JsError::type_error(format!(
                "Failed to parse URL from {text}"
            )))
        }
    };
    let status = match a.arg(1) {
        Value::Undefined => 302.0,
        v => vm.to_number(v)?,
    };
    if !(status.fract() == 0.0 && is_redirect_status(status as u16) && status < 65536.0) {
        return Err(JsError::range_error(format!(
            "Invalid status code {}",
            crate::inspect::format_number(status)
        )));
    }
    let h = headers::new_headers(
        vm,
        &[("location".to_string(), url.to_string())],
        Guard::Immutable,
    );
    vm.push_root(Value::Object(h));
    let r = new_response(
        vm,
        &ResponseParts {
            kind: "default",
            url: "",
            redirected: false,
            status: status as u16,
            status_text: "",
            headers: h,
            body: None,
        },
    );
    Ok(Value::Object(r))
}

/// `Response.json(data, init)`: the JSON text of `data` as the body.
fn response_json_static(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let units = jsvm_engine::builtins::json::stringify_value(vm, a.arg(0))?;
    let Some(units) = units else {
        return Err(JsError::type_error("Value is not JSON serializable"));
    };
    let (status, status_text, mut list) = init_members(vm, a.arg(1), "Response.json")?;
    let text = String::from_utf16_lossy(&units);
    if !list.iter().any(|(n, _)| n == "content-type") {
        list.push(("content-type".into(), "application/json".into()));
    }
    if is_null_body_status(status) {
        return Err(JsError::type_error(format!(
            "Response.json: Invalid response status code {status}"
        )));
    }
    let stream = body::stream_from_bytes(vm, text.into_bytes())?;
    vm.push_root(Value::Object(stream));
    let h = headers::new_headers(vm, &list, Guard::Response);
    vm.push_root(Value::Object(h));
    let r = new_response(
        vm,
        &ResponseParts {
            kind: "default",
            url: "",
            redirected: false,
            status,
            status_text: &status_text,
            headers: h,
            body: Some(stream),
        },
    );
    Ok(Value::Object(r))
}

fn this_rec(vm: &mut Vm, a: &CallArgs) -> JsResult<ObjId> {
    ho::require(vm, a.this, Brand::Response)
}

fn slot(vm: &mut Vm, a: &CallArgs, i: u32) -> JsResult<Value> {
    let rec = this_rec(vm, a)?;
    Ok(ho::get(vm, rec, i))
}

fn get_type(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    slot(vm, a, P_TYPE)
}
fn get_url(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    slot(vm, a, P_URL)
}
fn get_redirected(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    slot(vm, a, P_REDIRECTED)
}
fn get_status(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    slot(vm, a, P_STATUS)
}
fn get_ok(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = this_rec(vm, a)?;
    let s = ho::get_number(vm, rec, P_STATUS);
    Ok(Value::Boolean((200.0..=299.0).contains(&s)))
}
fn get_status_text(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    slot(vm, a, P_STATUS_TEXT)
}
fn get_headers(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    slot(vm, a, P_HEADERS)
}
fn get_body(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    slot(vm, a, P_BODY)
}
fn get_body_used(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let body = slot(vm, a, P_BODY)?;
    Ok(Value::Boolean(crate::streams::is_disturbed(vm, body)))
}

/// `clone()`: a copy whose body is the second branch of a tee.
fn clone_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = this_rec(vm, a)?;
    let body = ho::get(vm, rec, P_BODY);
    if body::is_unusable(vm, body) {
        return Err(JsError::type_error(
            "Response.clone: Body has already been consumed.",
        ));
    }
    let new_body = if body.is_object() {
        let (b1, b2) = crate::streams::tee(vm, body)?;
        vm.push_root(Value::Object(b1));
        vm.push_root(Value::Object(b2));
        ho::set(vm, rec, P_BODY, Value::Object(b1));
        Some(b2)
    } else {
        None
    };
    let old_headers = ho::get(vm, rec, P_HEADERS);
    let list = headers::header_list(vm, old_headers);
    let kind = text_slot(vm, rec, P_TYPE);
    let guard = if kind == "default" {
        Guard::Response
    } else {
        Guard::Immutable
    };
    let h = headers::new_headers(vm, &list, guard);
    vm.push_root(Value::Object(h));
    let url = text_slot(vm, rec, P_URL);
    let status_text = text_slot(vm, rec, P_STATUS_TEXT);
    let status = ho::get_number(vm, rec, P_STATUS) as u16;
    let redirected = ho::get_bool(vm, rec, P_REDIRECTED);
    let r = new_response(
        vm,
        &ResponseParts {
            kind: &kind,
            url: &url,
            redirected,
            status,
            status_text: &status_text,
            headers: h,
            body: new_body,
        },
    );
    Ok(Value::Object(r))
}

fn text_slot(vm: &mut Vm, rec: ObjId, i: u32) -> String {
    match ho::get(vm, rec, i) {
        Value::String(s) => vm.string_to_rust(s),
        _ => String::new(),
    }
}

/// The body methods: a promise of the body read as `mode`, or rejected
/// with a TypeError when it was already read.
fn consume_method(vm: &mut Vm, a: &CallArgs, mode: Mode) -> JsResult<Value> {
    let Some(rec) = ho::record(vm, a.this, Brand::Response) else {
        let e = vm.new_error(ErrorKind::TypeError, "Illegal invocation");
        return Ok(Value::Object(promises::rejected_with(vm, Value::Object(e))));
    };
    let body = ho::get(vm, rec, P_BODY);
    if body::is_unusable(vm, body) {
        let e = body::unusable_error(vm);
        return Ok(Value::Object(promises::rejected_with(vm, e)));
    }
    body::consume(vm, body, mode)
}

fn array_buffer_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    consume_method(vm, a, Mode::ArrayBuffer)
}
fn bytes_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    consume_method(vm, a, Mode::Bytes)
}
fn json_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    consume_method(vm, a, Mode::Json)
}
fn text_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    consume_method(vm, a, Mode::Text)
}

/// `blob()` and `formData()`: there is no Blob or FormData yet.
pub fn unsupported_body_method(vm: &mut Vm, _a: &CallArgs) -> JsResult<Value> {
    let e = vm.new_error(
        ErrorKind::TypeError,
        "not yet supported: Blob and FormData bodies",
    );
    Ok(Value::Object(promises::rejected_with(vm, Value::Object(e))))
}
