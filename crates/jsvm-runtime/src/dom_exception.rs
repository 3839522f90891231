//! `DOMException` (WebIDL): `new DOMException(message = "", name =
//! "Error")` (or `{ name, cause }` as the second argument, as Node
//! accepts), `name`, `message`, `code` (the legacy code of the name, 0 for
//! names without one) and the legacy constants (`ABORT_ERR`, ...).
//! AbortSignal rejects with `AbortError` and `TimeoutError` instances made
//! by `new_dom_exception`.
//!
//! Instances are error objects (they get a `stack`, and inherit from
//! %Error.prototype% through DOMException.prototype), with `message` and
//! `name` as own non-enumerable data properties so that the stack header
//! reads `AbortError: This operation was aborted`.
//!
//! Invariant: the record's NAME slot is the name given at construction;
//! `code` is derived from it and never changes.

use jsvm_engine::api::{Attrs, CallArgs, ErrorKind};
use jsvm_engine::error::JsResult;
use jsvm_engine::value::{ObjId, Value};
use jsvm_engine::vm::Vm;

use crate::host_object::{self as ho, Brand};

const NAME: u32 = 1;
const SLOTS: u32 = 1;

/// The legacy error names with their codes and constant names (WebIDL,
/// "Error names").
const LEGACY: [(&str, u16, &str); 21] = [
    ("IndexSizeError", 1, "INDEX_SIZE_ERR"),
    ("HierarchyRequestError", 3, "HIERARCHY_REQUEST_ERR"),
    ("WrongDocumentError", 4, "WRONG_DOCUMENT_ERR"),
    ("InvalidCharacterError", 5, "INVALID_CHARACTER_ERR"),
    (
        "NoModificationAllowedError",
        7,
        "NO_MODIFICATION_ALLOWED_ERR",
    ),
    ("NotFoundError", 8, "NOT_FOUND_ERR"),
    ("NotSupportedError", 9, "NOT_SUPPORTED_ERR"),
    ("InvalidStateError", 11, "INVALID_STATE_ERR"),
    ("SyntaxError", 12, "SYNTAX_ERR"),
    ("InvalidModificationError", 13, "INVALID_MODIFICATION_ERR"),
    ("NamespaceError", 14, "NAMESPACE_ERR"),
    ("InvalidAccessError", 15, "INVALID_ACCESS_ERR"),
    ("TypeMismatchError", 17, "TYPE_MISMATCH_ERR"),
    ("SecurityError", 18, "SECURITY_ERR"),
    ("NetworkError", 19, "NETWORK_ERR"),
    ("AbortError", 20, "ABORT_ERR"),
    ("URLMismatchError", 21, "URL_MISMATCH_ERR"),
    ("QuotaExceededError", 22, "QUOTA_EXCEEDED_ERR"),
    ("TimeoutError", 23, "TIMEOUT_ERR"),
    ("InvalidNodeTypeError", 24, "INVALID_NODE_TYPE_ERR"),
    ("DataCloneError", 25, "DATA_CLONE_ERR"),
];

/// The legacy code of an error name (0 when it has none).
pub fn legacy_code(name: &str) -> u16 {
    LEGACY
        .iter()
        .find(|(n, _, _)| *n == name)
        .map_or(0, |&(_, c, _)| c)
}

pub fn install(vm: &mut Vm) {
    let error_proto = vm.intrinsics().error_prototypes[0];
    let (ctor, proto) = ho::define_class(vm, "DOMException", 0, constructor, Some(error_proto));
    ho::register_proto(Brand::DomException, proto);
    ho::getter(vm, proto, "code", get_code);
    for &(_, code, constant) in LEGACY.iter() {
        for o in [ctor, proto] {
            let key = vm.key(constant);
            vm.define_value(o, key, Value::Number(code as f64), Attrs(2));
        }
    }
}

/// A new DOMException of the current realm (with a stack).
pub fn new_dom_exception(vm: &mut Vm, message: &str, name: &str) -> ObjId {
    let e = vm.new_error(ErrorKind::Error, message);
    let proto = ho::proto_of(vm, Brand::DomException);
    let _ = vm.set_prototype_of(e, Some(proto));
    let rec = ho::attach(vm, e, Brand::DomException, SLOTS);
    let name_value = ho::js_string(vm, name);
    ho::set(vm, rec, NAME, name_value);
    let key = vm.key("name");
    vm.define_value(e, key, name_value, Attrs::METHOD);
    e
}

/// `new DOMException(message, name | { name, cause })`.
fn constructor(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    if a.new_target.is_none() {
        return Err(jsvm_engine::error::JsError::type_error(
            "Class constructor DOMException cannot be invoked without 'new'",
        ));
    }
    let message = match a.arg(0) {
        Value::Undefined => String::new(),
        v => ho::to_rust_string(vm, v)?,
    };
    let mut cause = None;
    let name = match a.arg(1) {
        Value::Undefined => "Error".to_string(),
        Value::Object(o) if !vm.is_callable(a.arg(1)) => {
            let key = vm.key("cause");
            if vm.has_property(o, key)? {
                let c = vm.get_prop(o, key)?;
                vm.push_root(c);
                cause = Some(c);
            }
            match ho::dict_member(vm, a.arg(1), "name")? {
                Value::Undefined => "Error".to_string(),
                v => ho::to_rust_string(vm, v)?,
            }
        }
        v => ho::to_rust_string(vm, v)?,
    };
    let e = new_dom_exception(vm, &message, &name);
    if let Some(nt) = a.new_target {
        let key = vm.key("prototype");
        if let Ok(Value::Object(p)) = vm.get_prop(nt, key) {
            let _ = vm.set_prototype_of(e, Some(p));
        }
    }
    if let Some(c) = cause {
        let key = vm.key("cause");
        vm.define_value(e, key, c, Attrs::METHOD);
    }
    Ok(Value::Object(e))
}

fn get_code(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = ho::require(vm, a.this, Brand::DomException)?;
    let name = match ho::get(vm, rec, NAME) {
        Value::String(s) => vm.string_to_rust(s),
        _ => String::new(),
    };
    Ok(Value::Number(legacy_code(&name) as f64))
}

/// `new DOMException("This operation was aborted", "AbortError")`.
pub fn abort_error(vm: &mut Vm) -> Value {
    Value::Object(new_dom_exception(
        vm,
        "This operation was aborted",
        "AbortError",
    ))
}

/// A thrown `InvalidStateError` DOMException.
pub fn invalid_state(vm: &mut Vm, message: &str) -> jsvm_engine::error::JsError {
    let e = new_dom_exception(vm, message, "InvalidStateError");
    jsvm_engine::error::JsError::Throw(Value::Object(e))
}

/// AbortSignal.timeout's reason.
pub fn timeout_error(vm: &mut Vm) -> Value {
    Value::Object(new_dom_exception(
        vm,
        "The operation was aborted due to timeout",
        "TimeoutError",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_codes() {
        assert_eq!(legacy_code("AbortError"), 20);
        assert_eq!(legacy_code("TimeoutError"), 23);
        assert_eq!(legacy_code("Error"), 0);
    }
}
