//! Fast paths for Array.prototype methods on plain dense arrays, used only
//! where the spec's sequence of [[Get]]/[[Set]]/[[Delete]] calls could not
//! be observed: a fast path produces exactly the state the generic
//! algorithm would, without running any JavaScript.
//!
//! Invariant: a fast path applies only to an Array exotic object whose
//! `length` is writable, whose elements are all in the dense vector (no
//! sparse map, so every element is a writable, enumerable, configurable data
//! property) and, where the generic algorithm would read or create an index
//! that is not an own element (a hole, or past the end), whose prototype
//! chain has no indexed properties and no exotic object that could observe
//! the lookup. Holes then behave exactly like absent properties: reading one
//! gives `undefined`, moving one is a delete.

use crate::object::kind::ObjectKind;
use crate::value::{ObjId, Value};
use crate::vm::Vm;

/// The length of `o` when it is an Array with writable length, no sparse
/// elements and exactly `length` dense slots, and either no slot is a hole
/// or (`holes` allowed) the prototype chain is clean, so that reading a hole
/// gives `undefined` unobservably and moving a hole equals deleting.
fn dense_len(vm: &Vm, o: ObjId, holes_ok: bool) -> Option<u32> {
    let obj = vm.heap.obj(o);
    let ObjectKind::Array {
        length,
        length_writable: true,
    } = obj.kind
    else {
        return None;
    };
    if obj.elements.sparse.is_some() || obj.elements.dense.len() != length as usize {
        return None;
    }
    if holes_ok
        || vm.prototypes_lack_elements(o)
        || !obj
            .elements
            .dense
            .iter()
            .any(|v| matches!(v, Value::Uninit))
    {
        Some(length)
    } else {
        None
    }
}

/// A hole read through a clean prototype chain is `undefined`.
fn hole_to_undefined(v: Value) -> Value {
    match v {
        Value::Uninit => Value::Undefined,
        v => v,
    }
}

fn set_length(vm: &mut Vm, o: ObjId, n: u32) {
    if let ObjectKind::Array { length, .. } = &mut vm.heap.obj_mut(o).kind {
        *length = n;
    }
}

/// Array.prototype.pop on a hole-free dense array: Some(removed value).
pub fn pop(vm: &mut Vm, o: ObjId) -> Option<Value> {
    let len = dense_len(vm, o, false)?;
    if len == 0 {
        return None;
    }
    let v = vm.heap.obj_mut(o).elements.dense.pop()?;
    set_length(vm, o, len - 1);
    Some(hole_to_undefined(v))
}

/// Array.prototype.shift on a hole-free dense array: Some(removed value).
pub fn shift(vm: &mut Vm, o: ObjId) -> Option<Value> {
    let len = dense_len(vm, o, false)?;
    if len == 0 {
        return None;
    }
    let dense = &mut vm.heap.obj_mut(o).elements.dense;
    let v = dense.remove(0)?;
    set_length(vm, o, len - 1);
    Some(hole_to_undefined(v))
}

/// Array.prototype.push on an extensible array whose dense vector ends at
/// its length: Some(new length).
pub fn push(vm: &mut Vm, o: ObjId, items: &[Value]) -> Option<u32> {
    let len = dense_len(vm, o, true)?;
    let new_len = len as u64 + items.len() as u64;
    if new_len >= u32::MAX as u64 {
        return None;
    }
    if !vm.heap.obj(o).is_extensible() || !vm.prototypes_lack_elements(o) {
        return None;
    }
    vm.heap.obj_mut(o).elements.dense.extend_from_slice(items);
    set_length(vm, o, new_len as u32);
    Some(new_len as u32)
}

/// Array.prototype.unshift on a hole-free dense extensible array:
/// Some(new length).
pub fn unshift(vm: &mut Vm, o: ObjId, items: &[Value]) -> Option<u32> {
    let len = dense_len(vm, o, false)?;
    let new_len = len as u64 + items.len() as u64;
    if new_len >= u32::MAX as u64 {
        return None;
    }
    if !items.is_empty() && (!vm.heap.obj(o).is_extensible() || !vm.prototypes_lack_elements(o)) {
        return None;
    }
    let dense = &mut vm.heap.obj_mut(o).elements.dense;
    dense.replace_range(0, 0, items);
    set_length(vm, o, new_len as u32);
    Some(new_len as u32)
}

/// Array.prototype.reverse on a hole-free dense array.
pub fn reverse(vm: &mut Vm, o: ObjId) -> bool {
    if dense_len(vm, o, false).is_none() {
        return false;
    }
    vm.heap.obj_mut(o).elements.dense.reverse();
    true
}

/// The element-moving tail of Array.prototype.splice (steps after the
/// deleted elements were copied out): replaces `skip` elements at `start`
/// with `items` and sets the length. False when the generic path must run.
pub fn splice_tail(
    vm: &mut Vm,
    o: ObjId,
    expected_len: u64,
    start: u64,
    skip: u64,
    items: &[Value],
) -> bool {
    let Some(len) = dense_len(vm, o, false) else {
        return false;
    };
    let len = len as u64;
    if len != expected_len || start + skip > len {
        return false;
    }
    let new_len = len - skip + items.len() as u64;
    if new_len >= u32::MAX as u64 {
        return false;
    }
    if new_len > len && (!vm.heap.obj(o).is_extensible() || !vm.prototypes_lack_elements(o)) {
        return false;
    }
    let dense = &mut vm.heap.obj_mut(o).elements.dense;
    dense.replace_range(start as usize, (start + skip) as usize, items);
    set_length(vm, o, new_len as u32);
    true
}

/// A copy of the elements `start..end` of a hole-free dense array (for
/// slice/splice sources), or None.
pub fn dense_slice(vm: &Vm, o: ObjId, start: u64, end: u64) -> Option<Vec<Value>> {
    let len = dense_len(vm, o, false)? as u64;
    if start > end || end > len {
        return None;
    }
    let dense = &vm.heap.obj(o).elements.dense;
    Some(
        dense[start as usize..end as usize]
            .iter()
            .map(|&v| hole_to_undefined(v))
            .collect(),
    )
}
