//! The Promise constructor (27.2.3), its non-combinator statics
//! (`resolve`, `reject`, `withResolvers`, `try`, `@@species`) and
//! Promise.prototype (27.2.5: `then`, `catch`, `finally`, `@@toStringTag`).
//!
//! Invariant: every method follows its spec algorithm step by step; values
//! kept across calls that can run JS are rooted (natives push roots, which
//! `Vm::call` trims when they return).

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::function::{CallArgs, NativeFn};
use crate::object::kind::ObjectKind;
use crate::property::Attrs;
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

use super::super::class_support::{define_species_getter, install_constructor};
use super::super::support::{define_to_string_tag, intrinsics, link_constructor};
use super::{
    create_resolving_functions, new_promise_capability, perform_promise_then, promise_resolve,
    promise_species_constructor, then_with_intrinsic_promise, thrown_value, Reaction,
};

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let proto = intrinsics(vm, realm).promise_prototype;
        let ctor = install_constructor(vm, realm, "Promise", 1, promise_constructor, |i, c| {
            i.promise = c
        });
        link_constructor(vm, ctor, proto);
        let statics: &[(&str, u32, NativeFn)] = &[
            ("all", 1, super::combinators::promise_all),
            ("allKeyed", 1, super::combinators::promise_all_keyed),
            ("allSettled", 1, super::combinators::promise_all_settled),
            (
                "allSettledKeyed",
                1,
                super::combinators::promise_all_settled_keyed,
            ),
            ("any", 1, super::combinators::promise_any),
            ("race", 1, super::combinators::promise_race),
            ("reject", 1, promise_reject),
            ("resolve", 1, promise_resolve_static),
            ("try", 1, promise_try),
            ("withResolvers", 0, promise_with_resolvers),
        ];
        for &(name, len, f) in statics {
            vm.define_method(ctor, name, len, f);
        }
        define_species_getter(vm, ctor);
        let species = PropertyKey::Symbol(vm.symbols.species);
        if let Some(p) = vm.heap.obj(ctor).find_own(&vm.heap.shapes, species) {
            if let Value::Object(g) = p.value {
                super::super::support::intrinsics_mut(vm, realm).promise_species_getter = g;
            }
        }

        let methods: &[(&str, u32, NativeFn)] = &[
            ("catch", 1, promise_catch),
            ("finally", 1, promise_finally),
            ("then", 2, promise_then),
        ];
        for &(name, len, f) in methods {
            vm.define_method(proto, name, len, f);
        }
        define_to_string_tag(vm, proto, "Promise");

        let global = vm.realm(realm).global_object;
        let key = vm.key("Promise");
        vm.define_value(global, key, Value::Object(ctor), Attrs::METHOD);
    });
}

/// Promise ( executor ) (27.2.3.1).
fn promise_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(nt) = args.new_target else {
        return Err(JsError::type_error(
            "Promise constructor cannot be invoked without 'new'",
        ));
    };
    let executor = args.arg(0);
    if !vm.is_callable(executor) {
        return Err(JsError::type_error(format!(
            "Promise resolver {} is not a function",
            vm.display_value(executor)
        )));
    }
    let p = vm.ordinary_create_from_constructor(
        nt,
        |i| i.promise_prototype,
        ObjectKind::Promise(super::PromiseData::new()),
    )?;
    vm.push_root(Value::Object(p));
    let (resolve, reject) = create_resolving_functions(vm, p);
    vm.push_root(Value::Object(resolve));
    vm.push_root(Value::Object(reject));
    let r = vm.call(
        executor,
        Value::Undefined,
        &[Value::Object(resolve), Value::Object(reject)],
    );
    if let Err(e) = r {
        let reason = thrown_value(vm, e)?;
        vm.push_root(reason);
        vm.call(Value::Object(reject), Value::Undefined, &[reason])?;
    }
    Ok(Value::Object(p))
}

/// The this value of a Promise.prototype method that requires a promise.
fn this_promise(vm: &Vm, this: Value, method: &str) -> JsResult<ObjId> {
    match this {
        Value::Object(o) if matches!(vm.heap.obj(o).kind, ObjectKind::Promise(_)) => Ok(o),
        _ => Err(JsError::type_error(format!(
            "Method Promise.prototype.{method} called on incompatible receiver {}",
            vm.display_value(this)
        ))),
    }
}

/// Promise.prototype.then ( onFulfilled, onRejected ) (27.2.5.4).
pub(super) fn promise_then(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let p = this_promise(vm, args.this, "then")?;
    let default = vm.intrinsics().promise;
    let c = promise_species_constructor(vm, p, default)?;
    if c.as_object() == Some(default) {
        let derived = then_with_intrinsic_promise(vm, p, args.arg(0), args.arg(1));
        return Ok(Value::Object(derived));
    }
    let cap = new_promise_capability(vm, c)?;
    perform_promise_then(
        vm,
        p,
        Reaction::Callable(args.arg(0)),
        Reaction::Callable(args.arg(1)),
        Some(cap),
    );
    Ok(cap.promise)
}

/// Promise.prototype.catch ( onRejected ) (27.2.5.1).
fn promise_catch(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    vm.invoke(
        args.this,
        PropertyKey::Atom(atoms::THEN),
        &[Value::Undefined, args.arg(0)],
    )
}

/// Promise.prototype.finally ( onFinally ) (27.2.5.3).
fn promise_finally(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(p) = args.this else {
        return Err(JsError::type_error(format!(
            "Method Promise.prototype.finally called on incompatible receiver {}",
            vm.display_value(args.this)
        )));
    };
    let default = vm.intrinsics().promise;
    let c = promise_species_constructor(vm, p, default)?;
    vm.push_root(c);
    let on_finally = args.arg(0);
    let (then_finally, catch_finally) = if vm.is_callable(on_finally) {
        let empty = PropertyKey::Atom(atoms::EMPTY);
        let slots = [on_finally, c];
        let t = vm.new_native_closure(empty, 1, then_finally_function, &slots);
        vm.push_root(Value::Object(t));
        let k = vm.new_native_closure(empty, 1, catch_finally_function, &slots);
        vm.push_root(Value::Object(k));
        (Value::Object(t), Value::Object(k))
    } else {
        (on_finally, on_finally)
    };
    vm.invoke(
        args.this,
        PropertyKey::Atom(atoms::THEN),
        &[then_finally, catch_finally],
    )
}

/// The shared start of thenFinally and catchFinally: calls onFinally (slot
/// 0) and resolves its result with the constructor C (slot 1).
fn call_on_finally(vm: &mut Vm, f: ObjId) -> JsResult<ObjId> {
    let on_finally = vm.native_slot(f, 0);
    let c = vm.native_slot(f, 1);
    let result = vm.call(on_finally, Value::Undefined, &[])?;
    vm.push_root(result);
    let Value::Object(c) = c else {
        return Err(JsError::type_error(
            "Promise.prototype.finally: no constructor",
        ));
    };
    let p = promise_resolve(vm, c, result)?;
    vm.push_root(Value::Object(p));
    Ok(p)
}

/// thenFinally (27.2.5.3 step 6.a): `p.then(() => value)`.
fn then_finally_function(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let p = call_on_finally(vm, args.callee)?;
    let empty = PropertyKey::Atom(atoms::EMPTY);
    let thunk = vm.new_native_closure(empty, 0, value_thunk, &[args.arg(0)]);
    vm.push_root(Value::Object(thunk));
    vm.invoke(
        Value::Object(p),
        PropertyKey::Atom(atoms::THEN),
        &[Value::Object(thunk)],
    )
}

/// catchFinally (27.2.5.3 step 6.c): `p.then(() => { throw reason })`.
fn catch_finally_function(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let p = call_on_finally(vm, args.callee)?;
    let empty = PropertyKey::Atom(atoms::EMPTY);
    let thrower = vm.new_native_closure(empty, 0, reason_thrower, &[args.arg(0)]);
    vm.push_root(Value::Object(thrower));
    vm.invoke(
        Value::Object(p),
        PropertyKey::Atom(atoms::THEN),
        &[Value::Object(thrower)],
    )
}

fn value_thunk(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(vm.native_slot(args.callee, 0))
}

fn reason_thrower(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Err(JsError::Throw(vm.native_slot(args.callee, 0)))
}

/// Promise.resolve ( x ) (27.2.4.7).
fn promise_resolve_static(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(c) = args.this else {
        return Err(JsError::type_error("PromiseResolve called on non-object"));
    };
    promise_resolve(vm, c, args.arg(0)).map(Value::Object)
}

/// Promise.reject ( r ) (27.2.4.6).
fn promise_reject(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if args.this.as_object() == Some(vm.intrinsics().promise) {
        // NewPromiseCapability(%Promise%) and its reject function, which
        // nobody else sees: the same as rejecting a new promise directly.
        let p = super::new_promise(vm);
        super::reject_promise(vm, p, args.arg(0));
        return Ok(Value::Object(p));
    }
    let cap = new_promise_capability(vm, args.this)?;
    cap.root(vm);
    vm.call(cap.reject, Value::Undefined, &[args.arg(0)])?;
    Ok(cap.promise)
}

/// Promise.withResolvers ( ) (27.2.4.9).
fn promise_with_resolvers(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let cap = new_promise_capability(vm, args.this)?;
    let o = vm.new_plain_object();
    let promise_key = vm.key("promise");
    for (key, v) in [
        (promise_key, cap.promise),
        (PropertyKey::Atom(atoms::RESOLVE), cap.resolve),
        (PropertyKey::Atom(atoms::REJECT), cap.reject),
    ] {
        vm.define_value(o, key, v, Attrs::ALL);
    }
    Ok(Value::Object(o))
}

/// Promise.try ( callback, ...args ) (27.2.4.8).
fn promise_try(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if !args.this.is_object() {
        return Err(JsError::type_error("Promise.try called on non-object"));
    }
    let cap = new_promise_capability(vm, args.this)?;
    cap.root(vm);
    match vm.call(args.arg(0), Value::Undefined, args.rest(1)) {
        Ok(v) => {
            vm.push_root(v);
            vm.call(cap.resolve, Value::Undefined, &[v])?;
        }
        Err(e) => {
            let reason = thrown_value(vm, e)?;
            vm.push_root(reason);
            vm.call(cap.reject, Value::Undefined, &[reason])?;
        }
    }
    Ok(cap.promise)
}
