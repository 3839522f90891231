//! Unit tests of the object model: storage and shapes, exotic objects,
//! proxies, conversions, and a few built-ins driven from Rust.

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::interp::InterpState;
use crate::object::shape::ShapeId;
use crate::ops::PreferredType;
use crate::property::{Attrs, PropertyDescriptor};
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::{Vm, VmOptions};

pub(crate) fn test_vm() -> Vm {
    let opts = VmOptions {
        gc_stress: false,
        ..VmOptions::default()
    };
    Vm::new_with_interp(opts, InterpState::new())
}

fn num(v: Value) -> f64 {
    v.as_number().unwrap_or(f64::NAN)
}

fn keys_text(vm: &mut Vm, o: ObjId) -> Vec<String> {
    let keys = vm.own_property_keys(o).unwrap_or_default();
    keys.into_iter().map(|k| vm.key_display(k)).collect()
}

#[test]
fn named_properties_get_set_delete() {
    let mut vm = test_vm();
    let o = vm.new_plain_object();
    let (a, b, c) = (vm.key("a"), vm.key("b"), vm.key("c"));
    for (i, k) in [a, b, c].into_iter().enumerate() {
        vm.set_prop(o, k, Value::Number(i as f64), true).unwrap();
    }
    assert_eq!(num(vm.get_prop(o, b).unwrap()), 1.0);
    assert_eq!(keys_text(&mut vm, o), ["a", "b", "c"]);
    // Deleting a middle property switches to dictionary mode, order kept.
    assert!(vm.delete(o, b).unwrap());
    assert_eq!(vm.shape_of(o), ShapeId::DICTIONARY);
    assert_eq!(keys_text(&mut vm, o), ["a", "c"]);
    assert!(vm.get_prop(o, b).unwrap().is_undefined());
    vm.set_prop(o, b, Value::Number(7.0), true).unwrap();
    assert_eq!(keys_text(&mut vm, o), ["a", "c", "b"]);
    assert_eq!(num(vm.get_prop(o, c).unwrap()), 2.0);
}

#[test]
fn key_order_is_indices_strings_symbols() {
    let mut vm = test_vm();
    let o = vm.new_plain_object();
    let s = vm.new_symbol(None);
    let ks = [
        vm.key("b"),
        vm.key("2"),
        PropertyKey::Symbol(s),
        vm.key("a"),
        vm.key("0"),
    ];
    for k in ks {
        vm.create_data_property_or_throw(o, k, Value::Null).unwrap();
    }
    assert_eq!(keys_text(&mut vm, o), ["0", "2", "b", "a", "Symbol()"]);
}

#[test]
fn many_properties_go_to_dictionary_mode() {
    let mut vm = test_vm();
    let o = vm.new_plain_object();
    for i in 0..1500 {
        let k = vm.key(&format!("p{i}"));
        vm.set_prop(o, k, Value::Number(i as f64), true).unwrap();
    }
    assert_eq!(vm.shape_of(o), ShapeId::DICTIONARY);
    let k = vm.key("p1250");
    assert_eq!(num(vm.get_prop(o, k).unwrap()), 1250.0);
    assert_eq!(vm.own_property_keys(o).unwrap().len(), 1500);
}

#[test]
fn inline_cache_api() {
    let mut vm = test_vm();
    let (x, y) = (vm.intern("x"), vm.intern("y"));
    let o1 = vm.new_plain_object();
    let o2 = vm.new_plain_object();
    for o in [o1, o2] {
        vm.set_prop(o, PropertyKey::Atom(x), Value::Number(1.0), true)
            .unwrap();
        vm.set_prop(o, PropertyKey::Atom(y), Value::Number(2.0), true)
            .unwrap();
    }
    assert_eq!(vm.shape_of(o1), vm.shape_of(o2));
    let (shape, slot) = vm.lookup_own_slot(o1, y).unwrap();
    assert_eq!(vm.shape_of(o2), shape);
    assert_eq!(num(vm.get_slot(o2, slot)), 2.0);
    vm.set_slot(o2, slot, Value::Number(5.0));
    assert_eq!(num(vm.get_prop(o2, PropertyKey::Atom(y)).unwrap()), 5.0);
    // A read-only property is not offered for stores.
    let d = PropertyDescriptor {
        writable: Some(false),
        ..Default::default()
    };
    vm.define_property_or_throw(o1, PropertyKey::Atom(x), d)
        .unwrap();
    assert_ne!(vm.shape_of(o1), vm.shape_of(o2));
    assert!(vm.lookup_own_slot_for_set(o1, x).is_none());
    assert!(vm.lookup_own_slot(o1, x).is_some());
    assert!(!vm
        .set(o1, PropertyKey::Atom(x), Value::Null, Value::Object(o1))
        .unwrap());
}

#[test]
fn accessor_properties_call_native_getters() {
    fn getter(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
        Ok(args.this)
    }
    let mut vm = test_vm();
    let o = vm.new_plain_object();
    let k = vm.key("me");
    vm.define_accessor(o, k, Some(getter), None, Attrs::CONFIGURABLE_ONLY);
    let v = vm.get_prop(o, k).unwrap();
    assert!(matches!(v, Value::Object(x) if x == o));
    // No setter: [[Set]] fails, strict Set throws.
    assert!(!vm.set(o, k, Value::Null, Value::Object(o)).unwrap());
    assert!(vm.set_prop(o, k, Value::Null, true).is_err());
    let d = vm.get_own_property(o, k).unwrap().unwrap();
    assert!(d.is_accessor() && d.set == Some(None));
}

#[test]
fn array_length_semantics() {
    let mut vm = test_vm();
    let vals: Vec<Value> = (0..5).map(|i| Value::Number(i as f64)).collect();
    let a = vm.new_array(&vals);
    let len = PropertyKey::Atom(atoms::LENGTH);
    assert_eq!(num(vm.get_prop(a, len).unwrap()), 5.0);
    vm.set_prop(a, len, Value::Number(2.0), true).unwrap();
    assert!(vm
        .get_prop(a, PropertyKey::Index(3))
        .unwrap()
        .is_undefined());
    vm.set_prop(a, PropertyKey::Index(9), Value::Null, true)
        .unwrap();
    assert_eq!(num(vm.get_prop(a, len).unwrap()), 10.0);
    assert_eq!(keys_text(&mut vm, a), ["0", "1", "9", "length"]);
    // A bad length is a RangeError.
    let r = vm.set_prop(a, len, Value::Number(1.5), true);
    assert!(matches!(
        r,
        Err(JsError::Native(n)) if n.kind == crate::error::ErrorKind::RangeError
    ));
    // Non-configurable element stops truncation.
    let d = PropertyDescriptor {
        configurable: Some(false),
        ..Default::default()
    };
    vm.define_property_or_throw(a, PropertyKey::Index(1), d)
        .unwrap();
    let d = PropertyDescriptor {
        value: Some(Value::Number(0.0)),
        writable: Some(false),
        ..Default::default()
    };
    assert!(!vm.define_own_property(a, len, d).unwrap());
    assert_eq!(num(vm.get_prop(a, len).unwrap()), 2.0);
    let ld = vm.get_own_property(a, len).unwrap().unwrap();
    assert_eq!(ld.writable, Some(false));
    // Length is now read-only: appending fails.
    assert!(!vm
        .set(a, PropertyKey::Index(2), Value::Null, Value::Object(a))
        .unwrap());
}

#[test]
fn fast_element_paths() {
    let mut vm = test_vm();
    let a = vm.new_array(&[]);
    for i in 0..100 {
        assert!(vm.set_element_fast(a, i, Value::Number(i as f64)));
    }
    assert_eq!(vm.array_length_fast(a), Some(100));
    assert_eq!(vm.get_element_fast(a, 42).map(num), Some(42.0));
    // A hole is not a fast hit; a far write goes sparse but stays correct.
    assert!(!vm.set_element_fast(a, 100_000, Value::Null));
    vm.set_prop(a, PropertyKey::Index(100_000), Value::Null, true)
        .unwrap();
    assert_eq!(vm.array_length_fast(a), Some(100_001));
    assert_eq!(num(vm.get_prop(a, PropertyKey::Index(7)).unwrap()), 7.0);
}

#[test]
fn freeze_and_integrity() {
    let mut vm = test_vm();
    let o = vm.new_plain_object();
    let k = vm.key("x");
    vm.set_prop(o, k, Value::Number(1.0), true).unwrap();
    vm.set_integrity_level_fast(o, true);
    assert!(!vm.is_extensible(o).unwrap());
    assert!(!vm.set(o, k, Value::Number(2.0), Value::Object(o)).unwrap());
    assert!(!vm.delete(o, k).unwrap());
    let k2 = vm.key("y");
    assert!(!vm.create_data_property(o, k2, Value::Null).unwrap());
}

#[test]
fn object_prototype_has_immutable_prototype() {
    let mut vm = test_vm();
    let op = vm.intrinsics().object_prototype;
    let other = vm.new_plain_object();
    assert!(!vm.set_prototype_of(op, Some(other)).unwrap());
    assert!(vm.set_prototype_of(op, None).unwrap());
    // Cycles are refused.
    let a = vm.new_plain_object();
    let b = vm.new_object(Some(a));
    assert!(!vm.set_prototype_of(a, Some(b)).unwrap());
}

#[test]
fn string_objects_and_primitives() {
    let mut vm = test_vm();
    let s = vm.new_string("héllo");
    let o = vm.to_object(Value::String(s)).unwrap();
    let c = vm.get_prop(o, PropertyKey::Index(1)).unwrap();
    assert_eq!(vm.string_to_rust(c.as_string().unwrap()), "é");
    assert_eq!(keys_text(&mut vm, o), ["0", "1", "2", "3", "4", "length"]);
    let len = vm
        .get_v(Value::String(s), PropertyKey::Atom(atoms::LENGTH))
        .unwrap();
    assert_eq!(num(len), 5.0);
    assert!(!vm.delete(o, PropertyKey::Index(0)).unwrap());
}

#[test]
fn conversions() {
    let mut vm = test_vm();
    let cases = [("  12  ", 12.0), ("0x10", 16.0), ("", 0.0), ("1e3", 1000.0)];
    for (text, n) in cases {
        let s = vm.new_string(text);
        assert_eq!(vm.to_number(Value::String(s)).unwrap(), n, "{text:?}");
    }
    let s = vm.new_string("abc");
    assert!(vm.to_number(Value::String(s)).unwrap().is_nan());
    for (n, text) in [
        (1e21, "1e+21"),
        (-0.0, "0"),
        (0.1, "0.1"),
        (7.0, "7"),
        (-5.0, "-5"),
    ] {
        let s = vm.to_string(Value::Number(n)).unwrap();
        assert_eq!(vm.string_to_rust(s), text);
    }
    let one = vm.new_string("1");
    assert!(vm
        .loose_equals(Value::String(one), Value::Number(1.0))
        .unwrap());
    assert!(vm
        .loose_equals(Value::Boolean(true), Value::String(one))
        .unwrap());
    assert!(vm.loose_equals(Value::Null, Value::Undefined).unwrap());
    assert!(!vm.loose_equals(Value::Null, Value::Number(0.0)).unwrap());
    assert!(vm.same_value(Value::Number(f64::NAN), Value::Number(f64::NAN)));
    assert!(!vm.same_value(Value::Number(0.0), Value::Number(-0.0)));
    assert_eq!(
        vm.to_property_key(Value::Number(3.0)).unwrap(),
        PropertyKey::Index(3)
    );
    let arr = vm.new_array(&[Value::Number(1.0), Value::Number(2.0)]);
    let p = vm
        .to_primitive(Value::Object(arr), PreferredType::Default)
        .unwrap();
    // Array.prototype.toString is another helper's; without it the
    // ordinary conversion falls back to Object.prototype.toString.
    assert!(matches!(p, Value::String(_)));
}

#[test]
fn ropes_concatenate_in_linear_time() {
    let mut vm = test_vm();
    let mut s = vm.empty_string();
    let piece = vm.new_string("abcdefghij");
    for _ in 0..20_000 {
        s = vm.concat_strings(s, piece);
    }
    assert_eq!(vm.string_len(s), 200_000);
    let units = vm.string_units(s);
    assert_eq!(units[199_999], b'j' as u16);
    assert_eq!(units[100_000], b'a' as u16);
    let u = vm.new_string("π");
    let t = vm.concat_strings(s, u);
    assert_eq!(vm.heap.str(t).get(200_000), Some(0x3c0));
}

fn trap_get(_vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Number(42.0))
}

#[test]
fn proxy_traps_and_invariants() {
    let mut vm = test_vm();
    let target = vm.new_plain_object();
    let handler = vm.new_plain_object();
    vm.define_method(handler, "get", 3, trap_get);
    let p = vm
        .proxy_create(Value::Object(target), Value::Object(handler))
        .unwrap();
    let k = vm.key("anything");
    assert_eq!(num(vm.get_prop(p, k).unwrap()), 42.0);
    // A non-configurable, non-writable target property must be reported
    // with its actual value.
    let fixed = vm.key("fixed");
    vm.define_value(target, fixed, Value::Number(1.0), Attrs::NONE);
    let r = vm.get_prop(p, fixed);
    assert!(matches!(
        r,
        Err(JsError::Native(n)) if n.kind == crate::error::ErrorKind::TypeError
    ));
    // No trap: forwarded to the target.
    vm.set_prop(p, k, Value::Number(3.0), true).unwrap();
    assert_eq!(num(vm.get_prop(target, k).unwrap()), 3.0);
    assert!(vm.is_array(Value::Object(p)).is_ok());
}

#[test]
fn builtins_reachable_from_rust() {
    let mut vm = test_vm();
    let g = vm.global_object();
    let object_key = vm.key("Object");
    let object = vm.get_prop(g, object_key).unwrap();
    let keys_key = vm.key("keys");
    let keys_fn = vm.get_v(object, keys_key).unwrap();
    let o = vm.new_plain_object();
    let a = vm.key("a");
    vm.set_prop(o, a, Value::Number(1.0), true).unwrap();
    let r = vm.call(keys_fn, object, &[Value::Object(o)]).unwrap();
    let ro = r.as_object().unwrap();
    assert_eq!(vm.array_length_fast(ro), Some(1));
    // Error objects get message and stack.
    let e = vm.new_error(crate::error::ErrorKind::TypeError, "bad");
    let report = vm.error_report(&JsError::Throw(Value::Object(e)));
    assert_eq!(report.name, "TypeError");
    assert!(report.display.starts_with("TypeError: bad"));
    // Symbol.for is a registry.
    let sfor = vm.key("Symbol");
    let sym_ctor = vm.get_prop(g, sfor).unwrap();
    let for_key = vm.key("for");
    let f = vm.get_v(sym_ctor, for_key).unwrap();
    let name = vm.new_string("x");
    let s1 = vm.call(f, sym_ctor, &[Value::String(name)]).unwrap();
    let s2 = vm.call(f, sym_ctor, &[Value::String(name)]).unwrap();
    assert!(vm.strict_equals(s1, s2));
}

#[test]
fn deep_proxy_chains_throw_instead_of_overflowing() {
    let r = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let mut vm = test_vm();
            let mut p = vm.new_plain_object();
            vm.push_root(Value::Object(p));
            for _ in 0..200_000 {
                let h = vm.new_plain_object();
                p = vm.proxy_create(Value::Object(p), Value::Object(h)).unwrap();
            }
            vm.push_root(Value::Object(p));
            let k = vm.key("x");
            matches!(
                vm.get_prop(p, k),
                Err(JsError::Native(n)) if n.kind == crate::error::ErrorKind::RangeError
            )
        })
        .unwrap()
        .join()
        .unwrap();
    assert!(r);
}

#[test]
fn get_cache_follows_shape_and_prototype_changes() {
    let mut vm = test_vm();
    let (k, other) = (vm.key("k"), vm.key("other"));
    let get = |vm: &mut Vm, o: ObjId| num(vm.get_prop(o, k).unwrap());
    let proto = vm.new_object(None);
    let o = vm.new_object(Some(proto));
    let twin = vm.new_object(Some(proto));
    // Absent from a two-object chain, then found on the prototype.
    assert!(vm.get_prop(o, k).unwrap().is_undefined());
    vm.define_value(proto, k, Value::Number(1.0), Attrs::ALL);
    assert_eq!(get(&mut vm, o), 1.0);
    assert_eq!(get(&mut vm, twin), 1.0);
    // The prototype's value changes in place, then its shape changes.
    vm.set_prop(proto, k, Value::Number(2.0), true).unwrap();
    assert_eq!(get(&mut vm, o), 2.0);
    vm.define_value(proto, other, Value::Number(9.0), Attrs::ALL);
    assert_eq!(get(&mut vm, o), 2.0);
    // An own property shadows it.
    vm.define_value(o, k, Value::Number(3.0), Attrs::ALL);
    assert_eq!(get(&mut vm, o), 3.0);
    assert_eq!(get(&mut vm, twin), 2.0);
    // Another prototype with the same shape but another value.
    let proto2 = vm.new_object(None);
    vm.define_value(proto2, k, Value::Number(5.0), Attrs::ALL);
    vm.define_value(proto2, other, Value::Number(9.0), Attrs::ALL);
    assert!(vm.set_prototype_of(twin, Some(proto2)).unwrap());
    assert_eq!(get(&mut vm, twin), 5.0);
    // An accessor on the prototype is called (not cached).
    assert!(vm.delete(proto2, k).unwrap());
    let f = vm.new_native_function(k, 0, |_, _| Ok(Value::Number(7.0)), false);
    vm.define_accessor_raw(proto2, k, Some(f), None, Attrs::CONFIGURABLE_ONLY);
    assert_eq!(get(&mut vm, twin), 7.0);
    // A deeper chain: the prototype gets a prototype of its own.
    let grand = vm.new_object(None);
    let (deep, leaf) = (vm.key("deep"), vm.new_object(Some(proto)));
    assert!(vm.get_prop(leaf, deep).unwrap().is_undefined());
    vm.define_value(grand, deep, Value::Number(8.0), Attrs::ALL);
    assert!(vm.set_prototype_of(proto, Some(grand)).unwrap());
    assert_eq!(num(vm.get_prop(leaf, deep).unwrap()), 8.0);
    // Dictionary mode.
    assert!(vm.delete(proto, k).unwrap());
    assert_eq!(get(&mut vm, twin), 7.0);
    assert!(vm.get_prop(leaf, k).unwrap().is_undefined());
}

#[test]
fn get_cache_sees_changes_anywhere_on_a_deep_chain() {
    let mut vm = test_vm();
    let k = vm.key("k");
    let get = |vm: &mut Vm, o: ObjId| vm.get_prop(o, k).unwrap();
    let top = vm.new_object(None);
    let mid = vm.new_object(Some(top));
    let low = vm.new_object(Some(mid));
    let o = vm.new_object(Some(low));
    // Absent from the whole chain, then found at its top, three up.
    assert!(get(&mut vm, o).is_undefined());
    vm.define_value(top, k, Value::Number(1.0), Attrs::ALL);
    assert_eq!(num(get(&mut vm, o)), 1.0);
    // Shadowed in the middle, then the middle link skipped.
    vm.define_value(mid, k, Value::Number(2.0), Attrs::ALL);
    assert_eq!(num(get(&mut vm, o)), 2.0);
    assert!(vm.set_prototype_of(low, Some(top)).unwrap());
    assert_eq!(num(get(&mut vm, o)), 1.0);
    // Removed from the top: absent again.
    assert!(vm.delete(top, k).unwrap());
    assert!(get(&mut vm, o).is_undefined());
}

#[test]
fn preshaped_objects_match_defined_ones() {
    let mut vm = test_vm();
    // An iterator result is `{ value, done }`, all attributes true, with
    // the shape a literal of the same properties gets.
    let r = vm.create_iter_result(Value::Number(1.0), false);
    assert_eq!(keys_text(&mut vm, r), ["value", "done"]);
    let d = vm
        .get_own_property(r, PropertyKey::Atom(atoms::DONE))
        .unwrap()
        .unwrap();
    assert_eq!(
        (d.writable, d.enumerable, d.configurable),
        (Some(true), Some(true), Some(true))
    );
    let o = vm.new_plain_object();
    vm.create_data_property(o, PropertyKey::Atom(atoms::VALUE), Value::Undefined)
        .unwrap();
    vm.create_data_property(o, PropertyKey::Atom(atoms::DONE), Value::Undefined)
        .unwrap();
    assert_eq!(vm.shape_of(o), vm.shape_of(r));
    // A built-in function has `length` then `name`, configurable only.
    let name = vm.key("fn");
    let f = vm.new_native_closure(name, 2, |_, _| Ok(Value::Undefined), &[Value::Null]);
    assert_eq!(keys_text(&mut vm, f), ["length", "name"]);
    let l = vm
        .get_own_property(f, PropertyKey::Atom(atoms::LENGTH))
        .unwrap()
        .unwrap();
    assert_eq!(
        (l.writable, l.enumerable, l.configurable),
        (Some(false), Some(false), Some(true))
    );
    assert_eq!(num(l.value.unwrap_or(Value::Undefined)), 2.0);
    assert!(matches!(vm.native_slot(f, 0), Value::Null));
    // Deleting and redefining keeps working on pre-shaped objects.
    assert!(vm.delete(f, PropertyKey::Atom(atoms::NAME)).unwrap());
    assert_eq!(keys_text(&mut vm, f), ["length"]);
}

#[test]
fn create_data_property_respects_attributes() {
    let mut vm = test_vm();
    let o = vm.new_plain_object();
    let k = vm.key("k");
    vm.define_value(o, k, Value::Number(1.0), Attrs::NONE);
    assert!(!vm.create_data_property(o, k, Value::Number(2.0)).unwrap());
    assert_eq!(num(vm.get_prop(o, k).unwrap()), 1.0);
    let c = vm.key("c");
    vm.define_value(o, c, Value::Number(1.0), Attrs::CONFIGURABLE_ONLY);
    assert!(vm.create_data_property(o, c, Value::Number(2.0)).unwrap());
    let d = vm.get_own_property(o, c).unwrap().unwrap();
    assert_eq!((d.writable, d.enumerable), (Some(true), Some(true)));
    assert!(vm
        .create_data_property(o, PropertyKey::Index(3), Value::Null)
        .unwrap());
    assert!(vm.prevent_extensions(o).unwrap());
    let n = vm.key("new");
    assert!(!vm.create_data_property(o, n, Value::Null).unwrap());
    assert!(!vm
        .create_data_property(o, PropertyKey::Index(4), Value::Null)
        .unwrap());
    assert!(vm
        .create_data_property(o, PropertyKey::Index(3), Value::Boolean(true))
        .unwrap());
}
