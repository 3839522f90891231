//! Arguments exotic objects (ECMAScript 10.4.4): the [[ParameterMap]] hooks.
//!
//! A mapped arguments object's `ArgumentsData::map[i]` names the
//! environment slot that index `i` aliases. The interpreter creates these
//! objects and owns environments, so reading and writing an aliased slot goes
//! through two inherent methods the interpreter helper defines on
//! `Environment`:
//!
//! ```text
//! fn arguments_slot(&self, slot: u32) -> Value
//! fn set_arguments_slot(&mut self, slot: u32, v: Value)
//! ```
//!
//! Everything
//! else is the spec's algorithm, with "the map has P" meaning `map[P]` is
//! `Some`, and "map.[[Delete]](P)" setting it to `None`.
//!
//! Invariant: a mapped index is also an own data property of the object
//! (its stored value is stale; the environment slot is the truth).

use super::kind::MappedArg;
use super::ObjectKind;
use crate::error::JsResult;
use crate::property::PropertyDescriptor;
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::Vm;

impl Vm {
    fn mapped(&self, o: ObjId, key: PropertyKey) -> Option<MappedArg> {
        let PropertyKey::Index(i) = key else {
            return None;
        };
        match &self.heap.obj(o).kind {
            ObjectKind::Arguments(a) => a.map.get(i as usize).copied().flatten(),
            _ => None,
        }
    }
    fn unmap(&mut self, o: ObjId, key: PropertyKey) {
        if let (PropertyKey::Index(i), ObjectKind::Arguments(a)) =
            (key, &mut self.heap.obj_mut(o).kind)
        {
            if let Some(m) = a.map.get_mut(i as usize) {
                *m = None;
            }
        }
    }
    fn mapped_read(&self, m: MappedArg) -> Value {
        self.heap.env(m.env).arguments_slot(m.slot)
    }
    fn mapped_write(&mut self, m: MappedArg, v: Value) {
        self.heap.env_mut(m.env).set_arguments_slot(m.slot, v);
    }

    /// [[Get]] for a mapped index (None: use the ordinary lookup).
    pub(crate) fn arguments_mapped_get(&self, o: ObjId, key: PropertyKey) -> Option<Value> {
        self.mapped(o, key).map(|m| self.mapped_read(m))
    }

    /// [[GetOwnProperty]] (10.4.4.1).
    pub(crate) fn arguments_get_own_property(
        &mut self,
        o: ObjId,
        key: PropertyKey,
    ) -> Option<PropertyDescriptor> {
        let mut d = self.own_prop(o, key)?.to_descriptor();
        if let Some(m) = self.mapped(o, key) {
            d.value = Some(self.mapped_read(m));
        }
        Some(d)
    }

    /// [[DefineOwnProperty]] (10.4.4.2).
    pub(crate) fn arguments_define_own_property(
        &mut self,
        o: ObjId,
        key: PropertyKey,
        desc: PropertyDescriptor,
    ) -> bool {
        let mapped = self.mapped(o, key);
        let mut new_desc = desc;
        if let Some(m) = mapped {
            if desc.is_data() && desc.value.is_none() && desc.writable == Some(false) {
                new_desc.value = Some(self.mapped_read(m));
            }
        }
        if !self.ordinary_define_own_property(o, key, new_desc) {
            return false;
        }
        if let Some(m) = mapped {
            if desc.is_accessor() {
                self.unmap(o, key);
            } else {
                if let Some(v) = desc.value {
                    self.mapped_write(m, v);
                }
                if desc.writable == Some(false) {
                    self.unmap(o, key);
                }
            }
        }
        true
    }

    /// [[Set]] (10.4.4.4).
    pub(crate) fn arguments_set(
        &mut self,
        o: ObjId,
        key: PropertyKey,
        v: Value,
        receiver: Value,
    ) -> JsResult<bool> {
        if matches!(receiver, Value::Object(r) if r == o) {
            if let Some(m) = self.mapped(o, key) {
                self.mapped_write(m, v);
            }
        }
        self.ordinary_set(o, key, v, receiver)
    }

    /// [[Delete]] (10.4.4.5).
    pub(crate) fn arguments_delete(&mut self, o: ObjId, key: PropertyKey) -> bool {
        let mapped = self.mapped(o, key).is_some();
        let r = self.ordinary_delete(o, key);
        if r && mapped {
            self.unmap(o, key);
        }
        r
    }
}
