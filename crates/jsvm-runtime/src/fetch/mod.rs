//! `fetch(input, init)` (Fetch Standard §5.6 and Node's behaviour) over
//! http and https, with `Headers`, `Request` and `Response` (submodules
//! of those names), bodies (`body`) and the network worker (`client`).
//!
//! A fetch runs its HTTP exchange on a worker thread; the worker's
//! events come back through the I/O completion queue (`io`) and are
//! handled here on the JS thread: the head resolves the fetch promise
//! with a Response whose body is a ReadableStream; each `pull` of that
//! stream asks the worker for one more chunk (so chunks arrive as the
//! socket delivers them, and a body nobody reads is not buffered). An
//! abort (the request's signal) rejects the fetch or errors the body and
//! shuts the request's connection down; cancelling the body (e.g. `break`
//! out of `for await`) does too.
//!
//! Invariant: a fetch is *in flight* (an entry in `Fetches`, its JS
//! record in the host slab) from the call until its body ends, fails, is
//! cancelled or aborted; while in flight it holds one I/O reference while
//! waiting for the head and one while a chunk read is outstanding, and
//! releases exactly those when it leaves. Events for a fetch no longer in
//! flight are ignored.

mod body;
mod client;
mod headers;
mod request;
mod response;

use std::collections::HashMap;
use std::sync::mpsc::{channel, Sender};

use jsvm_engine::api::{Attrs, CallArgs, ErrorKind, PropertyKey};
use jsvm_engine::error::JsResult;
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use crate::host::{slab_get, slab_insert, slab_remove, with_host};
use crate::host_object as ho;
use crate::{abort, io, promises, streams};
use client::{Cmd, Event, Failure, Head};
pub use headers::header_list;

/// A header list with repeated names combined (", "), in order of first
/// appearance (how `console.log` shows Headers).
pub fn combine_in_order(list: &[(String, String)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (n, v) in list {
        match out.iter_mut().find(|(m, _)| m == n) {
            Some((_, joined)) => {
                joined.push_str(", ");
                joined.push_str(v);
            }
            None => out.push((n.clone(), v.clone())),
        }
    }
    out
}

/// JS record of a fetch in flight (a null-prototype array).
const F_PROMISE: u32 = 0;
const F_SIGNAL: u32 = 1;
const F_CONTROLLER: u32 = 2;
const F_PULL_PROMISE: u32 = 3;
const F_ID: u32 = 4;
const F_ALGORITHM: u32 = 5;

/// The fetches in flight (host state).
#[derive(Default)]
pub struct Fetches {
    next_id: u32,
    map: HashMap<u32, InFlight>,
}

/// Where a fetch is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    AwaitingHead,
    Body,
}

struct InFlight {
    /// Slab index of the JS record.
    slab: u32,
    /// A handle on the request's agent, to shut its connection down.
    agent: ureq::Agent,
    cmds: Sender<Cmd>,
    phase: Phase,
    /// An I/O reference is held for the head.
    head_ref: bool,
    /// A chunk read is outstanding (and holds an I/O reference).
    reading: bool,
}

pub fn install(vm: &mut Vm) {
    headers::install(vm);
    body::install(vm);
    response::install(vm);
    request::install(vm);
    vm.define_global_function("fetch", 1, fetch);
}

fn with_fetches<T>(f: impl FnOnce(&mut Fetches) -> T) -> T {
    with_host(|h| f(&mut h.fetches))
}

fn rec_get(vm: &mut Vm, rec: ObjId, i: u32) -> Value {
    vm.get_prop(rec, PropertyKey::Index(i))
        .unwrap_or(Value::Undefined)
}

fn rec_set(vm: &mut Vm, rec: ObjId, i: u32, v: Value) {
    vm.define_value(rec, PropertyKey::Index(i), v, Attrs::ALL);
}

/// `fetch(input, init)`.
fn fetch(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let p = promises::new_promise(vm);
    vm.push_root(Value::Object(p));
    if a.args.is_empty() {
        let e = vm.new_error(
            ErrorKind::TypeError,
            "fetch: 1 argument required, but only 0 present.",
        );
        promises::reject(vm, p, Value::Object(e));
        return Ok(Value::Object(p));
    }
    let parts =
        match request::construct(vm, a.arg(0), a.arg(1)).and_then(|req| request::parts(vm, req)) {
            Ok(parts) => parts,
            Err(e) => {
                promises::reject_with_error(vm, p, e)?;
                return Ok(Value::Object(p));
            }
        };
    vm.push_root(parts.signal);
    if abort::is_aborted(vm, parts.signal) {
        let reason = abort::reason(vm, parts.signal);
        promises::reject(vm, p, reason);
        return Ok(Value::Object(p));
    }
    let scheme = url::Url::parse(&parts.url)
        .map(|u| u.scheme().to_string())
        .unwrap_or_default();
    if scheme != "http" && scheme != "https" {
        let cause = plain_error(vm, &format!("not yet supported: {scheme}: URLs in fetch"));
        let e = fetch_failed(vm, "fetch failed", cause);
        promises::reject(vm, p, e);
        return Ok(Value::Object(p));
    }
    let port = url::Url::parse(&parts.url)
        .ok()
        .and_then(|u| u.port_or_known_default());
    if port.is_some_and(is_bad_port) {
        let cause = plain_error(vm, "bad port");
        let e = fetch_failed(vm, "fetch failed", cause);
        promises::reject(vm, p, e);
        return Ok(Value::Object(p));
    }
    start(vm, p, parts)?;
    Ok(Value::Object(p))
}

/// Fetch's "bad ports" (§2.9 port blocking): requests to them fail.
fn is_bad_port(port: u16) -> bool {
    const BAD: [u16; 81] = [
        0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95,
        101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179,
        389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601,
        636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566,
        6665, 6666, 6667, 6668, 6669, 6697,
    ];
    BAD.contains(&port) || port == 6679 || port == 10080
}

/// Puts a fetch in flight and starts its worker.
fn start(vm: &mut Vm, p: ObjId, parts: request::RequestParts) -> JsResult<()> {
    let id = with_fetches(|f| {
        f.next_id = f.next_id.wrapping_add(1);
        f.next_id
    });
    let record = vm.new_array_with_proto(
        &[
            Value::Object(p),
            parts.signal,
            Value::Undefined,
            Value::Undefined,
            Value::Number(id as f64),
            Value::Undefined,
        ],
        None,
    );
    vm.push_root(Value::Object(record));
    let slab = slab_insert(vm, Value::Object(record));
    let agent = client::new_agent(parts.redirect);
    let (cmds, cmd_rx) = channel();
    io::add_ref();
    with_fetches(|f| {
        f.map.insert(
            id,
            InFlight {
                slab,
                agent: agent.clone(),
                cmds,
                phase: Phase::AwaitingHead,
                head_ref: true,
                reading: false,
            },
        )
    });
    let empty = vm.key("");
    let algorithm = vm.new_native_closure(empty, 1, on_abort, &[Value::Object(record)]);
    rec_set(vm, record, F_ALGORITHM, Value::Object(algorithm));
    abort::add_algorithm(vm, parts.signal, Value::Object(algorithm));

    let mut headers = parts.headers;
    for (name, value) in [("accept", "*/*"), ("accept-language", "*")] {
        if !headers.iter().any(|(n, _)| n == name) {
            headers.push((name.to_string(), value.to_string()));
        }
    }
    let job = client::Job {
        method: parts.method,
        url: parts.url,
        headers,
        body: parts.body,
        redirect: parts.redirect,
    };
    let sender = io::sender();
    let spawned = std::thread::Builder::new()
        .name("jsvm-fetch".into())
        .spawn(move || {
            let sink = move |event| {
                let completion: io::Completion = Box::new(move |vm| on_event(vm, id, event));
                let _ = sender.send(completion);
            };
            // A worker always reports an end, so the loop never waits on
            // a request that can no longer finish.
            let run = std::panic::AssertUnwindSafe(|| client::run(job, agent, cmd_rx, &sink));
            if std::panic::catch_unwind(run).is_err() {
                sink(Event::Failed(Failure::Other(
                    "the fetch worker failed unexpectedly".into(),
                )));
            }
        });
    if let Err(e) = spawned {
        let cause = plain_error(vm, &format!("cannot start a worker thread: {e}"));
        let err = fetch_failed(vm, "fetch failed", cause);
        promises::reject(vm, p, err);
        finish(vm, id);
    }
    Ok(())
}

/// The JS record of fetch `id` while it is in flight.
fn record_of(vm: &mut Vm, id: u32) -> Option<ObjId> {
    let slab = with_fetches(|f| f.map.get(&id).map(|x| x.slab))?;
    slab_get(vm, slab).as_object()
}

/// Takes fetch `id` out of flight: releases its I/O references, stops
/// its worker (dropping the command channel) and forgets its record.
fn finish(vm: &mut Vm, id: u32) {
    let Some(entry) = with_fetches(|f| f.map.remove(&id)) else {
        return;
    };
    if entry.head_ref {
        io::release_ref();
    }
    if entry.reading {
        io::release_ref();
    }
    let record = slab_get(vm, entry.slab);
    if let Value::Object(rec) = record {
        let signal = rec_get(vm, rec, F_SIGNAL);
        let algorithm = rec_get(vm, rec, F_ALGORITHM);
        abort::remove_algorithm(vm, signal, algorithm);
    }
    slab_remove(vm, entry.slab);
    let _ = entry.cmds.send(Cmd::Cancel);
}

/// Closes the connection of fetch `id` now (even mid-read).
fn shut_down(id: u32) {
    if let Some(agent) = with_fetches(|f| f.map.get(&id).map(|x| x.agent.clone())) {
        agent.shutdown();
    }
}

/// Runs on the JS thread for each worker event.
fn on_event(vm: &mut Vm, id: u32, event: Event) -> JsResult<()> {
    let Some(rec) = record_of(vm, id) else {
        return Ok(());
    };
    let mark = vm.roots_len();
    vm.push_root(Value::Object(rec));
    let r = match event {
        Event::Head(head) => on_head(vm, id, rec, head),
        Event::Failed(f) => {
            end_read(id);
            let p = rec_get(vm, rec, F_PROMISE);
            let controller = rec_get(vm, rec, F_CONTROLLER);
            let pull = rec_get(vm, rec, F_PULL_PROMISE);
            let cause = failure_cause(vm, &f);
            let e = fetch_failed(vm, "fetch failed", cause);
            vm.push_root(e);
            finish(vm, id);
            if let Value::Object(p) = p {
                promises::reject(vm, p, e);
            }
            // After the head, the failure ends the body.
            let r = match controller {
                Value::Object(c) => streams::controller_error(vm, c, e),
                _ => Ok(()),
            };
            if let Value::Object(pp) = pull {
                promises::resolve(vm, pp, Value::Undefined)?;
            }
            r
        }
        Event::Chunk(bytes) => {
            end_read(id);
            let chunk = Value::Object(vm.new_uint8_array_from_bytes(bytes));
            vm.push_root(chunk);
            // The pull promise settles first, so that the stream asks for
            // the next chunk (its reaction runs first) while the program
            // handles this one.
            let pull = rec_get(vm, rec, F_PULL_PROMISE);
            rec_set(vm, rec, F_PULL_PROMISE, Value::Undefined);
            if let Value::Object(p) = pull {
                promises::resolve(vm, p, Value::Undefined)?;
            }
            match rec_get(vm, rec, F_CONTROLLER) {
                Value::Object(c) => streams::controller_enqueue(vm, c, chunk),
                _ => Ok(()),
            }
        }
        Event::End => {
            end_read(id);
            let pull = rec_get(vm, rec, F_PULL_PROMISE);
            vm.push_root(pull);
            let controller = rec_get(vm, rec, F_CONTROLLER);
            vm.push_root(controller);
            finish(vm, id);
            let r = match controller {
                Value::Object(c) => streams::controller_close(vm, c),
                _ => Ok(()),
            };
            if let Value::Object(p) = pull {
                promises::resolve(vm, p, Value::Undefined)?;
            }
            r
        }
        Event::Error(f) => {
            end_read(id);
            let pull = rec_get(vm, rec, F_PULL_PROMISE);
            vm.push_root(pull);
            let controller = rec_get(vm, rec, F_CONTROLLER);
            vm.push_root(controller);
            finish(vm, id);
            let cause = failure_cause(vm, &f);
            let e = fetch_failed(vm, "terminated", cause);
            vm.push_root(e);
            let r = match controller {
                Value::Object(c) => streams::controller_error(vm, c, e),
                _ => Ok(()),
            };
            if let Value::Object(p) = pull {
                promises::resolve(vm, p, Value::Undefined)?;
            }
            r
        }
    };
    vm.truncate_roots(mark);
    r
}

/// A chunk read came back: its I/O reference is released.
fn end_read(id: u32) {
    let was = with_fetches(|f| match f.map.get_mut(&id) {
        Some(x) => std::mem::replace(&mut x.reading, false),
        None => false,
    });
    if was {
        io::release_ref();
    }
}

/// The head arrived: resolve the fetch with a Response.
fn on_head(vm: &mut Vm, id: u32, rec: ObjId, head: Head) -> JsResult<()> {
    let held = with_fetches(|f| match f.map.get_mut(&id) {
        Some(x) if x.phase == Phase::AwaitingHead => {
            x.phase = Phase::Body;
            std::mem::replace(&mut x.head_ref, false)
        }
        _ => false,
    });
    if held {
        io::release_ref();
    }
    let headers = headers::new_headers(vm, &head.headers, headers::Guard::Immutable);
    vm.push_root(Value::Object(headers));
    let null_body = response::is_null_body_status(head.status);
    let body = if null_body {
        None
    } else {
        let empty = vm.key("");
        let pull = vm.new_native_closure(empty, 1, body_pull, &[Value::Object(rec)]);
        vm.push_root(Value::Object(pull));
        let cancel = vm.new_native_closure(empty, 1, body_cancel, &[Value::Object(rec)]);
        vm.push_root(Value::Object(cancel));
        let (stream, controller) = streams::create_readable_stream(
            vm,
            Value::Undefined,
            Value::Object(pull),
            Value::Object(cancel),
            1.0,
        )?;
        vm.push_root(Value::Object(stream));
        rec_set(vm, rec, F_CONTROLLER, Value::Object(controller));
        Some(stream)
    };
    let response = response::new_response(
        vm,
        &response::ResponseParts {
            kind: "basic",
            url: &head.url,
            redirected: head.redirected,
            status: head.status,
            status_text: &head.status_text,
            headers,
            body,
        },
    );
    vm.push_root(Value::Object(response));
    let p = rec_get(vm, rec, F_PROMISE);
    if null_body {
        finish(vm, id);
    }
    if let Value::Object(p) = p {
        promises::resolve(vm, p, Value::Object(response))?;
    }
    Ok(())
}

fn fetch_id(vm: &mut Vm, a: &CallArgs) -> Option<(u32, ObjId)> {
    let rec = vm.native_slot(a.callee, 0).as_object()?;
    match rec_get(vm, rec, F_ID) {
        Value::Number(n) => Some((n as u32, rec)),
        _ => None,
    }
}

/// The body stream's pull: asks the worker for the next chunk; the
/// promise fulfils when it has been enqueued.
fn body_pull(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let Some((id, rec)) = fetch_id(vm, a) else {
        return Ok(Value::Object(promises::resolved_with(
            vm,
            Value::Undefined,
        )?));
    };
    // `None`: not in flight any more; `Some(false)`: a read is already
    // outstanding (its promise is returned again).
    let asked = with_fetches(|f| {
        f.map.get_mut(&id).map(|x| {
            if x.reading {
                return false;
            }
            // A worker that has just ended cannot receive this; its last
            // event (already queued) settles the read instead.
            let _ = x.cmds.send(Cmd::Read);
            x.reading = true;
            true
        })
    });
    match asked {
        None => {
            return Ok(Value::Object(promises::resolved_with(
                vm,
                Value::Undefined,
            )?))
        }
        Some(false) => return Ok(rec_get(vm, rec, F_PULL_PROMISE)),
        Some(true) => {}
    }
    io::add_ref();
    let p = promises::new_promise(vm);
    rec_set(vm, rec, F_PULL_PROMISE, Value::Object(p));
    Ok(Value::Object(p))
}

/// The body stream's cancel: the connection is closed.
fn body_cancel(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    if let Some((id, _)) = fetch_id(vm, a) {
        shut_down(id);
        finish(vm, id);
    }
    Ok(Value::Object(promises::resolved_with(
        vm,
        Value::Undefined,
    )?))
}

/// The request signal's abort algorithm: rejects the fetch (before the
/// head) or errors the body, and closes the connection.
fn on_abort(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let Some((id, rec)) = fetch_id(vm, a) else {
        return Ok(Value::Undefined);
    };
    let Some(phase) = with_fetches(|f| f.map.get(&id).map(|x| x.phase)) else {
        return Ok(Value::Undefined);
    };
    let reason = a.arg(0);
    shut_down(id);
    let p = rec_get(vm, rec, F_PROMISE);
    vm.push_root(p);
    let controller = rec_get(vm, rec, F_CONTROLLER);
    vm.push_root(controller);
    let pull = rec_get(vm, rec, F_PULL_PROMISE);
    vm.push_root(pull);
    finish(vm, id);
    match phase {
        Phase::AwaitingHead => {
            if let Value::Object(p) = p {
                promises::reject(vm, p, reason);
            }
        }
        Phase::Body => {
            if let Value::Object(c) = controller {
                streams::controller_error(vm, c, reason)?;
            }
            if let Value::Object(pp) = pull {
                promises::resolve(vm, pp, Value::Undefined)?;
            }
        }
    }
    Ok(Value::Undefined)
}

/// An Error with a message (no code).
fn plain_error(vm: &mut Vm, message: &str) -> Value {
    Value::Object(vm.new_error(ErrorKind::Error, message))
}

/// `TypeError(message)` with `cause`.
fn fetch_failed(vm: &mut Vm, message: &str, cause: Value) -> Value {
    let mark = vm.roots_len();
    vm.push_root(cause);
    let e = vm.new_error(ErrorKind::TypeError, message);
    let key = vm.key("cause");
    vm.define_value(e, key, cause, Attrs::METHOD);
    vm.truncate_roots(mark);
    Value::Object(e)
}

/// The `cause` Node gives for a failure: a system error with `errno`,
/// `code`, `syscall` and the address, or undici's error.
fn failure_cause(vm: &mut Vm, f: &Failure) -> Value {
    let (message, props): (String, Vec<(&str, Value)>) = match f {
        Failure::Refused { host, port } => {
            let h = ho::js_string(vm, host);
            (
                format!("connect ECONNREFUSED {host}:{port}"),
                vec![
                    ("errno", Value::Number(-111.0)),
                    ("code", ho::js_string(vm, "ECONNREFUSED")),
                    ("syscall", ho::js_string(vm, "connect")),
                    ("address", h),
                    ("port", Value::Number(*port as f64)),
                ],
            )
        }
        Failure::NotFound { host } => {
            let h = ho::js_string(vm, host);
            (
                format!("getaddrinfo ENOTFOUND {host}"),
                vec![
                    ("errno", Value::Number(-3008.0)),
                    ("code", ho::js_string(vm, "ENOTFOUND")),
                    ("syscall", ho::js_string(vm, "getaddrinfo")),
                    ("hostname", h),
                ],
            )
        }
        Failure::ConnectTimeout => (
            "Connect Timeout Error".to_string(),
            vec![("code", ho::js_string(vm, "UND_ERR_CONNECT_TIMEOUT"))],
        ),
        Failure::TooManyRedirects => ("redirect count exceeded".to_string(), Vec::new()),
        Failure::UnexpectedRedirect => ("unexpected redirect".to_string(), Vec::new()),
        Failure::Closed(_) => (
            "other side closed".to_string(),
            vec![("code", ho::js_string(vm, "UND_ERR_SOCKET"))],
        ),
        Failure::Other(m) => (m.clone(), Vec::new()),
    };
    let mark = vm.roots_len();
    for (_, v) in &props {
        vm.push_root(*v);
    }
    let e = vm.new_error(ErrorKind::Error, &message);
    for (k, v) in props {
        let key = vm.key(k);
        vm.define_value(e, key, v, Attrs::ALL);
    }
    vm.truncate_roots(mark);
    Value::Object(e)
}
