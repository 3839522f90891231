//! Node's argument-validation errors for host APIs: a `TypeError` or
//! `RangeError` whose message ends in Node's description of the value it
//! got ("Received type number (5)", "Received an instance of Object") and
//! whose `code` property names the error (`ERR_INVALID_ARG_TYPE`).
//!
//! Invariant: building the message never runs user JavaScript beyond what
//! `inspect` reads (a constructor's `name`).

use jsvm_engine::api::{Attrs, ErrorKind};
use jsvm_engine::error::JsError;
use jsvm_engine::value::Value;
use jsvm_engine::vm::Vm;

use crate::inspect::inspect;

/// Node shows at most this many characters of a long primitive (plus
/// "...") when it is longer than this plus three.
const MAX_SHOWN: usize = 25;

/// `ERR_INVALID_ARG_TYPE`: `The "name" argument must be of type expected.
/// Received ...`.
pub fn invalid_arg_type(vm: &mut Vm, name: &str, expected: &str, v: Value) -> JsError {
    let received = describe_received(vm, v);
    let message = format!("The \"{name}\" argument must be of type {expected}. {received}");
    coded_error(vm, ErrorKind::TypeError, &message, "ERR_INVALID_ARG_TYPE")
}

/// `ERR_OUT_OF_RANGE`: `The value of "name" is out of range. It must be
/// range. Received shown`.
pub fn out_of_range(vm: &mut Vm, name: &str, range: &str, shown: &str) -> JsError {
    let message =
        format!("The value of \"{name}\" is out of range. It must be {range}. Received {shown}");
    coded_error(vm, ErrorKind::RangeError, &message, "ERR_OUT_OF_RANGE")
}

/// An error object of `kind` with an enumerable `code` property.
pub fn coded_error(vm: &mut Vm, kind: ErrorKind, message: &str, code: &str) -> JsError {
    let err = vm.new_error(kind, message);
    let key = vm.key("code");
    let code = vm.new_string(code);
    vm.define_value(err, key, Value::String(code), Attrs::ALL);
    JsError::Throw(Value::Object(err))
}

/// Node's `determineSpecificType` for the "Received ..." part.
pub fn describe_received(vm: &mut Vm, v: Value) -> String {
    match v {
        Value::Undefined | Value::Uninit => "Received undefined".into(),
        Value::Null => "Received null".into(),
        Value::Object(o) => {
            if vm.is_callable(v) {
                let key = vm.key("name");
                let name = match vm.get_own_property(o, key) {
                    Ok(Some(d)) => match d.value {
                        Some(Value::String(s)) => vm.string_to_rust(s),
                        _ => String::new(),
                    },
                    _ => String::new(),
                };
                return format!("Received function {name}");
            }
            match constructor_name(vm, o) {
                Some(name) => format!("Received an instance of {name}"),
                None => format!("Received {}", inspect(vm, v)),
            }
        }
        _ => {
            let type_name = match v {
                Value::Boolean(_) => "boolean",
                Value::Number(_) => "number",
                Value::String(_) => "string",
                Value::Symbol(_) => "symbol",
                _ => "bigint",
            };
            let shown = match v {
                // Node shortens long strings before quoting them.
                Value::String(s) => {
                    let text = vm.string_to_rust(s);
                    if text.chars().count() > MAX_SHOWN + 3 {
                        let cut: String = text.chars().take(MAX_SHOWN).collect();
                        crate::inspect::layout::quote_str(&format!("{cut}..."))
                    } else {
                        inspect(vm, v)
                    }
                }
                _ => {
                    let text = inspect(vm, v);
                    if text.chars().count() > MAX_SHOWN + 3 {
                        text.chars().take(MAX_SHOWN).collect::<String>() + "..."
                    } else {
                        text
                    }
                }
            };
            format!("Received type {type_name} ({shown})")
        }
    }
}

/// `value.constructor.name` when it is a non-empty string (read through
/// data properties only).
fn constructor_name(vm: &mut Vm, o: jsvm_engine::value::ObjId) -> Option<String> {
    let ctor_key = vm.key("constructor");
    let name_key = vm.key("name");
    let mut cur = Some(o);
    let mut steps = 0;
    while let Some(obj) = cur {
        if let Ok(Some(d)) = vm.get_own_property(obj, ctor_key) {
            if let Some(Value::Object(f)) = d.value {
                if let Ok(Some(nd)) = vm.get_own_property(f, name_key) {
                    if let Some(Value::String(s)) = nd.value {
                        let name = vm.string_to_rust(s);
                        return (!name.is_empty()).then_some(name);
                    }
                }
            }
            return None;
        }
        cur = vm.get_prototype_of(obj).ok().flatten();
        steps += 1;
        if steps > 10_000 {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsvm_engine::vm::VmOptions;

    fn received(src: &str) -> String {
        let mut vm = Vm::new(VmOptions::default());
        let v = vm.eval_script(src, "t.js").ok().unwrap_or(Value::Undefined);
        describe_received(&mut vm, v)
    }

    #[test]
    fn describes_values_like_node() {
        assert_eq!(received("undefined"), "Received undefined");
        assert_eq!(received("null"), "Received null");
        assert_eq!(received("5"), "Received type number (5)");
        assert_eq!(received("'abc'"), "Received type string ('abc')");
        assert_eq!(
            received("'a'.repeat(40)"),
            "Received type string ('aaaaaaaaaaaaaaaaaaaaaaaaa...')"
        );
        assert_eq!(received("({})"), "Received an instance of Object");
        assert_eq!(received("[]"), "Received an instance of Array");
        assert_eq!(received("(function foo() {})"), "Received function foo");
        assert_eq!(
            received("Object.create(null)"),
            "Received [Object: null prototype] {}"
        );
    }
}
