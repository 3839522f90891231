//! String exotic objects (ECMAScript 10.4.3): the virtual index properties
//! and `length` of String wrapper objects (and of string primitives, for
//! GetV).
//!
//! Invariant: indices below the string's length and `length` are never in
//! the object's storage (defining them only validates).

use super::shape::PropFlags;
use super::{ObjectKind, Prop};
use crate::atom::atoms;
use crate::property::PropertyDescriptor;
use crate::value::{ObjId, PropertyKey, StrId, Value};
use crate::vm::Vm;

impl Vm {
    /// StringGetOwnProperty (10.4.3.5) plus the `length` property.
    pub(crate) fn string_own_prop(&mut self, s: StrId, key: PropertyKey) -> Option<Prop> {
        match key {
            PropertyKey::Index(i) => {
                let unit = self.heap.str(s).get(i as usize)?;
                let v = Value::String(self.unit_string(unit));
                Some(Prop::data(v, PropFlags(PropFlags::ENUMERABLE)))
            }
            PropertyKey::Atom(atoms::LENGTH) => Some(Prop::data(
                Value::Number(self.heap.str(s).len() as f64),
                PropFlags(0),
            )),
            _ => None,
        }
    }

    /// The value of a string primitive's own property, if it has one.
    pub(crate) fn string_own_value(&mut self, s: StrId, key: PropertyKey) -> Option<Value> {
        match key {
            PropertyKey::Index(i) => {
                let unit = self.heap.str(s).get(i as usize)?;
                Some(Value::String(self.unit_string(unit)))
            }
            PropertyKey::Atom(atoms::LENGTH) => Some(Value::Number(self.heap.str(s).len() as f64)),
            _ => None,
        }
    }

    /// [[DefineOwnProperty]] of a String object (10.4.3.2).
    pub(crate) fn string_define_own_property(
        &mut self,
        o: ObjId,
        key: PropertyKey,
        desc: PropertyDescriptor,
    ) -> bool {
        let ObjectKind::String(s) = self.heap.obj(o).kind else {
            return self.ordinary_define_own_property(o, key, desc);
        };
        if let Some(cur) = self.string_own_prop(s, key) {
            let ext = self.heap.obj(o).is_extensible();
            return self.validate_and_apply(None, ext, &desc, Some(cur));
        }
        self.ordinary_define_own_property(o, key, desc)
    }
}
