//! Unhandled promise rejections, handled as Node's
//! `--unhandled-rejections=MODE` says once the tick and job queues are
//! drained: `throw` (the default) emits `unhandledRejection` and, with no
//! listener, raises the reason as an uncaught exception; `strict` raises
//! first; `warn` prints a warning; `warn-with-error-code` warns and sets the
//! exit code to 1; `none` only emits the event.
//!
//! Invariant: the promises and reasons taken from the engine are rooted
//! until they have all been processed.

use jsvm_engine::api::{Attrs, ErrorKind, PropertyKey};
use jsvm_engine::describe::ObjectInfo;
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use crate::host::{with_host, ExitCode, RejectionMode};

/// Processes the rejections that are still unhandled. True when any were
/// (listeners may have queued more work); an error is a rejection raised as
/// an uncaught exception that no `uncaughtException` listener took.
pub fn process(vm: &mut Vm) -> JsResult<bool> {
    if !vm.has_unhandled_rejections() {
        return Ok(false);
    }
    let list = vm.take_unhandled_rejections();
    if list.is_empty() {
        return Ok(false);
    }
    let mark = vm.roots_len();
    for &(promise, reason) in &list {
        vm.push_root(Value::Object(promise));
        vm.push_root(reason);
    }
    let mut result = Ok(true);
    for (promise, reason) in list {
        if let Err(e) = process_one(vm, promise, reason) {
            result = Err(e);
            break;
        }
    }
    vm.truncate_roots(mark);
    result
}

fn process_one(vm: &mut Vm, promise: ObjId, reason: Value) -> JsResult<()> {
    let (mode, id) = with_host(|h| {
        h.rejection_count += 1;
        (h.rejection_mode, h.rejection_count)
    });
    let args = [reason, Value::Object(promise)];
    match mode {
        RejectionMode::Strict => {
            raise(vm, reason)?;
            if !crate::events::emit(vm, "unhandledRejection", &args)? {
                warn(vm, reason, id);
            }
        }
        RejectionMode::None => {
            crate::events::emit(vm, "unhandledRejection", &args)?;
        }
        RejectionMode::Warn => {
            crate::events::emit(vm, "unhandledRejection", &args)?;
            warn(vm, reason, id);
        }
        RejectionMode::Throw => {
            if !crate::events::emit(vm, "unhandledRejection", &args)? {
                raise(vm, reason)?;
            }
        }
        RejectionMode::WarnWithErrorCode => {
            if !crate::events::emit(vm, "unhandledRejection", &args)? {
                warn(vm, reason, id);
                with_host(|h| h.exit_code = ExitCode::Number(1.0));
            }
        }
    }
    Ok(())
}

/// Node's `isErrorLike`: an Error, or an object with an own `stack`.
fn is_error_like(vm: &mut Vm, v: Value) -> bool {
    let Value::Object(o) = v else {
        return false;
    };
    if vm.is_error_object(v) {
        return true;
    }
    let key = vm.key("stack");
    matches!(vm.get_own_property(o, key), Ok(Some(_)))
}

/// Raises the rejection as an uncaught exception (origin
/// `unhandledRejection`): an error-like reason as itself, anything else
/// wrapped in an `UnhandledPromiseRejection` error.
fn raise(vm: &mut Vm, reason: Value) -> JsResult<()> {
    let err = if is_error_like(vm, reason) {
        reason
    } else {
        unhandled_rejection_error(vm, reason)
    };
    crate::event_loop::trigger_uncaught(vm, JsError::Throw(err), "unhandledRejection")
}

/// Node's `UnhandledPromiseRejection` error for a non-error reason.
fn unhandled_rejection_error(vm: &mut Vm, reason: Value) -> Value {
    let message = format!(
        "This error originated either by throwing inside of an async function without a catch \
         block, or by rejecting a promise which was not handled with .catch(). The promise \
         rejected with the reason \"{}\".",
        no_side_effects_to_string(vm, reason)
    );
    let err = vm.new_error(ErrorKind::Error, &message);
    let name_key = vm.key("name");
    let name = vm.new_string("UnhandledPromiseRejection");
    vm.define_value(err, name_key, Value::String(name), Attrs::METHOD);
    let stack_key = vm.key("stack");
    let stack = vm.new_string(&format!("UnhandledPromiseRejection: {message}"));
    vm.define_value(err, stack_key, Value::String(stack), Attrs::METHOD);
    let code_key = vm.key("code");
    let code = vm.new_string("ERR_UNHANDLED_REJECTION");
    vm.define_value(err, code_key, Value::String(code), Attrs::ALL);
    Value::Object(err)
}

/// Prints Node's two `UnhandledPromiseRejectionWarning`s.
fn warn(vm: &mut Vm, reason: Value, id: u32) {
    let shown = if is_error_like(vm, reason) {
        match reason {
            Value::Object(o) => match vm.error_stack(o) {
                Some(stack) => stack,
                None => no_side_effects_to_string(vm, reason),
            },
            _ => no_side_effects_to_string(vm, reason),
        }
    } else {
        no_side_effects_to_string(vm, reason)
    };
    crate::report::warning("UnhandledPromiseRejectionWarning", &shown);
    crate::report::warning(
        "UnhandledPromiseRejectionWarning",
        &format!(
            "Unhandled promise rejection. This error originated either by throwing inside of an \
             async function without a catch block, or by rejecting a promise which was not \
             handled with .catch(). To terminate the process on unhandled promise rejection, use \
             the CLI flag `--unhandled-rejections=strict`. (rejection id: {id})"
        ),
    );
}

/// A data property found on `o` or its prototype chain (no getters run).
fn data_property(vm: &mut Vm, o: ObjId, key: PropertyKey) -> Option<Value> {
    let mut cur = Some(o);
    let mut steps = 0;
    while let Some(obj) = cur {
        if let Ok(Some(d)) = vm.get_own_property(obj, key) {
            return d.value;
        }
        cur = vm.get_prototype_of(obj).ok().flatten();
        steps += 1;
        if steps > 10_000 {
            break;
        }
    }
    None
}

/// V8's `NoSideEffectsToString`, which Node uses to show a rejection
/// reason: primitives as `String(v)`, errors as `Name: message`, functions
/// as their source, objects with the default `toString` as `#<Ctor>`,
/// others as `[object Tag]`.
pub fn no_side_effects_to_string(vm: &mut Vm, v: Value) -> String {
    let o = match v {
        Value::String(s) => return vm.string_to_rust(s),
        Value::Symbol(s) => {
            return match vm.symbol_description(s) {
                Some(d) => format!("Symbol({d})"),
                None => "Symbol()".into(),
            }
        }
        Value::Object(o) => o,
        _ => return vm.display_value(v),
    };
    let info = vm.inspect_info(o);
    if let ObjectInfo::Function { .. } = info {
        let fp = vm.intrinsics().function_prototype;
        let key = vm.key("toString");
        if let Some(f) = data_property(vm, fp, key) {
            if let Ok(Value::String(s)) = vm.call(f, v, &[]) {
                return vm.string_to_rust(s);
            }
        }
        return "function () { [native code] }".into();
    }
    if let ObjectInfo::Error = info {
        let report = vm.error_report(&JsError::Throw(v));
        return if report.message.is_empty() {
            report.name
        } else {
            format!("{}: {}", report.name, report.message)
        };
    }
    let to_string_key = vm.key("toString");
    let op = vm.intrinsics().object_prototype;
    let object_to_string = data_property(vm, op, to_string_key);
    let own_to_string = data_property(vm, o, to_string_key);
    if let (Some(Value::Object(a)), Some(Value::Object(b))) = (own_to_string, object_to_string) {
        if a == b {
            let ctor_key = vm.key("constructor");
            if let Some(Value::Object(c)) = data_property(vm, o, ctor_key) {
                let name_key = vm.key("name");
                if vm.is_callable(Value::Object(c)) {
                    if let Ok(Some(d)) = vm.get_own_property(c, name_key) {
                        if let Some(Value::String(s)) = d.value {
                            let name = vm.string_to_rust(s);
                            if !name.is_empty() {
                                return format!("#<{name}>");
                            }
                        }
                    }
                }
            }
        }
    }
    let tag = match info {
        ObjectInfo::Array => "Array",
        ObjectInfo::Boxed(Value::Boolean(_)) => "Boolean",
        ObjectInfo::Boxed(Value::Number(_)) => "Number",
        ObjectInfo::Boxed(Value::String(_)) => "String",
        ObjectInfo::Date(_) => "Date",
        ObjectInfo::RegExp(_) => "RegExp",
        ObjectInfo::Arguments => "Arguments",
        _ => "Object",
    };
    format!("[object {tag}]")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsvm_engine::vm::VmOptions;

    fn shown(src: &str) -> String {
        let mut vm = Vm::new(VmOptions::default());
        let v = vm.eval_script(src, "t.js").ok().unwrap_or(Value::Undefined);
        no_side_effects_to_string(&mut vm, v)
    }

    #[test]
    fn reasons_show_like_v8() {
        assert_eq!(shown("42"), "42");
        assert_eq!(shown("'str'"), "str");
        assert_eq!(shown("undefined"), "undefined");
        assert_eq!(shown("null"), "null");
        assert_eq!(shown("({a: 1})"), "#<Object>");
        assert_eq!(shown("[1, 2]"), "[object Array]");
        assert_eq!(shown("new (class Foo {})"), "#<Foo>");
        assert_eq!(shown("({toString() { return 'x' }})"), "[object Object]");
        assert_eq!(shown("Object.create(null)"), "[object Object]");
        assert_eq!(shown("new TypeError('te')"), "TypeError: te");
        assert_eq!(shown("Symbol('q')"), "Symbol(q)");
    }
}
