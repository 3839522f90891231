//! Array.prototype methods that visit elements with a callback or search
//! for a value (ECMAScript 23.1.3): every, some, forEach, map, filter,
//! reduce, reduceRight, find, findIndex, findLast, findLastIndex, includes,
//! indexOf, lastIndexOf, at, flat, flatMap.
//!
//! Invariant: the receiver is converted (ToObject), its length read, and
//! the callback checked in the spec's order before any element is touched;
//! element values held across a callback are kept in rooted slots.

use crate::error::JsResult;
use crate::function::CallArgs;
use crate::value::{ObjId, Value};
use crate::vm::Vm;

use super::array::{
    array_species_create, callable_arg, callback_arg, create_index, get_index, length_of,
    present_index, this_object, too_long,
};
use super::support::{Slot, MAX_SAFE_INTEGER};

/// What an every/some/forEach-style loop does with each callback result.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    Every,
    Some,
    ForEach,
}

fn visit(vm: &mut Vm, args: &CallArgs, mode: Visit) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    let cb = callback_arg(vm, args.arg(0), args.arg(1))?;
    let slot = Slot::new(vm, Value::Undefined);
    for k in 0..len {
        let Some(kv) = present_index(vm, o, k)? else {
            continue;
        };
        slot.set(vm, kv);
        let r = cb.call(vm, &[kv, Value::Number(k as f64), Value::Object(o)])?;
        match mode {
            Visit::Every if !vm.to_boolean(r) => return Ok(Value::Boolean(false)),
            Visit::Some if vm.to_boolean(r) => return Ok(Value::Boolean(true)),
            _ => {}
        }
    }
    Ok(match mode {
        Visit::Every => Value::Boolean(true),
        Visit::Some => Value::Boolean(false),
        Visit::ForEach => Value::Undefined,
    })
}

/// Array.prototype.every (23.1.3.6).
pub fn every(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    visit(vm, args, Visit::Every)
}

/// Array.prototype.some (23.1.3.29).
pub fn some(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    visit(vm, args, Visit::Some)
}

/// Array.prototype.forEach (23.1.3.15).
pub fn for_each(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    visit(vm, args, Visit::ForEach)
}

/// Array.prototype.map (23.1.3.21).
pub fn map(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    let cb = callback_arg(vm, args.arg(0), args.arg(1))?;
    let a = array_species_create(vm, o, len)?;
    let slot = Slot::new(vm, Value::Undefined);
    for k in 0..len {
        let Some(kv) = present_index(vm, o, k)? else {
            continue;
        };
        slot.set(vm, kv);
        let mapped = cb.call(vm, &[kv, Value::Number(k as f64), Value::Object(o)])?;
        slot.set(vm, mapped);
        create_index(vm, a, k, mapped)?;
    }
    Ok(Value::Object(a))
}

/// Array.prototype.filter (23.1.3.8).
pub fn filter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    let cb = callback_arg(vm, args.arg(0), args.arg(1))?;
    let a = array_species_create(vm, o, 0)?;
    let slot = Slot::new(vm, Value::Undefined);
    let mut to = 0u64;
    for k in 0..len {
        let Some(kv) = present_index(vm, o, k)? else {
            continue;
        };
        slot.set(vm, kv);
        let r = cb.call(vm, &[kv, Value::Number(k as f64), Value::Object(o)])?;
        if vm.to_boolean(r) {
            create_index(vm, a, to, kv)?;
            to += 1;
        }
    }
    Ok(Value::Object(a))
}

fn reduce_impl(vm: &mut Vm, args: &CallArgs, right: bool) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    let cb = callback_arg(vm, args.arg(0), Value::Undefined)?;
    let has_initial = args.args.len() >= 2;
    if len == 0 && !has_initial {
        return Err(crate::error::JsError::type_error(
            "Reduce of empty array with no initial value",
        ));
    }
    // Indices visited in order: k runs 0..len, or len-1 down to 0.
    let index = |i: u64| if right { len - 1 - i } else { i };
    let mut i = 0u64;
    let acc = Slot::new(vm, Value::Undefined);
    if has_initial {
        acc.set(vm, args.arg(1));
    } else {
        let mut present = false;
        while !present && i < len {
            let k = index(i);
            if let Some(v) = present_index(vm, o, k)? {
                present = true;
                acc.set(vm, v);
            }
            i += 1;
        }
        if !present {
            return Err(crate::error::JsError::type_error(
                "Reduce of empty array with no initial value",
            ));
        }
    }
    let slot = Slot::new(vm, Value::Undefined);
    while i < len {
        let k = index(i);
        if let Some(kv) = present_index(vm, o, k)? {
            slot.set(vm, kv);
            let a = acc.get(vm);
            let r = cb.call(vm, &[a, kv, Value::Number(k as f64), Value::Object(o)])?;
            acc.set(vm, r);
        }
        i += 1;
    }
    Ok(acc.get(vm))
}

/// Array.prototype.reduce (23.1.3.24).
pub fn reduce(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    reduce_impl(vm, args, false)
}

/// Array.prototype.reduceRight (23.1.3.25).
pub fn reduce_right(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    reduce_impl(vm, args, true)
}

/// FindViaPredicate (23.1.3.12.1): `(index, value)` of the first match in
/// the given direction, or None.
fn find_via_predicate(
    vm: &mut Vm,
    args: &CallArgs,
    ascending: bool,
) -> JsResult<Option<(u64, Value)>> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    let pred = callback_arg(vm, args.arg(0), args.arg(1))?;
    let slot = Slot::new(vm, Value::Undefined);
    for i in 0..len {
        let k = if ascending { i } else { len - 1 - i };
        let kv = get_index(vm, o, k)?;
        slot.set(vm, kv);
        let r = pred.call(vm, &[kv, Value::Number(k as f64), Value::Object(o)])?;
        if vm.to_boolean(r) {
            return Ok(Some((k, kv)));
        }
    }
    Ok(None)
}

/// Array.prototype.find (23.1.3.9).
pub fn find(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(find_via_predicate(vm, args, true)?.map_or(Value::Undefined, |(_, v)| v))
}

/// Array.prototype.findIndex (23.1.3.10).
pub fn find_index(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Number(
        find_via_predicate(vm, args, true)?.map_or(-1.0, |(k, _)| k as f64),
    ))
}

/// Array.prototype.findLast (23.1.3.11).
pub fn find_last(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(find_via_predicate(vm, args, false)?.map_or(Value::Undefined, |(_, v)| v))
}

/// Array.prototype.findLastIndex (23.1.3.12).
pub fn find_last_index(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Number(
        find_via_predicate(vm, args, false)?.map_or(-1.0, |(k, _)| k as f64),
    ))
}

/// The start index of includes/indexOf from `fromIndex` (already known
/// that len > 0): None when the search is empty.
fn search_start(vm: &mut Vm, from: Value, len: u64) -> JsResult<Option<u64>> {
    let n = vm.to_integer_or_infinity(from)?;
    if n == f64::INFINITY {
        return Ok(None);
    }
    let n = if n == f64::NEG_INFINITY { 0.0 } else { n };
    let k = if n >= 0.0 {
        n
    } else {
        (len as f64 + n).max(0.0)
    };
    if k >= len as f64 {
        return Ok(None);
    }
    Ok(Some(k as u64))
}

/// Array.prototype.includes (23.1.3.16).
pub fn includes(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    if len == 0 {
        return Ok(Value::Boolean(false));
    }
    let Some(start) = search_start(vm, args.arg(1), len)? else {
        return Ok(Value::Boolean(false));
    };
    let target = args.arg(0);
    for k in start..len {
        let e = get_index(vm, o, k)?;
        if vm.same_value_zero(e, target) {
            return Ok(Value::Boolean(true));
        }
    }
    Ok(Value::Boolean(false))
}

/// Array.prototype.indexOf (23.1.3.17).
pub fn index_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    if len == 0 {
        return Ok(Value::Number(-1.0));
    }
    let Some(start) = search_start(vm, args.arg(1), len)? else {
        return Ok(Value::Number(-1.0));
    };
    let target = args.arg(0);
    for k in start..len {
        if let Some(e) = present_index(vm, o, k)? {
            if vm.strict_equals(e, target) {
                return Ok(Value::Number(k as f64));
            }
        }
    }
    Ok(Value::Number(-1.0))
}

/// Array.prototype.lastIndexOf (23.1.3.20).
pub fn last_index_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
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
    let mut k = k as u64;
    loop {
        if let Some(e) = present_index(vm, o, k)? {
            if vm.strict_equals(e, target) {
                return Ok(Value::Number(k as f64));
            }
        }
        if k == 0 {
            break;
        }
        k -= 1;
    }
    Ok(Value::Number(-1.0))
}

/// Array.prototype.at (23.1.3.1).
pub fn at(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)? as f64;
    let rel = vm.to_integer_or_infinity(args.arg(0))?;
    let k = if rel >= 0.0 { rel } else { len + rel };
    if k < 0.0 || k >= len {
        return Ok(Value::Undefined);
    }
    get_index(vm, o, k as u64)
}

/// One level of FlattenIntoArray's traversal.
struct FlattenFrame {
    source: ObjId,
    len: u64,
    index: u64,
    depth: f64,
}

/// FlattenIntoArray(target, source, sourceLen, 0, depth [, mapper,
/// thisArg]) (23.1.3.13.1), iteratively (nesting can be arbitrarily deep).
fn flatten_into_array(
    vm: &mut Vm,
    target: ObjId,
    source: ObjId,
    source_len: u64,
    depth: f64,
    mapper: Option<(Value, Value)>,
) -> JsResult<u64> {
    let mut target_index = 0u64;
    let mut stack = vec![FlattenFrame {
        source,
        len: source_len,
        index: 0,
        depth,
    }];
    let slot = Slot::new(vm, Value::Undefined);
    while let Some(top) = stack.last_mut() {
        if top.index >= top.len {
            stack.pop();
            continue;
        }
        let (src, idx, d) = (top.source, top.index, top.depth);
        top.index += 1;
        // Only the outermost level has a mapper (flatMap flattens one level).
        let is_outer = stack.len() == 1;
        let Some(mut element) = present_index(vm, src, idx)? else {
            continue;
        };
        slot.set(vm, element);
        if let (Some((f, this_arg)), true) = (mapper, is_outer) {
            element = vm.call(
                f,
                this_arg,
                &[element, Value::Number(idx as f64), Value::Object(src)],
            )?;
            slot.set(vm, element);
        }
        let should_flatten = d > 0.0 && vm.is_array(element)?;
        if should_flatten {
            let Value::Object(eo) = element else {
                continue;
            };
            vm.push_root(element);
            let elen = length_of(vm, eo)?;
            stack.push(FlattenFrame {
                source: eo,
                len: elen,
                index: 0,
                depth: if d == f64::INFINITY { d } else { d - 1.0 },
            });
        } else {
            if target_index as f64 >= MAX_SAFE_INTEGER {
                return Err(too_long());
            }
            create_index(vm, target, target_index, element)?;
            target_index += 1;
        }
    }
    Ok(target_index)
}

/// Array.prototype.flat (23.1.3.13).
pub fn flat(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    let mut depth = 1.0;
    if !args.arg(0).is_undefined() {
        depth = vm.to_integer_or_infinity(args.arg(0))?;
        if depth < 0.0 {
            depth = 0.0;
        }
    }
    let a = array_species_create(vm, o, 0)?;
    flatten_into_array(vm, a, o, len, depth, None)?;
    Ok(Value::Object(a))
}

/// Array.prototype.flatMap (23.1.3.14).
pub fn flat_map(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    let mapper = callable_arg(vm, args.arg(0))?;
    let a = array_species_create(vm, o, 0)?;
    flatten_into_array(vm, a, o, len, 1.0, Some((mapper, args.arg(1))))?;
    Ok(Value::Object(a))
}
