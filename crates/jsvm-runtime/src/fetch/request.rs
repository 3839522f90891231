//! `Request` (Fetch Standard §6.4): `new Request(input, { method,
//! headers, body, signal, redirect, ... })` from a URL or another
//! Request; `method`, `url`, `headers`, `redirect`, `signal`, `body`,
//! `bodyUsed`, the fixed members Node reports (`mode`, `credentials`,
//! `cache`, ...), `clone()` and the body methods. `fetch(input, init)`
//! builds its request through `construct` and reads it with `parts`.
//!
//! Request bodies are kept as bytes (what the network sends) and shown
//! as a ReadableStream over them; a ReadableStream given as a request
//! body is not supported yet (TypeError).
//!
//! Invariant: METHOD is a normalized token other than CONNECT, TRACE and
//! TRACK; URL is an absolute URL without credentials; GET and HEAD
//! requests have no body; SIGNAL is always an AbortSignal that follows
//! the signal the request was made with.

use jsvm_engine::api::{Attrs, CallArgs, ErrorKind};
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use super::body::{self, Extracted, Mode};
use super::headers::{self, Guard};
use crate::host_object::{self as ho, Brand};
use crate::promises;

const Q_METHOD: u32 = 1;
const Q_URL: u32 = 2;
const Q_HEADERS: u32 = 3;
const Q_BODY: u32 = 4;
const Q_BODY_BYTES: u32 = 5;
const Q_SIGNAL: u32 = 6;
const Q_REDIRECT: u32 = 7;
const Q_SLOTS: u32 = 7;

/// How a request treats redirects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Redirect {
    Follow,
    Error,
    Manual,
}

impl Redirect {
    fn name(self) -> &'static str {
        match self {
            Redirect::Follow => "follow",
            Redirect::Error => "error",
            Redirect::Manual => "manual",
        }
    }
}

/// What the network part of fetch needs of a request.
pub struct RequestParts {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
    pub signal: Value,
    pub redirect: Redirect,
}

pub fn install(vm: &mut Vm) {
    let (_, proto) = ho::define_class(vm, "Request", 1, request_ctor, None);
    ho::register_proto(Brand::Request, proto);
    for (name, f) in [
        ("method", get_method as jsvm_engine::function::NativeFn),
        ("url", get_url),
        ("headers", get_headers),
        ("redirect", get_redirect),
        ("signal", get_signal),
        ("body", get_body),
        ("bodyUsed", get_body_used),
        ("destination", get_empty),
        ("integrity", get_empty),
        ("referrerPolicy", get_empty),
        ("referrer", get_referrer),
        ("mode", get_mode),
        ("credentials", get_credentials),
        ("cache", get_cache),
        ("keepalive", get_false),
        ("isReloadNavigation", get_false),
        ("isHistoryNavigation", get_false),
        ("duplex", get_duplex),
    ] {
        ho::getter(vm, proto, name, f);
    }
    vm.define_method(proto, "clone", 0, clone_method);
    vm.define_method(proto, "arrayBuffer", 0, array_buffer_method);
    vm.define_method(proto, "bytes", 0, bytes_method);
    vm.define_method(proto, "json", 0, json_method);
    vm.define_method(proto, "text", 0, text_method);
    vm.define_method(proto, "blob", 0, super::response::unsupported_body_method);
    vm.define_method(
        proto,
        "formData",
        0,
        super::response::unsupported_body_method,
    );
}

/// Node's error for a URL fetch cannot parse: `TypeError: Failed to parse
/// URL from x` whose cause is `TypeError: Invalid URL` (`code`
/// ERR_INVALID_URL, `input` x).
pub fn url_parse_error(vm: &mut Vm, input: &str) -> JsError {
    let cause = crate::url::invalid_url_error(vm, input);
    let mark = vm.roots_len();
    vm.push_root(cause);
    let e = vm.new_error(
        ErrorKind::TypeError,
        &format!("Failed to parse URL from {input}"),
    );
    let key = vm.key("cause");
    vm.define_value(e, key, cause, Attrs::METHOD);
    vm.truncate_roots(mark);
    JsError::Throw(Value::Object(e))
}

/// Normalizes and checks a method (Fetch: "normalize", "forbidden").
fn check_method(m: &str) -> JsResult<String> {
    if !headers::is_token(m) {
        return Err(JsError::type_error(format!(
            "'{m}' is not a valid HTTP method."
        )));
    }
    let upper = m.to_ascii_uppercase();
    if matches!(upper.as_str(), "CONNECT" | "TRACE" | "TRACK") {
        return Err(JsError::type_error(format!(
            "'{m}' HTTP method is unsupported."
        )));
    }
    Ok(
        if matches!(
            upper.as_str(),
            "DELETE" | "GET" | "HEAD" | "OPTIONS" | "POST" | "PUT"
        ) {
            upper
        } else {
            m.to_string()
        },
    )
}

fn request_ctor(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let o = ho::construct_this(vm, a, "Request", Brand::Request)?;
    vm.push_root(Value::Object(o));
    if a.args.is_empty() {
        return Err(JsError::type_error(
            "Request constructor: 1 argument required, but only 0 present.",
        ));
    }
    init_request(vm, o, a.arg(0), a.arg(1))?;
    Ok(Value::Object(o))
}

/// A new Request from `fetch(input, init)`'s arguments.
pub fn construct(vm: &mut Vm, input: Value, init: Value) -> JsResult<ObjId> {
    let o = ho::new_instance(vm, Brand::Request);
    let mark = vm.roots_len();
    vm.push_root(Value::Object(o));
    let r = init_request(vm, o, input, init);
    vm.truncate_roots(mark);
    r.map(|_| o)
}

/// The Request constructor's steps on object `o`.
fn init_request(vm: &mut Vm, o: ObjId, input: Value, init: Value) -> JsResult<()> {
    let input_rec = ho::record(vm, input, Brand::Request);
    let (mut method, url, mut list, mut body_bytes, mut parent_signal, mut redirect) =
        match input_rec {
            Some(irec) => {
                let method = text(vm, irec, Q_METHOD);
                let url = text(vm, irec, Q_URL);
                let h = ho::get(vm, irec, Q_HEADERS);
                let list = headers::header_list(vm, h);
                let body = ho::get(vm, irec, Q_BODY);
                if body::is_unusable(vm, body) {
                    return Err(JsError::type_error(
                        "Cannot construct a Request with a Request object that has already been used.",
                    ));
                }
                let bytes = match ho::get(vm, irec, Q_BODY_BYTES) {
                    v @ Value::Object(_) => Some(vm.buffer_source_bytes(v).unwrap_or(&[]).to_vec()),
                    _ => None,
                };
                let signal = ho::get(vm, irec, Q_SIGNAL);
                let redirect = match text(vm, irec, Q_REDIRECT).as_str() {
                    "error" => Redirect::Error,
                    "manual" => Redirect::Manual,
                    _ => Redirect::Follow,
                };
                (method, url, list, bytes, signal, redirect)
            }
            None => {
                let text = ho::to_usv_string(vm, input)?;
                let parsed = match url::Url::parse(&text) {
                    Ok(u) => u,
                    Err(_) => return Err(url_parse_error(vm, &text)),
                };
                if !parsed.username().is_empty() || parsed.password().is_some() {
                    return Err(JsError::type_error(format!(
                        "Request cannot be constructed from a URL that includes credentials: {text}"
                    )));
                }
                (
                    "GET".to_string(),
                    parsed.to_string(),
                    Vec::new(),
                    None,
                    Value::Undefined,
                    Redirect::Follow,
                )
            }
        };
    vm.push_root(parent_signal);
    if !init.is_nullish() && !init.is_object() {
        return Err(JsError::type_error(
            "Request constructor: The provided value is not of type 'RequestInit'.",
        ));
    }
    // RequestInit members, in WebIDL's (lexicographic) order.
    let body_init = ho::dict_member(vm, init, "body")?;
    vm.push_root(body_init);
    let _cache = ho::dict_member(vm, init, "cache")?;
    let _credentials = ho::dict_member(vm, init, "credentials")?;
    let duplex = ho::dict_member(vm, init, "duplex")?;
    let headers_init = ho::dict_member(vm, init, "headers")?;
    vm.push_root(headers_init);
    let _integrity = ho::dict_member(vm, init, "integrity")?;
    let _keepalive = ho::dict_member(vm, init, "keepalive")?;
    let method_init = ho::dict_member(vm, init, "method")?;
    if !method_init.is_undefined() {
        let m = headers::to_byte_string(vm, method_init)?;
        method = check_method(&m)?;
    }
    let _mode = ho::dict_member(vm, init, "mode")?;
    let redirect_init = ho::dict_member(vm, init, "redirect")?;
    if !redirect_init.is_undefined() {
        let r = ho::to_rust_string(vm, redirect_init)?;
        redirect = match r.as_str() {
            "follow" => Redirect::Follow,
            "error" => Redirect::Error,
            "manual" => Redirect::Manual,
            _ => {
                return Err(JsError::type_error(format!(
                    "Request constructor: {r} is not an accepted type. Expected one of follow, manual, error."
                )))
            }
        };
    }
    let _referrer = ho::dict_member(vm, init, "referrer")?;
    let _referrer_policy = ho::dict_member(vm, init, "referrerPolicy")?;
    let signal_init = ho::dict_member(vm, init, "signal")?;
    if !signal_init.is_undefined() {
        if !signal_init.is_null() && !crate::abort::is_signal(vm, signal_init) {
            return Err(JsError::type_error(
                "Request constructor: Expected signal (\"[object Object]\") to be an instance of AbortSignal.",
            ));
        }
        parent_signal = signal_init;
        vm.push_root(parent_signal);
    }
    if !headers_init.is_undefined() {
        list.clear();
        headers::fill(vm, &mut list, headers_init, "Request constructor")?;
    }
    if !body_init.is_nullish() {
        if method == "GET" || method == "HEAD" {
            return Err(JsError::type_error(
                "Request with GET/HEAD method cannot have body.",
            ));
        }
        let (extracted, content_type) = body::extract(vm, body_init)?;
        match extracted {
            Extracted::Bytes(bytes) => body_bytes = Some(bytes),
            Extracted::Stream(_) => {
                if duplex.is_undefined() {
                    return Err(JsError::type_error(
                        "RequestInit: duplex option is required when sending a body.",
                    ));
                }
                return Err(JsError::type_error(
                    "not yet supported: a ReadableStream as a request body",
                ));
            }
        }
        if let Some(ct) = content_type {
            if !list.iter().any(|(n, _)| n == "content-type") {
                list.push(("content-type".into(), ct.into()));
            }
        }
    } else if body_bytes.is_some() && (method == "GET" || method == "HEAD") {
        return Err(JsError::type_error(
            "Request with GET/HEAD method cannot have body.",
        ));
    }
    let rec = ho::attach(vm, o, Brand::Request, Q_SLOTS);
    let m = ho::js_string(vm, &method);
    ho::set(vm, rec, Q_METHOD, m);
    let u = ho::js_string(vm, &url);
    ho::set(vm, rec, Q_URL, u);
    let h = headers::new_headers(vm, &list, Guard::Request);
    ho::set(vm, rec, Q_HEADERS, Value::Object(h));
    match body_bytes {
        Some(bytes) => {
            let copy = vm.new_uint8_array_from_bytes(bytes.clone());
            ho::set(vm, rec, Q_BODY_BYTES, Value::Object(copy));
            let stream = body::stream_from_bytes(vm, bytes)?;
            ho::set(vm, rec, Q_BODY, Value::Object(stream));
        }
        None => ho::set(vm, rec, Q_BODY, Value::Null),
    }
    let r = ho::js_string(vm, redirect.name());
    ho::set(vm, rec, Q_REDIRECT, r);
    let signal = crate::abort::new_signal(vm);
    ho::set(vm, rec, Q_SIGNAL, Value::Object(signal));
    if crate::abort::is_signal(vm, parent_signal) {
        crate::abort::follow(vm, Value::Object(signal), parent_signal)?;
    }
    Ok(())
}

fn text(vm: &mut Vm, rec: ObjId, i: u32) -> String {
    match ho::get(vm, rec, i) {
        Value::String(s) => vm.string_to_rust(s),
        _ => String::new(),
    }
}

/// Reads a request for the network: a TypeError when its body was
/// already used (the body is marked used).
pub fn parts(vm: &mut Vm, req: ObjId) -> JsResult<RequestParts> {
    let Some(rec) = ho::record(vm, Value::Object(req), Brand::Request) else {
        return Err(JsError::type_error("Illegal invocation"));
    };
    let stream = ho::get(vm, rec, Q_BODY);
    if body::is_unusable(vm, stream) {
        return Err(JsError::Throw(body::unusable_error(vm)));
    }
    crate::streams::set_disturbed(vm, stream);
    let h = ho::get(vm, rec, Q_HEADERS);
    let body = match ho::get(vm, rec, Q_BODY_BYTES) {
        v @ Value::Object(_) => Some(vm.buffer_source_bytes(v).unwrap_or(&[]).to_vec()),
        _ => None,
    };
    Ok(RequestParts {
        method: text(vm, rec, Q_METHOD),
        url: text(vm, rec, Q_URL),
        headers: headers::header_list(vm, h),
        body,
        signal: ho::get(vm, rec, Q_SIGNAL),
        redirect: match text(vm, rec, Q_REDIRECT).as_str() {
            "error" => Redirect::Error,
            "manual" => Redirect::Manual,
            _ => Redirect::Follow,
        },
    })
}

fn this_rec(vm: &mut Vm, a: &CallArgs) -> JsResult<ObjId> {
    ho::require(vm, a.this, Brand::Request)
}

fn slot(vm: &mut Vm, a: &CallArgs, i: u32) -> JsResult<Value> {
    let rec = this_rec(vm, a)?;
    Ok(ho::get(vm, rec, i))
}

fn get_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    slot(vm, a, Q_METHOD)
}
fn get_url(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    slot(vm, a, Q_URL)
}
fn get_headers(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    slot(vm, a, Q_HEADERS)
}
fn get_redirect(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    slot(vm, a, Q_REDIRECT)
}
fn get_signal(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    slot(vm, a, Q_SIGNAL)
}
fn get_body(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    slot(vm, a, Q_BODY)
}
fn get_body_used(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let body = slot(vm, a, Q_BODY)?;
    Ok(Value::Boolean(crate::streams::is_disturbed(vm, body)))
}
fn fixed(vm: &mut Vm, a: &CallArgs, v: &str) -> JsResult<Value> {
    this_rec(vm, a)?;
    Ok(ho::js_string(vm, v))
}
fn get_empty(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    fixed(vm, a, "")
}
fn get_referrer(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    fixed(vm, a, "about:client")
}
fn get_mode(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    fixed(vm, a, "cors")
}
fn get_credentials(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    fixed(vm, a, "same-origin")
}
fn get_cache(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    fixed(vm, a, "default")
}
fn get_duplex(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    fixed(vm, a, "half")
}
fn get_false(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    this_rec(vm, a)?;
    Ok(Value::Boolean(false))
}

/// `clone()`.
fn clone_method(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = this_rec(vm, a)?;
    let body = ho::get(vm, rec, Q_BODY);
    if body::is_unusable(vm, body) {
        return Err(JsError::type_error(
            "Request.clone: Body has already been consumed.",
        ));
    }
    let copy = ho::new_instance(vm, Brand::Request);
    vm.push_root(Value::Object(copy));
    let crec = ho::attach(vm, copy, Brand::Request, Q_SLOTS);
    for i in [Q_METHOD, Q_URL, Q_REDIRECT] {
        let v = ho::get(vm, rec, i);
        ho::set(vm, crec, i, v);
    }
    let h = ho::get(vm, rec, Q_HEADERS);
    let list = headers::header_list(vm, h);
    let h = headers::new_headers(vm, &list, Guard::Request);
    ho::set(vm, crec, Q_HEADERS, Value::Object(h));
    match ho::get(vm, rec, Q_BODY_BYTES) {
        v @ Value::Object(_) => {
            let bytes = vm.buffer_source_bytes(v).unwrap_or(&[]).to_vec();
            let b = vm.new_uint8_array_from_bytes(bytes.clone());
            ho::set(vm, crec, Q_BODY_BYTES, Value::Object(b));
            let s = body::stream_from_bytes(vm, bytes)?;
            ho::set(vm, crec, Q_BODY, Value::Object(s));
        }
        _ => ho::set(vm, crec, Q_BODY, Value::Null),
    }
    let signal = crate::abort::new_signal(vm);
    ho::set(vm, crec, Q_SIGNAL, Value::Object(signal));
    let parent = ho::get(vm, rec, Q_SIGNAL);
    crate::abort::follow(vm, Value::Object(signal), parent)?;
    Ok(Value::Object(copy))
}

fn consume_method(vm: &mut Vm, a: &CallArgs, mode: Mode) -> JsResult<Value> {
    let Some(rec) = ho::record(vm, a.this, Brand::Request) else {
        let e = vm.new_error(ErrorKind::TypeError, "Illegal invocation");
        return Ok(Value::Object(promises::rejected_with(vm, Value::Object(e))));
    };
    let body = ho::get(vm, rec, Q_BODY);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_are_normalized_and_checked() {
        assert_eq!(check_method("post").ok().as_deref(), Some("POST"));
        assert_eq!(check_method("Patch").ok().as_deref(), Some("Patch"));
        assert!(check_method("CONNECT").is_err());
        assert!(check_method("bad method").is_err());
    }
}
