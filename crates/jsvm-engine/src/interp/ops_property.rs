//! Property access slow paths (GetValue/PutValue on property references,
//! 6.2.5.5-6), `delete`, `in`, and the object/array literal opcodes
//! (CopyDataProperties, `__proto__:`, regexp literals, template objects).
//!
//! Invariant: the base is converted before the key (ToObject, then
//! ToPropertyKey) as the opcode docs say; primitives never get a wrapper
//! object as the receiver of getters and setters (the primitive itself is
//! the this value).

use std::rc::Rc;

use jsvm_bytecode::Constant;

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::interp::code::{permanent_string, CodeUnit};
use crate::property::Attrs;
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::Vm;

fn nullish_name(v: Value) -> &'static str {
    if v.is_null() {
        "null"
    } else {
        "undefined"
    }
}

/// A key for error messages, without running JS.
fn key_text(vm: &Vm, k: Value) -> String {
    match k {
        Value::String(s) => vm.heap.str(s).to_rust_lossy(),
        Value::Symbol(s) => vm.key_display(PropertyKey::Symbol(s)),
        Value::Number(n) => crate::num::number_to_string(n),
        other => vm.display_value(other),
    }
}

fn read_error(base: Value, key: String) -> JsError {
    JsError::type_error(format!(
        "Cannot read properties of {} (reading '{}')",
        nullish_name(base),
        key
    ))
}

fn write_error(base: Value, key: String) -> JsError {
    JsError::type_error(format!(
        "Cannot set properties of {} (setting '{}')",
        nullish_name(base),
        key
    ))
}

/// `v[key]` for a non-object `v`: string `length` and indices directly,
/// everything else through the primitive's prototype.
#[cold]
#[inline(never)]
pub(crate) fn get_primitive(vm: &mut Vm, v: Value, key: PropertyKey) -> JsResult<Value> {
    match v {
        Value::Undefined | Value::Null | Value::Uninit => {
            let k = vm.key_display(key);
            Err(read_error(v, k))
        }
        Value::String(s) => match key {
            PropertyKey::Atom(atoms::LENGTH) => Ok(Value::Number(vm.string_len(s) as f64)),
            PropertyKey::Index(i) if (i as usize) < vm.string_len(s) => {
                let u = vm.heap.str(s).get(i as usize).unwrap_or(0);
                Ok(Value::String(vm.unit_string(u)))
            }
            _ => vm.get_v(v, key),
        },
        _ => vm.get_v(v, key),
    }
}

/// PutValue for `base.key = v` (strict: a failed [[Set]] throws).
#[cold]
#[inline(never)]
pub(crate) fn set_property(
    vm: &mut Vm,
    base: Value,
    key: PropertyKey,
    v: Value,
    strict: bool,
) -> JsResult<()> {
    let o = match base {
        Value::Object(o) => o,
        Value::Undefined | Value::Null | Value::Uninit => {
            let k = vm.key_display(key);
            return Err(write_error(base, k));
        }
        _ => vm.to_object(base)?,
    };
    let ok = vm.set(o, key, v, base)?;
    if !ok && strict {
        return Err(JsError::type_error(format!(
            "Cannot assign to read only property '{}' of {}",
            vm.key_display(key),
            describe_target(vm, base)
        )));
    }
    Ok(())
}

fn describe_target(vm: &Vm, v: Value) -> String {
    match v {
        Value::Object(o) => {
            if vm.heap.obj(o).is_callable() {
                format!("function '{}'", vm.display_value(v))
            } else {
                "object".to_string()
            }
        }
        other => vm.display_value(other),
    }
}

/// `o[k]` (GetElem's slow path).
#[cold]
#[inline(never)]
pub(crate) fn get_elem(vm: &mut Vm, o: Value, k: Value) -> JsResult<Value> {
    if o.is_nullish() || matches!(o, Value::Uninit) {
        let t = key_text(vm, k);
        return Err(read_error(o, t));
    }
    let key = vm.to_property_key(k)?;
    match o {
        Value::Object(oid) => vm.get(oid, key, o),
        _ => get_primitive(vm, o, key),
    }
}

/// `o[k] = v` (SetElem's slow path).
#[cold]
#[inline(never)]
pub(crate) fn set_elem(vm: &mut Vm, o: Value, k: Value, v: Value, strict: bool) -> JsResult<()> {
    if o.is_nullish() || matches!(o, Value::Uninit) {
        let t = key_text(vm, k);
        return Err(write_error(o, t));
    }
    let key = vm.to_property_key(k)?;
    set_property(vm, o, key, v, strict)
}

/// `delete o.key`.
pub(crate) fn delete_key(vm: &mut Vm, o: Value, key: PropertyKey, strict: bool) -> JsResult<bool> {
    let obj = vm.to_object(o)?;
    let base = vm.roots_len();
    vm.push_root(Value::Object(obj));
    let r = vm.delete(obj, key);
    vm.truncate_roots(base);
    let ok = r?;
    if !ok && strict {
        return Err(JsError::type_error(format!(
            "Cannot delete property '{}' of {}",
            vm.key_display(key),
            vm.display_value(o)
        )));
    }
    Ok(ok)
}

/// `delete o[k]`: ToObject first, then ToPropertyKey.
pub(crate) fn delete_elem(vm: &mut Vm, o: Value, k: Value, strict: bool) -> JsResult<bool> {
    let obj = vm.to_object(o)?;
    let base = vm.roots_len();
    vm.push_root(Value::Object(obj));
    let key = vm.to_property_key(k);
    vm.truncate_roots(base);
    let key = key?;
    let ov = if o.is_object() { o } else { Value::Object(obj) };
    delete_key(vm, ov, key, strict)
}

/// `k in o`.
pub(crate) fn has_in(vm: &mut Vm, k: Value, o: Value) -> JsResult<bool> {
    let Value::Object(obj) = o else {
        let t = key_text(vm, k);
        return Err(JsError::type_error(format!(
            "Cannot use 'in' operator to search for '{}' in {}",
            t,
            vm.display_value(o)
        )));
    };
    let key = vm.to_property_key(k)?;
    vm.has_property(obj, key)
}

fn array_of(a: Value) -> JsResult<ObjId> {
    match a {
        Value::Object(o) => Ok(o),
        _ => Err(crate::interp::run::bad_code(
            "array literal target is not an object",
        )),
    }
}

/// `NewObjectLiteral`: an ordinary object made at once with the literal's
/// final shape and the `count` values in the stack from `start`. (Out of
/// line and returning the value, so that the dispatch loop's arm stays as
/// small as its neighbours: a larger arm changed the loop's code for every
/// opcode and cost fib 4%.)
#[inline(never)]
pub(crate) fn new_object_literal(
    vm: &mut Vm,
    unit: &CodeUnit,
    shape: u32,
    start: usize,
    count: usize,
) -> JsResult<Value> {
    use crate::object::{ObjectKind, Props, Slots};
    let Some(crate::interp::code::Mat::Shape(Some(shape))) = unit.consts.get(shape as usize) else {
        return Err(crate::interp::run::bad_code("object literal shape"));
    };
    let proto = vm.intrinsics().object_prototype;
    let values = match vm.interp.stack.get(start..start + count) {
        Some(v) if v.len() == vm.heap.shapes.slot_count(*shape) as usize => v,
        _ => return Err(crate::interp::run::bad_code("object literal values")),
    };
    Ok(Value::Object(vm.heap.alloc_object_from(
        ObjectKind::Ordinary,
        Some(proto),
        Props::Shape(*shape),
        Slots::from_slice(values),
    )))
}

/// Appends `v` to a compiler-built array.
pub(crate) fn array_push(vm: &mut Vm, a: Value, v: Value) -> JsResult<()> {
    let o = array_of(a)?;
    let len = vm.array_length_fast(o).unwrap_or(0);
    vm.create_data_property_or_throw(o, PropertyKey::Index(len), v)
}

/// Appends a hole to a compiler-built array.
pub(crate) fn array_push_hole(vm: &mut Vm, a: Value) -> JsResult<()> {
    let o = array_of(a)?;
    let len = vm.array_length_fast(o).unwrap_or(0);
    vm.set_prop(
        o,
        PropertyKey::Atom(atoms::LENGTH),
        Value::Number(len as f64 + 1.0),
        true,
    )
}

/// CreateDataPropertyOrThrow(o, ToPropertyKey(k), v).
pub(crate) fn define_field(vm: &mut Vm, o: Value, k: Value, v: Value) -> JsResult<()> {
    let key = vm.to_property_key(k)?;
    define_named_field(vm, o, key, v)
}

/// CreateDataPropertyOrThrow(o, key, v).
pub(crate) fn define_named_field(
    vm: &mut Vm,
    o: Value,
    key: PropertyKey,
    v: Value,
) -> JsResult<()> {
    match o {
        Value::Object(obj) => vm.create_data_property_or_throw(obj, key, v),
        _ => Err(JsError::type_error(
            "Cannot define a property on a primitive",
        )),
    }
}

/// `__proto__: v` in an object literal.
pub(crate) fn set_proto(vm: &mut Vm, o: Value, p: Value) -> JsResult<()> {
    let Value::Object(obj) = o else {
        return Ok(());
    };
    match p {
        Value::Object(po) => vm.set_prototype_of(obj, Some(po)).map(|_| ()),
        Value::Null => vm.set_prototype_of(obj, None).map(|_| ()),
        _ => Ok(()),
    }
}

/// CopyDataProperties(target, source, excludedKeys) (7.3.25).
pub(crate) fn copy_data_properties(
    vm: &mut Vm,
    target: Value,
    source: Value,
    excluded_start: usize,
    count: usize,
) -> JsResult<()> {
    let Value::Object(t) = target else {
        return Err(crate::interp::run::bad_code("CopyDataProperties target"));
    };
    if source.is_nullish() {
        return Ok(());
    }
    let excluded_vals: Vec<Value> = vm
        .interp
        .stack
        .get(excluded_start..excluded_start + count)
        .map(|s| s.to_vec())
        .unwrap_or_default();
    let mut excluded = Vec::with_capacity(excluded_vals.len());
    for v in excluded_vals {
        excluded.push(vm.to_property_key(v)?);
    }
    let from = vm.to_object(source)?;
    let base = vm.roots_len();
    vm.push_root(Value::Object(from));
    let r = copy_inner(vm, t, from, &excluded);
    vm.truncate_roots(base);
    r
}

fn copy_inner(vm: &mut Vm, t: ObjId, from: ObjId, excluded: &[PropertyKey]) -> JsResult<()> {
    let keys = vm.own_property_keys(from)?;
    // Symbol keys stay alive even if a getter deletes their property.
    for k in &keys {
        if let PropertyKey::Symbol(s) = k {
            vm.push_root(Value::Symbol(*s));
        }
    }
    for k in keys {
        if excluded.contains(&k) {
            continue;
        }
        if let Some(d) = vm.get_own_property(from, k)? {
            if d.enumerable == Some(true) {
                let v = vm.get(from, k, Value::Object(from))?;
                vm.create_data_property_or_throw(t, k, v)?;
            }
        }
    }
    Ok(())
}

/// A regular expression literal: a new RegExp object per evaluation.
pub(crate) fn new_regexp(vm: &mut Vm, unit: &CodeUnit, idx: u32) -> JsResult<Value> {
    let Some(Constant::RegExp { pattern, flags }) = unit.constant(idx) else {
        return Err(crate::interp::run::bad_code("expected a RegExp constant"));
    };
    let p: Vec<u16> = pattern.encode_utf16().collect();
    let f: Vec<u16> = flags.encode_utf16().collect();
    let ps = permanent_string(vm, &p);
    let fs = permanent_string(vm, &f);
    let base = vm.roots_len();
    let r = crate::builtins::regexp::regexp_create(vm, Value::String(ps), Value::String(fs));
    vm.truncate_roots(base);
    Ok(Value::Object(r?))
}

/// GetTemplateObject (13.2.8.4): one frozen template object per site and
/// realm.
pub(crate) fn get_template_object(vm: &mut Vm, unit: &CodeUnit, idx: u32) -> JsResult<Value> {
    let realm = vm.current_realm;
    let site = (Rc::as_ptr(&unit.code) as usize, idx, realm);
    if let Some((_, o)) = vm.interp.templates.get(&site) {
        return Ok(Value::Object(*o));
    }
    let Some(Constant::Template { cooked, raw }) = unit.constant(idx) else {
        return Err(crate::interp::run::bad_code("expected a Template constant"));
    };
    // No safepoint can happen below: nothing here runs JS.
    let raw_vals: Vec<Value> = raw
        .iter()
        .map(|u| Value::String(vm.new_string_utf16(u)))
        .collect();
    let cooked_vals: Vec<Value> = cooked
        .iter()
        .map(|c| match c {
            Some(u) => Value::String(vm.new_string_utf16(u)),
            None => Value::Undefined,
        })
        .collect();
    let raw_obj = vm.new_array(&raw_vals);
    let tmpl = vm.new_array(&cooked_vals);
    vm.set_integrity_level_fast(raw_obj, true);
    vm.define_value(
        tmpl,
        PropertyKey::Atom(atoms::RAW),
        Value::Object(raw_obj),
        Attrs::NONE,
    );
    vm.set_integrity_level_fast(tmpl, true);
    vm.interp.templates.insert(site, (unit.code.clone(), tmpl));
    Ok(Value::Object(tmpl))
}
