//! Built-in function objects (CreateBuiltinFunction, 10.3.4) and helpers to
//! define methods and accessors on intrinsics.

use crate::atom::atoms;
use crate::function::NativeFn;
use crate::object::kind::NativeFunction;
use crate::object::ObjectKind;
use crate::property::Attrs;
use crate::value::{ObjId, PropertyKey, StrId, SymId, Value};
use crate::vm::Vm;

impl Vm {
    /// CreateBuiltinFunction: a native function object of the current realm
    /// with `length` and `name` set; constructors get [[Construct]].
    pub fn new_native_function(
        &mut self,
        name: PropertyKey,
        length: u32,
        f: NativeFn,
        constructor: bool,
    ) -> ObjId {
        let n = self.function_name_string(name, None);
        let o = self.alloc_native(f, &[], length, n);
        self.heap.obj_mut(o).set_constructor(constructor);
        o
    }
    /// Like `new_native_function` with captured values, read back with
    /// `native_slot` (e.g. a promise's resolving functions).
    pub fn new_native_closure(
        &mut self,
        name: PropertyKey,
        length: u32,
        f: NativeFn,
        slots: &[Value],
    ) -> ObjId {
        let n = self.function_name_string(name, None);
        self.alloc_native(f, slots, length, n)
    }
    /// A built-in function object of the current realm with its captured
    /// `slots`, SetFunctionLength(length) and SetFunctionName(name): made
    /// directly with the final shape (`length` then `name`, configurable
    /// only), as if the two properties had been defined in that order.
    fn alloc_native(&mut self, f: NativeFn, slots: &[Value], length: u32, name: StrId) -> ObjId {
        let realm = self.current_realm;
        let proto = self.intrinsics().function_prototype;
        let shape = self.heap.shapes.common.builtin_function;
        self.alloc_with_shape(
            ObjectKind::Function(NativeFunction {
                f,
                realm,
                slots: crate::object::kind::NativeSlots::from_slice(slots),
            }),
            Some(proto),
            shape,
            &[Value::Number(length as f64), Value::String(name)],
        )
    }
    /// The function name SetFunctionName (10.2.9) derives from a key:
    /// symbols become "[description]" (or ""), with an optional prefix
    /// ("get", "set", "bound").
    pub fn function_name_string(&mut self, name: PropertyKey, prefix: Option<&str>) -> StrId {
        let base: Vec<u16> = match name {
            PropertyKey::Atom(a) => {
                if prefix.is_none() {
                    return self.atom_string(a);
                }
                self.atoms.view(a).to_units()
            }
            PropertyKey::Index(i) => i.to_string().encode_utf16().collect(),
            PropertyKey::Symbol(s) => match self.heap.symbol(s).description {
                None => Vec::new(),
                Some(d) => {
                    let mut v: Vec<u16> = vec![b'[' as u16];
                    v.extend(self.heap.str(d).units());
                    v.push(b']' as u16);
                    v
                }
            },
        };
        match prefix {
            None => self.new_string_utf16(&base),
            Some(p) => {
                let mut v: Vec<u16> = p.encode_utf16().collect();
                v.push(b' ' as u16);
                v.extend(base);
                self.new_string_utf16(&v)
            }
        }
    }
    pub fn native_slot(&self, f: ObjId, i: usize) -> Value {
        match &self.heap.obj(f).kind {
            ObjectKind::Function(n) => n.slots.get(i).copied().unwrap_or(Value::Undefined),
            _ => Value::Undefined,
        }
    }
    pub fn set_native_slot(&mut self, f: ObjId, i: usize, v: Value) {
        if let ObjectKind::Function(n) = &mut self.heap.obj_mut(f).kind {
            if let Some(s) = n.slots.get_mut(i) {
                *s = v;
            }
        }
    }
    /// Defines a built-in method `name` on `o` (writable, configurable).
    pub fn define_method(&mut self, o: ObjId, name: &str, length: u32, f: NativeFn) -> ObjId {
        let key = self.key(name);
        let func = self.new_native_function(key, length, f, false);
        self.define_value(o, key, Value::Object(func), Attrs::METHOD);
        func
    }
    /// Same for symbol-keyed methods (`[Symbol.iterator]` gets the name
    /// "[Symbol.iterator]").
    pub fn define_method_sym(&mut self, o: ObjId, sym: SymId, length: u32, f: NativeFn) -> ObjId {
        let key = PropertyKey::Symbol(sym);
        let func = self.new_native_function(key, length, f, false);
        self.define_value(o, key, Value::Object(func), Attrs::METHOD);
        func
    }
    /// Defines a built-in accessor (`get name`/`set name` functions).
    pub fn define_accessor(
        &mut self,
        o: ObjId,
        key: PropertyKey,
        getter: Option<NativeFn>,
        setter: Option<NativeFn>,
        attrs: Attrs,
    ) {
        let g = getter.map(|f| {
            let n = self.function_name_string(key, Some("get"));
            self.alloc_native(f, &[], 0, n)
        });
        let s = setter.map(|f| {
            let n = self.function_name_string(key, Some("set"));
            self.alloc_native(f, &[], 1, n)
        });
        self.define_accessor_raw(o, key, g, s, attrs);
    }
    /// Installs a real constructor `f` as `name` on the realm's global object
    /// with `prototype` wired both ways (constructor.prototype is
    /// non-writable, non-enumerable, non-configurable; prototype.constructor
    /// is a method-style property). Returns the constructor.
    pub fn make_constructor(
        &mut self,
        name: &str,
        length: u32,
        f: NativeFn,
        prototype: ObjId,
    ) -> ObjId {
        let key = self.key(name);
        let c = self.new_native_function(key, length, f, true);
        self.define_value(
            c,
            PropertyKey::Atom(atoms::PROTOTYPE),
            Value::Object(prototype),
            Attrs::NONE,
        );
        self.define_value(
            prototype,
            PropertyKey::Atom(atoms::CONSTRUCTOR),
            Value::Object(c),
            Attrs::METHOD,
        );
        c
    }
}
