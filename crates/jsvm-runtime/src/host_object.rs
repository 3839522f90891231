//! Internal slots for the runtime's Web API objects (TextDecoder, Headers,
//! Response, ReadableStream, AbortSignal, URL, ...). The engine has no
//! host-data object kind, so each instance carries a *record*: a
//! null-prototype array stored under the host's private symbol key, whose
//! element 0 is the brand (which class made it) and whose other elements
//! are that class's slots. Also: defining a class (constructor, prototype,
//! `Symbol.toStringTag`) and creating instances honouring `new.target`.
//!
//! Invariant: a record is only ever reached through `record`, which checks
//! the brand, so a method called on the wrong kind of object gets a
//! TypeError, never another class's slots; reading a slot never runs
//! JavaScript (records are plain data arrays the program cannot reach by
//! ordinary property access).

use jsvm_engine::api::{Attrs, CallArgs, PropertyKey};
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::function::NativeFn;
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use std::collections::HashMap;

use crate::host::{private_key, with_host};

/// Which class an internal record belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Brand {
    TextEncoder = 1,
    TextDecoder,
    Headers,
    Request,
    Response,
    ReadableStream,
    StreamController,
    StreamReader,
    StreamIterator,
    AbortController,
    AbortSignal,
    Event,
    EventTarget,
    DomException,
    Url,
    UrlSearchParams,
    UrlSearchParamsIterator,
    HeadersIterator,
    CountStrategy,
    ByteLengthStrategy,
}

/// Gives `obj` a fresh record of `slots` slots (all undefined) branded
/// `brand`; returns the record.
pub fn attach(vm: &mut Vm, obj: ObjId, brand: Brand, slots: u32) -> ObjId {
    let mut init = vec![Value::Undefined; slots as usize + 1];
    init[0] = Value::Number(brand as u32 as f64);
    let rec = vm.new_array_with_proto(&init, None);
    let key = private_key(vm);
    vm.define_value(obj, key, Value::Object(rec), Attrs::NONE);
    rec
}

/// The brand of `v`'s record, if it has one (one lookup, for code that
/// dispatches on the class, like `console.log`).
pub fn brand_of(vm: &mut Vm, v: Value) -> Option<Brand> {
    const ALL: [Brand; 20] = [
        Brand::TextEncoder,
        Brand::TextDecoder,
        Brand::Headers,
        Brand::Request,
        Brand::Response,
        Brand::ReadableStream,
        Brand::StreamController,
        Brand::StreamReader,
        Brand::StreamIterator,
        Brand::AbortController,
        Brand::AbortSignal,
        Brand::Event,
        Brand::EventTarget,
        Brand::DomException,
        Brand::Url,
        Brand::UrlSearchParams,
        Brand::UrlSearchParamsIterator,
        Brand::HeadersIterator,
        Brand::CountStrategy,
        Brand::ByteLengthStrategy,
    ];
    let rec = any_record(vm, v)?;
    match vm.get_prop(rec, PropertyKey::Index(0)) {
        Ok(Value::Number(n)) => ALL.iter().copied().find(|&b| b as u32 as f64 == n),
        _ => None,
    }
}

/// The record of `v` whatever its brand.
fn any_record(vm: &mut Vm, v: Value) -> Option<ObjId> {
    let Value::Object(o) = v else {
        return None;
    };
    // A proxy has no internal slots (and asking it would run its traps).
    if vm.heap.obj(o).is_proxy() {
        return None;
    }
    let key = private_key(vm);
    match vm.get_own_property(o, key) {
        Ok(Some(d)) => match d.value {
            Some(Value::Object(r)) => Some(r),
            _ => None,
        },
        _ => None,
    }
}

/// The record of `v` if it is an object branded `brand`.
pub fn record(vm: &mut Vm, v: Value, brand: Brand) -> Option<ObjId> {
    let rec = any_record(vm, v)?;
    match vm.get_prop(rec, PropertyKey::Index(0)) {
        Ok(Value::Number(n)) if n == brand as u32 as f64 => Some(rec),
        _ => None,
    }
}

/// The record of `v`, or WebIDL's brand-check TypeError.
pub fn require(vm: &mut Vm, v: Value, brand: Brand) -> JsResult<ObjId> {
    record(vm, v, brand).ok_or_else(|| JsError::type_error("Illegal invocation"))
}

/// Slot `i` (1-based: slot 0 is the brand) of a record.
pub fn get(vm: &mut Vm, rec: ObjId, i: u32) -> Value {
    vm.get_prop(rec, PropertyKey::Index(i))
        .unwrap_or(Value::Undefined)
}

pub fn set(vm: &mut Vm, rec: ObjId, i: u32, v: Value) {
    vm.define_value(rec, PropertyKey::Index(i), v, Attrs::ALL);
}

/// Slot `i` as a number (NaN when it holds something else).
pub fn get_number(vm: &mut Vm, rec: ObjId, i: u32) -> f64 {
    match get(vm, rec, i) {
        Value::Number(n) => n,
        _ => f64::NAN,
    }
}

/// Slot `i` as a boolean (false unless it holds `true`).
pub fn get_bool(vm: &mut Vm, rec: ObjId, i: u32) -> bool {
    matches!(get(vm, rec, i), Value::Boolean(true))
}

/// Slot `i` as an object handle.
pub fn get_object(vm: &mut Vm, rec: ObjId, i: u32) -> Option<ObjId> {
    get(vm, rec, i).as_object()
}

/// A class: its constructor installed on the global object (writable,
/// configurable, not enumerable) and its prototype with
/// `Symbol.toStringTag`. `parent` is the prototype's prototype (default
/// %Object.prototype%).
pub fn define_class(
    vm: &mut Vm,
    name: &str,
    length: u32,
    ctor: NativeFn,
    parent: Option<ObjId>,
) -> (ObjId, ObjId) {
    let parent = parent.unwrap_or(vm.intrinsics().object_prototype);
    let proto = vm.new_object(Some(parent));
    let tag_key = PropertyKey::Symbol(vm.symbols.to_string_tag);
    let tag = vm.new_string(name);
    vm.define_value(proto, tag_key, Value::String(tag), Attrs::CONFIGURABLE_ONLY);
    let c = vm.make_constructor(name, length, ctor, proto);
    let global = vm.global_object();
    let key = vm.key(name);
    vm.define_value(global, key, Value::Object(c), Attrs::METHOD);
    crate::host::slab_insert(vm, Value::Object(proto));
    (c, proto)
}

/// A getter-only accessor `name` on `proto` (enumerable, configurable, as
/// WebIDL attributes are).
pub fn getter(vm: &mut Vm, proto: ObjId, name: &str, f: NativeFn) {
    let key = vm.key(name);
    vm.define_accessor(proto, key, Some(f), None, Attrs(2 | 4));
}

/// A getter/setter accessor `name` on `proto`.
pub fn accessor(vm: &mut Vm, proto: ObjId, name: &str, get: NativeFn, set: NativeFn) {
    let key = vm.key(name);
    vm.define_accessor(proto, key, Some(get), Some(set), Attrs(2 | 4));
}

/// The prototypes of the classes made with `define_class`, by brand
/// (rooted through the host slab; reset with the host).
#[derive(Default)]
pub struct Protos {
    by_brand: HashMap<u8, ObjId>,
    /// Slab indices of original built-ins kept by name (`stash`).
    stashed: HashMap<&'static str, u32>,
}

/// Keeps `v` (e.g. the original `JSON.parse`) under `name`, rooted, so
/// that later changes to globals do not affect the runtime.
pub fn stash(vm: &mut Vm, name: &'static str, v: Value) {
    let i = crate::host::slab_insert(vm, v);
    with_host(|h| h.protos.stashed.insert(name, i));
}

/// The value stashed under `name` (undefined when none).
pub fn stashed(vm: &mut Vm, name: &'static str) -> Value {
    match with_host(|h| h.protos.stashed.get(name).copied()) {
        Some(i) => crate::host::slab_get(vm, i),
        None => Value::Undefined,
    }
}

/// Remembers `proto` as the prototype of `brand`'s instances.
pub fn register_proto(brand: Brand, proto: ObjId) {
    with_host(|h| h.protos.by_brand.insert(brand as u8, proto));
}

/// The prototype of `brand`'s instances (%Object.prototype% before the
/// class is installed).
pub fn proto_of(vm: &Vm, brand: Brand) -> ObjId {
    with_host(|h| h.protos.by_brand.get(&(brand as u8)).copied())
        .unwrap_or(vm.intrinsics().object_prototype)
}

/// A new instance of `brand`'s class (made by the runtime, not by `new`).
pub fn new_instance(vm: &mut Vm, brand: Brand) -> ObjId {
    let proto = proto_of(vm, brand);
    vm.new_object(Some(proto))
}

/// The object a constructor call creates: its prototype is
/// `new.target.prototype` when that is an object (subclassing), else the
/// class's own. Calling a class without `new` is a TypeError.
pub fn construct_this(vm: &mut Vm, a: &CallArgs, name: &str, brand: Brand) -> JsResult<ObjId> {
    let default = proto_of(vm, brand);
    let Some(nt) = a.new_target else {
        return Err(JsError::type_error(format!(
            "Class constructor {name} cannot be invoked without 'new'"
        )));
    };
    let key = vm.key("prototype");
    let proto = match vm.get_prop(nt, key)? {
        Value::Object(p) => p,
        _ => default,
    };
    Ok(vm.new_object(Some(proto)))
}

/// A constructor that always throws (`new ReadableStreamDefaultReader` is
/// allowed, but e.g. `new ReadableStreamDefaultController()` is not).
pub fn illegal_constructor(_vm: &mut Vm, _a: &CallArgs) -> JsResult<Value> {
    Err(JsError::type_error("Illegal constructor"))
}

/// `obj[name]` for an options dictionary member: undefined when `obj` is
/// undefined or null; a TypeError for other non-objects.
pub fn dict_member(vm: &mut Vm, dict: Value, name: &str) -> JsResult<Value> {
    match dict {
        Value::Undefined | Value::Null => Ok(Value::Undefined),
        Value::Object(o) => {
            let key = vm.key(name);
            vm.get_prop(o, key)
        }
        _ => Err(JsError::type_error(
            "The provided value is not of type 'object'",
        )),
    }
}

/// A string for JS from Rust text.
pub fn js_string(vm: &mut Vm, s: &str) -> Value {
    Value::String(vm.new_string(s))
}

/// WebIDL `DOMString` conversion (ToString; symbols throw).
pub fn to_rust_string(vm: &mut Vm, v: Value) -> JsResult<String> {
    let s = vm.to_string(v)?;
    Ok(vm.string_to_rust(s))
}

/// WebIDL `USVString` conversion: ToString, then lone surrogates become
/// U+FFFD (which `string_to_rust` does).
pub fn to_usv_string(vm: &mut Vm, v: Value) -> JsResult<String> {
    to_rust_string(vm, v)
}

/// Appends `v` to a host-made array (one read of `length`, one define).
pub fn array_push(vm: &mut Vm, arr: ObjId, v: Value) {
    let key = vm.key("length");
    let len = match vm.get_prop(arr, key) {
        Ok(Value::Number(n)) if n >= 0.0 && n < u32::MAX as f64 => n as u32,
        _ => 0,
    };
    vm.define_value(arr, PropertyKey::Index(len), v, Attrs::ALL);
}

/// Slots of a pair iterator's record (Headers and URLSearchParams
/// iterators): the object iterated, the kind (0 names, 1 values, 2
/// `[name, value]` arrays) and the position (infinity once done).
const PAIR_SOURCE: u32 = 1;
const PAIR_KIND: u32 = 2;
const PAIR_INDEX: u32 = 3;

/// A new pair iterator of `brand` over `source`, yielding `kind`.
pub fn new_pair_iterator(vm: &mut Vm, brand: Brand, source: Value, kind: f64) -> Value {
    let it = new_instance(vm, brand);
    let rec = attach(vm, it, brand, 3);
    set(vm, rec, PAIR_SOURCE, source);
    set(vm, rec, PAIR_KIND, Value::Number(kind));
    set(vm, rec, PAIR_INDEX, Value::Number(0.0));
    Value::Object(it)
}

/// The record and the iterated object of pair iterator `this` (TypeError
/// unless it has `brand`).
pub fn pair_iterator_source(vm: &mut Vm, this: Value, brand: Brand) -> JsResult<(ObjId, Value)> {
    let rec = require(vm, this, brand)?;
    Ok((rec, get(vm, rec, PAIR_SOURCE)))
}

/// One `next()` of the pair iterator with record `rec` over `pairs` (the
/// source's current list).
pub fn pair_iterator_step(vm: &mut Vm, rec: ObjId, pairs: &[(String, String)]) -> JsResult<Value> {
    let kind = get_number(vm, rec, PAIR_KIND);
    let index = get_number(vm, rec, PAIR_INDEX);
    let index_slot = PAIR_INDEX;
    let i = if index.is_finite() && index >= 0.0 {
        index as usize
    } else {
        usize::MAX
    };
    let Some((n, v)) = pairs.get(i) else {
        set(vm, rec, index_slot, Value::Number(f64::INFINITY));
        return Ok(crate::promises::iter_result(vm, Value::Undefined, true));
    };
    set(vm, rec, index_slot, Value::Number((i + 1) as f64));
    let value = if kind == 0.0 {
        js_string(vm, n)
    } else if kind == 1.0 {
        js_string(vm, v)
    } else {
        let n = js_string(vm, n);
        vm.push_root(n);
        let v = js_string(vm, v);
        vm.push_root(v);
        Value::Object(vm.new_array(&[n, v]))
    };
    Ok(crate::promises::iter_result(vm, value, false))
}
