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
//!
//! Also the cache of [[Get]] made from Rust (`GetCache`, used by
//! `Vm::get`): the promise and iterator built-ins read the same few
//! properties (`constructor`, `then`, `done`, `value`) of objects of the
//! same few shapes over and over. An entry records where the receiver's
//! shape has the key, or on which prototype (up to `PROTO_DEPTH_MAX` up)
//! it is, or that the whole chain lacks it. A hit re-checks the receiver's
//! shape, kind and [[Prototype]]; the rest of the chain is covered by the
//! prototype-chain cache epoch, as for the interpreter's prototype entries
//! (see `interp::ic`): the objects an entry relies on are flagged
//! `PROTO_CACHED` (`rely_on_chain`), and any shape or [[Prototype]]
//! change of one, or its death, stales every such entry. A present element
//! and an array's length need no entry: they are read where they are kept.

use super::shape::ShapeId;
use super::{Object, ObjectKind, Props};
use crate::atom::{atoms, Atom};
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
    /// object or array whose prototypes have no elements: then OrdinarySet
    /// ends in CreateDataProperty on `o`. Returns false (nothing done) when
    /// the slow path must run.
    pub fn set_element_fast(&mut self, o: ObjId, i: u32, v: Value) -> bool {
        if let ObjectKind::TypedArray(_) = self.heap.obj(o).kind {
            return crate::builtins::typed_array::set_element_fast(&mut self.heap, o, i, v);
        }
        self.write_element_fast(o, i, v, true)
    }

    /// CreateDataProperty(o, i, v) on a plain object or array without sparse
    /// elements when `i` is a present element (always a default data
    /// property, so it is simply replaced) or the next one (appended, the
    /// array's length following): what OrdinaryDefineOwnProperty and the
    /// Array length steps do there. Returns false (nothing done) when the
    /// general path must run.
    #[inline]
    pub(crate) fn create_element_fast(&mut self, o: ObjId, i: u32, v: Value) -> bool {
        self.write_element_fast(o, i, v, false)
    }

    /// The two element fast paths; a [[Set]] (`set`) appends only when no
    /// prototype could intercept the element.
    #[inline(always)]
    fn write_element_fast(&mut self, o: ObjId, i: u32, v: Value, set: bool) -> bool {
        let obj = self.heap.obj_mut_storing(o, v);
        let array_length = match obj.kind {
            ObjectKind::Ordinary => None,
            ObjectKind::Array {
                length,
                length_writable,
            } => {
                if i >= length && !length_writable {
                    return false;
                }
                Some(length)
            }
            _ => return false,
        };
        if obj.elements.sparse.is_some() {
            return false;
        }
        let idx = i as usize;
        let dlen = obj.elements.dense.len();
        if idx < dlen && !matches!(obj.elements.dense[idx], Value::Uninit) {
            obj.elements.dense[idx] = v;
            return true;
        }
        if idx != dlen || !obj.is_extensible() {
            return false;
        }
        if set && !self.prototypes_lack_elements(o) {
            return false;
        }
        let obj = self.heap.obj_mut_storing(o, v);
        obj.elements.dense.push(v);
        if let (Some(l), ObjectKind::Array { length, .. }) = (array_length, &mut obj.kind) {
            if i >= l {
                *length = i + 1;
            }
        }
        true
    }

    /// No object on `o`'s prototype chain has an element or could observe
    /// an element lookup (exotic objects are refused).
    pub(crate) fn prototypes_lack_elements(&self, o: ObjId) -> bool {
        let mut p = self.heap.obj(o).proto;
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

/// Where a cached [[Get]] found its answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Found {
    /// An own data property of the receiver, at `slot`.
    Own,
    /// A data property of the prototype `holder`, at `slot`.
    Proto,
    /// No object on the receiver's prototype chain has the key: the result
    /// is undefined.
    Absent,
}

#[derive(Clone, Copy, Debug)]
struct GetEntry {
    key: PropertyKey,
    /// The receiver's shape.
    shape: ShapeId,
    /// The receiver's prototype (for `Proto` and `Absent`).
    proto: Option<ObjId>,
    holder: ObjId,
    slot: u32,
    found: Found,
    /// The prototype-chain cache epoch the entry holds in (for `Proto` and
    /// `Absent`).
    epoch: u64,
}

/// How many prototypes up a cached lookup may find its answer (a method
/// of Object.prototype seen from an instance of a class that extends
/// another is three up).
pub(crate) const PROTO_DEPTH_MAX: usize = 4;

/// Number of entries (a power of two).
const GET_CACHE_SIZE: usize = 512;

/// A direct-mapped cache of [[Get]] results by (receiver shape, key); see
/// the module comment.
pub(crate) struct GetCache {
    entries: Box<[Option<GetEntry>]>,
}

impl Default for GetCache {
    fn default() -> Self {
        GetCache {
            entries: vec![None; GET_CACHE_SIZE].into_boxed_slice(),
        }
    }
}

#[inline]
fn cache_index(shape: ShapeId, key: PropertyKey) -> usize {
    let k = match key {
        PropertyKey::Index(i) => u64::from(i),
        PropertyKey::Atom(a) => u64::from(a.0) | 1 << 32,
        PropertyKey::Symbol(s) => u64::from(s.0) | 2 << 32,
    };
    let h = (k ^ (u64::from(shape.0) << 20)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> 40) as usize & (GET_CACHE_SIZE - 1)
}

/// True when [[Get]] of a named key on an object of this kind is the
/// ordinary one (own storage, then the prototype).
#[inline]
fn plain_get(o: &Object) -> bool {
    !matches!(
        o.kind,
        ObjectKind::Proxy(_)
            | ObjectKind::Module(_)
            | ObjectKind::Arguments(_)
            | ObjectKind::TypedArray(_)
            | ObjectKind::String(_)
            | ObjectKind::Array { .. }
    )
}

impl Vm {
    /// [[Get]] of named `key` on `o` through the get cache: Some(value)
    /// when the answer is an own or prototype data property or absent from
    /// the whole chain (filling the cache on a miss), None when the full
    /// algorithm must run (exotic objects, accessors, dictionary mode,
    /// longer chains). Never runs JS.
    #[inline]
    pub(crate) fn get_cached(&mut self, o: ObjId, key: PropertyKey) -> Option<Value> {
        // A present element is an own data property (no cache needed).
        if let PropertyKey::Index(i) = key {
            return self.get_element_fast(o, i);
        }
        let heap = &self.heap;
        let obj = heap.obj(o);
        let Props::Shape(shape) = obj.props else {
            return None;
        };
        if !plain_get(obj) {
            // An array's "length" is an own data property (10.4.2).
            return match (key, &obj.kind) {
                (PropertyKey::Atom(atoms::LENGTH), ObjectKind::Array { length, .. }) => {
                    Some(Value::Number(f64::from(*length)))
                }
                _ => None,
            };
        }
        let idx = cache_index(shape, key);
        if let Some(Some(e)) = heap.get_cache.entries.get(idx) {
            if e.key == key && e.shape == shape {
                match e.found {
                    Found::Own => return obj.slots.get(e.slot as usize).copied(),
                    _ if obj.proto != e.proto || e.epoch != heap.shapes.proto_epoch() => {}
                    Found::Proto => return Some(self.get_slot(e.holder, e.slot)),
                    Found::Absent => return Some(Value::Undefined),
                }
            }
        }
        self.get_cache_miss(o, shape, key, idx)
    }

    /// `get_cached` when the entry did not hold: looks the key up along
    /// the chain and remembers the answer.
    fn get_cache_miss(
        &mut self,
        o: ObjId,
        shape: ShapeId,
        key: PropertyKey,
        idx: usize,
    ) -> Option<Value> {
        let heap = &self.heap;
        let obj = heap.obj(o);
        let mut entry = GetEntry {
            key,
            shape,
            proto: obj.proto,
            holder: o,
            slot: 0,
            found: Found::Own,
            epoch: heap.shapes.proto_epoch(),
        };
        if let Some(ps) = heap.shapes.lookup(shape, key) {
            if ps.flags.is_accessor() {
                return None;
            }
            entry.slot = ps.slot;
        } else {
            entry.found = Found::Absent;
            let mut p = obj.proto;
            let mut depth = 0;
            while let Some(po) = p {
                let pobj = heap.obj(po);
                let Props::Shape(ps) = pobj.props else {
                    return None;
                };
                if depth == PROTO_DEPTH_MAX || !plain_get(pobj) {
                    return None;
                }
                if let Some(found) = heap.shapes.lookup(ps, key) {
                    if found.flags.is_accessor() {
                        return None;
                    }
                    entry.found = Found::Proto;
                    entry.holder = po;
                    entry.slot = found.slot;
                    break;
                }
                p = pobj.proto;
                depth += 1;
            }
            // What the answer relies on: the chain up to the holder, or
            // all of it.
            let last = (entry.found == Found::Proto).then_some(entry.holder);
            self.rely_on_chain(entry.proto, last);
        }
        let value = match entry.found {
            Found::Absent => Value::Undefined,
            _ => self.get_slot(entry.holder, entry.slot),
        };
        if let Some(slot) = self.heap.get_cache.entries.get_mut(idx) {
            *slot = Some(entry);
        }
        Some(value)
    }

    /// Flags every prototype from `first` up to `last` (the whole chain
    /// when `last` is None) as relied on by a prototype-chain cache entry
    /// (see the module comment): a new property or link on any of them
    /// changes the entry's answer.
    pub(crate) fn rely_on_chain(&mut self, first: Option<ObjId>, last: Option<ObjId>) {
        let mut p = first;
        while let Some(po) = p {
            let obj = self.heap.obj_mut_unbarriered(po);
            if obj.flags & super::flags::PROTO_CACHED == 0 {
                obj.flags |= super::flags::PROTO_CACHED;
                self.heap.shapes.note_proto_cached(po);
            }
            p = if p == last {
                None
            } else {
                self.heap.obj(po).proto
            };
        }
    }
}
