//! The Proxy constructor and Proxy.revocable (ECMAScript 28.2); the
//! internal methods live in `object/proxy.rs`.

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::object::ObjectKind;
use crate::property::Attrs;
use crate::value::{PropertyKey, RealmId, Value};
use crate::vm::Vm;

pub fn init(vm: &mut Vm, realm: RealmId) {
    let key = vm.key("Proxy");
    let ctor = vm.new_native_function(key, 2, proxy_ctor, true);
    vm.define_method(ctor, "revocable", 2, revocable);
    vm.realm_mut(realm).intrinsics.proxy = ctor;
}

/// Proxy(target, handler) (28.2.1.1).
fn proxy_ctor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if args.new_target.is_none() {
        return Err(JsError::type_error("Constructor Proxy requires 'new'"));
    }
    Ok(Value::Object(vm.proxy_create(args.arg(0), args.arg(1))?))
}

/// Proxy.revocable(target, handler) (28.2.2.1).
fn revocable(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let p = vm.proxy_create(args.arg(0), args.arg(1))?;
    vm.push_root(Value::Object(p));
    let revoke = vm.new_native_closure(
        PropertyKey::Atom(atoms::EMPTY),
        0,
        revoke,
        &[Value::Object(p)],
    );
    vm.push_root(Value::Object(revoke));
    let result = vm.new_plain_object();
    let pk = vm.key("proxy");
    vm.define_value(result, pk, Value::Object(p), Attrs::ALL);
    let rk = vm.key("revoke");
    vm.define_value(result, rk, Value::Object(revoke), Attrs::ALL);
    Ok(Value::Object(result))
}

/// A Proxy revocation function (28.2.2.1.1).
fn revoke(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(p) = vm.native_slot(args.callee, 0) else {
        return Ok(Value::Undefined);
    };
    vm.set_native_slot(args.callee, 0, Value::Null);
    if let ObjectKind::Proxy(d) = &mut vm.heap.obj_mut(p).kind {
        d.target = None;
        d.handler = None;
    }
    Ok(Value::Undefined)
}
