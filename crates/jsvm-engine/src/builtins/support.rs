//! Small helpers shared by the array, string, number, math, JSON and iterator
//! built-ins: property keys for integer indices up to 2^53 - 1, rooted
//! scratch slots, and defining constructors/prototypes during realm setup.
//!
//! Invariant: nothing here runs JavaScript except where a doc comment says
//! so; slot helpers only touch `Vm::roots` above the native's own base.

use crate::atom::atoms;
use crate::property::Attrs;
use crate::realm::Intrinsics;
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

/// 2^53 - 1, the largest length of an array-like (ToLength's clamp).
pub const MAX_SAFE_INTEGER: f64 = 9007199254740991.0;

/// The property key for the integer index `i` (0 ..= 2^53 - 1): canonical
/// array indices are `PropertyKey::Index`, larger ones are atoms of their
/// decimal form (which is also their Number::toString form below 1e21).
pub fn index_key(vm: &mut Vm, i: u64) -> PropertyKey {
    if i < u32::MAX as u64 {
        PropertyKey::Index(i as u32)
    } else {
        vm.key(&i.to_string())
    }
}

/// Same as `index_key` for an integral `f64` in 0 ..= 2^53 - 1 (what
/// LengthOfArrayLike and ToIntegerOrInfinity-clamped indices produce).
pub fn index_key_f(vm: &mut Vm, i: f64) -> PropertyKey {
    index_key(vm, i as u64)
}

/// A rooted scratch slot: a fixed position in `Vm::roots` that native code
/// overwrites instead of pushing a new root per loop iteration.
#[derive(Clone, Copy, Debug)]
pub struct Slot(usize);

impl Slot {
    /// Pushes a new root holding `v` and returns its slot.
    pub fn new(vm: &mut Vm, v: Value) -> Slot {
        let i = vm.roots_len();
        vm.push_root(v);
        Slot(i)
    }
    pub fn set(self, vm: &mut Vm, v: Value) {
        if let Some(r) = vm.roots.get_mut(self.0) {
            *r = v;
        }
    }
    pub fn get(self, vm: &Vm) -> Value {
        vm.roots.get(self.0).copied().unwrap_or(Value::Undefined)
    }
}

/// The intrinsics of `realm`.
pub fn intrinsics(vm: &Vm, realm: RealmId) -> &Intrinsics {
    &vm.realms[realm.0 as usize].intrinsics
}

/// The intrinsics of `realm`, mutably (to install real constructors).
pub fn intrinsics_mut(vm: &mut Vm, realm: RealmId) -> &mut Intrinsics {
    &mut vm.realms[realm.0 as usize].intrinsics
}

/// The intrinsics of the current realm.
pub fn current(vm: &Vm) -> &Intrinsics {
    intrinsics(vm, vm.current_realm)
}

/// Links a constructor and its prototype the way every built-in class does:
/// `C.prototype` (non-writable, non-enumerable, non-configurable) and
/// `C.prototype.constructor` (writable, configurable).
pub fn link_constructor(vm: &mut Vm, ctor: ObjId, proto: ObjId) {
    vm.define_value(
        ctor,
        PropertyKey::Atom(atoms::PROTOTYPE),
        Value::Object(proto),
        Attrs::NONE,
    );
    vm.define_value(
        proto,
        PropertyKey::Atom(atoms::CONSTRUCTOR),
        Value::Object(ctor),
        Attrs::METHOD,
    );
}

/// Defines `@@toStringTag` on `o` as a configurable, non-writable string.
pub fn define_to_string_tag(vm: &mut Vm, o: ObjId, tag: &str) {
    let s = vm.new_string(tag);
    let sym = vm.symbols.to_string_tag;
    vm.define_value(
        o,
        PropertyKey::Symbol(sym),
        Value::String(s),
        Attrs::CONFIGURABLE_ONLY,
    );
}

/// Defines a data property with a Rust-string name.
pub fn define_named(vm: &mut Vm, o: ObjId, name: &str, v: Value, attrs: Attrs) {
    let key = vm.key(name);
    vm.define_value(o, key, v, attrs);
}

/// Converts an argument with ToIntegerOrInfinity and clamps a relative index
/// into 0 ..= len (the `relativeStart` dance of slice, splice, fill...).
pub fn relative_index(
    vm: &mut Vm,
    v: Value,
    len: f64,
    default: f64,
) -> crate::error::JsResult<f64> {
    let rel = if v.is_undefined() {
        default
    } else {
        vm.to_integer_or_infinity(v)?
    };
    Ok(clamp_relative(rel, len))
}

/// Clamps an already-converted relative index into 0 ..= len.
pub fn clamp_relative(rel: f64, len: f64) -> f64 {
    if rel == f64::NEG_INFINITY {
        0.0
    } else if rel < 0.0 {
        (len + rel).max(0.0)
    } else {
        rel.min(len)
    }
}

/// The kind (internal slots) of object `o`.
pub fn kind(vm: &Vm, o: ObjId) -> &crate::object::kind::ObjectKind {
    &vm.heap.obj(o).kind
}

/// The kind of object `o`, mutably.
pub fn kind_mut(vm: &mut Vm, o: ObjId) -> &mut crate::object::kind::ObjectKind {
    &mut vm.heap.obj_mut(o).kind
}

/// Allocates an object of the given kind and prototype.
pub fn new_object_with_kind(
    vm: &mut Vm,
    proto: Option<ObjId>,
    kind: crate::object::kind::ObjectKind,
) -> ObjId {
    vm.alloc_object(kind, proto)
}

/// GetFunctionRealm(obj) (7.3.24): the realm a function object was created
/// in; bound functions and proxies defer to their target (a revoked proxy
/// throws a TypeError).
pub fn function_realm(vm: &Vm, o: ObjId) -> crate::error::JsResult<RealmId> {
    use crate::object::kind::ObjectKind;
    let mut cur = o;
    // Bound-function and proxy chains are finite; the bound guards against
    // pathological depth.
    for _ in 0..1_000_000 {
        match kind(vm, cur) {
            ObjectKind::Function(f) => return Ok(f.realm),
            ObjectKind::BoundFunction(b) => cur = b.target,
            ObjectKind::Proxy(p) => match p.target {
                Some(t) => cur = t,
                None => {
                    return Err(crate::error::JsError::type_error(
                        "Cannot perform operation on a revoked proxy",
                    ))
                }
            },
            _ => return Ok(vm.current_realm),
        }
    }
    Ok(vm.current_realm)
}

/// Helpers for the built-ins' unit tests: a fresh `Vm`, property lookup by
/// dotted path, calling natives through `Vm::call`, and reading results.
#[cfg(test)]
pub(crate) mod testing {
    use crate::error::JsResult;
    use crate::value::{ObjId, Value};
    use crate::vm::{Vm, VmOptions};

    pub fn vm() -> Vm {
        let opts = VmOptions {
            gc_stress: false,
            ..VmOptions::default()
        };
        Vm::new_with_interp(opts, crate::interp::InterpState::new())
    }

    /// The value at a dotted path from the global object, e.g.
    /// "Array.prototype.map".
    pub fn path(vm: &mut Vm, p: &str) -> Value {
        let mut v = Value::Object(vm.global_object());
        for part in p.split('.') {
            let key = vm.key(part);
            v = vm.get_v(v, key).expect("path lookup");
        }
        v
    }

    /// Calls the function at `p` with `this` and `args`.
    pub fn call(vm: &mut Vm, p: &str, this: Value, args: &[Value]) -> JsResult<Value> {
        let f = path(vm, p);
        vm.call(f, this, args)
    }

    pub fn s(vm: &mut Vm, text: &str) -> Value {
        Value::String(vm.new_string(text))
    }

    pub fn n(x: f64) -> Value {
        Value::Number(x)
    }

    pub fn arr(vm: &mut Vm, values: &[Value]) -> Value {
        Value::Object(vm.new_array(values))
    }

    /// ToString of a value, as a Rust string.
    pub fn text(vm: &mut Vm, v: Value) -> String {
        let s = vm.to_string(v).expect("ToString");
        vm.string_to_rust(s)
    }

    /// Array contents joined with "," (via Array.prototype.join).
    pub fn joined(vm: &mut Vm, v: Value) -> String {
        let r = call(vm, "Array.prototype.join", v, &[]).expect("join");
        text(vm, r)
    }

    /// A native callback as a function object.
    pub fn native(vm: &mut Vm, f: crate::function::NativeFn) -> Value {
        let name = vm.key("cb");
        Value::Object(vm.new_native_function(name, 1, f, false))
    }

    /// The error kind name and message of a failed call.
    pub fn err_text(vm: &mut Vm, r: JsResult<Value>) -> String {
        match r {
            Ok(v) => format!("ok: {}", text(vm, v)),
            Err(crate::error::JsError::Native(n)) => {
                format!("{}: {}", n.kind.name(), n.message)
            }
            Err(e) => {
                let v = vm.error_to_value(e);
                text(vm, v)
            }
        }
    }

    pub fn obj(v: Value) -> ObjId {
        v.as_object().expect("object")
    }
}
