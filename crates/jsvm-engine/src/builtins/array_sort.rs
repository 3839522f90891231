//! Array.prototype.sort and toSorted (ECMAScript 23.1.3.30, 23.1.3.34):
//! SortIndexedProperties with the spec's SortCompare, as a stable merge
//! sort that tolerates a throwing or inconsistent comparator.
//!
//! Invariant: the receiver is read completely (skipping holes for `sort`)
//! before the first comparison and written only after the last, so an
//! abrupt comparator leaves it untouched; `undefined` values never reach the
//! comparator and sort last; every value being sorted stays rooted.

use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::interp::Callback;
use crate::value::{ObjId, Value};
use crate::vm::Vm;

use super::array::{
    array_create, create_index, delete_index, get_index, has_index, length_of, set_index,
    this_object,
};

fn check_comparator(vm: &Vm, cmp: Value) -> JsResult<()> {
    if cmp.is_undefined() || vm.is_callable(cmp) {
        Ok(())
    } else {
        Err(JsError::type_error(
            "The comparison function must be either a function or undefined",
        ))
    }
}

/// Array.prototype.sort(comparefn).
pub fn sort(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let cmp = args.arg(0);
    check_comparator(vm, cmp)?;
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    let sorted = sort_indexed_properties(vm, o, len, cmp, true)?;
    let count = sorted.len() as u64;
    for (j, &v) in sorted.iter().enumerate() {
        set_index(vm, o, j as u64, v)?;
    }
    // Holes were skipped: delete the tail to keep their number.
    let mut j = count;
    while j < len {
        delete_index(vm, o, j)?;
        j += 1;
    }
    Ok(Value::Object(o))
}

/// Array.prototype.toSorted(comparefn).
pub fn to_sorted(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let cmp = args.arg(0);
    check_comparator(vm, cmp)?;
    let o = this_object(vm, args)?;
    let len = length_of(vm, o)?;
    let a = array_create(vm, len, None)?;
    vm.push_root(Value::Object(a));
    let sorted = sort_indexed_properties(vm, o, len, cmp, false)?;
    for (j, &v) in sorted.iter().enumerate() {
        create_index(vm, a, j as u64, v)?;
    }
    Ok(Value::Object(a))
}

/// SortIndexedProperties(obj, len, SortCompare, holes) (23.1.3.30.1): reads
/// the elements (skipping holes when `skip_holes`), then sorts them. Every
/// returned value is rooted.
pub fn sort_indexed_properties(
    vm: &mut Vm,
    o: ObjId,
    len: u64,
    cmp: Value,
    skip_holes: bool,
) -> JsResult<Vec<Value>> {
    let mut items = Vec::new();
    for k in 0..len {
        if skip_holes && !has_index(vm, o, k)? {
            continue;
        }
        let v = get_index(vm, o, k)?;
        vm.push_root(v);
        items.push(v);
    }
    sort_values(vm, items, cmp)
}

/// Sorts rooted values with SortCompare (undefined last; `cmp` undefined
/// means comparing ToString results by code units).
pub fn sort_values(vm: &mut Vm, items: Vec<Value>, cmp: Value) -> JsResult<Vec<Value>> {
    let undefined_count = items.iter().filter(|v| v.is_undefined()).count();
    let mut defined: Vec<Value> = items.into_iter().filter(|v| !v.is_undefined()).collect();
    if cmp.is_undefined() {
        let mut keyed = Vec::with_capacity(defined.len());
        for &v in &defined {
            let units = match v {
                Value::String(s) => vm.string_units(s),
                _ => {
                    let s = vm.to_string(v)?;
                    vm.string_units(s)
                }
            };
            keyed.push((units, v));
        }
        // A stable sort by code units.
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        defined = keyed.into_iter().map(|(_, v)| v).collect();
    } else {
        let cmp = Callback::new(vm, cmp, Value::Undefined);
        merge_sort(vm, &mut defined, &cmp)?;
    }
    defined.resize(defined.len() + undefined_count, Value::Undefined);
    Ok(defined)
}

/// SortCompare with a user comparator: true when `y` must come before `x`
/// (the comparator's ToNumber result is > 0; NaN counts as 0).
fn greater(vm: &mut Vm, cmp: &Callback, x: Value, y: Value) -> JsResult<bool> {
    let r = cmp.call(vm, &[x, y])?;
    let n = vm.to_number(r)?;
    Ok(n > 0.0)
}

/// Runs shorter than this are insertion-sorted before merging.
const RUN: usize = 8;

/// A stable merge sort with a fallible comparator.
fn merge_sort(vm: &mut Vm, v: &mut [Value], cmp: &Callback) -> JsResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    // Insertion-sort runs of RUN elements (stable: move only past greater).
    let mut start = 0;
    while start < n {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start && greater(vm, cmp, v[j - 1], v[j])? {
                v.swap(j - 1, j);
                j -= 1;
            }
        }
        start = end;
    }
    let mut src: Vec<Value> = v.to_vec();
    let mut dst: Vec<Value> = vec![Value::Undefined; n];
    let mut width = RUN;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                if greater(vm, cmp, src[i], src[j])? {
                    dst[k] = src[j];
                    j += 1;
                } else {
                    dst[k] = src[i];
                    i += 1;
                }
                k += 1;
            }
            dst[k..k + (mid - i)].copy_from_slice(&src[i..mid]);
            k += mid - i;
            dst[k..k + (hi - j)].copy_from_slice(&src[j..hi]);
            lo = hi;
        }
        std::mem::swap(&mut src, &mut dst);
        width *= 2;
    }
    v.copy_from_slice(&src);
    Ok(())
}
