//! The names `util.inspect` puts in front of values: constructor names,
//! `Symbol.toStringTag`, Node's getPrefix / getCtxStyle / getFunctionBase /
//! getClassBase, and the key lists it shows (getKeys).
//!
//! Invariant: only `name`, `Symbol.toStringTag` and `prototype` reads may
//! run JavaScript here (as in Node); anything they throw is swallowed.

use jsvm_engine::api::PropertyKey;
use jsvm_engine::describe::{FunctionFlavor, ObjectInfo};
use jsvm_engine::value::{ObjId, SymId, Value};
use jsvm_engine::vm::Vm;

/// `Symbol(description)`.
pub(super) fn symbol_to_string(vm: &mut Vm, s: SymId) -> String {
    match vm.symbol_description(s) {
        Some(d) => format!("Symbol({d})"),
        None => "Symbol()".into(),
    }
}

/// The value of an own data property (None for accessors and absent
/// keys; proxies are asked through their trap-free target view by the
/// caller).
pub(super) fn own_data(vm: &mut Vm, o: ObjId, key: PropertyKey) -> Option<Value> {
    vm.get_own_property(o, key).ok().flatten()?.value
}

/// A function's `name` as a string ("" when it is not one).
pub(super) fn function_name(vm: &mut Vm, f: ObjId) -> String {
    let key = vm.key("name");
    match vm.get_prop(f, key) {
        Ok(Value::String(s)) => vm.string_to_rust(s),
        _ => String::new(),
    }
}

/// Node's builtInObjects test: a global binding whose name looks like a
/// class name (`/^[A-Z][a-zA-Z0-9]+$/`).
pub(super) fn is_builtin(vm: &mut Vm, name: &str) -> bool {
    let mut chars = name.chars();
    let looks = chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && name.len() > 1
        && chars.all(|c| c.is_ascii_alphanumeric());
    if !looks {
        return false;
    }
    let global = vm.global_object();
    let key = vm.key(name);
    vm.has_own_property(global, key).unwrap_or(false)
}

/// `obj[Symbol.toStringTag]` when it is a string, unless it is an own
/// enumerable property (own at all with showHidden), which is shown as a
/// key instead.
pub(super) fn to_string_tag(vm: &mut Vm, o: ObjId, show_hidden: bool) -> String {
    let key = PropertyKey::Symbol(vm.symbols.to_string_tag);
    let tag = match vm.get_prop(o, key) {
        Ok(Value::String(s)) => vm.string_to_rust(s),
        _ => return String::new(),
    };
    if tag.is_empty() {
        return tag;
    }
    match vm.get_own_property(o, key) {
        Ok(Some(d)) if show_hidden || d.enumerable == Some(true) => String::new(),
        _ => tag,
    }
}

/// V8's internal class name of an object (GetConstructorName's fallback).
pub(super) fn internal_name(vm: &mut Vm, o: ObjId) -> &'static str {
    match vm.inspect_info(o) {
        ObjectInfo::Array => "Array",
        ObjectInfo::Function { .. } => "Function",
        ObjectInfo::Error => "Error",
        ObjectInfo::Date(_) => "Date",
        ObjectInfo::RegExp(_) => "RegExp",
        ObjectInfo::Map(_) => "Map",
        ObjectInfo::Set(_) => "Set",
        ObjectInfo::Promise(..) => "Promise",
        ObjectInfo::Boxed(Value::Number(_)) => "Number",
        ObjectInfo::Boxed(Value::String(_)) => "String",
        ObjectInfo::Boxed(Value::Boolean(_)) => "Boolean",
        ObjectInfo::Boxed(Value::Symbol(_)) => "Symbol",
        ObjectInfo::Boxed(Value::BigInt(_)) => "BigInt",
        ObjectInfo::Weak(kind) => kind,
        ObjectInfo::ModuleNamespace => "Module",
        _ => "Object",
    }
}

/// Node's getPrefix.
pub(super) fn prefix(constructor: Option<&str>, tag: &str, fallback: &str, size: &str) -> String {
    match constructor {
        None => {
            if !tag.is_empty() && fallback != tag {
                format!("[{fallback}{size}: null prototype] [{tag}] ")
            } else {
                format!("[{fallback}{size}: null prototype] ")
            }
        }
        Some(c) => {
            if !tag.is_empty() && c != tag {
                format!("{c}{size} [{tag}] ")
            } else {
                format!("{c}{size} ")
            }
        }
    }
}

/// Node's getCtxStyle.
pub(super) fn ctx_style(vm: &mut Vm, o: ObjId, constructor: Option<&str>, tag: &str) -> String {
    let mut fallback = "";
    if constructor.is_none() {
        fallback = internal_name(vm, o);
        if fallback == tag {
            fallback = "Object";
        }
    }
    prefix(constructor, tag, fallback, "")
}

/// Node's getIteratorBraces: `[Map Iterator] {`, with a different tag in
/// front.
pub(super) fn iterator_brace(kind: &str, tag: &str) -> String {
    let own = format!("{kind} Iterator");
    let mut t = tag.to_string();
    if t != own {
        if !t.is_empty() {
            t.push_str("] [");
        }
        t.push_str(&own);
    }
    format!("[{t}] {{")
}

/// Node's getKeys (`show_hidden`: all own names and symbols; otherwise the
/// enumerable ones), without array indices when `skip_indices`
/// (getOwnNonIndexProperties).
pub(super) fn own_keys(
    vm: &mut Vm,
    o: ObjId,
    show_hidden: bool,
    skip_indices: bool,
) -> Vec<PropertyKey> {
    let keys = vm.own_property_keys(o).unwrap_or_default();
    let mut strings = Vec::new();
    let mut symbols = Vec::new();
    for key in keys {
        if skip_indices && matches!(key, PropertyKey::Index(_)) {
            continue;
        }
        if !show_hidden {
            match vm.get_own_property(o, key) {
                Ok(Some(d)) if d.enumerable == Some(true) => {}
                _ => continue,
            }
        }
        if matches!(key, PropertyKey::Symbol(_)) {
            symbols.push(key);
        } else {
            strings.push(key);
        }
    }
    strings.extend(symbols);
    strings
}

pub(super) fn index_key(vm: &mut Vm, i: u64) -> PropertyKey {
    if i < u32::MAX as u64 {
        PropertyKey::Index(i as u32)
    } else {
        vm.key(&i.to_string())
    }
}

pub(super) fn array_length(vm: &mut Vm, o: ObjId) -> u64 {
    let k = vm.key("length");
    match own_data(vm, o, k) {
        Some(Value::Number(n)) if n >= 0.0 => n as u64,
        _ => 0,
    }
}

/// Node's getFunctionBase / getClassBase.
pub(super) fn function_base(
    vm: &mut Vm,
    f: ObjId,
    class: bool,
    flavor: FunctionFlavor,
    constructor: Option<&str>,
    tag: &str,
) -> String {
    let name_key = vm.key("name");
    let name = function_name(vm, f);
    if class {
        let own_name = matches!(vm.get_own_property(f, name_key), Ok(Some(_)));
        let shown = if own_name && !name.is_empty() {
            name.as_str()
        } else {
            "(anonymous)"
        };
        let mut base = format!("class {shown}");
        if let Some(c) = constructor {
            if c != "Function" {
                base.push_str(&format!(" [{c}]"));
            }
        }
        if !tag.is_empty() && constructor != Some(tag) {
            base.push_str(&format!(" [{tag}]"));
        }
        if constructor.is_some() {
            if let Ok(Some(parent)) = vm.get_prototype_of(f) {
                let super_name = function_name(vm, parent);
                if !super_name.is_empty() {
                    base.push_str(&format!(" extends {super_name}"));
                }
            }
        } else {
            base.push_str(" extends [null prototype]");
        }
        return format!("[{base}]");
    }
    let type_name = match flavor {
        FunctionFlavor::Normal => "Function",
        FunctionFlavor::Async => "AsyncFunction",
        FunctionFlavor::Generator => "GeneratorFunction",
        FunctionFlavor::AsyncGenerator => "AsyncGeneratorFunction",
    };
    let mut base = format!("[{type_name}");
    if constructor.is_none() {
        base.push_str(" (null prototype)");
    }
    if name.is_empty() {
        base.push_str(" (anonymous)");
    } else {
        base.push_str(&format!(": {name}"));
    }
    base.push(']');
    if let Some(c) = constructor {
        if c != type_name {
            base.push_str(&format!(" {c}"));
        }
    }
    if !tag.is_empty() && constructor != Some(tag) {
        base.push_str(&format!(" [{tag}]"));
    }
    base
}
