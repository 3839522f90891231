//! Array.prototype's setup and its mutating, copying and stringifying
//! methods (ECMAScript 23.1.3): concat, copyWithin, fill, join, pop, push,
//! reverse, shift, slice, splice, toLocaleString, toReversed, toSpliced,
//! toString, unshift, with, and the iterator-returning keys/values/entries.
//!
//! Invariant: lengths are integers in 0 ..= 2^53 - 1 (u64); a result that
//! would grow past that throws the spec's TypeError before anything is
//! written. join/toString/toLocaleString keep a per-thread stack of the
//! arrays being joined and render a cyclic reference as "" (as V8 does),
//! so `a = [1]; a.push(a); a.join()` terminates.

use std::cell::RefCell;

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::function::{CallArgs, NativeFn};
use crate::property::Attrs;
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

use super::array::{
    array_create, array_species_create, create_index, delete_index, get_index, has_index,
    length_of, set_index, set_length, this_object, too_long,
};
use super::array_iteration as it;
use super::iterator::{create_array_iterator, IterKind};
use super::support::{intrinsics_mut, relative_index, Slot, MAX_SAFE_INTEGER};

/// The longest string join will build (in UTF-16 code units), like V8's.
pub const MAX_STRING_LENGTH: usize = (1 << 29) - 24;

pub fn init_prototype(vm: &mut Vm, realm: RealmId, proto: ObjId) {
    let methods: &[(&str, u32, NativeFn)] = &[
        ("at", 1, it::at),
        ("concat", 1, concat),
        ("copyWithin", 2, copy_within),
        ("entries", 0, entries),
        ("every", 1, it::every),
        ("fill", 1, fill),
        ("filter", 1, it::filter),
        ("find", 1, it::find),
        ("findIndex", 1, it::find_index),
        ("findLast", 1, it::find_last),
        ("findLastIndex", 1, it::find_last_index),
        ("flat", 0, it::flat),
        ("flatMap", 1, it::flat_map),
        ("forEach", 1, it::for_each),
        ("includes", 1, it::includes),
        ("indexOf", 1, it::index_of),
        ("join", 1, join),
        ("keys", 0, keys),
        ("lastIndexOf", 1, it::last_index_of),
        ("map", 1, it::map),
        ("pop", 0, pop),
        ("push", 1, push),
        ("reduce", 1, it::reduce),
        ("reduceRight", 1, it::reduce_right),
        ("reverse", 0, reverse),
        ("shift", 0, shift),
        ("slice", 2, slice),
        ("some", 1, it::some),
        ("sort", 1, super::array_sort::sort),
        ("splice", 2, splice),
        ("toLocaleString", 0, to_locale_string),
        ("toReversed", 0, to_reversed),
        ("toSorted", 1, super::array_sort::to_sorted),
        ("toSpliced", 2, to_spliced),
        ("unshift", 1, unshift),
        ("with", 2, with),
    ];
    for &(name, len, f) in methods {
        vm.define_method(proto, name, len, f);
    }
    // toString falls back to the realm's %Object.prototype.toString%, which
    // the object built-ins defined before us; keep it in a native slot.
    let object_proto = super::support::intrinsics(vm, realm).object_prototype;
    let obj_to_string = match vm.get_own_property(object_proto, PropertyKey::Atom(atoms::TO_STRING))
    {
        Ok(Some(d)) => d.value.unwrap_or(Value::Undefined),
        _ => Value::Undefined,
    };
    let name = PropertyKey::Atom(atoms::TO_STRING);
    let to_string_fn = vm.new_native_closure(name, 0, to_string, &[obj_to_string]);
    vm.define_value(proto, name, Value::Object(to_string_fn), Attrs::METHOD);

    let values_fn = vm.define_method(proto, "values", 0, values);
    let iter = vm.symbols.iterator;
    vm.define_value(
        proto,
        PropertyKey::Symbol(iter),
        Value::Object(values_fn),
        Attrs::METHOD,
    );
    intrinsics_mut(vm, realm).array_prototype_values = values_fn;
}

/// Array.prototype.keys (23.1.3.19).
fn keys(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    Ok(Value::Object(create_array_iterator(vm, o, IterKind::Keys)))
}

/// Array.prototype.values (23.1.3.37).
fn values(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    Ok(Value::Object(create_array_iterator(
        vm,
        o,
        IterKind::Values,
    )))
}

/// Array.prototype.entries (23.1.3.5).
fn entries(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    Ok(Value::Object(create_array_iterator(
        vm,
        o,
        IterKind::Entries,
    )))
}

/// IsConcatSpreadable(O) (23.1.3.2.1).
fn is_concat_spreadable(vm: &mut Vm, v: Value) -> JsResult<bool> {
    let Value::Object(o) = v else {
        return Ok(false);
    };
    let sym = vm.symbols.is_concat_spreadable;
    let spreadable = vm.get_prop(o, PropertyKey::Symbol(sym))?;
    if !spreadable.is_undefined() {
        return Ok(vm.to_boolean(spreadable));
    }
    vm.is_array(v)
}

/// Array.prototype.concat (23.1.3.2).
fn concat(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let a = array_species_create(vm, o, 0)?;
    let mut n = 0u64;
    let slot = Slot::new(vm, Value::Undefined);
    let items = std::iter::once(Value::Object(o)).chain(args.args.iter().copied());
    for e in items {
        if is_concat_spreadable(vm, e)? {
            let Value::Object(eo) = e else { continue };
            let len = length_of(vm, eo)?;
            if (n + len) as f64 > MAX_SAFE_INTEGER {
                return Err(too_long());
            }
            for k in 0..len {
                if has_index(vm, eo, k)? {
                    let v = get_index(vm, eo, k)?;
                    slot.set(vm, v);
                    create_index(vm, a, n, v)?;
                }
                n += 1;
            }
        } else {
            if n as f64 >= MAX_SAFE_INTEGER {
                return Err(too_long());
            }
            create_index(vm, a, n, e)?;
            n += 1;
        }
    }
    set_length(vm, a, n)?;
    Ok(Value::Object(a))
}

/// Array.prototype.copyWithin (23.1.3.4).
fn copy_within(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)? as f64;
    let to = relative_index(vm, args.arg(0), len, 0.0)?;
    let from = relative_index(vm, args.arg(1), len, 0.0)?;
    let fin = relative_index(vm, args.arg(2), len, len)?;
    let mut count = (fin - from).min(len - to);
    let (mut from, mut to) = (from, to);
    let dir = if from < to && to < from + count {
        from = from + count - 1.0;
        to = to + count - 1.0;
        -1.0
    } else {
        1.0
    };
    let slot = Slot::new(vm, Value::Undefined);
    while count > 0.0 {
        if has_index(vm, o, from as u64)? {
            let v = get_index(vm, o, from as u64)?;
            slot.set(vm, v);
            set_index(vm, o, to as u64, v)?;
        } else {
            delete_index(vm, o, to as u64)?;
        }
        from += dir;
        to += dir;
        count -= 1.0;
    }
    Ok(Value::Object(o))
}

/// Array.prototype.fill (23.1.3.7).
fn fill(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)? as f64;
    let k = relative_index(vm, args.arg(1), len, 0.0)?;
    let fin = relative_index(vm, args.arg(2), len, len)?;
    let value = args.arg(0);
    let mut k = k as u64;
    while (k as f64) < fin {
        set_index(vm, o, k, value)?;
        k += 1;
    }
    Ok(Value::Object(o))
}

thread_local! {
    /// Arrays whose join is in progress (cycle detection).
    static JOIN_STACK: RefCell<Vec<ObjId>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with `o` on the join stack; returns `None` (render as "") when
/// `o` is already being joined.
fn with_join_guard<T>(
    vm: &mut Vm,
    o: ObjId,
    f: impl FnOnce(&mut Vm) -> JsResult<T>,
) -> JsResult<Option<T>> {
    let cyclic = JOIN_STACK.with(|s| s.borrow().contains(&o));
    if cyclic {
        return Ok(None);
    }
    JOIN_STACK.with(|s| s.borrow_mut().push(o));
    let r = f(vm);
    JOIN_STACK.with(|s| {
        let mut s = s.borrow_mut();
        if let Some(pos) = s.iter().rposition(|&x| x == o) {
            s.truncate(pos);
        }
    });
    r.map(Some)
}

fn string_too_long() -> JsError {
    JsError::range_error("Invalid string length")
}

/// Array.prototype.join (23.1.3.18).
fn join(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    let sep = if args.arg(0).is_undefined() {
        None
    } else {
        let s = vm.to_string(args.arg(0))?;
        vm.push_root(Value::String(s));
        Some(s)
    };
    let sep_len = sep.map_or(1, |s| vm.string_len(s));
    if len > 1 && (len - 1).saturating_mul(sep_len as u64) > MAX_STRING_LENGTH as u64 {
        return Err(string_too_long());
    }
    let r = with_join_guard(vm, o, |vm| {
        let mut out = crate::string::StrBuilder::new();
        for k in 0..len {
            if k > 0 {
                match sep {
                    Some(s) => out.push_view(vm.heap.str(s)),
                    None => out.push_unit(b',' as u16),
                }
            }
            let e = get_index(vm, o, k)?;
            if !e.is_nullish() {
                let s = vm.to_string(e)?;
                vm.push_string(&mut out, s);
            }
            if out.len() > MAX_STRING_LENGTH {
                return Err(string_too_long());
            }
        }
        Ok(out)
    })?;
    Ok(Value::String(vm.new_string_built(r.unwrap_or_default())))
}

/// Array.prototype.toString (23.1.3.36).
fn to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let f = vm.get_prop(o, PropertyKey::Atom(atoms::JOIN))?;
    let f = if vm.is_callable(f) {
        f
    } else {
        vm.native_slot(args.callee, 0)
    };
    vm.call(f, Value::Object(o), &[])
}

/// Array.prototype.toLocaleString (23.1.3.32); the separator is ",".
fn to_locale_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    let r = with_join_guard(vm, o, |vm| {
        let mut out: Vec<u16> = Vec::new();
        let key = vm.key("toLocaleString");
        for k in 0..len {
            if k > 0 {
                out.push(b',' as u16);
            }
            let e = get_index(vm, o, k)?;
            if !e.is_nullish() {
                vm.push_root(e);
                let r = vm.invoke(e, key, &[])?;
                let s = vm.to_string(r)?;
                out.extend(vm.string_units(s));
            }
            if out.len() > MAX_STRING_LENGTH {
                return Err(string_too_long());
            }
        }
        Ok(out)
    })?;
    let units = r.unwrap_or_default();
    Ok(Value::String(vm.new_string_utf16(&units)))
}

/// Array.prototype.pop (23.1.3.22).
fn pop(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    if len == 0 {
        set_length(vm, o, 0)?;
        return Ok(Value::Undefined);
    }
    if let Some(v) = super::array_fast::pop(vm, o) {
        return Ok(v);
    }
    let new_len = len - 1;
    let e = get_index(vm, o, new_len)?;
    vm.push_root(e);
    delete_index(vm, o, new_len)?;
    set_length(vm, o, new_len)?;
    Ok(e)
}

/// Array.prototype.push (23.1.3.23).
fn push(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let mut len = length_of(vm, o)?;
    if (len + args.args.len() as u64) as f64 > MAX_SAFE_INTEGER {
        return Err(too_long());
    }
    if let Some(n) = super::array_fast::push(vm, o, args.args) {
        return Ok(Value::Number(n as f64));
    }
    for &e in args.args {
        set_index(vm, o, len, e)?;
        len += 1;
    }
    set_length(vm, o, len)?;
    Ok(Value::Number(len as f64))
}

/// Array.prototype.reverse (23.1.3.26).
fn reverse(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    if super::array_fast::reverse(vm, o) {
        return Ok(Value::Object(o));
    }
    let middle = len / 2;
    let lower_slot = Slot::new(vm, Value::Undefined);
    let upper_slot = Slot::new(vm, Value::Undefined);
    let mut lower = 0u64;
    while lower != middle {
        let upper = len - lower - 1;
        let lower_exists = has_index(vm, o, lower)?;
        if lower_exists {
            let v = get_index(vm, o, lower)?;
            lower_slot.set(vm, v);
        }
        let upper_exists = has_index(vm, o, upper)?;
        if upper_exists {
            let v = get_index(vm, o, upper)?;
            upper_slot.set(vm, v);
        }
        let (lv, uv) = (lower_slot.get(vm), upper_slot.get(vm));
        match (lower_exists, upper_exists) {
            (true, true) => {
                set_index(vm, o, lower, uv)?;
                set_index(vm, o, upper, lv)?;
            }
            (false, true) => {
                set_index(vm, o, lower, uv)?;
                delete_index(vm, o, upper)?;
            }
            (true, false) => {
                delete_index(vm, o, lower)?;
                set_index(vm, o, upper, lv)?;
            }
            (false, false) => {}
        }
        lower += 1;
    }
    Ok(Value::Object(o))
}

/// Array.prototype.shift (23.1.3.27).
fn shift(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    if len == 0 {
        set_length(vm, o, 0)?;
        return Ok(Value::Undefined);
    }
    if let Some(v) = super::array_fast::shift(vm, o) {
        return Ok(v);
    }
    let first = get_index(vm, o, 0)?;
    vm.push_root(first);
    let slot = Slot::new(vm, Value::Undefined);
    for k in 1..len {
        if has_index(vm, o, k)? {
            let v = get_index(vm, o, k)?;
            slot.set(vm, v);
            set_index(vm, o, k - 1, v)?;
        } else {
            delete_index(vm, o, k - 1)?;
        }
    }
    delete_index(vm, o, len - 1)?;
    set_length(vm, o, len - 1)?;
    Ok(first)
}

/// Array.prototype.unshift (23.1.3.38).
fn unshift(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    let count = args.args.len() as u64;
    if count > 0 {
        if (len + count) as f64 > MAX_SAFE_INTEGER {
            return Err(too_long());
        }
        if let Some(n) = super::array_fast::unshift(vm, o, args.args) {
            return Ok(Value::Number(n as f64));
        }
        let slot = Slot::new(vm, Value::Undefined);
        let mut k = len;
        while k > 0 {
            let from = k - 1;
            let to = k + count - 1;
            if has_index(vm, o, from)? {
                let v = get_index(vm, o, from)?;
                slot.set(vm, v);
                set_index(vm, o, to, v)?;
            } else {
                delete_index(vm, o, to)?;
            }
            k -= 1;
        }
        for (j, &e) in args.args.iter().enumerate() {
            set_index(vm, o, j as u64, e)?;
        }
    }
    set_length(vm, o, len + count)?;
    Ok(Value::Number((len + count) as f64))
}

/// Array.prototype.slice (23.1.3.28).
fn slice(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)? as f64;
    let k = relative_index(vm, args.arg(0), len, 0.0)?;
    let fin = relative_index(vm, args.arg(1), len, len)?;
    let count = (fin - k).max(0.0);
    let a = array_species_create(vm, o, count as u64)?;
    let slot = Slot::new(vm, Value::Undefined);
    let (mut k, fin) = (k as u64, fin as u64);
    let mut n = 0u64;
    while k < fin {
        if has_index(vm, o, k)? {
            let v = get_index(vm, o, k)?;
            slot.set(vm, v);
            create_index(vm, a, n, v)?;
        }
        k += 1;
        n += 1;
    }
    set_length(vm, a, n)?;
    Ok(Value::Object(a))
}

/// The `(actualStart, actualSkipCount)` of splice/toSpliced.
fn splice_bounds(vm: &mut Vm, args: &CallArgs, len: f64) -> JsResult<(u64, u64)> {
    let start = relative_index(vm, args.arg(0), len, 0.0)?;
    let skip = match args.args.len() {
        0 => 0.0,
        1 => len - start,
        _ => {
            let dc = vm.to_integer_or_infinity(args.arg(1))?;
            dc.max(0.0).min(len - start)
        }
    };
    Ok((start as u64, skip as u64))
}

/// Array.prototype.splice (23.1.3.31).
fn splice(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    let (start, skip) = splice_bounds(vm, args, len as f64)?;
    let items = args.rest(2);
    let item_count = items.len() as u64;
    if (len + item_count - skip) as f64 > MAX_SAFE_INTEGER {
        return Err(too_long());
    }
    let a = array_species_create(vm, o, skip)?;
    let slot = Slot::new(vm, Value::Undefined);
    for k in 0..skip {
        let from = start + k;
        if has_index(vm, o, from)? {
            let v = get_index(vm, o, from)?;
            slot.set(vm, v);
            create_index(vm, a, k, v)?;
        }
    }
    set_length(vm, a, skip)?;
    if super::array_fast::splice_tail(vm, o, len, start, skip, items) {
        return Ok(Value::Object(a));
    }
    if item_count < skip {
        for k in start..(len - skip) {
            let from = k + skip;
            let to = k + item_count;
            if has_index(vm, o, from)? {
                let v = get_index(vm, o, from)?;
                slot.set(vm, v);
                set_index(vm, o, to, v)?;
            } else {
                delete_index(vm, o, to)?;
            }
        }
        let mut k = len;
        while k > len - skip + item_count {
            delete_index(vm, o, k - 1)?;
            k -= 1;
        }
    } else if item_count > skip {
        let mut k = len - skip;
        while k > start {
            let from = k + skip - 1;
            let to = k + item_count - 1;
            if has_index(vm, o, from)? {
                let v = get_index(vm, o, from)?;
                slot.set(vm, v);
                set_index(vm, o, to, v)?;
            } else {
                delete_index(vm, o, to)?;
            }
            k -= 1;
        }
    }
    for (i, &e) in items.iter().enumerate() {
        set_index(vm, o, start + i as u64, e)?;
    }
    set_length(vm, o, len - skip + item_count)?;
    Ok(Value::Object(a))
}

/// Array.prototype.toReversed (23.1.3.33).
fn to_reversed(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    let a = array_create(vm, len, None)?;
    vm.push_root(Value::Object(a));
    for k in 0..len {
        let v = get_index(vm, o, len - k - 1)?;
        create_index(vm, a, k, v)?;
    }
    Ok(Value::Object(a))
}

/// Array.prototype.toSpliced (23.1.3.35).
fn to_spliced(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    let (start, skip) = splice_bounds(vm, args, len as f64)?;
    let items = args.rest(2);
    let new_len = len + items.len() as u64 - skip;
    if new_len as f64 > MAX_SAFE_INTEGER {
        return Err(too_long());
    }
    let a = array_create(vm, new_len, None)?;
    vm.push_root(Value::Object(a));
    let mut i = 0u64;
    let mut r = start + skip;
    while i < start {
        let v = get_index(vm, o, i)?;
        create_index(vm, a, i, v)?;
        i += 1;
    }
    for &e in items {
        create_index(vm, a, i, e)?;
        i += 1;
    }
    while i < new_len {
        let v = get_index(vm, o, r)?;
        create_index(vm, a, i, v)?;
        i += 1;
        r += 1;
    }
    Ok(Value::Object(a))
}

/// Array.prototype.with (23.1.3.39).
fn with(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    let rel = vm.to_integer_or_infinity(args.arg(0))?;
    let actual = if rel >= 0.0 { rel } else { len as f64 + rel };
    if actual >= len as f64 || actual < 0.0 {
        return Err(JsError::range_error("Invalid index"));
    }
    let actual = actual as u64;
    let a = array_create(vm, len, None)?;
    vm.push_root(Value::Object(a));
    let value = args.arg(1);
    for k in 0..len {
        let v = if k == actual {
            value
        } else {
            get_index(vm, o, k)?
        };
        create_index(vm, a, k, v)?;
    }
    Ok(Value::Object(a))
}
