//! The Array constructor and its static methods (ECMAScript 23.1.1, 23.1.2),
//! ArrayCreate / ArraySpeciesCreate, the prototype's setup (methods live in
//! `array_methods`, `array_search` and `array_sort`), and the small generic
//! accessors every Array method uses on array-likes.
//!
//! Invariant: every method is generic: it reads its receiver only through
//! [[Get]] / [[HasProperty]] / [[Set]] / [[Delete]] / [[DefineOwnProperty]]
//! with integer indices up to 2^53 - 1, in the order the spec performs them,
//! so it works on any object (proxies and getters observe the spec's
//! sequence of operations).

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::function::{CallArgs, NativeFn};
use crate::interp::Callback;
use crate::object::kind::ObjectKind;
use crate::ops::IteratorRecord;
use crate::property::Attrs;
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

use super::support::{
    current, index_key, intrinsics, intrinsics_mut, link_constructor, new_object_with_kind, Slot,
    MAX_SAFE_INTEGER,
};

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let proto = intrinsics(vm, realm).array_prototype;
        let name = vm.key("Array");
        let ctor = vm.new_native_function(name, 1, array_ctor, true);
        intrinsics_mut(vm, realm).array = ctor;
        link_constructor(vm, ctor, proto);

        let statics: &[(&str, u32, NativeFn)] = &[
            ("from", 1, array_from),
            ("fromAsync", 1, super::array_from_async::array_from_async),
            ("isArray", 1, array_is_array),
            ("of", 0, array_of),
        ];
        for &(n, len, f) in statics {
            vm.define_method(ctor, n, len, f);
        }
        let species = vm.symbols.species;
        vm.define_accessor(
            ctor,
            PropertyKey::Symbol(species),
            Some(species_getter),
            None,
            Attrs::CONFIGURABLE_ONLY,
        );

        super::array_methods::init_prototype(vm, realm, proto);

        // @@unscopables (23.1.3.41): a null-prototype object.
        let unscopables = vm.new_object(None);
        for n in [
            "at",
            "copyWithin",
            "entries",
            "fill",
            "find",
            "findIndex",
            "findLast",
            "findLastIndex",
            "flat",
            "flatMap",
            "includes",
            "keys",
            "toReversed",
            "toSorted",
            "toSpliced",
            "values",
        ] {
            let key = vm.key(n);
            vm.define_value(unscopables, key, Value::Boolean(true), Attrs::ALL);
        }
        let sym = vm.symbols.unscopables;
        vm.define_value(
            proto,
            PropertyKey::Symbol(sym),
            Value::Object(unscopables),
            Attrs::CONFIGURABLE_ONLY,
        );
    });
}

// ---- Generic array-like accessors ----

/// ToObject(this value), rooted.
pub fn this_object(vm: &mut Vm, args: &CallArgs) -> JsResult<ObjId> {
    let o = vm.to_object(args.this)?;
    vm.push_root(Value::Object(o));
    Ok(o)
}

/// LengthOfArrayLike(o) as an integer.
pub fn length_of(vm: &mut Vm, o: ObjId) -> JsResult<u64> {
    Ok(vm.length_of_array_like(o)? as u64)
}

/// The value of `o`'s own data element `k` when `o` is an ordinary object
/// or an Array and the element is stored in its element vector: then
/// HasProperty is true and Get returns this value, with nothing observable
/// (no getter, no proxy, no prototype walk). None means "take the slow
/// path", never "absent".
#[inline(always)]
pub fn own_data_element(vm: &Vm, o: ObjId, k: u64) -> Option<Value> {
    if k >= u32::MAX as u64 {
        return None;
    }
    let obj = vm.heap.obj(o);
    if !matches!(obj.kind, ObjectKind::Array { .. } | ObjectKind::Ordinary) {
        return None;
    }
    let p = obj.elements.get(k as u32)?;
    if p.flags.is_accessor() {
        return None;
    }
    Some(p.value)
}

/// HasProperty(o, ToString(k)).
pub fn has_index(vm: &mut Vm, o: ObjId, k: u64) -> JsResult<bool> {
    if own_data_element(vm, o, k).is_some() {
        return Ok(true);
    }
    let key = index_key(vm, k);
    vm.has_property(o, key)
}

/// Get(o, ToString(k)).
pub fn get_index(vm: &mut Vm, o: ObjId, k: u64) -> JsResult<Value> {
    if let Some(v) = own_data_element(vm, o, k) {
        return Ok(v);
    }
    let key = index_key(vm, k);
    vm.get_prop(o, key)
}

/// HasProperty(o, ToString(k)), then Get(o, ToString(k)) when present: the
/// element a hole-skipping loop visits (one lookup for an own data
/// element, where neither step can be observed).
#[inline(always)]
pub fn present_index(vm: &mut Vm, o: ObjId, k: u64) -> JsResult<Option<Value>> {
    match own_data_element(vm, o, k) {
        Some(v) => Ok(Some(v)),
        None => present_index_slow(vm, o, k),
    }
}

/// `present_index` for an element that is not an own data element.
#[inline(never)]
fn present_index_slow(vm: &mut Vm, o: ObjId, k: u64) -> JsResult<Option<Value>> {
    let key = index_key(vm, k);
    if !vm.has_property(o, key)? {
        return Ok(None);
    }
    vm.get_prop(o, key).map(Some)
}

/// Set(o, ToString(k), v, true).
pub fn set_index(vm: &mut Vm, o: ObjId, k: u64, v: Value) -> JsResult<()> {
    let key = index_key(vm, k);
    vm.set_prop(o, key, v, true)
}

/// DeletePropertyOrThrow(o, ToString(k)).
pub fn delete_index(vm: &mut Vm, o: ObjId, k: u64) -> JsResult<()> {
    let key = index_key(vm, k);
    vm.delete_property_or_throw(o, key)
}

/// CreateDataPropertyOrThrow(o, ToString(k), v).
pub fn create_index(vm: &mut Vm, o: ObjId, k: u64, v: Value) -> JsResult<()> {
    let key = index_key(vm, k);
    vm.create_data_property_or_throw(o, key, v)
}

/// Set(o, "length", n, true).
pub fn set_length(vm: &mut Vm, o: ObjId, n: u64) -> JsResult<()> {
    vm.set_prop(
        o,
        PropertyKey::Atom(atoms::LENGTH),
        Value::Number(n as f64),
        true,
    )
}

/// The callback argument of an iteration method, made ready to be called
/// with `this` (see `Callback`): TypeError unless callable.
pub(crate) fn callback_arg(vm: &mut Vm, v: Value, this: Value) -> JsResult<Callback> {
    let f = callable_arg(vm, v)?;
    Ok(Callback::new(vm, f, this))
}

/// The callback argument of an iteration method: TypeError unless callable.
pub fn callable_arg(vm: &mut Vm, v: Value) -> JsResult<Value> {
    if vm.is_callable(v) {
        Ok(v)
    } else {
        Err(JsError::type_error(format!(
            "{} is not a function",
            describe(vm, v)
        )))
    }
}

/// A short rendering of a value for error messages (like V8's).
pub fn describe(vm: &mut Vm, v: Value) -> String {
    match v {
        Value::Undefined | Value::Uninit => "undefined".into(),
        Value::Null => "null".into(),
        Value::Boolean(b) => b.to_string(),
        Value::Number(n) => crate::num::number_to_string(n),
        Value::String(s) => format!("\"{}\"", vm.string_to_rust(s)),
        Value::Symbol(_) => "Symbol()".into(),
        Value::BigInt(b) => format!("{}n", vm.bigint_to_rust_string(b)),
        Value::Object(o) => {
            if vm.is_callable(v) {
                "function".into()
            } else if matches!(super::support::kind(vm, o), ObjectKind::Array { .. }) {
                "array".into()
            } else {
                "#<Object>".into()
            }
        }
    }
}

/// TypeError for lengths that would pass 2^53 - 1.
pub fn too_long() -> JsError {
    JsError::type_error("Invalid array length: exceeds 2^53 - 1")
}

// ---- ArrayCreate and ArraySpeciesCreate ----

/// ArrayCreate(length, proto) (10.4.2.2): RangeError beyond 2^32 - 1.
pub fn array_create(vm: &mut Vm, length: u64, proto: Option<ObjId>) -> JsResult<ObjId> {
    if length > u32::MAX as u64 {
        return Err(JsError::range_error("Invalid array length"));
    }
    let proto = match proto {
        Some(p) => p,
        None => current(vm).array_prototype,
    };
    Ok(new_object_with_kind(
        vm,
        Some(proto),
        ObjectKind::Array {
            length: length as u32,
            length_writable: true,
        },
    ))
}

/// ArraySpeciesCreate(originalArray, length) (10.4.2.3). The result is
/// rooted.
pub fn array_species_create(vm: &mut Vm, original: ObjId, length: u64) -> JsResult<ObjId> {
    let a = array_species_create_inner(vm, original, length)?;
    vm.push_root(Value::Object(a));
    Ok(a)
}

fn array_species_create_inner(vm: &mut Vm, original: ObjId, length: u64) -> JsResult<ObjId> {
    if !vm.is_array(Value::Object(original))? {
        return array_create(vm, length, None);
    }
    let mut c = vm.get_prop(original, PropertyKey::Atom(atoms::CONSTRUCTOR))?;
    vm.push_root(c);
    if vm.is_constructor(c) {
        if let Value::Object(co) = c {
            let this_realm = vm.current_realm;
            let realm_c = super::support::function_realm(vm, co)?;
            if realm_c != this_realm && co == intrinsics(vm, realm_c).array {
                c = Value::Undefined;
            }
        }
    }
    if let Value::Object(co) = c {
        let species = vm.symbols.species;
        c = vm.get_prop(co, PropertyKey::Symbol(species))?;
        vm.push_root(c);
        if c.is_null() {
            c = Value::Undefined;
        }
    }
    if c.is_undefined() {
        return array_create(vm, length, None);
    }
    if !vm.is_constructor(c) {
        return Err(JsError::type_error(
            "object.constructor[Symbol.species] is not a constructor",
        ));
    }
    let r = vm.construct(c, &[Value::Number(length as f64)], None)?;
    match r {
        Value::Object(o) => Ok(o),
        _ => Err(JsError::type_error(
            "species constructor did not return an object",
        )),
    }
}

// ---- The constructor and its statics ----

/// Array(...values) (23.1.1.1).
fn array_ctor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let new_target = args.new_target.unwrap_or(args.callee);
    let proto = vm.get_prototype_from_constructor(new_target, |i| i.array_prototype)?;
    vm.push_root(Value::Object(proto));
    match args.args.len() {
        0 => Ok(Value::Object(array_create(vm, 0, Some(proto))?)),
        1 => {
            let len = args.arg(0);
            let array = array_create(vm, 0, Some(proto))?;
            vm.push_root(Value::Object(array));
            let int_len = match len {
                Value::Number(n) => {
                    let u = crate::num::to_uint32(n);
                    if u as f64 != n {
                        return Err(JsError::range_error("Invalid array length"));
                    }
                    u as u64
                }
                _ => {
                    vm.create_data_property_or_throw(array, PropertyKey::Index(0), len)?;
                    1
                }
            };
            set_length(vm, array, int_len)?;
            Ok(Value::Object(array))
        }
        n => {
            let array = array_create(vm, n as u64, Some(proto))?;
            vm.push_root(Value::Object(array));
            for (k, &v) in args.args.iter().enumerate() {
                create_index(vm, array, k as u64, v)?;
            }
            Ok(Value::Object(array))
        }
    }
}

/// get Array[@@species] (23.1.2.5).
fn species_getter(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(args.this)
}

/// Array.isArray(arg) (23.1.2.2).
fn array_is_array(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Boolean(vm.is_array(args.arg(0))?))
}

/// Array.of(...items) (23.1.2.3).
fn array_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let len = args.args.len() as u64;
    let c = args.this;
    let a = if vm.is_constructor(c) {
        match vm.construct(c, &[Value::Number(len as f64)], None)? {
            Value::Object(o) => o,
            _ => return Err(JsError::type_error("constructor did not return an object")),
        }
    } else {
        array_create(vm, len, None)?
    };
    vm.push_root(Value::Object(a));
    for (k, &v) in args.args.iter().enumerate() {
        create_index(vm, a, k as u64, v)?;
    }
    set_length(vm, a, len)?;
    Ok(Value::Object(a))
}

/// GetIteratorFromMethod(obj, method) (7.4.4).
pub fn get_iterator_from_method(
    vm: &mut Vm,
    obj: Value,
    method: Value,
) -> JsResult<IteratorRecord> {
    let it = vm.call(method, obj, &[])?;
    let Value::Object(iterator) = it else {
        return Err(JsError::type_error(
            "Result of the Symbol.iterator method is not an object",
        ));
    };
    vm.push_root(it);
    let next_method = vm.get_prop(iterator, PropertyKey::Atom(atoms::NEXT))?;
    vm.push_root(next_method);
    Ok(IteratorRecord {
        iterator,
        next_method,
        done: false,
    })
}

/// Array.from(items, mapfn, thisArg) (23.1.2.1).
fn array_from(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let c = args.this;
    let items = args.arg(0);
    let mapfn = args.arg(1);
    let this_arg = args.arg(2);
    let mapping = if mapfn.is_undefined() {
        false
    } else {
        callable_arg(vm, mapfn)?;
        true
    };
    let iter_sym = vm.symbols.iterator;
    let using_iterator = vm.get_method(items, PropertyKey::Symbol(iter_sym))?;
    if let Some(method) = using_iterator {
        vm.push_root(method);
        let a = if vm.is_constructor(c) {
            match vm.construct(c, &[], None)? {
                Value::Object(o) => o,
                _ => return Err(JsError::type_error("constructor did not return an object")),
            }
        } else {
            array_create(vm, 0, None)?
        };
        vm.push_root(Value::Object(a));
        let mut rec = get_iterator_from_method(vm, items, method)?;
        let slot = Slot::new(vm, Value::Undefined);
        let mut k: u64 = 0;
        loop {
            if k as f64 >= MAX_SAFE_INTEGER {
                return vm.iterator_close(&rec, Err(too_long()));
            }
            let Some(next) = vm.iterator_step_value(&mut rec)? else {
                set_length(vm, a, k)?;
                return Ok(Value::Object(a));
            };
            slot.set(vm, next);
            let mapped = if mapping {
                match vm.call(mapfn, this_arg, &[next, Value::Number(k as f64)]) {
                    Ok(v) => v,
                    Err(e) => return vm.iterator_close(&rec, Err(e)),
                }
            } else {
                next
            };
            slot.set(vm, mapped);
            if let Err(e) = create_index(vm, a, k, mapped) {
                return vm.iterator_close(&rec, Err(e));
            }
            k += 1;
        }
    }
    // Not iterable: an array-like.
    let array_like = vm.to_object(items)?;
    vm.push_root(Value::Object(array_like));
    let len = length_of(vm, array_like)?;
    let a = if vm.is_constructor(c) {
        match vm.construct(c, &[Value::Number(len as f64)], None)? {
            Value::Object(o) => o,
            _ => return Err(JsError::type_error("constructor did not return an object")),
        }
    } else {
        array_create(vm, len, None)?
    };
    vm.push_root(Value::Object(a));
    let slot = Slot::new(vm, Value::Undefined);
    for k in 0..len {
        let kv = get_index(vm, array_like, k)?;
        slot.set(vm, kv);
        let mapped = if mapping {
            vm.call(mapfn, this_arg, &[kv, Value::Number(k as f64)])?
        } else {
            kv
        };
        slot.set(vm, mapped);
        create_index(vm, a, k, mapped)?;
    }
    set_length(vm, a, len)?;
    Ok(Value::Object(a))
}

#[cfg(test)]
mod tests {
    use super::super::support::testing::*;
    use crate::error::JsResult;
    use crate::function::CallArgs;
    use crate::value::Value;
    use crate::vm::Vm;

    fn double(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
        let x = vm.to_number(args.arg(0))?;
        Ok(Value::Number(x * 2.0))
    }
    fn is_even(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
        let x = vm.to_number(args.arg(0))?;
        Ok(Value::Boolean(x % 2.0 == 0.0))
    }
    fn add(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
        let a = vm.to_number(args.arg(0))?;
        let b = vm.to_number(args.arg(1))?;
        Ok(Value::Number(a + b))
    }
    fn desc(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
        let a = vm.to_number(args.arg(0))?;
        let b = vm.to_number(args.arg(1))?;
        Ok(Value::Number(b - a))
    }

    #[test]
    fn constructor_and_statics() {
        let mut vm = vm();
        let a = call(&mut vm, "Array", Value::Undefined, &[n(3.0)]).unwrap();
        assert_eq!(joined(&mut vm, a), ",,");
        let r = call(&mut vm, "Array", Value::Undefined, &[n(-1.0)]);
        assert_eq!(err_text(&mut vm, r), "RangeError: Invalid array length");
        let a = call(&mut vm, "Array", Value::Undefined, &[n(1.0), n(2.0)]).unwrap();
        assert_eq!(joined(&mut vm, a), "1,2");
        let ctor = path(&mut vm, "Array");
        let st = s(&mut vm, "a😀b");
        let a = call(&mut vm, "Array.from", ctor, &[st]).unwrap();
        assert_eq!(joined(&mut vm, a), "a,😀,b");
        let a = call(&mut vm, "Array.of", ctor, &[n(7.0), n(8.0)]).unwrap();
        assert_eq!(joined(&mut vm, a), "7,8");
        let r = call(&mut vm, "Array.isArray", Value::Undefined, &[a]).unwrap();
        assert!(matches!(r, Value::Boolean(true)));
    }

    #[test]
    fn iteration_methods() {
        let mut vm = vm();
        let a = arr(&mut vm, &[n(1.0), n(2.0), n(3.0), n(4.0)]);
        let f = native(&mut vm, double);
        let m = call(&mut vm, "Array.prototype.map", a, &[f]).unwrap();
        assert_eq!(joined(&mut vm, m), "2,4,6,8");
        let f = native(&mut vm, is_even);
        let m = call(&mut vm, "Array.prototype.filter", a, &[f]).unwrap();
        assert_eq!(joined(&mut vm, m), "2,4");
        let r = call(&mut vm, "Array.prototype.findLastIndex", a, &[f]).unwrap();
        assert_eq!(r.as_number(), Some(3.0));
        let f = native(&mut vm, add);
        let r = call(&mut vm, "Array.prototype.reduce", a, &[f]).unwrap();
        assert_eq!(r.as_number(), Some(10.0));
        let r = call(&mut vm, "Array.prototype.reduceRight", a, &[f, n(1.0)]).unwrap();
        assert_eq!(r.as_number(), Some(11.0));
        let empty = arr(&mut vm, &[]);
        let r = call(&mut vm, "Array.prototype.reduce", empty, &[f]);
        assert!(err_text(&mut vm, r).starts_with("TypeError"));
        let nan = arr(&mut vm, &[n(f64::NAN)]);
        let r = call(&mut vm, "Array.prototype.includes", nan, &[n(f64::NAN)]).unwrap();
        assert!(matches!(r, Value::Boolean(true)));
        let r = call(&mut vm, "Array.prototype.indexOf", nan, &[n(f64::NAN)]).unwrap();
        assert_eq!(r.as_number(), Some(-1.0));
    }

    #[test]
    fn mutators() {
        let mut vm = vm();
        let a = arr(&mut vm, &[n(1.0), n(2.0), n(3.0), n(4.0), n(5.0)]);
        let removed = call(
            &mut vm,
            "Array.prototype.splice",
            a,
            &[n(1.0), n(2.0), n(9.0)],
        )
        .unwrap();
        assert_eq!(joined(&mut vm, removed), "2,3");
        assert_eq!(joined(&mut vm, a), "1,9,4,5");
        call(&mut vm, "Array.prototype.reverse", a, &[]).unwrap();
        assert_eq!(joined(&mut vm, a), "5,4,9,1");
        call(&mut vm, "Array.prototype.copyWithin", a, &[n(0.0), n(2.0)]).unwrap();
        assert_eq!(joined(&mut vm, a), "9,1,9,1");
        call(&mut vm, "Array.prototype.fill", a, &[n(0.0), n(-2.0)]).unwrap();
        assert_eq!(joined(&mut vm, a), "9,1,0,0");
        let r = call(&mut vm, "Array.prototype.push", a, &[n(7.0)]).unwrap();
        assert_eq!(r.as_number(), Some(5.0));
        let r = call(&mut vm, "Array.prototype.shift", a, &[]).unwrap();
        assert_eq!(r.as_number(), Some(9.0));
        call(&mut vm, "Array.prototype.unshift", a, &[n(3.0), n(4.0)]).unwrap();
        assert_eq!(joined(&mut vm, a), "3,4,1,0,0,7");
        let r = call(&mut vm, "Array.prototype.pop", a, &[]).unwrap();
        assert_eq!(r.as_number(), Some(7.0));
        let b = arr(
            &mut vm,
            &[n(10.0), n(9.0), n(1.0), Value::Undefined, n(2.0)],
        );
        call(&mut vm, "Array.prototype.sort", b, &[]).unwrap();
        assert_eq!(joined(&mut vm, b), "1,10,2,9,");
        let f = native(&mut vm, desc);
        let c = call(&mut vm, "Array.prototype.toSorted", b, &[f]).unwrap();
        assert_eq!(joined(&mut vm, c), "10,9,2,1,");
        let c = call(&mut vm, "Array.prototype.with", b, &[n(-1.0), n(5.0)]).unwrap();
        assert_eq!(joined(&mut vm, c), "1,10,2,9,5");
        let r = call(&mut vm, "Array.prototype.with", b, &[n(5.0), n(5.0)]);
        assert!(err_text(&mut vm, r).starts_with("RangeError"));
        let c = call(&mut vm, "Array.prototype.toSpliced", b, &[n(1.0), n(3.0)]).unwrap();
        assert_eq!(joined(&mut vm, c), "1,");
    }

    #[test]
    fn concat_flat_join() {
        let mut vm = vm();
        let inner = arr(&mut vm, &[n(2.0), n(3.0)]);
        let nested = arr(&mut vm, &[inner]);
        let a = arr(&mut vm, &[n(1.0), nested]);
        let f = call(&mut vm, "Array.prototype.flat", a, &[n(f64::INFINITY)]).unwrap();
        assert_eq!(joined(&mut vm, f), "1,2,3");
        let c = call(&mut vm, "Array.prototype.concat", a, &[inner, n(4.0)]).unwrap();
        let len = vm.length_of_array_like(obj(c)).unwrap();
        assert_eq!(len, 5.0);
        // A cyclic join renders the cycle as "".
        let cyc = arr(&mut vm, &[n(1.0)]);
        call(&mut vm, "Array.prototype.push", cyc, &[cyc]).unwrap();
        assert_eq!(joined(&mut vm, cyc), "1,");
        let sep = s(&mut vm, "-");
        let r = call(&mut vm, "Array.prototype.join", a, &[sep]).unwrap();
        assert_eq!(text(&mut vm, r), "1-2,3");
        let r = call(&mut vm, "Array.prototype.toString", a, &[]).unwrap();
        assert_eq!(text(&mut vm, r), "1,2,3");
    }

    #[test]
    fn iterators() {
        let mut vm = vm();
        let a = arr(&mut vm, &[n(5.0), n(6.0)]);
        let it = call(&mut vm, "Array.prototype.entries", a, &[]).unwrap();
        let next = vm.key("next");
        let r = vm.invoke(it, next, &[]).unwrap();
        let value = vm.key("value");
        let v = vm.get_v(r, value).unwrap();
        assert_eq!(joined(&mut vm, v), "0,5");
        vm.invoke(it, next, &[]).unwrap();
        let r = vm.invoke(it, next, &[]).unwrap();
        let done = vm.key("done");
        let d = vm.get_v(r, done).unwrap();
        assert!(matches!(d, Value::Boolean(true)));
    }
}
