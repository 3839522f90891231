//! Functions and classes: closure creation, SetFunctionName for computed
//! keys, ClassDefinitionEvaluation's object creation, method and accessor
//! definition, `super` property access, and private names.
//!
//! A Private Name (6.2.12) is represented by an internal object that is
//! never visible to JS: an `ObjectKind::WeakMap` whose ephemeron table maps
//! each object having the private element to its value (the collector then
//! frees elements of dead objects and of dead classes for free). The name's
//! description is its own `name` property; for methods and accessors its
//! own elements 0 (kind), 1 (getter) and 2 (setter) describe the element.
//!
//! Invariant: a private name object's kind is set once by the first element
//! added and is the same for every object holding the element (a class
//! declares each `#x` exactly once as field, method or accessor).

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::interp::closure::{closure_of, create_closure, set_home_object};
use crate::interp::code::CodeUnit;
use crate::interp::run::bad_code;
use crate::object::weak::{WeakKey, WeakTable};
use crate::object::ObjectKind;
use crate::property::{Attrs, PropertyDescriptor};
use crate::value::{EnvId, ObjId, PropertyKey, Value};
use crate::vm::Vm;

/// `LoadHomeObject`: the callee's [[HomeObject]] or undefined.
pub(crate) fn home_object(vm: &Vm, callee: Value) -> Value {
    match callee {
        Value::Object(f) => closure_of(vm, f)
            .and_then(|c| c.home_object)
            .map_or(Value::Undefined, Value::Object),
        _ => Value::Undefined,
    }
}

/// `Closure`: a new function object for the `Function` constant `idx`.
pub(crate) fn closure(vm: &mut Vm, unit: &CodeUnit, idx: u32, env: EnvId) -> JsResult<Value> {
    let Some(child) = unit.child(vm, idx) else {
        return Err(bad_code("Closure of a non-function constant"));
    };
    Ok(Value::Object(create_closure(vm, child, env, None)))
}

/// `SetFunctionName` for a key computed at run time. A class whose static
/// elements already defined their own `name` keeps it.
pub(crate) fn set_function_name(vm: &mut Vm, f: Value, key: Value, prefix: u8) -> JsResult<()> {
    let Value::Object(fo) = f else {
        return Ok(());
    };
    let key = match key {
        Value::String(s) => vm.string_to_key(s),
        Value::Symbol(s) => PropertyKey::Symbol(s),
        other => vm.to_property_key(other)?,
    };
    let existing = vm.get_own_property(fo, PropertyKey::Atom(atoms::NAME))?;
    if let Some(d) = existing {
        if !matches!(d.value, Some(Value::String(_))) {
            return Ok(());
        }
    }
    let p = match prefix {
        1 => Some("get"),
        2 => Some("set"),
        _ => None,
    };
    let name = vm.function_name_string(key, p);
    vm.define_value(
        fo,
        PropertyKey::Atom(atoms::NAME),
        Value::String(name),
        Attrs::CONFIGURABLE_ONLY,
    );
    Ok(())
}

/// ClassDefinitionEvaluation steps that create the prototype and the
/// constructor (15.7.14 steps 5-8, 14-18): `superclass` is the heritage
/// value for `extends`.
pub(crate) fn create_class(
    vm: &mut Vm,
    unit: &CodeUnit,
    idx: u32,
    env: EnvId,
    superclass: Option<Value>,
) -> JsResult<(Value, Value)> {
    let (proto_parent, ctor_parent) = match superclass {
        None => {
            let i = vm.intrinsics();
            (Some(i.object_prototype), i.function_prototype)
        }
        Some(Value::Null) => (None, vm.intrinsics().function_prototype),
        Some(sup) => {
            let Value::Object(so) = sup else {
                return Err(JsError::type_error(format!(
                    "Class extends value {} is not a constructor or null",
                    vm.display_value(sup)
                )));
            };
            if !vm.is_constructor(sup) {
                return Err(JsError::type_error(format!(
                    "Class extends value {} is not a constructor or null",
                    vm.display_value(sup)
                )));
            }
            let pp = vm.get(so, PropertyKey::Atom(atoms::PROTOTYPE), sup)?;
            match pp {
                Value::Object(p) => (Some(p), so),
                Value::Null => (None, so),
                other => {
                    return Err(JsError::type_error(format!(
                        "Class extends value does not have valid prototype property {}",
                        vm.display_value(other)
                    )))
                }
            }
        }
    };
    let Some(child) = unit.child(vm, idx) else {
        return Err(bad_code("CreateClass of a non-function constant"));
    };
    // Nothing below runs JS, so no collection can happen before the new
    // objects reach registers.
    let proto = vm.new_object(proto_parent);
    let f = create_closure(vm, child, env, Some(ctor_parent));
    set_home_object(vm, f, proto);
    vm.define_value(
        f,
        PropertyKey::Atom(atoms::PROTOTYPE),
        Value::Object(proto),
        Attrs::NONE,
    );
    vm.define_value(
        proto,
        PropertyKey::Atom(atoms::CONSTRUCTOR),
        Value::Object(f),
        Attrs::METHOD,
    );
    Ok((Value::Object(f), Value::Object(proto)))
}

fn target(o: Value) -> JsResult<ObjId> {
    match o {
        Value::Object(o) => Ok(o),
        _ => Err(bad_code("method definition on a primitive")),
    }
}

/// `DefineMethod`: a non-enumerable method property.
pub(crate) fn define_method(vm: &mut Vm, o: Value, k: Value, f: Value) -> JsResult<()> {
    let obj = target(o)?;
    let key = vm.to_property_key(k)?;
    vm.define_property_or_throw(obj, key, PropertyDescriptor::data(f, true, false, true))
}

/// `DefineGetter` / `DefineSetter`.
pub(crate) fn define_accessor(
    vm: &mut Vm,
    o: Value,
    k: Value,
    f: Value,
    getter: bool,
    enumerable: bool,
) -> JsResult<()> {
    let obj = target(o)?;
    let key = vm.to_property_key(k)?;
    let fo = f.as_object();
    let desc = PropertyDescriptor {
        get: if getter { Some(fo) } else { None },
        set: if getter { None } else { Some(fo) },
        enumerable: Some(enumerable),
        configurable: Some(true),
        ..PropertyDescriptor::default()
    };
    vm.define_property_or_throw(obj, key, desc)
}

// ---- super ----

/// GetSuperConstructor: the active function's [[GetPrototypeOf]]().
pub(crate) fn get_super_constructor(vm: &mut Vm, func: Value) -> JsResult<Value> {
    let Value::Object(f) = func else {
        return Err(bad_code("GetSuperConstructor without an active function"));
    };
    Ok(vm.get_prototype_of(f)?.map_or(Value::Null, Value::Object))
}

fn super_base(vm: &mut Vm, home: Value) -> JsResult<ObjId> {
    let Value::Object(h) = home else {
        return Err(bad_code("super access without a home object"));
    };
    match vm.get_prototype_of(h)? {
        Some(b) => Ok(b),
        None => Err(JsError::type_error(
            "Cannot read properties of null (super base)",
        )),
    }
}

/// `super[key]`.
pub(crate) fn get_super(vm: &mut Vm, home: Value, k: Value, this: Value) -> JsResult<Value> {
    // GetSuperBase happens before ToPropertyKey (13.3.7.1, 6.2.5.5).
    let base = super_base(vm, home)?;
    let roots = vm.roots_len();
    vm.push_root(Value::Object(base));
    let key = vm.to_property_key(k);
    vm.truncate_roots(roots);
    vm.get(base, key?, this)
}

/// `super[key] = v`.
pub(crate) fn set_super(
    vm: &mut Vm,
    home: Value,
    k: Value,
    v: Value,
    this: Value,
    strict: bool,
) -> JsResult<()> {
    let base = super_base(vm, home)?;
    let roots = vm.roots_len();
    vm.push_root(Value::Object(base));
    let key = vm.to_property_key(k);
    vm.truncate_roots(roots);
    let key = key?;
    let ok = vm.set(base, key, v, this)?;
    if !ok && strict {
        return Err(JsError::type_error(format!(
            "Cannot assign to read only property '{}' of object",
            vm.key_display(key)
        )));
    }
    Ok(())
}

// ---- Private names ----

const KIND_FIELD: f64 = 0.0;
const KIND_METHOD: f64 = 1.0;
const KIND_ACCESSOR: f64 = 2.0;

/// `NewPrivateName`: a fresh private name described by `description`.
pub(crate) fn new_private_name(vm: &mut Vm, description: PropertyKey) -> Value {
    let o = vm.alloc_object(ObjectKind::WeakMap(WeakTable::new()), None);
    let d = vm.key_to_value(description);
    vm.define_value(o, PropertyKey::Atom(atoms::NAME), d, Attrs::NONE);
    vm.define_value(
        o,
        PropertyKey::Index(0),
        Value::Number(KIND_FIELD),
        Attrs::ALL,
    );
    Value::Object(o)
}

fn name_obj(n: Value) -> JsResult<ObjId> {
    match n {
        Value::Object(o) => Ok(o),
        _ => Err(bad_code("private name operand")),
    }
}

fn element(vm: &Vm, n: ObjId, i: u32) -> Value {
    vm.get_element_fast(n, i).unwrap_or(Value::Undefined)
}

fn description(vm: &Vm, n: ObjId) -> String {
    match vm
        .heap
        .obj(n)
        .find_own(&vm.heap.shapes, PropertyKey::Atom(atoms::NAME))
    {
        Some(p) => match p.value {
            Value::String(s) => vm.heap.str(s).to_rust_lossy(),
            _ => String::new(),
        },
        None => String::new(),
    }
}

fn table(vm: &Vm, n: ObjId) -> Option<&WeakTable> {
    match &vm.heap.obj(n).kind {
        ObjectKind::WeakMap(t) => Some(t),
        _ => None,
    }
}

fn table_mut(vm: &mut Vm, n: ObjId) -> Option<&mut WeakTable> {
    match &mut vm.heap.obj_mut(n).kind {
        ObjectKind::WeakMap(t) => Some(t),
        _ => None,
    }
}

/// PrivateElementFind: the element's value slot for `o`, if present.
fn find(vm: &Vm, n: ObjId, o: Value) -> Option<Value> {
    let Value::Object(obj) = o else {
        return None;
    };
    table(vm, n)?.get(WeakKey::Object(obj))
}

fn kind(vm: &Vm, n: ObjId) -> f64 {
    element(vm, n, 0).as_number().unwrap_or(KIND_FIELD)
}

/// PrivateGet (7.3.31).
pub(crate) fn private_get(vm: &mut Vm, o: Value, n: Value) -> JsResult<Value> {
    let n = name_obj(n)?;
    let Some(v) = find(vm, n, o) else {
        return Err(JsError::type_error(format!(
            "Cannot read private member {} from an object whose class did not declare it",
            description(vm, n)
        )));
    };
    let k = kind(vm, n);
    if k == KIND_ACCESSOR {
        let getter = element(vm, n, 1);
        if getter.is_undefined() {
            return Err(JsError::type_error(format!(
                "'{}' was defined without a getter",
                description(vm, n)
            )));
        }
        return vm.call(getter, o, &[]);
    }
    Ok(v)
}

/// PrivateSet (7.3.32).
pub(crate) fn private_set(vm: &mut Vm, o: Value, n: Value, v: Value) -> JsResult<()> {
    let n = name_obj(n)?;
    if find(vm, n, o).is_none() {
        return Err(JsError::type_error(format!(
            "Cannot write private member {} to an object whose class did not declare it",
            description(vm, n)
        )));
    }
    let k = kind(vm, n);
    if k == KIND_METHOD {
        return Err(JsError::type_error(format!(
            "Private method '{}' is not writable",
            description(vm, n)
        )));
    }
    if k == KIND_ACCESSOR {
        let setter = element(vm, n, 2);
        if setter.is_undefined() {
            return Err(JsError::type_error(format!(
                "'{}' was defined without a setter",
                description(vm, n)
            )));
        }
        vm.call(setter, o, &[v])?;
        return Ok(());
    }
    if let (Value::Object(obj), Some(t)) = (o, table_mut(vm, n)) {
        t.set(WeakKey::Object(obj), v);
    }
    Ok(())
}

fn add(vm: &mut Vm, o: Value, n: ObjId, v: Value, twice: &str) -> JsResult<()> {
    let Value::Object(obj) = o else {
        return Err(JsError::type_error(format!(
            "Cannot define private member {} on a non-object",
            description(vm, n)
        )));
    };
    // Non-extensible objects cannot gain private elements (the
    // nonextensible-applies-to-private change to PrivateFieldAdd and
    // PrivateMethodOrAccessorAdd).
    if !vm.is_extensible(obj)? {
        return Err(JsError::type_error(format!(
            "Cannot define private member {} on a non-extensible object",
            description(vm, n)
        )));
    }
    if find(vm, n, o).is_some() {
        return Err(JsError::type_error(format!(
            "Cannot initialize {} twice on the same object",
            if twice.is_empty() {
                description(vm, n)
            } else {
                twice.to_string()
            }
        )));
    }
    if let Some(t) = table_mut(vm, n) {
        t.set(WeakKey::Object(obj), v);
    }
    Ok(())
}

/// PrivateFieldAdd (7.3.28).
pub(crate) fn private_field_add(vm: &mut Vm, o: Value, n: Value, v: Value) -> JsResult<()> {
    let n = name_obj(n)?;
    add(vm, o, n, v, "")
}

/// PrivateMethodOrAccessorAdd (7.3.29) for a method.
pub(crate) fn private_method_add(vm: &mut Vm, o: Value, n: Value, f: Value) -> JsResult<()> {
    let n = name_obj(n)?;
    vm.define_value(
        n,
        PropertyKey::Index(0),
        Value::Number(KIND_METHOD),
        Attrs::ALL,
    );
    add(vm, o, n, f, "private methods")
}

/// PrivateMethodOrAccessorAdd (7.3.29) for an accessor (undefined = absent).
pub(crate) fn private_accessor_add(
    vm: &mut Vm,
    o: Value,
    n: Value,
    getter: Value,
    setter: Value,
) -> JsResult<()> {
    let n = name_obj(n)?;
    vm.define_value(
        n,
        PropertyKey::Index(0),
        Value::Number(KIND_ACCESSOR),
        Attrs::ALL,
    );
    vm.define_value(n, PropertyKey::Index(1), getter, Attrs::ALL);
    vm.define_value(n, PropertyKey::Index(2), setter, Attrs::ALL);
    add(vm, o, n, Value::Undefined, "private accessors")
}

/// `#x in o`.
pub(crate) fn private_in(vm: &mut Vm, n: Value, o: Value) -> JsResult<bool> {
    let n = name_obj(n)?;
    if !o.is_object() {
        return Err(JsError::type_error(format!(
            "Cannot use 'in' operator to search for '{}' in {}",
            description(vm, n),
            vm.display_value(o)
        )));
    }
    Ok(find(vm, n, o).is_some())
}
