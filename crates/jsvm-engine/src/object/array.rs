//! Array exotic objects (ECMAScript 10.4.2): [[DefineOwnProperty]] and
//! ArraySetLength, with the virtual `length` property kept in the kind.
//!
//! Invariant: every element index of an Array is below its `length`.

use super::shape::PropFlags;
use super::{ObjectKind, Prop};
use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::property::PropertyDescriptor;
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::Vm;

impl Vm {
    fn array_length(&self, a: ObjId) -> (u32, bool) {
        match self.heap.obj(a).kind {
            ObjectKind::Array {
                length,
                length_writable,
            } => (length, length_writable),
            _ => (0, false),
        }
    }

    /// [[DefineOwnProperty]] of an Array (10.4.2.1).
    pub(crate) fn array_define_own_property(
        &mut self,
        a: ObjId,
        key: PropertyKey,
        desc: PropertyDescriptor,
    ) -> JsResult<bool> {
        match key {
            PropertyKey::Atom(atoms::LENGTH) => self.array_set_length(a, desc),
            PropertyKey::Index(index) => Ok(self
                .array_define_index(a, index, |vm| vm.ordinary_define_own_property(a, key, desc))),
            _ => Ok(self.ordinary_define_own_property(a, key, desc)),
        }
    }

    /// The element steps of an Array's [[DefineOwnProperty]] (10.4.2.1
    /// step 1) around `define`, the ordinary definition: beyond a
    /// read-only length it fails; else the length grows past the index.
    pub(crate) fn array_define_index(
        &mut self,
        a: ObjId,
        index: u32,
        define: impl FnOnce(&mut Vm) -> bool,
    ) -> bool {
        let (length, writable) = self.array_length(a);
        if index >= length && !writable {
            return false;
        }
        if !define(self) {
            return false;
        }
        if index >= length {
            if let ObjectKind::Array { length, .. } = &mut self.heap.obj_mut(a).kind {
                *length = index + 1;
            }
        }
        true
    }

    /// OrdinaryDefineOwnProperty(A, "length", desc) on the virtual length.
    fn array_define_length_ordinary(&mut self, a: ObjId, desc: &PropertyDescriptor) -> bool {
        let (length, writable) = self.array_length(a);
        let cur = Prop::data(
            Value::Number(length as f64),
            PropFlags(if writable { PropFlags::WRITABLE } else { 0 }),
        );
        if !self.validate_and_apply(None, true, desc, Some(cur)) {
            return false;
        }
        if let ObjectKind::Array {
            length,
            length_writable,
        } = &mut self.heap.obj_mut(a).kind
        {
            if let Some(Value::Number(n)) = desc.value {
                *length = n as u32;
            }
            if let Some(w) = desc.writable {
                *length_writable = w;
            }
        }
        true
    }

    /// ArraySetLength (10.4.2.4).
    pub(crate) fn array_set_length(
        &mut self,
        a: ObjId,
        desc: PropertyDescriptor,
    ) -> JsResult<bool> {
        let Some(value) = desc.value else {
            return Ok(self.array_define_length_ordinary(a, &desc));
        };
        let mut new_desc = desc;
        let new_len = self.to_uint32(value)?;
        let number_len = self.to_number(value)?;
        if new_len as f64 != number_len {
            return Err(JsError::range_error("Invalid array length"));
        }
        new_desc.value = Some(Value::Number(new_len as f64));
        let (old_len, old_writable) = self.array_length(a);
        if new_len >= old_len {
            return Ok(self.array_define_length_ordinary(a, &new_desc));
        }
        if !old_writable {
            return Ok(false);
        }
        let new_writable = new_desc.writable != Some(false);
        if !new_writable {
            new_desc.writable = Some(true);
        }
        if !self.array_define_length_ordinary(a, &new_desc) {
            return Ok(false);
        }
        // Delete elements >= new_len, from the highest down.
        let obj = self.heap.obj_mut(a);
        let mut stuck: Option<u32> = None;
        if obj.elements.sparse.is_none() {
            obj.elements.dense.truncate(new_len as usize);
        } else {
            let mut idx: Vec<u32> = obj
                .elements
                .indices()
                .into_iter()
                .filter(|&i| i >= new_len)
                .collect();
            idx.reverse();
            for i in idx {
                let configurable = obj.elements.get(i).is_none_or(|p| p.flags.configurable());
                if !configurable {
                    stuck = Some(i);
                    break;
                }
                obj.elements.remove(i);
            }
        }
        if let Some(i) = stuck {
            new_desc.value = Some(Value::Number(i as f64 + 1.0));
            if !new_writable {
                new_desc.writable = Some(false);
            }
            self.array_define_length_ordinary(a, &new_desc);
            return Ok(false);
        }
        if !new_writable {
            let d = PropertyDescriptor {
                writable: Some(false),
                ..PropertyDescriptor::default()
            };
            self.array_define_length_ordinary(a, &d);
        }
        Ok(true)
    }

    /// ArrayCreate(length, proto) (10.4.2.2).
    pub fn array_create(&mut self, length: f64, proto: Option<ObjId>) -> JsResult<ObjId> {
        if length > 4_294_967_295.0 {
            return Err(JsError::range_error("Invalid array length"));
        }
        let proto = match proto {
            Some(p) => Some(p),
            None => Some(self.intrinsics().array_prototype),
        };
        let a = self.new_array_with_proto(&[], proto);
        if let ObjectKind::Array { length: l, .. } = &mut self.heap.obj_mut(a).kind {
            *l = length as u32;
        }
        Ok(a)
    }
}
