//! The Reflect object (ECMAScript 28.1): the 13 functions mirroring the
//! internal methods.

use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::property::Attrs;
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

pub fn init(vm: &mut Vm, realm: RealmId) {
    let r = vm.realm(realm).intrinsics.reflect;
    let fns: &[(&str, u32, crate::function::NativeFn)] = &[
        ("apply", 3, apply),
        ("construct", 2, construct),
        ("defineProperty", 3, define_property),
        ("deleteProperty", 2, delete_property),
        ("get", 2, get),
        ("getOwnPropertyDescriptor", 2, get_own_property_descriptor),
        ("getPrototypeOf", 1, get_prototype_of),
        ("has", 2, has),
        ("isExtensible", 1, is_extensible),
        ("ownKeys", 1, own_keys),
        ("preventExtensions", 1, prevent_extensions),
        ("set", 3, set),
        ("setPrototypeOf", 2, set_prototype_of),
    ];
    for &(name, len, f) in fns {
        vm.define_method(r, name, len, f);
    }
    let tag = vm.new_string("Reflect");
    let tsym = vm.symbols.to_string_tag;
    vm.define_value(
        r,
        PropertyKey::Symbol(tsym),
        Value::String(tag),
        Attrs::CONFIGURABLE_ONLY,
    );
}

fn target(vm: &Vm, v: Value, f: &str) -> JsResult<ObjId> {
    match v {
        Value::Object(o) => Ok(o),
        _ => Err(JsError::type_error(format!(
            "Reflect.{f} called on non-object: {}",
            vm.display_value(v)
        ))),
    }
}

fn apply(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let f = args.arg(0);
    if !vm.is_callable(f) {
        return Err(JsError::type_error(format!(
            "{} is not a function",
            vm.display_value(f)
        )));
    }
    let list = vm.create_list_from_array_like(args.arg(2))?;
    vm.roots.extend_from_slice(&list);
    vm.call(f, args.arg(1), &list)
}

fn construct(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let t = args.arg(0);
    if !vm.is_constructor(t) {
        return Err(vm.not_constructor(t));
    }
    let nt = if args.args.len() < 3 { t } else { args.arg(2) };
    if !vm.is_constructor(nt) {
        return Err(vm.not_constructor(nt));
    }
    let list = vm.create_list_from_array_like(args.arg(1))?;
    vm.roots.extend_from_slice(&list);
    vm.construct(t, &list, Some(nt))
}

fn define_property(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target(vm, args.arg(0), "defineProperty")?;
    let key = vm.to_property_key(args.arg(1))?;
    super::object::root_key(vm, key);
    let d = vm.to_property_descriptor(args.arg(2))?;
    Ok(Value::Boolean(vm.define_own_property(o, key, d)?))
}

fn delete_property(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target(vm, args.arg(0), "deleteProperty")?;
    let key = vm.to_property_key(args.arg(1))?;
    Ok(Value::Boolean(vm.delete(o, key)?))
}

fn get(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target(vm, args.arg(0), "get")?;
    let key = vm.to_property_key(args.arg(1))?;
    let receiver = if args.args.len() < 3 {
        args.arg(0)
    } else {
        args.arg(2)
    };
    vm.get(o, key, receiver)
}

fn get_own_property_descriptor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target(vm, args.arg(0), "getOwnPropertyDescriptor")?;
    let key = vm.to_property_key(args.arg(1))?;
    let d = vm.get_own_property(o, key)?;
    Ok(vm.from_property_descriptor(d))
}

fn get_prototype_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target(vm, args.arg(0), "getPrototypeOf")?;
    Ok(vm.get_prototype_of(o)?.map_or(Value::Null, Value::Object))
}

fn has(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target(vm, args.arg(0), "has")?;
    let key = vm.to_property_key(args.arg(1))?;
    Ok(Value::Boolean(vm.has_property(o, key)?))
}

fn is_extensible(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target(vm, args.arg(0), "isExtensible")?;
    Ok(Value::Boolean(vm.is_extensible(o)?))
}

fn own_keys(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target(vm, args.arg(0), "ownKeys")?;
    let keys = vm.own_property_keys(o)?;
    let mut vals = Vec::with_capacity(keys.len());
    for k in keys {
        let v = vm.key_to_value(k);
        vm.push_root(v);
        vals.push(v);
    }
    Ok(Value::Object(vm.new_array(&vals)))
}

fn prevent_extensions(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target(vm, args.arg(0), "preventExtensions")?;
    Ok(Value::Boolean(vm.prevent_extensions(o)?))
}

fn set(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target(vm, args.arg(0), "set")?;
    let key = vm.to_property_key(args.arg(1))?;
    super::object::root_key(vm, key);
    let receiver = if args.args.len() < 4 {
        args.arg(0)
    } else {
        args.arg(3)
    };
    Ok(Value::Boolean(vm.set(o, key, args.arg(2), receiver)?))
}

fn set_prototype_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = target(vm, args.arg(0), "setPrototypeOf")?;
    let proto = match args.arg(1) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        v => {
            return Err(JsError::type_error(format!(
                "Object prototype may only be an Object or null: {}",
                vm.display_value(v)
            )))
        }
    };
    Ok(Value::Boolean(vm.set_prototype_of(o, proto)?))
}
