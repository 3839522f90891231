//! %TypedArray.prototype% (23.2.3): its setup, the `buffer` / `byteLength`
//! / `byteOffset` / `length` / `@@toStringTag` getters, the iterator methods
//! (`entries`, `keys`, `values` = `@@iterator`) and `at`.
//!
//! Invariant: the getters never throw for a TypedArray receiver: a
//! detached or out-of-bounds view reports 0 for its lengths and offset.

use crate::atom::atoms;
use crate::error::JsResult;
use crate::function::{CallArgs, NativeFn};
use crate::object::kind::ObjectKind;
use crate::property::Attrs;
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

use super::super::iterator::{ArrayIteratorData, IterKind};
use super::super::support::{current, index_key, intrinsics};
use super::{require_typed_array, validate, view_length};

pub(super) fn init_prototype(vm: &mut Vm, realm: RealmId, proto: ObjId) {
    let getters: &[(&str, NativeFn)] = &[
        ("buffer", get_buffer),
        ("byteLength", get_byte_length),
        ("byteOffset", get_byte_offset),
        ("length", get_length),
    ];
    for &(n, f) in getters {
        let key = vm.key(n);
        vm.define_accessor(proto, key, Some(f), None, Attrs::CONFIGURABLE_ONLY);
    }
    let tag = vm.symbols.to_string_tag;
    vm.define_accessor(
        proto,
        PropertyKey::Symbol(tag),
        Some(get_to_string_tag),
        None,
        Attrs::CONFIGURABLE_ONLY,
    );
    let methods: &[(&str, u32, NativeFn)] = &[
        ("at", 1, at),
        ("copyWithin", 2, super::transform::copy_within),
        ("entries", 0, entries),
        ("every", 1, super::methods::every),
        ("fill", 1, super::transform::fill),
        ("filter", 1, super::transform::filter),
        ("find", 1, super::methods::find),
        ("findIndex", 1, super::methods::find_index),
        ("findLast", 1, super::methods::find_last),
        ("findLastIndex", 1, super::methods::find_last_index),
        ("forEach", 1, super::methods::for_each),
        ("includes", 1, super::methods::includes),
        ("indexOf", 1, super::methods::index_of),
        ("join", 1, super::methods::join),
        ("keys", 0, keys),
        ("lastIndexOf", 1, super::methods::last_index_of),
        ("map", 1, super::transform::map),
        ("reduce", 1, super::methods::reduce),
        ("reduceRight", 1, super::methods::reduce_right),
        ("reverse", 0, super::transform::reverse),
        ("set", 1, super::transform::set),
        ("slice", 2, super::transform::slice),
        ("some", 1, super::methods::some),
        ("sort", 1, super::sort::sort),
        ("subarray", 2, super::transform::subarray),
        ("toLocaleString", 0, super::methods::to_locale_string),
        ("toReversed", 0, super::transform::to_reversed),
        ("toSorted", 1, super::sort::to_sorted),
        ("with", 2, super::transform::with),
    ];
    for &(n, len, f) in methods {
        vm.define_method(proto, n, len, f);
    }
    let values = vm.define_method(proto, "values", 0, values);
    let iter = vm.symbols.iterator;
    vm.define_value(
        proto,
        PropertyKey::Symbol(iter),
        Value::Object(values),
        Attrs::METHOD,
    );
    // 23.2.3.32: the same function object as Array.prototype.toString.
    let array_proto = intrinsics(vm, realm).array_prototype;
    let key = PropertyKey::Atom(atoms::TO_STRING);
    if let Some(p) = vm.own_prop(array_proto, key) {
        vm.define_value(proto, key, p.value, Attrs::METHOD);
    }
}

/// get %TypedArray%.prototype.buffer (23.2.3.2).
fn get_buffer(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (_, d) = require_typed_array(vm, args.this, "get TypedArray.prototype.buffer")?;
    Ok(Value::Object(d.buffer))
}

/// get %TypedArray%.prototype.byteLength (23.2.3.3): TypedArrayByteLength.
fn get_byte_length(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (_, d) = require_typed_array(vm, args.this, "get TypedArray.prototype.byteLength")?;
    let len = view_length(&vm.heap, &d).unwrap_or(0);
    Ok(Value::Number((len * d.ty.size()) as f64))
}

/// get %TypedArray%.prototype.byteOffset (23.2.3.4).
fn get_byte_offset(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (_, d) = require_typed_array(vm, args.this, "get TypedArray.prototype.byteOffset")?;
    let offset = match view_length(&vm.heap, &d) {
        Some(_) => d.byte_offset,
        None => 0,
    };
    Ok(Value::Number(offset as f64))
}

/// get %TypedArray%.prototype.length (23.2.3.21).
fn get_length(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (_, d) = require_typed_array(vm, args.this, "get TypedArray.prototype.length")?;
    let len = view_length(&vm.heap, &d).unwrap_or(0);
    Ok(Value::Number(len as f64))
}

/// get %TypedArray%.prototype [ @@toStringTag ] (23.2.3.38).
fn get_to_string_tag(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(o) = args.this.as_object() else {
        return Ok(Value::Undefined);
    };
    let Some(d) = super::ta_data(&vm.heap, o) else {
        return Ok(Value::Undefined);
    };
    let s = vm.new_string(d.ty.name());
    Ok(Value::String(s))
}

/// CreateArrayIterator(O, kind) after ValidateTypedArray.
fn iterator(vm: &mut Vm, args: &CallArgs, kind: IterKind, method: &str) -> JsResult<Value> {
    let (o, _) = validate(vm, args.this, method)?;
    let proto = current(vm).array_iterator_prototype;
    let it = vm.alloc_object(
        ObjectKind::ArrayIterator(ArrayIteratorData {
            iterated: Some(o),
            next_index: 0,
            kind,
        }),
        Some(proto),
    );
    Ok(Value::Object(it))
}

fn entries(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    iterator(vm, args, IterKind::Entries, "TypedArray.prototype.entries")
}

fn keys(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    iterator(vm, args, IterKind::Keys, "TypedArray.prototype.keys")
}

fn values(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    iterator(vm, args, IterKind::Values, "TypedArray.prototype.values")
}

/// %TypedArray%.prototype.at ( index ) (23.2.3.1).
fn at(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (o, len) = validate(vm, args.this, "TypedArray.prototype.at")?;
    let rel = vm.to_integer_or_infinity(args.arg(0))?;
    let k = if rel >= 0.0 { rel } else { len as f64 + rel };
    if k < 0.0 || k >= len as f64 {
        return Ok(Value::Undefined);
    }
    let key = index_key(vm, k as u64);
    vm.get_prop(o, key)
}
