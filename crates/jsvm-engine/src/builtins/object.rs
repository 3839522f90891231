//! The Object constructor and Object.prototype (ECMAScript 20.1), including
//! the Annex B accessors (`__proto__`, `__defineGetter__` & co.).
//!
//! Invariant: every function follows its spec steps in order (conversions
//! and property accesses are observable through proxies and getters).

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::object::ObjectKind;
use crate::property::{Attrs, PropertyDescriptor};
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

pub fn init(vm: &mut Vm, realm: RealmId) {
    let proto = vm.realm(realm).intrinsics.object_prototype;
    let ctor = vm.make_constructor("Object", 1, object_ctor, proto);
    vm.realm_mut(realm).intrinsics.object = ctor;
    let statics: &[(&str, u32, crate::function::NativeFn)] = &[
        ("assign", 2, assign),
        ("create", 2, create),
        ("defineProperties", 2, define_properties),
        ("defineProperty", 3, define_property),
        ("entries", 1, entries),
        ("freeze", 1, freeze),
        ("fromEntries", 1, from_entries),
        ("getOwnPropertyDescriptor", 2, get_own_property_descriptor),
        ("getOwnPropertyDescriptors", 1, get_own_property_descriptors),
        ("getOwnPropertyNames", 1, get_own_property_names),
        ("getOwnPropertySymbols", 1, get_own_property_symbols),
        ("getPrototypeOf", 1, get_prototype_of),
        ("groupBy", 2, group_by),
        ("hasOwn", 2, has_own),
        ("is", 2, is),
        ("isExtensible", 1, is_extensible),
        ("isFrozen", 1, is_frozen),
        ("isSealed", 1, is_sealed),
        ("keys", 1, keys),
        ("preventExtensions", 1, prevent_extensions),
        ("seal", 1, seal),
        ("setPrototypeOf", 2, set_prototype_of),
        ("values", 1, values),
    ];
    for &(name, len, f) in statics {
        vm.define_method(ctor, name, len, f);
    }
    let methods: &[(&str, u32, crate::function::NativeFn)] = &[
        ("hasOwnProperty", 1, has_own_property),
        ("isPrototypeOf", 1, is_prototype_of),
        ("propertyIsEnumerable", 1, property_is_enumerable),
        ("toLocaleString", 0, to_locale_string),
        ("toString", 0, to_string),
        ("valueOf", 0, value_of),
        ("__defineGetter__", 2, define_getter),
        ("__defineSetter__", 2, define_setter),
        ("__lookupGetter__", 1, lookup_getter),
        ("__lookupSetter__", 1, lookup_setter),
    ];
    for &(name, len, f) in methods {
        vm.define_method(proto, name, len, f);
    }
    vm.define_accessor(
        proto,
        PropertyKey::Atom(atoms::PROTO),
        Some(proto_getter),
        Some(proto_setter),
        Attrs::CONFIGURABLE_ONLY,
    );
}

fn obj_arg(vm: &Vm, v: Value, what: &str) -> JsResult<ObjId> {
    match v {
        Value::Object(o) => Ok(o),
        _ => Err(JsError::type_error(format!(
            "{what} called on non-object: {}",
            vm.display_value(v)
        ))),
    }
}

/// RequireObjectCoercible (7.2.1).
pub fn require_object_coercible(vm: &Vm, v: Value) -> JsResult<Value> {
    if v.is_nullish() {
        return Err(JsError::type_error(format!(
            "Cannot convert {} to object",
            vm.display_value(v)
        )));
    }
    Ok(v)
}

/// Object(value) (20.1.1.1).
fn object_ctor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if let Some(nt) = args.new_target {
        if nt != args.callee {
            let o = vm.ordinary_create_from_constructor(
                nt,
                |i| i.object_prototype,
                ObjectKind::Ordinary,
            )?;
            return Ok(Value::Object(o));
        }
    }
    let v = args.arg(0);
    if v.is_nullish() {
        return Ok(Value::Object(vm.new_plain_object()));
    }
    Ok(Value::Object(vm.to_object(v)?))
}

/// Object.assign (20.1.2.1).
fn assign(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let to = vm.to_object(args.arg(0))?;
    vm.push_root(Value::Object(to));
    for &src in args.rest(1) {
        if src.is_nullish() {
            continue;
        }
        let from = vm.to_object(src)?;
        vm.push_root(Value::Object(from));
        let keys = vm.own_property_keys(from)?;
        for k in keys {
            root_key(vm, k);
            if let Some(d) = vm.get_own_property(from, k)? {
                if d.enumerable == Some(true) {
                    let v = vm.get(from, k, Value::Object(from))?;
                    vm.set_prop(to, k, v, true)?;
                }
            }
        }
    }
    Ok(Value::Object(to))
}

/// Keeps a key's string alive across JS (symbol keys may be otherwise
/// unreferenced once a proxy dropped them).
pub(crate) fn root_key(vm: &mut Vm, k: PropertyKey) {
    if let PropertyKey::Symbol(s) = k {
        vm.push_root(Value::Symbol(s));
    }
}

/// Object.create (20.1.2.2).
fn create(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let proto = match args.arg(0) {
        Value::Object(o) => Some(o),
        Value::Null => None,
        v => {
            return Err(JsError::type_error(format!(
                "Object prototype may only be an Object or null: {}",
                vm.display_value(v)
            )))
        }
    };
    let o = vm.new_object(proto);
    vm.push_root(Value::Object(o));
    let props = args.arg(1);
    if !props.is_undefined() {
        object_define_properties(vm, o, props)?;
    }
    Ok(Value::Object(o))
}

/// ObjectDefineProperties (20.1.2.3.1).
fn object_define_properties(vm: &mut Vm, o: ObjId, props: Value) -> JsResult<()> {
    let p = vm.to_object(props)?;
    vm.push_root(Value::Object(p));
    let keys = vm.own_property_keys(p)?;
    let mut descs = Vec::new();
    for k in keys {
        root_key(vm, k);
        if let Some(pd) = vm.get_own_property(p, k)? {
            if pd.enumerable == Some(true) {
                let desc_obj = vm.get(p, k, Value::Object(p))?;
                let d = vm.to_property_descriptor(desc_obj)?;
                root_descriptor(vm, &d);
                descs.push((k, d));
            }
        }
    }
    for (k, d) in descs {
        vm.define_property_or_throw(o, k, d)?;
    }
    Ok(())
}

fn root_descriptor(vm: &mut Vm, d: &PropertyDescriptor) {
    if let Some(v) = d.value {
        vm.push_root(v);
    }
    if let Some(Some(g)) = d.get {
        vm.push_root(Value::Object(g));
    }
    if let Some(Some(s)) = d.set {
        vm.push_root(Value::Object(s));
    }
}

fn define_properties(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = obj_arg(vm, args.arg(0), "Object.defineProperties")?;
    object_define_properties(vm, o, args.arg(1))?;
    Ok(Value::Object(o))
}

/// Object.defineProperty (20.1.2.4).
fn define_property(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = obj_arg(vm, args.arg(0), "Object.defineProperty")?;
    let key = vm.to_property_key(args.arg(1))?;
    root_key(vm, key);
    let d = vm.to_property_descriptor(args.arg(2))?;
    vm.define_property_or_throw(o, key, d)?;
    Ok(Value::Object(o))
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum EnumKind {
    Key,
    Value,
    KeyValue,
}

/// EnumerableOwnProperties (7.3.23); the results are rooted.
pub(crate) fn enumerable_own_properties(
    vm: &mut Vm,
    o: ObjId,
    kind: EnumKind,
) -> JsResult<Vec<Value>> {
    let keys = vm.own_property_keys(o)?;
    let mut out = Vec::new();
    for k in keys {
        if matches!(k, PropertyKey::Symbol(_)) {
            continue;
        }
        let Some(d) = vm.get_own_property(o, k)? else {
            continue;
        };
        if d.enumerable != Some(true) {
            continue;
        }
        let kv = vm.key_to_value(k);
        vm.push_root(kv);
        let r = match kind {
            EnumKind::Key => kv,
            EnumKind::Value => vm.get(o, k, Value::Object(o))?,
            EnumKind::KeyValue => {
                let v = vm.get(o, k, Value::Object(o))?;
                Value::Object(vm.new_array(&[kv, v]))
            }
        };
        vm.push_root(r);
        out.push(r);
    }
    Ok(out)
}

fn entries(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(args.arg(0))?;
    vm.push_root(Value::Object(o));
    let list = enumerable_own_properties(vm, o, EnumKind::KeyValue)?;
    Ok(Value::Object(vm.new_array(&list)))
}
fn keys(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(args.arg(0))?;
    vm.push_root(Value::Object(o));
    let list = enumerable_own_properties(vm, o, EnumKind::Key)?;
    Ok(Value::Object(vm.new_array(&list)))
}
fn values(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(args.arg(0))?;
    vm.push_root(Value::Object(o));
    let list = enumerable_own_properties(vm, o, EnumKind::Value)?;
    Ok(Value::Object(vm.new_array(&list)))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Sealed,
    Frozen,
}

/// SetIntegrityLevel (7.3.15).
fn set_integrity_level(vm: &mut Vm, o: ObjId, level: Level) -> JsResult<bool> {
    let fast = !matches!(
        vm.heap.obj(o).kind,
        ObjectKind::Proxy(_)
            | ObjectKind::Arguments(_)
            | ObjectKind::TypedArray(_)
            | ObjectKind::Module(_)
    );
    if fast {
        vm.set_integrity_level_fast(o, level == Level::Frozen);
        return Ok(true);
    }
    if !vm.prevent_extensions(o)? {
        return Ok(false);
    }
    let keys = vm.own_property_keys(o)?;
    for k in keys {
        root_key(vm, k);
        match level {
            Level::Sealed => {
                let d = PropertyDescriptor {
                    configurable: Some(false),
                    ..Default::default()
                };
                vm.define_property_or_throw(o, k, d)?;
            }
            Level::Frozen => {
                if let Some(cur) = vm.get_own_property(o, k)? {
                    let d = if cur.is_accessor() {
                        PropertyDescriptor {
                            configurable: Some(false),
                            ..Default::default()
                        }
                    } else {
                        PropertyDescriptor {
                            configurable: Some(false),
                            writable: Some(false),
                            ..Default::default()
                        }
                    };
                    vm.define_property_or_throw(o, k, d)?;
                }
            }
        }
    }
    Ok(true)
}

/// TestIntegrityLevel (7.3.16).
fn test_integrity_level(vm: &mut Vm, o: ObjId, level: Level) -> JsResult<bool> {
    if vm.is_extensible(o)? {
        return Ok(false);
    }
    let keys = vm.own_property_keys(o)?;
    for k in keys {
        root_key(vm, k);
        if let Some(d) = vm.get_own_property(o, k)? {
            if d.configurable == Some(true) {
                return Ok(false);
            }
            if level == Level::Frozen && d.is_data() && d.writable == Some(true) {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

fn freeze(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let v = args.arg(0);
    let Value::Object(o) = v else {
        return Ok(v);
    };
    if !set_integrity_level(vm, o, Level::Frozen)? {
        return Err(JsError::type_error("Cannot freeze"));
    }
    Ok(v)
}
fn seal(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let v = args.arg(0);
    let Value::Object(o) = v else {
        return Ok(v);
    };
    if !set_integrity_level(vm, o, Level::Sealed)? {
        return Err(JsError::type_error("Cannot seal"));
    }
    Ok(v)
}
fn is_frozen(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    match args.arg(0) {
        Value::Object(o) => Ok(Value::Boolean(test_integrity_level(vm, o, Level::Frozen)?)),
        _ => Ok(Value::Boolean(true)),
    }
}
fn is_sealed(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    match args.arg(0) {
        Value::Object(o) => Ok(Value::Boolean(test_integrity_level(vm, o, Level::Sealed)?)),
        _ => Ok(Value::Boolean(true)),
    }
}
fn is_extensible(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    match args.arg(0) {
        Value::Object(o) => Ok(Value::Boolean(vm.is_extensible(o)?)),
        _ => Ok(Value::Boolean(false)),
    }
}
fn prevent_extensions(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let v = args.arg(0);
    let Value::Object(o) = v else {
        return Ok(v);
    };
    if !vm.prevent_extensions(o)? {
        return Err(JsError::type_error("Cannot prevent extensions"));
    }
    Ok(v)
}

/// Object.fromEntries (20.1.2.7) with AddEntriesFromIterable (24.1.1.2).
fn from_entries(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let iterable = require_object_coercible(vm, args.arg(0))?;
    let obj = vm.new_plain_object();
    vm.push_root(Value::Object(obj));
    let mut rec = vm.get_iterator(iterable)?;
    vm.push_root(Value::Object(rec.iterator));
    vm.push_root(rec.next_method);
    loop {
        let Some(next) = vm.iterator_step_value(&mut rec)? else {
            return Ok(Value::Object(obj));
        };
        let Value::Object(no) = next else {
            let e = JsError::type_error(format!(
                "Iterator value {} is not an entry object",
                vm.display_value(next)
            ));
            return vm.iterator_close(&rec, Err(e));
        };
        vm.push_root(next);
        let r = (|| -> JsResult<()> {
            let k = vm.get(no, PropertyKey::Index(0), next)?;
            vm.push_root(k);
            let v = vm.get(no, PropertyKey::Index(1), next)?;
            vm.push_root(v);
            let key = vm.to_property_key(k)?;
            vm.create_data_property_or_throw(obj, key, v)
        })();
        if r.is_err() {
            return vm.iterator_close(&rec, r.map(|_| Value::Undefined));
        }
    }
}

fn get_own_property_descriptor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(args.arg(0))?;
    vm.push_root(Value::Object(o));
    let key = vm.to_property_key(args.arg(1))?;
    let d = vm.get_own_property(o, key)?;
    Ok(vm.from_property_descriptor(d))
}

fn get_own_property_descriptors(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(args.arg(0))?;
    vm.push_root(Value::Object(o));
    let keys = vm.own_property_keys(o)?;
    let out = vm.new_plain_object();
    vm.push_root(Value::Object(out));
    for k in keys {
        root_key(vm, k);
        let d = vm.get_own_property(o, k)?;
        let dv = vm.from_property_descriptor(d);
        if !dv.is_undefined() {
            vm.create_data_property_or_throw(out, k, dv)?;
        }
    }
    Ok(Value::Object(out))
}

/// GetOwnPropertyKeys (20.1.2.11.1).
fn own_keys_of_type(vm: &mut Vm, v: Value, symbols: bool) -> JsResult<Value> {
    let o = vm.to_object(v)?;
    vm.push_root(Value::Object(o));
    let keys = vm.own_property_keys(o)?;
    let mut list = Vec::new();
    for k in keys {
        if matches!(k, PropertyKey::Symbol(_)) == symbols {
            let kv = vm.key_to_value(k);
            vm.push_root(kv);
            list.push(kv);
        }
    }
    Ok(Value::Object(vm.new_array(&list)))
}
fn get_own_property_names(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    own_keys_of_type(vm, args.arg(0), false)
}
fn get_own_property_symbols(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    own_keys_of_type(vm, args.arg(0), true)
}

fn get_prototype_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(args.arg(0))?;
    Ok(vm.get_prototype_of(o)?.map_or(Value::Null, Value::Object))
}

/// Object.groupBy (20.1.2.12) via GroupBy (7.3.35) with property keys.
fn group_by(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let items = require_object_coercible(vm, args.arg(0))?;
    let callback = args.arg(1);
    if !vm.is_callable(callback) {
        return Err(JsError::type_error(format!(
            "{} is not a function",
            vm.display_value(callback)
        )));
    }
    let mut groups: Vec<(PropertyKey, Vec<Value>)> = Vec::new();
    let mut index: hashbrown::HashMap<PropertyKey, usize> = hashbrown::HashMap::new();
    let mut rec = vm.get_iterator(items)?;
    vm.push_root(Value::Object(rec.iterator));
    vm.push_root(rec.next_method);
    let mut k: f64 = 0.0;
    loop {
        if k >= 9_007_199_254_740_991.0 {
            let e = JsError::type_error("Too many elements");
            return vm.iterator_close(&rec, Err(e));
        }
        let Some(value) = vm.iterator_step_value(&mut rec)? else {
            break;
        };
        vm.push_root(value);
        let key = match vm.call(callback, Value::Undefined, &[value, Value::Number(k)]) {
            Ok(key) => key,
            Err(e) => return vm.iterator_close(&rec, Err(e)),
        };
        vm.push_root(key);
        let pk = match vm.to_property_key(key) {
            Ok(pk) => pk,
            Err(e) => return vm.iterator_close(&rec, Err(e)),
        };
        root_key(vm, pk);
        if let PropertyKey::Atom(a) = pk {
            let s = vm.atom_string(a);
            vm.push_root(Value::String(s));
        }
        match index.get(&pk) {
            Some(&i) => groups[i].1.push(value),
            None => {
                index.insert(pk, groups.len());
                groups.push((pk, vec![value]));
            }
        }
        k += 1.0;
    }
    let obj = vm.new_object(None);
    vm.push_root(Value::Object(obj));
    for (key, elems) in groups {
        let arr = vm.new_array(&elems);
        vm.create_data_property_or_throw(obj, key, Value::Object(arr))?;
    }
    Ok(Value::Object(obj))
}

fn has_own(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(args.arg(0))?;
    vm.push_root(Value::Object(o));
    let key = vm.to_property_key(args.arg(1))?;
    Ok(Value::Boolean(vm.has_own_property(o, key)?))
}

fn is(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Boolean(vm.same_value(args.arg(0), args.arg(1))))
}

fn set_prototype_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = require_object_coercible(vm, args.arg(0))?;
    let proto = match args.arg(1) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        v => {
            return Err(JsError::type_error(format!(
                "Object prototype may only be an Object or null: {}",
                vm.display_value(v)
            )))
        }
    };
    let Value::Object(obj) = o else {
        return Ok(o);
    };
    if !vm.set_prototype_of(obj, proto)? {
        return Err(JsError::type_error(
            "Cannot set prototype: object is not extensible or the prototype chain would be cyclic",
        ));
    }
    Ok(o)
}

// ---- Object.prototype ----

fn has_own_property(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let key = vm.to_property_key(args.arg(0))?;
    root_key(vm, key);
    let o = vm.to_object(args.this)?;
    Ok(Value::Boolean(vm.has_own_property(o, key)?))
}

fn is_prototype_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(mut v) = args.arg(0) else {
        return Ok(Value::Boolean(false));
    };
    let o = vm.to_object(args.this)?;
    loop {
        match vm.get_prototype_of(v)? {
            None => return Ok(Value::Boolean(false)),
            Some(p) if p == o => return Ok(Value::Boolean(true)),
            Some(p) => v = p,
        }
    }
}

fn property_is_enumerable(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let key = vm.to_property_key(args.arg(0))?;
    root_key(vm, key);
    let o = vm.to_object(args.this)?;
    let d = vm.get_own_property(o, key)?;
    Ok(Value::Boolean(
        d.is_some_and(|d| d.enumerable == Some(true)),
    ))
}

fn to_locale_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    vm.invoke(args.this, PropertyKey::Atom(atoms::TO_STRING), &[])
}

/// Object.prototype.toString (20.1.3.6).
fn to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let this = args.this;
    if this.is_undefined() {
        return Ok(Value::String(vm.new_string("[object Undefined]")));
    }
    if this.is_null() {
        return Ok(Value::String(vm.new_string("[object Null]")));
    }
    let o = vm.to_object(this)?;
    vm.push_root(Value::Object(o));
    let builtin = if vm.is_array(Value::Object(o))? {
        "Array"
    } else {
        let obj = vm.heap.obj(o);
        match &obj.kind {
            ObjectKind::Arguments(_) => "Arguments",
            ObjectKind::Error => "Error",
            ObjectKind::Boolean(_) => "Boolean",
            ObjectKind::Number(_) => "Number",
            ObjectKind::String(_) => "String",
            ObjectKind::Date(_) => "Date",
            ObjectKind::RegExp(_) => "RegExp",
            _ if obj.is_callable() => "Function",
            _ => "Object",
        }
    };
    let tag_sym = vm.symbols.to_string_tag;
    let tag = vm.get(o, PropertyKey::Symbol(tag_sym), Value::Object(o))?;
    let tag = match tag {
        Value::String(s) => vm.string_to_rust_units(s),
        _ => builtin.encode_utf16().collect(),
    };
    let mut units: Vec<u16> = "[object ".encode_utf16().collect();
    units.extend(tag);
    units.push(b']' as u16);
    Ok(Value::String(vm.new_string_utf16(&units)))
}

fn value_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Object(vm.to_object(args.this)?))
}

/// get Object.prototype.__proto__ (B.2.2.1.1).
fn proto_getter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = vm.to_object(args.this)?;
    Ok(vm.get_prototype_of(o)?.map_or(Value::Null, Value::Object))
}

/// set Object.prototype.__proto__ (B.2.2.1.2).
fn proto_setter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = require_object_coercible(vm, args.this)?;
    let proto = match args.arg(0) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        _ => return Ok(Value::Undefined),
    };
    let Value::Object(obj) = o else {
        return Ok(Value::Undefined);
    };
    if !vm.set_prototype_of(obj, proto)? {
        return Err(JsError::type_error(
            "Object.prototype.__proto__ setter: cannot set prototype",
        ));
    }
    Ok(Value::Undefined)
}

/// __defineGetter__ / __defineSetter__ (B.2.2.2-3).
fn define_accessor_annex_b(vm: &mut Vm, args: &CallArgs, getter: bool) -> JsResult<Value> {
    let o = vm.to_object(args.this)?;
    vm.push_root(Value::Object(o));
    let f = args.arg(1);
    if !vm.is_callable(f) {
        return Err(JsError::type_error(format!(
            "Object.prototype.__define{}etter__: Expecting function",
            if getter { "G" } else { "S" }
        )));
    }
    let mut d = PropertyDescriptor {
        enumerable: Some(true),
        configurable: Some(true),
        ..Default::default()
    };
    if getter {
        d.get = Some(f.as_object());
    } else {
        d.set = Some(f.as_object());
    }
    let key = vm.to_property_key(args.arg(0))?;
    vm.define_property_or_throw(o, key, d)?;
    Ok(Value::Undefined)
}
fn define_getter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    define_accessor_annex_b(vm, args, true)
}
fn define_setter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    define_accessor_annex_b(vm, args, false)
}

/// __lookupGetter__ / __lookupSetter__ (B.2.2.4-5).
fn lookup_accessor(vm: &mut Vm, args: &CallArgs, getter: bool) -> JsResult<Value> {
    let mut o = vm.to_object(args.this)?;
    vm.push_root(Value::Object(o));
    let key = vm.to_property_key(args.arg(0))?;
    root_key(vm, key);
    loop {
        if let Some(d) = vm.get_own_property(o, key)? {
            if d.is_accessor() {
                let f = if getter { d.get } else { d.set };
                return Ok(f.flatten().map_or(Value::Undefined, Value::Object));
            }
            return Ok(Value::Undefined);
        }
        match vm.get_prototype_of(o)? {
            Some(p) => o = p,
            None => return Ok(Value::Undefined),
        }
    }
}
fn lookup_getter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    lookup_accessor(vm, args, true)
}
fn lookup_setter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    lookup_accessor(vm, args, false)
}
