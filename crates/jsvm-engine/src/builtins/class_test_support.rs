//! Test helpers for the Map/Set/Weak*/RegExp/Date built-ins' unit tests:
//! calling methods through `Vm::invoke` without the JS pipeline.

use crate::value::{ObjId, Value};
use crate::vm::{Vm, VmOptions};

/// A Vm with one realm (no script pipeline needed).
pub fn vm() -> Vm {
    Vm::new_with_interp(VmOptions::default(), crate::interp::InterpState::new())
}

/// `this[name](...args)`, panicking (in tests) on a thrown error.
pub fn call(vm: &mut Vm, this: Value, name: &str, args: &[Value]) -> Value {
    try_call(vm, this, name, args).unwrap_or_else(|e| panic!("{name} threw {e:?}"))
}

pub fn try_call(
    vm: &mut Vm,
    this: Value,
    name: &str,
    args: &[Value],
) -> crate::error::JsResult<Value> {
    let key = vm.key(name);
    vm.invoke(this, key, args)
}

/// `new C(...args)`.
pub fn new(vm: &mut Vm, ctor: ObjId, args: &[Value]) -> Value {
    vm.construct(Value::Object(ctor), args, None)
        .unwrap_or_else(|e| panic!("constructor threw {e:?}"))
}

pub fn s(vm: &mut Vm, text: &str) -> Value {
    Value::String(vm.new_string(text))
}

/// The value as a Rust string (strings only).
pub fn text(vm: &Vm, v: Value) -> String {
    match v {
        Value::String(s) => vm.string_to_rust(s),
        other => format!("{other:?}"),
    }
}

pub fn num(v: Value) -> f64 {
    v.as_number().unwrap_or(f64::NAN)
}

/// Property `name` of object `o`.
pub fn prop(vm: &mut Vm, o: Value, name: &str) -> Value {
    let key = vm.key(name);
    vm.get_v(o, key)
        .unwrap_or_else(|e| panic!("get {name} threw {e:?}"))
}

/// True for the boolean `true` (the set predicates' results).
pub fn is_true(v: Value) -> bool {
    matches!(v, Value::Boolean(true))
}
