//! Ordinary object internal methods (ECMAScript 10.1) over the storage of
//! `storage.rs`, including ValidateAndApplyPropertyDescriptor.
//!
//! Invariant: these never look at a proxy's handler; the dispatchers in
//! `object/mod.rs` route exotic kinds to their own code first.

use super::shape::PropFlags;
use super::{flags, ObjectKind, Prop};
use crate::error::JsResult;
use crate::property::PropertyDescriptor;
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::Vm;

impl Vm {
    /// OrdinarySetPrototypeOf (10.1.2.1).
    pub(crate) fn ordinary_set_prototype_of(&mut self, o: ObjId, v: Option<ObjId>) -> bool {
        let obj = self.heap.obj(o);
        if obj.proto == v {
            return true;
        }
        if !obj.is_extensible() {
            return false;
        }
        let mut p = v;
        while let Some(pp) = p {
            if pp == o {
                return false;
            }
            let po = self.heap.obj(pp);
            if po.is_proxy() {
                break;
            }
            p = po.proto;
        }
        let (obj, shapes) = self.heap.objects_get_mut(o);
        if obj.flags & flags::PROTO_CACHED != 0 {
            shapes.invalidate_proto_caches();
        }
        obj.proto = v;
        true
    }

    /// OrdinaryDefineOwnProperty (10.1.6.1) on storage.
    pub(crate) fn ordinary_define_own_property(
        &mut self,
        o: ObjId,
        key: PropertyKey,
        desc: PropertyDescriptor,
    ) -> bool {
        let obj = self.heap.obj(o);
        let current = obj.find_own(&self.heap.shapes, key);
        let extensible = obj.is_extensible();
        self.validate_and_apply(Some((o, key)), extensible, &desc, current)
    }

    /// ValidateAndApplyPropertyDescriptor (10.1.6.3). With `target` None it
    /// only validates (IsCompatiblePropertyDescriptor).
    pub(crate) fn validate_and_apply(
        &mut self,
        target: Option<(ObjId, PropertyKey)>,
        extensible: bool,
        desc: &PropertyDescriptor,
        current: Option<Prop>,
    ) -> bool {
        let Some(cur) = current else {
            if !extensible {
                return false;
            }
            if let Some((o, key)) = target {
                let p = if desc.is_accessor() {
                    Prop {
                        value: obj_or_undef(desc.get.flatten()),
                        setter: obj_or_undef(desc.set.flatten()),
                        flags: PropFlags::accessor(
                            desc.enumerable.unwrap_or(false),
                            desc.configurable.unwrap_or(false),
                        ),
                    }
                } else {
                    Prop::data(
                        desc.value.unwrap_or(Value::Undefined),
                        data_flags(
                            desc.writable.unwrap_or(false),
                            desc.enumerable.unwrap_or(false),
                            desc.configurable.unwrap_or(false),
                        ),
                    )
                };
                let (obj, shapes) = self.heap.objects_get_mut(o);
                obj.put_own(shapes, key, p);
            }
            return true;
        };
        if desc.is_generic() && desc.enumerable.is_none() && desc.configurable.is_none() {
            return true;
        }
        let cf = cur.flags;
        if !cf.configurable() {
            if desc.configurable == Some(true) {
                return false;
            }
            if desc.enumerable.is_some_and(|e| e != cf.enumerable()) {
                return false;
            }
            if !desc.is_generic() && desc.is_accessor() != cf.is_accessor() {
                return false;
            }
            if cf.is_accessor() {
                if desc.get.is_some_and(|g| g != cur.value.as_object()) {
                    return false;
                }
                if desc.set.is_some_and(|s| s != cur.setter.as_object()) {
                    return false;
                }
            } else if !cf.writable() {
                if desc.writable == Some(true) {
                    return false;
                }
                if let Some(v) = desc.value {
                    if !self.same_value(v, cur.value) {
                        return false;
                    }
                }
            }
        }
        let Some((o, key)) = target else {
            return true;
        };
        let enumerable = desc.enumerable.unwrap_or(cf.enumerable());
        let configurable = desc.configurable.unwrap_or(cf.configurable());
        let p = if !cf.is_accessor() && desc.is_accessor() {
            Prop {
                value: obj_or_undef(desc.get.flatten()),
                setter: obj_or_undef(desc.set.flatten()),
                flags: PropFlags::accessor(enumerable, configurable),
            }
        } else if cf.is_accessor() && desc.is_data() {
            Prop::data(
                desc.value.unwrap_or(Value::Undefined),
                data_flags(desc.writable.unwrap_or(false), enumerable, configurable),
            )
        } else if cf.is_accessor() {
            Prop {
                value: desc.get.map_or(cur.value, obj_or_undef),
                setter: desc.set.map_or(cur.setter, obj_or_undef),
                flags: PropFlags::accessor(enumerable, configurable),
            }
        } else {
            Prop::data(
                desc.value.unwrap_or(cur.value),
                data_flags(
                    desc.writable.unwrap_or(cf.writable()),
                    enumerable,
                    configurable,
                ),
            )
        };
        self.apply_own(o, key, p);
        true
    }

    /// Writes a validated property (handles the virtual Array `length`).
    fn apply_own(&mut self, o: ObjId, key: PropertyKey, p: Prop) {
        let (obj, shapes) = self.heap.objects_get_mut(o);
        obj.put_own(shapes, key, p);
    }

    /// OrdinarySet / OrdinarySetWithOwnDescriptor (10.1.9.2), walking the
    /// prototype chain iteratively.
    pub(crate) fn ordinary_set(
        &mut self,
        o: ObjId,
        key: PropertyKey,
        v: Value,
        receiver: Value,
    ) -> JsResult<bool> {
        let mut cur = o;
        let own = loop {
            if cur != o {
                match &self.heap.obj(cur).kind {
                    ObjectKind::Proxy(_) | ObjectKind::Arguments(_) | ObjectKind::TypedArray(_) => {
                        return self.set(cur, key, v, receiver);
                    }
                    _ => {}
                }
            }
            match self.own_prop(cur, key) {
                Some(p) => break p,
                None => match self.heap.obj(cur).proto {
                    Some(p) => cur = p,
                    None => break Prop::data(Value::Undefined, PropFlags::DEFAULT),
                },
            }
        };
        if own.flags.is_accessor() {
            return match own.setter {
                Value::Undefined => Ok(false),
                setter => {
                    self.call(setter, receiver, &[v])?;
                    Ok(true)
                }
            };
        }
        if !own.flags.writable() {
            return Ok(false);
        }
        let Value::Object(r) = receiver else {
            return Ok(false);
        };
        // Fast path: the receiver is a plain object that itself holds the
        // writable data property found above.
        if r == cur && self.is_plain_storage(r, key) {
            let (obj, shapes) = self.heap.objects_get_mut(r);
            obj.put_own(shapes, key, Prop::data(v, own.flags));
            return Ok(true);
        }
        match self.get_own_property(r, key)? {
            Some(existing) => {
                if existing.is_accessor() || existing.writable == Some(false) {
                    return Ok(false);
                }
                let d = PropertyDescriptor {
                    value: Some(v),
                    ..PropertyDescriptor::default()
                };
                self.define_own_property(r, key, d)
            }
            None => self.create_data_property(r, key, v),
        }
    }

    /// True when property `key` of `o` lives in plain storage with ordinary
    /// define semantics (no exotic hook applies to it).
    fn is_plain_storage(&self, o: ObjId, key: PropertyKey) -> bool {
        match &self.heap.obj(o).kind {
            ObjectKind::Proxy(_) | ObjectKind::Arguments(_) | ObjectKind::String(_) => false,
            ObjectKind::Array { .. } => key != PropertyKey::Atom(crate::atom::atoms::LENGTH),
            _ => true,
        }
    }

    /// OrdinaryDelete (10.1.10.1), with the virtual properties of Array and
    /// String objects (both non-configurable).
    pub(crate) fn ordinary_delete(&mut self, o: ObjId, key: PropertyKey) -> bool {
        match self.own_prop(o, key) {
            None => true,
            Some(p) if p.flags.configurable() => {
                let (obj, shapes) = self.heap.objects_get_mut(o);
                obj.remove_own(shapes, key);
                true
            }
            Some(_) => false,
        }
    }

    /// OrdinaryOwnPropertyKeys (10.1.11.1) plus the virtual keys of Array
    /// and String exotic objects.
    pub(crate) fn ordinary_own_property_keys(&mut self, o: ObjId) -> Vec<PropertyKey> {
        let obj = self.heap.obj(o);
        let mut keys = Vec::new();
        let mut idx = obj.elements.indices();
        match &obj.kind {
            ObjectKind::String(s) => {
                let n = self.heap.str(*s).len() as u32;
                keys.extend((0..n).map(PropertyKey::Index));
                idx.retain(|&i| i >= n);
                keys.extend(idx.into_iter().map(PropertyKey::Index));
                keys.push(PropertyKey::Atom(crate::atom::atoms::LENGTH));
            }
            ObjectKind::Array { .. } => {
                keys.extend(idx.into_iter().map(PropertyKey::Index));
                keys.push(PropertyKey::Atom(crate::atom::atoms::LENGTH));
            }
            _ => keys.extend(idx.into_iter().map(PropertyKey::Index)),
        }
        let (strings, symbols) = obj.named_keys(&self.heap.shapes);
        keys.extend(strings);
        keys.extend(symbols);
        keys
    }

    /// Makes `o` non-extensible and every own property non-configurable
    /// (and data properties non-writable when `freeze`), without running JS.
    /// For non-proxy objects only (SetIntegrityLevel's fast path).
    pub(crate) fn set_integrity_level_fast(&mut self, o: ObjId, freeze: bool) {
        let (obj, shapes) = self.heap.objects_get_mut(o);
        obj.set_flag(flags::EXTENSIBLE, false);
        let adjust = |f: PropFlags| {
            let mut b = f.0 & !PropFlags::CONFIGURABLE;
            if freeze && !f.is_accessor() {
                b &= !PropFlags::WRITABLE;
            }
            PropFlags(b)
        };
        obj.reflag_all(shapes, adjust);
        let idx = obj.elements.indices();
        if !idx.is_empty() {
            let m = obj.elements.make_sparse();
            for p in m.values_mut() {
                p.flags = adjust(p.flags);
            }
        }
        if let ObjectKind::Array {
            length_writable, ..
        } = &mut obj.kind
        {
            if freeze {
                *length_writable = false;
            }
        }
    }
}

fn obj_or_undef(o: Option<crate::value::ObjId>) -> Value {
    o.map_or(Value::Undefined, Value::Object)
}

fn data_flags(writable: bool, enumerable: bool, configurable: bool) -> PropFlags {
    let mut f = 0;
    if writable {
        f |= PropFlags::WRITABLE;
    }
    if enumerable {
        f |= PropFlags::ENUMERABLE;
    }
    if configurable {
        f |= PropFlags::CONFIGURABLE;
    }
    PropFlags(f)
}

pub(crate) fn prop_flags(writable: bool, enumerable: bool, configurable: bool) -> PropFlags {
    data_flags(writable, enumerable, configurable)
}
