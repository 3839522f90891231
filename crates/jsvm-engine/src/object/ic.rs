//! The inline-cache-friendly API for the interpreter, and fast paths for
//! element access.
//!
//! How to use it (a property-get IC for `o.name`):
//!
//! ```text
//! if vm.shape_of(o) == cached_shape {           // hit
//!     value = vm.get_slot(o, cached_slot);
//! } else if let Some((shape, slot)) = vm.lookup_own_slot(o, name) {
//!     cache (shape, slot); value = vm.get_slot(o, slot);
//! } else {
//!     value = vm.get(o, key, receiver)?;            // slow path, no caching
//! }
//! ```
//!
//! For stores use `lookup_own_slot_for_set` (writable data properties only)
//! and `set_slot`. Invariant: shapes are immutable and never collected, and
//! a dictionary-mode object reports `ShapeId::DICTIONARY`, which no lookup
//! ever returns, so a cached `(shape, slot)` can never name the wrong slot.
//! Only own data properties are cacheable; accessors, prototype hits and
//! exotic properties always take the slow path.

use super::shape::ShapeId;
use super::{ObjectKind, Props};
use crate::atom::Atom;
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::Vm;

impl Vm {
    /// The object's current shape (`ShapeId::DICTIONARY` in dictionary mode).
    #[inline]
    pub fn shape_of(&self, o: ObjId) -> ShapeId {
        match &self.heap.obj(o).props {
            Props::Shape(s) => *s,
            Props::Dict(_) => ShapeId::DICTIONARY,
        }
    }
    /// (shape, slot) of own data property `name`, if cacheable.
    #[inline]
    pub fn lookup_own_slot(&self, o: ObjId, name: Atom) -> Option<(ShapeId, u32)> {
        self.lookup_own_slot_key(o, PropertyKey::Atom(name))
    }
    /// Same for any named key (atoms and symbols; indices are elements).
    pub fn lookup_own_slot_key(&self, o: ObjId, key: PropertyKey) -> Option<(ShapeId, u32)> {
        let obj = self.heap.obj(o);
        let Props::Shape(s) = obj.props else {
            return None;
        };
        if matches!(key, PropertyKey::Index(_)) {
            return None;
        }
        let p = self.heap.shapes.lookup(s, key)?;
        if p.flags.is_accessor() {
            return None;
        }
        Some((s, p.slot))
    }
    /// (shape, slot) of own *writable* data property `name`, if cacheable.
    pub fn lookup_own_slot_for_set(&self, o: ObjId, name: Atom) -> Option<(ShapeId, u32)> {
        let obj = self.heap.obj(o);
        let Props::Shape(s) = obj.props else {
            return None;
        };
        let p = self.heap.shapes.lookup(s, PropertyKey::Atom(name))?;
        if p.flags.is_accessor() || !p.flags.writable() {
            return None;
        }
        Some((s, p.slot))
    }
    /// Reads slot `slot` (valid for the shape the slot was looked up in).
    #[inline]
    pub fn get_slot(&self, o: ObjId, slot: u32) -> Value {
        self.heap
            .obj(o)
            .slots
            .get(slot as usize)
            .copied()
            .unwrap_or(Value::Undefined)
    }
    /// Writes slot `slot` (valid for the shape the slot was looked up in).
    #[inline]
    pub fn set_slot(&mut self, o: ObjId, slot: u32, v: Value) {
        if let Some(s) = self.heap.obj_mut(o).slots.get_mut(slot as usize) {
            *s = v;
        }
    }

    /// `o[i]` when it is a present element of a plain object or array
    /// (None: take the slow path).
    #[inline]
    pub fn get_element_fast(&self, o: ObjId, i: u32) -> Option<Value> {
        let obj = self.heap.obj(o);
        match obj.kind {
            ObjectKind::Proxy(_) | ObjectKind::String(_) | ObjectKind::Arguments(_) => None,
            ObjectKind::TypedArray(ref d) => Some(crate::builtins::typed_array::get_element_fast(
                &self.heap, d, i,
            )),
            _ => match obj.elements.dense.get(i as usize) {
                Some(Value::Uninit) | None => None,
                Some(&v) => Some(v),
            },
        }
    }

    /// `o[i] = v` for an existing dense element or an append to a plain
    /// object or array whose prototypes have no elements. Returns false
    /// (nothing done) when the slow path must run.
    pub fn set_element_fast(&mut self, o: ObjId, i: u32, v: Value) -> bool {
        let obj = self.heap.obj(o);
        let len = match obj.kind {
            ObjectKind::Ordinary => None,
            ObjectKind::Array {
                length,
                length_writable,
            } => {
                if !length_writable && i >= length {
                    return false;
                }
                Some(length)
            }
            ObjectKind::TypedArray(_) => {
                return crate::builtins::typed_array::set_element_fast(&mut self.heap, o, i, v)
            }
            _ => return false,
        };
        if obj.elements.sparse.is_some() {
            return false;
        }
        let idx = i as usize;
        let dlen = obj.elements.dense.len();
        if idx < dlen && !matches!(obj.elements.dense[idx], Value::Uninit) {
            self.heap.obj_mut(o).elements.dense[idx] = v;
            return true;
        }
        if idx != dlen || !obj.is_extensible() {
            return false;
        }
        // Appending: no prototype may have an element or be exotic.
        let mut p = obj.proto;
        while let Some(po) = p {
            let pobj = self.heap.obj(po);
            match pobj.kind {
                ObjectKind::Ordinary | ObjectKind::Array { .. } => {}
                ObjectKind::Function(_) | ObjectKind::Closure(_) | ObjectKind::Error => {}
                _ => return false,
            }
            if !pobj.elements.is_empty() {
                return false;
            }
            p = pobj.proto;
        }
        self.heap.add_debt(16);
        let obj = self.heap.obj_mut(o);
        obj.elements.dense.push(v);
        if let (Some(l), ObjectKind::Array { length, .. }) = (len, &mut obj.kind) {
            if i >= l {
                *length = i + 1;
            }
        }
        true
    }

    /// The length of an Array exotic object (None for other objects).
    #[inline]
    pub fn array_length_fast(&self, o: ObjId) -> Option<u32> {
        match self.heap.obj(o).kind {
            ObjectKind::Array { length, .. } => Some(length),
            _ => None,
        }
    }
}
