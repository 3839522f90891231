//! ToPropertyDescriptor and FromPropertyDescriptor (ECMAScript 6.2.6.4-5).

use crate::atom::{atoms, Atom};
use crate::error::{JsError, JsResult};
use crate::property::{Attrs, PropertyDescriptor};
use crate::value::{PropertyKey, Value};
use crate::vm::Vm;

impl Vm {
    /// FromPropertyDescriptor (6.2.6.4): undefined for None.
    pub fn from_property_descriptor(&mut self, desc: Option<PropertyDescriptor>) -> Value {
        let Some(d) = desc else {
            return Value::Undefined;
        };
        let o = self.new_plain_object();
        let put = |vm: &mut Vm, a: Atom, v: Value| {
            vm.define_value(o, PropertyKey::Atom(a), v, Attrs::ALL);
        };
        if let Some(v) = d.value {
            put(self, atoms::VALUE, v);
        }
        if let Some(w) = d.writable {
            put(self, atoms::WRITABLE, Value::Boolean(w));
        }
        if let Some(g) = d.get {
            put(self, atoms::GET, g.map_or(Value::Undefined, Value::Object));
        }
        if let Some(s) = d.set {
            put(self, atoms::SET, s.map_or(Value::Undefined, Value::Object));
        }
        if let Some(e) = d.enumerable {
            put(self, atoms::ENUMERABLE, Value::Boolean(e));
        }
        if let Some(c) = d.configurable {
            put(self, atoms::CONFIGURABLE, Value::Boolean(c));
        }
        Value::Object(o)
    }

    /// ToPropertyDescriptor (6.2.6.5).
    pub fn to_property_descriptor(&mut self, v: Value) -> JsResult<PropertyDescriptor> {
        let Value::Object(o) = v else {
            return Err(JsError::type_error(format!(
                "Property description must be an object: {}",
                self.display_value(v)
            )));
        };
        let base = self.roots_len();
        let r = self.descriptor_fields(o, v);
        self.truncate_roots(base);
        r
    }

    fn descriptor_fields(
        &mut self,
        o: crate::value::ObjId,
        v: Value,
    ) -> JsResult<PropertyDescriptor> {
        let mut d = PropertyDescriptor::default();
        let field = |vm: &mut Vm, a: Atom| -> JsResult<Option<Value>> {
            if vm.has_property(o, PropertyKey::Atom(a))? {
                let x = vm.get(o, PropertyKey::Atom(a), v)?;
                vm.push_root(x);
                Ok(Some(x))
            } else {
                Ok(None)
            }
        };
        if let Some(x) = field(self, atoms::ENUMERABLE)? {
            d.enumerable = Some(self.to_boolean(x));
        }
        if let Some(x) = field(self, atoms::CONFIGURABLE)? {
            d.configurable = Some(self.to_boolean(x));
        }
        if let Some(x) = field(self, atoms::VALUE)? {
            d.value = Some(x);
        }
        if let Some(x) = field(self, atoms::WRITABLE)? {
            d.writable = Some(self.to_boolean(x));
        }
        if let Some(x) = field(self, atoms::GET)? {
            if !x.is_undefined() && !self.is_callable(x) {
                return Err(JsError::type_error(format!(
                    "Getter must be a function: {}",
                    self.display_value(x)
                )));
            }
            d.get = Some(x.as_object());
        }
        if let Some(x) = field(self, atoms::SET)? {
            if !x.is_undefined() && !self.is_callable(x) {
                return Err(JsError::type_error(format!(
                    "Setter must be a function: {}",
                    self.display_value(x)
                )));
            }
            d.set = Some(x.as_object());
        }
        if (d.get.is_some() || d.set.is_some()) && (d.value.is_some() || d.writable.is_some()) {
            return Err(JsError::type_error(
                "Invalid property descriptor. Cannot both specify accessors and a value or writable attribute",
            ));
        }
        Ok(d)
    }
}
