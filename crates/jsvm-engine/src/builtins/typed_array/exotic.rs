//! The internal methods of TypedArrays, integer-indexed exotic objects
//! (ECMAScript 10.4.5), called from the dispatchers in `object/mod.rs`.
//!
//! Every method first asks CanonicalNumericIndexString (7.1.21) of the key:
//! numeric keys ("0", "-0", "1.5", "Infinity", "NaN", ...) never reach the
//! ordinary storage; other keys are ordinary.
//!
//! With the Immutable ArrayBuffer proposal, the elements of a view of an
//! immutable buffer are non-writable, non-configurable data properties:
//! [[Set]] of any numeric key fails, and [[DefineOwnProperty]] succeeds
//! only for a descriptor compatible with the element as it is.
//!
//! Invariant: for numeric keys these methods never consult the prototype
//! chain, and the only one that can run JS is [[DefineOwnProperty]] /
//! [[Set]] (through ToNumber of the value), never for an immutable buffer.

use crate::atom::Atom;
use crate::builtins::array_buffer::is_immutable;
use crate::error::{JsError, JsResult};
use crate::object::shape::PropFlags;
use crate::object::Prop;
use crate::property::{Attrs, PropertyDescriptor};
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::Vm;

use super::{get_element, set_element, ta_data, valid_index, view_length};

impl Vm {
    /// CanonicalNumericIndexString(key) for a property key: the Number it
    /// names, or None for a key that is not a canonical numeric string
    /// (symbols included).
    #[inline]
    pub(crate) fn canonical_numeric_index(&self, key: PropertyKey) -> Option<f64> {
        match key {
            PropertyKey::Index(i) => Some(i as f64),
            PropertyKey::Atom(a) => self.canonical_numeric_atom(a),
            PropertyKey::Symbol(_) => None,
        }
    }

    fn canonical_numeric_atom(&self, a: Atom) -> Option<f64> {
        let v = self.atoms.view(a);
        // Every canonical numeric string starts with a digit, '-', 'I'
        // (Infinity) or 'N' (NaN): reject other keys without parsing.
        let first = v.get(0)?;
        let plausible = matches!(first, 0x30..=0x39 | 0x2d | 0x49 | 0x4e);
        if !plausible {
            return None;
        }
        if v.eq_str("-0") {
            return Some(-0.0);
        }
        let n = crate::num::string_to_number(&v.to_units());
        let back = crate::num::number_to_string(n);
        v.eq_str(&back).then_some(n)
    }

    /// [[GetOwnProperty]] (10.4.5).
    pub(crate) fn typed_array_get_own_property(
        &mut self,
        o: ObjId,
        key: PropertyKey,
    ) -> Option<PropertyDescriptor> {
        if let Some(index) = self.canonical_numeric_index(key) {
            return match get_element(&self.heap, o, index) {
                Value::Undefined => None,
                v => {
                    let mutable = !self.viewed_buffer_is_immutable(o);
                    Some(PropertyDescriptor::data(v, mutable, true, mutable))
                }
            };
        }
        self.own_prop(o, key)
            .map(crate::object::Prop::to_descriptor)
    }

    /// [[HasProperty]] (10.4.5) for a numeric key (None: an ordinary key,
    /// continue with the ordinary lookup).
    pub(crate) fn typed_array_has_numeric(&self, o: ObjId, key: PropertyKey) -> Option<bool> {
        let index = self.canonical_numeric_index(key)?;
        let d = ta_data(&self.heap, o)?;
        Some(valid_index(&self.heap, &d, index).is_some())
    }

    /// [[DefineOwnProperty]] (10.4.5).
    pub(crate) fn typed_array_define_own_property(
        &mut self,
        o: ObjId,
        key: PropertyKey,
        desc: PropertyDescriptor,
    ) -> JsResult<bool> {
        let Some(index) = self.canonical_numeric_index(key) else {
            return Ok(self.ordinary_define_own_property(o, key, desc));
        };
        let Some(d) = ta_data(&self.heap, o) else {
            return Ok(false);
        };
        if valid_index(&self.heap, &d, index).is_none() {
            return Ok(false);
        }
        if is_immutable(&self.heap, d.buffer) {
            // ValidateAndApplyPropertyDescriptor(O, P, false, Desc, current)
            // with the element as a non-writable, non-configurable data
            // property: nothing can change, so validating is all there is.
            let current = Prop::data(
                get_element(&self.heap, o, index),
                PropFlags::data(Attrs::ENUMERABLE),
            );
            return Ok(self.validate_and_apply(None, false, &desc, Some(current)));
        }
        if desc.configurable == Some(false)
            || desc.enumerable == Some(false)
            || desc.is_accessor()
            || desc.writable == Some(false)
        {
            return Ok(false);
        }
        if let Some(v) = desc.value {
            set_element(self, o, index, v)?;
        }
        Ok(true)
    }

    /// [[Get]] (10.4.5) for a numeric key (None: an ordinary key).
    #[inline]
    pub(crate) fn typed_array_get_numeric(&self, o: ObjId, key: PropertyKey) -> Option<Value> {
        let index = self.canonical_numeric_index(key)?;
        Some(get_element(&self.heap, o, index))
    }

    /// [[Set]] (10.4.5).
    pub(crate) fn typed_array_set(
        &mut self,
        o: ObjId,
        key: PropertyKey,
        v: Value,
        receiver: Value,
    ) -> JsResult<bool> {
        let Some(index) = self.canonical_numeric_index(key) else {
            return self.ordinary_set(o, key, v, receiver);
        };
        // Assignment failures for numeric keys are reported only for an
        // immutable buffer (whatever the index and receiver).
        if self.viewed_buffer_is_immutable(o) {
            return Ok(false);
        }
        if matches!(receiver, Value::Object(r) if r == o) {
            set_element(self, o, index, v)?;
            return Ok(true);
        }
        let Some(d) = ta_data(&self.heap, o) else {
            return Ok(false);
        };
        if valid_index(&self.heap, &d, index).is_none() {
            return Ok(true);
        }
        // OrdinarySet with the element as the own (writable data)
        // descriptor: the receiver gets the property (OrdinarySetWith-
        // OwnDescriptor, 10.1.9.2 step 2).
        let Value::Object(r) = receiver else {
            return Ok(false);
        };
        match self.get_own_property(r, key)? {
            Some(existing) => {
                if existing.is_accessor() || existing.writable == Some(false) {
                    return Ok(false);
                }
                let desc = PropertyDescriptor {
                    value: Some(v),
                    ..PropertyDescriptor::default()
                };
                self.define_own_property(r, key, desc)
            }
            None => self.create_data_property(r, key, v),
        }
    }

    /// IsImmutableBuffer(O.[[ViewedArrayBuffer]]).
    fn viewed_buffer_is_immutable(&self, o: ObjId) -> bool {
        ta_data(&self.heap, o).is_some_and(|d| is_immutable(&self.heap, d.buffer))
    }

    /// [[Delete]] (10.4.5).
    pub(crate) fn typed_array_delete(&mut self, o: ObjId, key: PropertyKey) -> bool {
        match self.canonical_numeric_index(key) {
            Some(index) => match ta_data(&self.heap, o) {
                Some(d) => valid_index(&self.heap, &d, index).is_none(),
                None => true,
            },
            None => self.ordinary_delete(o, key),
        }
    }

    /// [[OwnPropertyKeys]] (10.4.5): the valid indices ascending, then
    /// the ordinary string keys and symbols in creation order.
    pub(crate) fn typed_array_own_property_keys(&mut self, o: ObjId) -> JsResult<Vec<PropertyKey>> {
        let len = ta_data(&self.heap, o)
            .and_then(|d| view_length(&self.heap, &d))
            .unwrap_or(0);
        let mut keys = Vec::new();
        keys.try_reserve_exact(len)
            .map_err(|_| JsError::range_error("Too many properties to enumerate"))?;
        for i in 0..len as u64 {
            keys.push(super::super::support::index_key(self, i));
        }
        keys.extend(self.ordinary_own_property_keys(o));
        Ok(keys)
    }

    /// [[PreventExtensions]] (10.4.5): a TypedArray whose length
    /// can still change (a view of a resizable buffer that is
    /// length-tracking or not yet fully in bounds) refuses.
    pub(crate) fn typed_array_prevent_extensions(&mut self, o: ObjId) -> bool {
        if let Some(d) = ta_data(&self.heap, o) {
            if !is_fixed_length(self, &d) {
                return false;
            }
        }
        self.heap
            .obj_mut(o)
            .set_flag(crate::object::flags::EXTENSIBLE, false);
        true
    }
}

/// IsTypedArrayFixedLength (10.4.5).
fn is_fixed_length(vm: &Vm, d: &super::TypedArrayData) -> bool {
    if d.length.is_none() {
        return false;
    }
    let buf = d.buffer;
    crate::builtins::array_buffer::is_fixed_length(&vm.heap, buf)
        || crate::builtins::array_buffer::is_shared(&vm.heap, buf)
}
