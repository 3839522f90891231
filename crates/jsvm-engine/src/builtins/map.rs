//! Map (ECMAScript 24.1): the constructor, `Map.groupBy`, `Map[@@species]`,
//! Map.prototype and %MapIteratorPrototype%.
//!
//! Invariant: a Map object's [[MapData]] is the `OrderedTable` in its
//! `ObjectKind::Map`; every method checks the receiver's kind first
//! (RequireInternalSlot) and re-reads the table after anything that can run
//! JavaScript, since a callback may add, delete or clear entries.

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::function::{CallArgs, NativeFn};
use crate::object::kind::ObjectKind;
use crate::property::Attrs;
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

use super::iterator::IterKind;
use super::ordered_table::{
    normalize_key, table_cursor, table_delete, table_get, table_has, table_next, table_of,
    table_of_mut, table_set, TableIteratorData,
};
use super::support::{
    current, define_to_string_tag, intrinsics, kind, kind_mut, link_constructor,
    new_object_with_kind, Slot, MAX_SAFE_INTEGER,
};

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let proto = intrinsics(vm, realm).map_prototype;
        let iter_proto = intrinsics(vm, realm).map_iterator_prototype;
        let ctor = super::class_support::install_constructor(
            vm,
            realm,
            "Map",
            0,
            map_constructor,
            |i, c| i.map = c,
        );
        link_constructor(vm, ctor, proto);
        vm.define_method(ctor, "groupBy", 2, map_group_by);
        super::class_support::define_species_getter(vm, ctor);

        let methods: &[(&str, u32, NativeFn)] = &[
            ("clear", 0, map_clear),
            ("delete", 1, map_delete),
            ("forEach", 1, map_for_each),
            ("get", 1, map_get),
            ("getOrInsert", 2, map_get_or_insert),
            ("getOrInsertComputed", 2, map_get_or_insert_computed),
            ("has", 1, map_has),
            ("keys", 0, map_keys),
            ("set", 2, map_set),
            ("values", 0, map_values),
        ];
        for &(name, len, f) in methods {
            vm.define_method(proto, name, len, f);
        }
        let entries = vm.define_method(proto, "entries", 0, map_entries);
        let iter_sym = vm.symbols.iterator;
        vm.define_value(
            proto,
            PropertyKey::Symbol(iter_sym),
            Value::Object(entries),
            Attrs::METHOD,
        );
        vm.define_accessor(
            proto,
            PropertyKey::Atom(atoms::SIZE),
            Some(map_size),
            None,
            Attrs::CONFIGURABLE_ONLY,
        );
        define_to_string_tag(vm, proto, "Map");

        vm.define_method(iter_proto, "next", 0, map_iterator_next);
        define_to_string_tag(vm, iter_proto, "Map Iterator");
    });
}

/// RequireInternalSlot(M, [[MapData]]).
fn this_map(vm: &Vm, this: Value, method: &str) -> JsResult<ObjId> {
    if let Some(o) = this.as_object() {
        if matches!(kind(vm, o), ObjectKind::Map(_)) {
            return Ok(o);
        }
    }
    Err(JsError::type_error(format!(
        "Map.prototype.{method} called on an object that is not a Map"
    )))
}

/// A new, empty Map with %Map.prototype% of the current realm.
pub fn new_map(vm: &mut Vm) -> ObjId {
    let proto = current(vm).map_prototype;
    new_object_with_kind(vm, Some(proto), ObjectKind::Map(Box::default()))
}

/// Map ( [ iterable ] ) (24.1.1.1).
fn map_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(nt) = args.new_target else {
        return Err(JsError::type_error("Constructor Map requires 'new'"));
    };
    let proto = vm.get_prototype_from_constructor(nt, |i| i.map_prototype)?;
    let map = new_object_with_kind(vm, Some(proto), ObjectKind::Map(Box::default()));
    vm.push_root(Value::Object(map));
    let iterable = args.arg(0);
    if iterable.is_nullish() {
        return Ok(Value::Object(map));
    }
    let adder = vm.get_prop(map, vm_key_set())?;
    if !vm.is_callable(adder) {
        return Err(JsError::type_error(
            "'set' returned for Map is not callable",
        ));
    }
    vm.push_root(adder);
    add_entries_from_iterable(vm, map, iterable, adder)?;
    Ok(Value::Object(map))
}

fn vm_key_set() -> PropertyKey {
    PropertyKey::Atom(atoms::SET)
}

/// AddEntriesFromIterable(target, iterable, adder) (24.1.1.2): calls
/// `adder` with each entry's "0" and "1" properties.
pub fn add_entries_from_iterable(
    vm: &mut Vm,
    target: ObjId,
    iterable: Value,
    adder: Value,
) -> JsResult<()> {
    let mut rec = vm.get_iterator(iterable)?;
    vm.push_root(Value::Object(rec.iterator));
    vm.push_root(rec.next_method);
    let item = Slot::new(vm, Value::Undefined);
    let key = Slot::new(vm, Value::Undefined);
    let value = Slot::new(vm, Value::Undefined);
    loop {
        let Some(next) = vm.iterator_step_value(&mut rec)? else {
            return Ok(());
        };
        let Some(entry) = next.as_object() else {
            let err = JsError::type_error("Iterator value is not an entry object");
            return vm.iterator_close(&rec, Err(err));
        };
        item.set(vm, next);
        let k = match vm.get_prop(entry, PropertyKey::Index(0)) {
            Ok(k) => k,
            Err(e) => return vm.iterator_close(&rec, Err(e)),
        };
        key.set(vm, k);
        let v = match vm.get_prop(entry, PropertyKey::Index(1)) {
            Ok(v) => v,
            Err(e) => return vm.iterator_close(&rec, Err(e)),
        };
        value.set(vm, v);
        if let Err(e) = vm.call(adder, Value::Object(target), &[k, v]) {
            return vm.iterator_close(&rec, Err(e));
        }
    }
}

/// GroupBy(items, callback, keyCoercion) (7.3.35) shared by Map.groupBy
/// (zero coercion) and Object.groupBy (property coercion, `property_keys`):
/// calls `add(vm, key, value)` for each element, in order.
pub fn group_by(
    vm: &mut Vm,
    items: Value,
    callback: Value,
    mut add: impl FnMut(&mut Vm, Value, Value) -> JsResult<()>,
) -> JsResult<()> {
    if items.is_nullish() {
        return Err(JsError::type_error("groupBy called on null or undefined"));
    }
    if !vm.is_callable(callback) {
        return Err(JsError::type_error("groupBy callback is not a function"));
    }
    let mut rec = vm.get_iterator(items)?;
    vm.push_root(Value::Object(rec.iterator));
    vm.push_root(rec.next_method);
    let value_slot = Slot::new(vm, Value::Undefined);
    let mut k: f64 = 0.0;
    loop {
        if k >= MAX_SAFE_INTEGER {
            let err = JsError::type_error("groupBy: too many elements");
            return vm.iterator_close(&rec, Err(err));
        }
        let Some(value) = vm.iterator_step_value(&mut rec)? else {
            return Ok(());
        };
        value_slot.set(vm, value);
        let key = match vm.call(callback, Value::Undefined, &[value, Value::Number(k)]) {
            Ok(key) => key,
            Err(e) => return vm.iterator_close(&rec, Err(e)),
        };
        if let Err(e) = add(vm, key, value) {
            return vm.iterator_close(&rec, Err(e));
        }
        k += 1.0;
    }
}

/// Map.groupBy ( items, callback ) (24.1.2.1).
fn map_group_by(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // The groups are kept in the result map itself (not observable until
    // it is returned), each a fresh array the values are appended to.
    let map = new_map(vm);
    vm.push_root(Value::Object(map));
    group_by(vm, args.arg(0), args.arg(1), |vm, key, value| {
        let key = normalize_key(key);
        match table_get(vm, map, key).and_then(|g| g.as_object()) {
            Some(group) => {
                let len = match kind(vm, group) {
                    ObjectKind::Array { length, .. } => *length,
                    _ => 0,
                };
                vm.create_data_property_or_throw(group, PropertyKey::Index(len), value)
            }
            None => {
                let group = vm.new_array(&[value]);
                table_set(vm, map, key, Value::Object(group), true);
                Ok(())
            }
        }
    })?;
    Ok(Value::Object(map))
}

/// Map.prototype.clear ( ) (24.1.3.1).
fn map_clear(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = this_map(vm, args.this, "clear")?;
    if let Some(t) = table_of_mut(vm, m) {
        t.clear();
    }
    Ok(Value::Undefined)
}

/// Map.prototype.delete ( key ) (24.1.3.3).
fn map_delete(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = this_map(vm, args.this, "delete")?;
    Ok(Value::Boolean(table_delete(vm, m, args.arg(0))))
}

/// Map.prototype.entries ( ) (24.1.3.4).
fn map_entries(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    create_map_iterator(vm, args.this, IterKind::Entries, "entries")
}

/// Map.prototype.forEach ( callbackfn [ , thisArg ] ) (24.1.3.5).
fn map_for_each(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = this_map(vm, args.this, "forEach")?;
    let callback = args.arg(0);
    if !vm.is_callable(callback) {
        return Err(JsError::type_error(
            "Map.prototype.forEach: callback is not a function",
        ));
    }
    let this_arg = args.arg(1);
    let Some(cursor) = table_cursor(vm, m) else {
        return Ok(Value::Undefined);
    };
    // The callback may delete the entry: keep its key and value alive.
    let key_slot = Slot::new(vm, Value::Undefined);
    let value_slot = Slot::new(vm, Value::Undefined);
    loop {
        let next = table_next(vm, m, &cursor);
        let Some((k, v)) = next else {
            return Ok(Value::Undefined);
        };
        key_slot.set(vm, k);
        value_slot.set(vm, v);
        vm.call(callback, this_arg, &[v, k, Value::Object(m)])?;
    }
}

/// Map.prototype.get ( key ) (24.1.3.6).
fn map_get(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = this_map(vm, args.this, "get")?;
    Ok(table_get(vm, m, args.arg(0)).unwrap_or(Value::Undefined))
}

/// Map.prototype.getOrInsert ( key, value ) (proposal-upsert).
fn map_get_or_insert(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = this_map(vm, args.this, "getOrInsert")?;
    let key = normalize_key(args.arg(0));
    if let Some(v) = table_get(vm, m, key) {
        return Ok(v);
    }
    let value = args.arg(1);
    table_set(vm, m, key, value, true);
    Ok(value)
}

/// Map.prototype.getOrInsertComputed ( key, callbackfn ) (proposal-upsert).
fn map_get_or_insert_computed(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = this_map(vm, args.this, "getOrInsertComputed")?;
    let callback = args.arg(1);
    if !vm.is_callable(callback) {
        return Err(JsError::type_error(
            "Map.prototype.getOrInsertComputed: callback is not a function",
        ));
    }
    let key = normalize_key(args.arg(0));
    if let Some(v) = table_get(vm, m, key) {
        return Ok(v);
    }
    let value = vm.call(callback, Value::Undefined, &[key])?;
    // The callback may have inserted the key: overwrite it then.
    table_set(vm, m, key, value, true);
    Ok(value)
}

/// Map.prototype.has ( key ) (24.1.3.7).
fn map_has(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = this_map(vm, args.this, "has")?;
    Ok(Value::Boolean(table_has(vm, m, args.arg(0))))
}

/// Map.prototype.keys ( ) (24.1.3.8).
fn map_keys(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    create_map_iterator(vm, args.this, IterKind::Keys, "keys")
}

/// Map.prototype.set ( key, value ) (24.1.3.9).
fn map_set(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = this_map(vm, args.this, "set")?;
    table_set(vm, m, args.arg(0), args.arg(1), true);
    Ok(args.this)
}

/// get Map.prototype.size (24.1.3.10).
fn map_size(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = this_map(vm, args.this, "size")?;
    Ok(Value::Number(table_of(vm, m).map_or(0, |t| t.len()) as f64))
}

/// Map.prototype.values ( ) (24.1.3.11).
fn map_values(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    create_map_iterator(vm, args.this, IterKind::Values, "values")
}

/// CreateMapIterator(map, kind) (24.1.5.1).
fn create_map_iterator(vm: &mut Vm, this: Value, kind: IterKind, method: &str) -> JsResult<Value> {
    let m = this_map(vm, this, method)?;
    let Some(cursor) = table_cursor(vm, m) else {
        return Err(JsError::type_error("not a Map"));
    };
    let proto = current(vm).map_iterator_prototype;
    let it = new_object_with_kind(
        vm,
        Some(proto),
        ObjectKind::MapIterator(TableIteratorData {
            target: Some((m, cursor)),
            kind,
        }),
    );
    Ok(Value::Object(it))
}

/// %MapIteratorPrototype%.next ( ) (24.1.5.2.1).
fn map_iterator_next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let it = match args.this.as_object() {
        Some(o) if matches!(kind(vm, o), ObjectKind::MapIterator(_)) => o,
        _ => {
            return Err(JsError::type_error(
                "Map Iterator.prototype.next called on an incompatible receiver",
            ))
        }
    };
    let step = match kind_mut(vm, it) {
        ObjectKind::MapIterator(d) => d.target.take().map(|(m, c)| (m, c, d.kind)),
        _ => None,
    };
    let Some((m, cursor, iter_kind)) = step else {
        return Ok(Value::Object(vm.create_iter_result(Value::Undefined, true)));
    };
    let entry = table_next(vm, m, &cursor);
    let Some((k, v)) = entry else {
        // Exhausted: the cursor is dropped and the iterator stays done.
        return Ok(Value::Object(vm.create_iter_result(Value::Undefined, true)));
    };
    if let ObjectKind::MapIterator(d) = kind_mut(vm, it) {
        d.target = Some((m, cursor));
    }
    let result = match iter_kind {
        IterKind::Keys => k,
        IterKind::Values => v,
        IterKind::Entries => Value::Object(vm.new_array(&[k, v])),
    };
    Ok(Value::Object(vm.create_iter_result(result, false)))
}

#[cfg(test)]
mod tests {
    use super::super::class_test_support::{call, new, num, s, vm};
    use super::*;

    #[test]
    fn keys_compare_with_same_value_zero() {
        let mut vm = vm();
        let ctor = current(&vm).map;
        let m = new(&mut vm, ctor, &[]);
        let a1 = s(&mut vm, "ab");
        let a2 = s(&mut vm, "ab");
        call(&mut vm, m, "set", &[a1, Value::Number(1.0)]);
        call(
            &mut vm,
            m,
            "set",
            &[Value::Number(-0.0), Value::Number(2.0)],
        );
        call(
            &mut vm,
            m,
            "set",
            &[Value::Number(f64::NAN), Value::Number(3.0)],
        );
        assert_eq!(num(call(&mut vm, m, "get", &[a2])), 1.0);
        assert_eq!(num(call(&mut vm, m, "get", &[Value::Number(0.0)])), 2.0);
        assert_eq!(
            num(call(&mut vm, m, "get", &[Value::Number(f64::NAN)])),
            3.0
        );
        let size = super::super::class_test_support::prop(&mut vm, m, "size");
        assert_eq!(num(size), 3.0);
        // The stored key is +0.
        let keys = call(&mut vm, m, "keys", &[]);
        call(&mut vm, keys, "next", &[]);
        let second = call(&mut vm, keys, "next", &[]);
        let v = super::super::class_test_support::prop(&mut vm, second, "value");
        assert!(matches!(v, Value::Number(z) if z == 0.0 && z.is_sign_positive()));
    }

    fn deleting_callback(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
        // Deletes key 2 when visiting key 1, and adds key 9.
        let m = vm.native_slot(args.callee, 0);
        if args.arg(1).as_number() == Some(1.0) {
            let key = vm.key("delete");
            vm.invoke(m, key, &[Value::Number(2.0)])?;
            let key = vm.key("set");
            vm.invoke(m, key, &[Value::Number(9.0), Value::Number(0.0)])?;
        }
        let log = vm.native_slot(args.callee, 1);
        let key = vm.key("push");
        vm.invoke(log, key, &[args.arg(1)])?;
        Ok(Value::Undefined)
    }

    #[test]
    fn for_each_sees_mutations() {
        let mut vm = vm();
        let ctor = current(&vm).map;
        let m = new(&mut vm, ctor, &[]);
        for k in [1.0, 2.0, 3.0] {
            call(&mut vm, m, "set", &[Value::Number(k), Value::Number(k)]);
        }
        let log = Value::Object(vm.new_array(&[]));
        let name = vm.key("cb");
        let cb = vm.new_native_closure(name, 2, deleting_callback, &[m, log]);
        call(&mut vm, m, "forEach", &[Value::Object(cb)]);
        let joined = call(&mut vm, log, "join", &[]);
        assert_eq!(super::super::class_test_support::text(&vm, joined), "1,3,9");
    }

    #[test]
    fn constructor_requires_new_and_reads_entries() {
        let mut vm = vm();
        let ctor = current(&vm).map;
        assert!(vm.call(Value::Object(ctor), Value::Undefined, &[]).is_err());
        let e1 = Value::Object(vm.new_array(&[Value::Number(1.0), Value::Number(10.0)]));
        let list = Value::Object(vm.new_array(&[e1]));
        let m = new(&mut vm, ctor, &[list]);
        assert_eq!(num(call(&mut vm, m, "get", &[Value::Number(1.0)])), 10.0);
        let bad = Value::Object(vm.new_array(&[Value::Number(1.0)]));
        assert!(vm.construct(Value::Object(ctor), &[bad], None).is_err());
    }
}
