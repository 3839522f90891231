//! How `console.log` shows the runtime's Web API objects: as Node's
//! custom inspectors do, the class name followed by a plain object of
//! their public attributes (`Response { status: 200, statusText: 'OK',
//! headers: Headers {...}, ... }`). Their state lives in internal
//! records, so a *stand-in* plain object holding the attributes is built
//! and formatted (by the caller, in a fresh context, as Node's
//! `inspect(properties, options)` inside the custom inspector does).
//!
//! Invariant: building a stand-in reads only the runtime's own native
//! getters (no user code, unless a program redefined them) and never
//! changes the object shown.

use jsvm_engine::api::Attrs;
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use crate::host_object::{self as ho, Brand};

/// The attributes shown per class, in Node's order.
const SHOWN: [(Brand, &[&str]); 9] = [
    (
        Brand::Response,
        &[
            "status",
            "statusText",
            "headers",
            "body",
            "bodyUsed",
            "ok",
            "redirected",
            "type",
            "url",
        ],
    ),
    (
        Brand::Request,
        &[
            "method",
            "url",
            "headers",
            "destination",
            "referrer",
            "referrerPolicy",
            "mode",
            "credentials",
            "cache",
            "redirect",
            "integrity",
            "keepalive",
            "isReloadNavigation",
            "isHistoryNavigation",
            "signal",
        ],
    ),
    (Brand::AbortSignal, &["aborted"]),
    (Brand::AbortController, &["signal"]),
    (Brand::TextDecoder, &["encoding", "fatal", "ignoreBOM"]),
    (Brand::TextEncoder, &["encoding"]),
    (
        Brand::Event,
        &["type", "defaultPrevented", "cancelable", "timeStamp"],
    ),
    (
        Brand::Url,
        &[
            "href",
            "origin",
            "protocol",
            "username",
            "password",
            "host",
            "hostname",
            "port",
            "pathname",
            "search",
            "searchParams",
            "hash",
        ],
    ),
    (Brand::ReadableStream, &["locked"]),
];

/// `URLSearchParams { 'a' => '1', 'b' => '2' }` (Node's layout: one
/// line unless longer than 80 columns), if `o` is a URLSearchParams.
pub fn search_params_text(vm: &mut Vm, o: ObjId, indentation: usize) -> Option<String> {
    let list = crate::url::search_params_list(vm, Value::Object(o))?;
    let mut output = Vec::with_capacity(list.len());
    for (k, v) in &list {
        let k = ho::js_string(vm, k);
        let v = ho::js_string(vm, v);
        output.push(format!(
            "{} => {}",
            super::inspect(vm, k),
            super::inspect(vm, v)
        ));
    }
    if output.is_empty() {
        return Some("URLSearchParams {}".into());
    }
    let length = output.iter().map(|s| s.len() + 2).sum::<usize>() - 2;
    if length > 80 {
        let indent = " ".repeat(indentation);
        let sep = format!(",\n{indent}  ");
        return Some(format!(
            "URLSearchParams {{\n{indent}  {} }}",
            output.join(&sep)
        ));
    }
    Some(format!("URLSearchParams {{ {} }}", output.join(", ")))
}

/// The class name to show (empty for none) and a stand-in to format in
/// place of `o`, if `o` is a Web API object.
pub fn stand_in(vm: &mut Vm, o: ObjId) -> Option<(&'static str, ObjId)> {
    let v = Value::Object(o);
    let found = ho::brand_of(vm, v)?;
    if found == Brand::Headers {
        return headers_stand_in(vm, o).map(|s| ("Headers", s));
    }
    let (brand, names) = SHOWN.iter().find(|(b, _)| *b == found)?;
    let name = match brand {
        Brand::Response => "Response",
        Brand::Request => "Request",
        Brand::AbortSignal => "AbortSignal",
        Brand::AbortController => "AbortController",
        Brand::TextDecoder => "TextDecoder",
        Brand::Event => "Event",
        Brand::Url => "URL",
        Brand::ReadableStream => "ReadableStream",
        // Node shows a TextEncoder as a plain object.
        _ => "",
    };
    let stand = vm.new_plain_object();
    let mark = vm.roots_len();
    vm.push_root(Value::Object(stand));
    for name in names.iter() {
        let key = vm.key(name);
        let value = vm.get_prop(o, key).unwrap_or(Value::Undefined);
        vm.define_value(stand, key, value, Attrs::ALL);
    }
    if *brand == Brand::ReadableStream {
        let state = crate::streams::state_name(vm, v);
        for (name, value) in [
            ("state", ho::js_string(vm, state)),
            ("supportsBYOB", Value::Boolean(false)),
        ] {
            let key = vm.key(name);
            vm.define_value(stand, key, value, Attrs::ALL);
        }
    }
    vm.truncate_roots(mark);
    Some((name, stand))
}

/// `{ name: 'value', ... }` in list order.
fn headers_stand_in(vm: &mut Vm, o: ObjId) -> Option<ObjId> {
    let stand = vm.new_plain_object();
    let mark = vm.roots_len();
    vm.push_root(Value::Object(stand));
    let list = crate::fetch::header_list(vm, Value::Object(o));
    for (name, value) in crate::fetch::combine_in_order(&list) {
        let key = vm.key(&name);
        let value = ho::js_string(vm, &value);
        vm.define_value(stand, key, value, Attrs::ALL);
    }
    vm.truncate_roots(mark);
    Some(stand)
}
