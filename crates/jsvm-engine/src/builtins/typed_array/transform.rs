//! %TypedArray.prototype% methods that write elements or create new
//! TypedArrays (23.2.3): copyWithin, fill, filter, map, reverse, set, slice,
//! subarray, toReversed, with.
//!
//! Invariant: after anything that can run JS (argument conversions,
//! callbacks, species constructors) the view is re-validated from its
//! buffer before bytes are touched, as the spec's re-checks require; raw
//! byte copies always go through `bytes` / `bytes_mut`, which bound every
//! index by the buffer's current length.

use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::value::{ObjId, Value};
use crate::vm::Vm;

use super::super::array_buffer::{bytes, bytes_mut, try_copy};
use super::super::support::{relative_index, Slot};
use super::constructor::typed_array_create_same_type;
use super::methods::{callback, elem};
use super::{
    element_value_of, require_typed_array, set_element, ta_data, to_element_value,
    typed_array_species_create, valid_index, validate, validate_access, view_length, write_element,
    AccessMode,
};

fn out_of_memory() -> JsError {
    JsError::range_error("Out of memory in TypedArray.prototype.filter")
}

/// The re-validated length after JS ran (TypeError when now out of bounds).
fn revalidate(vm: &Vm, o: ObjId, method: &str) -> JsResult<usize> {
    ta_data(&vm.heap, o)
        .and_then(|d| view_length(&vm.heap, &d))
        .ok_or_else(|| super::out_of_bounds(method))
}

/// %TypedArray%.prototype.copyWithin ( target, start [ , end ] ) (23.2.3.6).
pub(super) fn copy_within(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    const M: &str = "TypedArray.prototype.copyWithin";
    let (o, len) = validate_access(vm, args.this, AccessMode::Write, M)?;
    let lf = len as f64;
    let to = relative_index(vm, args.arg(0), lf, 0.0)?;
    let from = relative_index(vm, args.arg(1), lf, 0.0)?;
    let fin = relative_index(vm, args.arg(2), lf, lf)?;
    let count = (fin - from).min(lf - to);
    if count > 0.0 {
        let len = revalidate(vm, o, M)?;
        let Some(d) = ta_data(&vm.heap, o) else {
            return Err(super::not_typed_array(M));
        };
        let size = d.ty.size();
        let offset = d.byte_offset;
        let limit = len * size + offset;
        let to_b = to as usize * size + offset;
        let from_b = from as usize * size + offset;
        let n = count as usize * size;
        // A buffer that shrank while the arguments were converted limits
        // the count to the elements both ranges still have (in either
        // direction); the copy itself is a memmove.
        let copy = limit.saturating_sub(from_b.max(to_b)).min(n);
        let buf = bytes_mut(&mut vm.heap, d.buffer);
        if copy > 0 && from_b.max(to_b) + copy <= buf.len() {
            buf.copy_within(from_b..from_b + copy, to_b);
        }
    }
    Ok(Value::Object(o))
}

/// %TypedArray%.prototype.fill ( value [ , start [ , end ] ] ) (23.2.3.9).
pub(super) fn fill(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    const M: &str = "TypedArray.prototype.fill";
    let (o, len) = validate_access(vm, args.this, AccessMode::Write, M)?;
    let ty = ta_data(&vm.heap, o).map_or(super::ElementType::Uint8, |d| d.ty);
    let n = to_element_value(vm, ty, args.arg(0))?;
    let lf = len as f64;
    let start = relative_index(vm, args.arg(1), lf, 0.0)?;
    let end = relative_index(vm, args.arg(2), lf, lf)?;
    let len = revalidate(vm, o, M)?;
    let end = (end as usize).min(len);
    let start = start as usize;
    if let (Some(d), true) = (ta_data(&vm.heap, o), start < end) {
        // Encode once, then repeat the element's bytes over the range.
        let size = d.ty.size();
        let mut pattern = [0u8; 8];
        d.ty.encode(n, &mut pattern);
        let range = d.byte_offset + start * size..d.byte_offset + end * size;
        if let Some(region) = bytes_mut(&mut vm.heap, d.buffer).get_mut(range) {
            for chunk in region.chunks_exact_mut(size) {
                chunk.copy_from_slice(&pattern[..size]);
            }
        }
    }
    Ok(Value::Object(o))
}

/// %TypedArray%.prototype.filter ( callbackfn [ , thisArg ] ) (23.2.3.10).
pub(super) fn filter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    const M: &str = "TypedArray.prototype.filter";
    let (o, len) = validate(vm, args.this, M)?;
    let f = callback(vm, args.arg(0), M)?;
    let this_arg = args.arg(1);
    let mut kept = Vec::new();
    for k in 0..len {
        let v = elem(vm, o, k);
        let r = vm.call(f, this_arg, &[v, Value::Number(k as f64), Value::Object(o)])?;
        if vm.to_boolean(r) {
            kept.try_reserve(1).map_err(|_| out_of_memory())?;
            kept.push(v);
        }
    }
    let captured = [Value::Number(kept.len() as f64)];
    let a = typed_array_species_create(vm, o, &captured, AccessMode::Write)?;
    vm.push_root(Value::Object(a));
    for (n, &v) in kept.iter().enumerate() {
        set_element(vm, a, n as f64, v)?;
    }
    Ok(Value::Object(a))
}

/// %TypedArray%.prototype.map ( callbackfn [ , thisArg ] ) (23.2.3.22).
pub(super) fn map(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    const M: &str = "TypedArray.prototype.map";
    let (o, len) = validate(vm, args.this, M)?;
    let f = callback(vm, args.arg(0), M)?;
    let this_arg = args.arg(1);
    let a = typed_array_species_create(vm, o, &[Value::Number(len as f64)], AccessMode::Write)?;
    vm.push_root(Value::Object(a));
    let mapped = Slot::new(vm, Value::Undefined);
    for k in 0..len {
        let v = elem(vm, o, k);
        let r = vm.call(f, this_arg, &[v, Value::Number(k as f64), Value::Object(o)])?;
        mapped.set(vm, r);
        let key = super::super::support::index_key(vm, k as u64);
        vm.set_prop(a, key, r, true)?;
    }
    Ok(Value::Object(a))
}

/// %TypedArray%.prototype.reverse ( ) (23.2.3.25).
pub(super) fn reverse(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    const M: &str = "TypedArray.prototype.reverse";
    let (o, len) = validate_access(vm, args.this, AccessMode::Write, M)?;
    if let Some(d) = ta_data(&vm.heap, o) {
        let size = d.ty.size();
        let start = d.byte_offset;
        let buf = bytes_mut(&mut vm.heap, d.buffer);
        if let Some(region) = buf.get_mut(start..start + len * size) {
            // Reverse the elements: reverse all bytes, then each element's
            // bytes back into order.
            region.reverse();
            for chunk in region.chunks_mut(size) {
                chunk.reverse();
            }
        }
    }
    Ok(Value::Object(o))
}

/// %TypedArray%.prototype.set ( source [ , offset ] ) (23.2.3.26).
pub(super) fn set(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    const M: &str = "TypedArray.prototype.set";
    let (target, td) = require_typed_array(vm, args.this, M)?;
    if super::super::array_buffer::is_immutable(&vm.heap, td.buffer) {
        return Err(super::immutable_buffer(M));
    }
    let offset = vm.to_integer_or_infinity(args.arg(1))?;
    if offset < 0.0 {
        return Err(JsError::range_error("offset is out of bounds"));
    }
    let source = args.arg(0);
    match source.as_object().and_then(|s| ta_data(&vm.heap, s)) {
        Some(_) => set_from_typed_array(vm, target, offset, source),
        None => set_from_array_like(vm, target, offset, source),
    }?;
    Ok(Value::Undefined)
}

/// SetTypedArrayFromTypedArray (23.2.3.26.1). No JS runs here.
fn set_from_typed_array(vm: &mut Vm, target: ObjId, offset: f64, source: Value) -> JsResult<()> {
    const M: &str = "TypedArray.prototype.set";
    let target_len = revalidate(vm, target, M)?;
    let (Some(td), Some(sd)) = (
        ta_data(&vm.heap, target),
        source.as_object().and_then(|s| ta_data(&vm.heap, s)),
    ) else {
        return Err(super::not_typed_array(M));
    };
    let Some(src_len) = view_length(&vm.heap, &sd) else {
        return Err(super::out_of_bounds(M));
    };
    if offset == f64::INFINITY || src_len as f64 + offset > target_len as f64 {
        return Err(JsError::range_error("offset is out of bounds"));
    }
    if sd.ty.is_bigint() != td.ty.is_bigint() {
        return Err(JsError::type_error(format!(
            "{M}: cannot mix BigInt and other types ({} into {})",
            sd.ty.name(),
            td.ty.name()
        )));
    }
    let offset = offset as usize;
    // Copy the source first: this also covers a source sharing the
    // target's buffer (the spec clones it).
    let src_start = sd.byte_offset;
    let src_range = src_start..src_start + src_len * sd.ty.size();
    let src_bytes = try_copy(bytes(&vm.heap, sd.buffer).get(src_range).unwrap_or(&[]))?;
    let t_size = td.ty.size();
    let t_start = td.byte_offset + offset * t_size;
    let dst = bytes_mut(&mut vm.heap, td.buffer);
    if sd.ty == td.ty {
        if let Some(d) = dst.get_mut(t_start..t_start + src_bytes.len()) {
            d.copy_from_slice(&src_bytes);
        }
    } else {
        for i in 0..src_len {
            if let Some(n) = sd.ty.read_raw(&src_bytes, i * sd.ty.size()) {
                td.ty.write(dst, t_start + i * t_size, n, true);
            }
        }
    }
    Ok(())
}

/// SetTypedArrayFromArrayLike (23.2.3.26.2).
fn set_from_array_like(vm: &mut Vm, target: ObjId, offset: f64, source: Value) -> JsResult<()> {
    const M: &str = "TypedArray.prototype.set";
    let target_len = revalidate(vm, target, M)?;
    let src = vm.to_object(source)?;
    vm.push_root(Value::Object(src));
    let src_len = vm.length_of_array_like(src)?;
    if offset == f64::INFINITY || src_len + offset > target_len as f64 {
        return Err(JsError::range_error("offset is out of bounds"));
    }
    for k in 0..src_len as u64 {
        let key = super::super::support::index_key(vm, k);
        let v = vm.get_prop(src, key)?;
        set_element(vm, target, offset + k as f64, v)?;
    }
    Ok(())
}

/// %TypedArray%.prototype.slice ( start, end ) (23.2.3.27).
pub(super) fn slice(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    const M: &str = "TypedArray.prototype.slice";
    let (o, len) = validate(vm, args.this, M)?;
    let lf = len as f64;
    let start = relative_index(vm, args.arg(0), lf, 0.0)?;
    let end = relative_index(vm, args.arg(1), lf, lf)?;
    let count = (end - start).max(0.0);
    let a = typed_array_species_create(vm, o, &[Value::Number(count)], AccessMode::Write)?;
    vm.push_root(Value::Object(a));
    if count > 0.0 {
        let len = revalidate(vm, o, M)?;
        let end = end.min(len as f64);
        let count = (end - start).max(0.0) as usize;
        let start = start as usize;
        let (Some(sd), Some(td)) = (ta_data(&vm.heap, o), ta_data(&vm.heap, a)) else {
            return Err(super::not_typed_array(M));
        };
        if sd.ty == td.ty {
            // Byte by byte, front to back (the buffers may be the same).
            let size = sd.ty.size();
            let mut src_i = start * size + sd.byte_offset;
            let mut dst_i = td.byte_offset;
            let end_i = dst_i + count * size;
            while dst_i < end_i {
                let b = bytes(&vm.heap, sd.buffer).get(src_i).copied();
                let dst = bytes_mut(&mut vm.heap, td.buffer);
                if let (Some(b), Some(slot)) = (b, dst.get_mut(dst_i)) {
                    *slot = b;
                }
                src_i += 1;
                dst_i += 1;
            }
        } else {
            for (n, k) in (start..start + count).enumerate() {
                let v = elem(vm, o, k);
                set_element(vm, a, n as f64, v)?;
            }
        }
    }
    Ok(Value::Object(a))
}

/// %TypedArray%.prototype.subarray ( start, end ) (23.2.3.30).
pub(super) fn subarray(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (o, d) = require_typed_array(vm, args.this, "TypedArray.prototype.subarray")?;
    let src_len = view_length(&vm.heap, &d).unwrap_or(0) as f64;
    let start = relative_index(vm, args.arg(0), src_len, 0.0)?;
    let begin = d.byte_offset as f64 + start * d.ty.size() as f64;
    let buffer = Value::Object(d.buffer);
    let end_arg = args.arg(1);
    let new_args = if d.length.is_none() && end_arg.is_undefined() {
        vec![buffer, Value::Number(begin)]
    } else {
        let end = relative_index(vm, end_arg, src_len, src_len)?;
        let new_len = (end - start).max(0.0);
        vec![buffer, Value::Number(begin), Value::Number(new_len)]
    };
    let a = typed_array_species_create(vm, o, &new_args, AccessMode::Read)?;
    Ok(Value::Object(a))
}

/// %TypedArray%.prototype.toReversed ( ) (23.2.3.33).
pub(super) fn to_reversed(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (o, len) = validate(vm, args.this, "TypedArray.prototype.toReversed")?;
    let a = typed_array_create_same_type(vm, o, len)?;
    if let Some(ad) = ta_data(&vm.heap, a) {
        for k in 0..len {
            let v = elem(vm, o, len - 1 - k);
            if !v.is_undefined() {
                let e = element_value_of(&vm.heap, v);
                write_element(&mut vm.heap, &ad, k, e);
            }
        }
    }
    Ok(Value::Object(a))
}

/// %TypedArray%.prototype.with ( index, value ) (23.2.3.36).
pub(super) fn with(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    const M: &str = "TypedArray.prototype.with";
    let (o, len) = validate(vm, args.this, M)?;
    let rel = vm.to_integer_or_infinity(args.arg(0))?;
    let actual = if rel >= 0.0 { rel } else { len as f64 + rel };
    let ty = ta_data(&vm.heap, o).map_or(super::ElementType::Uint8, |d| d.ty);
    let n = to_element_value(vm, ty, args.arg(1))?;
    let valid = ta_data(&vm.heap, o).and_then(|d| valid_index(&vm.heap, &d, actual));
    if valid.is_none() {
        return Err(JsError::range_error("Invalid typed array index"));
    }
    let a = typed_array_create_same_type(vm, o, len)?;
    if let Some(ad) = ta_data(&vm.heap, a) {
        for k in 0..len {
            let v = if k as f64 == actual {
                Some(n)
            } else {
                let v = elem(vm, o, k);
                (!v.is_undefined()).then(|| element_value_of(&vm.heap, v))
            };
            if let Some(v) = v {
                write_element(&mut vm.heap, &ad, k, v);
            }
        }
    }
    Ok(Value::Object(a))
}
