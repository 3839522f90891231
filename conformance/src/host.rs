//! The host-defined bindings test262 expects (INTERPRETING.md, "Host-Defined
//! Functions"): the global `print` and the `$262` object with `createRealm`,
//! `evalScript`, `detachArrayBuffer`, `gc` and `global`.
//!
//! Invariant: `print` output goes to a buffer owned by the calling thread
//! (each test runs start to finish on one worker thread), cleared before every
//! run with `clear_printed`. A `$262` object's `evalScript` runs code in the
//! realm it was created for, whatever realm calls it; the realm id travels in
//! the function's native slot 0.
//!
//! Not provided: `$262.agent` (tests that need it are UNSUPPORTED, see
//! `exec::unsupported_reason`), `$262.IsHTMLDDA` (optional; tests using it are
//! tagged with the `IsHTMLDDA` feature and are UNSUPPORTED), and
//! `$262.AbstractModuleSource` (source-phase imports are module-only).

use std::cell::RefCell;

use jsvm_engine::api::{Attrs, CallArgs, EvalError};
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::value::{ObjId, RealmId, Value};
use jsvm_engine::vm::Vm;

thread_local! {
    static PRINTED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Forgets everything `print` recorded on this thread.
pub fn clear_printed() {
    PRINTED.with(|p| p.borrow_mut().clear());
}

/// What `print` recorded on this thread since the last `clear_printed`.
pub fn take_printed() -> Vec<String> {
    PRINTED.with(|p| std::mem::take(&mut *p.borrow_mut()))
}

/// Defines `print` and `$262` on the global object of `realm`, which must be
/// the current realm. Returns the `$262` object.
pub fn install(vm: &mut Vm, realm: RealmId) -> ObjId {
    vm.define_global_function("print", 1, print);
    let host = vm.new_plain_object();
    vm.push_root(Value::Object(host));
    let realm_slot = [Value::Number(f64::from(realm.0))];
    let methods: [(&str, u32, fn(&mut Vm, &CallArgs) -> JsResult<Value>); 4] = [
        ("createRealm", 0, create_realm),
        ("evalScript", 1, eval_script),
        ("detachArrayBuffer", 1, detach_array_buffer),
        ("gc", 0, gc),
    ];
    for (name, length, f) in methods {
        let key = vm.key(name);
        let func = vm.new_native_closure(key, length, f, &realm_slot);
        vm.define_value(host, key, Value::Object(func), Attrs::METHOD);
    }
    let global = vm.global_object();
    let key = vm.key("global");
    vm.define_value(host, key, Value::Object(global), Attrs::METHOD);
    let key = vm.key("$262");
    vm.define_value(global, key, Value::Object(host), Attrs::METHOD);
    host
}

/// `print(value)`: records ToString(value).
fn print(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = vm.to_string(args.arg(0))?;
    let text = vm.string_to_rust(s);
    PRINTED.with(|p| p.borrow_mut().push(text));
    Ok(Value::Undefined)
}

/// The realm a `$262` function belongs to (its slot 0).
fn own_realm(vm: &Vm, args: &CallArgs) -> JsResult<RealmId> {
    match vm.native_slot(args.callee, 0) {
        Value::Number(n) if n >= 0.0 && n <= f64::from(u32::MAX) && n.fract() == 0.0 => {
            Ok(RealmId(n as u32))
        }
        _ => Err(JsError::type_error("$262 function without a realm")),
    }
}

/// `$262.createRealm()`: a new realm with its own global and `$262`.
fn create_realm(vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    let realm = vm.create_realm();
    let host = vm.with_realm(realm, |vm| install(vm, realm));
    Ok(Value::Object(host))
}

/// `$262.evalScript(source)`: ParseScript + ScriptEvaluation in this `$262`'s
/// realm; a parse error is thrown as that realm's SyntaxError.
fn eval_script(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let realm = own_realm(vm, args)?;
    let s = vm.to_string(args.arg(0))?;
    let source = vm.string_to_rust(s);
    vm.with_realm(realm, |vm| match vm.eval_script(&source, "evalScript") {
        Ok(v) => Ok(v),
        Err(EvalError::Thrown(e)) => Err(e),
        Err(EvalError::Syntax(info)) => {
            let err = vm.error_to_value(JsError::syntax_error(info.message));
            Err(JsError::Throw(err))
        }
    })
}

/// `$262.detachArrayBuffer(buffer)`: DetachArrayBuffer with an undefined key.
fn detach_array_buffer(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    vm.detach_array_buffer(args.arg(0))?;
    Ok(Value::Undefined)
}

/// `$262.gc()`: a full collection.
fn gc(vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    vm.collect_garbage();
    Ok(Value::Undefined)
}
