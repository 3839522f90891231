//! Set (ECMAScript 24.2): the constructor, `Set[@@species]`, Set.prototype
//! including the set methods (union, intersection, difference,
//! symmetricDifference, isSubsetOf, isSupersetOf, isDisjointFrom with
//! GetSetRecord), and %SetIteratorPrototype%.
//!
//! Invariant: a Set object's [[SetData]] is the `OrderedTable` (values all
//! `undefined`) in its `ObjectKind::Set`; every method checks the receiver's
//! kind first and re-reads the table after anything that can run JavaScript.
//! Results of the set methods are built in a fresh Set object that is rooted
//! from its creation, so their elements stay alive across the calls into
//! the other set-like's `has`/`keys`/`next`.

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::function::{CallArgs, NativeFn};
use crate::object::kind::ObjectKind;
use crate::ops::IteratorRecord;
use crate::property::Attrs;
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

use super::iterator::IterKind;
use super::ordered_table::{
    normalize_key, table_cursor, table_delete, table_has, table_next, table_of, table_of_mut,
    table_set, OrderedTable, TableIteratorData,
};
use super::support::{
    current, define_to_string_tag, intrinsics, kind, kind_mut, link_constructor,
    new_object_with_kind, Slot,
};

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let proto = intrinsics(vm, realm).set_prototype;
        let iter_proto = intrinsics(vm, realm).set_iterator_prototype;
        let ctor = super::class_support::install_constructor(
            vm,
            realm,
            "Set",
            0,
            set_constructor,
            |i, c| i.set = c,
        );
        link_constructor(vm, ctor, proto);
        super::class_support::define_species_getter(vm, ctor);

        let methods: &[(&str, u32, NativeFn)] = &[
            ("add", 1, set_add),
            ("clear", 0, set_clear),
            ("delete", 1, set_delete),
            ("difference", 1, set_difference),
            ("entries", 0, set_entries),
            ("forEach", 1, set_for_each),
            ("has", 1, set_has),
            ("intersection", 1, set_intersection),
            ("isDisjointFrom", 1, set_is_disjoint_from),
            ("isSubsetOf", 1, set_is_subset_of),
            ("isSupersetOf", 1, set_is_superset_of),
            ("symmetricDifference", 1, set_symmetric_difference),
            ("union", 1, set_union),
        ];
        for &(name, len, f) in methods {
            vm.define_method(proto, name, len, f);
        }
        vm.define_accessor(
            proto,
            PropertyKey::Atom(atoms::SIZE),
            Some(set_size),
            None,
            Attrs::CONFIGURABLE_ONLY,
        );
        // `keys` and `@@iterator` are the same function object as `values`.
        let values = vm.define_method(proto, "values", 0, set_values);
        vm.define_value(
            proto,
            PropertyKey::Atom(atoms::KEYS),
            Value::Object(values),
            Attrs::METHOD,
        );
        let iter_sym = vm.symbols.iterator;
        vm.define_value(
            proto,
            PropertyKey::Symbol(iter_sym),
            Value::Object(values),
            Attrs::METHOD,
        );
        define_to_string_tag(vm, proto, "Set");

        vm.define_method(iter_proto, "next", 0, set_iterator_next);
        define_to_string_tag(vm, iter_proto, "Set Iterator");
    });
}

/// RequireInternalSlot(S, [[SetData]]).
fn this_set(vm: &Vm, this: Value, method: &str) -> JsResult<ObjId> {
    if let Some(o) = this.as_object() {
        if matches!(kind(vm, o), ObjectKind::Set(_)) {
            return Ok(o);
        }
    }
    Err(JsError::type_error(format!(
        "Set.prototype.{method} called on an object that is not a Set"
    )))
}

/// A new Set with %Set.prototype% of the current realm holding `table`.
fn new_set_with(vm: &mut Vm, table: OrderedTable) -> ObjId {
    let proto = current(vm).set_prototype;
    new_object_with_kind(vm, Some(proto), ObjectKind::Set(Box::new(table)))
}

/// A copy of the live entries of Set `o` (the spec's "copy of
/// O.[[SetData]]").
fn copy_table(vm: &Vm, o: ObjId) -> OrderedTable {
    table_of(vm, o).map_or_else(OrderedTable::new, |t| t.copy())
}

/// Set ( [ iterable ] ) (24.2.2.1).
fn set_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(nt) = args.new_target else {
        return Err(JsError::type_error("Constructor Set requires 'new'"));
    };
    let proto = vm.get_prototype_from_constructor(nt, |i| i.set_prototype)?;
    let set = new_object_with_kind(vm, Some(proto), ObjectKind::Set(Box::default()));
    vm.push_root(Value::Object(set));
    let iterable = args.arg(0);
    if iterable.is_nullish() {
        return Ok(Value::Object(set));
    }
    let adder = vm.get_prop(set, PropertyKey::Atom(atoms::ADD))?;
    if !vm.is_callable(adder) {
        return Err(JsError::type_error(
            "'add' returned for Set is not callable",
        ));
    }
    vm.push_root(adder);
    let mut rec = vm.get_iterator(iterable)?;
    vm.push_root(Value::Object(rec.iterator));
    vm.push_root(rec.next_method);
    let item = Slot::new(vm, Value::Undefined);
    loop {
        let Some(next) = vm.iterator_step_value(&mut rec)? else {
            return Ok(Value::Object(set));
        };
        item.set(vm, next);
        if let Err(e) = vm.call(adder, Value::Object(set), &[next]) {
            return vm.iterator_close(&rec, Err(e));
        }
    }
}

/// Set.prototype.add ( value ) (24.2.4.1).
fn set_add(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_set(vm, args.this, "add")?;
    table_set(vm, s, args.arg(0), Value::Undefined, false);
    Ok(args.this)
}

/// Set.prototype.clear ( ) (24.2.4.2).
fn set_clear(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_set(vm, args.this, "clear")?;
    if let Some(t) = table_of_mut(vm, s) {
        t.clear();
    }
    Ok(Value::Undefined)
}

/// Set.prototype.delete ( value ) (24.2.4.4).
fn set_delete(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_set(vm, args.this, "delete")?;
    Ok(Value::Boolean(table_delete(vm, s, args.arg(0))))
}

/// Set.prototype.entries ( ) (24.2.4.6).
fn set_entries(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    create_set_iterator(vm, args.this, IterKind::Entries, "entries")
}

/// Set.prototype.forEach ( callbackfn [ , thisArg ] ) (24.2.4.7).
fn set_for_each(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_set(vm, args.this, "forEach")?;
    let callback = args.arg(0);
    if !vm.is_callable(callback) {
        return Err(JsError::type_error(
            "Set.prototype.forEach: callback is not a function",
        ));
    }
    let this_arg = args.arg(1);
    let Some(cursor) = table_cursor(vm, s) else {
        return Ok(Value::Undefined);
    };
    // The callback may delete the element: keep it alive.
    let elem = Slot::new(vm, Value::Undefined);
    loop {
        let next = table_next(vm, s, &cursor);
        let Some((v, _)) = next else {
            return Ok(Value::Undefined);
        };
        elem.set(vm, v);
        vm.call(callback, this_arg, &[v, v, Value::Object(s)])?;
    }
}

/// Set.prototype.has ( value ) (24.2.4.8).
fn set_has(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_set(vm, args.this, "has")?;
    Ok(Value::Boolean(table_has(vm, s, args.arg(0))))
}

/// get Set.prototype.size (24.2.4.14).
fn set_size(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_set(vm, args.this, "size")?;
    Ok(Value::Number(table_of(vm, s).map_or(0, |t| t.len()) as f64))
}

/// Set.prototype.values ( ) (24.2.4.17), also `keys` and `@@iterator`.
fn set_values(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    create_set_iterator(vm, args.this, IterKind::Values, "values")
}

// ---- Set methods (24.2.4.5 and following; 24.2.1 abstract operations) ----

/// A Set Record (24.2.1.1). `object`, `has` and `keys` are rooted by
/// `get_set_record`.
struct SetRecord {
    object: ObjId,
    size: f64,
    has: Value,
    keys: Value,
}

/// GetSetRecord(obj) (24.2.1.2).
fn get_set_record(vm: &mut Vm, obj: Value) -> JsResult<SetRecord> {
    let Some(o) = obj.as_object() else {
        return Err(JsError::type_error("set method argument is not an object"));
    };
    let raw_size = vm.get_prop(o, PropertyKey::Atom(atoms::SIZE))?;
    let num_size = vm.to_number(raw_size)?;
    if num_size.is_nan() {
        return Err(JsError::type_error(
            "set method argument has a size that is not a number",
        ));
    }
    let int_size = vm.to_integer_or_infinity(Value::Number(num_size))?;
    if int_size < 0.0 {
        return Err(JsError::range_error(
            "set method argument has a negative size",
        ));
    }
    let has = vm.get_prop(o, PropertyKey::Atom(atoms::HAS))?;
    if !vm.is_callable(has) {
        return Err(JsError::type_error(
            "set method argument has a 'has' that is not a function",
        ));
    }
    vm.push_root(has);
    let keys = vm.get_prop(o, PropertyKey::Atom(atoms::KEYS))?;
    if !vm.is_callable(keys) {
        return Err(JsError::type_error(
            "set method argument has a 'keys' that is not a function",
        ));
    }
    vm.push_root(keys);
    Ok(SetRecord {
        object: o,
        size: int_size,
        has,
        keys,
    })
}

/// GetIteratorFromMethod(setRec.[[SetObject]], setRec.[[Keys]]) (7.4.4),
/// rooting the iterator and its `next`.
fn keys_iterator(vm: &mut Vm, rec: &SetRecord) -> JsResult<IteratorRecord> {
    let iterator = vm.call(rec.keys, Value::Object(rec.object), &[])?;
    let Some(iterator) = iterator.as_object() else {
        return Err(JsError::type_error("keys() did not return an object"));
    };
    vm.push_root(Value::Object(iterator));
    let next_method = vm.get_prop(iterator, PropertyKey::Atom(atoms::NEXT))?;
    vm.push_root(next_method);
    Ok(IteratorRecord {
        iterator,
        next_method,
        done: false,
    })
}

/// ToBoolean(? Call(setRec.[[Has]], setRec.[[SetObject]], « v »)).
fn other_has(vm: &mut Vm, rec: &SetRecord, v: Value) -> JsResult<bool> {
    let r = vm.call(rec.has, Value::Object(rec.object), &[v])?;
    Ok(vm.to_boolean(r))
}

/// SetDataSize(O.[[SetData]]).
fn this_size(vm: &Vm, s: ObjId) -> f64 {
    table_of(vm, s).map_or(0, |t| t.len()) as f64
}

fn set_data_has(vm: &Vm, s: ObjId, v: Value) -> bool {
    table_has(vm, s, v)
}

/// Appends `v` (canonicalized) to Set `s` if it is not there yet.
fn set_data_add(vm: &mut Vm, s: ObjId, v: Value) {
    table_set(vm, s, v, Value::Undefined, false);
}

fn set_data_remove(vm: &mut Vm, s: ObjId, v: Value) {
    table_delete(vm, s, v);
}

/// Set.prototype.union ( other ) (24.2.4.16).
fn set_union(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_set(vm, args.this, "union")?;
    let rec = get_set_record(vm, args.arg(0))?;
    let mut keys = keys_iterator(vm, &rec)?;
    let copy = copy_table(vm, o);
    let result = new_set_with(vm, copy);
    vm.push_root(Value::Object(result));
    while let Some(next) = vm.iterator_step_value(&mut keys)? {
        set_data_add(vm, result, next);
    }
    Ok(Value::Object(result))
}

/// Set.prototype.intersection ( other ) (24.2.4.9).
fn set_intersection(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_set(vm, args.this, "intersection")?;
    let rec = get_set_record(vm, args.arg(0))?;
    let result = new_set_with(vm, OrderedTable::new());
    vm.push_root(Value::Object(result));
    if this_size(vm, o) <= rec.size {
        let Some(cursor) = table_cursor(vm, o) else {
            return Ok(Value::Object(result));
        };
        let elem = Slot::new(vm, Value::Undefined);
        loop {
            let next = table_next(vm, o, &cursor);
            let Some((e, _)) = next else { break };
            elem.set(vm, e);
            if other_has(vm, &rec, e)? {
                set_data_add(vm, result, e);
            }
        }
    } else {
        let mut keys = keys_iterator(vm, &rec)?;
        while let Some(next) = vm.iterator_step_value(&mut keys)? {
            let next = normalize_key(next);
            if set_data_has(vm, o, next) {
                set_data_add(vm, result, next);
            }
        }
    }
    Ok(Value::Object(result))
}

/// Set.prototype.difference ( other ) (24.2.4.5).
fn set_difference(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_set(vm, args.this, "difference")?;
    let rec = get_set_record(vm, args.arg(0))?;
    let copy = copy_table(vm, o);
    let result = new_set_with(vm, copy);
    vm.push_root(Value::Object(result));
    if this_size(vm, o) <= rec.size {
        // Visit the elements of the copy taken at the start (the result),
        // removing those the other set has.
        let Some(cursor) = table_cursor(vm, result) else {
            return Ok(Value::Object(result));
        };
        let elem = Slot::new(vm, Value::Undefined);
        loop {
            let next = table_next(vm, result, &cursor);
            let Some((e, _)) = next else { break };
            elem.set(vm, e);
            if other_has(vm, &rec, e)? {
                set_data_remove(vm, result, e);
            }
        }
    } else {
        let mut keys = keys_iterator(vm, &rec)?;
        while let Some(next) = vm.iterator_step_value(&mut keys)? {
            set_data_remove(vm, result, next);
        }
    }
    Ok(Value::Object(result))
}

/// Set.prototype.symmetricDifference ( other ) (24.2.4.15).
fn set_symmetric_difference(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_set(vm, args.this, "symmetricDifference")?;
    let rec = get_set_record(vm, args.arg(0))?;
    let mut keys = keys_iterator(vm, &rec)?;
    let copy = copy_table(vm, o);
    let result = new_set_with(vm, copy);
    vm.push_root(Value::Object(result));
    while let Some(next) = vm.iterator_step_value(&mut keys)? {
        let next = normalize_key(next);
        let already_in_result = set_data_has(vm, result, next);
        if set_data_has(vm, o, next) {
            if already_in_result {
                set_data_remove(vm, result, next);
            }
        } else if !already_in_result {
            set_data_add(vm, result, next);
        }
    }
    Ok(Value::Object(result))
}

/// Set.prototype.isSubsetOf ( other ) (24.2.4.11).
fn set_is_subset_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_set(vm, args.this, "isSubsetOf")?;
    let rec = get_set_record(vm, args.arg(0))?;
    if this_size(vm, o) > rec.size {
        return Ok(Value::Boolean(false));
    }
    let Some(cursor) = table_cursor(vm, o) else {
        return Ok(Value::Boolean(true));
    };
    let elem = Slot::new(vm, Value::Undefined);
    loop {
        let next = table_next(vm, o, &cursor);
        let Some((e, _)) = next else { break };
        elem.set(vm, e);
        if !other_has(vm, &rec, e)? {
            return Ok(Value::Boolean(false));
        }
    }
    Ok(Value::Boolean(true))
}

/// Set.prototype.isSupersetOf ( other ) (24.2.4.12).
fn set_is_superset_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_set(vm, args.this, "isSupersetOf")?;
    let rec = get_set_record(vm, args.arg(0))?;
    if this_size(vm, o) < rec.size {
        return Ok(Value::Boolean(false));
    }
    let mut keys = keys_iterator(vm, &rec)?;
    while let Some(next) = vm.iterator_step_value(&mut keys)? {
        if !set_data_has(vm, o, next) {
            vm.iterator_close(&keys, Ok(()))?;
            return Ok(Value::Boolean(false));
        }
    }
    Ok(Value::Boolean(true))
}

/// Set.prototype.isDisjointFrom ( other ) (24.2.4.10).
fn set_is_disjoint_from(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_set(vm, args.this, "isDisjointFrom")?;
    let rec = get_set_record(vm, args.arg(0))?;
    if this_size(vm, o) <= rec.size {
        let Some(cursor) = table_cursor(vm, o) else {
            return Ok(Value::Boolean(true));
        };
        let elem = Slot::new(vm, Value::Undefined);
        loop {
            let next = table_next(vm, o, &cursor);
            let Some((e, _)) = next else { break };
            elem.set(vm, e);
            if other_has(vm, &rec, e)? {
                return Ok(Value::Boolean(false));
            }
        }
    } else {
        let mut keys = keys_iterator(vm, &rec)?;
        while let Some(next) = vm.iterator_step_value(&mut keys)? {
            if set_data_has(vm, o, next) {
                vm.iterator_close(&keys, Ok(()))?;
                return Ok(Value::Boolean(false));
            }
        }
    }
    Ok(Value::Boolean(true))
}

// ---- Set iterators (24.2.6) ----

/// CreateSetIterator(set, kind) (24.2.6.1).
fn create_set_iterator(vm: &mut Vm, this: Value, kind: IterKind, method: &str) -> JsResult<Value> {
    let s = this_set(vm, this, method)?;
    let Some(cursor) = table_cursor(vm, s) else {
        return Err(JsError::type_error("not a Set"));
    };
    let proto = current(vm).set_iterator_prototype;
    let it = new_object_with_kind(
        vm,
        Some(proto),
        ObjectKind::SetIterator(TableIteratorData {
            target: Some((s, cursor)),
            kind,
        }),
    );
    Ok(Value::Object(it))
}

/// %SetIteratorPrototype%.next ( ) (24.2.6.2.1).
fn set_iterator_next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let it = match args.this.as_object() {
        Some(o) if matches!(kind(vm, o), ObjectKind::SetIterator(_)) => o,
        _ => {
            return Err(JsError::type_error(
                "Set Iterator.prototype.next called on an incompatible receiver",
            ))
        }
    };
    let step = match kind_mut(vm, it) {
        ObjectKind::SetIterator(d) => d.target.take().map(|(s, c)| (s, c, d.kind)),
        _ => None,
    };
    let Some((s, cursor, iter_kind)) = step else {
        return Ok(Value::Object(vm.create_iter_result(Value::Undefined, true)));
    };
    let entry = table_next(vm, s, &cursor);
    let Some((v, _)) = entry else {
        return Ok(Value::Object(vm.create_iter_result(Value::Undefined, true)));
    };
    if let ObjectKind::SetIterator(d) = kind_mut(vm, it) {
        d.target = Some((s, cursor));
    }
    let result = match iter_kind {
        IterKind::Entries => Value::Object(vm.new_array(&[v, v])),
        IterKind::Keys | IterKind::Values => v,
    };
    Ok(Value::Object(vm.create_iter_result(result, false)))
}

#[cfg(test)]
mod tests {
    use super::super::class_test_support::{call, is_true, new, num, prop, vm};
    use super::*;

    fn set_of(vm: &mut Vm, items: &[f64]) -> Value {
        let ctor = current(vm).set;
        let values: Vec<Value> = items.iter().map(|&n| Value::Number(n)).collect();
        let list = Value::Object(vm.new_array(&values));
        new(vm, ctor, &[list])
    }

    fn contents(vm: &mut Vm, set: Value) -> Vec<f64> {
        let it = call(vm, set, "values", &[]);
        let mut out = Vec::new();
        loop {
            let r = call(vm, it, "next", &[]);
            if is_true(prop(vm, r, "done")) {
                return out;
            }
            out.push(num(prop(vm, r, "value")));
        }
    }

    #[test]
    fn set_methods() {
        let mut vm = vm();
        let a = set_of(&mut vm, &[1.0, 2.0, 3.0]);
        let b = set_of(&mut vm, &[3.0, 4.0]);
        let u = call(&mut vm, a, "union", &[b]);
        assert_eq!(contents(&mut vm, u), vec![1.0, 2.0, 3.0, 4.0]);
        let i = call(&mut vm, a, "intersection", &[b]);
        assert_eq!(contents(&mut vm, i), vec![3.0]);
        let d = call(&mut vm, a, "difference", &[b]);
        assert_eq!(contents(&mut vm, d), vec![1.0, 2.0]);
        let x = call(&mut vm, a, "symmetricDifference", &[b]);
        assert_eq!(contents(&mut vm, x), vec![1.0, 2.0, 4.0]);
        let small = set_of(&mut vm, &[2.0, 3.0]);
        assert!(is_true(call(&mut vm, small, "isSubsetOf", &[a])));
        assert!(is_true(call(&mut vm, a, "isSupersetOf", &[small])));
        assert!(!is_true(call(&mut vm, a, "isDisjointFrom", &[b])));
        let far = set_of(&mut vm, &[7.0]);
        assert!(is_true(call(&mut vm, a, "isDisjointFrom", &[far])));
    }

    #[test]
    fn set_record_validation() {
        let mut vm = vm();
        let a = set_of(&mut vm, &[1.0]);
        let plain = Value::Object(vm.new_plain_object());
        // size undefined -> NaN -> TypeError.
        assert!(super::super::class_test_support::try_call(&mut vm, a, "union", &[plain]).is_err());
        assert!(super::super::class_test_support::try_call(
            &mut vm,
            a,
            "union",
            &[Value::Number(1.0)]
        )
        .is_err());
    }

    #[test]
    fn add_normalizes_and_dedups() {
        let mut vm = vm();
        let a = set_of(&mut vm, &[-0.0, 0.0, f64::NAN, f64::NAN]);
        let c = contents(&mut vm, a);
        assert_eq!(c.len(), 2);
        assert!(c[0] == 0.0 && c[0].is_sign_positive());
        assert!(c[1].is_nan());
    }
}
