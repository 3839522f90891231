//! Objects: shapes (hidden classes with a transition tree) plus a slot vector,
//! dense array elements with a sparse fallback, and the object internal
//! methods (ECMAScript 10.1 ordinary, 10.4 exotic, 10.5 proxy) dispatched on
//! the object's kind.
//!
//! Invariant: every own property of an object is in its storage
//! (`storage.rs`) except the virtual ones of exotic kinds: an Array's
//! `length`, a String object's indices and `length`, and whatever a proxy's
//! handler reports. The internal methods below are the only way JS-visible
//! properties change (built-in setup uses `define_value`, which never runs
//! JS and never fails; objects of a fixed layout, such as built-in
//! functions and iterator results, are made with their final shape by
//! `alloc_with_shape`).
//!
//! OWNER: engine-core helper. The signatures below are the contract other
//! helpers (interpreter, built-ins, runtime) code against: keep them; add more.

pub mod arguments;
mod array;
mod dense;
pub mod ic;
pub mod kind;
mod ordinary;
mod proxy;
pub mod shape;
mod slots;
mod storage;
mod string_exotic;
#[cfg(test)]
pub(crate) mod tests;
pub mod weak;

use crate::error::{JsError, JsResult};
use crate::heap::Tracer;
use crate::property::{Attrs, PropertyDescriptor};
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::Vm;

pub use kind::ObjectKind;
use shape::{DictId, PropFlags, ShapeId, ShapeTable};
pub(crate) use slots::Slots;
pub(crate) use storage::Elements;

/// An own property as stored: for a data property `value` is its value; for
/// an accessor `value` is the getter and `setter` the setter (`undefined`
/// when absent).
#[derive(Clone, Copy, Debug)]
pub struct Prop {
    pub value: Value,
    pub setter: Value,
    pub flags: PropFlags,
}

impl Prop {
    pub fn data(value: Value, flags: PropFlags) -> Prop {
        Prop {
            value,
            setter: Value::Undefined,
            flags,
        }
    }
    /// As a complete property descriptor.
    pub fn to_descriptor(self) -> PropertyDescriptor {
        if self.flags.is_accessor() {
            PropertyDescriptor::accessor(
                self.value.as_object(),
                self.setter.as_object(),
                self.flags.enumerable(),
                self.flags.configurable(),
            )
        } else {
            PropertyDescriptor::data(
                self.value,
                self.flags.writable(),
                self.flags.enumerable(),
                self.flags.configurable(),
            )
        }
    }
}

#[derive(Clone, Copy)]
pub(crate) enum Props {
    Shape(ShapeId),
    Dict(DictId),
}

/// Object flag bits.
pub(crate) mod flags {
    pub const EXTENSIBLE: u8 = 1;
    pub const CALLABLE: u8 = 2;
    pub const CONSTRUCTOR: u8 = 4;
    /// Immutable prototype exotic object (10.4.7), e.g. %Object.prototype%.
    pub const IMMUTABLE_PROTO: u8 = 8;
    /// A class constructor (for `describe_object`; calls are refused by the
    /// interpreter).
    pub const CLASS: u8 = 16;
    /// A prototype-chain inline cache entry relies on this object's shape
    /// and [[Prototype]] (see `interp::ic`): changing either, or the
    /// object's death, invalidates all such entries.
    pub const PROTO_CACHED: u8 = 32;
}

/// How many property slots an object holds without a separate
/// allocation: enough for the many small objects the engine makes all the
/// time (a built-in function's `length` and `name`, an iterator result's
/// `value` and `done`).
pub(crate) const INLINE_SLOTS: usize = 2;

/// A heap object.
pub struct Object {
    pub kind: ObjectKind,
    /// [[Prototype]]. Write through `set_prototype_of` (or `Object::set_proto`
    /// for fresh objects).
    pub(crate) proto: Option<ObjId>,
    pub(crate) flags: u8,
    pub(crate) props: Props,
    /// The values of the named properties, by slot (see `storage.rs`);
    /// the first `INLINE_SLOTS` live inside the object itself.
    pub(crate) slots: Slots,
    pub(crate) elements: Elements,
}

impl Object {
    /// A fresh extensible object of `kind` with no own properties. Callable
    /// kinds get the callable flag; constructors must be marked with
    /// `set_constructor`.
    #[inline]
    pub fn new(kind: ObjectKind, proto: Option<ObjId>) -> Object {
        Object::from_parts(kind, proto, Props::Shape(ShapeId::ROOT), Slots::new())
    }
    /// A fresh extensible object with the given named properties (`props`
    /// and the matching `slots`) and no elements.
    #[inline(always)]
    pub(crate) fn from_parts(
        kind: ObjectKind,
        proto: Option<ObjId>,
        props: Props,
        slots: Slots,
    ) -> Object {
        let mut f = flags::EXTENSIBLE;
        if kind.is_function_kind() {
            f |= flags::CALLABLE;
        }
        Object {
            kind,
            proto,
            flags: f,
            props,
            slots,
            elements: Elements::default(),
        }
    }
    pub fn proto(&self) -> Option<ObjId> {
        self.proto
    }
    /// Sets [[Prototype]] directly (fresh objects only; no checks).
    pub fn set_proto(&mut self, p: Option<ObjId>) {
        debug_assert!(self.flags & flags::PROTO_CACHED == 0);
        self.proto = p;
    }
    /// Replaces the property map (every shape change goes through here, so
    /// that prototype-chain caches relying on the old shape go stale). A
    /// dictionary-mode object is in no cache entry: changes within its
    /// dictionary need no invalidation.
    #[inline]
    pub(crate) fn set_props(&mut self, shapes: &mut ShapeTable, p: Props) {
        if self.flags & flags::PROTO_CACHED != 0 && matches!(self.props, Props::Shape(_)) {
            shapes.invalidate_proto_caches();
        }
        self.props = p;
    }
    pub fn is_extensible(&self) -> bool {
        self.flags & flags::EXTENSIBLE != 0
    }
    pub fn is_callable(&self) -> bool {
        self.flags & flags::CALLABLE != 0
    }
    pub fn is_constructor(&self) -> bool {
        self.flags & flags::CONSTRUCTOR != 0
    }
    pub fn set_callable(&mut self, yes: bool) {
        self.set_flag(flags::CALLABLE, yes);
    }
    /// Gives (or removes) the object a [[Construct]] internal method.
    pub fn set_constructor(&mut self, yes: bool) {
        self.set_flag(flags::CONSTRUCTOR, yes);
    }
    /// Marks a class constructor (for display).
    pub fn set_class_constructor(&mut self, yes: bool) {
        self.set_flag(flags::CLASS, yes);
    }
    pub fn is_class_constructor(&self) -> bool {
        self.flags & flags::CLASS != 0
    }
    pub(crate) fn set_flag(&mut self, bit: u8, yes: bool) {
        if yes {
            self.flags |= bit;
        } else {
            self.flags &= !bit;
        }
    }
    pub fn is_array(&self) -> bool {
        matches!(self.kind, ObjectKind::Array { .. })
    }
    pub fn is_proxy(&self) -> bool {
        matches!(self.kind, ObjectKind::Proxy(_))
    }
    /// Roughly the bytes the object takes: its arena slot, the slots
    /// outside it and element storage (for the collector's accounting).
    pub(crate) fn footprint(&self) -> usize {
        let value = std::mem::size_of::<Value>();
        let elements = match &self.elements.sparse {
            Some(m) => m.capacity() * (value + 16),
            None => self.elements.dense.capacity() * value,
        };
        std::mem::size_of::<Object>() + self.slots.outside_bytes() + elements
    }
    /// Reports every handle the object holds.
    pub(crate) fn trace(&self, shapes: &ShapeTable, t: &mut Tracer) {
        // (Plain objects and arrays, most of the heap, hold nothing in
        // their kind.)
        if !matches!(self.kind, ObjectKind::Ordinary | ObjectKind::Array { .. }) {
            self.kind.trace(t);
        }
        if let Some(p) = self.proto {
            t.mark_object(p);
        }
        match &self.props {
            Props::Shape(s) => t.mark_shape(*s),
            Props::Dict(d) => {
                t.mark_dict(*d);
                for e in shapes.dict(*d).entries() {
                    t.mark_key(e.key);
                }
            }
        }
        for part in self.slots.parts() {
            for &v in part {
                t.mark_value(v);
            }
        }
        self.elements.for_each_value(|v| t.mark_value(v));
    }
}

impl Vm {
    // ---- The essential internal methods (ECMAScript 6.1.7.2, Table 4) ----

    /// [[GetPrototypeOf]]
    pub fn get_prototype_of(&mut self, o: ObjId) -> JsResult<Option<ObjId>> {
        if self.heap.obj(o).is_proxy() {
            return self.proxy_get_prototype_of(o);
        }
        Ok(self.heap.obj(o).proto)
    }
    /// [[SetPrototypeOf]]
    pub fn set_prototype_of(&mut self, o: ObjId, proto: Option<ObjId>) -> JsResult<bool> {
        let obj = self.heap.obj(o);
        if obj.is_proxy() {
            return self.proxy_set_prototype_of(o, proto);
        }
        if obj.flags & flags::IMMUTABLE_PROTO != 0 {
            // 10.4.7.2 SetImmutablePrototype.
            return Ok(self.get_prototype_of(o)? == proto);
        }
        Ok(self.ordinary_set_prototype_of(o, proto))
    }
    /// [[IsExtensible]]
    pub fn is_extensible(&mut self, o: ObjId) -> JsResult<bool> {
        if self.heap.obj(o).is_proxy() {
            return self.proxy_is_extensible(o);
        }
        Ok(self.heap.obj(o).is_extensible())
    }
    /// [[PreventExtensions]]
    pub fn prevent_extensions(&mut self, o: ObjId) -> JsResult<bool> {
        match &self.heap.obj(o).kind {
            ObjectKind::Proxy(_) => return self.proxy_prevent_extensions(o),
            ObjectKind::TypedArray(_) => return Ok(self.typed_array_prevent_extensions(o)),
            _ => {}
        }
        self.heap.obj_mut(o).set_flag(flags::EXTENSIBLE, false);
        Ok(true)
    }
    /// [[GetOwnProperty]]
    pub fn get_own_property(
        &mut self,
        o: ObjId,
        key: PropertyKey,
    ) -> JsResult<Option<PropertyDescriptor>> {
        match &self.heap.obj(o).kind {
            ObjectKind::Proxy(_) => self.proxy_get_own_property(o, key),
            ObjectKind::Arguments(_) => Ok(self.arguments_get_own_property(o, key)),
            ObjectKind::TypedArray(_) => Ok(self.typed_array_get_own_property(o, key)),
            ObjectKind::Module(_) => self.namespace_get_own_property(o, key),
            _ => Ok(self.own_prop(o, key).map(Prop::to_descriptor)),
        }
    }
    /// [[DefineOwnProperty]]
    pub fn define_own_property(
        &mut self,
        o: ObjId,
        key: PropertyKey,
        desc: PropertyDescriptor,
    ) -> JsResult<bool> {
        match &self.heap.obj(o).kind {
            ObjectKind::Proxy(_) => self.proxy_define_own_property(o, key, desc),
            ObjectKind::Array { .. } => self.array_define_own_property(o, key, desc),
            ObjectKind::String(_) => Ok(self.string_define_own_property(o, key, desc)),
            ObjectKind::Arguments(_) => Ok(self.arguments_define_own_property(o, key, desc)),
            ObjectKind::TypedArray(_) => self.typed_array_define_own_property(o, key, desc),
            ObjectKind::Module(_) => self.namespace_define_own_property(o, key, desc),
            _ => Ok(self.ordinary_define_own_property(o, key, desc)),
        }
    }
    /// [[HasProperty]]
    pub fn has_property(&mut self, o: ObjId, key: PropertyKey) -> JsResult<bool> {
        // Native loops (e.g. over array-likes of length 2^53-1) reach here
        // without passing an interpreter safepoint: honour interrupts.
        if self.interrupted() {
            return Err(crate::error::JsError::Terminate(
                crate::error::Termination::Interrupted,
            ));
        }
        let mut cur = o;
        loop {
            match &self.heap.obj(cur).kind {
                ObjectKind::Proxy(_) => return self.proxy_has(cur, key),
                ObjectKind::TypedArray(_) => {
                    if let Some(r) = self.typed_array_has_numeric(cur, key) {
                        return Ok(r);
                    }
                }
                ObjectKind::Module(_) => return self.namespace_has_property(cur, key),
                _ => {}
            }
            if self.own_prop(cur, key).is_some() {
                return Ok(true);
            }
            match self.heap.obj(cur).proto {
                Some(p) => cur = p,
                None => return Ok(false),
            }
        }
    }
    /// [[Get]]
    pub fn get(&mut self, o: ObjId, key: PropertyKey, receiver: Value) -> JsResult<Value> {
        // Native loops (e.g. over array-likes of length 2^53-1) reach here
        // without passing an interpreter safepoint: honour interrupts.
        if self.interrupted() {
            return Err(crate::error::JsError::Terminate(
                crate::error::Termination::Interrupted,
            ));
        }
        // Data properties and misses of short ordinary chains (no JS runs,
        // so the receiver does not matter).
        if let Some(v) = self.get_cached(o, key) {
            return Ok(v);
        }
        let mut cur = o;
        loop {
            let obj = self.heap.obj(cur);
            let own = match &obj.kind {
                ObjectKind::Proxy(_) => return self.proxy_get(cur, key, receiver),
                ObjectKind::Arguments(_) => {
                    if let Some(v) = self.arguments_mapped_get(cur, key) {
                        return Ok(v);
                    }
                    self.own_prop(cur, key)
                }
                ObjectKind::TypedArray(_) => {
                    if let Some(v) = self.typed_array_get_numeric(cur, key) {
                        return Ok(v);
                    }
                    self.own_prop(cur, key)
                }
                ObjectKind::Module(_) => return self.namespace_get(cur, key, receiver),
                // The virtual own properties.
                ObjectKind::Array { .. } | ObjectKind::String(_) => self.own_prop(cur, key),
                _ => obj.find_own(&self.heap.shapes, key),
            };
            match own {
                Some(p) if p.flags.is_accessor() => {
                    return match p.value {
                        Value::Undefined => Ok(Value::Undefined),
                        getter => self.call(getter, receiver, &[]),
                    };
                }
                Some(p) => return Ok(p.value),
                None => match self.heap.obj(cur).proto {
                    Some(p) => cur = p,
                    None => return Ok(Value::Undefined),
                },
            }
        }
    }
    /// [[Set]]
    pub fn set(&mut self, o: ObjId, key: PropertyKey, v: Value, receiver: Value) -> JsResult<bool> {
        if self.interrupted() {
            return Err(crate::error::JsError::Terminate(
                crate::error::Termination::Interrupted,
            ));
        }
        match &self.heap.obj(o).kind {
            ObjectKind::Proxy(_) => self.proxy_set(o, key, v, receiver),
            ObjectKind::Arguments(_) => self.arguments_set(o, key, v, receiver),
            ObjectKind::TypedArray(_) => self.typed_array_set(o, key, v, receiver),
            // 10.4.6.9: a namespace object has no writable properties.
            ObjectKind::Module(_) => Ok(false),
            _ => self.ordinary_set(o, key, v, receiver),
        }
    }
    /// [[Delete]]
    pub fn delete(&mut self, o: ObjId, key: PropertyKey) -> JsResult<bool> {
        match &self.heap.obj(o).kind {
            ObjectKind::Proxy(_) => self.proxy_delete(o, key),
            ObjectKind::Arguments(_) => Ok(self.arguments_delete(o, key)),
            ObjectKind::TypedArray(_) => Ok(self.typed_array_delete(o, key)),
            ObjectKind::Module(_) => self.namespace_delete(o, key),
            _ => Ok(self.ordinary_delete(o, key)),
        }
    }
    /// [[OwnPropertyKeys]]: integer indices ascending, then strings in
    /// creation order, then symbols in creation order.
    pub fn own_property_keys(&mut self, o: ObjId) -> JsResult<Vec<PropertyKey>> {
        match &self.heap.obj(o).kind {
            ObjectKind::Proxy(_) => self.proxy_own_keys(o),
            ObjectKind::TypedArray(_) => self.typed_array_own_property_keys(o),
            ObjectKind::Module(_) => self.namespace_own_property_keys(o),
            _ => Ok(self.ordinary_own_property_keys(o)),
        }
    }

    // ---- Operations on objects (ECMAScript 7.3) ----

    /// Get(O, P) with O as receiver.
    pub fn get_prop(&mut self, o: ObjId, key: PropertyKey) -> JsResult<Value> {
        self.get(o, key, Value::Object(o))
    }
    /// GetV(V, P): property lookup on any value (primitives use their
    /// prototype; throws on undefined/null).
    pub fn get_v(&mut self, v: Value, key: PropertyKey) -> JsResult<Value> {
        match v {
            Value::Object(o) => self.get(o, key, v),
            Value::String(s) => {
                // String values have the String exotic own properties.
                if let Some(r) = self.string_own_value(s, key) {
                    return Ok(r);
                }
                let proto = self.intrinsics().string_prototype;
                self.get(proto, key, v)
            }
            _ => {
                let proto = self.primitive_prototype(v)?;
                self.get(proto, key, v)
            }
        }
    }
    /// Set(O, P, V, Throw).
    pub fn set_prop(&mut self, o: ObjId, key: PropertyKey, v: Value, throw: bool) -> JsResult<()> {
        let ok = self.set(o, key, v, Value::Object(o))?;
        if !ok && throw {
            let k = self.key_display(key);
            return Err(JsError::type_error(format!(
                "Cannot assign to read only property '{k}' of object"
            )));
        }
        Ok(())
    }
    /// CreateDataProperty(O, P, V).
    pub fn create_data_property(&mut self, o: ObjId, key: PropertyKey, v: Value) -> JsResult<bool> {
        if let PropertyKey::Index(i) = key {
            if self.create_element_fast(o, i, v) {
                return Ok(true);
            }
        }
        // OrdinaryDefineOwnProperty with a complete, all-true data
        // descriptor, in one lookup (for an array element, inside the
        // array's own steps).
        let create = |vm: &mut Vm| {
            let (obj, shapes) = vm.heap.objects_get_mut(o);
            obj.create_data_own(shapes, key, v)
        };
        match (&self.heap.obj(o).kind, key) {
            (ObjectKind::Ordinary, _) => Ok(create(self)),
            (ObjectKind::Array { .. }, PropertyKey::Index(i)) => {
                Ok(self.array_define_index(o, i, create))
            }
            _ => self.define_own_property(o, key, PropertyDescriptor::data_default(v)),
        }
    }
    /// CreateDataPropertyOrThrow(O, P, V).
    pub fn create_data_property_or_throw(
        &mut self,
        o: ObjId,
        key: PropertyKey,
        v: Value,
    ) -> JsResult<()> {
        if !self.create_data_property(o, key, v)? {
            let k = self.key_display(key);
            return Err(JsError::type_error(format!("Cannot define property {k}")));
        }
        Ok(())
    }
    /// DefinePropertyOrThrow(O, P, desc).
    pub fn define_property_or_throw(
        &mut self,
        o: ObjId,
        key: PropertyKey,
        desc: PropertyDescriptor,
    ) -> JsResult<()> {
        if !self.define_own_property(o, key, desc)? {
            let k = self.key_display(key);
            return Err(JsError::type_error(format!(
                "Cannot redefine property: {k}"
            )));
        }
        Ok(())
    }
    /// DeletePropertyOrThrow(O, P).
    pub fn delete_property_or_throw(&mut self, o: ObjId, key: PropertyKey) -> JsResult<()> {
        if !self.delete(o, key)? {
            let k = self.key_display(key);
            return Err(JsError::type_error(format!("Cannot delete property '{k}'")));
        }
        Ok(())
    }
    /// HasOwnProperty(O, P).
    pub fn has_own_property(&mut self, o: ObjId, key: PropertyKey) -> JsResult<bool> {
        Ok(self.get_own_property(o, key)?.is_some())
    }

    // ---- Creating objects ----

    /// Allocates an object of any kind (callable kinds are marked callable;
    /// use `Object::set_constructor` for [[Construct]]).
    pub fn alloc_object(&mut self, kind: ObjectKind, proto: Option<ObjId>) -> ObjId {
        self.heap
            .alloc_object_from(kind, proto, Props::Shape(ShapeId::ROOT), Slots::new())
    }
    /// An object of `kind` created directly with its final `shape` (one of
    /// `ShapeTable::common`) and the property values `values`, in slot
    /// order: the same object as defining the properties one by one.
    /// Inlined: its callers build one kind of object each, and the parts
    /// then go straight into the arena slot.
    #[inline(always)]
    pub(crate) fn alloc_with_shape(
        &mut self,
        kind: ObjectKind,
        proto: Option<ObjId>,
        shape: ShapeId,
        values: &[Value],
    ) -> ObjId {
        debug_assert_eq!(self.heap.shapes.slot_count(shape) as usize, values.len());
        self.heap
            .alloc_object_from(kind, proto, Props::Shape(shape), Slots::from_slice(values))
    }
    /// OrdinaryObjectCreate(proto).
    pub fn new_object(&mut self, proto: Option<ObjId>) -> ObjId {
        self.alloc_object(ObjectKind::Ordinary, proto)
    }
    /// OrdinaryObjectCreate(%Object.prototype%) of the current realm.
    pub fn new_plain_object(&mut self) -> ObjId {
        let p = self.intrinsics().object_prototype;
        self.new_object(Some(p))
    }
    /// CreateArrayFromList(values) in the current realm.
    pub fn new_array(&mut self, values: &[Value]) -> ObjId {
        let p = self.intrinsics().array_prototype;
        self.new_array_with_proto(values, Some(p))
    }
    /// An Array exotic object with the given elements and prototype.
    pub fn new_array_with_proto(&mut self, values: &[Value], proto: Option<ObjId>) -> ObjId {
        let mut obj = Object::new(
            ObjectKind::Array {
                length: values.len() as u32,
                length_writable: true,
            },
            proto,
        );
        // An `Uninit` in `values` becomes a hole.
        obj.elements.dense = dense::DenseVec::from_slice(values);
        self.heap.alloc_object(obj)
    }

    // ---- Defining built-in properties (no JS can run; never fails) ----

    /// Defines (or overwrites) an own data property directly, bypassing
    /// [[DefineOwnProperty]] checks. For building intrinsics and fresh objects.
    pub fn define_value(&mut self, o: ObjId, key: PropertyKey, v: Value, attrs: Attrs) {
        let (obj, shapes) = self.heap.objects_get_mut(o);
        if let (ObjectKind::Array { length, .. }, PropertyKey::Index(i)) = (&mut obj.kind, key) {
            if i >= *length {
                *length = i + 1;
            }
        }
        obj.put_own(shapes, key, Prop::data(v, PropFlags::data(attrs)));
    }
    /// Defines an accessor property directly (built-ins, fresh objects).
    pub fn define_accessor_raw(
        &mut self,
        o: ObjId,
        key: PropertyKey,
        getter: Option<ObjId>,
        setter: Option<ObjId>,
        attrs: Attrs,
    ) {
        let p = Prop {
            value: getter.map_or(Value::Undefined, Value::Object),
            setter: setter.map_or(Value::Undefined, Value::Object),
            flags: PropFlags::accessor(attrs.enumerable(), attrs.configurable()),
        };
        let (obj, shapes) = self.heap.objects_get_mut(o);
        obj.put_own(shapes, key, p);
    }

    // ---- Helpers ----

    /// The own property `key` of a non-proxy object, with the virtual
    /// properties of Array and String exotic objects (no JS runs).
    pub(crate) fn own_prop(&mut self, o: ObjId, key: PropertyKey) -> Option<Prop> {
        let obj = self.heap.obj(o);
        match (&obj.kind, key) {
            (
                ObjectKind::Array {
                    length,
                    length_writable,
                },
                PropertyKey::Atom(crate::atom::atoms::LENGTH),
            ) => {
                let f = if *length_writable {
                    PropFlags(PropFlags::WRITABLE)
                } else {
                    PropFlags(0)
                };
                return Some(Prop::data(Value::Number(*length as f64), f));
            }
            (ObjectKind::String(s), _) => {
                let s = *s;
                if let Some(p) = self.string_own_prop(s, key) {
                    return Some(p);
                }
                return self.heap.obj(o).find_own(&self.heap.shapes, key);
            }
            _ => {}
        }
        obj.find_own(&self.heap.shapes, key)
    }
    /// A short display of a key for error messages.
    pub fn key_display(&self, key: PropertyKey) -> String {
        match key {
            PropertyKey::Index(i) => i.to_string(),
            PropertyKey::Atom(a) => self.atoms.to_rust(a),
            PropertyKey::Symbol(s) => match self.heap.symbol(s).description {
                Some(d) => format!("Symbol({})", self.heap.str(d).to_rust_lossy()),
                None => "Symbol()".to_string(),
            },
        }
    }
}
