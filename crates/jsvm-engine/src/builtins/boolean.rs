//! The Boolean constructor and Boolean.prototype (ECMAScript 20.3).

use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::object::ObjectKind;
use crate::value::{RealmId, Value};
use crate::vm::Vm;

pub fn init(vm: &mut Vm, realm: RealmId) {
    let proto = vm.realm(realm).intrinsics.boolean_prototype;
    let ctor = vm.make_constructor("Boolean", 1, boolean_ctor, proto);
    vm.realm_mut(realm).intrinsics.boolean = ctor;
    vm.define_method(proto, "toString", 0, to_string);
    vm.define_method(proto, "valueOf", 0, value_of);
}

/// Boolean(value) (20.3.1.1).
fn boolean_ctor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let b = vm.to_boolean(args.arg(0));
    let Some(nt) = args.new_target else {
        return Ok(Value::Boolean(b));
    };
    let o =
        vm.ordinary_create_from_constructor(nt, |i| i.boolean_prototype, ObjectKind::Boolean(b))?;
    Ok(Value::Object(o))
}

/// ThisBooleanValue (20.3.3.3.1).
fn this_boolean_value(vm: &Vm, v: Value) -> JsResult<bool> {
    match v {
        Value::Boolean(b) => Ok(b),
        Value::Object(o) => match vm.heap.obj(o).kind {
            ObjectKind::Boolean(b) => Ok(b),
            _ => Err(JsError::type_error(
                "Boolean.prototype method called on incompatible receiver",
            )),
        },
        _ => Err(JsError::type_error(
            "Boolean.prototype method called on incompatible receiver",
        )),
    }
}

fn to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let b = this_boolean_value(vm, args.this)?;
    Ok(Value::String(vm.to_string(Value::Boolean(b))?))
}
fn value_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Boolean(this_boolean_value(vm, args.this)?))
}
