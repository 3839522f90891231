//! %TypedArray.prototype% methods that visit elements without producing a
//! new TypedArray (23.2.3): every, some, forEach, find, findIndex,
//! findLast, findLastIndex, includes, indexOf, lastIndexOf, join, reduce,
//! reduceRight, toLocaleString.
//!
//! Invariant: the length is taken once, from ValidateTypedArray, as the spec
//! does; elements are then read with [[Get]] semantics (undefined once a
//! callback has detached or shrunk the buffer), and `indexOf` /
//! `lastIndexOf` skip indices that are no longer present.

use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::value::{ObjId, Value};
use crate::vm::Vm;

use super::{get_element, ta_data, valid_index, validate};

/// Get(O, ! ToString(𝔽(k))) on a TypedArray.
#[inline]
pub(super) fn elem(vm: &Vm, o: ObjId, k: usize) -> Value {
    get_element(&vm.heap, o, k as f64)
}

/// HasProperty(O, ! ToString(𝔽(k))) on a TypedArray.
fn has(vm: &Vm, o: ObjId, k: usize) -> bool {
    ta_data(&vm.heap, o).is_some_and(|d| valid_index(&vm.heap, &d, k as f64).is_some())
}

/// The callback argument: a TypeError unless callable.
pub(super) fn callback(vm: &Vm, v: Value, method: &str) -> JsResult<Value> {
    if vm.is_callable(v) {
        Ok(v)
    } else {
        Err(JsError::type_error(format!(
            "{method}: {} is not a function",
            vm.display_value(v)
        )))
    }
}

/// Calls `f(value, k, O)` with thisArg.
fn call3(vm: &mut Vm, f: Value, this_arg: Value, v: Value, k: usize, o: ObjId) -> JsResult<Value> {
    vm.call(f, this_arg, &[v, Value::Number(k as f64), Value::Object(o)])
}

/// The shared loop of every / some / find / findIndex / findLast /
/// findLastIndex / forEach: visits indices in order (or reverse), calling
/// the predicate, and stops at the first result `stop` accepts, returning
/// (index, value).
fn scan(
    vm: &mut Vm,
    args: &CallArgs,
    method: &str,
    reverse: bool,
    stop: impl Fn(bool) -> bool,
) -> JsResult<(ObjId, Option<(usize, Value)>)> {
    let (o, len) = validate(vm, args.this, method)?;
    let f = callback(vm, args.arg(0), method)?;
    let this_arg = args.arg(1);
    for j in 0..len {
        let k = if reverse { len - 1 - j } else { j };
        let v = elem(vm, o, k);
        let r = call3(vm, f, this_arg, v, k, o)?;
        if stop(vm.to_boolean(r)) {
            return Ok((o, Some((k, v))));
        }
    }
    Ok((o, None))
}

/// %TypedArray%.prototype.every (23.2.3.7).
pub(super) fn every(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (_, hit) = scan(vm, args, "TypedArray.prototype.every", false, |b| !b)?;
    Ok(Value::Boolean(hit.is_none()))
}

/// %TypedArray%.prototype.some (23.2.3.28).
pub(super) fn some(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (_, hit) = scan(vm, args, "TypedArray.prototype.some", false, |b| b)?;
    Ok(Value::Boolean(hit.is_some()))
}

/// %TypedArray%.prototype.forEach (23.2.3.15).
pub(super) fn for_each(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    scan(vm, args, "TypedArray.prototype.forEach", false, |_| false)?;
    Ok(Value::Undefined)
}

/// %TypedArray%.prototype.find (23.2.3.11).
pub(super) fn find(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (_, hit) = scan(vm, args, "TypedArray.prototype.find", false, |b| b)?;
    Ok(hit.map_or(Value::Undefined, |(_, v)| v))
}

/// %TypedArray%.prototype.findIndex (23.2.3.12).
pub(super) fn find_index(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (_, hit) = scan(vm, args, "TypedArray.prototype.findIndex", false, |b| b)?;
    Ok(Value::Number(hit.map_or(-1.0, |(k, _)| k as f64)))
}

/// %TypedArray%.prototype.findLast (23.2.3.13).
pub(super) fn find_last(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (_, hit) = scan(vm, args, "TypedArray.prototype.findLast", true, |b| b)?;
    Ok(hit.map_or(Value::Undefined, |(_, v)| v))
}

/// %TypedArray%.prototype.findLastIndex (23.2.3.14).
pub(super) fn find_last_index(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (_, hit) = scan(vm, args, "TypedArray.prototype.findLastIndex", true, |b| b)?;
    Ok(Value::Number(hit.map_or(-1.0, |(k, _)| k as f64)))
}

/// The start index of includes / indexOf from `fromIndex` (None: nothing
/// to search).
fn start_index(vm: &mut Vm, from: Value, len: usize) -> JsResult<Option<usize>> {
    let n = vm.to_integer_or_infinity(from)?;
    if n == f64::INFINITY {
        return Ok(None);
    }
    let k = if n >= 0.0 {
        n
    } else {
        (len as f64 + n).max(0.0)
    };
    Ok((k < len as f64).then_some(k as usize))
}

/// %TypedArray%.prototype.includes (23.2.3.16).
pub(super) fn includes(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (o, len) = validate(vm, args.this, "TypedArray.prototype.includes")?;
    if len == 0 {
        return Ok(Value::Boolean(false));
    }
    let Some(start) = start_index(vm, args.arg(1), len)? else {
        return Ok(Value::Boolean(false));
    };
    let target = args.arg(0);
    for k in start..len {
        if vm.same_value_zero(target, elem(vm, o, k)) {
            return Ok(Value::Boolean(true));
        }
    }
    Ok(Value::Boolean(false))
}

/// %TypedArray%.prototype.indexOf (23.2.3.17).
pub(super) fn index_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (o, len) = validate(vm, args.this, "TypedArray.prototype.indexOf")?;
    if len == 0 {
        return Ok(Value::Number(-1.0));
    }
    let Some(start) = start_index(vm, args.arg(1), len)? else {
        return Ok(Value::Number(-1.0));
    };
    let target = args.arg(0);
    for k in start..len {
        if has(vm, o, k) && vm.strict_equals(target, elem(vm, o, k)) {
            return Ok(Value::Number(k as f64));
        }
    }
    Ok(Value::Number(-1.0))
}

/// %TypedArray%.prototype.lastIndexOf (23.2.3.20).
pub(super) fn last_index_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (o, len) = validate(vm, args.this, "TypedArray.prototype.lastIndexOf")?;
    if len == 0 {
        return Ok(Value::Number(-1.0));
    }
    let n = if args.args.len() > 1 {
        vm.to_integer_or_infinity(args.arg(1))?
    } else {
        len as f64 - 1.0
    };
    if n == f64::NEG_INFINITY {
        return Ok(Value::Number(-1.0));
    }
    let k = if n >= 0.0 {
        n.min(len as f64 - 1.0)
    } else {
        len as f64 + n
    };
    if k < 0.0 {
        return Ok(Value::Number(-1.0));
    }
    let target = args.arg(0);
    for k in (0..=k as usize).rev() {
        if has(vm, o, k) && vm.strict_equals(target, elem(vm, o, k)) {
            return Ok(Value::Number(k as f64));
        }
    }
    Ok(Value::Number(-1.0))
}

/// %TypedArray%.prototype.join (23.2.3.18).
pub(super) fn join(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (o, len) = validate(vm, args.this, "TypedArray.prototype.join")?;
    let sep: Vec<u16> = match args.arg(0) {
        Value::Undefined => vec![b',' as u16],
        v => {
            let s = vm.to_string(v)?;
            vm.string_units(s)
        }
    };
    let mut out: Vec<u16> = Vec::new();
    for k in 0..len {
        if k > 0 {
            out.extend_from_slice(&sep);
        }
        match elem(vm, o, k) {
            Value::Number(n) => out.extend(crate::num::number_to_string(n).encode_utf16()),
            Value::BigInt(b) => out.extend(vm.bigint_to_rust_string(b).encode_utf16()),
            _ => {}
        }
        if out.len() > crate::builtins::array_methods::MAX_STRING_LENGTH {
            return Err(JsError::range_error("Invalid string length"));
        }
    }
    Ok(Value::String(vm.new_string_utf16(&out)))
}

/// %TypedArray%.prototype.reduce (23.2.3.23) and reduceRight (23.2.3.24).
fn reduce_impl(vm: &mut Vm, args: &CallArgs, right: bool) -> JsResult<Value> {
    let method = if right {
        "TypedArray.prototype.reduceRight"
    } else {
        "TypedArray.prototype.reduce"
    };
    let (o, len) = validate(vm, args.this, method)?;
    let f = callback(vm, args.arg(0), method)?;
    let order = |j: usize| if right { len - 1 - j } else { j };
    let mut j = 0;
    let mut acc = if args.args.len() > 1 {
        args.arg(1)
    } else {
        if len == 0 {
            return Err(JsError::type_error(format!(
                "{method} of empty array with no initial value"
            )));
        }
        j = 1;
        elem(vm, o, order(0))
    };
    let slot = super::super::support::Slot::new(vm, acc);
    while j < len {
        let k = order(j);
        let v = elem(vm, o, k);
        acc = vm.call(
            f,
            Value::Undefined,
            &[acc, v, Value::Number(k as f64), Value::Object(o)],
        )?;
        slot.set(vm, acc);
        j += 1;
    }
    Ok(acc)
}

pub(super) fn reduce(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    reduce_impl(vm, args, false)
}

pub(super) fn reduce_right(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    reduce_impl(vm, args, true)
}

/// %TypedArray%.prototype.toLocaleString (23.2.3.31): Array.prototype.
/// toLocaleString's algorithm over the validated length.
pub(super) fn to_locale_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (o, len) = validate(vm, args.this, "TypedArray.prototype.toLocaleString")?;
    let mut out: Vec<u16> = Vec::new();
    let key = vm.key("toLocaleString");
    for k in 0..len {
        if k > 0 {
            out.push(b',' as u16);
        }
        let v = elem(vm, o, k);
        if !v.is_nullish() {
            let r = vm.invoke(v, key, &[])?;
            let s = vm.to_string(r)?;
            out.extend(vm.string_units(s));
        }
        if out.len() > crate::builtins::array_methods::MAX_STRING_LENGTH {
            return Err(JsError::range_error("Invalid string length"));
        }
    }
    Ok(Value::String(vm.new_string_utf16(&out)))
}
